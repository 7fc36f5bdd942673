"""The graph page without a browser: offline, complete, explained, escaped, capped.

(tests/test_browser.py runs the same page in chromium.)"""

from __future__ import annotations

import html
import json
import re

import networkx as nx
import pytest
from fixtures.graph.corpus_store import corpus_store_dir
from fixtures.graph.graph_data import (
    extraction,
    store_with_hostile_entity,
)
from typer.testing import CliRunner

from policykg.cli import app
from policykg.extract.pipeline import extract_path
from policykg.graph.analytics import pagerank, to_networkx
from policykg.graph.store import GraphStore
from policykg.graph.viz import (
    DEFAULT_MAX_NODES,
    NODE_FONT,
    TYPE_STYLES,
    VIEW,
    cap_graph,
    font_size,
    graph_data,
    graph_page,
    page_html,
    render_html,
    show,
)
from policykg.samples import sample_path

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'
RAW_MARKUP = ("<script>alert", "<img src=x", "</script><script>")


@pytest.fixture(scope="module")
def store():
    return store_with_hostile_entity(HOSTILE)


@pytest.fixture(scope="module")
def graph(store):
    return to_networkx(store)


@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    return render_html(store, tmp_path_factory.mktemp("viz") / "graph.html").read_text(encoding="utf-8")


def page_data(page: str) -> dict:
    block = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    return json.loads(block.group(1))


def heading(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.DOTALL).group(1)


def legend(page: str) -> str:
    return page[page.index('<div id="legend"'):page.index("</header>")]


def test_page_loads_nothing_from_the_network(page):
    assert "vis.Network" in page and len(page) > 300_000  # vis-network itself is inlined
    assert not re.search(r"<script\b[^>]*\bsrc\b", page)
    assert "<link" not in page and "@import" not in page
    for url in re.finditer(r"https?://", page):  # what `grep -E "https?://"` would show
        before = page[max(0, url.start() - 12):url.start()]
        assert not re.search(r"""(?:src|href|action)\s*=\s*["']?$|url\(\s*["']?$""", before), before


def test_page_holds_every_entity_and_relation_of_the_graph(page, graph):
    data = page_data(page)
    assert len(data["nodes"]) == graph.number_of_nodes() > 50
    assert len(data["edges"]) == graph.number_of_edges() > 50
    assert sorted(n["label"] for n in data["nodes"]) == sorted(label for _, label in graph.nodes(data="label"))
    assert {e["label"] for e in data["edges"]} == {r for _, _, r in graph.edges(data="relation")}
    assert "衡阳" in page and "湖南机油泵" in page  # names stay readable in the file


def test_each_type_has_its_own_colour_and_shape_and_a_legend_entry(page, graph):
    data = page_data(page)
    groups = data["options"]["groups"]
    present = {t for _, t in graph.nodes(data="type")}
    assert set(groups) == present and len(present) >= 8
    looks = {(g["color"], g["shape"] if g["shape"] != "image" else g["image"]) for g in groups.values()}
    assert len(looks) == len(groups)
    assert len({color for color, _ in TYPE_STYLES.values()}) == len({shape for _, shape in TYPE_STYLES.values()}) == len(TYPE_STYLES)
    for etype in present:
        count = sum(1 for _, t in graph.nodes(data="type") if t == etype)
        assert f'data-type="{etype}"' in legend(page) and f"{etype} · " in legend(page)
        assert re.search(rf"{etype} · \S+ \({count}\)", legend(page))


@pytest.fixture(scope="module")
def sample_store():
    """The bundled article as the extractor reads it: mentions carry their sentences."""
    graph_store = GraphStore(None)
    graph_store.add_extraction(extract_path(sample_path()).to_dict())
    return graph_store


