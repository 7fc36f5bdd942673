"""The store's entities and relations as a NetworkX graph, and a few analytics on it.

Nodes are entity IRIs with attributes ``name``, ``type``, ``document``,
``aliases`` ("; "-joined, so GraphML/GEXF can store it) and ``mentions``;
edges go head -> tail, keyed by the relation name, with attributes
``relation``, ``confidence`` and ``evidence`` (the text span), where known.
Measures are not part of this graph (query them with SPARQL).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from policykg.graph.store import GraphStore

_NODES = """
SELECT ?e ?name ?type ?document (GROUP_CONCAT(DISTINCT ?alias; SEPARATOR="; ") AS ?aliases)
       (COUNT(DISTINCT ?mention) AS ?mentions)
WHERE {
  VALUES ?t { pkg:Enterprise pkg:Park pkg:Cluster pkg:Zone pkg:Plan pkg:Agency
              pkg:Place pkg:Institution pkg:Person pkg:Industry }
  ?e a ?t ; rdfs:label ?name .
  BIND(STRAFTER(STR(?t), STR(pkg:)) AS ?type)
  OPTIONAL { ?e prov:wasDerivedFrom/pkg:documentId ?document }
  OPTIONAL { ?e skos:altLabel ?alias }
  OPTIONAL { ?e pkg:mention ?mention }
}
GROUP BY ?e ?name ?type ?document
"""

_EDGES = """
SELECT ?h ?relation ?t (MAX(?c) AS ?confidence) (SAMPLE(?text) AS ?evidence)
WHERE {
  VALUES ?p { pkg:leads pkg:memberOf pkg:designatedAs pkg:includes pkg:locatedIn
              pkg:issuedBy pkg:approvedBy pkg:focusesOn pkg:affiliatedWith }
  ?h ?p ?t .
  BIND(STRAFTER(STR(?p), STR(pkg:)) AS ?relation)
  OPTIONAL {
    ?a rdf:subject ?h ; rdf:predicate ?p ; rdf:object ?t .
    OPTIONAL { ?a pkg:confidence ?c }
    OPTIONAL { ?a pkg:evidence/pkg:text ?text }
  }
}
GROUP BY ?h ?relation ?t
"""


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """Entities as nodes, relations as directed edges keyed by relation name."""
    graph = nx.MultiDiGraph()
    for iri, name, etype, document, aliases, mentions in store.query(_NODES, max_rows=None).values():
        attrs: dict[str, Any] = {"name": name, "type": etype, "document": document or "",
                                 "aliases": aliases or "", "mentions": int(mentions or 0)}
        graph.add_node(iri, **attrs)
    for head, relation, tail, confidence, evidence in store.query(_EDGES, max_rows=None).values():
        attrs = {"relation": relation}
        if confidence is not None:
            attrs["confidence"] = float(confidence)
        if evidence:
            attrs["evidence"] = evidence
        graph.add_edge(head, tail, key=relation, **attrs)
    return graph


def _ranked(graph: nx.MultiDiGraph, scores: dict[str, float], top: int) -> list[dict[str, Any]]:
    best = sorted(scores.items(), key=lambda kv: (-kv[1], graph.nodes[kv[0]].get("name", "")))[:top]
    return [{"name": graph.nodes[n].get("name"), "type": graph.nodes[n].get("type"),
             "document": graph.nodes[n].get("document"), "score": round(s, 4)} for n, s in best]


def degree_centrality(graph: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """The best connected entities (relations in and out, normalised by n-1)."""
    return _ranked(graph, nx.degree_centrality(graph), top) if len(graph) > 1 else []


def betweenness_centrality(graph: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """Entities that bridge others, on the undirected simple graph."""
    if len(graph) < 3:
        return []
    return _ranked(graph, nx.betweenness_centrality(nx.Graph(graph.to_undirected())), top)


def connected_components(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Weakly connected groups of entity names, largest first (isolated entities included)."""
    groups = sorted(nx.weakly_connected_components(graph), key=len, reverse=True)
    return [sorted(graph.nodes[n].get("name", n) for n in group) for group in groups]


def analyse(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """Size, components and the top entities by degree and betweenness."""
    components = connected_components(graph)
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "components": len(components),
        "largest_component": len(components[0]) if components else 0,
        "degree": degree_centrality(graph, top),
        "betweenness": betweenness_centrality(graph, top),
    }
