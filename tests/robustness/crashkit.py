"""Kill -9 trials of a document rebuild: a child process replaces one stored document over and
over (two versions, alternately), the parent kills it at a random moment and then checks that
the store holds exactly one of the two versions (the document's graph and the entity-level
triples it needs, nothing of the other), never neither or a mixture.

``run_new_documents_trial``: the child adds batches of new documents (copies of A under new
ids, two a batch: the store's native write, whose counts replace those the batch's nodes had);
after the kill, the store opened for writing (which settles a write stopped between its two
transactions) must hold exactly what a fresh build of the documents it holds gives, each batch
whole or absent.

Used by tests/robustness/test_crash.py (a few trials) and bench/bench_crash.py (many).

    python crashkit.py child STORE A.json B.json MARKER   # the rebuilding process
    python crashkit.py new STORE A.json MARKER            # the process adding new documents
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

DOC_ID = "crash-doc"


def as_version(extraction: dict[str, Any], label: str) -> dict[str, Any]:
    """The extraction under the one id both versions share."""
    version = json.loads(json.dumps(extraction))
    version["document"]["id"] = DOC_ID
    version["document"]["title"] = f"{version['document'].get('title') or ''} ({label})"
    return version


def expected_quads(extraction: dict[str, Any]) -> frozenset[ox.Quad]:
    """What a store holding only this version contains (as the store encodes it)."""
    from policykg.graph.store import GraphStore

    store = GraphStore(None)
    store.add_extraction(extraction)
    return frozenset(store.quads())


def child(store_dir: str, a_json: str, b_json: str, marker: str) -> None:
    """Rebuild the document forever: B, A, B, … (the store starts with A); the marker file
    appears once the first rebuild is written."""
    from policykg.graph.store import GraphStore
    from policykg.ontology.mapping import map_extraction

    versions = [map_extraction(json.loads(Path(p).read_text(encoding="utf-8"))) for p in (b_json, a_json)]
    store = GraphStore.create(store_dir)
    for turn in range(10**9):
        store.add_mapped([versions[turn % 2]])
        if turn == 0:
            Path(marker).touch()


@dataclass
class Trial:
    outcome: str  # "old", "new" or "lost"
    quads: int
    killed_after: float


def run_trial(workdir: Path, a_json: Path, b_json: Path, expected: dict[str, frozenset[ox.Quad]],
              rng: random.Random, max_delay: float = 0.3, python: str = sys.executable) -> Trial:
    """Build A into a fresh store, start the rebuilding child, kill -9 it at a random moment after
    its first rebuild, then open the store and say which version it holds."""
    from policykg.graph.store import GraphStore

    store_dir, marker = workdir / "store", workdir / "rebuilding"
    with GraphStore.create(store_dir) as store:
        store.add_extraction(json.loads(a_json.read_text(encoding="utf-8")))
    delay = _kill_after_marker(["child", str(store_dir), str(a_json), str(b_json), str(marker)], marker,
                               rng, max_delay, python, "rebuilding")
    with GraphStore(store_dir, read_only=True) as store:
        held = frozenset(store.quads())
    outcome = next((label for label, quads in expected.items() if held == quads), "lost")
    return Trial(outcome, len(held), delay)


def _kill_after_marker(args: list[str], marker: Path, rng: random.Random, max_delay: float,
                       python: str, doing: str) -> float:
    """Start this file as a child with ``args``, wait for its marker (its first write done), kill -9
    it at a random moment up to ``max_delay`` s later; the delay."""
    proc = subprocess.Popen([python, __file__, *args], env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the child {doing} did not start (exit {proc.returncode})")
            time.sleep(0.01)
        delay = rng.uniform(0, max_delay)
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return delay


def _copy(extraction: dict[str, Any], turn: int, k: int) -> dict[str, Any]:
    out = json.loads(json.dumps(extraction))
    out["document"]["id"] = f"{DOC_ID}~{turn}-{k}"
    return out


def new_documents_child(store_dir: str, a_json: str, marker: str) -> None:
    """Add batches of two new documents forever; the marker appears after the first batch."""
    from policykg.graph.store import GraphStore

    extraction = json.loads(Path(a_json).read_text(encoding="utf-8"))
    store = GraphStore.create(store_dir)
    for turn in range(10**9):
        store.add_extractions([_copy(extraction, turn, 0), _copy(extraction, turn, 1)])
        if turn == 0:
            Path(marker).touch()


def run_new_documents_trial(workdir: Path, a_json: Path, rng: random.Random, max_delay: float = 0.3,
                            python: str = sys.executable) -> Trial:
    """Build A into a fresh store, start the child adding new documents, kill -9 it at a random
    moment after its first batch; "whole" when the store then holds exactly a fresh build of the
    documents it holds (every batch both or neither), else "lost"."""
    from policykg.graph.store import GraphStore

    store_dir, marker = workdir / "store", workdir / "adding"
    extraction = json.loads(a_json.read_text(encoding="utf-8"))
    with GraphStore.create(store_dir) as store:
        store.add_extraction(extraction)
    delay = _kill_after_marker(["new", str(store_dir), str(a_json), str(marker)], marker,
                               rng, max_delay, python, "adding documents")
    with GraphStore.create(store_dir) as store:  # a writer settles a write the kill stopped midway
        held = frozenset(store.quads())
        ids = {doc_id for (doc_id,) in store.query(
            "SELECT ?id WHERE { ?d a pkg:Document ; pkg:documentId ?id }", max_rows=None).values()}
    turns = {doc_id.rsplit("~", 1)[1].split("-")[0] for doc_id in ids if "~" in doc_id}
    copies = [_copy(extraction, int(turn), k) for turn in sorted(turns, key=int) for k in (0, 1)]
    fresh = GraphStore(None)
    fresh.add_extractions([extraction, *copies])
    whole = ids == {extraction["document"]["id"], *(c["document"]["id"] for c in copies)} and \
        held == frozenset(fresh.quads())
    return Trial("whole" if whole else "lost", len(held), delay)


if __name__ == "__main__" and len(sys.argv) == 6 and sys.argv[1] == "child":
    child(*sys.argv[2:])
elif __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "new":
    new_documents_child(*sys.argv[2:])
