"""The endpoint under load, with real concurrent clients on loopback (each client its own
127.0.0.x address): runaway clients do not starve the others, a full queue is a 503 with
Retry-After, every worker answers from the same store generation, bursts are accepted."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from fixtures.serving import running

from policykg.extract.pipeline import extract_path
from policykg.graph.endpoint import GENERATION_HEADER, SparqlServer, make_server
from policykg.graph.store import GraphStore
from policykg.samples import sample_path

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SHORT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
DOCUMENTS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d a <https://w3id.org/policykg/ontology#Document> } }"


@pytest.fixture(scope="module")
def extraction():
    return extract_path(sample_path()).to_dict()


@pytest.fixture()
def store_dir(tmp_path, extraction):
    path = tmp_path / "store"
    with GraphStore.create(path) as store:
        store.add_extraction(extraction)
    return path


def ask(server: SparqlServer, query: str, source: str, timeout: float = 30) -> httpx.Response:
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=timeout) as client:
        return client.get(server.url, params={"query": query}, headers={"Accept": "application/sparql-results+json"})


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_two_runaway_clients_do_not_starve_a_normal_one(store_dir):
    server_gen = running(make_server(store_dir, "127.0.0.1", 0, timeout=3, workers=4, quiet=True))
    server = next(server_gen)
    stop = time.monotonic() + 12
    runaway_status: list[int] = []

    def run_away(source: str) -> None:  # three at a time from one client, until the test ends
        while time.monotonic() < stop:
            runaway_status.append(ask(server, RUNAWAY, source).status_code)

    attackers = [threading.Thread(target=run_away, args=(f"127.0.0.{n}",), daemon=True)
                 for n in (2, 3) for _ in range(3)]
    for thread in attackers:
        thread.start()
    time.sleep(0.5)
    latencies = []
    while time.monotonic() < stop - 1:
        started = time.monotonic()
        assert count(ask(server, SHORT, "127.0.0.9")) > 0
        latencies.append(time.monotonic() - started)
    for thread in attackers:
        thread.join(15)
    next(server_gen, None)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    assert len(latencies) > 20 and p95 < 1.0, (len(latencies), p95)
    assert set(runaway_status) <= {503, 504} and 504 in runaway_status


def test_a_full_queue_is_503_with_retry_after(store_dir):
    server_gen = running(make_server(store_dir, "127.0.0.1", 0, timeout=2, workers=1, queue_wait=0.5, quiet=True))
    server = next(server_gen)
    runaway = threading.Thread(target=ask, args=(server, RUNAWAY, "127.0.0.2"), daemon=True)
    runaway.start()
    time.sleep(0.3)
    started = time.monotonic()
    waited = ask(server, SHORT, "127.0.0.3")  # the one worker is busy: waits, then 503
    assert waited.status_code == 503 and 0.4 < time.monotonic() - started < 1.5
    assert waited.headers["Retry-After"] == "1" and "\n" not in waited.text.strip()
    with ThreadPoolExecutor(8) as pool:  # one client may keep only 4 waiting (16 // 4)
        statuses = [r.status_code for r in pool.map(lambda _: ask(server, SHORT, "127.0.0.4"), range(8))]
    assert statuses.count(503) >= 4
    runaway.join(10)
    assert count(ask(server, SHORT, "127.0.0.3")) > 0  # free again
    next(server_gen, None)


def test_every_worker_answers_from_one_generation_until_a_reload(store_dir, extraction):
    server_gen = running(make_server(store_dir, "127.0.0.1", 0, timeout=1.5, workers=2, quiet=True))
    server = next(server_gen)
    second = {**extraction, "document": {**extraction["document"], "id": "second-copy"}}
    with GraphStore(store_dir) as store:  # the store changes while the server runs
        store.add_extraction(second)
    assert ask(server, RUNAWAY, "127.0.0.2").status_code == 504  # a worker killed and replaced
    deadline = time.monotonic() + 30
    while len(server.runner.pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    answers = [ask(server, DOCUMENTS, f"127.0.0.{3 + i % 4}") for i in range(12)]
    assert {count(a) for a in answers} == {1}  # the replacement sees what the others see
    assert {a.headers[GENERATION_HEADER] for a in answers} == {"1"}
    assert server.runner.reload() == 2
    answers = [ask(server, DOCUMENTS, f"127.0.0.{3 + i % 4}") for i in range(12)]
    assert {count(a) for a in answers} == {2} and {a.headers[GENERATION_HEADER] for a in answers} == {"2"}
    assert len(server.runner.pids()) == 2  # the workers of generation 1 are gone
    next(server_gen, None)


def test_a_burst_of_clients_is_accepted_at_once(store_dir):
    server_gen = running(make_server(store_dir, "127.0.0.1", 0, timeout=5, workers=2, quiet=True))
    server = next(server_gen)
    assert server.request_queue_size >= 2 * 16
    started = time.monotonic()
    with ThreadPoolExecutor(24) as pool:
        responses = list(pool.map(lambda i: ask(server, SHORT, f"127.0.0.{2 + i % 8}"), range(24)))
    assert [r.status_code for r in responses] == [200] * 24
    assert time.monotonic() - started < 5
    next(server_gen, None)


def test_the_serve_command_takes_up_a_new_build_on_sighup(store_dir, extraction):
    import signal
    import subprocess
    import sys

    command = [sys.executable, "-m", "policykg", "serve", "--store", str(store_dir), "--port", "0", "--workers", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        url = line.split(" at ")[1].split()[0]

        def documents() -> tuple[int, str]:
            response = httpx.get(url, params={"query": DOCUMENTS}, timeout=30,
                                 headers={"Accept": "application/sparql-results+json"})
            return count(response), response.headers[GENERATION_HEADER]

        assert documents() == (1, "1")
        with GraphStore(store_dir) as store:  # a build while the server runs: not seen yet
            store.add_extraction({**extraction, "document": {**extraction["document"], "id": "second-copy"}})
        assert documents() == (1, "1")
        process.send_signal(signal.SIGHUP)
        said = [process.stderr.readline() for _ in range(3)]  # past the access log of the 2 queries
        assert any("reloaded the store: generation 2" in line for line in said), said
        assert {documents() for _ in range(6)} == {(2, "2")}
        process.send_signal(signal.SIGINT)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not list(store_dir.parent.glob(".policykg-serve-*"))  # the snapshots are removed
