"""Reading documents and extracting entities, relations and measures from them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_pipeline"]


def load_pipeline() -> Language:
    """The entity stage as a spaCy Language: nlp(text) leaves each mention of each entity in
    doc.spans["policykg"] (see policykg.extract.entities.nlp). Imported on call, so that
    importing policykg.extract does not load spaCy."""
    from policykg.extract.entities.nlp import load_pipeline as load

    return load()
