"""Scoring against gold: perfect and empty predictions, and agreement with the reference scorer."""

from __future__ import annotations

import copy
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.graph.graph_data import ARTICLES, DOCUMENTS, article, extraction, gold
from fixtures.shared import CORPUS, REFERENCE_SCORER

from policykg.errors import InputError
from policykg.evaluation import (as_prediction, format_report, load_gold, load_prediction,
                                 prf, report_table, score)

REFERENCE = REFERENCE_SCORER
SECTIONS = ("entities_core", "entities_all", "relations", "measures")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_gold_against_itself_scores_one(name):
    result = score(gold(name), as_prediction(gold(name), article(name)), article(name))
    for section in SECTIONS:
        assert result[section]["f1"] == 1.0, section
    assert result["provenance"]["invalid"] == 0 and result["provenance"]["rate"] == 1.0


@pytest.mark.parametrize("name", DOCUMENTS)
def test_an_empty_prediction_has_zero_recall(name):
    empty = {"document": {"id": name}, "entities": [], "relations": [], "measures": []}
    result = score(gold(name), empty)
    for section in SECTIONS:
        assert result[section]["r"] == 0.0 and result[section]["fn"] > 0, section
    assert all(v["tp"] == 0 for v in result["entities"].values())


def _perturb(pred: dict, seed: int) -> dict:
    """A realistic wrong prediction: lost, retyped, renamed and invented items, broken spans."""
    rng = random.Random(seed)
    out = copy.deepcopy(pred)
    types = ["Enterprise", "Park", "Cluster", "Zone", "Plan", "Agency", "Place", "Industry"]
    out["entities"] = [e for e in out["entities"] if rng.random() > 0.2]
    for e in out["entities"]:
        roll = rng.random()
        if roll < 0.1:
            e["type"] = rng.choice(types)
        elif roll < 0.2:
            e["name"] = e["name"] + "有限公司"
            e["aliases"] = []
        elif roll < 0.25 and e["mentions"]:
            e["mentions"][0]["start"] += 1
    out["entities"].append({"id": "new1", "name": "不存在的产业园", "type": "Park", "aliases": [], "mentions": []})
    out["relations"] = [r for r in out["relations"] if rng.random() > 0.25]
    out["relations"] += [dict(out["relations"][0], relation="includes"),
                         {"head": "new1", "relation": "locatedIn", "tail": out["entities"][0]["id"]},
                         dict(out["relations"][-1])]
    for m in out["measures"]:
        roll = rng.random()
        if roll < 0.15:
            m["value"] = m["value"] + 1
        elif roll < 0.25:
            m["indicator"] = m["indicator"][1:]
        elif roll < 0.3:
            m.pop("evidence", None)
    out["measures"].append({"kind": "statistic", "value": "n/a", "unit": "%", "indicator": "x"})
    return out


def _reference(gold_path: Path, pred: dict, article_path: Path, tmp_path: Path) -> dict:
    pred_path = tmp_path / "pred.json"
    pred_path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(REFERENCE), str(gold_path), str(pred_path), str(article_path), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer shared/tools/score.py not present")
@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_the_reference_scorer_on_perturbed_predictions(tmp_path, name, seed):
    pred = _perturb(extraction(name), seed)
    gold_path = Path(__file__).parent / "fixtures" / "graph" / f"{name}.gold.json"
    expected = _reference(gold_path, pred, ARTICLES[name], tmp_path)
    assert score(gold(name), pred, article(name)) == expected


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer shared/tools/score.py not present")
def test_agrees_with_the_reference_scorer_on_the_extractor_output(tmp_path):
    pipeline = pytest.importorskip("policykg.extract.pipeline")
    pred = pipeline.extract_path(ARTICLES["hengyang-2017"]).to_dict()
    gold_path = Path(__file__).parent / "fixtures" / "graph" / "hengyang-2017.gold.json"
    expected = _reference(gold_path, pred, ARTICLES["hengyang-2017"], tmp_path)
    assert score(gold("hengyang-2017"), pred, article("hengyang-2017")) == expected


