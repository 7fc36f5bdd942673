"""The entity stage as a spaCy pipeline: spacy.blank("zh") with a character tokenizer and the
components of components.py, wired by the shipped config rules/entity_pipeline.cfg.

    nlp = load_pipeline()
    doc = nlp(text)  # text is taken as the clean text
    for span in doc.spans["policykg"]:  # each mention of each entity
        span.label_, span._.entity_id, span._.canonical, span._.aliases

The first component (policykg_document) sets the working state the finders read (the policykg
Document, its subject city, the candidate list), the last (policykg_resolve) turns the
candidates into the span group and drops that state: it holds Python objects that a Doc cannot
serialise (nlp.pipe with n_process > 1 sends each Doc back as bytes). The entity table (name,
aliases by entity id) travels with the span group, in its attrs.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any, Callable

import spacy
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.vocab import Vocab

from policykg.extract.document import Document, document_from_text
from policykg.extract.entities import components  # noqa: F401  (registers the finders)
from policykg.extract.subject import subject_region
from policykg.extract.entities.resolve import resolve
from policykg.extract.model import Entity
from policykg.extract.model import Span as Mention
from policykg.extract.ruledata import RULES_DIR

CONFIG = RULES_DIR / "entity_pipeline.cfg"
SPANS_KEY = "policykg"  # doc.spans[SPANS_KEY]: the entity mentions


# ---------------------------------------------------------------- tokenizer

class CharTokenizer:
    """One token per character, as spaCy's zh "char" segmenter gives for Chinese text, built
    straight from the characters: token i is character i of the clean text, so token and
    character offsets agree (the gazetteer's PhraseMatcher needs nothing more), and the
    segmenter's per-token offset search is saved."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._orth: dict[str, int] = {}  # character -> its string hash

    def __call__(self, text: str) -> Doc:
        # Doc builds about 1.7x faster from string hashes than from strings (measured: it
        # hashes no token); a character's hash is in the StringStore from its first use on.
        orth = self._orth
        try:
            words = list(map(orth.__getitem__, text))
        except KeyError:  # a character not seen before (the set of a text only then)
            for ch in set(text).difference(orth):
                orth[ch] = self.vocab.strings.add(ch)
            words = list(map(orth.__getitem__, text))
        return Doc(self.vocab, words=words, spaces=[False] * len(text))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # It has no state: the config (its registered name) is all nlp.to_disk needs to save.
    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> CharTokenizer:
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> CharTokenizer:
        return self


@spacy.registry.tokenizers("policykg.CharTokenizer.v1")
def create_char_tokenizer() -> Callable[[Language], CharTokenizer]:
    def create(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)
    return create


# ---------------------------------------------------------------- loading

def load_pipeline(overrides: dict[str, Any] | None = None) -> Language:
    """A new entity pipeline, built from the shipped config (component order, settings);
    overrides as for spacy.load: {"components.policykg_persons.priority": 65}."""
    config = util.load_config(CONFIG, overrides=overrides or {})
    return util.load_model_from_config(config, auto_fill=True, validate=True)


@cache
def entity_nlp() -> Language:
    """The pipeline find_entities runs, built once per process."""
    return load_pipeline()


# ---------------------------------------------------------------- the first component

@Language.factory("policykg_document", assigns=["doc._.document", "doc._.subject", "doc._.candidates"])
def make_context(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return set_context


def set_context(doc: Doc) -> Doc:
    """The state the finders read: the Document (built from doc.text unless the caller set
    one), its subject city, no candidates yet."""
    if doc._.document is None:
        doc._.document = document_of(doc.text)
    doc._.subject = subject_region(doc._.document)
    doc._.candidates = []
    return doc


def document_of(text: str) -> Document:
    """A Document whose clean text is text itself, with the metadata (title, subject city)
    document_from_text reads from it."""
    identity = list(range(len(text)))
    if not text.strip():
        return Document(id="text", source="<text>", original=text, text=text, offsets=identity)
    document = document_from_text(text)
    if document.text == text:
        return document
    # layout repair changed white space: keep the metadata; blocks and sentences would not fit
    return replace(document, text=text, offsets=identity, blocks=[], sentences=[])


# ---------------------------------------------------------------- the last component

@Language.factory("policykg_resolve", requires=["doc._.document", "doc._.subject", "doc._.candidates"],
                  assigns=["doc.spans", "span._.entity_id", "span._.canonical", "span._.aliases", "span._.ref"])
def make_resolver(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return resolve_spans


def resolve_spans(doc: Doc) -> Doc:
    """Candidates -> entities, written as doc.spans[SPANS_KEY]; the working state is dropped
    (it does not serialise)."""
    entities = resolve(doc._.document, doc._.candidates, doc._.subject)
    doc.spans[SPANS_KEY] = entity_spans(doc, entities)
    doc._.document = doc._.subject = doc._.candidates = None
    components.drop_state(doc)
    return doc


def entity_spans(doc: Doc, entities: list[Entity]) -> SpanGroup:
    """Each mention a span labelled with its entity's type and id (span.id_), in entity order;
    the names and aliases by entity id in the group's attrs (the span extensions read them)."""
    if not _one_token_per_character(doc):
        raise ValueError("the entity pipeline needs its character tokenizer (token i = character i)")
    strings = doc.vocab.strings
    spans: list[Span] = []
    for e in entities:  # token offsets are character offsets: no char_span search per mention
        label, key = strings.add(e.type), strings.add(e.id)
        spans += [Span(doc, m.start, m.end, label=label, span_id=key) for m in e.mentions]
    table = {e.id: {"name": e.name, "aliases": list(e.aliases), "ref": e.ref} for e in entities}
    return SpanGroup(doc, name=SPANS_KEY, attrs={"entities": table}, spans=spans)


def _one_token_per_character(doc: Doc) -> bool:
    """Is token i character i? Offsets grow with each token, so it is when the last token is
    one character at the last index (doc.text would join every token: too slow to ask)."""
    return not doc or (doc[-1].idx == len(doc) - 1 and len(doc[-1]) == 1 and not doc[-1].whitespace_)


def entities_of(doc: Doc) -> list[Entity]:
    """The policykg Entities of doc.spans[SPANS_KEY]: entity_spans read back (from the group's
    table rather than the span extensions, which look the group up again for every span)."""
    group = doc.spans[SPANS_KEY]
    table = group.attrs["entities"]
    entities: dict[str, Entity] = {}
    for span in group:
        key = span.id_
        entity = entities.get(key)
        if entity is None:
            record = table[key]
            entity = entities[key] = Entity(id=key, name=record["name"], type=span.label_,
                                            aliases=list(record["aliases"]), ref=record.get("ref"))
        entity.mentions.append(Mention(span.start_char, span.end_char))
    return list(entities.values())


# ---------------------------------------------------------------- span extensions

def _entity_record(span: Span) -> dict[str, Any] | None:
    group = span.doc.spans.get(SPANS_KEY)
    return group.attrs["entities"].get(span.id_) if group is not None else None


def _entity_id(span: Span) -> str | None:
    return span.id_ if _entity_record(span) is not None else None


def _canonical(span: Span) -> str | None:
    record = _entity_record(span)
    return record["name"] if record else None


def _aliases(span: Span) -> list[str]:
    record = _entity_record(span)
    return list(record["aliases"]) if record else []


def _reference_id(span: Span) -> str | None:
    """The id of the public reference list entry the entity is (sasac:…, gbt37028:…), if any."""
    record = _entity_record(span)
    return record.get("ref") if record else None


# Getters over the group's table rather than values stored per span: spaCy keys a stored span
# value by character offsets alone, which two entities' mentions could share.
for _name, _getter in (("entity_id", _entity_id), ("canonical", _canonical), ("aliases", _aliases),
                       ("ref", _reference_id)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)
