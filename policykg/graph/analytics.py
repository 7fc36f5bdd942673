"""The store's entities and relations as a NetworkX graph, views of it, and analyses.

``to_networkx`` reads the store only through ``store.query`` (SPARQL), so it works on
the embedded store and on a remote SPARQL server alike. One node per entity IRI (an
entity named in several documents is one node), with attributes

    iri, label (the name as written), type, aliases (list), documents (list of document
    ids), document_count, sentences (up to MAX_SENTENCES sentences that mention it, on one line)

and one edge per (head, relation, tail), head -> tail, keyed by the relation name, with

    relation, evidence (list of evidence sentences), documents (list), confidence (max, or None).

Measures are not part of this graph (query them with SPARQL). Lists do not fit
GraphML/GEXF: ``flatten_for_export`` joins them.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any, Protocol

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.schema import ENTITY_TYPES, RELATION_TYPES
from policykg.graph.base import QUERY_PREFIXES, QueryResult
from policykg.ontology.mapping import normalise_name

MAX_SENTENCES = 5  # per node: enough for a tooltip, bounded for big corpora
GROUP_TYPES = ("Cluster", "Zone")
# Relations that make their head a member of the Cluster/Zone at their tail (ANNOTATION.md):
# an enterprise leads a cluster; a place/enterprise/park is a member of, or is designated as, it.
MEMBER_OF_TAIL = ("leads", "memberOf", "designatedAs")
# ... and the one that makes its tail a member of the Zone at its head: Zone includes Park/Cluster.
MEMBER_OF_HEAD = ("includes",)
PAGERANK_DIGITS = 6
LOUVAIN_SEED = 42


class QueryableStore(Protocol):
    def query(self, sparql: str, *, timeout: float | None = ..., max_rows: int | None = ...) -> QueryResult: ...


class GraphLookupError(PolicyKGError):
    """A name, type or path asked of the entity graph does not exist in it."""


class UnknownEntityError(GraphLookupError):
    """No entity has this name or alias; the message suggests close names."""


class UnknownTypeError(GraphLookupError):
    """An entity type that is not one of ENTITY_TYPES."""


class NoPathError(GraphLookupError):
    """Two entities that no chain of relations joins."""


# ---------------------------------------------------------------- reading the store

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
# Declared in every query, so that any SPARQL endpoint (not only our store) understands them.
_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {"nif": NIF, **QUERY_PREFIXES}.items())
_ENTITY_CLASSES = "VALUES ?class { " + " ".join(f"pkg:{t}" for t in ENTITY_TYPES) + " }"
_RELATION_PROPERTIES = "VALUES ?p { " + " ".join(f"pkg:{r}" for r in RELATION_TYPES) + " }"

# The store's default graph is the union of the documents' graphs, which repeats a shared
# entity's triples once per document: every query is DISTINCT.
_ENTITIES = _PREFIXES + f"""
SELECT DISTINCT ?e ?type ?label WHERE {{
  {_ENTITY_CLASSES}
  ?e a ?class .
  BIND(STRAFTER(STR(?class), STR(pkg:)) AS ?type)
  OPTIONAL {{ ?e rdfs:label ?label }}
}}"""

_ALIASES = _PREFIXES + f"""
SELECT DISTINCT ?e ?alias WHERE {{
  {_ENTITY_CLASSES}
  ?e a ?class ; skos:altLabel ?alias .
}}"""

_ENTITY_DOCUMENTS = _PREFIXES + f"""
SELECT DISTINCT ?e ?document WHERE {{
  {_ENTITY_CLASSES}
  ?e a ?class ; prov:wasDerivedFrom/pkg:documentId ?document .
}}"""

_MENTION_SENTENCES = _PREFIXES + f"""
SELECT DISTINCT ?e ?document ?begin ?sentence WHERE {{
  {_ENTITY_CLASSES}
  ?e a ?class ; pkg:mention ?m .
  ?m nif:sentence ?s .
  ?s nif:anchorOf ?anchor ; nif:beginIndex ?begin .
  OPTIONAL {{ ?s pkg:repairedText ?repaired }}
  BIND(COALESCE(?repaired, ?anchor) AS ?sentence)
  OPTIONAL {{ ?s nif:referenceContext/pkg:documentId ?document }}
}}"""

_RELATIONS = _PREFIXES + f"""
SELECT DISTINCT ?h ?relation ?t ?confidence ?evidence ?document WHERE {{
  {_RELATION_PROPERTIES}
  ?h ?p ?t .
  BIND(STRAFTER(STR(?p), STR(pkg:)) AS ?relation)
  OPTIONAL {{
    ?a rdf:subject ?h ; rdf:predicate ?p ; rdf:object ?t .
    OPTIONAL {{ ?a pkg:confidence ?confidence }}
    OPTIONAL {{ ?a pkg:evidence ?s . ?s nif:anchorOf ?anchor OPTIONAL {{ ?s pkg:repairedText ?repaired }} }}
    BIND(COALESCE(?repaired, ?anchor) AS ?evidence)
    OPTIONAL {{ ?a prov:wasDerivedFrom/pkg:documentId ?document }}
  }}
}}"""


def _rows(store: QueryableStore, sparql: str) -> list[tuple[str | None, ...]]:
    return store.query(sparql, max_rows=None).values()


def tidy_text(text: str) -> str:
    """Text on one line: white space around Chinese characters and punctuation dropped
    (a PDF's broken lines), any other run of white space made one space."""
    text = _SPACE_BY_CJK.sub("", text)
    return " ".join(text.split())


_CJK = r"[\u2018-\u201f\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]"
_SPACE_BY_CJK = re.compile(rf"\s+(?={_CJK})|(?<={_CJK})\s+")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def to_networkx(store: QueryableStore) -> nx.MultiDiGraph:
    """The entity/relation graph of everything in the store (see the module docstring)."""
    graph = nx.MultiDiGraph()
    _add_entities(graph, store)
    _add_relations(graph, store)
    documents = {d for _, attrs in graph.nodes(data=True) for d in attrs["documents"]}
    graph.graph["documents"] = sorted(documents)
    return graph


def _add_entities(graph: nx.MultiDiGraph, store: QueryableStore) -> None:
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for iri, etype, label in _rows(store, _ENTITIES):
        types[iri].add(etype)
        if label:
            labels[iri].add(label)
    aliases = _grouped(_rows(store, _ALIASES))
    documents = _grouped(_rows(store, _ENTITY_DOCUMENTS))
    sentences = _mention_sentences(store)
    for iri in sorted(types):
        # One label per node: a name given in several documents keeps the first in order.
        label, names = _display_names(sorted(labels[iri]) or [iri], aliases.get(iri, []))
        docs = sorted(set(documents.get(iri, [])))
        graph.add_node(iri, iri=iri, label=label, type=min(types[iri]), aliases=names,
                       documents=docs, document_count=len(docs),
                       sentences=sentences.get(iri, [])[:MAX_SENTENCES])


def _display_names(labels: list[str], alt_labels: list[str]) -> tuple[str, list[str]]:
    """The name to show and the aliases. rdfs:label is the normalised matching key (lower case,
    no quotes); the name as written is the alternative label that normalises to it (the
    shortest, then the first in order), so it is shown instead. Spellings that differ from it
    only by normalisation are not listed as aliases."""
    key = labels[0]
    written = sorted((a for a in alt_labels if normalise_name(a) == normalise_name(key)), key=lambda a: (len(a), a))
    label = written[0] if written else key
    same = normalise_name(label)
    aliases = _unique(a for a in sorted({*labels[1:], *alt_labels}) if normalise_name(a) != same)
    return label, aliases


def _grouped(rows: Iterable[tuple[str | None, ...]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for key, value in rows:
        if key and value:
            out[key].append(value)
    return out


def _mention_sentences(store: QueryableStore) -> dict[str, list[str]]:
    """Each entity's mentioning sentences, in document then text order, tidied, without repeats."""
    rows = sorted(_rows(store, _MENTION_SENTENCES), key=lambda r: (r[0], r[1] or "", int(r[2] or 0)))
    found: dict[str, list[str]] = defaultdict(list)
    for iri, _document, _start, sentence in rows:
        text = tidy_text(sentence or "")
        if text and text not in found[iri]:
            found[iri].append(text)
    return found


def _add_relations(graph: nx.MultiDiGraph, store: QueryableStore) -> None:
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for head, relation, tail, confidence, evidence, document in _rows(store, _RELATIONS):
        if head not in graph or tail not in graph:
            continue  # a relation to something that is not an entity (e.g. a measure)
        edge = edges.setdefault((head, relation, tail), {"evidence": [], "documents": [], "confidence": None})
        if evidence:
            edge["evidence"].append(tidy_text(evidence))
        if document:
            edge["documents"].append(document)
        if confidence is not None:
            edge["confidence"] = max(float(confidence), edge["confidence"] or 0.0)
    for (head, relation, tail), edge in sorted(edges.items()):
        graph.add_edge(head, tail, key=relation, relation=relation,
                       evidence=_unique(sorted(edge["evidence"])), documents=sorted(set(edge["documents"])),
                       confidence=edge["confidence"])


def flatten_for_export(graph: nx.MultiDiGraph, separator: str = "; ") -> nx.MultiDiGraph:
    """A copy whose attributes GraphML/GEXF can store: lists joined with ``separator``,
    None values left out."""
    def flat(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: separator.join(map(str, v)) if isinstance(v, (list, tuple)) else v
                for k, v in attrs.items() if v is not None}

    out = nx.MultiDiGraph()
    out.add_nodes_from((n, flat(attrs)) for n, attrs in graph.nodes(data=True))
    out.add_edges_from((h, t, k, flat(attrs)) for h, t, k, attrs in graph.edges(keys=True, data=True))
    return out


# ---------------------------------------------------------------- finding and selecting

def _names(attrs: dict[str, Any]) -> list[str]:
    return [attrs.get("label", ""), *attrs.get("aliases", [])]


def find_node(graph: nx.MultiDiGraph, name: str) -> str | None:
    """The node whose label or alias is ``name`` (compared as the scorer does: NFKC, no white
    space or quotes, lower case), or that IRI itself. A label beats an alias; among equals the
    best connected node wins, then the smallest IRI."""
    if name in graph:
        return name
    key = normalise_name(name)
    if not key:
        return None
    ranked = []
    for node, attrs in graph.nodes(data=True):
        names = [normalise_name(n) for n in _names(attrs)]
        if key in names:
            ranked.append((names.index(key) > 0, -graph.degree(node), node))
    return min(ranked)[2] if ranked else None


def resolve_node(graph: nx.MultiDiGraph, name: str) -> str:
    """``find_node``, or UnknownEntityError with the closest names as suggestions."""
    node = find_node(graph, name)
    if node is None:
        raise UnknownEntityError(f"no entity named {name!r} in the graph{_suggestions(graph, name)}")
    return node


def _suggestions(graph: nx.MultiDiGraph, name: str, limit: int = 5) -> str:
    by_key: dict[str, str] = {}
    for _, attrs in sorted(graph.nodes(data=True)):
        for candidate in _names(attrs):
            by_key.setdefault(normalise_name(candidate), candidate)
    key = normalise_name(name)
    containing = sorted((k for k in by_key if key and (key in k or k in key)), key=lambda k: (abs(len(k) - len(key)), k))
    close = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.5)
    picks = _unique([*close, *containing])[:limit]
    return "; did you mean: " + ", ".join(by_key[k] for k in picks) + "?" if picks else ""


def parse_types(types: Collection[str] | str | None) -> list[str] | None:
    """Entity type names (case-insensitive; a comma-separated string is split), or
    UnknownTypeError listing the valid ones."""
    if types is None:
        return None
    items = types.split(",") if isinstance(types, str) else [p for t in types for p in t.split(",")]
    canonical = {t.lower(): t for t in ENTITY_TYPES}
    out = []
    for item in (i.strip() for i in items if i.strip()):
        if item.lower() not in canonical:
            raise UnknownTypeError(f"unknown entity type {item!r}; valid types: {', '.join(ENTITY_TYPES)}")
        out.append(canonical[item.lower()])
    return _unique(out) or None


def select(graph: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 1,
           types: Collection[str] | None = None) -> nx.MultiDiGraph:
    """A view to show or analyse: the entities within ``hops`` relations of ``focus`` (a name
    or alias, either direction), then only those of ``types`` (the focus itself always stays).
    Returns a new graph (attributes copied); with neither option, a copy of the whole graph."""
    keep = set(graph)
    center = None
    if focus is not None:
        if hops < 0:
            raise GraphLookupError(f"hops must be 0 or more, not {hops}")
        center = resolve_node(graph, focus)
        keep = set(nx.single_source_shortest_path_length(_undirected(graph), center, cutoff=hops))
    wanted = parse_types(types)
    if wanted is not None:
        keep = {n for n in keep if graph.nodes[n].get("type") in wanted or n == center}
    view = graph.subgraph(sorted(keep)).copy()
    view.graph.update(graph.graph, focus=center, hops=hops if center else None, types=wanted)
    return view


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected projection, built in sorted order so that every algorithm run on
    it (PageRank, Louvain, BFS) gives the same answer whatever order the store returned rows in."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted(tuple(sorted((h, t))) for h, t in graph.edges() if h != t))
    return simple


# ---------------------------------------------------------------- analyses

def _entity(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    attrs = graph.nodes[node]
    return {"label": attrs.get("label", node), "type": attrs.get("type"), "iri": node}


def _ranked(graph: nx.MultiDiGraph, scores: dict[str, float], top: int) -> list[dict[str, Any]]:
    best = sorted(scores.items(), key=lambda kv: (-kv[1], graph.nodes[kv[0]].get("label", ""), kv[0]))
    return [{**_entity(graph, n), "score": s} for n, s in best[:top]]


def pagerank(graph: nx.MultiDiGraph, alpha: float = 0.85) -> dict[str, float]:
    """PageRank (networkx) on the undirected projection: a relation makes both ends important.
    Rounded so that floating-point noise cannot reorder ties."""
    simple = _undirected(graph)
    if not len(simple):
        return {}
    return {v: round(s, PAGERANK_DIGITS) for v, s in nx.pagerank(simple, alpha=alpha).items()}


def central_by_type(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """For each entity type present, its ``top`` entities by degree (relations in and out)
    and by PageRank."""
    ranks = pagerank(graph)
    out = {}
    for etype in ENTITY_TYPES:
        members = [n for n, t in graph.nodes(data="type") if t == etype]
        if members:
            out[etype] = {"degree": _ranked(graph, {n: graph.degree(n) for n in members}, top),
                          "pagerank": _ranked(graph, {n: ranks[n] for n in members}, top)}
    return out


def degree_centrality(graph: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """The best connected entities of any type (relations in and out, normalised by n-1)."""
    return _ranked(graph, {n: round(s, 4) for n, s in nx.degree_centrality(graph).items()}, top) if len(graph) > 1 else []


def betweenness_centrality(graph: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """Entities that bridge others, on the undirected projection."""
    if len(graph) < 3:
        return []
    return _ranked(graph, {n: round(s, 4) for n, s in nx.betweenness_centrality(_undirected(graph)).items()}, top)


def connected_components(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of entity labels joined by relations (either direction), largest first;
    isolated entities are groups of one."""
    groups = [sorted(graph.nodes[n].get("label", n) for n in group) for group in nx.connected_components(_undirected(graph))]
    return sorted(groups, key=lambda g: (-len(g), g))


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Louvain communities of the undirected projection (fixed seed: the same every run),
    as sorted entity labels, largest first."""
    if not graph.number_of_edges():
        return []
    found = nx.community.louvain_communities(_undirected(graph), seed=LOUVAIN_SEED)
    groups = [sorted(graph.nodes[n].get("label", n) for n in group) for group in found]
    return sorted(groups, key=lambda g: (-len(g), g))


def group_members(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Each Cluster and Zone with its members. A member is an entity that ``leads``, is a
    ``memberOf`` or is ``designatedAs`` the group (ANNOTATION.md: Enterprise leads Cluster;
    Place/Enterprise/Park memberOf or designatedAs Zone/Cluster), or that the group
    ``includes`` (Zone includes Park/Cluster). ``locatedIn`` is not membership: its tail is
    always a Place, so it says where a group is, not who is in it."""
    out = []
    for group, etype in sorted(graph.nodes(data="type"), key=lambda nt: (nt[1] or "", graph.nodes[nt[0]]["label"], nt[0])):
        if etype not in GROUP_TYPES:
            continue
        members = [(h, r) for h, _, r in graph.in_edges(group, keys=True) if r in MEMBER_OF_TAIL]
        members += [(t, r) for _, t, r in graph.out_edges(group, keys=True) if r in MEMBER_OF_HEAD]
        listed = sorted({(graph.nodes[m]["label"], r, m) for m, r in members if m != group})
        out.append({**_entity(graph, group),
                    "members": [{**_entity(graph, m), "relation": r} for _, r, m in listed]})
    return out


def analyze(graph: nx.MultiDiGraph, top: int = 10) -> dict[str, Any]:
    """Everything ``policykg analyze`` reports, as JSON-able data: the view (``select``'s focus,
    hops, types), sizes, the most central entities per type (degree, PageRank), connected
    components, Louvain communities and the members of each Cluster/Zone. Deterministic for
    a given graph."""
    components = connected_components(graph)
    focus = graph.graph.get("focus")
    return {
        "view": {"focus": graph.nodes[focus]["label"] if focus in graph else None,
                 "hops": graph.graph.get("hops"), "types": graph.graph.get("types")},
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "documents": len(graph.graph.get("documents", [])),
        "central": central_by_type(graph, top),
        "components": {"count": len(components), "sizes": [len(c) for c in components],
                       "largest": components[0] if components else []},
        "communities": communities(graph),
        "groups": group_members(graph),
    }


# ---------------------------------------------------------------- paths

@dataclass(frozen=True)
class Hop:
    """One step of a path: ``source`` -relation-> ``target`` when direction is "forward",
    the stored relation pointing from target to source when "backward"."""

    source: str
    relation: str
    target: str
    direction: str
    evidence: str
    document: str
    source_iri: str
    target_iri: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def shortest_path(graph: nx.MultiDiGraph, a: str, b: str) -> list[Hop]:
    """The shortest chain of relations joining two entities (names or aliases), followed in
    either direction, each hop with its evidence sentence and document."""
    start, end = resolve_node(graph, a), resolve_node(graph, b)
    if start == end:
        raise NoPathError(f"{a!r} and {b!r} are the same entity")
    try:
        nodes = nx.shortest_path(_undirected(graph), start, end)
    except nx.NetworkXNoPath:
        raise NoPathError(f"no chain of relations joins {graph.nodes[start]['label']!r} "
                          f"and {graph.nodes[end]['label']!r}") from None
    return [_hop(graph, u, v) for u, v in pairwise(nodes)]


def _hop(graph: nx.MultiDiGraph, u: str, v: str) -> Hop:
    candidates = [("forward", r, attrs) for r, attrs in (graph.get_edge_data(u, v) or {}).items()]
    candidates += [("backward", r, attrs) for r, attrs in (graph.get_edge_data(v, u) or {}).items()]
    # The best-attested relation: one with evidence first, then the most confident.
    direction, relation, attrs = min(candidates, key=lambda c: (not c[2]["evidence"], -(c[2]["confidence"] or 0), c[1], c[0]))
    return Hop(graph.nodes[u]["label"], relation, graph.nodes[v]["label"], direction,
               (attrs["evidence"] or [""])[0], (attrs["documents"] or [""])[0], u, v)
