"""Wires the extraction stages: entities, then relations and measures over them.

Entities come from a spaCy pipeline (``spacy.blank("zh")`` plus rule components, built
once per process by ``policykg.extract.entities.nlp.entity_nlp`` from the shipped config
``rules/entity_pipeline.cfg``). Relations and measures read the document and the entities
through one ``DocumentContext`` (policykg.extract.context: the subject region and entity, the
document's years, its periods and mentions).
"""

from __future__ import annotations

from pathlib import Path

from policykg.extract.context import build_context
from policykg.extract.document import Document, read_document
from policykg.extract.entities import find_entities
from policykg.extract.measures import find_measures
from policykg.extract.model import Extraction
from policykg.extract.normalise import script_aliases
from policykg.extract.relations import find_relations


def extract_document(document: Document) -> Extraction:
    """Entities, relations and measures of one document (clean-text spans inside)."""
    entities = find_entities(document)
    context = build_context(document, entities)  # subject, years, periods: built once
    relations = find_relations(document, entities, context)
    measures = find_measures(document, entities, context)
    script_aliases(document, entities)  # a Traditional text's names as written, too
    return Extraction(document, entities, relations, measures)


def extract_path(path: str | Path) -> Extraction:
    """Read a file (errors: policykg.errors.InputError) and extract it."""
    return extract_document(read_document(path))
