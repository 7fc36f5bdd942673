"""Near-duplicate entities across documents (白沙洲工业园 / 白沙洲工业园区 / 衡阳白沙洲工业园区),
found by rules a reader can audit and linked with ``owl:sameAs`` in one graph of their own.

Rules, tried in this order, between entities of one type (the first that holds is the reason):
- ``same reference id``: both carry one ``dcterms:identifier`` of a public list;
- ``shared name``: a name or alias of one is a name or alias of the other;
- ``place prefix``: one's name is the other's without a leading place (衡阳白沙洲工业园区);
- ``short head``: the names differ only in the long or short form of their head (工业园区 /
  工业园, 经济技术开发区 / 经开区, 高新技术产业开发区 / 高新区).
Names are compared after the scorer's normalisation (NFKC, no spaces, no quotation marks), and
only distinctive ones: relative short forms (省政府, 市委, 高新区) stand for each document's own, and
places are left to the divisions list (西安区 is no 西安市). Abbreviations (湘油泵 / 湖南机油泵)
are not found yet.
``link`` replaces the graph ``res:graph/sameas`` with the groups the pairs connect (each member
sameAs every member), so it is rebuilt from the store as it is (run it again after a build or a
remove); ``@cross-document`` counts a group as one entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import pyoxigraph as ox

from policykg.evaluation import norm
from policykg.extract.divisions import lookup
from policykg.extract.entities.rules import suffix_by_text
from policykg.ontology.mapping import RES

SAMEAS_GRAPH = str(RES["graph/sameas"])
_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")

# long and short forms of the heads of park names
_HEADS = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("工业园区", "工业园"),
          ("产业园区", "产业园"), ("科技园区", "科技园"), ("物流园区", "物流园"), ("综合保税区", "综保区"))

_ENTITIES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX pkg: <https://w3id.org/policykg/ontology#>
SELECT ?e ?type ?label ?alias ?id WHERE { GRAPH <https://w3id.org/policykg/resource/graph/entities> {
  ?e a ?t ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?t), STR(pkg:)))
  BIND(STRAFTER(STR(?t), STR(pkg:)) AS ?type)
  OPTIONAL { ?e skos:altLabel ?alias }
  OPTIONAL { ?e dcterms:identifier ?id }
} }"""  # entity-level triples are stored once, in the entity graph


@dataclass(frozen=True)
class Duplicate:
    first: str  # entity IRIs, the first by label
    second: str
    type: str
    first_label: str
    second_label: str
    reason: str


@dataclass(eq=False)  # hashed by identity: one object per entity
class _Entity:
    iri: str
    type: str
    label: str
    forms: set[str]
    ids: set[str]


def find_duplicates(store: Any) -> list[Duplicate]:
    """Pairs of entities of one type that name one thing, each with the rule that says so."""
    entities = _entities(store)
    by_type: dict[str, list[_Entity]] = {}
    for e in entities.values():
        by_type.setdefault(e.type, []).append(e)
    found = []
    for etype, group in by_type.items():
        for a, b in _candidate_pairs(group):
            reason = _reason(a, b)
            if reason:
                first, second = sorted((a, b), key=lambda e: (e.label, e.iri))
                found.append(Duplicate(first.iri, second.iri, etype, first.label, second.label, reason))
    return sorted(found, key=lambda d: (d.type, d.first_label, d.second_label))


def link(store: Any, duplicates: list[Duplicate]) -> int:
    """Write the pairs as ``owl:sameAs`` into the sameas graph, replacing it: each group of
    entities the pairs connect is written whole (every member sameAs every member, itself
    included), so a query finds a group's members with one lookup (@cross-document counts a
    group as one entity). Returns the number of pairs."""
    graph = ox.NamedNode(SAMEAS_GRAPH)
    quads = [ox.Quad(ox.NamedNode(x), _SAME_AS, ox.NamedNode(y), graph)
             for group in groups(duplicates) for x in group for y in group]
    store.replace_graph(SAMEAS_GRAPH, quads)
    return len(duplicates)


def groups(duplicates: list[Duplicate]) -> list[list[str]]:
    """The entities the pairs connect, group by group (connected components), each sorted."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in duplicates:
        parent[root(d.first)] = root(d.second)
    members: dict[str, list[str]] = {}
    for x in list(parent):
        members.setdefault(root(x), []).append(x)
    return sorted(sorted(group) for group in members.values())


def _entities(store: Any) -> dict[str, _Entity]:
    """The entities of the store with their distinctive forms (places are left to the
    divisions list: 西安区 is no 西安市)."""
    out: dict[str, _Entity] = {}
    for iri, etype, label, alias, ident in store.query(_ENTITIES, max_rows=None).values():
        if etype == "Place":
            continue
        e = out.setdefault(iri, _Entity(iri, etype, label, {f for f in [norm(label)] if _distinctive(f)}, set()))
        if alias and _distinctive(norm(alias)):
            e.forms.add(norm(alias))
        if ident:
            e.ids.add(ident)
    return out


def _distinctive(form: str) -> bool:
    """A form that names one thing wherever it is written: not a relative short form (省政府,
    市委, 高新区 stand for the document's own) nor a bare head (政府工作报告)."""
    return len(form) >= 4 and not form.startswith(_RELATIVE_STARTS) and form not in suffix_by_text()


_RELATIVE_STARTS = ("省", "市", "县", "区", "州", "本", "我", "全", "该", "其", "国家级", "省级", "市级")


def _candidate_pairs(group: list[_Entity]) -> set[tuple[_Entity, _Entity]]:
    """Pairs that share a key (an id, a form, a form without its place or with its short head):
    linear in the entities, not quadratic."""
    keys: dict[str, list[_Entity]] = {}
    for e in group:
        for key in {*(f"id:{i}" for i in e.ids), *(k for f in e.forms for k in _keys(f))}:
            keys.setdefault(key, []).append(e)
    pairs = set()
    for members in keys.values():
        if 1 < len(members) <= 50:  # a key shared by very many entities says nothing
            pairs.update((a, b) if a.iri < b.iri else (b, a) for a, b in combinations(members, 2))
    return pairs


def _keys(form: str) -> set[str]:
    return {form, _without_place(form) or form, _short_head(form)}


def _reason(a: _Entity, b: _Entity) -> str | None:
    if a.ids & b.ids:
        return f"same reference id {sorted(a.ids & b.ids)[0]}"
    shared = a.forms & b.forms
    if shared:
        return f"shared name {sorted(shared)[0]}"
    for x, y in ((a, b), (b, a)):  # the other's own name, not one of its aliases, and not a bare head
        bare = {_without_place(f) for f in x.forms} - {None}
        if norm(y.label) in bare and _distinctive(norm(y.label)) and _without_place(norm(y.label)) is None:
            return f"{x.label} is {y.label} with its place before it"
    if {_short_head(f) for f in a.forms} & {_short_head(f) for f in b.forms}:
        return "the same name with a long and a short head"
    return None


def _without_place(form: str) -> str | None:
    """The name without a leading division (衡阳白沙洲工业园区 → 白沙洲工业园区), if any is left."""
    for k in (5, 4, 3, 2):
        if len(form) - k >= 4 and lookup(form[:k]):
            return form[k:]
    return None


def _short_head(form: str) -> str:
    for long, short in _HEADS:
        if form.endswith(long):
            return form[: -len(long)] + short
    return form
