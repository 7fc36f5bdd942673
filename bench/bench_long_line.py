"""Extraction time of one line without punctuation, at growing sizes: the cost must stay linear
(issue 14: 25,000 characters under 5 s, 5 MB under a minute).

usage: python bench/bench_long_line.py [SOURCE.txt]   (default: a provincial work report of
../shared/corpus-raw, its punctuation and white space removed, repeated to each size)
Each size runs in a fresh process (`policykg extract`, as a user runs it); prints seconds and
characters per second."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpus-raw" / "provincial-work-reports-2026.jsonl.gz"
SIZES = (25_000 * 3, 1_000_000, 2_500_000, 5_000_000)  # bytes of UTF-8 (25,000 characters first)
PUNCTUATION = re.compile(r"[，。；：、！？,.;:!?\s（）()“”《》]")


def source_text(path: str | None) -> str:
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        with gzip.open(REPORTS, "rt", encoding="utf-8") as lines:
            text = json.loads(next(lines))["text"]
    return PUNCTUATION.sub("", text)


def main(path: str | None = None) -> None:
    unit = source_text(path)
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            text = unit * (size // len(unit.encode()) + 1)
            data = text.encode()[:size].decode("utf-8", "ignore")
            line = Path(tmp) / f"line-{size}.txt"
            line.write_text(data, encoding="utf-8")
            began = time.perf_counter()
            subprocess.run([sys.executable, "-m", "policykg", "extract", str(line), "--json", str(line) + ".json",
                            "--timeout", "600"], check=True, capture_output=True)
            seconds = time.perf_counter() - began
            print(f"{size:>10,} bytes {len(data):>10,} chars  {seconds:6.1f} s  {len(data) / seconds:>9,.0f} chars/s")


if __name__ == "__main__":
    main(*sys.argv[1:2])
