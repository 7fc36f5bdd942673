"""Regenerate the README's screenshot (docs/graph.png) of the bundled sample's graph page.

Runs the whole pipeline on the bundled Hengyang article (as ``policykg demo`` does), writes
the graph page, opens it in Debian's chromium (driven by Playwright, no browser download,
network blocked) and saves a PNG once the layout has settled.

    .venv/bin/python scripts/screenshot.py            # -> docs/graph.png
    .venv/bin/python scripts/screenshot.py --out /tmp/graph.png --width 1600 --height 1000

Chinese labels need a CJK font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
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


def block_remote(route: Route) -> None:
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


def screenshot(page_path: Path, out: Path, width: int, height: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.route("**/*", block_remote)
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=60_000)
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        screenshot(sample_page(Path(tmp)), args.out, args.width, args.height)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
