"""Export the store in RDF and graph formats.

- ``nq``, ``trig``, ``jsonld``: the whole dataset, one named graph per document
  (count = quads).
- ``ttl``, ``nt``, ``xml`` (RDF/XML): the union of all documents' graphs as one
  graph (count = distinct triples; documents never share a triple, since every
  node IRI is scoped by its document id, so this equals the store's count).
- ``graphml``, ``gexf``: the entity/relation graph of ``analytics.to_networkx``
  (node attributes name, type, document, aliases, mentions; edge attributes
  relation, confidence, evidence; count = edges).
- ``csv``: the same graph as an EDGE LIST, one row per relation, columns
  ``document, head, head_type, relation, tail, tail_type, confidence, evidence,
  head_iri, tail_iri`` (UTF-8 with BOM so spreadsheet programs read the Chinese
  text; count = rows).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from policykg.errors import PolicyKGError
from policykg.graph.analytics import to_networkx
from policykg.graph.store import QUERY_PREFIXES, GraphStore

DATASET_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}
NETWORK_FORMATS = ("graphml", "gexf", "csv")
EXPORT_FORMATS = (*GRAPH_FORMATS, *DATASET_FORMATS, *NETWORK_FORMATS)
CSV_COLUMNS = ("document", "head", "head_type", "relation", "tail", "tail_type",
               "confidence", "evidence", "head_iri", "tail_iri")
# rdflib's parser name for each RDF export format (to read an export back).
# Resource IRIs hold '/' and '%', which Turtle would escape in prefixed names: write them in full.
EXPORT_PREFIXES = {k: v for k, v in QUERY_PREFIXES.items() if k != "res"}
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "xml": "xml", "nq": "nquads", "trig": "trig",
                  "jsonld": "json-ld"}


@dataclass(frozen=True)
class ExportReport:
    format: str
    path: Path
    count: int
    unit: str  # quads, triples or edges

    def __str__(self) -> str:
        return f"wrote {self.count} {self.unit} as {self.format} to {self.path}"


def export(store: GraphStore, fmt: str, out_path: str | Path) -> ExportReport:
    """Write the store to ``out_path`` in ``fmt`` (one of EXPORT_FORMATS)."""
    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise PolicyKGError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    out = Path(out_path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt in DATASET_FORMATS:
            return _export_dataset(store, fmt, out)
        if fmt in GRAPH_FORMATS:
            return _export_union_graph(store, fmt, out)
        return _export_network(store, fmt, out)
    except OSError as exc:
        raise PolicyKGError(f"cannot write {out}: {exc.strerror or exc}") from None


def _export_dataset(store: GraphStore, fmt: str, out: Path) -> ExportReport:
    data = store.dump(DATASET_FORMATS[fmt], prefixes=EXPORT_PREFIXES)
    out.write_bytes(data)
    return ExportReport(fmt, out, store.count_triples(), "quads")


def _export_union_graph(store: GraphStore, fmt: str, out: Path) -> ExportReport:
    union = ox.Store()  # in memory: every document's triples in the default graph
    union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store.quads())
    union.dump(str(out), format=GRAPH_FORMATS[fmt], from_graph=ox.DefaultGraph(),
               prefixes=EXPORT_PREFIXES)
    return ExportReport(fmt, out, len(union), "triples")


def _export_network(store: GraphStore, fmt: str, out: Path) -> ExportReport:
    graph = to_networkx(store)
    if fmt == "graphml":
        nx.write_graphml(graph, out)
    elif fmt == "gexf":
        nx.write_gexf(graph, out)
    else:
        _write_edge_list(graph, out)
    return ExportReport(fmt, out, graph.number_of_edges(), "edges")


def _write_edge_list(graph: nx.MultiDiGraph, out: Path) -> None:
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for head, tail, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1])):
            h, t = graph.nodes[head], graph.nodes[tail]
            writer.writerow([h.get("document", ""), h.get("name", ""), h.get("type", ""),
                             attrs["relation"], t.get("name", ""), t.get("type", ""),
                             attrs.get("confidence", ""), attrs.get("evidence", ""), head, tail])
