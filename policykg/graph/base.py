"""What both stores share: result rows (``Term``, ``QueryResult``), the ``Store`` protocol, and
``BaseStore``, the writes, counts and document look-ups both the embedded store
(``store.GraphStore``) and a SPARQL server (``remote.RemoteStore``) build on four primitives of
their own: ``query``, ``_existing``, ``_extend`` and ``_update``.

Layout: one named graph per document; an entity's type, label, aliases and reference id, a
shared fact's or figure's description, in the one graph ENTITY_GRAPH_IRI; counts over documents
in the summary graph (``summary``). Every write is one transaction (see ``BaseStore._write``).
``stores.open_store`` picks the store kind for a location.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS, SKOS

from policykg.errors import InputError, QueryError, StoreError
from policykg.graph.sparql_text import sparql_string, sparql_term
from policykg.graph.summary import (
    JOURNAL_PREFIX,
    STALE,
    SUMMARY_GRAPH,
    SUMMARY_GRAPH_IRI,
    SUMMARY_PREDICATES,
    plan_write,
)
from policykg.ontology.mapping import (
    ENTITY_GRAPH,
    PREFIXES,
    RES,
    MappedDocument,
    document_graph_iri,
    map_extraction,
)
from policykg.schema import ENTITY_TYPES, MEASURE_KINDS, RELATION_TYPES

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_ROWS = 10_000
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
QUERY_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
RESOURCE_NS = str(RES)
RDF_FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                    ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
                    ".xml": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD}


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class Term:
    """An RDF term of a result row: kind is uri, literal, bnode or triple."""

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    def __str__(self) -> str:
        return self.value

    @classmethod
    def from_oxigraph(cls, term: Any) -> Term:
        if isinstance(term, ox.NamedNode):
            return cls("uri", term.value)
        if isinstance(term, ox.BlankNode):
            return cls("bnode", term.value)
        if isinstance(term, ox.Literal):
            datatype = None if term.language else term.datatype.value
            return cls("literal", term.value, term.language, datatype)
        return cls("triple", str(term))


Row = tuple[Term | None, ...]


@dataclass
class QueryResult:
    """Variables and rows of a SELECT (or the triples of a CONSTRUCT), or the boolean of an ASK."""

    variables: list[str]
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False

    def values(self) -> list[tuple[str | None, ...]]:
        """Rows as plain strings (the lexical value of each term)."""
        return [tuple(None if t is None else t.value for t in row) for row in self.rows]

    def column(self, name: str) -> list[str | None]:
        i = self.variables.index(name)
        return [None if row[i] is None else row[i].value for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def one_line(message: str) -> str:
    return " ".join(str(message).split())


# ---------------------------------------------------------------- the store

def document_graph(doc_id: str) -> str:
    """The IRI of the named graph of document ``doc_id`` (as the mapping names it)."""
    return str(document_graph_iri({"document": {"id": doc_id}}))


def file_graph(path: Path) -> str:
    """The named graph that receives the triples of an RDF file loaded into the store."""
    return f"{RESOURCE_NS}graph/file/{quote(path.name, safe='')}"


ENTITY_GRAPH_IRI = str(ENTITY_GRAPH)
_ENTITY_GRAPH = ox.NamedNode(ENTITY_GRAPH_IRI)
_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


def extraction_quads(extraction: dict[str, Any]) -> tuple[str, list[ox.Quad]]:
    """One document's named graph IRI and all its quads, the entity-level ones in the shared
    ENTITY_GRAPH (mapping errors raise before any write)."""
    mapped = map_extraction(extraction)
    return mapped.graph.value, mapped.all_quads()


def batch_quads(docs: list[MappedDocument]) -> list[ox.Quad]:
    """The quads of several documents, each entity-level quad once."""
    quads: list[ox.Quad] = []
    shared: set[ox.Quad] = set()
    for doc in docs:
        quads += doc.quads
        shared.update(doc.entity_quads)
    quads += shared
    return quads


def last_of_each(docs: Iterable[MappedDocument]) -> list[MappedDocument]:
    """One per document id: the last, as loading them one after another would leave it."""
    return list({doc.graph.value: doc for doc in docs}.values())


def read_rdf_file(path: Path) -> tuple[str, list[ox.Quad]]:
    """Parse an RDF file completely: its own graph IRI, and its quads.

    Dataset formats (.nq, .trig) keep their named graphs; triples (and default-graph
    quads) go into the file's own graph. Malformed RDF is an InputError."""
    fmt = RDF_FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"not an RDF file (use one of {', '.join(sorted(RDF_FILE_FORMATS))})")
    target = ox.NamedNode(file_graph(path))
    try:
        parsed = list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(path, f"malformed RDF: {one_line(exc)}") from None
    return target.value, [q if q.graph_name != ox.DefaultGraph() else
                          ox.Quad(q.subject, q.predicate, q.object, _graph_for(q, target))
                          for q in parsed if q.predicate not in SUMMARY_PREDICATES
                          and q.predicate not in _JOURNAL_PREDICATES]


