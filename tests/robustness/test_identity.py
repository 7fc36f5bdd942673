"""Document identity: no silent overwrite of one file by another of the same name, no silent
second copy of the same content, and `remove` takes every id that @documents shows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.samples import sample_path

runner = CliRunner()
TEXT = sample_path().read_text(encoding="utf-8")
PARTS = [TEXT[: len(TEXT) // 3], TEXT[len(TEXT) // 3: 2 * len(TEXT) // 3]]


def run(*args: object):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def documents(store: Path) -> list[str]:
    result = run("query", "@documents", "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.output
    return sorted(row["document"] for row in csv.DictReader(io.StringIO(result.stdout)))


def test_two_files_of_one_name_in_two_folders_are_two_documents(tmp_path):
    for folder, text in zip("ab", PARTS):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "report.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    assert run("build", tmp_path / "in", "--store", store).exit_code == 0
    ids = documents(store)
    assert len(ids) == 2 and ids[0] == "report" and re.fullmatch(r"report-[0-9a-f]{8}", ids[1]), ids
    again = run("build", tmp_path / "in", "--store", store)  # the same ids: both are unchanged
    assert again.exit_code == 0 and "skipped 2 unchanged" in again.stdout, again.output
    assert documents(store) == ids


def test_three_files_of_one_name_named_one_by_one_get_three_ids(tmp_path):
    from policykg.cli.app import unique_ids

    files = [tmp_path / folder / "report.txt" for folder in "abc"]
    ids = unique_ids(files, files)
    assert len(set(ids)) == 3 and ids[0] == "report"
    assert unique_ids(files, files) == ids  # the same in every build


def test_the_same_content_under_another_name_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(PARTS[0], encoding="utf-8")
    (tmp_path / "in" / "two.txt").write_text(PARTS[0], encoding="utf-8")
    store = tmp_path / "store"
    result = run("build", tmp_path / "in", "--store", store)
    assert result.exit_code == 0, result.output
    assert documents(store) == ["one"]
    assert re.search(r"warning: \S*two\.txt: the same content \(sha256\) as the document one", result.stderr)
    (tmp_path / "later.txt").write_text(PARTS[0], encoding="utf-8")  # already stored, a later build
    later = run("build", tmp_path / "later.txt", "--store", store)
    assert later.exit_code == 0 and "later.txt: the same content" in later.stderr, later.output
    assert documents(store) == ["one"]
    forced = run("build", tmp_path / "later.txt", "--store", store, "--force")
    assert forced.exit_code == 0 and documents(store) == ["later", "one"]


@pytest.fixture(scope="module")
def two_document_export(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("merged")
    for name, text in zip(("first", "second"), PARTS):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    store = folder / "store"
    assert run("build", folder / "first.txt", folder / "second.txt", "--store", store).exit_code == 0
    for fmt in ("ttl", "nq"):
        assert run("export", "--format", fmt, "--out", folder / f"kg.{fmt}", "--store", store).exit_code == 0
    return folder


def test_remove_takes_the_id_of_a_document_merged_from_an_rdf_file(two_document_export, tmp_path):
    one = tmp_path / "one.ttl"  # a Turtle file of one document: its own graph, graph/file/one.ttl
    folder = two_document_export
    store_one = tmp_path / "store-one"
    assert run("build", folder / "first.txt", "--store", store_one).exit_code == 0
    assert run("export", "--format", "ttl", "--out", one, "--store", store_one).exit_code == 0
    store = tmp_path / "store"
    assert run("build", one, "--store", store).exit_code == 0
    assert documents(store) == ["first"]
    removed = run("remove", "first", "--store", store)
    assert removed.exit_code == 0 and "graph/file/one.ttl" in removed.stdout, removed.output
    assert documents(store) == []


def test_remove_of_a_document_that_shares_a_merged_graph_says_which_graph(two_document_export, tmp_path):
    store = tmp_path / "store"
    assert run("build", two_document_export / "kg.ttl", "--store", store).exit_code == 0
    assert documents(store) == ["first", "second"]
    refused = run("remove", "first", "--store", store)
    assert refused.exit_code == 1 and len(refused.stderr.strip().splitlines()) == 1
    graph = re.search(r"<([^>]+)>", refused.stderr).group(1)
    assert graph.endswith("graph/file/kg.ttl") and documents(store) == ["first", "second"]
    assert run("remove", graph, "--store", store).exit_code == 0
    assert documents(store) == []


def test_remove_takes_ids_from_a_merged_dataset_file(two_document_export, tmp_path):
    store = tmp_path / "store"  # N-Quads keep each document's own graph
    assert run("build", two_document_export / "kg.nq", "--store", store).exit_code == 0
    assert run("remove", "second", "--store", store).exit_code == 0
    assert documents(store) == ["first"]
