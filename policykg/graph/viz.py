"""An interactive HTML page of the graph (vis-network), working with no network at all.

The page is rendered from our own template (templates/graph.html, its script in
templates/graph.js), not pyvis's: pyvis's template links Bootstrap from a CDN and writes its
heading as raw HTML. The vis-network JS and CSS shipped inside the pyvis wheel are inlined.

This module decides what the data says (each node's degree and documents, label sizes, the
numbers in VIEW); the script decides what is on screen: isolated entities hidden behind a
toggle, a document filter, a hub's leaves grouped with vis-network's clustering, and labels
placed so that none overlaps another at rest.

Safety with hostile names: graph data travels as one JSON block (Jinja's
``tojson`` escapes ``< > & '``, so no name can close the script), all other
text goes through autoescaping, tooltips are plain strings (vis-network shows
them with ``innerText``), and the page script writes text only through
``textContent`` and ``value``.
"""

from __future__ import annotations

import base64
import html
import math
from collections import Counter
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    select_autoescape,
)
from rdflib import RDFS, Literal

from policykg.errors import PolicyKGError
from policykg.files import write_text_atomic
from policykg.schema import ENTITY_TYPES, RELATION_TYPES
from policykg.graph.analytics import pagerank, select, to_networkx
from policykg.graph.store import GraphStore
from policykg.ontology.mapping import PKG, ontology_graph

DEFAULT_MAX_NODES = 1500
DEFAULT_TITLE = "policykg knowledge graph"
# One colour and one vis-network shape per entity type (the legend draws the same shape).
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Enterprise": ("#e6194b", "dot"), "Park": ("#3cb44b", "square"),
    "Cluster": ("#f58231", "hexagon"), "Zone": ("#911eb4", "diamond"),
    "Plan": ("#4363d8", "box"), "Agency": ("#808000", "triangle"),
    "Place": ("#42d4f4", "triangleDown"), "Institution": ("#f032e6", "star"),
    "Person": ("#9a6324", "ellipse"), "Industry": ("#469990", "pentagon"),
}
OTHER_STYLE = ("#a9a9a9", "dot")
PENTAGON = "7.0,0.9 13.2,5.4 10.8,12.7 3.2,12.7 0.8,5.4"  # vis has no pentagon: drawn as an image
# vis draws a box's or an ellipse's label inside it, sized by the label, where no label can be
# hidden: they are drawn as images too (the legend's shapes), sized by degree, named below.
IMAGE_SHAPES = {
    "pentagon": (14, 14, f'<polygon points="{PENTAGON}"/>'),
    "box": (14, 9, '<rect x="0.5" y="0.5" width="13" height="8" rx="2"/>'),
    "ellipse": (14, 10, '<ellipse cx="7" cy="5" rx="6.5" ry="4.5"/>'),
}
MAX_SENTENCES = 5        # per tooltip: mentioning sentences of a node, evidence of an edge
MAX_SENTENCE_CHARS = 160
LARGE_GRAPH = 300        # above this many nodes: cheaper layout and straight edges
# Labels: a node's font grows with its degree, between these sizes (canvas pixels); a label is
# drawn only when it is at least LABEL_MIN_PX on screen, so zoomed out only the hubs are named.
# (At 10 px the hubs of a 1,500-entity corpus page fitted to a 1400-pixel window fell just under
# the threshold, 9.7 px, and the full view named nothing; 9 px is still legible.)
NODE_FONT = (14, 56)
EDGE_FONT = 13
LABEL_MIN_PX = 9
# A label starts invisible (ink and outline transparent): the page shows those that have room.
HIDDEN_INK = "rgba(0,0,0,0)"
# The page's behaviour, read by its script (one place for the numbers the tests also use).
VIEW = {
    "labelMinPx": LABEL_MIN_PX,
    "labelMaxPx": 24,          # zoomed in, no name is larger than this on screen
    "groupFont": 52,           # a group's "+N" (as large as a hub's name)
    "leafClusterMin": 6,       # a node with this many leaves (neighbours of it alone) groups them
    "clusterAbove": 150,       # ... on a page of more than this many connected entities
    "relayoutIterations": 150, # one document's entities get a layout of their own
}


@cache
def _chinese_labels() -> dict[str, str]:
    """Chinese labels of the ontology's classes and properties (企业, 园区, ...)."""
    onto = ontology_graph()
    labels = {}
    for name in ENTITY_TYPES + RELATION_TYPES:
        for label in onto.objects(PKG[name], RDFS.label):
            if isinstance(label, Literal) and label.language == "zh":
                labels[name] = str(label)
    return labels


# ------------------------------------------------------------------ reading the graph

def _as_list(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, (list, tuple)) else [str(value)] if value else []


