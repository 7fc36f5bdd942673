"""Export the store in RDF and graph formats.

Everything is read through the store's public methods (``quads``, ``dump``,
``query``), so the embedded store and a remote SPARQL server export alike.

- ``nq``, ``trig``, ``jsonld``: the whole dataset, one named graph per document
  (count = quads). JSON-LD has a compact ``@context`` of the policykg prefixes,
  so keys read ``rdfs:label``, ``pkg:value``.
- ``ttl``, ``nt``, ``xml`` (RDF/XML): the union of all documents' graphs as one
  graph (count = distinct triples: an entity named by two documents has its
  type and label in both graphs, and once here).
- ``graphml``, ``gexf``: the entity/relation graph of ``analytics.to_networkx``,
  every attribute flattened to a string (lists joined with "; "), so Gephi and
  networkx read them back (count = edges).
- ``csv``: the same graph as ``nodes.csv`` and ``edges.csv`` in the directory
  ``out`` (or ``{stem}.nodes.csv`` / ``{stem}.edges.csv`` beside ``out`` when it
  ends in ``.csv``); UTF-8 with BOM so spreadsheet programs read the Chinese
  text (count = edges).
"""

from __future__ import annotations

import csv
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from policykg.errors import PolicyKGError
from policykg.files import atomic_output
from policykg.graph.analytics import flatten_for_export, to_networkx
from policykg.ontology.mapping import PREFIXES

DATASET_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}
NETWORK_FORMATS = ("graphml", "gexf", "csv")
EXPORT_FORMATS = (*GRAPH_FORMATS, *DATASET_FORMATS, *NETWORK_FORMATS)
NODE_COLUMNS = ("id", "label", "type", "aliases", "documents", "document_count", "sentences")
EDGE_COLUMNS = ("source", "target", "relation", "source_label", "target_label", "confidence",
                "documents", "evidence")
# Resource IRIs hold '/' and '%', which Turtle would escape in prefixed names: write them in full.
EXPORT_PREFIXES = {k: str(v) for k, v in PREFIXES.items() if k != "res"}
JSONLD_CONTEXT = {k: str(v) for k, v in PREFIXES.items()}
# rdflib's parser name for each RDF export format (to read an export back).
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "xml": "xml", "nq": "nquads", "trig": "trig",
                  "jsonld": "json-ld"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class ExportReport:
    format: str
    path: Path  # the file written (for csv: the edges file)
    count: int
    unit: str  # quads, triples or edges
    files: tuple[Path, ...] = ()

    def __str__(self) -> str:
        where = ", ".join(map(str, self.files)) if len(self.files) > 1 else str(self.path)
        return f"wrote {self.count} {self.unit} as {self.format} to {where}"


def export(store: Any, fmt: str, out_path: str | Path) -> ExportReport:
    """Write the store to ``out_path`` in ``fmt`` (one of EXPORT_FORMATS)."""
    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise PolicyKGError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    out = Path(out_path)
    try:
        if fmt == "csv":
            return _export_csv(store, out)
        with atomic_output(out) as tmp:  # a failed or killed export leaves the old file whole
            if fmt == "jsonld":
                report = _export_jsonld(store, tmp)
            elif fmt in DATASET_FORMATS:
                report = _export_dataset(store, fmt, tmp)
            elif fmt in GRAPH_FORMATS:
                report = _export_union_graph(store, fmt, tmp)
            else:
                report = _export_network(store, fmt, tmp)
        return replace(report, path=out)
    except OSError as exc:
        raise PolicyKGError(f"cannot write {out}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- RDF

def rdflib_term(term: Any) -> Any:
    """A pyoxigraph term as the equal rdflib term (xsd:string literals stay plain)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == _XSD_STRING else rdflib.URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise PolicyKGError(f"cannot export the RDF term {term}")


def store_dataset(store: Any) -> rdflib.Dataset:
    """The store's quads as an rdflib Dataset (one named graph per document)."""
    dataset = rdflib.Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True)
    for quad in store.quads():
        graph = rdflib_term(quad.graph_name)
        dataset.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object),
                     DATASET_DEFAULT_GRAPH_ID if graph is None else graph))
    return dataset


def _export_dataset(store: Any, fmt: str, out: Path) -> ExportReport:
    data = store.dump(DATASET_FORMATS[fmt], prefixes=EXPORT_PREFIXES)
    out.write_bytes(data)
    return ExportReport(fmt, out, store.count_triples(), "quads")


def _export_jsonld(store: Any, out: Path) -> ExportReport:
    dataset = store_dataset(store)
    with warnings.catch_warnings():  # rdflib's own JSON-LD writer calls its deprecated Dataset.contexts
        warnings.simplefilter("ignore", DeprecationWarning)
        text = dataset.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=1)
    out.write_text(text, encoding="utf-8")
    return ExportReport("jsonld", out, sum(1 for _ in dataset.quads((None, None, None, None))), "quads")


def _export_union_graph(store: Any, fmt: str, out: Path) -> ExportReport:
    union = ox.Store()  # in memory: every document's triples in the default graph, once
    union.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in store.quads())
    union.dump(str(out), format=GRAPH_FORMATS[fmt], from_graph=ox.DefaultGraph(),
               prefixes=EXPORT_PREFIXES)
    return ExportReport(fmt, out, len(union), "triples")


# ---------------------------------------------------------------- networks

def _as_strings(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every attribute a string: lists joined, numbers written out, None left out."""
    flat = flatten_for_export(graph)
    for _, attrs in flat.nodes(data=True):
        attrs.update({k: str(v) for k, v in attrs.items()})
    for *_, attrs in flat.edges(data=True):
        attrs.update({k: str(v) for k, v in attrs.items()})
    return flat


def _export_network(store: Any, fmt: str, out: Path) -> ExportReport:
    graph = _as_strings(to_networkx(store))
    if fmt == "graphml":
        nx.write_graphml(graph, out)
    else:
        nx.write_gexf(graph, out)
    return ExportReport(fmt, out, graph.number_of_edges(), "edges")


def csv_paths(out: Path) -> tuple[Path, Path]:
    """Where the csv export writes its nodes and edges files."""
    if out.suffix.lower() == ".csv":
        return out.with_name(out.stem + ".nodes.csv"), out.with_name(out.stem + ".edges.csv")
    return out / "nodes.csv", out / "edges.csv"


def _export_csv(store: Any, out: Path) -> ExportReport:
    graph = _as_strings(to_networkx(store))
    nodes_path, edges_path = csv_paths(out)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    _write_csv(nodes_path, NODE_COLUMNS,
               ({"id": n, **attrs} for n, attrs in sorted(graph.nodes(data=True))))
    labels = {n: attrs.get("label", "") for n, attrs in graph.nodes(data=True)}
    edges = sorted(graph.edges(data=True), key=lambda e: (e[0], e[2].get("relation", ""), e[1]))
    _write_csv(edges_path, EDGE_COLUMNS,
               ({"source": h, "target": t, "source_label": labels[h], "target_label": labels[t], **attrs}
                for h, t, attrs in edges))
    return ExportReport("csv", edges_path, graph.number_of_edges(), "edges",
                        files=(nodes_path, edges_path))


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> None:
    with atomic_output(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection): text opening with
    = + - @ tab or CR gets a leading apostrophe; numbers stay numbers. Names and evidence come
    from documents anyone may have written."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
