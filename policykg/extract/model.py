"""The extraction's data model, serialised as ../shared/spec/extraction-json.md says.

Inside the pipeline every span is in CLEAN-text offsets (``Document.text``);
``Extraction.to_dict`` maps them to ORIGINAL-text offsets with the document's
offset map, so the JSON always points into the file as it was read.  A span's
``text`` is the ORIGINAL slice as written (Traditional characters, Kangxi radicals
and all), never the clean (normalised) text; names, indicators and units are clean.
Where layout repair changed the slice (a PDF's line breaks inside words: 时\n间), the
span also has ``repaired``: the same characters as written, with the layout repaired
(what a reader is shown; ``Document.repaired_text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

# The types are the registry's (policykg.schema); re-exported for the extraction's users.
from policykg.schema import CORE_TYPES, ENTITY_TYPES, MEASURE_KINDS, RELATION_TYPES, SECONDARY_TYPES  # noqa: F401

if TYPE_CHECKING:
    from policykg.extract.document import Document


@dataclass(frozen=True)
class Span:
    """A clean-text span [start, end)."""

    start: int
    end: int

    def to_dict(self, document: Document) -> dict[str, Any]:
        start, end = document.to_original(self.start, self.end)
        out = {"start": start, "end": end, "text": document.original[start:end]}
        repaired = document.repaired_text(self.start, self.end)
        if repaired != out["text"]:  # an extra field the spec allows
            out["repaired"] = repaired
        return out


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    confidence: float = 1.0
    ref: str | None = None  # id in a public reference list (sasac:012, nbs:340176, gbt4754:C)

    def to_dict(self, document: Document) -> dict[str, Any]:
        out = {
            "id": self.id, "name": self.name, "type": self.type,
            "aliases": [a for a in self.aliases if a != self.name],
            "mentions": [_mention_dict(m, document) for m in self.mentions],
        }
        if self.ref:
            out["ref"] = self.ref  # an extra field the spec allows
        return out


def _mention_dict(mention: Span, document: Document) -> dict[str, Any]:
    """A mention with the sentence it is in (an extra field the spec allows), for provenance views."""
    data = mention.to_dict(document)
    sentence = document.sentence_at(mention.start)
    if sentence is not None:
        data["sentence"] = Span(sentence.start, sentence.end).to_dict(document)
    return data


RELATION_BASES = ("stated", "name_prefix", "subject_default")


@dataclass
class Relation:
    head: str  # entity id
    relation: str
    tail: str  # entity id
    evidence: Span
    confidence: float = 0.8
    # how the relation is known: "stated" (its evidence sentence states it), "name_prefix" (the
    # head's name opens with the tail's: 耒阳大市产业园 → 耒阳) or "subject_default" (assumed of
    # the document's subject; the evidence names the head only)
    basis: str = "stated"  # one of RELATION_BASES

    def to_dict(self, document: Document) -> dict[str, Any]:
        return {
            "head": self.head, "relation": self.relation, "tail": self.tail,
            "confidence": round(self.confidence, 3), "evidence": self.evidence.to_dict(document),
            "basis": self.basis,
        }


@dataclass
class Measure:
    kind: str  # target | statistic
    subject: str | None  # entity id
    indicator: str
    value: float
    unit: str
    evidence: Span
    year: int | None = None
    baseline: float | None = None
    qualifier: str | None = None
    confidence: float = 0.8

    def to_dict(self, document: Document) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind, "subject": self.subject, "indicator": document.as_written(self.indicator),
            "value": _number(self.value), "unit": document.as_written(self.unit),
            "evidence": self.evidence.to_dict(document), "confidence": round(self.confidence, 3),
        }
        if self.year is not None:
            out["year"] = self.year
        if self.baseline is not None:
            out["baseline"] = _number(self.baseline)
        if self.qualifier:
            out["qualifier"] = self.qualifier
        return out


@dataclass
class Extraction:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "document": doc.info(),
            "entities": [e.to_dict(doc) for e in self.entities],
            "relations": [r.to_dict(doc) for r in self.relations],
            "measures": [m.to_dict(doc) for m in self.measures],
        }


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)
