"""Reading documents and extracting entities, relations and measures from them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_pipeline"]


def load_pipeline(overrides: dict[str, Any] | None = None) -> Language:
    """The entity stage as a spaCy Language: nlp(text) leaves each mention of each entity in
    doc.spans["policykg"] (see policykg.extract.entities.nlp); overrides set config values
    ({"components.policykg_persons.priority": 65}). Imported on call, so that importing
    policykg.extract does not load spaCy."""
    from policykg.extract.entities.nlp import load_pipeline as load

    return load(overrides)
