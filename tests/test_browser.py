"""The graph page in a real browser: Debian's chromium, driven by Playwright, network blocked.

Skips when chromium or playwright is missing, unless POLICYKG_REQUIRE_BROWSER=1 (CI), which
turns the skip into a failure. Never downloads a browser.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.graph.graph_data import (
    store_with_hostile_entity,
)

from policykg.graph.analytics import select, to_networkx
from policykg.graph.viz import render_html, show

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = "<img src=x onerror=alert(1)>"
LOCAL = ("file:", "data:", "about:", "blob:")


def _playwright_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright, reason = None, "playwright is not installed (pip install -e '.[test]')"
    else:
        reason = None if CHROMIUM.exists() else f"{CHROMIUM} is missing (Debian: apt-get install chromium)"
    if reason:
        if os.environ.get("POLICYKG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"POLICYKG_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return sync_playwright


class Events:
    """What the page did that it must not: remote requests, console errors, dialogs."""

    def __init__(self):
        self.remote: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def watch(self, page) -> None:
        page.on("request", lambda r: None if r.url.startswith(LOCAL) else self.remote.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def block_remote(route) -> None:
    if route.request.url.startswith(LOCAL):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="module")
def store():
    return store_with_hostile_entity(HOSTILE)


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright_or_skip()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser, path: Path, events: Events):
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    events.watch(page)
    page.route("**/*", block_remote)
    page.goto(path.as_uri())
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=15_000)
    return page


@pytest.fixture(scope="module")
def events():
    return Events()


@pytest.fixture(scope="module")
def page(browser, store, events, tmp_path_factory):
    path = render_html(store, tmp_path_factory.mktemp("browser") / "graph.html")
    tab = open_page(browser, path, events)
    yield tab
    tab.close()


def js(page, expression: str, arg=None):
    """Evaluate with the page's graph objects in scope (network, nodes, edges)."""
    return page.evaluate(f"(arg) => {{ const {{network, nodes, edges}} = window.policykg; return {expression}; }}", arg)


def search(page, text: str) -> None:
    page.fill("#search", text)
    page.press("#search", "Enter")


def test_the_network_holds_every_entity_and_relation_and_stops_moving(page, store, tmp_path):
    graph = to_networkx(store)
    counts = js(page, "[network.body.nodeIndices.length, network.body.edgeIndices.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    assert js(page, "network.physics.options.enabled") is False  # stabilised, then physics off
    spread = js(page, "Object.values(network.getPositions()).map(p => Math.round(p.x))")
    assert len(set(spread)) > graph.number_of_nodes() // 2  # laid out, not piled up
    page.screenshot(path=str(tmp_path / "graph.png"))
    assert (tmp_path / "graph.png").stat().st_size > 20_000


def test_searching_a_name_or_alias_selects_and_zooms_to_it(page, store):
    graph = to_networkx(store)
    node = next(n for n in sorted(graph) if graph.nodes[n]["aliases"] and graph.nodes[n]["label"] != HOSTILE)
    label, alias = graph.nodes[node]["label"], graph.nodes[node]["aliases"][0]
    for query in (label, alias):
        js(page, "network.unselectAll()")
        search(page, query)
        selected = js(page, "network.getSelectedNodes().map(id => nodes.get(id).label)")
        assert selected == [label]
        assert page.text_content("#search-result").startswith(label)
        assert page.text_content("#details").startswith(label)
    page.wait_for_function("window.policykg.network.getScale() > 1.4")  # focus zooms in
    search(page, "没有这个实体")
    assert js(page, "network.getSelectedNodes()") == [] and "没有这个实体" in page.text_content("#search-result")


def test_unticking_a_type_hides_its_nodes_and_their_edges(page, store):
    graph = to_networkx(store)
    etype = "Industry"
    members = [graph.nodes[n]["label"] for n in graph if graph.nodes[n]["type"] == etype]
    assert members
    hidden_labels = """Object.values(network.body.nodes).filter(n => n.options.hidden).map(n => n.options.label)"""
    page.uncheck(f'#legend input[data-type="{etype}"]')
    assert sorted(js(page, hidden_labels)) == sorted(members)
    hidden_edges = js(page, "Object.values(network.body.edges).filter(e => e.options.hidden).length")
    touching = sum(1 for h, t in graph.edges() if etype in (graph.nodes[h]["type"], graph.nodes[t]["type"]))
    assert hidden_edges == touching > 0
    search(page, members[0])  # finding a hidden entity shows its type again
    assert page.is_checked(f'#legend input[data-type="{etype}"]') and js(page, hidden_labels) == []


def test_a_name_made_of_markup_is_shown_as_text(page, events):
    search(page, HOSTILE)
    assert js(page, "network.getSelectedNodes().map(id => nodes.get(id).label)") == [HOSTILE]
    assert page.text_content("#search-result").startswith(HOSTILE)
    assert page.text_content("#details").startswith(HOSTILE)
    assert HOSTILE in page.eval_on_selector_all("#names option", "options => options.map(o => o.value)")
    # Hover the node once the zoom to it has ended, and read the tooltip vis-network shows.
    page.wait_for_function("window.policykg.network.getScale() > 1.4")
    page.wait_for_timeout(500)
    box = page.locator("#graph").bounding_box()
    point = js(page, "network.canvasToDOM(network.getPositions(network.getSelectedNodes())[network.getSelectedNodes()[0]])")
    page.mouse.move(box["x"] + point["x"] - 30, box["y"] + point["y"] - 30)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=5)
    page.wait_for_function("(document.querySelector('div.vis-tooltip') || {style: {}}).style.visibility === 'visible'",
                           timeout=5_000)
    assert page.text_content("div.vis-tooltip").startswith(HOSTILE)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert events.dialogs == []


def test_a_focused_page_shows_the_selection_and_its_heading_as_text(browser, store, events, tmp_path):
    path = render_html(store, tmp_path / "focus.html", focus=HOSTILE, hops=2)
    tab = open_page(browser, path, events)
    try:
        view = select(to_networkx(store), focus=HOSTILE, hops=2)
        assert js(tab, "[network.body.nodeIndices.length, network.body.edgeIndices.length]") == \
            [view.number_of_nodes(), view.number_of_edges()]
        assert tab.text_content("h1").endswith(HOSTILE) and tab.title().endswith(HOSTILE)
        assert tab.evaluate("document.querySelectorAll('img').length") == 0
    finally:
        tab.close()


def test_the_notebook_frame_runs_the_page(browser, store, events):
    tab = browser.new_page()
    events.watch(tab)
    tab.route("**/*", block_remote)
    try:
        tab.set_content(show(store, types="Enterprise,Cluster")._repr_html_())
        frame = tab.frames[1]
        frame.wait_for_function("document.body.dataset.ready === 'true'", timeout=15_000)
        view = select(to_networkx(store), types=["Enterprise", "Cluster"])
        assert frame.evaluate("window.policykg.network.body.nodeIndices.length") == view.number_of_nodes() > 0
    finally:
        tab.close()


def test_nothing_was_fetched_and_nothing_went_wrong(page, events):
    """Runs last: covers everything the pages above did."""
    assert events.remote == []
    assert events.errors == []
    assert events.dialogs == []
