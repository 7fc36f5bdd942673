"""A document over its time budget (--timeout) is one error line naming the file; the batch goes on."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.extract.parallel import Job, extract_job
from policykg.samples import sample_path

runner = CliRunner()


@pytest.fixture()
def batch(tmp_path):
    """The sample article ten times over (most of a second of work) and a one-sentence note
    (a few milliseconds)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(sample_path().read_text(encoding="utf-8") * 10, encoding="utf-8")
    (folder / "note.txt").write_text("2022年9月14日，衡阳市经信委与比亚迪汽车工业园签约。", encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_document_over_its_budget_is_one_line_and_the_batch_goes_on(batch, tmp_path, workers):
    out = tmp_path / "out.json"
    start = time.monotonic()
    result = runner.invoke(app, ["extract", str(batch), "--json", str(out), "--timeout", "0.2",
                                 "--workers", workers])
    assert time.monotonic() - start < 60
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if "time budget" in line]
    assert lines and all("article.txt" in line and "0.2 s" in line for line in lines), result.stderr
    assert "Traceback" not in result.stderr
    assert [doc["document"]["source"].endswith("note.txt") for doc in json.loads(out.read_text())] == [True]


def test_the_budget_does_not_outlive_the_document(batch):
    """After a document within its budget, no alarm is left armed to stop the next one."""
    done = extract_job(Job(str(batch / "note.txt"), timeout=0.5))
    assert done.error is None
    time.sleep(0.7)  # an alarm left armed would fire here and kill the test process
    assert extract_job(Job(str(batch / "note.txt"))).error is None
