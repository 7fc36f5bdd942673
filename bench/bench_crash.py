"""kill -9 trials of a document rebuild: how often does a kill lose the document?

    python bench/bench_crash.py [-n TRIALS] [--max-delay SECONDS]

Builds the sample article into a store, then a child process replaces it over and over with a
second version (the article's first half) and the other way round; each trial kills the child
with SIGKILL at a random moment after its first rebuild and checks that the store holds exactly
the old or the new version (its graph and the entity-level triples it needs). Prints the counts.
With ``--new`` the child adds batches of new documents (copies of the article under new ids, the
store's native write) instead, and a trial is "whole" when the store, opened for writing after
the kill, is exactly a fresh build of the documents it holds.
Run it against another checkout with PYTHONPATH=that/checkout to compare.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "robustness"))

from crashkit import as_version, expected_quads, run_new_documents_trial, run_trial  # noqa: E402

from policykg.extract.pipeline import extract_path  # noqa: E402
from policykg.samples import sample_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--trials", type=int, default=50)
    parser.add_argument("--max-delay", type=float, default=0.3, help="longest wait before the kill")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--new", action="store_true", help="kill while adding new documents instead")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = sample_path().read_text(encoding="utf-8")
        (folder / "half.txt").write_text(text[: len(text) // 2], encoding="utf-8")
        versions = {"old": as_version(extract_path(sample_path()).to_dict(), "whole"),
                    "new": as_version(extract_path(folder / "half.txt").to_dict(), "half")}
        paths = {}
        for label, version in versions.items():
            paths[label] = folder / f"{label}.json"
            paths[label].write_text(json.dumps(version, ensure_ascii=False), encoding="utf-8")
        expected = {label: expected_quads(version) for label, version in versions.items()}
        counts: Counter[str] = Counter()
        start = time.monotonic()
        for i in range(args.trials):
            workdir = folder / f"trial{i}"
            workdir.mkdir()
            trial = run_new_documents_trial(workdir, paths["old"], rng, args.max_delay) if args.new else \
                run_trial(workdir, paths["old"], paths["new"], expected, rng, args.max_delay)
            counts[trial.outcome] += 1
            if trial.outcome == "lost":
                print(f"trial {i}: killed after {trial.killed_after:.3f} s: the store holds "
                      f"{trial.quads} quads, neither version", flush=True)
    if args.new:
        print(f"{args.trials} kill -9 trials adding new documents in {time.monotonic() - start:.0f} s: "
              f"whole {counts['whole']}, lost or mixed {counts['lost']}")
    else:
        print(f"{args.trials} kill -9 trials in {time.monotonic() - start:.0f} s: old version {counts['old']}, "
              f"new version {counts['new']}, lost or mixed {counts['lost']}")
    sys.exit(1 if counts["lost"] else 0)


if __name__ == "__main__":
    main()
