"""Shipped SPARQL queries: each states its question, runs on shared-entity data, and
@provenance takes its NAME only as an escaped string literal."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import pyoxigraph as ox
import pytest
from fixtures.graph.graph_data import extraction
from fixtures.graph.shared_entity import TEXTS, document
from fixtures.graph.stored import stored_size
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.errors import InputError, QueryError
from policykg.graph.queries import (
    format_results,
    named_queries,
    query_parameters,
    resolve_query,
    sparql_string,
)
from policykg.graph.store import GraphStore
from policykg.ontology.mapping import display_name, map_extraction

HOSTILE_NAMES = ['" } ; DROP ALL #', 'a"b', "back\\slash", "line\nbreak", "'single'", '"""triple"""',
                 "{{NAME}}", "tab\there", '\\" } INSERT DATA { <urn:x> <urn:y> <urn:z> } #']


def _documents() -> list[dict]:
    docs = [document(doc_id) for doc_id in TEXTS]
    docs[1]["entities"][0]["aliases"] += HOSTILE_NAMES  # 特变电工 in doc-b answers to hostile names
    return [*docs, extraction("suzhou-2011")]


@pytest.fixture(scope="module")
def store() -> GraphStore:
    store = GraphStore(None)
    for data in _documents():
        store.add_extraction(data)
    return store


def _shipped(name: str) -> str:
    return resources.files("policykg.graph").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_query_starts_with_the_question_it_answers(name):
    first = _shipped(name).splitlines()[0]
    assert first.startswith("# ") and first.endswith("?") and len(first) > 20, first
    assert named_queries()[name].startswith(first[2:])


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_query_declares_its_prefixes_so_any_sparql_server_reads_it(name):
    text = _shipped(name)
    store = ox.Store()  # no prefixes passed: the text must be complete by itself
    store.query(resolve_query("@" + name, ["x"] * len(query_parameters(text))))


def test_documents_lists_each_document_with_its_counts(store):
    result = store.query(resolve_query("@documents"))
    rows = {r[0]: dict(zip(result.variables, r)) for r in result.values()}
    assert set(rows) == {"doc-a", "doc-b", "suzhou-2011"}
    for data in _documents():
        row = rows[data["document"]["id"]]
        assert int(row["triples"]) == len(map_extraction(data).quads)  # its own graph
        assert int(row["entities"]) == len({(e["type"], display_name(e["name"])) for e in data["entities"]})
        assert int(row["measures"]) == len(data["measures"])
        assert row["title"] == data["document"]["title"] and row["city"] == data["document"]["city"]
    assert rows["doc-a"]["date"] == "2017-04-01" and rows["doc-a"]["source"] == "doc-a.txt"


def test_leaders_gives_one_row_per_fact_with_the_documents_that_say_so(store):
    result = store.query(resolve_query("@leaders"))
    assert result.variables == ["enterprise", "cluster", "documents", "document"]
    rows = result.values()
    assert ("特变电工", "输变电装备产业集群", "2", "doc-a") in rows  # stated by doc-a and doc-b
    assert len(rows) == len({(r[0], r[1]) for r in rows})  # shared entities give no repeated rows


COPIES = 30


def _copy(doc_id: str, n: int) -> dict:
    data = document(doc_id)
    data["document"]["id"] = f"{doc_id}~{n:02d}"
    return data


@pytest.fixture
def many() -> GraphStore:
    """30 copies of doc-a and one doc-b: 31 documents name 特变电工 and say it leads the cluster."""
    store = GraphStore(None)
    store.add_extractions([*(_copy("doc-a", n) for n in range(COPIES)), document("doc-b")])
    return store


def _rows(store: GraphStore, name: str) -> list[dict]:
    result = store.query(resolve_query("@" + name))
    return [dict(zip(result.variables, row)) for row in result.values()]


def test_a_fact_stated_by_many_documents_is_one_row_with_its_document_count(many):
    leaders = _rows(many, "leaders")
    assert leaders == [{"enterprise": "特变电工", "cluster": "输变电装备产业集群", "documents": str(COPIES + 1),
                        "document": "doc-a~00"}]
    relations = _rows(many, "relations")
    assert [(r["head"], r["relation"], r["tail"], r["documents"]) for r in relations] == \
        [("特变电工", "leads", "输变电装备产业集群", str(COPIES + 1))]
    assert relations[0]["confidence"] == "0.9" and relations[0]["head_type"] == "Enterprise"
    entities = {(r["name"], r["type"]): r for r in _rows(many, "entities")}
    assert len(entities) == 3  # 特变电工, the cluster, 衡阳市: once each however many documents
    leader = entities[("特变电工", "Enterprise")]
    assert (leader["documents"], leader["mentions"], leader["aliases"]) == (str(COPIES + 1), str(COPIES + 1), "特变")
    assert entities[("衡阳市", "Place")]["documents"] == str(COPIES)
    enterprises = _rows(many, "enterprises")
    assert [(r["enterprise"], r["documents"]) for r in enterprises] == [("特变电工", str(COPIES + 1))]
    targets = _rows(many, "targets")  # the same target set by 30 documents
    assert [(r["subject"], r["value"], r["year"], r["documents"]) for r in targets] == \
        [("衡阳市", "500", "2020", str(COPIES))]
    assert [r["documents"] for r in _rows(many, "statistics")] == ["1"]
    places = _rows(many, "places")
    assert [(r["place"], r["located"], r["documents"]) for r in places] == [("衡阳市", None, str(COPIES))]
    assert len(_rows(many, "evidence")) == COPIES + 1  # one row per statement: a sentence of a document
    assert len(_rows(many, "documents")) == COPIES + 1
    assert len(many.query(resolve_query("@provenance 特变电工"))) == COPIES + 1


def test_removing_documents_keeps_the_entities_others_still_name(many):
    assert many.remove_document("doc-b")
    assert _rows(many, "leaders")[0]["documents"] == str(COPIES)
    assert many.query('ASK { ?e rdfs:label "特变电工"@zh ; a pkg:Enterprise }').boolean
    for n in range(COPIES - 1):
        assert many.remove_document(f"doc-a~{n:02d}")
    leader = {r["name"]: r for r in _rows(many, "entities")}["特变电工"]
    assert (leader["documents"], leader["mentions"], leader["aliases"]) == ("1", "1", "特变")
    assert many.remove_document(f"doc-a~{COPIES - 1:02d}")
    assert many.count_triples() == 0  # the last document gone, its entities went with it
    assert _rows(many, "entities") == []


def test_rebuilding_many_documents_is_idempotent(many):
    before = sorted(map(str, many.quads()))
    many.add_extractions([_copy("doc-a", n) for n in range(COPIES)])
    many.add_extraction(document("doc-b"))
    assert sorted(map(str, many.quads())) == before
    broken = _copy("doc-a", 0)
    broken["relations"][0]["tail"] = "nobody"
    with pytest.raises(InputError):
        many.add_extractions([_copy("doc-a", 1), broken])  # nothing of the batch is written
    assert sorted(map(str, many.quads())) == before


def test_provenance_gives_every_sentence_that_mentions_an_entity_with_offsets(store):
    result = store.query(resolve_query("@provenance 特变"))  # an alias, written in the same string
    assert result.values() == store.query(resolve_query("@provenance", ["特变"])).values()
    rows = [dict(zip(result.variables, r)) for r in result.values()]
    assert {r["document"] for r in rows} == {"doc-a", "doc-b"} and {r["entity"] for r in rows} == {"特变电工"}
    for row in rows:
        text = TEXTS[row["document"]]
        assert text[int(row["begin"]):int(row["end"])] == row["mention"] == "特变电工"
        assert text[int(row["sentence_begin"]):int(row["sentence_end"])] == row["sentence"]
    assert store.query(resolve_query("@provenance 没有这个名字")).values() == []


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_stays_one_string_literal(store, name):
    sparql = resolve_query("@provenance", [name])
    result = store.query(sparql)  # parses, and finds exactly the entity with that alias (doc-b's),
    # whose mentions in both documents it lists: the entity node is shared
    assert {(r[0], r[2]) for r in result.values()} == {("特变电工", "doc-a"), ("特变电工", "doc-b")}
    assert store.count_triples() == stored_size(*_documents())  # and nothing was written


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_round_trips_through_a_sparql_string_literal(text):
    answer = list(ox.Store().query(f"SELECT ({sparql_string(text)} AS ?v) WHERE {{}}"))
    assert answer[0]["v"].value == text


def test_arguments_must_match_the_declared_parameters():
    assert query_parameters(_shipped("provenance")) == ["NAME"]
    with pytest.raises(QueryError, match="takes 1 argument"):
        resolve_query("@provenance")
    with pytest.raises(QueryError, match="takes 0 argument"):
        resolve_query("@leaders", ["x"])
    with pytest.raises(QueryError, match="only for parameterised"):
        resolve_query("SELECT * WHERE { ?s ?p ?o }", ["x"])


def test_results_format_as_csv_json_and_table(store):
    result = store.query(resolve_query("@provenance 特变电工"))
    rows = list(csv.reader(io.StringIO(format_results(result, "csv"))))
    assert rows[0] == result.variables and len(rows) == len(result) + 1
    data = json.loads(format_results(result, "json"))
    assert len(data["results"]["bindings"]) == len(result)
    table = format_results(result, "table")
    assert "特变电工" in table and "\n2016年" not in table  # a line break inside a cell is a space


# ---------------------------------------------------------------- text a reader is shown

@pytest.fixture(scope="module")
def pdf_store(tmp_path_factory) -> tuple[GraphStore, str]:
    """The bundled article printed to a PDF (words broken across lines), extracted and stored;
    and the PDF's text as read."""
    from fixtures.pdf import write_pdf

    from policykg.extract.document import read_document
    from policykg.extract.pipeline import extract_document
    from policykg.samples import sample_path

    sample = read_document(sample_path())
    path = tmp_path_factory.mktemp("pdf") / "hengyang.pdf"
    write_pdf(path, [sample.block_text(b) for b in sample.blocks])
    document = read_document(path)
    store = GraphStore(None)
    store.add_extraction(extract_document(document).to_dict())
    return store, document.original


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _broken_inside_words(text: str) -> bool:
    """White space between two Chinese characters (between sentences, after 。, it may stay)."""
    return any(gap.isspace() and "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"
               for a, gap, b in zip(text, text[1:], text[2:]))


