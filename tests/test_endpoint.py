"""``policykg serve``: each rule of the SPARQL endpoint, exercised over HTTP on a loopback port."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

import httpx
import pyoxigraph as ox
import pytest

from fixtures.serving import running

from policykg.errors import StoreError
from policykg.extract.pipeline import extract_path
from policykg.graph import endpoint, sparql_results
from policykg.graph.endpoint import make_server
from policykg.graph.queries import resolve_query
from policykg.graph.store import GraphStore
from policykg.samples import sample_path

ALLOWED_ORIGIN = "https://allowed.example"
TIME_LIMIT_S = 1.5
ROW_CAP = 50
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
# A three-way cross join of the sample's ~3,000 triples: minutes of CPU without a limit.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("endpoint") / "store"
    store = GraphStore.create(path)
    store.add_extraction(extract_path(sample_path()).to_dict())
    store.flush()
    del store  # release the write lock; the workers open it read-only
    return path


@pytest.fixture(scope="module")
def limited(store_dir):
    """Small limits (time, rows) and CORS for one origin."""
    yield from running(make_server(store_dir, "127.0.0.1", 0, timeout=TIME_LIMIT_S, max_rows=ROW_CAP,
                                    cors_origins=[ALLOWED_ORIGIN], quiet=True))


@pytest.fixture(scope="module")
def plain(store_dir):
    """The defaults: no CORS, one worker."""
    yield from running(make_server(store_dir, "127.0.0.1", 0, workers=1, quiet=True))


@pytest.fixture(scope="module")
def open_cors():
    """An in-memory store (the thread runner) with CORS for any origin."""
    yield from running(make_server(None, "127.0.0.1", 0, cors_origins=["*"], quiet=True))


def _get(server, query: str, accept: str | None = None, source: str | None = None, **kwargs) -> httpx.Response:
    """GET the query; ``source``: the loopback address the client sends from (another client)."""
    headers = {"Accept": accept} if accept else {}
    if source:
        with httpx.Client(transport=httpx.HTTPTransport(local_address=source)) as client:
            return client.get(server.url, params={"query": query}, timeout=30,
                              headers={**headers, **kwargs.pop("headers", {})}, **kwargs)
    return httpx.get(server.url, params={"query": query}, headers={**headers, **kwargs.pop("headers", {})},
                     timeout=30, **kwargs)


def _post(server, content: bytes | str, content_type: str, **kwargs) -> httpx.Response:
    return httpx.post(server.url, content=content, headers={"Content-Type": content_type}, timeout=30, **kwargs)


def _json_rows(response: httpx.Response) -> list[tuple[str, ...]]:
    doc = response.json()
    return [tuple(b.get(v, {}).get("value", "") for v in doc["head"]["vars"]) for b in doc["results"]["bindings"]]


def _one_line_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip() and "\n" not in response.text.strip()
    return response.text


# ---------------------------------------------------------------- answering queries

def test_get_and_both_posts_answer_the_same_rows(plain, store_dir):
    leaders = resolve_query("@leaders")
    expected = sorted(GraphStore.open(store_dir).query(leaders).values())
    by_get = _get(plain, leaders)
    by_body = _post(plain, leaders.encode("utf-8"), "application/sparql-query")
    by_form = httpx.post(plain.url, data={"query": leaders}, timeout=30)
    assert by_get.status_code == by_body.status_code == by_form.status_code == 200
    assert by_get.headers["content-type"].startswith(sparql_results.JSON)  # JSON by default
    assert expected and sorted(_json_rows(by_get)) == expected
    assert _json_rows(by_body) == _json_rows(by_form) == _json_rows(by_get)


def test_chinese_in_the_query_arrives_intact_by_get_and_post(plain):
    query = 'SELECT DISTINCT ?l WHERE { ?x rdfs:label ?l FILTER(CONTAINS(?l, "衡阳")) } ORDER BY ?l'
    by_get = _json_rows(_get(plain, query))
    assert by_get and all("衡阳" in label for (label,) in by_get)
    assert _json_rows(httpx.post(plain.url, data={"query": query}, timeout=30)) == by_get


def test_a_missing_store_is_a_one_line_store_error(tmp_path):
    with pytest.raises(StoreError, match="no graph store"):
        make_server(tmp_path / "missing", "127.0.0.1", 0, quiet=True)


def test_accept_picks_each_of_the_four_formats(plain):
    leaders = resolve_query("@leaders")
    rows = sorted(_json_rows(_get(plain, leaders, sparql_results.JSON)))
    xml = _get(plain, leaders, sparql_results.XML)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    xml_rows = [tuple(b.find("r:literal", ns).text for b in r.findall("r:binding", ns))
                for r in ET.fromstring(xml.content).iterfind(".//r:result", ns)]
    csv_rows = list(csv.reader(io.StringIO(_get(plain, leaders, "text/csv").text, newline="")))
    tsv = _get(plain, leaders, "text/tab-separated-values")
    tsv_rows = [tuple(s.value for s in solution) for solution in
                ox.parse_query_results(tsv.content, ox.QueryResultsFormat.TSV)]
    assert xml.headers["content-type"].startswith(sparql_results.XML)
    assert tsv.headers["content-type"].startswith(sparql_results.TSV)
    assert csv_rows[0] == ["enterprise", "cluster", "documents", "document"]
    assert rows == sorted(xml_rows) == sorted(map(tuple, csv_rows[1:])) == sorted(tsv_rows)


def test_q_values_choose_and_an_unacceptable_accept_is_406(plain):
    chosen = _get(plain, "ASK {}", "text/csv;q=0.4, application/sparql-results+xml;q=0.9, */*;q=0.1")
    assert chosen.headers["content-type"].startswith(sparql_results.XML)
    _one_line_error(_get(plain, "ASK {}", "image/png"), 406)


def test_construct_answers_turtle_or_n_triples(plain):
    query = "CONSTRUCT { ?e <urn:leads> ?c } WHERE { ?e pkg:leads ?c }"
    leads = len(_json_rows(_get(plain, "SELECT ?e ?c WHERE { ?e pkg:leads ?c }")))
    turtle = _get(plain, query, "text/turtle")
    n_triples = _get(plain, query)
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert n_triples.headers["content-type"].startswith("application/n-triples")
    assert leads > 0
    assert len(list(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))) == leads
    assert len(list(ox.parse(n_triples.content, format=ox.RdfFormat.N_TRIPLES))) == leads


# ---------------------------------------------------------------- what is refused

@pytest.mark.parametrize("how", ["get", "post body", "post form"])
def test_updates_are_refused_with_403_and_change_nothing(plain, how):
    update = "INSERT DATA { <urn:x:evil> <urn:x:p> 1 }"
    response = {"get": lambda: _get(plain, update),
                "post body": lambda: _post(plain, update, "application/sparql-query"),
                "post form": lambda: httpx.post(plain.url, data={"query": update}, timeout=30)}[how]()
    _one_line_error(response, 403)
    assert _get(plain, "ASK { <urn:x:evil> ?p ?o }").json()["boolean"] is False


@pytest.mark.parametrize("request_update, status", [
    (lambda url: httpx.post(url, data={"update": "CLEAR ALL"}, timeout=30), 403),
    (lambda url: httpx.post(url, content="DROP ALL", headers={"Content-Type": "application/sparql-update"},
                            timeout=30), 403),
    (lambda url: httpx.get(url, params={"update": "CLEAR ALL"}, timeout=30), 403),
    (lambda url: httpx.put(url, content="<urn:a> <urn:b> <urn:c> .", timeout=30), 405),
], ids=["form update=", "sparql-update body", "get update=", "put"])
def test_every_update_route_is_refused(plain, request_update, status):
    _one_line_error(request_update(plain.url), status)
    assert _get(plain, "ASK { ?s ?p ?o }").json()["boolean"] is True


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * { ?s ?p ?o . service silent <http://127.0.0.1:9/> { ?s ?p ?x } }",
    "SELECT * { VALUES ?e { <http://127.0.0.1:9/> } FILTER(1<2)SERVICE?e#>\n{ ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://x/\\u0041#> AS ?z) SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_service_clauses_are_refused(plain, query):
    assert "SERVICE" in _one_line_error(_get(plain, query), 403)


def test_the_word_service_in_strings_iris_and_names_is_fine(plain):
    query = ('PREFIX service: <http://example.org/service#> '
             'SELECT ?service WHERE { ?service ?p "service" } # no SERVICE here')
    assert _get(plain, query).status_code == 200


def test_workers_cannot_reach_another_host_even_past_the_check(limited):
    """Belt and braces: a SERVICE sent straight to a worker finds no network."""
    if not limited.runner.network_blocked:
        pytest.skip("no seccomp network sandbox on this platform")
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    answer = limited.runner.run(f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                                sparql_results.JSON)
    with pytest.raises(TimeoutError):
        listener.accept()  # nobody called
    listener.close()
    assert answer.status != 200 and b"ermission" in answer.body


def test_malformed_query_is_a_one_line_400(plain):
    message = _one_line_error(_get(plain, "SELECT ?x WHERE { ?x ?y "), 400)
    assert "malformed" in message
    _one_line_error(httpx.get(plain.url, timeout=30), 400)  # no query at all


def test_a_query_nested_thousands_deep_is_a_400_and_no_worker_dies(plain):
    """5,000 nested groups overflowed the parser's stack in a worker (SIGSEGV): refused first."""
    before = plain.runner.pids()
    deep = "SELECT * WHERE { " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000 + " }"
    assert "nests brackets" in _one_line_error(_post(plain, deep, "application/sparql-query"), 400)
    assert plain.runner.pids() == before


