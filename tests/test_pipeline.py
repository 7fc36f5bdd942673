"""The entity stage as a spaCy pipeline (policykg.extract.load_pipeline), on the bundled sample
article: the spans it leaves are the entities find_entities returns, its components declare
what they read and write, its settings are config, and it survives to_disk/spacy.load and
nlp.pipe with two processes."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from policykg.errors import RuleFileError

from policykg.extract import load_pipeline
from policykg.extract.document import document_from_text, read_document
from policykg.extract.pipeline import extract_document
from policykg.extract.entities import find_entities
from policykg.extract.entities.nlp import SPANS_KEY, CharTokenizer
from policykg.extract.entities.resolve import resolve
from policykg.extract.model import Entity
from policykg.samples import sample_path

# Book titles below every other candidate: the plans named inside 《…》 are read without it.
TITLES_LAST = {"components.policykg_book_titles.priority": 0}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def sample():
    return read_document(sample_path())


def mentions(doc) -> list[tuple]:
    """Every span of the pipeline's output with its entity, in order."""
    return [(s.start_char, s.end_char, s.text, s.label_, s._.entity_id, s._.canonical, tuple(s._.aliases))
            for s in doc.spans[SPANS_KEY]]


def entity_mentions(entities: list[Entity], text: str) -> list[tuple]:
    return [(m.start, m.end, text[m.start:m.end], e.type, e.id, e.name, tuple(e.aliases))
            for e in entities for m in e.mentions]


def plans(nlp: Language, text: str) -> set[str]:
    doc = nlp(text)  # kept: a span group works while its Doc lives
    return {s.text for s in doc.spans[SPANS_KEY] if s.label_ == "Plan"}


def paragraphs(document, n: int) -> list[str]:
    """The first n paragraphs of a document of some length: short real texts."""
    texts = [document.block_text(b) for b in document.blocks]
    return [t for t in texts if len(t) > 60][:n]


def test_load_pipeline_is_a_language_wired_by_its_config(nlp):
    assert isinstance(nlp, Language)
    assert isinstance(nlp.tokenizer, CharTokenizer)
    assert nlp.pipe_names == nlp.config["nlp"]["pipeline"]
    assert nlp.pipe_names[0] == "policykg_document" and nlp.pipe_names[-1] == "policykg_resolve"
    assert nlp.config["nlp"]["tokenizer"] == {"@tokenizers": "policykg.CharTokenizer.v1"}


def resolved(nlp: Language, document) -> list[Entity]:
    """The entities resolve makes of the candidates, taken before the last component."""
    with nlp.select_pipes(disable=["policykg_resolve"]):
        doc = nlp.make_doc(document.text)
        doc._.document = document
        doc = nlp(doc)
    return resolve(document, doc._.candidates, doc._.subject)


def test_spans_are_the_entities_of_find_entities(nlp, sample):
    """The spans and find_entities carry the entities resolve makes; nlp(clean text) builds
    its own context from the text, find_entities passes the read Document."""
    entities = find_entities(sample)
    doc = nlp(sample.text)
    assert len(entities) > 50
    assert entities == resolved(nlp, sample)
    assert mentions(doc) == entity_mentions(entities, sample.text)
    assert {(e.name, e.type) for e in entities} == {(s._.canonical, s.label_) for s in doc.spans[SPANS_KEY]}
    city = next(s for s in doc.spans[SPANS_KEY] if s.text == "我市")
    assert (city.label_, city._.canonical) == ("Place", "衡阳市")


def test_a_raw_text_is_taken_as_the_clean_text(nlp, sample):
    """The sample as in its file, whose broken lines the reader rejoins: the spans lie in that
    text, and the subject city is still read from it."""
    assert sample.original != sample.text
    doc = nlp(sample.original)
    spans = doc.spans[SPANS_KEY]
    assert len(spans) > 100
    assert any(s.text == "我市" and s._.canonical == "衡阳市" for s in spans)


def test_the_working_state_is_dropped(nlp, sample):
    """The Document and the candidates are Python objects a Doc cannot serialise."""
    doc = nlp(paragraphs(sample, 1)[0])
    assert doc._.document is None and doc._.candidates is None and doc._.subject is None
    again = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert mentions(again) == mentions(doc) != []


def test_blank_text_has_no_entities(nlp):
    assert mentions(nlp("")) == [] and mentions(nlp(" \n")) == []


def test_analyze_pipes_shows_the_flow(nlp, capsys):
    analysis = nlp.analyze_pipes(pretty=True)
    assert not any(analysis["problems"].values())
    assert "No problems found" in capsys.readouterr().out
    summary = analysis["summary"]
    assert summary["policykg_document"]["assigns"] == ["doc._.document", "doc._.subject", "doc._.candidates"]
    finders = nlp.pipe_names[1:-1]
    assert len(finders) == 26
    for name in finders:
        assert summary[name]["assigns"] == ["doc._.candidates"], name
        assert "doc._.candidates" in summary[name]["requires"], name
    assert {"doc.spans", "span._.canonical", "span._.aliases", "span._.entity_id"} \
        <= set(summary["policykg_resolve"]["assigns"])


def test_priorities_and_rule_files_are_component_config(nlp, sample):
    components = nlp.config["components"]
    assert components["policykg_book_titles"]["priority"] == 90
    assert components["policykg_gazetteers"]["agencies_file"] == "entity_central_agencies.tsv"
    assert components["policykg_enterprise_cues"]["cues_file"] == "entity_enterprise_cues.tsv"
    titles_last = load_pipeline(TITLES_LAST)
    assert titles_last.config["components"]["policykg_book_titles"]["priority"] == 0
    title = "《衡阳市创建“中国制造2025”城市试点示范实施方案》"
    assert title in plans(nlp, sample.text) - plans(titles_last, sample.text)
    with pytest.raises(RuleFileError, match="no_such_file.tsv: no such rule file"):
        load_pipeline({"components.policykg_gazetteers.agencies_file": "no_such_file.tsv"})


def test_to_disk_and_spacy_load_give_the_same_entities(sample, tmp_path):
    """Saved with a setting of its own, which the loaded pipeline keeps."""
    nlp = load_pipeline(TITLES_LAST)
    nlp.to_disk(tmp_path / "entities")
    loaded = spacy.load(tmp_path / "entities")
    assert loaded.pipe_names == nlp.pipe_names
    assert isinstance(loaded.tokenizer, CharTokenizer)
    assert loaded.config["components"]["policykg_book_titles"]["priority"] == 0
    texts = [sample.text, *paragraphs(sample, 3)]
    assert [mentions(loaded(t)) for t in texts] == [mentions(nlp(t)) for t in texts]


def test_pipe_with_two_processes_equals_one(nlp, sample):
    texts = paragraphs(sample, 3)
    assert len(texts) == 3
    single = [mentions(doc) for doc in nlp.pipe(texts)]
    assert all(single)
    assert [mentions(doc) for doc in nlp.pipe(texts, n_process=2)] == single


def test_a_place_named_only_inside_other_names_is_dropped_unless_a_fact_uses_it():
    extraction = extract_document(document_from_text("某某公司在上海证券交易所上市，与北京大学签约。某某公司位于苏州。"))
    places = {e.name for e in extraction.entities if e.type == "Place"}
    assert "苏州市" in places  # the text speaks of it
    assert not places & {"上海市", "北京市"}  # they only open the exchange's and the university's names