@pytest.mark.parametrize("query, begin, end", [("@provenance 衡阳", "sentence_begin", "sentence_end"),
                                               ("@evidence", "start", "end")])
def test_sentences_are_shown_repaired_with_offsets_into_the_original(pdf_store, query, begin, end):
    """Issue 15: @provenance showed "历经一年多时\n间", the PDF's line break inside a word."""
    store, original = pdf_store
    result = store.query(resolve_query(query))
    rows = [dict(zip(result.variables, row)) for row in result.values()]
    slices = [original[int(r[begin]):int(r[end])] for r in rows if r[begin] is not None]
    assert len(slices) > 5 and sum(_broken_inside_words(s) for s in slices) > 2  # the PDF breaks words
    for row, piece in zip((r for r in rows if r[begin] is not None), slices):
        assert not _broken_inside_words(row["sentence"]), row["sentence"]
        assert _squeezed(row["sentence"]) == _squeezed(piece)  # the same characters, as written


def test_a_span_keeps_its_original_text_and_adds_the_repaired_one(pdf_store):
    store, original = pdf_store
    anchors = store.query(resolve_query(
        "SELECT ?b ?e ?anchor ?repaired WHERE { ?s nif:beginIndex ?b ; nif:endIndex ?e ; "
        "nif:anchorOf ?anchor ; pkg:repairedText ?repaired }")).values()
    assert anchors
    for b, e, anchor, repaired in anchors:
        assert anchor == original[int(b):int(e)] != repaired
        assert _squeezed(anchor) == _squeezed(repaired) and not _broken_inside_words(repaired)


