"""The one registry of what the knowledge graph holds: entity types, relation types with the
types each may join, and measure kinds (shared/spec/ANNOTATION.md).

Everything else reads them from here: the extractor's relation filter (``allows``), the
validation of the rule files (policykg/extract/ruledata.py), evaluation's type lists, the
ontology mapping and the graph views. Tests check that the ontology (ontology/policykg.ttl:
a class per type, a property per relation with its rdfs:domain / rdfs:range), the SHACL
shapes (ontology/shapes.ttl) and the page's styles (graph/viz.py: a colour per type) agree.

Signatures are ANNOTATION.md's table with two extensions that the annotated corpus uses and
the ontology already states: ``locatedIn`` may end at a Park (an enterprise or a sub-park in
a park: 12 + 4 gold relations) and ``affiliatedWith`` at an Enterprise (a person's post in a
company).
"""

from __future__ import annotations

from dataclasses import dataclass

CORE_TYPES = ("Enterprise", "Park", "Cluster", "Zone", "Plan", "Agency", "Place")
SECONDARY_TYPES = ("Institution", "Person", "Industry")
ENTITY_TYPES = CORE_TYPES + SECONDARY_TYPES
MEASURE_KINDS = ("target", "statistic")


@dataclass(frozen=True)
class Signature:
    """Heads of these types may join tails of those types."""

    heads: tuple[str, ...]
    tails: tuple[str, ...]

    def __str__(self) -> str:
        return f"{'/'.join(self.heads)} → {'/'.join(self.tails)}"


@dataclass(frozen=True)
class RelationType:
    """A relation and its signatures (alternatives: includes is Plan → Zone/Plan or Zone → Park/Cluster)."""

    name: str
    signatures: tuple[Signature, ...]

    @property
    def heads(self) -> tuple[str, ...]:
        """Every type that may be a head, in registry order."""
        return tuple(t for t in ENTITY_TYPES if any(t in s.heads for s in self.signatures))

    @property
    def tails(self) -> tuple[str, ...]:
        """Every type that may be a tail, in registry order."""
        return tuple(t for t in ENTITY_TYPES if any(t in s.tails for s in self.signatures))

    def allows(self, head_type: str, tail_type: str) -> bool:
        return any(head_type in s.heads and tail_type in s.tails for s in self.signatures)

    def tails_of(self, head_type: str) -> tuple[str, ...]:
        """The types a head of this type may join."""
        return tuple(t for t in ENTITY_TYPES if self.allows(head_type, t))

    def __str__(self) -> str:
        return "; ".join(map(str, self.signatures))


def _relation(name: str, *signatures: tuple[tuple[str, ...], tuple[str, ...]]) -> RelationType:
    return RelationType(name, tuple(Signature(heads, tails) for heads, tails in signatures))


RELATIONS: dict[str, RelationType] = {r.name: r for r in (
    _relation("leads", (("Enterprise",), ("Cluster",))),
    _relation("memberOf", (("Place", "Enterprise", "Park"), ("Zone", "Cluster"))),
    _relation("designatedAs", (("Place", "Park", "Enterprise"), ("Zone",))),
    _relation("includes", (("Plan",), ("Zone", "Plan")), (("Zone",), ("Park", "Cluster"))),
    _relation("locatedIn", (("Park", "Cluster", "Zone", "Enterprise"), ("Place", "Park"))),
    _relation("issuedBy", (("Plan",), ("Agency",))),
    _relation("approvedBy", (("Plan", "Zone"), ("Agency",))),
    _relation("focusesOn", (("Zone", "Park", "Cluster", "Plan"), ("Industry",))),
    _relation("affiliatedWith", (("Person",), ("Agency", "Institution", "Enterprise"))),
)}
RELATION_TYPES = tuple(RELATIONS)


def allows(head_type: str, relation: str, tail_type: str) -> bool:
    """Whether ``relation`` may join an entity of ``head_type`` to one of ``tail_type``."""
    found = RELATIONS.get(relation)
    return found is not None and found.allows(head_type, tail_type)
