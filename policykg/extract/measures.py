"""Measure extraction. STUB (issue 2); issue 5 builds targets and statistics."""

from __future__ import annotations

from policykg.extract.document import Document
from policykg.extract.model import Entity, Measure


def find_measures(document: Document, entities: list[Entity]) -> list[Measure]:
    return []
