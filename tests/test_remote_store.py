"""The store on a real Oxigraph server, over the SPARQL 1.1 Protocol and Graph Store Protocol.

The fixture starts ``oxigraph serve`` (the binary of the PyPI package ``oxigraph``) on a free
loopback port and stops it by pid. Without the binary the tests are skipped, except in CI
(env ``CI`` set), where a missing server is a failure.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import rdflib
from fixtures.graph.graph_data import extraction
from fixtures.graph.stored import stored_size
from typer.testing import CliRunner

from policykg.cli import app
from policykg.errors import InputError, QueryError, StoreError
from policykg.extract.pipeline import extract_path
from policykg.graph.export import export
from policykg.graph.queries import resolve_query
from policykg.graph.remote import RemoteStore, parse_store_url
from policykg.graph.summary import SUMMARY_GRAPH_IRI
from policykg.ontology.mapping import map_extraction
from policykg.graph.store import GraphStore
from policykg.graph.stores import open_store
from policykg.ontology.mapping import extraction_to_graph
from fixtures.graph.stored import leftovers, stored_quads, stored_size
from policykg.samples import sample_path

SAMPLE = sample_path()
runner = CliRunner()


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("oxigraph")
    return str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_answering(url: str, process: subprocess.Popen, deadline_s: float = 30) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}")
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph serve did not answer at {url} within {deadline_s} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    binary = _oxigraph_binary()
    if binary is None:
        reason = "the Oxigraph server binary is not installed (pip install oxigraph)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("oxigraph")
    url = f"http://127.0.0.1:{_free_port()}"
    with (folder / "server.log").open("wb") as log:
        # --timeout-s: the server gives up a query the client has stopped waiting for
        process = subprocess.Popen([binary, "serve", "--location", str(folder / "data"),
                                    "--bind", url.removeprefix("http://"), "--timeout-s", "20"],
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_answering(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def remote(server) -> RemoteStore:
    """A writable store on the server, emptied after each test."""
    store = RemoteStore(server)
    yield store
    for graph in store.named_graphs():
        httpx.delete(store.store_url, params={"graph": graph}).raise_for_status()
    store.close()


@pytest.fixture(scope="module")
def sample() -> dict:
    return extract_path(SAMPLE).to_dict()


@pytest.fixture(scope="module")
def embedded(sample) -> GraphStore:
    store = GraphStore(None)
    store.add_extraction(sample)
    return store


def _sorted_rows(result) -> list:
    return sorted(result.values(), key=lambda row: tuple("" if v is None else v for v in row))


def test_the_sample_built_on_the_server_answers_as_the_embedded_store(remote, sample, embedded):
    assert remote.add_extraction(sample) == len(map_extraction(sample))  # the document's triples
    assert embedded.count_triples() == remote.count_triples() == stored_size(sample)  # and their counts
    assert sorted(map(str, remote.quads())) == sorted(map(str, embedded.quads()))
    leaders = remote.query(resolve_query("@leaders"))
    assert leaders.variables == embedded.query(resolve_query("@leaders")).variables
    assert len(leaders) > 0
    assert _sorted_rows(leaders) == _sorted_rows(embedded.query(resolve_query("@leaders")))
    assert remote.summary() == embedded.summary()
    assert remote.query("ASK { ?e pkg:leads ?c }").boolean is True
    construct = "CONSTRUCT { ?e pkg:leads ?c } WHERE { ?e pkg:leads ?c }"
    assert _sorted_rows(remote.query(construct)) == _sorted_rows(embedded.query(construct))


def test_the_entity_graph_and_its_analysis_are_the_same_from_the_server(remote, sample, embedded):
    from policykg.graph.analytics import analyze, to_networkx

    remote.add_extraction(sample)
    over_http, local = to_networkx(remote), to_networkx(embedded)
    assert len(local) > 0
    assert dict(over_http.nodes(data=True)) == dict(local.nodes(data=True))
    assert sorted(over_http.edges(keys=True)) == sorted(local.edges(keys=True))
    assert analyze(over_http, top=5) == analyze(local, top=5)


def test_rebuilding_on_the_server_replaces_the_documents_graph(remote, sample):
    remote.add_extraction(sample)
    once = remote.count_triples()
    remote.add_extraction(sample)
    assert remote.count_triples() == once
    smaller = dict(sample, relations=sample["relations"][:3])
    remote.add_extraction(smaller)
    assert remote.count_triples() == stored_size(smaller) < once


def test_new_documents_naming_counted_nodes_keep_exact_counts_on_the_server(remote, sample):
    other = copy.deepcopy(sample)
    other["document"]["id"] = "another-" + str(sample["document"]["id"])
    remote.add_extractions([sample])
    remote.add_extractions([other])  # new, naming only nodes with counts: DELETE DATA + INSERT DATA
    assert {str(q) for q in remote.quads()} == stored_quads(sample, other)


def test_remove_drops_one_document_and_says_when_there_is_none(remote, sample):
    other = extraction("suzhou-2011")
    remote.add_extractions([sample, other])
    assert len(remote.document_graphs()) == 2 and len(remote.named_graphs()) == 4  # and entities, counts
    assert remote.remove_document(sample["document"]["id"]) is True
    assert remote.count_triples() == stored_size(other) + len(leftovers(remote, other))
    assert remote.remove_document(sample["document"]["id"]) is False


def test_exports_from_the_server_parse_back_with_the_same_count(remote, sample, tmp_path):
    remote.add_extraction(sample)
    ttl = export(remote, "ttl", tmp_path / "kg.ttl")
    assert ttl.count == remote.count_triples() == len(rdflib.Graph().parse(ttl.path, format="turtle"))
    nq = export(remote, "nq", tmp_path / "kg.nq")
    assert len(rdflib.Dataset().parse(nq.path, format="nquads")) == nq.count == remote.count_triples()


def test_a_dataset_file_loads_back_into_its_named_graphs(remote, sample, embedded, tmp_path):
    dump = tmp_path / "dump.nq"
    export(embedded, "nq", dump)
    taken = remote.add_rdf_file(dump)  # every quad but the counts, which the server's store makes anew
    assert taken == len([q for q in embedded.quads() if q.graph_name.value != SUMMARY_GRAPH_IRI])
    assert embedded.count_triples() == remote.count_triples()
    assert sorted(map(str, remote.quads())) == sorted(map(str, embedded.quads()))  # counts included
    assert remote.named_graphs() == embedded.named_graphs()
    vocabulary = tmp_path / "extra.ttl"
    vocabulary.write_text('<http://e.org/a> <http://e.org/p> "1" .\n', encoding="utf-8")
    remote.add_rdf_file(vocabulary)
    remote.add_rdf_file(vocabulary)  # loading the same file again replaces its graph
    assert remote.count_triples() == embedded.count_triples() + 1
    broken = tmp_path / "broken.ttl"
    broken.write_text('<http://e.org/a> <http://e.org/p> "1" .\n<http://e.org/b> <oops', encoding="utf-8")
    with pytest.raises(InputError, match="malformed RDF"):
        remote.add_rdf_file(broken)
    assert remote.count_triples() == embedded.count_triples() + 1


def test_a_query_may_declare_its_own_prefixes(remote, sample, embedded):
    remote.add_extraction(sample)
    for sparql in ("ASK { ?x a pkg:Enterprise }", "PREFIX pkg: <urn:other#> ASK { ?x a pkg:Enterprise }"):
        assert remote.query(sparql).boolean == embedded.query(sparql).boolean
    assert remote.query("PREFIX pkg: <urn:other#> ASK { ?x a pkg:Enterprise }").boolean is False


def test_updates_are_refused_before_reaching_the_server(remote, sample):
    remote.add_extraction(sample)
    before = remote.count_triples()
    for update in ("DROP ALL", "CLEAR DEFAULT", "DELETE WHERE { ?s ?p ?o }"):
        with pytest.raises(QueryError, match="not allowed"):
            remote.query(update)
    assert remote.count_triples() == before


def test_a_store_opened_for_reading_refuses_writes(server, sample):
    reader = open_store(server)
    assert isinstance(reader, RemoteStore)
    with pytest.raises(StoreError, match="cannot write"):
        reader.add_extraction(sample)
    with pytest.raises(StoreError, match="cannot write"):
        reader.remove_document("hengyang-2017")


def test_server_errors_are_one_bounded_line_with_the_servers_message(remote, embedded):
    malformed = "SELECT ?x WHERE {\n ?x pkg:leads \n"
    with pytest.raises(QueryError) as info:
        remote.query(malformed)
    message = str(info.value)
    assert "HTTP 400" in message and "\n" not in message and len(message) < 500
    with pytest.raises(QueryError) as local:
        embedded.query(malformed)
    position = re.search(r"error at \d+:\d+", str(local.value)).group()
    assert position in message  # the added PREFIX lines do not shift the server's line numbers


def test_row_limit_and_client_timeout(remote, sample):
    remote.add_extraction(sample)
    result = remote.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert len(result) == 3 and result.truncated
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # millions of rows: ~0.5 s of work
    with pytest.raises(QueryError, match="no answer within"):
        remote.query(slow, timeout=0.05)


def test_an_unreachable_server_is_a_one_line_error(sample):
    closed = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        RemoteStore(closed).add_extraction(sample)
    result = runner.invoke(app, ["query", "@leaders", "--store", closed])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the SPARQL server" in lines[0] and "Traceback" not in result.output


def test_cli_build_query_export_and_remove_over_http(server, remote, embedded, tmp_path):
    built = runner.invoke(app, ["build", str(SAMPLE), "--store", server])
    assert built.exit_code == 0, built.output
    assert remote.count_triples() == embedded.count_triples()
    answered = runner.invoke(app, ["query", "@leaders", "--store", server, "--format", "tsv"])
    assert answered.exit_code == 0, answered.output
    assert len(answered.output.strip().splitlines()) == len(embedded.query(resolve_query("@leaders"))) + 1
    name = embedded.query(resolve_query("@enterprises")).values()[0][0]
    mentions = runner.invoke(app, ["query", "@provenance", name, "--store", server, "--format", "tsv"])
    assert mentions.exit_code == 0, mentions.output
    expected = embedded.query(resolve_query("@provenance", [name]))
    assert len(expected) > 0 and len(mentions.output.strip().splitlines()) == len(expected) + 1
    exported = runner.invoke(app, ["export", "--format", "ttl", "--out", str(tmp_path / "kg.ttl"),
                                   "--store", server])
    assert exported.exit_code == 0, exported.output
    assert len(rdflib.Graph().parse(tmp_path / "kg.ttl", format="turtle")) == embedded.count_triples()
    removed = runner.invoke(app, ["remove", "hengyang-2017", "--store", server])
    assert removed.exit_code == 0 and "hengyang-2017" in removed.output
    assert remote.count_triples() == 0
    again = runner.invoke(app, ["remove", "hengyang-2017", "--store", server])
    assert again.exit_code == 1 and "no document" in again.output


def test_store_urls_name_the_server_layout():
    oxigraph = RemoteStore("http://db.example:7878/")
    assert (oxigraph.query_url, oxigraph.store_url) == ("http://db.example:7878/query", "http://db.example:7878/store")
    fuseki = RemoteStore("fuseki+https://db.example:3030/policy")
    assert (fuseki.query_url, fuseki.store_url) == ("https://db.example:3030/policy/query",
                                                    "https://db.example:3030/policy/data")
    assert oxigraph.update_url == "http://db.example:7878/update"
    assert fuseki.update_url == "https://db.example:3030/policy/update"
    graphdb = RemoteStore("graphdb+http://db.example:7200/repositories/kg")
    assert graphdb.update_url == "http://db.example:7200/repositories/kg/statements"
    with pytest.raises(StoreError, match="unknown server layout"):
        parse_store_url("virtuoso9+http://db.example:8890")