_JOURNAL_PREDICATES = frozenset(STALE.values())  # the embedded store's journal: not from files
_ENTITY_LEVEL = {ox.NamedNode(str(iri)) for iri in (RDF.type, RDFS.label, SKOS.altLabel, DCTERMS.identifier)}
_DOCUMENT_PATHS = (f"{RESOURCE_NS}doc/", f"{RESOURCE_NS}graph/")
_SHARED_PATHS = (f"{RESOURCE_NS}fact/", f"{RESOURCE_NS}figure/")


def _graph_for(quad: ox.Quad, file_graph_node: ox.NamedNode) -> ox.NamedNode:
    """Where a triple of a triple-format file goes: the entity graph when the store keeps it there
    (an entity's type and names, a shared fact's or figure's description, as an export of a
    store writes them together), else the file's own graph."""
    subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else ""
    if not subject.startswith(RESOURCE_NS) or subject.startswith(_DOCUMENT_PATHS):
        return file_graph_node
    if subject.startswith(_SHARED_PATHS):
        return file_graph_node if quad.predicate == _DERIVED else _ENTITY_GRAPH
    return _ENTITY_GRAPH if quad.predicate in _ENTITY_LEVEL else file_graph_node


# ---------------------------------------------------------------- one-transaction writes

def replace_update(graphs: list[ox.NamedNode], quads: list[ox.Quad]) -> str:
    """One SPARQL Update (one transaction) that drops ``graphs``, garbage-collects the
    entity-level triples of the entities they named that no other graph names, and inserts
    ``quads`` (which put back those of the entities the new versions still name)."""
    dropped = [sparql_term(g) for g in graphs]
    parts = [
        f"DELETE {{ GRAPH <{ENTITY_GRAPH_IRI}> {{ ?e ?p ?o }} }} WHERE {{ "
        f"VALUES ?old {{ {' '.join(dropped)} }} GRAPH ?old {{ ?e <{_DERIVED.value}> ?source }} "
        f"FILTER(isIRI(?e)) GRAPH <{ENTITY_GRAPH_IRI}> {{ ?e ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?e <{_DERIVED.value}> ?any }} "
        f"FILTER(?other NOT IN ({', '.join(dropped)})) }} }}",
        *(f"DROP SILENT GRAPH {g}" for g in dropped),
    ] if graphs else []
    if quads:
        by_graph: dict[str, list[str]] = {}
        for q in quads:
            by_graph.setdefault(sparql_term(q.graph_name), []).append(
                f"{sparql_term(q.subject)} {sparql_term(q.predicate)} {sparql_term(q.object)} .")
        parts.append("INSERT DATA { " + " ".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}"
                                                 for g, lines in by_graph.items()) + " }")
    return " ;\n".join(parts)