def test_a_table_is_printed_once_in_jupyter(store, monkeypatch, capsys):
    """Issue 15: in a notebook, rich displayed the table itself besides returning its text,
    so print(format_results(...)) showed it twice."""
    import rich.console

    monkeypatch.setattr(rich.console, "_is_jupyter", lambda: True)  # as inside a Jupyter kernel
    text = format_results(store.query(resolve_query("@leaders")), "table")
    assert "enterprise" in text and "rows" in text
    assert capsys.readouterr().out == ""  # nothing displayed behind the caller's back


def test_cross_document_lists_the_entities_several_documents_name(many, store):
    shared = {(r["name"], r["type"]): r for r in _rows(many, "cross-document")}
    assert shared[("特变电工", "Enterprise")]["count"] == str(COPIES + 1)
    assert shared[("衡阳市", "Place")]["count"] == str(COPIES)
    assert "doc-b" in shared[("特变电工", "Enterprise")]["documents"].split("; ")
    assert _rows(store, "cross-document") == [] or all(int(r["count"]) > 1 for r in _rows(store, "cross-document"))


def test_timeline_gives_targets_and_statistics_by_year_across_documents(many):
    rows = _rows(many, "timeline")
    kinds = {r["kind"] for r in rows}
    assert kinds == {"target", "statistic"}
    target = next(r for r in rows if r["kind"] == "target")
    assert (target["year"], target["value"], target["documents"]) == ("2020", "500", str(COPIES))
    years = [int(r["year"]) for r in rows if r["year"] is not None]
    assert years == sorted(years)
