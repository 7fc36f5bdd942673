"""Entity extraction: a spaCy pipeline (spacy.blank("zh") + rule components whose rules are
data files in policykg/extract/rules/entity_*; see nlp.py) that finds the entities of
ANNOTATION.md."""

from __future__ import annotations

from policykg.extract.document import Document
from policykg.extract.model import Entity

__all__ = ["find_entities"]


def find_entities(document: Document) -> list[Entity]:
    """The entities of a document, each with its aliases and clean-text mentions: the spaCy
    pipeline (nlp.py) run on its clean text, with the document as its context."""
    from policykg.extract.entities.nlp import entities_of, entity_nlp

    nlp = entity_nlp()
    # spaCy's max_length guards the memory of parsers and NER models (about 1 GB per 100,000
    # characters); these rule components keep a token per character and little else, so a
    # long document is taken whole (its names and aliases resolve over all of it).
    nlp.max_length = max(nlp.max_length, len(document.text) + 1)
    doc = nlp.make_doc(document.text)
    doc._.document = document
    return entities_of(nlp(doc))