class BaseStore:
    """What both store kinds (embedded, remote) build on their ``query``, ``named_graphs``,
    ``count_triples`` and ``add_extraction``."""

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT_S,
              max_rows: int | None = DEFAULT_MAX_ROWS) -> QueryResult:
        raise NotImplementedError

    def named_graphs(self) -> list[str]:
        raise NotImplementedError

    def count_triples(self) -> int:
        raise NotImplementedError

    def replace_graph(self, graph: str, quads: list[ox.Quad]) -> None:
        """Replace one named graph (created if absent) by ``quads``, in one transaction."""
        self._write([ox.NamedNode(graph)], quads)

    def add_mapped(self, docs: list[MappedDocument]) -> int:
        """Load mapped documents in one transaction. A document already in the store is replaced:
        its graph is dropped, the entities only it named lose their entity-level triples
        (its new version puts back those it still names), and the new quads go in; the
        summary's counts follow in the same transaction. Returns the triple count."""
        docs = last_of_each(docs)
        self._write([doc.graph for doc in docs], batch_quads(docs), added=docs)
        return sum(len(doc) for doc in docs)

    def add_rdf_file(self, path: str | Path) -> int:
        """Load an RDF file (e.g. an earlier export, or a reference vocabulary) into the store.

        Dataset formats (.nq, .trig) keep their named graphs; a triple format goes into a
        named graph of its own, replaced when the same file is loaded again. The file is
        parsed completely before anything is written, so malformed RDF changes nothing
        (InputError naming the file and the parser's message); its documents' counts are
        recounted (a summary graph in the file is not taken). Returns the quad count."""
        target, quads = read_rdf_file(Path(path))
        self._write([ox.NamedNode(target)], quads)
        return len(quads)

    def remove_document(self, doc_id: str) -> bool:
        """Drop the graph of document ``doc_id`` (see ``graph_of_document``) and the entity-level
        triples of the entities no other document names (garbage collection), with the
        summary's counts, in one transaction; False if the store has no such document."""
        self._check_writable()
        graph = self.graph_of_document(doc_id)
        if graph is None:
            return False
        self._write([ox.NamedNode(graph)], [])
        return True

    def _write(self, graphs: list[ox.NamedNode], quads: list[ox.Quad],
               added: list[MappedDocument] | None = None) -> None:
        """Replace ``graphs`` (those the store has) by ``quads``, and the summary's counts of what
        they name. When nothing is replaced and no node needs recounting (a batch of new
        documents), one ``_extend``: the data and the new count values go in and the count quads
        they replace go out (the embedded store does it natively, see ``store.GraphStore._extend``);
        else one SPARQL Update (one transaction). ``added``: the mapped documents ``quads`` come
        from (their counts are known); otherwise the documents in ``quads`` are recounted."""
        self._check_writable()
        quads = [q for q in quads if q.graph_name != SUMMARY_GRAPH]  # counts are ours to make
        try:
            replaced = self._existing(graphs)
            plan = plan_write(self, replaced, added, quads if added is None else ())
        except QueryError as exc:  # a write that could not start
            raise StoreError(str(exc)) from None
        if not replaced and not plan.recount:
            if quads or plan.quads or plan.stale:
                self._extend(quads + plan.quads, plan.stale)
            return
        self._update([*([replace_update(replaced, quads)] if replaced or quads else []), *plan.update()])

    def _check_writable(self) -> None:
        """StoreError before a write on a store opened for reading (where the store can tell)."""

    def _existing(self, graphs: list[ox.NamedNode]) -> list[ox.NamedNode]:
        """Those of ``graphs`` the store holds."""
        if not graphs:
            return []
        held = {g for (g,) in self.query(
            f"SELECT ?g WHERE {{ VALUES ?g {{ {' '.join(sparql_term(g) for g in graphs)} }} "
            "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }", max_rows=None, timeout=None).values()}
        return [g for g in graphs if g.value in held]

    def _extend(self, quads: list[ox.Quad], stale: list[ox.Quad] = ()) -> None:
        """Add ``quads`` and take out the summary-graph count quads ``stale`` (but those ``quads``
        adds again), in one transaction: here one SPARQL Update (DELETE DATA, INSERT DATA)."""
        ops = []
        if stale:
            lines = "\n".join(f"{sparql_term(q.subject)} {sparql_term(q.predicate)} {sparql_term(q.object)} ."
                              for q in stale)
            ops.append(f"DELETE DATA {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{\n{lines}\n}} }}")
        if quads:
            ops.append(replace_update([], quads))
        self._update(ops)

    def _update(self, operations: list[str]) -> None:
        """Run SPARQL Update ``operations`` as one request, in one transaction."""
        raise NotImplementedError

    def add_extraction(self, extraction: dict[str, Any]) -> int:
        """Map one document's extraction and load it into its named graph, replacing what an
        earlier build put there (so rebuilding is idempotent). Returns the triple count."""
        return self.add_mapped([map_extraction(extraction)])

    def add_extractions(self, extractions: Iterable[dict[str, Any]]) -> int:
        """Load many documents in one batch; all are mapped before anything is written, so a
        malformed one (InputError) changes nothing. Returns the triple count."""
        return self.add_mapped([map_extraction(extraction) for extraction in extractions])

    def close(self) -> None:
        """Release the store (the embedded one is flushed first); a closed store is not used again."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def document_graphs(self) -> list[str]:
        """The named graphs that hold documents (and loaded RDF files): all but ENTITY_GRAPH, the
        summary graph and the embedded store's journal."""
        return [g for g in self.named_graphs()
                if g not in (ENTITY_GRAPH_IRI, SUMMARY_GRAPH_IRI) and not g.startswith(JOURNAL_PREFIX)]

    def graph_of_document(self, doc_id: str) -> str | None:
        """The named graph to drop to remove ``doc_id``: the document's own graph, a graph whose
        IRI ``doc_id`` is, or the graph (a merged RDF file's) in which a document with that
        ``pkg:documentId`` (as ``@documents`` lists it) is the only document. None when there is
        none; StoreError when the document shares its graph with others (a merged file)."""
        graphs = set(self.document_graphs())
        for graph in (document_graph(doc_id), doc_id):
            if graph in graphs:
                return graph
        holders = self.query(
            "SELECT ?g (COUNT(DISTINCT ?other) AS ?n) WHERE { GRAPH ?g { ?d a pkg:Document ; "
            f"pkg:documentId ?id . FILTER(STR(?id) = {sparql_string(doc_id)}) ?other a pkg:Document }} }} "
            "GROUP BY ?g", max_rows=None).values()
        for graph, count in holders:
            if graph and count == "1":
                return graph
        if holders:
            raise StoreError(f"document {doc_id!r} came in the graph <{holders[0][0]}> with "
                             f"{int(holders[0][1]) - 1} other document(s) (a merged RDF file); "
                             f"remove that whole graph with its IRI")
        return None

    def summary(self) -> dict[str, Any]:
        """Entities per type, relations per type, measures per kind, documents and triples."""
        return {
            "documents": len(self.document_graphs()),
            # entity-level triples and shared facts are stored once, in the entity graph
            "entities": self._count_by(f"SELECT ?k (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITY_GRAPH_IRI}> "
                                       "{ ?x a ?c } BIND(STRAFTER(STR(?c), STR(pkg:)) AS ?k) } GROUP BY ?k",
                                       ENTITY_TYPES),
            "relations": self._count_by(f"SELECT ?k (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITY_GRAPH_IRI}> "
                                        "{ ?f pkg:relation ?p } BIND(STRAFTER(STR(?p), STR(pkg:)) AS ?k) } GROUP BY ?k",
                                        RELATION_TYPES),
            "measures": self._count_by("SELECT ?k (COUNT(DISTINCT ?m) AS ?n) WHERE "
                                       "{ ?m pkg:kind ?k } GROUP BY ?k", MEASURE_KINDS),
            "triples": self.count_triples(),
        }

    def _count_by(self, sparql: str, keys: Iterable[str]) -> dict[str, int]:
        counts = {k: int(n) for k, n in self.query(sparql).values() if k and n is not None}
        return {k: counts.get(k, 0) for k in keys}


@runtime_checkable
class Store(Protocol):
    """What every store offers its callers (``GraphStore``, ``RemoteStore``): queries, the graphs
    it holds, writes of mapped documents, and ``close`` (also as a context manager)."""

    def query(self, sparql: str, *, timeout: float | None = ..., max_rows: int | None = ...) -> QueryResult: ...

    def named_graphs(self) -> list[str]: ...

    def count_triples(self) -> int: ...

    def add_mapped(self, docs: list[MappedDocument]) -> int: ...

    def remove_document(self, doc_id: str) -> bool: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def collect(answer: Any, max_rows: int | None) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult([], boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows_of = (tuple(solution[i] for i in range(len(variables))) for solution in answer)
    else:  # CONSTRUCT / DESCRIBE triples
        variables = ["subject", "predicate", "object"]
        rows_of = ((t.subject, t.predicate, t.object) for t in answer)
    result = QueryResult(variables)
    for row in rows_of:
        if len(result.rows) == max_rows:
            result.truncated = True
            break
        result.rows.append(tuple(None if t is None else Term.from_oxigraph(t) for t in row))
    return result


