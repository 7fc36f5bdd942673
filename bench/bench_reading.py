"""Time reading the sample article: start-up (imports, gazetteer) and warm reads.

    python bench/bench_reading.py [PATH] [-n RUNS]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / "policykg" / "data" / "samples" / "hengyang-2017.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("-n", "--runs", type=int, default=50)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from policykg.extract.document import read_document
    t1 = time.perf_counter()
    doc = read_document(args.path)  # first read also loads the admin-division gazetteer
    t2 = time.perf_counter()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        read_document(args.path)
        times.append(time.perf_counter() - start)
    ms = 1000
    print(f"file         {args.path} ({args.path.stat().st_size:,} bytes, {doc.encoding}, "
          f"{len(doc.text):,} clean chars, {len(doc.blocks)} blocks, {len(doc.sentences)} sentences)")
    print(f"import       {(t1 - t0) * ms:7.1f} ms")
    print(f"first read   {(t2 - t1) * ms:7.1f} ms  (loads the gazetteer)")
    print(f"warm read    {statistics.median(times) * ms:7.1f} ms  median of {args.runs} "
          f"(min {min(times) * ms:.1f}, max {max(times) * ms:.1f})  goal < 20 ms")


if __name__ == "__main__":
    main()
