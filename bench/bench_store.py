"""Time building the sample into an embedded store, and each shipped query on it.

    python bench/bench_store.py [PATH] [-n RUNS]

Prints the extraction and load times, the triple count, then the median time and row count
of every shipped query (@provenance is asked for the document's city).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from policykg.extract.pipeline import extract_path
from policykg.graph.queries import named_queries, resolve_query
from policykg.graph.store import GraphStore
from policykg.samples import sample_path


def _median_ms(action, runs: int) -> tuple[float, object]:
    result, times = None, []
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=sample_path())
    parser.add_argument("-n", "--runs", type=int, default=10)
    args = parser.parse_args()

    extract_ms, extraction = _median_ms(lambda: extract_path(args.path).to_dict(), 1)
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore.create(Path(tmp) / "store")
        load_ms, _ = _median_ms(lambda: store.add_extraction(extraction), args.runs)
        print(f"extract {extract_ms:.0f} ms (first run, with start-up); load {load_ms:.1f} ms "
              f"(median of {args.runs} rebuilds); {store.count_triples()} triples")
        city = extraction["document"].get("city") or ""
        for name in sorted(named_queries()):
            sparql = resolve_query("@" + name, [city] if name == "provenance" else [])
            store.query(sparql, max_rows=None)  # warm
            ms, result = _median_ms(lambda: store.query(sparql, max_rows=None), args.runs)
            print(f"@{name:<12} {ms:7.1f} ms  {len(result):5d} rows")


if __name__ == "__main__":
    main()