def test_tooltips_explain_nodes_and_edges_as_plain_text(sample_store):
    graph = to_networkx(sample_store)
    data = page_data(page_html(sample_store))
    by_label = {n["label"]: n for n in data["nodes"]}
    node = next(n for n in sorted(graph) if graph.nodes[n]["aliases"] and graph.nodes[n]["sentences"])
    attrs = graph.nodes[node]
    title = by_label[attrs["label"]]["title"]
    assert title.startswith(attrs["label"] + "\n") and attrs["type"] in title
    assert all(alias in title for alias in attrs["aliases"])
    assert all(sentence[:100] in title for sentence in attrs["sentences"])
    head, tail, edge = next((h, t, a) for h, t, a in sorted(graph.edges(data=True), key=str) if a["evidence"])
    arrow = f"{graph.nodes[head]['label']} —{edge['relation']}"
    edge_title = next(e["title"] for e in data["edges"] if e["title"].startswith(arrow)
                      and graph.nodes[tail]["label"] in e["title"])
    assert edge["evidence"][0][:100] in edge_title and edge["documents"][0] in edge_title


def test_hostile_names_stay_text_in_data_heading_legend_and_iframe(store, page):
    assert not any(raw in page for raw in RAW_MARKUP)
    data = page_data(page)
    hostile = next(n for n in data["nodes"] if n["label"] == HOSTILE)  # intact as data
    assert hostile["title"].startswith(HOSTILE) and HOSTILE + " alias" in hostile["aliases"]
    assert any(e["title"].startswith(HOSTILE + " —leads") for e in data["edges"])

    focused = page_html(store, focus=HOSTILE, hops=1)
    assert not any(raw in focused for raw in RAW_MARKUP)
    assert html.unescape(heading(focused)).endswith(HOSTILE)
    assert html.unescape(re.search(r"<title>(.*?)</title>", focused).group(1)).endswith(HOSTILE)
    assert [n["label"] for n in page_data(focused)["nodes"]].count(HOSTILE) == 1

    frame = show(store, focus=HOSTILE)._repr_html_()
    srcdoc = re.fullmatch(r'<div><iframe srcdoc="([^"]*)" sandbox="allow-scripts" style="[^"]*"></iframe></div>', frame)
    assert srcdoc and html.unescape(srcdoc.group(1)) == focused


def test_legend_escapes_what_it_is_given():
    graph = nx.MultiDiGraph()
    graph.add_node("x", label="甲", type=HOSTILE, aliases=[], documents=[], sentences=[])
    page = graph_page(graph, title=HOSTILE)
    assert not any(raw in page for raw in RAW_MARKUP)
    assert HOSTILE in html.unescape(legend(page)) and html.unescape(heading(page)) == HOSTILE


def test_above_the_cap_the_most_central_entities_are_shown_and_the_rest_counted(graph):
    page = graph_page(graph, max_nodes=10)
    data = page_data(page)
    rank = pagerank(graph)
    shown = {n["label"] for n in data["nodes"]}
    threshold = min(rank[n] for n in graph if graph.nodes[n]["label"] in shown)
    assert len(data["nodes"]) == 10
    assert all(rank[n] <= threshold for n in graph if graph.nodes[n]["label"] not in shown)
    note = " ".join(html.unescape(re.sub("<[^>]+>", "", re.search(r'<p id="cap-note">(.*?)</p>', page, re.DOTALL).group(1))).split())
    left_out = graph.number_of_nodes() - 10
    assert f"{left_out} left out" in note and f"of {graph.number_of_nodes()} entities" in note
    assert "--focus" in note and "--types" in note and "--max-nodes" in note
    assert 'id="cap-note"' not in graph_page(graph)


def test_focus_and_types_select_what_the_page_shows(store, graph):
    data = page_data(page_html(store, focus="湖南机油泵", hops=1))
    iri = next(n for n, label in graph.nodes(data="label") if label == "湖南机油泵")
    assert {n["label"] for n in data["nodes"]} == {graph.nodes[n]["label"] for n in nx.all_neighbors(graph, iri)} | {"湖南机油泵"}
    parks = page_data(page_html(store, types="Park,zone"))
    assert {n["group"] for n in parks["nodes"]} == {"Park", "Zone"}
    capped = page_data(page_html(store, focus="衡阳", hops=2, max_nodes=3))
    assert len(capped["nodes"]) == 3 and any(n["label"].startswith("衡阳") for n in capped["nodes"])


