"""The spaCy pipeline: spacy.blank("zh") plus the components listed in
rules/entity_pipeline.txt, built once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from policykg.extract.entities import components  # noqa: F401  (registers the factories)
from policykg.extract.entities import rules


@cache
def entity_nlp() -> Language:
    nlp = spacy.blank("zh")
    for name in rules.pipeline_components():
        nlp.add_pipe(name)
    return nlp
