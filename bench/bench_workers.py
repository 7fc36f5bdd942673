"""Extraction speed with 1 and 2 worker processes (policykg.extract.parallel.WorkerPool) on the
29 provincial government work reports of 2026: documents/s, characters/s and the speed-up.

    python bench/bench_workers.py [--corpus FILE.jsonl.gz] [--dir DIR] [--workers 1 2] [--rounds 1]

The reports are written out as .txt files into DIR (default: a temporary directory). Each
configuration starts its pool and waits for every worker to load the pipeline (the start-up,
reported apart), then extracts every document; the rounds alternate the configurations so that
a change of the machine's load hits both. Times are wall-clock; the CPU time of the workers is
not measured, so on a machine shared with other work the speed-up is a lower bound.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpus-raw/provincial-work-reports-2026.jsonl.gz")


def write_reports(corpus: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            path = folder / f"{record['id']}.txt"
            path.write_text(record["text"], encoding="utf-8")
            paths.append(path)
    return sorted(paths)


def run(paths: list[Path], workers: int) -> dict[str, float]:
    from policykg.extract.parallel import Job, WorkerPool

    t0 = time.perf_counter()
    with WorkerPool(workers) as pool:
        pool.warm()
        t1 = time.perf_counter()
        outcomes = list(pool.extract(Job(str(p)) for p in paths))
        t2 = time.perf_counter()
    failed = [o.error for o in outcomes if o.error]
    if failed:
        raise SystemExit(f"{len(failed)} document(s) failed: {failed[0]}")
    chars = sum(o.chars for o in outcomes)
    cpu = sum(o.cpu for o in outcomes)
    return {"startup": t1 - t0, "seconds": t2 - t1, "docs": len(outcomes), "chars": chars,
            "docs_s": len(outcomes) / (t2 - t1), "chars_s": chars / (t2 - t1),
            "cpu_doc": cpu / len(outcomes), "cores": cpu / (t2 - t1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-workers-"))
    paths = write_reports(args.corpus, folder)
    print(f"{len(paths)} documents in {folder}; {os.cpu_count()} cores; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    results: dict[int, list[dict[str, float]]] = {n: [] for n in args.workers}
    for r in range(args.rounds):
        for n in args.workers:
            result = run(paths, n)
            results[n].append(result)
            print(f"round {r + 1}  workers {n}:  start-up {result['startup']:5.1f} s   "
                  f"{result['docs']} documents in {result['seconds']:6.1f} s   "
                  f"{result['docs_s']:5.2f} documents/s   {result['chars_s']:8,.0f} characters/s   "
                  f"CPU {result['cpu_doc']:.2f} s/document, {result['cores']:.2f} cores obtained", flush=True)
    best = {n: max(r["docs_s"] for r in rs) for n, rs in results.items()}
    print()
    print("workers  documents/s  characters/s  speed-up  CPU s/document  cores obtained  (best round)")
    base = best[args.workers[0]]
    for n in args.workers:
        top = max(results[n], key=lambda r: r["docs_s"])
        print(f"{n:7d}  {top['docs_s']:11.2f}  {top['chars_s']:12,.0f}  {best[n] / base:7.2f}x  "
              f"{top['cpu_doc']:14.2f}  {top['cores']:14.2f}")
    # What the same CPU cost per document gives when each worker has a core of its own.
    cpu = {n: statistics.median(r["cpu_doc"] for r in results[n]) for n in args.workers}
    first = args.workers[0]
    for n in args.workers[1:]:
        print(f"on {n} free cores (same CPU s/document, a core per worker): "
              f"{n * cpu[first] / cpu[n] / first:.2f}x the documents/s of {first}")
    if args.rounds > 1:
        for n in args.workers:
            print(f"workers {n}: median {statistics.median(r['docs_s'] for r in results[n]):.2f} documents/s")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
