"""End-to-end tests of the command line on the real sample article."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from fixtures.shared import CORPUS
from typer.testing import CliRunner

from policykg.cli import app
from policykg.samples import sample_path

runner = CliRunner()
SAMPLE = sample_path()
SHARED = CORPUS.parent


def run(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture(scope="module")
def extraction_file(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("extract") / "sample.json"
    result = run("extract", SAMPLE, "--json", dest)
    assert result.exit_code == 0, result.output
    return dest


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("build") / "store"
    result = run("build", SAMPLE, "--store", store)
    assert result.exit_code == 0, result.output
    assert "triples" in result.output
    return store


def test_extract_json_follows_the_spec(extraction_file: Path):
    data = json.loads(extraction_file.read_text(encoding="utf-8"))
    original = SAMPLE.read_text(encoding="utf-8")
    assert data["document"]["id"] == "hengyang-2017"
    assert data["document"]["city"] == "衡阳"
    ids = {e["id"] for e in data["entities"]}
    assert len(ids) == len(data["entities"]) > 20
    for rel in data["relations"]:
        assert rel["head"] in ids and rel["tail"] in ids
    for measure in data["measures"]:
        assert measure["subject"] in ids
        assert isinstance(measure["value"], (int, float))
    spans = [m for e in data["entities"] for m in e["mentions"]]
    spans += [r["evidence"] for r in data["relations"] + data["measures"]]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(original)
        assert re.sub(r"\s+", "", original[span["start"]:span["end"]]) == re.sub(r"\s+", "", span["text"])


def test_extract_several_files_gives_an_array(tmp_path: Path):
    other = tmp_path / "copy.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("extract", SAMPLE, other)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list) and [d["document"]["id"] for d in data] == ["hengyang-2017", "copy"]


def test_query_leaders_answers_from_the_store(store_dir: Path):
    result = run("query", "@leaders", "--store", store_dir, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = result.stdout.strip().splitlines()
    assert len(rows) >= 2  # header and at least one enterprise leading a cluster
    assert any("产业集群" in row or "制造中心" in row for row in rows[1:])


def test_query_json_format_is_sparql_results_json(store_dir: Path):
    result = run("query", "@enterprises", "--store", store_dir, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"] and data["results"]["bindings"]


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld", "xml"])
def test_export_rdf_round_trips(store_dir: Path, tmp_path: Path, fmt: str):
    dest = tmp_path / f"kg.{fmt}"
    assert run("export", "--format", fmt, "--out", dest, "--store", store_dir).exit_code == 0
    rdflib_format = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                     "jsonld": "json-ld", "xml": "xml"}[fmt]
    parsed = rdflib.Dataset(default_union=True)
    parsed.parse(dest, format=rdflib_format)
    nt = tmp_path / "reference.nt"
    run("export", "--format", "nt", "--out", nt, "--store", store_dir)
    reference = rdflib.Graph().parse(nt, format="nt")
    assert len(set(parsed.triples((None, None, None)))) == len(reference) > 100


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_graph_formats_read_back(store_dir: Path, tmp_path: Path, fmt: str, reader):
    dest = tmp_path / f"kg.{fmt}"
    assert run("export", "--format", fmt, "--out", dest, "--store", store_dir).exit_code == 0
    graph = reader(dest)
    relations = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?r ?b . ?r a <http://www.w3.org/2002/07/owl#ObjectProperty> }",
                    "--store", store_dir, "--format", "csv")
    assert graph.number_of_nodes() > 20
    assert graph.number_of_edges() > 0, relations.output


def test_viz_page_names_entities_and_needs_no_network(store_dir: Path, tmp_path: Path):
    dest = tmp_path / "graph.html"
    assert run("viz", "--out", dest, "--store", store_dir).exit_code == 0
    page = dest.read_text(encoding="utf-8")
    assert "衡阳" in page and "工信部" in page
    assert not re.search(r"<script[^>]+src=[\"']https?://", page)
    focused = _cli("viz", "--out", dest, "--store", store_dir, "--focus", "衡阳")
    assert focused.returncode == 0 and "replacing the page that was there" in focused.stderr


def test_eval_gold_against_itself_and_empty(tmp_path: Path):
    gold_path = SHARED / "corpus" / "hengyang-2017" / "gold.json"
    if not gold_path.exists():
        pytest.skip("shared corpus not beside the repository")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ids = {g["name"]: f"g{i}" for i, g in enumerate(gold["entities"])}
    perfect = {
        "entities": [{"id": ids[g["name"]], **g} for g in gold["entities"]],
        "relations": [{"head": ids[r["head"]], "relation": r["relation"], "tail": ids[r["tail"]]}
                      for r in gold["relations"]],
        "measures": [{**m, "indicator": m["key"]} for m in gold["measures"]],
    }
    (tmp_path / "perfect.json").write_text(json.dumps(perfect, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "empty.json").write_text('{"entities": [], "relations": [], "measures": []}', encoding="utf-8")
    scores = json.loads(run("eval", gold_path, tmp_path / "perfect.json", "--json").stdout)
    assert scores["entities_all"]["f1"] == scores["relations"]["f1"] == scores["measures"]["f1"] == 1.0
    scores = json.loads(run("eval", gold_path, tmp_path / "empty.json", "--json").stdout)
    assert scores["entities_all"]["r"] == scores["relations"]["r"] == scores["measures"]["r"] == 0.0


def test_demo_writes_every_file(tmp_path: Path):
    result = run("demo", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    for name in ("kg.ttl", "extraction.json", "graph.html"):
        assert (tmp_path / "demo" / name).stat().st_size > 0
    assert "产业集群" in result.output  # the @leaders answer is printed


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("content", [None, b"", b"  \n\t \n", b"\x00\x01\x02PK\x03\x04" * 50])
def test_bad_input_gives_one_line_error(tmp_path: Path, content: bytes | None):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    proc = _cli("extract", path)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error")]
    assert errors and "bad.txt" in errors[0]


def test_query_without_store_and_bad_sparql_are_clear_errors(tmp_path: Path, store_dir: Path):
    proc = _cli("query", "@leaders", "--store", tmp_path / "nowhere")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and "error" in proc.stderr
    proc = _cli("query", "SELECT ?x WHERE { ?x", "--store", store_dir)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and "error" in proc.stderr
    proc = _cli("query", "DELETE WHERE { ?s ?p ?o }", "--store", store_dir)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert run("query", "@enterprises", "--store", store_dir, "--format", "csv").stdout.count("\n") > 2


def test_query_refuses_service_unless_allowed(store_dir: Path):
    federated = "SELECT * WHERE { BIND(<http://x/\\u0041#> AS ?z) SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    proc = _cli("query", federated, "--store", store_dir)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "--allow-service" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    allowed = _cli("query", federated, "--store", store_dir, "--allow-service")
    assert "--allow-service" not in allowed.stderr  # it reached the store (which finds no server at :9)


def test_every_command_has_help_with_an_example():
    for command in ("extract", "build", "query", "export", "viz", "eval", "demo"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.output, command


def test_build_loads_extraction_json_and_rejects_malformed(extraction_file: Path, tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"document": {"id": "x"}, "entities": "not a list"}', encoding="utf-8")
    store = tmp_path / "store"
    result = run("build", extraction_file, bad, "--store", store)
    assert result.exit_code == 1  # one of two inputs failed: listed, and the exit code says so
    assert "bad.json" in result.output and "entities" in result.output and "1 of 2" in result.output
    rows = run("query", "@leaders", "--store", store, "--format", "csv").stdout.strip().splitlines()
    assert len(rows) >= 2  # the good file was still loaded


def test_hostile_names_stay_literal_through_build_query_and_viz(tmp_path: Path):
    hostile = '<script>alert("x")</script>工业园'
    article = tmp_path / "hostile.txt"
    article.write_text(f"我市加快建设{hostile}和滨江产业园。", encoding="utf-8")
    extraction = {"document": {"id": "hostile", "city": "测试"},
                  "entities": [{"id": "e1", "name": hostile, "type": "Park", "mentions": []}],
                  "relations": [], "measures": []}
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(extraction, ensure_ascii=False), encoding="utf-8")
    store = tmp_path / "store"
    assert run("build", source, "--store", store).exit_code == 0
    names = run("query", "@entities", "--store", store, "--format", "json").stdout
    rows = json.loads(names)["results"]["bindings"]
    # the label drops quotation marks (a display form); the name as written is kept as an alias
    assert hostile in {b["aliases"]["value"] for b in rows if "aliases" in b}
    assert '<script>alert(x)</script>工业园' in {b["name"]["value"] for b in rows}
    page = tmp_path / "graph.html"
    assert run("viz", "--out", page, "--store", store).exit_code == 0
    assert '<script>alert("x")</script>' not in page.read_text(encoding="utf-8")


def test_build_merges_an_exported_graph_and_rejects_malformed_rdf(store_dir: Path, tmp_path: Path):
    exported = tmp_path / "kg.ttl"
    assert run("export", "--format", "ttl", "--out", exported, "--store", store_dir).exit_code == 0
    merged = tmp_path / "merged"
    assert run("build", exported, "--store", merged).exit_code == 0
    leaders = run("query", "@leaders", "--store", merged, "--format", "csv").stdout.strip().splitlines()
    assert len(leaders) >= 2
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix x: <http://example.org/> .\nx:a x:b "no end .\n', encoding="utf-8")
    before = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", merged, "--format", "csv").stdout
    proc = _cli("build", broken, "--store", merged)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "broken.ttl" in proc.stderr and "malformed RDF" in proc.stderr
    after = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", merged, "--format", "csv").stdout
    assert before == after  # nothing half-loaded


def test_the_readme_sparql_example_answers(store_dir: Path, tmp_path: Path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sparql = re.search(r"```sparql\n(.*?)```", readme, re.S).group(1)
    query_file = tmp_path / "query.rq"
    query_file.write_text(sparql, encoding="utf-8")
    result = run("query", query_file, "--store", store_dir, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) >= 2


def test_extract_date_option_and_manifest(tmp_path: Path):
    article = tmp_path / "docs" / "notice.txt"
    article.parent.mkdir()
    article.write_text("某市出台制造业实施意见\n2021年12月01日 来源：某市政府网\n"
                       "近日，衡阳市人民政府印发《关于推动制造业高质量发展的实施意见》。\n", encoding="utf-8")

    def document(*options: str) -> dict:
        result = run("extract", article, *options)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["document"]

    assert (document()["date"], "date_source" in document()) == ("2021-12-01", False)  # the dateline
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,date,title,city\ndocs/notice.txt,2022-03-04,制造业实施意见,湘潭\n", encoding="utf-8")
    listed = document("--manifest", manifest)
    assert (listed["date"], listed["date_source"], listed["title"], listed["city"]) == (
        "2022-03-04", "manifest", "制造业实施意见", "湘潭")
    given = document("--manifest", manifest, "--date", "2023-05-06")  # --date first
    assert (given["date"], given["date_source"], given["city"]) == ("2023-05-06", "option", "湘潭")
    store = tmp_path / "store"
    built = run("build", article, "--store", store, "--date", "2023-05-06")
    assert built.exit_code == 0, built.output


@pytest.mark.parametrize("options, message", [
    (["--date", "2022-02-30"], "--date: bad date '2022-02-30' (expected YYYY-MM-DD)"),
    (["--date", "14.9.2022"], "--date: bad date"),
    (["--manifest", "no-such.csv"], "no-such.csv: no such manifest file"),
])
def test_a_bad_date_or_manifest_is_a_one_line_error(tmp_path: Path, options: list[str], message: str):
    proc = _cli("extract", SAMPLE, *options)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and message in errors[0]


def test_usage_mistakes_are_one_line_errors():
    """A mistyped command line is one line with a hint, not the framework's boxed panel."""
    for argv, said in ((("query", "@leaders", "--format", "xx"), "'xx' is not one of"),
                       (("querry",), "No such command 'querry'"),
                       (("extract", "--no-such-option"), "No such option")):
        proc = _cli(*argv)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2 and len(lines) == 1 and said in lines[0], proc.stderr
        assert lines[0].startswith("error:") and "--help" in lines[0] and "╭" not in proc.stderr


