"""How long the graph page of a real corpus takes to open in a headless browser.

    python bench/bench_viz.py --store STORE [--runs 5]

Renders the default page of the store (``policykg viz``: the 1,500 most central entities) and
opens it in Debian's chromium through Playwright, offline, ``--runs`` times; prints the seconds
from navigation to the page's ready flag (min / median / max). Goal: under 3 s on the
development machine for the 29 provincial work reports of ../shared/corpus-raw (built with
``policykg build DIR --store STORE``)."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from policykg.graph.store import GraphStore
from policykg.graph.viz import render_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LOCAL = ("file:", "data:", "about:", "blob:")


def open_seconds(page_path: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for _ in range(runs):
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) else r.abort())
            start = time.perf_counter()
            tab.goto(page_path.as_uri())
            tab.wait_for_function("document.body.dataset.ready === 'true'", timeout=60_000)
            times.append(time.perf_counter() - start)
            tab.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = render_html(GraphStore.open(args.store), Path(tmp) / "graph.html")
        times = open_seconds(page, args.runs)
    print(f"graph page of {args.store}: min {min(times):.2f} s, median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s over {len(times)} runs")


if __name__ == "__main__":
    main()
