"""The graph store: a pyoxigraph store on disk, one named graph per document.

Queries see the union of all named graphs as their default graph, so a query
without GRAPH clauses covers every document. An entity's type, label, aliases and
reference id are stored once, in the shared graph ENTITY_GRAPH_IRI
(``RES graph/entities``), however many documents name it; each document's graph
keeps ``entity prov:wasDerivedFrom document``, its mentions, assertions, measures
and the relation triples it states. Removing or replacing a document garbage-collects
the entity-level triples of the entities no document names any more (aliases that
only the removed document gave stay while other documents still name the entity). ``stores.open_store`` is the one factory:
a directory gives a ``GraphStore``, an http(s) URL a ``remote.RemoteStore``
(the same public methods over the SPARQL protocols, both on ``base.BaseStore``).

A kill (even kill -9) mid-write leaves the store as it was before or after the write, never
between: replacing or removing a document is one SPARQL Update (garbage collection of its
entities, DROP of its graph, INSERT DATA of the new version), which pyoxigraph applies in one
transaction. New documents go in natively, without SPARQL text: one ``Store.extend``
(transactional, unlike the bulk loader) of their quads, their nodes' new counts and a journal of
the count quads those replace, then one small update that deletes the journalled counts
(``GraphStore._extend``); a kill between the two leaves the journal, settled when the store is
next opened for writing (a reader opening the store in that state sees a node's old count
beside its new one until then). Input is parsed and mapped completely BEFORE that: malformed input changes
nothing, and loading a document again replaces it (rebuilding is idempotent).
``add_extractions`` loads many documents in one batch (mapped straight to pyoxigraph quads,
no rdflib).

SPARQL safety (``GraphStore.query``):
- only queries run: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE,
  ADD, MOVE, COPY) is refused with QueryError before anything is parsed, and
  pyoxigraph's query API cannot execute updates anyway;
- a malformed query gives QueryError with the parser's message on one line;
- a query runs in a worker thread (pyoxigraph releases the GIL) and is given
  up after ``timeout`` seconds (default 30) with QueryError; at most
  ``max_rows`` rows (default 10 000) are read, and the result says it was
  truncated. An abandoned query keeps its thread until it ends, but the
  caller returns and the process can exit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from policykg.errors import QueryError, StoreError
from policykg.graph.base import (  # noqa: F401 - re-exported: the names callers import from here
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_S,
    ENTITY_GRAPH_IRI,
    QUERY_PREFIXES,
    RDF_FILE_FORMATS,
    RESOURCE_NS,
    XSD_STRING,
    BaseStore,
    QueryResult,
    Row,
    Term,
    batch_quads,
    collect,
    document_graph,
    extraction_quads,
    file_graph,
    last_of_each,
    one_line,
    read_rdf_file,
    replace_update,
)
from policykg.graph.sparql_text import check_nesting, sparql_string, sparql_term, update_keyword  # noqa: F401
from policykg.graph.stores import is_store_dir, is_store_url  # noqa: F401
from policykg.graph.summary import JOURNAL_PREFIX, SUMMARY_GRAPH, journal_quads, new_journal, settle_update

DEFAULT_STORE_DIR = Path("policykg-store")


class GraphStore(BaseStore):
    """A pyoxigraph store on disk (``path``), or in memory when ``path`` is None.

    ``create=True`` makes the directory if needed; otherwise the store must
    exist (StoreError). ``read_only=True`` opens it for queries only, which
    several processes may do at once.
    """

    def __init__(self, path: str | Path | None = DEFAULT_STORE_DIR, *,
                 create: bool = False, read_only: bool = False):
        self.path = None if path is None else Path(path)
        self._store = self._open(create, read_only)

    def _open(self, create: bool, read_only: bool) -> ox.Store:
        if self.path is None:
            return ox.Store()
        if not create and not is_store_dir(self.path):
            raise StoreError(f"no graph store at {self.path} (run `policykg build` first)")
        try:
            if read_only:
                return ox.Store.read_only(str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(self.path))
            for graph in store.named_graphs():
                if graph.value.startswith(JOURNAL_PREFIX):  # a write that a kill stopped midway
                    store.update(settle_update(graph))
            return store
        except OSError as exc:
            raise StoreError(f"cannot open the graph store at {self.path}: {one_line(exc)}") from None

    @classmethod
    def create(cls, path: str | Path | None = DEFAULT_STORE_DIR) -> GraphStore:
        """Open the store for writing, creating it if it does not exist."""
        return cls(path, create=True)

    @classmethod
    def open(cls, path: str | Path = DEFAULT_STORE_DIR) -> GraphStore:
        """Open an existing store for reading (StoreError if there is none)."""
        return cls(path, read_only=True)

    # ------------------------------------------------------------ writing

    def _existing(self, graphs: list[ox.NamedNode]) -> list[ox.NamedNode]:
        return [g for g in graphs if self._store.contains_named_graph(g)]

    def _extend(self, quads: list[ox.Quad], stale: list[ox.Quad] = ()) -> None:
        """Add ``quads`` and take out the count quads ``stale`` natively: one ``Store.extend`` of
        the quads with the journal of the stale counts (those ``quads`` does not add again),
        then the journal settled (``summary.settle_update``: deletes what it lists, in one
        small update whose text holds no data). A kill between the two is settled when the
        store is next opened for writing; either way the store ends as before or after."""
        with self._writing():
            if stale:
                adding = set(quads)
                stale = [q for q in stale if q not in adding]
            if not stale:
                self._store.extend(quads)
                return
            journal = new_journal()
            self._store.extend(quads + journal_quads(stale, journal))
            self._store.update(settle_update(journal))

    def summary_quads_of(self, nodes: Iterable[ox.NamedNode]) -> list[ox.Quad]:
        """The summary graph's count quads of ``nodes`` (index lookups; ``summary.plan_write``)."""
        return [q for node in nodes for q in self._store.quads_for_pattern(node, None, None, SUMMARY_GRAPH)]

    def _update(self, operations: list[str]) -> None:
        with self._writing():
            self._store.update(" ;\n".join(operations))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except (OSError, RuntimeError, SyntaxError) as exc:  # RuntimeError: a read-only store
            raise StoreError(f"cannot write to the graph store at {self.path}: {one_line(exc)}") from None

    def backup(self, target: str | Path) -> None:
        """A copy of the store as it is now in the new directory ``target`` (hard links where
        it can: cheap), which opens as a store of its own."""
        self._store.backup(str(target))

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Flush a writable store on disk and let go of it."""
        try:
            self.flush()
        except (OSError, RuntimeError):  # a read-only store has nothing to flush
            pass
        self._store = None  # type: ignore[assignment]

    # ------------------------------------------------------------ reading

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def count_triples(self) -> int:
        """Triples summed over every document's named graph."""
        return len(self._store)

    def dump(self, fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
        """Every named graph, serialised in a dataset format (N-Quads, TriG, JSON-LD)."""
        return self._store.dump(format=fmt, prefixes=prefixes)

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT_S,
              max_rows: int | None = DEFAULT_MAX_ROWS) -> QueryResult:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over all documents.

        ``timeout`` None waits for ever, ``max_rows`` None reads every row."""
        keyword = update_keyword(sparql)
        if keyword:
            raise QueryError(f"SPARQL Update ({keyword}) is not allowed: queries only read the store")
        check_nesting(sparql)
        outcome: dict[str, Any] = {}
        worker = threading.Thread(target=self._run_query, args=(sparql, max_rows, outcome),
                                  daemon=True, name="policykg-query")
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise QueryError(f"query stopped: no answer within {timeout:g} s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

    def _run_query(self, sparql: str, max_rows: int | None, outcome: dict[str, Any]) -> None:
        try:
            answer = self._store.query(sparql, prefixes=QUERY_PREFIXES,
                                       use_default_graph_as_union=True)
            outcome["result"] = collect(answer, max_rows)
        except SyntaxError as exc:
            outcome["error"] = QueryError(f"malformed SPARQL query: {one_line(exc)}")
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            outcome["error"] = QueryError(f"query failed: {one_line(exc)}")


