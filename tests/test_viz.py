"""The interactive graph page: offline, every entity shown, hostile names harmless."""

from __future__ import annotations

import json
import shutil
import subprocess
import re

import pytest
from fixtures.graph.graph_data import extraction, with_hostile_entity

from policykg.graph.store import GraphStore
from policykg.graph.viz import TYPE_COLORS, render_html

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'
REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    store = GraphStore.create(tmp_path_factory.mktemp("store") / "s")
    data = with_hostile_entity(extraction("hengyang-2017"), HOSTILE)
    store.add_extraction(data)
    path = render_html(store, tmp_path_factory.mktemp("viz") / "graph.html")
    return data, path.read_text(encoding="utf-8")


def _dataset(html: str, name: str) -> list[dict]:
    match = re.search(rf"var {name} = new vis\.DataSet\((.*?)\);\n", html)
    return json.loads(match.group(1))


def test_page_works_offline(page):
    _, html = page
    assert "vis.Network" in html and "function" in html  # the library itself is inlined
    assert not REMOTE.search(html)


def test_page_shows_every_entity_and_relation(page):
    data, html = page
    nodes, edges = _dataset(html, "nodes"), _dataset(html, "edges")
    assert {n["label"] for n in nodes} == {e["name"] for e in data["entities"]}
    plain = [e["name"] for e in data["entities"] if e["id"] != "hostile"]
    assert all(name in html for name in plain)
    assert {e["label"] for e in edges} == {r["relation"] for r in data["relations"]}


def test_nodes_are_coloured_by_type_with_a_legend_and_tooltips(page):
    data, html = page
    nodes = _dataset(html, "nodes")
    options = json.loads(re.search(r"var options = (.*?);\n", html).group(1))
    assert {n["group"] for n in nodes} == {e["type"] for e in data["entities"]}
    assert options["groups"]["Enterprise"]["color"] == TYPE_COLORS["Enterprise"]
    legend = html[html.index('id="legend"'):html.index('id="graph"')]
    for etype in {e["type"] for e in data["entities"]}:
        assert etype in legend
    oil_pump = next(n for n in nodes if n["label"] == "湖南机油泵")
    assert "Enterprise" in oil_pump["title"] and "湘油泵" in oil_pump["title"]


def test_html_in_a_name_is_escaped(page):
    _, html = page
    assert "<script>alert" not in html and "<img src=x" not in html
    data_script = html[html.index("var nodes"):]
    assert data_script.index("var network") < data_script.index("</script>")  # no early close
    hostile = next(n for n in _dataset(html, "nodes") if n["label"] == HOSTILE)  # intact as data
    assert hostile["title"].startswith(HOSTILE)


_RUN_DATA_SCRIPT = r"""
const fs = require('fs'); const vm = require('vm');
const html = fs.readFileSync(process.argv[1], 'utf8');
const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(m => m[1]);
scripts.forEach(code => new vm.Script(code));  // every inline script parses
const seen = {};
const vis = {DataSet: function (items) { this.items = items; },
             Network: function (el, data, options) { seen.nodes = data.nodes.items; seen.edges = data.edges.items; }};
vm.runInNewContext(scripts[scripts.length - 1], {vis, document: {getElementById: () => ({})}});
process.stdout.write(JSON.stringify({labels: seen.nodes.map(n => n.label), edges: seen.edges.length}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node.js not installed")
def test_the_page_script_runs_and_hands_every_name_to_vis_network(page, tmp_path):
    data, html = page
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    run = subprocess.run(["node", "-e", _RUN_DATA_SCRIPT, str(path)], capture_output=True, text=True, check=True)
    seen = json.loads(run.stdout)
    assert sorted(seen["labels"]) == sorted({e["name"] for e in data["entities"]})
    assert HOSTILE in seen["labels"] and seen["edges"] == len({(r["head"], r["relation"], r["tail"]) for r in data["relations"]})
