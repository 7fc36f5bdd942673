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
from fixtures.graph.stored import stored_quads, stored_size
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


# ---------------------------------------------------------------- counts kept at load, pages

def _held(store: GraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


def test_the_summary_counts_stay_exact_through_adds_replacements_and_removals():
    """The counts are kept by difference; a write that removes a node's first document or best
    confidence recounts it. After every step the store holds exactly what a store built from
    the documents left would, counts included (computed from the quads alone)."""
    store = GraphStore(None)
    docs = {f"doc-a~{n:02d}": _copy("doc-a", n) for n in range(4)}
    store.add_extractions(list(docs.values()))
    store.add_extraction(document("doc-b"))
    docs["doc-b"] = document("doc-b")
    assert _held(store) == stored_quads(*docs.values())
    surer = _copy("doc-a", 1)  # a replacement that gives the fact a better confidence
    surer["relations"][0]["confidence"] = 0.95
    store.add_extraction(surer)
    docs["doc-a~01"] = surer
    assert _held(store) == stored_quads(*docs.values())
    assert _rows(store, "relations")[0]["confidence"] == "0.95"
    unsure = _copy("doc-a", 1)  # and takes it back: the best confidence leaves, the fact is recounted
    unsure["relations"][0]["confidence"] = 0.5
    store.add_extraction(unsure)
    docs["doc-a~01"] = unsure
    assert _held(store) == stored_quads(*docs.values())
    assert _rows(store, "relations")[0]["confidence"] == "0.9"
    for doc_id in ("doc-a~00", "doc-b"):  # the first document of every node goes, then doc-b's own
        assert store.remove_document(doc_id)
        del docs[doc_id]
        assert _held(store) == stored_quads(*docs.values())
    assert _rows(store, "leaders")[0]["document"] == "doc-a~01"
    assert store.add_extractions([_copy("doc-a", 7), _copy("doc-a", 1)])  # one new, one replaced
    docs["doc-a~07"], docs["doc-a~01"] = _copy("doc-a", 7), _copy("doc-a", 1)
    assert _held(store) == stored_quads(*docs.values())


def test_counts_come_from_the_summary_graph_not_from_counting(many):
    from policykg.graph.summary import SUMMARY_GRAPH_IRI

    counts = dict(many.query(
        f"SELECT ?name ?n WHERE {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{ ?e pkg:documentCount ?n }} "
        "?e rdfs:label ?name }").values())
    assert counts == {"特变电工": str(COPIES + 1), "输变电装备产业集群": str(COPIES + 1), "衡阳市": str(COPIES)}
    docs = _rows(many, "documents")
    assert all(int(d["triples"]) > 0 and d["entities"] in ("2", "3") for d in docs)


@pytest.mark.parametrize("name, size", [("documents", COPIES + 1), ("evidence", COPIES + 1),
                                        ("provenance", COPIES + 1), ("entities", 3), ("timeline", 2)])
def test_a_paged_query_gives_its_rows_page_by_page(many, name, size):
    args = ["特变电工"] if name == "provenance" else []
    every = many.query(resolve_query("@" + name, args), max_rows=None).values()
    assert len(every) == size
    pages = [many.query(resolve_query("@" + name, args, limit=2, offset=n)).values() for n in range(0, size, 2)]
    assert all(len(page) == 2 for page in pages[:-1]) and len(pages[-1]) == size - 2 * (len(pages) - 1)
    assert sorted(row for page in pages for row in page) == sorted(every)  # each row once


def test_the_widest_named_come_first_and_the_page_cuts_before_the_join(many):
    first = _rows(many, "entities")[0]
    assert (first["name"], first["documents"]) in {("特变电工", str(COPIES + 1)), ("输变电装备产业集群", str(COPIES + 1))}
    assert [r[0] for r in many.query(resolve_query("@entities", limit=1, offset=2)).values()] == ["衡阳市"]
    assert "LIMIT 7 OFFSET 3" in resolve_query("@relations", limit=7, offset=3)
    assert "# page" in resolve_query("@evidence") and "[pages of 100 rows]" in named_queries()["evidence"]


def test_limit_and_offset_are_only_for_paged_queries():
    with pytest.raises(QueryError, match="not paged"):
        resolve_query("@leaders", limit=5)
    with pytest.raises(QueryError, match="paged shipped"):
        resolve_query("SELECT * WHERE { ?s ?p ?o }", offset=5)
    with pytest.raises(QueryError, match="positive"):
        resolve_query("@entities", limit=0)


def test_cli_query_takes_a_page(tmp_path):
    from typer.testing import CliRunner

    from policykg.cli import app

    path = tmp_path / "store"
    with GraphStore.create(path) as store:
        store.add_extractions([_copy("doc-a", n) for n in range(5)])
    result = CliRunner().invoke(app, ["query", "@documents", "--limit", "2", "--offset", "3",
                                      "--store", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.stdout.strip().splitlines()] == ["document", "doc-a~03", "doc-a~04"]
    assert "one page; --offset 5 gives the next" in result.stderr  # a full page: there may be more
    last = CliRunner().invoke(app, ["query", "@documents", "--offset", "4", "--store", str(path)])
    assert last.exit_code == 0 and "doc-a~04" in last.stdout and "next" not in last.stderr
    refused = CliRunner().invoke(app, ["query", "@leaders", "--limit", "2", "--store", str(path)])
    assert refused.exit_code != 0 and "not paged" in refused.output


def test_refresh_recounts_every_node_from_the_graphs(many):
    from policykg.graph.summary import SUMMARY_GRAPH_IRI, refresh

    before = _held(many)
    many._update([f"DROP GRAPH <{SUMMARY_GRAPH_IRI}>"])  # counts lost (or wrong)
    assert _rows(many, "leaders") == []  # the shipped queries read the counts
    refresh(many)
    assert _held(many) == before