def test_viz_command_options_and_one_line_errors(tmp_path):
    store_dir = tmp_path / "store"
    GraphStore.create(store_dir).add_extraction(extraction("hengyang-2017"))
    runner = CliRunner()
    out = tmp_path / "g.html"
    ok = runner.invoke(app, ["viz", "--store", str(store_dir), "--out", str(out), "--focus", "湖南机油泵",
                             "--hops", "1", "--types", "Enterprise,Cluster", "--max-nodes", "50"])
    assert ok.exit_code == 0, ok.output
    assert {n["group"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]} <= {"Enterprise", "Cluster"}
    for bad in (["--focus", "没有这个实体"], ["--types", "Factory"]):
        result = runner.invoke(app, ["viz", "--store", str(store_dir), "--out", str(out), *bad])
        assert result.exit_code == 1 and "error:" in result.output and "Traceback" not in result.output


def test_legend_and_document_names_escape_what_they_are_given():
    graph = nx.MultiDiGraph()
    graph.add_node("x", label="甲", type="Enterprise", aliases=[], documents=[HOSTILE], sentences=[])
    page = graph_page(graph)
    assert not any(raw in page for raw in RAW_MARKUP)
    assert page_data(page)["documents"] == [HOSTILE]  # the page writes it with textContent


# ------------------------------------------------------------------ a real corpus

@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory):
    return to_networkx(GraphStore.open(corpus_store_dir(tmp_path_factory)))


def test_each_node_and_edge_names_its_documents_and_each_node_its_degree(corpus_graph):
    shown, _ = cap_graph(corpus_graph, DEFAULT_MAX_NODES)
    data = graph_data(shown)
    assert data["documents"] == sorted({d for _, docs in shown.nodes(data="documents") for d in docs})
    assert len(data["documents"]) >= 10
    for node, item in zip(shown, data["nodes"]):
        assert [data["documents"][i] for i in item["docs"]] == shown.nodes[node]["documents"]
        assert item["degree"] == shown.degree(node) and item["value"] == item["degree"] + 1
    for (_, _, attrs), edge in zip(shown.edges(data=True), data["edges"]):
        assert [data["documents"][i] for i in edge["docs"]] == attrs["documents"]
    # What the page is for: most entities of a real corpus take part in no relation.
    isolated = sum(1 for item in data["nodes"] if item["degree"] == 0)
    assert isolated > len(data["nodes"]) / 3
    connected = len(data["nodes"]) - isolated
    assert data["view"]["clusterLeaves"] is (connected > VIEW["clusterAbove"]) is True


def test_labels_grow_with_degree_within_bounds_and_start_invisible(corpus_graph):
    data = graph_data(cap_graph(corpus_graph, DEFAULT_MAX_NODES)[0])
    size = {item["degree"]: item["font"]["size"] for item in data["nodes"]}
    degrees = sorted(size)
    assert size[0] == NODE_FONT[0] and max(size.values()) <= NODE_FONT[1]
    assert all(size[a] <= size[b] for a, b in zip(degrees, degrees[1:])) and size[degrees[-1]] > size[1]
    assert [font_size(d) for d in degrees] == [size[d] for d in degrees]
    options = data["options"]
    assert options["nodes"]["scaling"]["min"] < options["nodes"]["scaling"]["max"] <= 30  # node size bounded
    # Every label starts transparent: the page shows those that have room.
    assert "rgba(0,0,0,0)" == options["nodes"]["font"]["color"] == options["edges"]["font"]["color"]
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] == VIEW["labelMinPx"] + 1
    # relation names from 100 % zoom on (vis-network draws a label from threshold - 1 px up)
    assert options["edges"]["scaling"]["label"]["drawThreshold"] == options["edges"]["font"]["size"]


def test_a_small_page_does_not_group_leaves(graph):
    assert graph_data(graph)["view"]["clusterLeaves"] is False
    groups = graph_data(graph)["options"]["groups"]
    # Plans and persons are images like the others, so their labels can be hidden too.
    assert groups["Plan"]["shape"] == groups["Person"]["shape"] == "image"