def test_pdfminer_warnings_only_with_verbose(tmp_path: Path):
    """Issue 15: pdfminer printed a warning line per oddity of a PDF (97 for one page)."""
    from fixtures.pdf import write_pdf

    pdf = tmp_path / "damaged.pdf"
    write_pdf(pdf, ["衡阳市经信委与比亚迪汽车工业园签约。" * 4], damaged=True)
    quiet = _cli("extract", pdf, "--json", tmp_path / "quiet.json")
    loud = _cli("--verbose", "extract", pdf, "--json", tmp_path / "loud.json")
    assert quiet.returncode == loud.returncode == 0, quiet.stderr + loud.stderr
    assert "Cannot set line width" in loud.stderr  # the PDF does make pdfminer warn
    assert "Cannot set line width" not in quiet.stderr, quiet.stderr
    assert (tmp_path / "quiet.json").read_text(encoding="utf-8") == (tmp_path / "loud.json").read_text(encoding="utf-8")
    by_env = subprocess.run([sys.executable, "-m", "policykg", "extract", str(pdf)], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "POLICYKG_VERBOSE": "1"})
    assert "Cannot set line width" in by_env.stderr


def test_a_built_store_is_flushed_so_serve_sees_what_it_holds(tmp_path: Path):
    """`build` left its last writes in the store's write-ahead log; the snapshot `serve` takes
    (a checkpoint of the store opened for reading) then held none of them: 0 triples served."""
    from policykg.graph.endpoint import take_snapshot
    from policykg.graph.store import GraphStore

    store = tmp_path / "store"
    assert run("build", SAMPLE, "--store", store, "--workers", "1").exit_code == 0
    snapshot = take_snapshot(store)
    assert GraphStore.open(snapshot).count_triples() == GraphStore.open(store).count_triples() > 0
