"""Wires the extraction stages: entities, then relations and measures over them.

STUB by the walking skeleton (issue 2): issue 4 replaces ``find_entities`` with
the spaCy pipeline, issue 5 ``find_relations`` and ``find_measures``.
"""

from __future__ import annotations

from pathlib import Path

from policykg.extract.document import Document, read_document
from policykg.extract.entities import find_entities
from policykg.extract.measures import find_measures
from policykg.extract.model import Extraction
from policykg.extract.relations import find_relations


def extract_document(document: Document) -> Extraction:
    entities = find_entities(document)
    relations = find_relations(document, entities)
    measures = find_measures(document, entities)
    return Extraction(document, entities, relations, measures)


def extract_path(path: str | Path) -> Extraction:
    return extract_document(read_document(path))