def test_unknown_path_is_404_and_an_oversized_body_413(plain):
    _one_line_error(httpx.get(plain.url.replace("/sparql", "/secret"), timeout=30), 404)
    oversized = "ASK {} #" + "x" * endpoint.MAX_BODY_BYTES
    _one_line_error(_post(plain, oversized, "application/sparql-query"), 413)
    _one_line_error(_post(plain, "ASK {}", "text/plain"), 415)


# ---------------------------------------------------------------- limits

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_runaway_query_is_stopped_at_the_limit_and_its_worker_killed(limited):
    before = set(limited.runner.pids())
    outcome: dict[str, object] = {}
    def run_away() -> None:
        started = time.monotonic()
        outcome["response"] = _get(limited, RUNAWAY)
        outcome["elapsed"] = time.monotonic() - started
    runaway = threading.Thread(target=run_away)
    runaway.start()
    time.sleep(0.3)
    meanwhile = time.monotonic()
    # another client (its own address) is answered by another worker
    assert _get(limited, "ASK { ?s ?p ?o }", source="127.0.0.2").json()["boolean"] is True
    assert time.monotonic() - meanwhile < 1
    runaway.join(TIME_LIMIT_S + 10)
    response, elapsed = outcome["response"], outcome["elapsed"]
    assert "no answer within" in _one_line_error(response, 504)
    assert TIME_LIMIT_S <= elapsed < TIME_LIMIT_S + 3
    killed = before - set(limited.runner.pids())
    assert len(killed) == 1 and not _alive(killed.pop())  # its CPU use stopped with it
    assert _get(limited, "ASK { ?s ?p ?o }").json()["boolean"] is True  # the endpoint goes on
    deadline = time.monotonic() + 20
    while len(limited.runner.pids()) < len(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(limited.runner.pids()) == len(before)  # the killed worker was replaced


def test_the_row_cap_cuts_the_answer_and_says_so(limited):
    capped = _get(limited, EVERYTHING)
    assert capped.headers.get(endpoint.TRUNCATED_HEADER) == "true"
    assert len(_json_rows(capped)) == ROW_CAP
    small = _get(limited, "SELECT ?e WHERE { ?e pkg:leads ?c } LIMIT 3")
    assert endpoint.TRUNCATED_HEADER not in small.headers and len(_json_rows(small)) == 3


# ---------------------------------------------------------------- CORS

def test_cors_headers_only_for_configured_origins(limited, plain, open_cors):
    asked = {"Origin": ALLOWED_ORIGIN}
    allowed = _get(limited, "ASK {}", headers=asked)
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert endpoint.TRUNCATED_HEADER in allowed.headers["access-control-expose-headers"]
    assert "access-control-allow-origin" not in _get(limited, "ASK {}", headers={"Origin": "https://other.example"}).headers
    assert "access-control-allow-origin" not in _get(plain, "ASK {}", headers=asked).headers
    assert _get(open_cors, "ASK {}", headers=asked).headers["access-control-allow-origin"] == "*"


def test_options_answers_the_preflight(limited, plain):
    preflight = {"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    answer = httpx.options(limited.url, headers=preflight, timeout=30)
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "POST" in answer.headers["access-control-allow-methods"]
    assert "content-type" in answer.headers["access-control-allow-headers"].lower()
    refused = httpx.options(plain.url, headers=preflight, timeout=30)
    assert refused.status_code == 204 and "access-control-allow-origin" not in refused.headers


# ---------------------------------------------------------------- the page and the command

def test_root_serves_the_graph_page_once_rendered(plain):
    first = httpx.get(plain.url.removesuffix("sparql"), timeout=60)
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/html")
    assert "<html" in first.text.lower()
    assert httpx.get(plain.url.removesuffix("sparql"), timeout=30).content == first.content  # cached


def test_a_failing_graph_page_falls_back_to_a_link(monkeypatch):
    from policykg.graph import viz

    def broken(*args, **kwargs):
        raise RuntimeError("viz is being reworked")
    monkeypatch.setattr(viz, "render_html", broken)
    page = endpoint.render_graph_page(None).decode("utf-8")
    assert '<a href="/sparql">' in page


def test_binding_beyond_loopback_is_warned_about():
    lines = endpoint.startup_lines("http://0.0.0.0:7878/sparql", "0.0.0.0", True, 10, 100_000)
    assert lines[0].startswith("warning:")
    assert not any(line.startswith("warning") for line in
                   endpoint.startup_lines("http://127.0.0.1:7878/sparql", "127.0.0.1", True, 10, 100_000))


def test_the_serve_command_listens_on_loopback_and_stops_on_ctrl_c(store_dir):
    command = [sys.executable, "-m", "policykg", "serve", "--store", str(store_dir), "--port", "0"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert "SPARQL endpoint at http://127.0.0.1:" in line and "warning" not in line
        url = line.split(" at ")[1].split()[0]
        assert httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30).json()["boolean"] is True
        process.send_signal(signal.SIGINT)
        assert process.wait(15) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()


def test_the_serve_command_removes_its_snapshot_when_terminated(store_dir):
    """SIGTERM (a service manager's stop, Popen.terminate) left the snapshot folder behind."""
    def snapshots() -> set:
        return set(store_dir.resolve().parent.glob(".policykg-serve-*"))

    before = snapshots()
    command = [sys.executable, "-m", "policykg", "serve", "--store", str(store_dir), "--port", "0"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stderr.readline().split(" at ")[1].split()[0]
        assert httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30).json()["boolean"] is True
        assert snapshots() - before  # serving from a snapshot beside the store
        process.terminate()
        assert process.wait(15) == 0
        assert snapshots() == before and "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()


# ---------------------------------------------------------------- the Host header

def test_a_loopback_endpoint_answers_only_its_own_names(plain):
    """DNS rebinding: a page of evil.example whose name resolves to 127.0.0.1 sends its own name."""
    port = plain.server_address[1]
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        assert "evil.example" in _one_line_error(_get(plain, "ASK {}", headers={"Host": host}), 403)
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost"):
        assert _get(plain, "ASK {}", headers={"Host": host}).status_code == 200, host


def test_allowed_host_names():
    from policykg.graph.endpoint import allowed_host_names, host_name

    assert allowed_host_names("0.0.0.0") is None  # every address, no name given: nothing to check
    assert allowed_host_names("0.0.0.0", ["kg.example.org"]) == {"kg.example.org"}
    assert "kg.example.org" in allowed_host_names("127.0.0.1", ["KG.example.org"])
    assert allowed_host_names("10.0.0.5") == {"10.0.0.5"}
    assert [host_name(h) for h in ("a.org:80", "[::1]:7878", "::1", "A.org")] == ["a.org", "::1", "::1", "a.org"]


def test_a_worker_killed_by_two_threads_at_once_is_stopped_once(store_dir):
    """A restart that failed and the server's close may retire the same worker together."""
    import multiprocessing
    import threading

    from policykg.graph.endpoint import _Worker

    worker = _Worker(multiprocessing.get_context("spawn"), store_dir, 100, 0)
    worker.wait_ready(60)
    errors: list[BaseException] = []

    def kill() -> None:
        try:
            worker.kill()
        except BaseException as exc:  # noqa: BLE001 - the test reports any
            errors.append(exc)

    threads = [threading.Thread(target=kill) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and not worker.process.is_alive() and worker.conn.closed
