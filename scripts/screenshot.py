"""Regenerate the README's screenshots of the graph page: the bundled sample's (docs/graph.png)
and a real corpus's (docs/graph-corpus.png, the 2026 provincial work reports).

Runs the whole pipeline on the bundled Hengyang article (as ``policykg demo`` does), or builds a
store from the work reports of ../shared/corpus-raw with ``policykg build``, writes the graph
page, opens it in Debian's chromium (driven by Playwright, no browser download, network
blocked) and saves a PNG once the layout has settled, zoomed in on the middle if asked.

    .venv/bin/python scripts/screenshot.py            # -> docs/graph.png
    .venv/bin/python scripts/screenshot.py --out /tmp/graph.png --width 1600 --height 1000
    .venv/bin/python scripts/screenshot.py --reports ../shared/corpus-raw/provincial-work-reports-2026.jsonl.gz \
        --zoom 2 --out docs/graph-corpus.png

Chinese labels need a CJK font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

from policykg.extract.pipeline import extract_path
from policykg.graph.store import GraphStore
from policykg.graph.viz import render_html
from policykg.samples import sample_path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent


def sample_page(directory: Path) -> Path:
    store = GraphStore(None)  # in memory
    store.add_extraction(extract_path(sample_path()).to_dict())
    return render_html(store, directory / "graph.html")


def reports_page(reports: Path, directory: Path) -> Path:
    """The default page of a store built from a JSON-lines file of documents (``id``, ``text``)."""
    texts = directory / "reports"
    texts.mkdir()
    with gzip.open(reports, "rt", encoding="utf-8") as lines:
        for line in lines:
            report = json.loads(line)
            (texts / f"{report['id']}.txt").write_text(report["text"], encoding="utf-8")
    store = directory / "store"
    subprocess.run([sys.executable, "-m", "policykg", "build", str(texts), "--store", str(store)], check=True)
    return render_html(GraphStore.open(store), directory / "graph.html")


def block_remote(route: Route) -> None:
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


def screenshot(page_path: Path, out: Path, width: int, height: int, zoom: float = 1.0) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.route("**/*", block_remote)
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=60_000)
            if zoom != 1.0:
                page.evaluate("(zoom) => window.policykg.network.moveTo({scale: window.policykg.network.getScale() * zoom})", zoom)
            page.wait_for_timeout(300)  # the final fit's redraw
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "graph.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--reports", type=Path, help="a .jsonl.gz of documents to build a store from, "
                                                     "instead of the bundled sample")
    parser.add_argument("--zoom", type=float, default=1.0, help="zoom in on the middle by this factor")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = reports_page(args.reports, Path(tmp)) if args.reports else sample_page(Path(tmp))
        screenshot(page, args.out, args.width, args.height, args.zoom)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