def test_report_lists_every_section_and_type():
    result = score(gold(), _perturb(extraction(), 7), article())
    text = format_report(result)
    for label in ("entities (core)", "relations", "measures", "entity Enterprise", "relation leads", "provenance"):
        assert label in text
    line = next(line for line in text.splitlines() if line.startswith("relations"))
    assert f"{result['relations']['f1']:.3f}" in line
    assert report_table(result).row_count == len(text.splitlines()) - 3


def test_files_load_and_a_gold_file_scores_as_a_prediction(tmp_path):
    gold_path = Path(__file__).parent / "fixtures" / "graph" / "hengyang-2017.gold.json"
    loaded = load_gold(gold_path)
    assert score(loaded, load_prediction(gold_path))["relations"]["f1"] == 1.0
    pred_path = tmp_path / "pred.json"
    pred_path.write_text(json.dumps([extraction()], ensure_ascii=False), encoding="utf-8")
    assert load_prediction(pred_path) == extraction()
    with_keys = extraction()
    for m, g in zip(with_keys["measures"], loaded["measures"]):
        m["key"] = g["key"]  # a prediction that also carries gold keys is still a prediction
    assert as_prediction(with_keys) is with_keys
    pred_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="pred.json"):
        load_prediction(pred_path)
    with pytest.raises(InputError, match="not a gold file"):
        load_gold(_write(tmp_path / "g.json", {"entities": []}))


