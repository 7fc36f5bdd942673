"""The spaCy pipeline: spacy.blank("zh") plus the components listed in
rules/entity_pipeline.txt, built once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from policykg.extract.entities import components  # noqa: F401  (registers the factories)
from policykg.extract.entities import rules


class CharTokenizer:
    """One token per character, as spaCy's zh "char" segmenter gives for Chinese text, built
    straight from the characters: token i is character i of the clean text, so token and
    character offsets agree (the gazetteer's PhraseMatcher needs nothing more), and the
    segmenter's per-token offset search is saved."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


@cache
def entity_nlp() -> Language:
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    for name in rules.pipeline_components():
        nlp.add_pipe(name)
    return nlp