def _one_line(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def _bullets(heading: str, texts: Any) -> list[str]:
    """``heading:`` and one bulleted line per distinct text, at most MAX_SENTENCES of them."""
    unique = list(dict.fromkeys(_one_line(text) for text in _as_list(texts)))
    if not unique:
        return []
    more = [f"… {len(unique) - MAX_SENTENCES} more"] if len(unique) > MAX_SENTENCES else []
    return [f"{heading}:", *(f"• {text}" for text in unique[:MAX_SENTENCES]), *more]


def _node_label(graph: nx.MultiDiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    return str(attrs.get("label") or node)


def _node_tooltip(graph: nx.MultiDiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    etype = str(attrs.get("type", ""))
    lines = [_node_label(graph, node), f"type 类型: {etype} {_chinese_labels().get(etype, '')}".rstrip()]
    if aliases := _as_list(attrs.get("aliases")):
        lines.append("aliases 别名: " + "、".join(aliases))
    if documents := _as_list(attrs.get("documents")):
        lines.append("documents 文档: " + ", ".join(documents))
    lines += _bullets("mentioned in 提及", attrs.get("sentences"))
    return "\n".join(lines)


def _edge_tooltip(graph: nx.MultiDiGraph, head: str, tail: str, attrs: dict[str, Any]) -> str:
    relation = str(attrs.get("relation", ""))
    zh = _chinese_labels().get(relation, "")
    lines = [f"{_node_label(graph, head)} —{relation}{' ' + zh if zh else ''}→ {_node_label(graph, tail)}"]
    if attrs.get("confidence") is not None:
        lines.append(f"confidence 置信度: {float(attrs['confidence']):.2f}")
    lines += _bullets("evidence 证据", attrs.get("evidence"))
    if documents := _as_list(attrs.get("documents")):
        lines.append("source 来源: " + ", ".join(documents))
    return "\n".join(lines)


# ------------------------------------------------------------------ choosing what to show

def cap_graph(graph: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The ``max_nodes`` entities with the highest PageRank, and how many were left out."""
    if max_nodes < 1:
        raise PolicyKGError(f"--max-nodes must be at least 1 (got {max_nodes})")
    if graph.number_of_nodes() <= max_nodes:
        return graph, 0
    rank = pagerank(graph)
    center = graph.graph.get("focus")  # a focused entity always stays
    keep = sorted(graph, key=lambda n: (n != center, -rank[n], _node_label(graph, n)))[:max_nodes]
    return graph.subgraph(keep).copy(), graph.number_of_nodes() - max_nodes


# ------------------------------------------------------------------ the page

def graph_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes, edges, documents and vis-network options, ready to embed as JSON.

    Each node and edge lists its documents by index into ``documents`` (the page's filter);
    a node carries its degree (isolated entities start hidden, labels are ranked by it)."""
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    documents = sorted({d for _, docs in graph.nodes(data="documents") for d in _as_list(docs)})
    index = {document: i for i, document in enumerate(documents)}
    nodes = [_node_item(graph, node, ids[node], index) for node in graph]
    edges = [{"id": f"e{i}", "from": ids[head], "to": ids[tail], "label": str(attrs.get("relation", "")),
              "title": _edge_tooltip(graph, head, tail, attrs),
              "docs": [index[d] for d in _as_list(attrs.get("documents")) if d in index]}
             for i, (head, tail, attrs) in enumerate(graph.edges(data=True))]
    connected = sum(1 for node in graph if graph.degree(node))
    view = {**VIEW, "clusterLeaves": connected > VIEW["clusterAbove"]}
    return {"nodes": nodes, "edges": edges, "documents": documents, "view": view, "options": _options(graph)}


def _node_item(graph: nx.MultiDiGraph, node: str, node_id: str, index: dict[str, int]) -> dict[str, Any]:
    attrs = graph.nodes[node]
    degree = graph.degree(node)
    item = {"id": node_id, "label": _node_label(graph, node), "group": str(attrs.get("type", "")),
            "aliases": _as_list(attrs.get("aliases")), "title": _node_tooltip(graph, node),
            "degree": degree, "docs": [index[d] for d in _as_list(attrs.get("documents"))]}
    item["value"] = degree + 1  # better connected, bigger (scaling bounds the size)
    item["font"] = {"size": font_size(degree)}
    return item


def font_size(degree: int) -> int:
    """A node label's size: larger for better connected nodes, bounded by NODE_FONT."""
    low, high = NODE_FONT
    return min(high, low + round(2 * math.log2(1 + degree) ** 2))  # hubs stand out


def _options(graph: nx.MultiDiGraph) -> dict[str, Any]:
    large = graph.number_of_nodes() > LARGE_GRAPH
    types = {str(t) for _, t in graph.nodes(data="type")}
    groups = {etype: _group(*_style(etype)) for etype in types}
    # vis skips a label smaller than drawThreshold - 1 on screen (and fades it in above that).
    labels = {"enabled": False, "drawThreshold": LABEL_MIN_PX + 1}
    return {
        "nodes": {"font": {"size": NODE_FONT[0], "color": HIDDEN_INK, "strokeWidth": 3, "strokeColor": HIDDEN_INK},
                  "scaling": {"min": 8, "max": 30, "label": labels}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": EDGE_FONT, "align": "horizontal", "color": HIDDEN_INK,
                           "strokeWidth": 4, "strokeColor": HIDDEN_INK},
                  "scaling": {"label": {**labels, "drawThreshold": EDGE_FONT}},  # from 100 % zoom on
                  "color": {"inherit": False, "color": "#999", "highlight": "#333"},
                  "smooth": False if large else {"type": "continuous"}},
        "groups": groups,
        "layout": {"improvedLayout": not large, "randomSeed": 7},  # the same layout every time
        # Physics lays the graph out (the page starts it once the leaves are grouped), then the
        # page turns it off (stabilizationIterationsDone).
        "physics": {"solver": "forceAtlas2Based", "forceAtlas2Based": {"gravitationalConstant": -60,
                                                                       "springLength": 120},
                    "stabilization": {"enabled": True, "iterations": 200 if large else 500,
                                      "updateInterval": 50, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
    }


def _style(etype: str) -> tuple[str, str]:
    return TYPE_STYLES.get(etype, OTHER_STYLE)


def _group(color: str, shape: str) -> dict[str, Any]:
    group: dict[str, Any] = {"color": color, "shape": shape}
    if shape in IMAGE_SHAPES:
        width, height, figure = IMAGE_SHAPES[shape]
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
               f'viewBox="0 0 {width} {height}" fill="{color}">{figure}</svg>')
        group.update(shape="image", image="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode())
    return group


def _legend(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    counts = Counter(str(t) for _, t in graph.nodes(data="type"))
    order = [t for t in ENTITY_TYPES if t in counts] + sorted(set(counts) - set(ENTITY_TYPES))
    return [{"type": etype, "label": _chinese_labels().get(etype, ""), "count": counts[etype],
             "color": _style(etype)[0], "shape": _style(etype)[1]}
            for etype in order]


def _environment() -> Environment:
    pyvis_dir = Path(pyvis.__file__).parent
    loader = ChoiceLoader([PackageLoader("policykg.graph", "templates"), FileSystemLoader(str(pyvis_dir))])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True))
    # Keep names readable in the file; tojson still escapes < > & ' after dumping.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def _view_description(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """What ``select`` kept (recorded in graph.graph): a heading suffix and a stats phrase."""
    heading, phrase = "", ""
    if center := graph.graph.get("focus"):
        hops = graph.graph.get("hops") or 0
        heading = f" — {_node_label(graph, center)}"
        phrase = f" within {hops} hop{'' if hops == 1 else 's'} of {_node_label(graph, center)}"
    if types := graph.graph.get("types"):
        phrase += " (types: " + ", ".join(types) + ")"
    return heading, phrase


def graph_page(graph: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE,
               max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The page of a graph from ``to_networkx`` (or ``select``), capped at ``max_nodes`` entities."""
    shown, left_out = cap_graph(graph, max_nodes)
    heading, phrase = _view_description(graph)
    stats = (f"{shown.number_of_nodes():,} entities, {shown.number_of_edges():,} relations{phrase}. "
             + ("Hover for details, drag to move, scroll to zoom." if len(shown)
                else "Nothing to show: build the store first (policykg build), or choose other --types."))
    return _environment().get_template("graph.html").render(
        title=title + heading, stats=stats, shown=shown.number_of_nodes(), left_out=left_out,
        legend=_legend(shown), pentagon=PENTAGON, data=graph_data(shown))


def page_html(store: GraphStore, *, focus: str | None = None, hops: int = 1,
              types: Collection[str] | str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
              title: str = DEFAULT_TITLE) -> str:
    """The interactive page of the store's graph, or of the part that ``focus`` (a name or
    alias; with ``hops``) and ``types`` select."""
    graph = to_networkx(store)
    if focus is not None or types:
        graph = select(graph, focus=focus, hops=hops, types=types)
    return graph_page(graph, title=title, max_nodes=max_nodes)


def render_html(store: GraphStore, out_path: str | Path, *, focus: str | None = None, hops: int = 1,
                types: Collection[str] | str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
                title: str = DEFAULT_TITLE) -> Path:
    """Write the interactive graph page to ``out_path`` and return its path."""
    page = page_html(store, focus=focus, hops=hops, types=types, max_nodes=max_nodes, title=title)
    out = Path(out_path)
    try:
        write_text_atomic(out, page)
    except OSError as exc:
        raise PolicyKGError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


class _Html:
    """What Jupyter displays when IPython is not importable (it calls ``_repr_html_``)."""

    def __init__(self, markup: str):
        self.data = markup

    def _repr_html_(self) -> str:
        return self.data


def show(store: GraphStore, *, height: int = 640, **options: Any) -> Any:
    """The page for a Jupyter cell: an iframe whose ``srcdoc`` holds it, so its script runs
    inside the output without touching the notebook (sandboxed to scripts only).

    ``options`` are those of ``page_html`` (focus, hops, types, max_nodes, title)."""
    page = page_html(store, **options)
    frame = (f'<div><iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
             f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd"></iframe></div>')
    try:
        from IPython.display import HTML
    except ImportError:
        return _Html(frame)
    return HTML(frame)