def _write(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ---------------------------------------------------------------- eval --corpus

CORPUS_ARTICLES = sorted(p.parent for p in CORPUS.glob("*/gold.json"))


@pytest.fixture(scope="module")
def corpus_report() -> dict:
    """``policykg eval --corpus`` on the shared corpus, as JSON."""
    from typer.testing import CliRunner

    from policykg.cli import app

    result = CliRunner().invoke(app, ["eval", "--corpus", str(CORPUS), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.skipif(not REFERENCE.exists() or not CORPUS_ARTICLES, reason="shared corpus and scorer not present")
@pytest.mark.parametrize("folder", CORPUS_ARTICLES, ids=lambda p: p.name)
def test_eval_corpus_agrees_with_the_reference_scorer_on_every_article(tmp_path, corpus_report, folder):
    from policykg.extract.pipeline import extract_path

    [report] = corpus_report["corpora"]
    scores = next(a["scores"] for a in report["articles"] if a["name"] == folder.name)
    pred = extract_path(folder / "article.txt").to_dict()
    expected = _reference(folder / "gold.json", pred, folder / "article.txt", tmp_path)
    assert scores == expected


@pytest.mark.skipif(not CORPUS_ARTICLES, reason="shared corpus not present")
def test_eval_corpus_micro_average_sums_the_counts_of_the_articles(corpus_report):
    [report] = corpus_report["corpora"]
    assert [a["name"] for a in report["articles"]] == [p.name for p in CORPUS_ARTICLES]
    for section in SECTIONS:
        counts = [sum(a["scores"][section][k] for a in report["articles"]) for k in ("tp", "fp", "fn")]
        assert report["micro"][section] == prf(*counts)
        assert corpus_report["micro"][section] == report["micro"][section]  # one folder: the same
    valid = sum(a["scores"]["provenance"]["valid"] for a in report["articles"])
    assert report["micro"]["provenance"]["valid"] == valid and report["micro"]["articles"] == len(CORPUS_ARTICLES)


def _article_folder(root: Path, name: str, gold: str | None = None, article: str | None = "article.txt") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    source = Path(__file__).parent / "fixtures" / "relations" / "changde-invented"
    if article:
        (folder / article).write_text((source / "article.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "gold.json").write_text(gold if gold is not None else (source / "gold.json").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    return folder


def test_eval_corpus_prints_a_line_per_article_and_the_micro_average_of_each_folder(tmp_path):
    from typer.testing import CliRunner

    from policykg.cli import app

    one, two = tmp_path / "one", tmp_path / "two"
    _article_folder(one, "a")
    _article_folder(one, "b")
    _article_folder(two, "c")
    (one / "notes").mkdir()  # neither gold nor article: not an article folder
    result = CliRunner().invoke(app, ["eval", "--corpus", str(one), "--corpus", str(two)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"corpus {one}" and "core F1" in lines[1] and "prov." in lines[1]
    a = next(line for line in lines if line.startswith("a "))
    assert len(a.split()) == 6 and all(re.fullmatch(r"[01]\.\d{3}", x) for x in a.split()[1:])
    assert sum(line.startswith("micro-average (2 articles)") for line in lines) == 1
    assert sum(line.startswith("micro-average (1 article)") for line in lines) == 1
    assert lines[-1].startswith("all folders (3 articles)") and lines[-1].split()[-5:] == a.split()[1:]
    assert [line for line in result.stderr.splitlines() if line.startswith("[")] == [
        f"[1/3] {one / 'a'}", f"[2/3] {one / 'b'}", f"[3/3] {two / 'c'}"]


@pytest.mark.parametrize("make, message", [
    (lambda root: (root / "empty").mkdir(), "no article folders"),
    (lambda root: _article_folder(root, "x", gold='{"entities": ['), "not valid JSON"),
    (lambda root: _article_folder(root, "x", gold='{"entities": [{"name": "甲"}], "relations": [], "measures": []}'),
     "entities[0] has no 'type'"),
    (lambda root: _article_folder(root, "x", gold='{"entities": [], "relations": [{"head": "甲", "relation": "leads", '
                                                  '"tail": "乙"}], "measures": []}'), "is not a gold entity"),
    (lambda root: _article_folder(root, "x", article=None), "no article"),
])
def test_eval_corpus_gives_one_line_errors(tmp_path, make, message):
    from typer.testing import CliRunner

    from policykg.cli import app

    make(tmp_path)
    corpus = tmp_path / "empty" if (tmp_path / "empty").exists() else tmp_path
    result = CliRunner().invoke(app, ["eval", "--corpus", str(corpus)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_eval_needs_files_or_a_corpus_not_both(tmp_path):
    from typer.testing import CliRunner

    from policykg.cli import app

    for args in (["eval"], ["eval", "gold.json"], ["eval", "gold.json", "pred.json", "--corpus", str(tmp_path)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, args


def test_eval_corpus_reads_an_html_article(tmp_path):
    from typer.testing import CliRunner

    from policykg.cli import app

    folder = tmp_path / "page"
    folder.mkdir()
    html = Path(__file__).parent / "fixtures" / "reading" / "policy-page.html"
    (folder / "article.html").write_bytes(html.read_bytes())
    (folder / "gold.json").write_text('{"entities": [], "relations": [], "measures": []}', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--corpus", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)["corpora"]
    [scored] = report["articles"]
    assert scored["name"] == "page" and scored["scores"]["provenance"]["rate"] == 1.0


def test_a_gold_whose_measure_subject_is_no_entity_still_scores_itself_in_full():
    from policykg.evaluation import gold_as_prediction, score

    text = "全国工业增加值增长6%。青禾市工业增长8%。"
    gold = {"document": "x/article.txt", "entities": [{"name": "青禾市", "type": "Place"}], "relations": [],
            "measures": [{"kind": "statistic", "subject": "全国", "key": "工业增加值", "value": 6, "unit": "%", "year": None},
                         {"kind": "statistic", "subject": "青禾市", "key": "工业", "value": 8, "unit": "%", "year": None}]}
    prediction = gold_as_prediction(gold, text)
    assert [m["subject"] for m in prediction["measures"]] == [None, "e1"]
    assert score(gold, prediction, text)["measures"]["f1"] == 1.0
