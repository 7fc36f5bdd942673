"""A graph store on a SPARQL server, with the public methods of ``GraphStore``.

Reads use the SPARQL 1.1 Protocol (POST ``application/sparql-query``; SELECT/ASK
answers in SPARQL JSON, CONSTRUCT/DESCRIBE in N-Triples, parsed into the same
``QueryResult``). Each write is ONE SPARQL 1.1 Update request (the one the embedded store
runs: entity garbage collection, DROP of the replaced graphs, INSERT DATA), which a server
applies as one transaction, so a kill of either side leaves the old or the new versions;
graphs are read back with the Graph Store HTTP Protocol (GET ``?graph=IRI``).

Store URL forms (``--store``):

- ``http(s)://HOST:PORT[/PREFIX]`` — an Oxigraph server (``oxigraph serve``):
  ``PREFIX/query``, ``PREFIX/update`` and ``PREFIX/store``.
- ``fuseki+http(s)://HOST:3030/DATASET`` — Apache Jena Fuseki: ``DATASET/query``,
  ``DATASET/update`` and ``DATASET/data``.
- ``graphdb+http(s)://HOST:7200/repositories/REPO`` — GraphDB / RDF4J: ``REPO``,
  ``REPO/statements`` and ``REPO/rdf-graphs/service``.
- any other server: ``RemoteStore(url, query_url=..., update_url=..., store_url=..., query_params=...)``.

Our queries expect the default graph to be the UNION of the named graphs. Oxigraph
is asked so per query (``union-default-graph``); RDF4J/GraphDB already query every
graph by default; for Fuseki the layout names Jena's union graph as the default graph
(``default-graph-uri=urn:x-arq:UnionGraph``, TDB/TDB2 datasets; or configure the
dataset with ``tdb2:unionDefaultGraph true``); Virtuoso needs its graph CRUD endpoint
as ``store_url`` and a union default graph set up on the server. Only the Oxigraph
layout is tested here (against the real server).

Every network failure (refused, timeout, HTTP 4xx/5xx) is a StoreError (writes) or a
QueryError (queries) with one bounded line, including the server's message. SPARQL
Update is refused client-side, exactly as by the embedded store.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pyoxigraph as ox

from policykg.errors import PolicyKGError, QueryError, StoreError
from policykg.graph.sparql_text import update_keyword
from policykg.graph.base import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_S,
    QUERY_PREFIXES,
    BaseStore,
    QueryResult,
    collect,
    one_line,
)

MAX_MESSAGE = 300  # characters of a server's error message kept in ours
N_TRIPLES = "application/n-triples"
QUERY_ACCEPT = f"application/sparql-results+json, application/sparql-results+xml;q=0.9, {N_TRIPLES};q=0.8"


@dataclass(frozen=True)
class Layout:
    """Where a kind of server keeps its endpoints, relative to the store URL."""

    query: str
    store: str
    update: str
    query_params: dict[str, str] = field(default_factory=dict)  # makes the default graph the union


LAYOUTS = {
    "oxigraph": Layout("query", "store", "update", {"union-default-graph": ""}),
    "fuseki": Layout("query", "data", "update", {"default-graph-uri": "urn:x-arq:UnionGraph"}),
    "graphdb": Layout("", "rdf-graphs/service", "statements"),
}
_URL = re.compile(r"^(?:(?P<layout>\w+)\+)?(?P<base>https?://.+)$", re.IGNORECASE)


def parse_store_url(url: str) -> tuple[Layout, str]:
    """The layout and base URL of a store URL (``http://...`` = Oxigraph, ``fuseki+http://...``)."""
    match = _URL.match(url.strip())
    if not match:
        raise StoreError(f"not a SPARQL server URL: {url!r} (use http://HOST:PORT or LAYOUT+http://...)")
    name = (match.group("layout") or "oxigraph").lower()
    if name not in LAYOUTS:
        raise StoreError(f"unknown server layout {name!r} in {url!r}; known: {', '.join(LAYOUTS)}")
    return LAYOUTS[name], match.group("base").rstrip("/")


def _join(base: str, path: str) -> str:
    return f"{base}/{path}" if path else base


def _checked_url(url: str) -> str:
    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise StoreError(f"not a valid URL: {url!r} ({_bounded(exc)})") from None
    return url


class RemoteStore(BaseStore):
    """The graph store on a SPARQL server at ``url``; ``read_only`` refuses writes client-side.

    ``query_url``, ``store_url``, ``update_url`` and ``query_params`` override what the URL's
    layout gives."""

    def __init__(self, url: str, *, read_only: bool = False, query_url: str | None = None,
                 store_url: str | None = None, query_params: dict[str, str] | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT_S, update_url: str | None = None):
        layout, base = parse_store_url(url)
        self.url = base
        self.query_url = _checked_url(query_url or _join(base, layout.query))
        self.store_url = _checked_url(store_url or _join(base, layout.store))
        self.update_url = _checked_url(update_url or _join(base, layout.update))
        self.query_params = layout.query_params if query_params is None else query_params
        self.read_only = read_only
        self.timeout = timeout
        self._client = httpx.Client(timeout=timeout, follow_redirects=True)

    def close(self) -> None:
        self._client.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # ------------------------------------------------------------ writing

    def _update(self, operations: list[str]) -> None:
        """One SPARQL Update request, which the server applies as one transaction: a kill or a
        lost connection leaves the old or the new versions."""
        self._request(StoreError, "POST", self.update_url, content=" ;\n".join(operations).encode("utf-8"),
                      headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"cannot write to the graph store at {self.url}: opened for reading")

    def flush(self) -> None:
        """Nothing to do: the server commits every request."""

    # ------------------------------------------------------------ reading

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT_S,
              max_rows: int | None = DEFAULT_MAX_ROWS) -> QueryResult:
        """Run a read-only query on the server; ``timeout`` is the client's (None: wait for ever)."""
        keyword = update_keyword(sparql)
        if keyword:
            raise QueryError(f"SPARQL Update ({keyword}) is not allowed: queries only read the store")
        request = self._client.build_request(
            "POST", self.query_url, params=self.query_params, content=with_prefixes(sparql).encode("utf-8"),
            headers={"Content-Type": "application/sparql-query", "Accept": QUERY_ACCEPT},
            timeout=timeout)
        with self._streaming(QueryError, request) as response:
            return collect(_parse_answer(response), max_rows)

    def named_graphs(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", max_rows=None)  # no scan of the quads
        return sorted(g for (g,) in result.values() if g is not None)

    def count_triples(self) -> int:
        """Triples summed over every named graph (quads, as the embedded store counts them)."""
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.values()[0][0] or 0)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, read graph by graph (GSP GET), so any Graph Store server can answer."""
        for graph in self.named_graphs():
            yield from self._graph_quads(ox.NamedNode(graph))

    def _graph_quads(self, name: ox.NamedNode) -> Iterator[ox.Quad]:
        request = self._client.build_request("GET", self.store_url, params={"graph": name.value},
                                             headers={"Accept": N_TRIPLES})
        with self._streaming(StoreError, request) as response:
            for triple in ox.parse(_reader(response), format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, name)

    def dump(self, fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
        """Every named graph, serialised in a dataset format (N-Quads, TriG, JSON-LD)."""
        dataset = ox.Store()
        dataset.bulk_extend(self.quads())
        return dataset.dump(format=fmt, prefixes=prefixes)

    # ------------------------------------------------------------ HTTP

    def _request(self, error: type[PolicyKGError], method: str, url: str, *,
                 allow: tuple[int, ...] = (), **kwargs: Any) -> httpx.Response:
        request = self._client.build_request(method, url, **kwargs)
        with self._streaming(error, request, allow=allow) as response:
            response.read()
            return response

    @contextmanager
    def _streaming(self, error: type[PolicyKGError], request: httpx.Request, *,
                   allow: tuple[int, ...] = ()) -> Iterator[httpx.Response]:
        """Send ``request``; every failure becomes ``error`` with one bounded line."""
        what = f"{request.method} {request.url.copy_with(query=None, userinfo=b'')}"  # no password in messages
        try:
            response = self._client.send(request, stream=True)
            try:
                if response.status_code >= 400 and response.status_code not in allow:
                    response.read()
                    raise error(f"the SPARQL server refused {what}: HTTP {response.status_code} "
                                f"{_bounded(response.text) or response.reason_phrase}")
                yield response
            finally:
                response.close()
        except httpx.TimeoutException:
            seconds = request.extensions.get("timeout", {}).get("read")
            raise error(f"no answer within {seconds} s from the SPARQL server ({what})") from None
        except httpx.HTTPError as exc:
            raise error(f"cannot reach the SPARQL server ({what}): {_bounded(exc) or type(exc).__name__}") from None
        except (SyntaxError, ValueError) as exc:  # a body that is not what it claims to be
            raise error(f"unreadable answer from the SPARQL server ({what}): {_bounded(exc)}") from None


def with_prefixes(sparql: str) -> str:
    """The query with a PREFIX declaration for each of our prefixes it uses but does not declare
    (the embedded store passes them to its parser; a server needs them in the text)."""
    declared = set(re.findall(r"PREFIX\s+([\w.-]*):", sparql, re.IGNORECASE))
    missing = [f"PREFIX {p}: <{iri}> " for p, iri in QUERY_PREFIXES.items()
               if p not in declared and re.search(rf"(?<![\w.-]){re.escape(p)}:", sparql)]
    return "".join([*missing, sparql])  # on the first line, so the server's line numbers stay ours


def _parse_answer(response: httpx.Response) -> Any:
    """Solutions, a boolean, or triples, by the media type of the answer."""
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    if results_format is not None:
        return ox.parse_query_results(_reader(response), format=results_format)
    rdf_format = ox.RdfFormat.from_media_type(media_type)
    if rdf_format is not None:
        return ox.parse(_reader(response), format=rdf_format)
    raise QueryError(f"the SPARQL server answered in an unknown format {media_type!r}")


class _ResponseBody(io.RawIOBase):
    """A streamed HTTP body as a file, so the parser reads only the rows it is asked for."""

    def __init__(self, response: httpx.Response):
        self._chunks = response.iter_bytes()
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _reader(response: httpx.Response) -> io.BufferedReader:
    return io.BufferedReader(_ResponseBody(response))


def _bounded(message: object) -> str:
    text = one_line(str(message))
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"
