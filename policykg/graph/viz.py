"""An interactive HTML page of the graph (pyvis / vis-network), working offline.

pyvis assembles the nodes and edges; the page is rendered with our own
template (templates/graph.html) because pyvis's template always links
Bootstrap from a CDN. The template inlines the vis-network JS and CSS shipped
inside the pyvis package, so the file has no remote script or style.

Safety with hostile names: node and edge data are embedded with Jinja's
``tojson`` (which escapes ``< > & '``), every other text through autoescaping,
and tooltips are plain strings that vis-network displays as text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
from pyvis.network import Network
from rdflib import RDFS, Literal

from policykg.errors import PolicyKGError
from policykg.extract.model import ENTITY_TYPES
from policykg.graph.analytics import to_networkx
from policykg.graph.store import GraphStore
from policykg.ontology.mapping import PKG, ontology_graph

TYPE_COLORS = {
    "Enterprise": "#e6194b", "Park": "#3cb44b", "Cluster": "#f58231", "Zone": "#911eb4",
    "Plan": "#4363d8", "Agency": "#808000", "Place": "#46f0f0", "Institution": "#f032e6",
    "Person": "#bcf60c", "Industry": "#fabebe",
}
MAX_EVIDENCE_CHARS = 160
OPTIONS: dict[str, Any] = {
    "nodes": {"shape": "dot", "font": {"size": 14}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "font": {"size": 10, "align": "middle"}, "color": {"inherit": False, "color": "#999"},
              "smooth": {"type": "dynamic"}},
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 200},
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    "groups": {etype: {"color": color} for etype, color in TYPE_COLORS.items()},
}


def _chinese_type_labels() -> dict[str, str]:
    onto = ontology_graph()
    out = {}
    for etype in ENTITY_TYPES:
        for label in onto.objects(PKG[etype], RDFS.label):
            if isinstance(label, Literal) and label.language == "zh":
                out[etype] = str(label)
    return out


def _node_tooltip(attrs: dict[str, Any], type_label: str) -> str:
    lines = [attrs.get("name", ""), f"type 类型: {attrs.get('type')} ({type_label})"]
    if attrs.get("aliases"):
        lines.append(f"aliases 别名: {attrs['aliases']}")
    lines.append(f"document 文档: {attrs.get('document', '')}")
    lines.append(f"mentions 提及: {attrs.get('mentions', 0)}")
    return "\n".join(lines)


def _edge_tooltip(attrs: dict[str, Any]) -> str:
    lines = [attrs["relation"]]
    if "confidence" in attrs:
        lines.append(f"confidence 置信度: {attrs['confidence']:.2f}")
    evidence = " ".join(str(attrs.get("evidence", "")).split())
    if evidence:
        cut = evidence[:MAX_EVIDENCE_CHARS] + ("…" if len(evidence) > MAX_EVIDENCE_CHARS else "")
        lines.append(f"evidence 证据: {cut}")
    return "\n".join(lines)


def build_network(graph: nx.MultiDiGraph) -> Network:
    """The pyvis network: node colour per type, size by degree, relation names on edges."""
    zh = _chinese_type_labels()
    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in graph.nodes(data=True):
        etype = attrs.get("type", "")
        net.add_node(node, label=str(attrs.get("name", node)), title=_node_tooltip(attrs, zh.get(etype, "")),
                     size=10 + 3 * min(graph.degree(node), 10), group=etype)  # colour: OPTIONS groups
    for head, tail, attrs in graph.edges(data=True):
        net.add_edge(head, tail, label=attrs["relation"], title=_edge_tooltip(attrs))
    return net


def _environment() -> Environment:
    pyvis_dir = Path(pyvis.__file__).parent
    loader = ChoiceLoader([PackageLoader("policykg.graph", "templates"), FileSystemLoader(str(pyvis_dir))])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True))
    # Keep names readable in the file; tojson still escapes < > & ' after dumping.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def render_html(store: GraphStore, out_path: str | Path, *, title: str = "policykg knowledge graph",
                height: str = "85vh") -> Path:
    """Write the interactive graph page to ``out_path`` and return its path."""
    graph = to_networkx(store)
    net = build_network(graph)
    zh = _chinese_type_labels()
    counts = Counter(attrs.get("type") for _, attrs in graph.nodes(data=True))
    legend = [{"type": t, "label": zh.get(t, ""), "color": TYPE_COLORS[t], "count": counts[t]}
              for t in ENTITY_TYPES if counts[t]]
    stats = (f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations. "
             "Hover for details; drag to move; scroll to zoom.")
    html = _environment().get_template("graph.html").render(
        title=title, stats=stats, legend=legend, nodes=net.nodes, edges=net.edges,
        options=OPTIONS, height=height)
    out = Path(out_path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise PolicyKGError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out
