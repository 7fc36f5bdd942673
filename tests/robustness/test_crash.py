"""kill -9 during the rebuild of a stored document leaves the old or the new version, whole."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from crashkit import as_version, expected_quads, run_new_documents_trial, run_trial

from policykg.extract.pipeline import extract_path
from policykg.samples import sample_path


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Two versions of one document: the sample article, and its first half (fewer entities,
    so that replacing one by the other also collects entity-level triples)."""
    folder = tmp_path_factory.mktemp("versions")
    text = sample_path().read_text(encoding="utf-8")
    half = folder / "half.txt"
    half.write_text(text[: len(text) // 2], encoding="utf-8")
    a = as_version(extract_path(sample_path()).to_dict(), "whole")
    b = as_version(extract_path(half).to_dict(), "half")
    paths = {}
    for label, version in (("old", a), ("new", b)):
        paths[label] = folder / f"{label}.json"
        paths[label].write_text(json.dumps(version, ensure_ascii=False), encoding="utf-8")
    expected = {"old": expected_quads(a), "new": expected_quads(b)}
    assert expected["old"] != expected["new"]
    return paths, expected


def _outcomes(tmp_path: Path, name: str, trial) -> list[str]:
    """Six trials, each in a folder of its own: what each left."""
    outcomes = []
    for i in range(6):
        workdir = tmp_path / f"{name}{i}"
        workdir.mkdir()
        outcomes.append(trial(workdir).outcome)
    return outcomes


def test_kill_during_rebuild_leaves_old_or_new_version(versions, tmp_path):
    paths, expected = versions
    rng = random.Random(14)
    outcomes = _outcomes(tmp_path, "trial", lambda w: run_trial(w, paths["old"], paths["new"], expected, rng))
    assert "lost" not in outcomes, outcomes


def test_kill_while_adding_new_documents_leaves_whole_batches_and_exact_counts(versions, tmp_path):
    """The native write of new documents (extend, then the journal settled): after a kill the
    store, once opened for writing, is a fresh build of the documents it holds."""
    paths, _ = versions
    rng = random.Random(15)
    outcomes = _outcomes(tmp_path, "new", lambda w: run_new_documents_trial(w, paths["old"], rng))
    assert "lost" not in outcomes, outcomes
