"""The pyoxigraph store, safe SPARQL, the shipped named queries and result formats."""

from __future__ import annotations

import copy
import csv
import io
import json
from importlib import resources

import pyoxigraph as ox
import pytest
from fixtures.graph.graph_data import extraction, with_hostile_entity
from typer.testing import CliRunner

from policykg.cli import app
from policykg.errors import InputError, QueryError, StoreError
from policykg.evaluation import norm
from policykg.graph.queries import (
    FORMATS,
    format_results,
    named_queries,
    query_parameters,
    resolve_query,
)
from fixtures.graph.stored import leftovers, stored_quads, stored_size

from policykg.graph.store import ENTITY_GRAPH_IRI, GraphStore, is_store_dir
from policykg.graph.summary import SUMMARY_GRAPH_IRI
from policykg.ontology.mapping import document_graph_iri, extraction_to_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "policykg-store"
    store = GraphStore.create(path)
    store.add_extraction(extraction("hengyang-2017"))
    store.add_extraction(extraction("suzhou-2011"))
    store.flush()
    return path


@pytest.fixture(scope="module")
def store(store_dir):
    return GraphStore.open(store_dir)


def _gold_pairs(name: str, relation: str) -> set[tuple[str, str]]:
    data = extraction(name)
    names = {e["id"]: e["name"] for e in data["entities"]}
    return {(names[r["head"]], names[r["tail"]]) for r in data["relations"] if r["relation"] == relation}


def test_leaders_answers_the_leads_relations_of_the_article(store):
    result = store.query(resolve_query("@leaders"))
    assert result.variables[:2] == ["enterprise", "cluster"]
    assert result.variables == ["enterprise", "cluster", "documents", "document"]
    rows = {(e, c) for e, c, n, doc in result.values() if doc == "hengyang-2017"}
    assert rows and rows == _gold_pairs("hengyang-2017", "leads")


def test_store_on_disk_holds_one_named_graph_per_document(store_dir, store):
    assert is_store_dir(store_dir)
    docs = [extraction(n) for n in ("hengyang-2017", "suzhou-2011")]
    assert store.count_triples() == stored_size(*docs)
    data = [q for q in store.quads() if q.graph_name.value != SUMMARY_GRAPH_IRI]  # without the counts
    assert len(data) < sum(len(extraction_to_graph(d)) for d in docs)  # entity-level triples stored once
    assert len(store.document_graphs()) == 2 and ENTITY_GRAPH_IRI in store.named_graphs()


def test_rebuilding_a_document_replaces_its_graph(tmp_path):
    store = GraphStore.create(tmp_path / "s")
    store.add_extraction(extraction("hengyang-2017"))
    once = store.count_triples()
    store.add_extraction(extraction("hengyang-2017"))
    assert store.count_triples() == once
    smaller = extraction("hengyang-2017")
    smaller["relations"] = smaller["relations"][:5]
    store.add_extraction(smaller)
    assert store.count_triples() == stored_size(smaller) < once
    assert {str(q) for q in store.quads()} == stored_quads(smaller)


def test_summary_counts_entities_relations_and_measures_per_type(store):
    summary = store.summary()
    docs = [extraction("hengyang-2017"), extraction("suzhou-2011")]
    for etype, n in summary["entities"].items():
        # the same name and type is one entity in every document
        assert n == len({norm(e["name"]) for d in docs for e in d["entities"] if e["type"] == etype}), etype
    for relation, n in summary["relations"].items():
        assert n == sum(len({(r["head"], r["tail"]) for r in d["relations"] if r["relation"] == relation})
                        for d in docs), relation
    assert summary["measures"]["target"] == sum(m["kind"] == "target" for d in docs for m in d["measures"])
    assert summary["triples"] == store.count_triples() and summary["documents"] == 2


def test_a_fact_stated_by_two_documents_counts_once_in_the_summary(tmp_path):
    store = GraphStore.create(tmp_path / "s")
    store.add_extraction(extraction("hengyang-2017"))
    single = store.summary()
    copy = extraction("hengyang-2017")
    copy["document"] = {**copy["document"], "id": "hengyang-2017-reprint"}
    store.add_extraction(copy)
    double = store.summary()
    assert double["documents"] == 2 and double["triples"] > single["triples"]
    assert double["relations"] == single["relations"] and double["entities"] == single["entities"]
    assert double["measures"]["target"] == 2 * single["measures"]["target"]  # measures belong to a document


