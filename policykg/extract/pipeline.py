"""Wires the extraction stages: entities, then relations and measures over them.

Entities come from a spaCy pipeline (``spacy.blank("zh")`` plus rule components, built
once per process by ``policykg.extract.entities.nlp.entity_nlp`` from the shipped config
``rules/entity_pipeline.cfg``). Relations and measures read the document and the entities
(``city_entity`` in ``policykg.extract.entities`` gives the subject city's Place).
"""

from __future__ import annotations

from pathlib import Path

from policykg.extract.cues import subject_entity
from policykg.extract.document import Document, read_document
from policykg.extract.entities import find_entities
from policykg.extract.measures import find_measures
from policykg.extract.model import Extraction
from policykg.extract.normalise import script_aliases
from policykg.extract.relations import find_relations


def extract_document(document: Document) -> Extraction:
    """Entities, relations and measures of one document (clean-text spans inside)."""
    entities = find_entities(document)
    subject = subject_entity(document, entities)  # what 我市/全市 and unnamed figures refer to
    relations = find_relations(document, entities, subject)
    measures = find_measures(document, entities, subject)
    script_aliases(document, entities)  # a Traditional text's names as written, too
    return Extraction(document, entities, relations, measures)


def extract_path(path: str | Path) -> Extraction:
    """Read a file (errors: policykg.errors.InputError) and extract it."""
    return extract_document(read_document(path))
