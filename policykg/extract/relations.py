"""Relation extraction. STUB (issue 2); issue 5 builds the cue table."""

from __future__ import annotations

from policykg.extract.document import Document
from policykg.extract.model import Entity, Relation, Span


def find_relations(document: Document, entities: list[Entity]) -> list[Relation]:
    """Stub: an Enterprise-less skeleton; a Cluster mentioned in a sentence with '龙头' is led by nothing yet."""
    out: list[Relation] = []
    clusters = [e for e in entities if e.type == "Cluster"]
    parks = [e for e in entities if e.type == "Park"]
    for c in clusters:
        for p in parks:
            for s in document.sentences:
                if any(s.start <= m.start < s.end for m in c.mentions) and any(
                        s.start <= m.start < s.end for m in p.mentions):
                    out.append(Relation(p.id, "memberOf", c.id, Span(s.start, s.end), 0.3))
                    break
    return out
