"""Many documents: worker processes (--workers), a Dask cluster (--scheduler), incremental
builds (sha256 asked of the store; --force), batched loading and progress on stderr."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from test_remote_store import server  # noqa: F401  (the Oxigraph server fixture)
from typer.testing import CliRunner

from policykg.cli import app
from policykg.extract import parallel
from policykg.graph.stores import open_store

runner = CliRunner()

TEXTS = {
    "a-hengyang.txt": "衡阳市经信委与比亚迪汽车工业园签约。衡阳高新技术产业开发区加快建设。",
    "b-suzhou.txt": "苏州工业园区发布《苏州市生物医药产业发展规划》。",
    "c-shenzhen.txt": "深圳市工业和信息化局组织实施深圳市新一代信息技术产业集群行动计划。",
    "d-changsha.txt": "长沙经济技术开发区推进工程机械产业集群建设，三一集团牵头。",
}


def run(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _documents(store: Path | str) -> dict[str, str]:
    result = open_store(str(store)).query(
        "SELECT ?id ?sha WHERE { ?d a prov:Entity ; pkg:documentId ?id ; pkg:sha256 ?sha }")
    return dict(result.values())


def test_two_worker_processes_give_the_same_json_in_order_and_report_a_bad_file(corpus: Path, tmp_path: Path):
    (corpus / "c2-empty.txt").write_bytes(b"")
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    first = run("extract", corpus, "--workers", "1", "--json", one)
    second = run("extract", corpus, "--workers", "2", "--json", two)
    for result in (first, second):
        assert result.exit_code == 1  # one of five failed, the others are there
        errors = [line for line in result.output.splitlines() if line.startswith("error")]
        assert len(errors) == 1 and "c2-empty.txt" in errors[0] and "Traceback" not in result.output
        assert "1 of 5 file(s) failed" in result.output
    data = json.loads(two.read_text(encoding="utf-8"))
    assert [d["document"]["id"] for d in data] == ["a-hengyang", "b-suzhou", "c-shenzhen", "d-changsha"]
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    # the streamed array is the text json.dumps gives for the whole list
    assert two.read_text(encoding="utf-8") == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert not list(tmp_path.glob(".*.part"))


def test_build_skips_unchanged_documents_and_rebuilds_a_changed_one(corpus: Path, tmp_path: Path, monkeypatch):
    store = tmp_path / "store"
    extracted: list[str] = []
    real = parallel.extract_job

    def counting(job):
        extracted.append(Path(job.path).name)
        return real(job)

    monkeypatch.setattr(parallel, "extract_job", counting)
    start = time.monotonic()
    result = run("build", corpus, "--store", store, "--workers", "1")
    first = time.monotonic() - start
    assert result.exit_code == 0, result.output
    assert len(extracted) == 4 and "skipped" not in result.output
    hashes = _documents(store)
    assert set(hashes) == {Path(n).stem for n in TEXTS}

    extracted.clear()
    start = time.monotonic()
    result = run("build", corpus, "--store", store, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert extracted == [] and "skipped 4 unchanged document(s)" in result.output
    assert time.monotonic() - start < first + 1
    assert _documents(store) == hashes

    (corpus / "b-suzhou.txt").write_text(TEXTS["b-suzhou.txt"] + "苏州市推进纳米技术产业集群。", encoding="utf-8")
    result = run("build", corpus, "--store", store, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert extracted == ["b-suzhou.txt"] and "skipped 3 unchanged document(s)" in result.output
    after = _documents(store)
    assert after["b-suzhou"] != hashes["b-suzhou"] and len(after) == 4  # replaced, not added
    labels = open_store(str(store)).query("SELECT ?l WHERE { ?c a pkg:Cluster ; rdfs:label ?l }").column("l")
    assert any("纳米" in (label or "") for label in labels)

    extracted.clear()
    result = run("build", corpus, "--store", store, "--workers", "1", "--force")
    assert result.exit_code == 0 and len(extracted) == 4 and "skipped" not in result.output


def test_build_loads_in_batches_as_documents_come(corpus: Path, tmp_path: Path, monkeypatch):
    from policykg.cli import store as store_cli

    batches: list[int] = []
    real_open = store_cli.open_store

    def recording_open(location, *, write=False):
        graph_store = real_open(location, write=write)
        add = graph_store.add_extractions

        def add_extractions(items):
            items = list(items)
            batches.append(len(items))
            return add(items)

        graph_store.add_extractions = add_extractions
        return graph_store

    monkeypatch.setattr(store_cli, "open_store", recording_open)
    monkeypatch.setattr(store_cli, "BATCH_DOCUMENTS", 3)
    result = run("build", corpus, "--store", tmp_path / "store", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert batches == [3, 1]


def test_progress_lines_without_a_terminal(corpus: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("POLICYKG_PROGRESS_SECONDS", "0.1")
    real = parallel.extract_job

    def slow(job):
        time.sleep(0.3)
        return real(job)

    monkeypatch.setattr(parallel, "extract_job", slow)
    (corpus / "e-empty.txt").write_bytes(b"")
    result = run("build", corpus, "--store", tmp_path / "store", "--workers", "1")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    ticks = [line for line in lines if line.startswith("extracting ")]
    assert len(ticks) >= 3 and "/5 documents" in ticks[-1] and "entities" in ticks[-1]
    assert any("ETA" in line for line in ticks) and any("loading:" in line for line in ticks)
    assert any(line.startswith("extracted 4 of 5 document(s) in ") and "loaded 4 into the store" in line
               for line in lines)
    assert "1 of 5 file(s) failed" in result.output and "e-empty.txt" in result.output.split("failed:")[-1]


def test_incremental_build_on_a_sparql_server(corpus: Path, server: str):  # noqa: F811
    result = run("build", corpus, "--store", server, "--workers", "1")
    assert result.exit_code == 0, result.output
    result = run("build", corpus, "--store", server, "--workers", "1")
    assert result.exit_code == 0 and "skipped 4 unchanged document(s)" in result.output
    assert set(_documents(server)) >= {Path(n).stem for n in TEXTS}


def test_a_dask_cluster_extracts_and_the_store_is_loaded(corpus: Path, tmp_path: Path):
    try:
        from distributed import LocalCluster
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("dask.distributed is not installed (the test extras install it)")
        pytest.skip("dask.distributed is not installed (pip install 'policykg[dask]')")
    (corpus / "e-empty.txt").write_bytes(b"")
    store = tmp_path / "store"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run("build", corpus, "--store", store, "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 1  # the empty file fails alone, in one line
    assert "e-empty.txt" in result.output and "Traceback" not in result.output
    assert set(_documents(store)) == {Path(n).stem for n in TEXTS}


def test_an_unreachable_scheduler_is_a_one_line_error(corpus: Path, tmp_path: Path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    result = run("build", corpus, "--store", tmp_path / "store", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if line.startswith("error")][0].startswith(
        "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_default_workers_are_the_cores_for_a_batch_worth_it(tmp_path: Path, monkeypatch):
    from policykg.cli.app import SMALL_BATCH_BYTES, worker_count
    from policykg.extract.parallel import Job, default_workers

    monkeypatch.delenv("POLICYKG_WORKERS", raising=False)
    small = tmp_path / "small.txt"
    small.write_text("衡阳市", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * SMALL_BATCH_BYTES)
    jobs = [Job(str(big)), Job(str(small)), Job(str(small)), Job(str(small)), Job(str(small))]
    assert worker_count(None, jobs) == min(default_workers(), 5)
    assert worker_count(None, jobs[1:]) == 1  # starting workers would cost more than it saves
    assert worker_count(3, jobs[1:]) == 3 and worker_count(8, jobs[:2]) == 2  # never more than documents
    monkeypatch.setenv("POLICYKG_WORKERS", "4")
    assert worker_count(None, jobs[1:]) == 4


def test_progress_on_a_terminal_shows_extraction_and_loading():
    import io

    from rich.console import Console

    from policykg.cli.progress import BatchProgress
    from policykg.extract.parallel import Outcome

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160)
    done = Outcome("a.txt", {"entities": [{}] * 3, "relations": [{}], "measures": [{}, {}]}, chars=100)
    with BatchProgress(console, 2, loading=True, starting="loading the pipeline …") as bar:
        assert bar.bar is not None and "loading the pipeline" in bar.stats()
        bar.extracted(done)
        bar.extracted(Outcome("b.txt", error="b.txt: empty file"))
        bar.writing(1)
        assert "writing 1" in bar.load_stats()
        bar.loaded(1, seconds=0.5)
        bar.bar.refresh()
    text = screen.getvalue()
    assert "extracting" in text and "loading" in text and "2/2" in text
    assert "3 entities" in text and "3 facts" in text and "1 failed" in text and "1 in the store" in text
    assert bar.final().startswith("extracted 1 of 2 document(s) in ") and "loaded 1 into the store" in bar.final()
