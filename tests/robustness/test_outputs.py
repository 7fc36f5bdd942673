"""Output files appear whole or not at all: a failure or a kill mid-write leaves the old file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policykg.errors import PolicyKGError
from policykg.files import atomic_output, write_text_atomic
from policykg.graph import export
from policykg.graph.store import GraphStore

WRITER = """
import sys
from policykg.files import write_text_atomic
dest, marker = sys.argv[1], sys.argv[2]
versions = ["A" * 3_000_000, "B" * 3_000_000]
for turn in range(10**9):
    write_text_atomic(dest, versions[turn % 2])
    if turn == 0:
        open(marker, "w").close()
"""


def test_a_kill_mid_write_leaves_one_whole_version(tmp_path):
    dest, marker = tmp_path / "out.json", tmp_path / "writing"
    write_text_atomic(dest, "A" * 3_000_000)
    rng = random.Random(14)
    for _ in range(5):
        marker.unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(dest), str(marker)],
                                env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        deadline = time.monotonic() + 60
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        text = dest.read_text()
        assert text in ("A" * 3_000_000, "B" * 3_000_000)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    dest = tmp_path / "kept.txt"
    dest.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(dest) as tmp:
        tmp.write_text("half of the new", encoding="utf-8")
        raise RuntimeError("the disk is full")
    assert dest.read_text(encoding="utf-8") == "old" and sorted(tmp_path.iterdir()) == [dest]


def test_a_failing_export_leaves_the_previous_export(tmp_path, monkeypatch):
    store = GraphStore(None)
    out = tmp_path / "kg.nq"
    out.write_text("<a:b> <a:c> <a:d> <a:g> .\n", encoding="utf-8")

    def broken(store, fmt, path):
        Path(path).write_text("<a:half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_export_dataset", broken)
    with pytest.raises(PolicyKGError, match="No space left"):
        export.export(store, "nq", out)
    assert out.read_text(encoding="utf-8") == "<a:b> <a:c> <a:d> <a:g> .\n"
    assert sorted(tmp_path.iterdir()) == [out]