def test_a_missing_store_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no graph store"):
        GraphStore.open(tmp_path / "nowhere")


@pytest.mark.parametrize("sparql", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX ex: <http://example.org/#> DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "clear all",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
])
def test_sparql_update_is_refused(store, sparql):
    before = store.count_triples()
    with pytest.raises(QueryError, match="not allowed"):
        store.query(sparql)
    assert store.count_triples() == before


def test_update_words_inside_strings_iris_and_comments_are_fine(store):
    sparql = ('SELECT ?x WHERE { BIND("INSERT DATA" AS ?x) '
              'FILTER(?x != <urn:drop#delete>) } # DROP ALL')
    assert store.query(sparql).values() == [("INSERT DATA",)]


def test_a_malformed_query_gives_the_parser_message_on_one_line(store):
    with pytest.raises(QueryError) as info:
        store.query("SELECT ?x WHERE {\n ?x pkg:leads \n")
    message = str(info.value)
    assert message.startswith("malformed SPARQL query") and "\n" not in message and "error at" in message


def test_unknown_named_query_lists_the_known_ones():
    with pytest.raises(QueryError) as info:
        resolve_query("@nope")
    for name in ("@leaders", "@enterprises", "@zones", "@plans", "@targets"):
        assert name in str(info.value)


def test_query_arguments_may_be_text_or_a_file(tmp_path, store):
    path = tmp_path / "q.rq"
    path.write_text(resolve_query("@leaders"), encoding="utf-8")
    assert store.query(resolve_query(str(path))).values() == store.query(resolve_query("@leaders")).values()
    with pytest.raises(QueryError, match="cannot read"):
        resolve_query(str(tmp_path / "missing.rq"))


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_shipped_query_runs_and_answers(store, name):
    shipped = resources.files("policykg.graph").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")
    entity = extraction("hengyang-2017")["entities"][0]["name"]  # what a parameterised query asks about
    result = store.query(resolve_query("@" + name, [entity] * len(query_parameters(shipped))))
    assert result.variables and len(result) > 0 and not result.truncated


def test_targets_carry_value_unit_and_year(store):
    result = store.query(resolve_query("@targets"))
    gold = {(norm(m["indicator"]), float(m["value"]), m["unit"])
            for m in extraction("hengyang-2017")["measures"] if m["kind"] == "target"}
    columns = zip(*(result.column(c) for c in ("indicator", "value", "unit", "document")))
    rows = {(norm(i), float(v), u) for i, v, u, doc in columns if doc == "hengyang-2017"}
    assert rows == gold


def test_row_limit_truncates(store):
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert len(result) == 3 and result.truncated


def test_a_query_that_runs_too_long_is_stopped():
    store = GraphStore(None)  # in memory
    for i in range(60):
        store._store.add(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)),
                                 ox.NamedNode("urn:g")))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryError, match="no answer within"):
        store.query(slow, timeout=0.05)


def test_ask_and_construct(store):
    assert store.query("ASK { ?e pkg:leads ?c }").boolean is True
    triples = store.query("CONSTRUCT { ?e pkg:leads ?c } WHERE { ?e pkg:leads ?c }")
    assert triples.variables == ["subject", "predicate", "object"] and len(triples) == store.summary()["relations"]["leads"]


