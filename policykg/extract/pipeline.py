"""Wires the extraction stages: entities, then relations and measures over them.

Entities come from a spaCy pipeline (``spacy.blank("zh")`` plus rule components, built
once per process by ``policykg.extract.entities.nlp.entity_nlp`` from the shipped config
``rules/entity_pipeline.cfg``). Relations and measures read the document and the entities
through one ``DocumentContext`` (policykg.extract.context: the subject region and entity, the
document's years, its periods and mentions).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path

from policykg.extract.context import build_context
from policykg.extract.document import Document, read_document
from policykg.extract.entities import find_entities
from policykg.extract.measures import find_measures
from policykg.extract.model import Entity, Extraction, Measure, Relation
from policykg.extract.normalise import script_aliases
from policykg.extract.relations import find_relations


def extract_document(document: Document) -> Extraction:
    """Entities, relations and measures of one document (clean-text spans inside)."""
    entities = find_entities(document)
    context = build_context(document, entities)  # subject, years, periods: built once
    relations = find_relations(document, entities, context)
    measures = find_measures(document, entities, context)
    script_aliases(document, entities)  # a Traditional text's names as written, too
    entities = without_idle_nested_places(entities, relations, measures)
    return Extraction(document, entities, relations, measures)


def without_idle_nested_places(entities: list[Entity], relations: list[Relation],
                               measures: list[Measure]) -> list[Entity]:
    """Drop a place the text names only inside other names (上海 of 上海证券交易所, 深圳 of 深圳市某某
    有限公司) that no relation or measure uses: an annotator lists the place where the text speaks
    of it, not where it only opens a name."""
    spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
    starts = [a for a, _, _ in spans]
    used = {r.head for r in relations} | {r.tail for r in relations} | {m.subject for m in measures}
    longest = max((b - a for a, b, _ in spans), default=0)

    def inside_another(entity: Entity, start: int, end: int) -> bool:
        lo, hi = bisect_left(starts, start - longest), bisect_right(starts, start)  # the spans that may hold it
        return any(end <= b and b - a > end - start and owner != entity.id for a, b, owner in spans[lo:hi])

    return [e for e in entities if e.type != "Place" or e.id in used
            or not all(inside_another(e, m.start, m.end) for m in e.mentions)]


def extract_path(path: str | Path) -> Extraction:
    """Read a file (errors: policykg.errors.InputError) and extract it."""
    return extract_document(read_document(path))