def test_result_formats(store):
    result = store.query(resolve_query("@targets"))
    data = json.loads(format_results(result, "json"))
    assert data["head"]["vars"] == result.variables and len(data["results"]["bindings"]) == len(result)
    first = data["results"]["bindings"][0]
    assert first["value"]["datatype"].endswith("#decimal") and first["indicator"]["xml:lang"] == "zh"
    rows = list(csv.reader(io.StringIO(format_results(result, "csv"))))
    assert rows[0] == result.variables and len(rows) == len(result) + 1
    tsv = format_results(result, "tsv").splitlines()
    assert tsv[0].split("\t") == ["?" + v for v in result.variables] and len(tsv) == len(result) + 1
    assert json.loads(format_results(store.query("ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}
    with pytest.raises(QueryError):
        format_results(result, "xlsx")
    assert set(FORMATS) == {"table", "csv", "tsv", "json"}


def test_table_shows_names_verbatim_even_if_they_look_like_markup(tmp_path):
    name = "[bold red]湖南[/] <b>机油泵</b>"
    store = GraphStore.create(tmp_path / "s")
    store.add_extraction(with_hostile_entity(extraction("hengyang-2017"), name))
    table = format_results(store.query(resolve_query("@enterprises")), "table")
    assert name in table


def test_a_store_opened_for_reading_refuses_writes(store):
    before = store.count_triples()
    with pytest.raises(StoreError, match="cannot write"):
        store.add_extraction(extraction("hengyang-2017"))
    assert store.count_triples() == before


def test_rdf_files_load_atomically_and_dataset_graphs_are_kept(tmp_path):
    store = GraphStore(None)
    quads = tmp_path / "two.nq"
    quads.write_text('<http://e.org/a> <http://e.org/p> "1" <http://e.org/g1> .\n'
                     '<http://e.org/b> <http://e.org/p> "2" <http://e.org/g2> .\n', encoding="utf-8")
    assert store.add_rdf_file(quads) == 2
    assert {"http://e.org/g1", "http://e.org/g2"} <= set(store.named_graphs())
    triples = tmp_path / "one.ttl"
    triples.write_text('<http://e.org/c> <http://e.org/p> "3" .\n', encoding="utf-8")
    store.add_rdf_file(triples)
    store.add_rdf_file(triples)  # loading the same file again replaces its graph
    assert store.count_triples() == 3
    triples.write_text('<http://e.org/c> <http://e.org/p> "3" .\n<http://e.org/d> <oops', encoding="utf-8")
    with pytest.raises(InputError, match="malformed RDF"):
        store.add_rdf_file(triples)
    assert store.count_triples() == 3


def test_remove_document_drops_its_graph_only(tmp_path):
    store = GraphStore.create(tmp_path / "s")
    store.add_extractions([extraction("hengyang-2017"), extraction("suzhou-2011")])
    assert store.remove_document("hengyang-2017") is True
    assert store.count_triples() == stored_size(extraction("suzhou-2011")) + len(leftovers(store, extraction("suzhou-2011")))
    assert store.document_graphs() == [str(document_graph_iri(extraction("suzhou-2011")))]
    assert store.remove_document("hengyang-2017") is False
    assert store.query('ASK { ?d pkg:documentId "hengyang-2017" }').boolean is False
    assert store.query('ASK { ?d pkg:documentId "suzhou-2011" }').boolean is True


def test_a_store_opened_for_reading_refuses_removal(store):
    before = store.count_triples()
    with pytest.raises(StoreError, match="cannot write"):
        store.remove_document("hengyang-2017")
    assert store.count_triples() == before


def test_bulk_loaded_rebuilds_persist_without_duplicates(tmp_path):
    path = tmp_path / "s"
    store = GraphStore.create(path)
    for _ in range(3):
        store.add_extraction(extraction("hengyang-2017"))
    store.flush()
    expected = stored_size(extraction("hengyang-2017"))
    del store
    reopened = GraphStore.open(path)
    assert reopened.count_triples() == expected
    assert len(set(reopened.quads())) == expected


def test_a_malformed_extraction_changes_nothing(tmp_path):
    store = GraphStore.create(tmp_path / "s")
    store.add_extraction(extraction("hengyang-2017"))
    before = sorted(map(str, store.quads()))
    broken = extraction("hengyang-2017")
    broken["relations"].append({"head": broken["entities"][0]["id"], "relation": "leads", "tail": "nobody"})
    with pytest.raises(InputError):
        store.add_extraction(broken)
    assert sorted(map(str, store.quads())) == before


def test_cli_remove_drops_a_document_and_says_when_it_is_not_there(tmp_path):
    path = tmp_path / "s"
    store = GraphStore.create(path)
    store.add_extractions([extraction("hengyang-2017"), extraction("suzhou-2011")])
    store.flush()
    del store
    removed = runner.invoke(app, ["remove", "suzhou-2011", "--store", str(path)])
    assert removed.exit_code == 0 and "suzhou-2011" in removed.output
    both = stored_size(extraction("hengyang-2017"), extraction("suzhou-2011"))
    assert f"{both - GraphStore.open(path).count_triples()} triples" in removed.output
    assert GraphStore.open(path).document_graphs() == [str(document_graph_iri(extraction("hengyang-2017")))]
    again = runner.invoke(app, ["remove", "suzhou-2011", "--store", str(path)])
    assert again.exit_code == 1 and "no document 'suzhou-2011'" in again.output
    nowhere = runner.invoke(app, ["remove", "suzhou-2011", "--store", str(tmp_path / "nowhere")])
    assert nowhere.exit_code == 1 and "no graph store" in nowhere.output
    assert not (tmp_path / "nowhere").exists()


def test_a_store_is_a_context_manager_that_flushes_on_close(tmp_path):
    with GraphStore.create(tmp_path / "s") as store:
        store.add_extractions([extraction("hengyang-2017")])
    with GraphStore.open(tmp_path / "s") as reopened:
        assert reopened.count_triples() == stored_size(extraction("hengyang-2017"))


def test_both_stores_are_one_store_base_with_one_write_path():
    import subprocess
    import sys

    from policykg.graph.base import BaseStore, Store
    from policykg.graph.remote import RemoteStore
    from policykg.graph.stores import open_store

    embedded, remote = GraphStore(None), RemoteStore("http://127.0.0.1:9")  # no connection is made
    assert isinstance(embedded, Store) and isinstance(remote, Store)
    assert GraphStore._write is RemoteStore._write is BaseStore._write  # one write, four primitives each
    assert GraphStore.add_mapped is RemoteStore.add_mapped is BaseStore.add_mapped
    with open_store(None) as store:
        assert isinstance(store, GraphStore)
    # open_store's module imports neither store kind until it is called: no import cycle
    code = ("import sys, policykg.graph.stores; "
            "print(any(m in sys.modules for m in ('policykg.graph.store', 'policykg.graph.remote')))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def _copy(data: dict, doc_id: str, keep: int | None = None) -> dict:
    """``data`` as another document (its own id) naming the same entities (the first ``keep``)."""
    out = copy.deepcopy(data)
    out["document"]["id"] = doc_id
    if keep is not None:
        kept = {e["id"] for e in out["entities"][:keep]}
        out["entities"] = [e for e in out["entities"] if e["id"] in kept]
        out["relations"] = [r for r in out["relations"] if r["head"] in kept and r["tail"] in kept]
        out["measures"] = [m for m in out["measures"] if m.get("subject") in kept or m.get("subject") is None]
    return out


class _Failing:
    """A pyoxigraph store whose ``extend`` or ``update`` (the one matching ``when``) raises."""

    def __init__(self, store, method: str, when=lambda *args: True):
        self._store, self._method, self._when = store, method, when

    def __getattr__(self, name):
        if name == self._method:
            def fail(*args, **kwargs):
                if self._when(*args):
                    raise OSError("injected failure")
                return getattr(self._store, name)(*args, **kwargs)
            return fail
        return getattr(self._store, name)


def test_batches_of_new_documents_are_written_natively_with_exact_counts(tmp_path, monkeypatch):
    hengyang, suzhou = extraction("hengyang-2017"), extraction("suzhou-2011")
    copies = [_copy(hengyang, "hengyang-copy"), _copy(hengyang, "hengyang-part", keep=12)]
    store = GraphStore.create(tmp_path / "s")
    store.add_extractions([hengyang])

    def no_text_update(operations):
        raise AssertionError(f"a batch of new documents went through a SPARQL Update: {operations[0][:80]}")

    monkeypatch.setattr(store, "_update", no_text_update)
    store.add_extractions(copies)  # every node of theirs already has counts: they are replaced
    store.add_extractions([suzhou])
    assert {str(q) for q in store.quads()} == stored_quads(hengyang, *copies, suzhou)
    assert store.query(f'ASK {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{ ?x pkg:documentCount 3 }} }}').boolean
    assert not any("graph/journal/" in g for g in store.named_graphs())
    monkeypatch.undo()
    changed = _copy(hengyang, "hengyang-copy", keep=5)  # a document replaced: the SPARQL path
    store.add_extractions([changed])
    assert {str(q) for q in store.quads()} == stored_quads(hengyang, changed, copies[1], suzhou)
    assert store.remove_document("hengyang-2017") is True
    leftovers(store, changed, copies[1], suzhou)  # the counts exactly, the data but for names kept


def test_a_failed_native_write_leaves_the_store_as_before(tmp_path):
    hengyang = extraction("hengyang-2017")
    store = GraphStore.create(tmp_path / "s")
    store.add_extractions([hengyang])
    before = sorted(map(str, store.quads()))
    store._store = _Failing(store._store, "extend")
    with pytest.raises(StoreError, match="injected failure"):
        store.add_extractions([_copy(hengyang, "copy"), extraction("suzhou-2011")])
    assert sorted(map(str, store.quads())) == before


def test_a_native_write_stopped_between_its_transactions_is_settled_when_reopened(tmp_path):

    hengyang, suzhou = extraction("hengyang-2017"), extraction("suzhou-2011")
    copy_ = _copy(hengyang, "copy")
    path = tmp_path / "s"
    store = GraphStore.create(path)
    store.add_extractions([hengyang])
    real = store._store
    store._store = _Failing(real, "update", lambda sparql, *rest: "graph/journal/" in sparql)
    with pytest.raises(StoreError, match="injected failure"):  # as a kill after the extend
        store.add_extractions([copy_, suzhou])
    real.flush()
    del store, real
    reader = GraphStore.open(path)  # the journal is there, not read as counts
    assert any("graph/journal/" in g for g in reader.named_graphs())
    assert reader.document_graphs() == sorted(str(document_graph_iri(d)) for d in (copy_, hengyang, suzhou))
    del reader
    with GraphStore.create(path) as writer:  # the next writer settles it: the store as after the write
        assert {str(q) for q in writer.quads()} == stored_quads(hengyang, copy_, suzhou)
        writer.add_extractions([_copy(hengyang, "third")])
        assert {str(q) for q in writer.quads()} == stored_quads(hengyang, copy_, suzhou, _copy(hengyang, "third"))


@pytest.mark.parametrize("name", ["plans", "zones", "places"])
def test_plans_zones_and_places_come_page_by_page(store, name):
    every = store.query(resolve_query("@" + name, limit=10_000), max_rows=None).values()
    pages = [store.query(resolve_query("@" + name, limit=4, offset=n)).values() for n in range(0, 60, 4)]
    assert len(every) > 8 and pages[0] and not pages[-1]
    assert sorted(row for page in pages for row in page) == sorted(every)  # each row once
    assert "[pages of 100 rows]" in named_queries()[name]


def test_plans_are_one_row_each_with_their_issuers_the_most_named_first(store):
    rows = store.query(resolve_query("@plans", limit=10_000)).values()
    golds = [extraction("hengyang-2017"), extraction("suzhou-2011")]
    plans = {norm(e["name"]) for data in golds for e in data["entities"] if e["type"] == "Plan"}
    assert len(rows) == len({r[0] for r in rows}) == len(plans)
    issued = {}
    for data in golds:
        names = {e["id"]: e["name"] for e in data["entities"]}
        for r in data["relations"]:
            if r["relation"] == "issuedBy":
                issued.setdefault(norm(names[r["head"]]), set()).add(norm(names[r["tail"]]))
    got = {norm(plan): {norm(i) for i in issuer.split("; ")} for plan, issuer, *_ in rows if issuer is not None}
    assert got == issued  # a plan no document says was issued has no issuer (unbound, not "")
    documents = [int(r[3]) for r in rows]
    assert documents == sorted(documents, reverse=True)
    assert len(store.query(resolve_query("@plans", limit=3, offset=1)).values()) == 3
