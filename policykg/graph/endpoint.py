"""A read-only SPARQL 1.1 Protocol endpoint over the graph store (``policykg serve``).

Routes: ``/sparql`` answers GET ``?query=``, POST ``application/sparql-query`` and POST
``application/x-www-form-urlencoded`` (``query=``), in the format the Accept header asks
for (sparql_results: JSON by default, XML, CSV, TSV; N-Triples or Turtle for CONSTRUCT and
DESCRIBE). ``/`` serves the interactive graph page, rendered once and cached.

Rules, each answered with a one-line text/plain message:
- read-only: SPARQL Update in any form (``update=`` field, application/sparql-update, an
  update keyword in the query) is 403;
- no federation: a SERVICE clause is 403; in a worker process the socket() syscall for
  IPv4/IPv6 is also refused (seccomp, Linux x86-64/arm64), so pyoxigraph, which would
  otherwise send the query to the named host, cannot reach any host even if a SERVICE
  slipped past the text check;
- a time limit per query (504 when it passes) and a row cap (the answer is cut and says
  so in the ``X-PolicyKG-Truncated: true`` header); malformed query 400, nothing
  acceptable 406, body over 1 MB 413, unknown path 404;
- CORS off unless origins are given (``*`` or a list); OPTIONS answers preflights.

Time limit: pyoxigraph cannot cancel a running query, so for a store directory queries
run in worker processes (each opens a snapshot of the store read-only) and a worker that
passes the limit is killed and replaced: its CPU use stops with it. Every worker of a
generation opens the same snapshot, so all answer from one version of the store until a
reload (SIGHUP) starts the next generation. An in-memory or remote store is queried in a
thread with the store's own timeout: the caller gets its 504 on time, but an abandoned
in-memory query runs on to its end (a remote server applies its own limits).

Fairness (``Admission``): one client address runs at most ``per_client`` queries at once;
the others wait their turn, in arrival order and for a bounded time, else 503 + Retry-After.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import platform
import queue
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from policykg.errors import PolicyKGError, QueryError, StoreError
from policykg.graph import sparql_results
from policykg.graph.sparql_text import check_nesting, has_service, query_form, update_keyword
from policykg.graph.store import GraphStore
from policykg.graph.stores import is_store_dir, open_store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_WORKERS = 4
DEFAULT_PER_CLIENT = 1  # queries of one client address running at once
WAITING_PER_WORKER = 16  # requests that may wait for a worker, per worker
GENERATION_HEADER = "X-PolicyKG-Generation"
MAX_BODY_BYTES = 1_000_000
TRUNCATED_HEADER = "X-PolicyKG-Truncated"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
WORKER_START_S = 60.0

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


class Refused(Exception):
    """A request answered with an error status and a one-line message (and headers)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = " ".join(message.split())
        self.headers = headers or {}


def check_query(sparql: str) -> None:
    """Refuse (403) what the endpoint never runs: updates and federated queries."""
    keyword = update_keyword(sparql)
    if keyword:
        raise Refused(403, f"SPARQL Update ({keyword}) is not allowed: this endpoint is read-only")
    try:
        check_nesting(sparql)
    except QueryError as exc:
        raise Refused(400, str(exc)) from None
    if has_service(sparql):
        raise Refused(403, "SERVICE (federated query) is not allowed on this endpoint")


# ---------------------------------------------------------------- running one query

@dataclass(frozen=True)
class Answer:
    """What goes back to the client: a status, a body and its media type."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    rows: int = 0
    generation: int | None = None  # the store version that answered (ProcessRunner)

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, "text/plain", (" ".join(message.split()) + "\n").encode("utf-8"))


def answer_query(store: Any, sparql: str, media_type: str, *, max_rows: int,
                 timeout: float | None) -> Answer:
    """Run the query and serialise its result; errors become 400 / 500 answers."""
    try:
        result = store.query(sparql, timeout=timeout, max_rows=max_rows)
        body = sparql_results.serialize(result, media_type)
    except QueryError as exc:
        return Answer.error(400, str(exc))
    except PolicyKGError as exc:
        return Answer.error(500, str(exc))
    except (ValueError, SyntaxError) as exc:  # a result the chosen format cannot carry
        return Answer.error(500, f"cannot write the result as {media_type}: {exc}")
    return Answer(200, media_type, body, result.truncated, len(result))


class ThreadRunner:
    """Queries an in-memory or remote store in the request's thread, with the store's timeout."""

    network_blocked = False

    def __init__(self, store: Any, *, timeout: float, max_rows: int):
        self.store, self.timeout, self.max_rows = store, timeout, max_rows

    def run(self, sparql: str, media_type: str) -> Answer:
        started = time.monotonic()
        answer = answer_query(self.store, sparql, media_type, max_rows=self.max_rows, timeout=self.timeout)
        if answer.status == 400 and time.monotonic() - started >= self.timeout:
            return Answer.error(504, f"query stopped: no answer within {self.timeout:g} s")
        return answer

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- fair admission

class Admission:
    """Who runs next, so that no client can starve the others: at most ``slots`` queries run at
    once (one per worker) and at most ``per_client`` of one client (its address); the others
    wait in arrival order — a client at its limit is passed over — for at most ``wait``
    seconds. A request that finds ``max_waiting`` requests waiting (or ``max_waiting // 4`` of
    its own client), or that waits past ``wait``, is refused with 503 and Retry-After."""

    def __init__(self, slots: int, per_client: int, max_waiting: int, wait: float):
        self.slots, self.per_client, self.max_waiting, self.wait = slots, per_client, max_waiting, wait
        self._cond = threading.Condition()
        self._waiting: list[tuple[object, str]] = []  # (ticket, client), in arrival order
        self._running: dict[str, int] = {}
        self._busy = 0

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        self._enter(client)
        try:
            yield
        finally:
            with self._cond:
                self._busy -= 1
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
                self._cond.notify_all()

    def _enter(self, client: str) -> None:
        ticket = object()
        with self._cond:
            own = sum(1 for _, c in self._waiting if c == client)
            if len(self._waiting) >= self.max_waiting or own >= max(1, self.max_waiting // 4):
                raise self._busy_error("too many queries are waiting")
            self._waiting.append((ticket, client))
            deadline = time.monotonic() + self.wait
            while self._next() is not ticket:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._waiting.remove((ticket, client))
                    self._cond.notify_all()  # the next in line may be runnable now
                    raise self._busy_error(f"no query worker was free within {self.wait:g} s")
                self._cond.wait(left)
            self._waiting.remove((ticket, client))
            self._busy += 1
            self._running[client] = self._running.get(client, 0) + 1

    def _next(self) -> object | None:
        """The ticket that may run now: the first waiting one whose client is under its limit."""
        if self._busy >= self.slots:
            return None
        for ticket, client in self._waiting:
            if self._running.get(client, 0) < self.per_client:
                return ticket
        return None

    def _busy_error(self, reason: str) -> Refused:
        return Refused(503, f"the endpoint is busy: {reason}; try again later",
                       {"Retry-After": str(max(1, math.ceil(self.wait)))})


# ---------------------------------------------------------------- worker processes

_AUDIT_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}  # (arch, socket nr)


def forbid_network() -> bool:
    """Make socket(AF_INET/AF_INET6) fail with EACCES in this process, for good (seccomp).

    Applies to the calling thread and every thread it starts later; local (AF_UNIX) sockets
    and pipes still work. Returns False where this is not available."""
    arch = _AUDIT_ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    audit_arch, socket_nr = arch

    class Filter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte),
                    ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    load, jump_eq, ret = 0x20, 0x15, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_RET|K
    steps = [(load, 0, 0, 4), (jump_eq, 0, 5, audit_arch),     # another ABI: allow
             (load, 0, 0, 0), (jump_eq, 0, 3, socket_nr),      # not socket(): allow
             (load, 0, 0, 16), (jump_eq, 2, 0, 2), (jump_eq, 1, 0, 10),  # AF_INET, AF_INET6
             (ret, 0, 0, 0x7FFF0000),                          # SECCOMP_RET_ALLOW
             (ret, 0, 0, 0x00050000 | 13)]                     # SECCOMP_RET_ERRNO | EACCES
    filters = (Filter * len(steps))(*(Filter(*step) for step in steps))
    program = Program(len(steps), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(program), 0, 0) == 0


def _worker_main(conn: Connection, store_path: str, max_rows: int) -> None:
    """A worker process: open the store read-only, then answer (sparql, media type) requests."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    network_blocked = forbid_network()
    try:
        store = GraphStore.open(store_path)
    except PolicyKGError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", network_blocked))
    while True:
        try:
            sparql, media_type = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer_query(store, sparql, media_type, max_rows=max_rows, timeout=None))


class _Worker:
    def __init__(self, context: Any, store_path: Path, max_rows: int, generation: int):
        self.generation = generation
        self._killing = threading.Lock()
        self._killed = False
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, str(store_path), max_rows),
                                       name="policykg-sparql-worker", daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        """Wait for the worker to open the store; True when the network is blocked in it."""
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"a query worker did not start within {timeout:g} s")
        try:
            state, detail = self.conn.recv()
        except EOFError:
            raise StoreError("a query worker exited while opening the store") from None
        if state != "ready":
            self.kill()
            raise StoreError(detail)
        return bool(detail)

    def kill(self) -> None:
        """Stop the worker once, whichever thread asks first (a restart that failed and the
        server's close may both retire it): a second close of its pipe would hit a descriptor
        the first one freed."""
        with self._killing:
            if self._killed:
                return
            self._killed = True
        self.process.kill()
        self.process.join(5)
        try:
            self.conn.close()
        except OSError:
            pass  # a thread still polling the pipe had it closed under it: nothing left to free


def take_snapshot(store_path: Path) -> Path:
    """A frozen copy of the store as it is now (a RocksDB checkpoint: hard links on the same
    file system, so it is cheap), beside the store if that folder is writable."""
    for folder in (store_path.resolve().parent, None):
        try:
            parent = Path(tempfile.mkdtemp(prefix=".policykg-serve-", dir=folder))
        except OSError:
            continue
        try:
            with GraphStore.open(store_path) as store:
                store.backup(parent / "store")
            return parent / "store"
        except OSError as exc:
            shutil.rmtree(parent, ignore_errors=True)
            raise StoreError(f"cannot take a snapshot of the store at {store_path}: {exc}") from None
    raise StoreError(f"no folder to hold a snapshot of the store at {store_path}")


class ProcessRunner:
    """A pool of worker processes over a store directory; a worker over time is killed and replaced.

    Generations: the workers do not open the store itself but a snapshot of it (generation 1
    is taken at start-up), so a worker started later — the replacement of one killed at the
    time limit — sees the same data as the others, and answers never alternate between two
    versions of the store. ``reload()`` takes a new snapshot (generation n + 1), starts a full
    set of workers on it and then retires the old ones; every answer names its generation
    (header X-PolicyKG-Generation)."""

    def __init__(self, store_path: Path, *, timeout: float, max_rows: int, workers: int = DEFAULT_WORKERS):
        self.store_path, self.timeout, self.max_rows = store_path, timeout, max_rows
        self.workers = max(1, workers)
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._reloading = threading.Lock()
        self._closed = False
        self.generation = 0
        self._snapshots: list[Path] = []
        try:
            self.network_blocked = self._start_generation()
        except StoreError:
            self.close()
            raise

    def _start_generation(self) -> bool:
        """Snapshot the store, start a full set of workers on it and make it the current
        generation; True when the network is blocked in the workers."""
        snapshot = take_snapshot(self.store_path)
        self._snapshots.append(snapshot)
        generation = self.generation + 1
        started = [self._start(snapshot, generation) for _ in range(self.workers)]
        try:
            ready = [worker.wait_ready(WORKER_START_S) for worker in started]  # every one, no short cut
        except StoreError:
            for worker in started:
                self._retire(worker)
            raise
        self.generation = generation  # from now on, older workers are retired when met
        for worker in started:
            self._idle.put(worker)
        return all(ready)

    def reload(self) -> int:
        """Serve the store as it is now: a new generation; returns its number."""
        with self._reloading:
            self._start_generation()
        with self._lock:
            stale = [w for w in self._all if w.generation != self.generation]
        for _ in stale:  # idle ones now; busy ones are retired when they come back
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            self._back(worker)
        return self.generation

    def _start(self, snapshot: Path, generation: int) -> _Worker:
        worker = _Worker(self._context, snapshot, self.max_rows, generation)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def _back(self, worker: _Worker) -> None:
        """A worker done with a query: idle again, or retired if its generation is past."""
        if worker.generation == self.generation and not self._closed:
            self._idle.put(worker)
        else:
            self._retire(worker)

    def _replace(self, generation: int) -> None:
        def start_one() -> None:
            if generation != self.generation:
                return  # a reload started a full set meanwhile
            worker = self._start(self._snapshots[-1], generation)
            try:
                worker.wait_ready(WORKER_START_S)
            except StoreError as exc:
                self._retire(worker)
                sys.stderr.write(f"policykg serve: cannot restart a query worker: {exc}\n")
                return
            self._back(worker)
        threading.Thread(target=start_one, daemon=True, name="policykg-worker-restart").start()

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.process.pid for w in self._all if w.process.pid is not None)

    def _take(self) -> _Worker | None:
        deadline = time.monotonic() + self.timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                worker = self._idle.get(timeout=left)
            except queue.Empty:
                return None
            if worker.generation == self.generation:
                return worker
            self._retire(worker)  # of a generation past
        return None

    def run(self, sparql: str, media_type: str) -> Answer:
        worker = self._take()
        if worker is None:
            return Answer.error(503, "every query worker is busy; try again later")
        try:
            worker.conn.send((sparql, media_type))
            if worker.conn.poll(self.timeout):
                answer = replace(worker.conn.recv(), generation=worker.generation)
                self._back(worker)
                return answer
            message = f"query stopped: no answer within {self.timeout:g} s"
            status = 504
        except (EOFError, OSError):  # the worker died (e.g. out of memory)
            message, status = "the query worker stopped unexpectedly", 500
        self._retire(worker)  # kill it: its query stops using CPU now
        self._replace(worker.generation)
        return replace(Answer.error(status, message), generation=worker.generation)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        for snapshot in self._snapshots:
            shutil.rmtree(snapshot.parent, ignore_errors=True)


# ---------------------------------------------------------------- the graph page

FALLBACK_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>policykg SPARQL endpoint</title></head>
<body><h1>policykg SPARQL endpoint</h1>
<p>The graph page could not be rendered. Query the graph at <a href="/sparql">/sparql</a>
(SPARQL 1.1 Protocol: GET <code>/sparql?query=...</code> or POST).</p></body></html>
"""


def render_graph_page(store_location: str | Path | None) -> bytes:
    """The interactive graph page of the store (policykg.graph.viz), or a page linking /sparql."""
    try:
        from policykg.graph.viz import render_html

        with tempfile.TemporaryDirectory(prefix="policykg-serve-") as folder:
            page = Path(folder) / "graph.html"
            render_html(open_store(store_location), page)
            return page.read_bytes()
    except Exception as exc:  # noqa: BLE001 - any failure of the page must not stop the endpoint
        sys.stderr.write(f"policykg serve: graph page unavailable ({type(exc).__name__}: "
                         f"{' '.join(str(exc).split())[:200]}); serving a link to /sparql\n")
        return FALLBACK_PAGE.encode("utf-8")


# ---------------------------------------------------------------- HTTP

@dataclass(frozen=True)
class EndpointConfig:
    timeout: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS
    cors_origins: tuple[str, ...] = ()
    quiet: bool = False
    allowed_hosts: frozenset[str] | None = None  # Host header names answered (None: any)


def allowed_host_names(host: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The names a request's Host header may carry. Bound to loopback: the loopback names (a
    page from elsewhere whose name resolves to 127.0.0.1 — DNS rebinding — is refused); bound
    to an address: that address; plus the names given. Bound to every address (0.0.0.0, ::)
    with no names given: any (there is no one name to check)."""
    names = {name.lower().strip("[]") for name in extra}
    if is_loopback(host):
        return frozenset(names | LOOPBACK_HOSTS)
    if host in ("0.0.0.0", "::", ""):
        return frozenset(names) if names else None
    return frozenset(names | {host.lower().strip("[]")})


def host_name(header: str) -> str:
    """The name of a Host header without its port: example.org:7878 -> example.org, [::1]:80 -> ::1."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the configuration, the query runner and the cached page."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], runner: ProcessRunner | ThreadRunner,
                 config: EndpointConfig, page: Callable[[], bytes], admission: Admission):
        self.address_family = _address_family(address[0])
        self.runner, self.config, self.admission = runner, config, admission
        # connections the kernel holds until accepted: every query that may run or wait, so a
        # burst of clients is not stalled by SYN retries (the default, 5, stalled 20 clients 1 s)
        self.request_queue_size = admission.slots + admission.max_waiting
        self._render_page, self._page, self._page_lock = page, None, threading.Lock()
        super().__init__(address, SparqlHandler)

    def page(self) -> bytes:
        with self._page_lock:
            if self._page is None:
                self._page = self._render_page()
            return self._page

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.runner.close()


def _address_family(host: str) -> int:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "policykg-sparql"
    timeout = 60  # seconds a client may stay silent mid-request
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall
    _body_read = False

    # ------------------------------------------------------------ methods

    def do_GET(self) -> None:
        self._handle(self._get)

    def do_POST(self) -> None:
        self._handle(self._post)

    def do_OPTIONS(self) -> None:
        self._handle(self._options)

    def do_PUT(self) -> None:
        self._handle(self._not_allowed)

    do_DELETE = do_PATCH = do_PUT
    do_HEAD = do_GET  # _send leaves the body out

    def _handle(self, action: Callable[[str], None]) -> None:
        path = urlsplit(self.path).path
        self._body_read = False  # one handler serves every request of a kept-alive connection
        try:
            self._check_host()
            if path not in ("/", "/sparql"):
                raise Refused(404, f"no such path: {path} (the endpoint is /sparql)")
            action(path)
        except Refused as exc:
            if self.command != "GET" and not self._body_read:
                self.close_connection = True  # an unread body would be taken for the next request
            self._send(Answer.error(exc.status, exc.message), exc.headers)

    def _check_host(self) -> None:
        allowed = self.server.config.allowed_hosts
        if allowed is None:
            return
        name = host_name(self.headers.get("Host", ""))
        if name not in allowed:
            raise Refused(403, f"Host {name or '(none)'!r} is not a name of this endpoint "
                               "(give it with --allowed-host to serve it)")

    def _get(self, path: str) -> None:
        if path == "/":
            self._send(Answer(200, "text/html", self.server.page()))
            return
        self._query(_parameters(urlsplit(self.path).query))

    def _post(self, path: str) -> None:
        if path == "/":
            raise Refused(405, "POST queries to /sparql")
        media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media_type == UPDATE_TYPE:
            raise Refused(403, "SPARQL Update is not allowed: this endpoint is read-only")
        if media_type not in (QUERY_TYPE, FORM_TYPE):
            raise Refused(415, f"POST a query as {QUERY_TYPE} or {FORM_TYPE}")
        body = self._read_body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the request body is not UTF-8") from None
        url_parameters = _parameters(urlsplit(self.path).query)
        if media_type == QUERY_TYPE:
            self._query({**url_parameters, "query": [text]})
        else:
            self._query({**url_parameters, **_parameters(text)})

    def _options(self, path: str) -> None:
        headers = {"Allow": "GET, POST, OPTIONS"}
        if self._cors_headers():
            headers.update({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                            "Access-Control-Allow-Headers": "Accept, Content-Type",
                            "Access-Control-Max-Age": "600"})
        self._send(Answer(204, "text/plain", b""), headers)

    def _not_allowed(self, path: str) -> None:
        self.close_connection = True
        self._send(Answer.error(405, f"{self.command} is not allowed: the endpoint is read-only"),
                   {"Allow": "GET, POST, OPTIONS"})

    # ------------------------------------------------------------ the query

    def _query(self, parameters: dict[str, list[str]]) -> None:
        if "update" in parameters:
            raise Refused(403, "SPARQL Update is not allowed: this endpoint is read-only")
        if "default-graph-uri" in parameters or "named-graph-uri" in parameters:
            raise Refused(400, "default-graph-uri and named-graph-uri are not supported: "
                               "the default graph is the union of every document's graph")
        queries = parameters.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise Refused(400, "give exactly one non-empty query parameter")
        sparql = queries[0]
        check_query(sparql)
        media_type = sparql_results.negotiate(
            self.headers.get("Accept"), graph=query_form(sparql) in ("construct", "describe"))
        if media_type is None:
            raise Refused(406, "no acceptable result format; offered: "
                               + ", ".join(sparql_results.TABLE_TYPES + sparql_results.GRAPH_TYPES))
        with self.server.admission.slot(self.client_address[0]):
            answer = self.server.runner.run(sparql, media_type)
        headers = {TRUNCATED_HEADER: "true"} if answer.truncated else {}
        if answer.generation is not None:
            headers[GENERATION_HEADER] = str(answer.generation)
        self._send(answer, headers)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise Refused(411, "send the request body with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, "a Content-Length header is required") from None
        if length > MAX_BODY_BYTES or length < 0:
            raise Refused(413, f"request body over {MAX_BODY_BYTES} bytes")
        self._body_read = True
        return self.rfile.read(length)

    # ------------------------------------------------------------ the response

    def _cors_headers(self) -> dict[str, str]:
        allowed = self.server.config.cors_origins
        origin = self.headers.get("Origin")
        if not allowed or origin is None:
            return {}
        if "*" in allowed:
            value = "*"
        elif origin in allowed:
            value = origin
        else:
            return {}
        headers = {"Access-Control-Allow-Origin": value,
                   "Access-Control-Expose-Headers": f"{TRUNCATED_HEADER}, {GENERATION_HEADER}"}
        if value != "*":
            headers["Vary"] = "Origin"
        return headers

    def _send(self, answer: Answer, extra: dict[str, str] | None = None) -> None:
        self.send_response(answer.status)
        if answer.status != 204:
            self.send_header("Content-Type", sparql_results.content_type(answer.media_type))
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for name, value in {**self._cors_headers(), **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.config.quiet:
            super().log_message(format, *args)


def _parameters(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "the parameters are not valid UTF-8 form data") from None


# ---------------------------------------------------------------- making and running the server

def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def make_server(store_location: str | Path | None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                *, timeout: float = DEFAULT_TIMEOUT_S, max_rows: int = DEFAULT_MAX_ROWS,
                cors_origins: Iterable[str] = (), workers: int = DEFAULT_WORKERS,
                per_client: int = DEFAULT_PER_CLIENT, queue_wait: float | None = None,
                quiet: bool = False, allowed_hosts: Iterable[str] = ()) -> SparqlServer:
    """A bound server (port 0 picks a free one); run ``serve_forever()``, then ``shutdown()``
    and ``server_close()`` (which also stops the query workers). Workers are started with
    multiprocessing's spawn method, so a script calling this needs ``if __name__ == "__main__":``.
    ``per_client`` queries of one client address run at once; a query waits for a worker at
    most ``queue_wait`` seconds (default: the time limit) before a 503."""
    if timeout <= 0 or max_rows <= 0 or workers <= 0 or per_client <= 0:
        raise QueryError("the time limit, the row cap, the workers and the per-client limit must be positive")
    runner: ProcessRunner | ThreadRunner
    if store_location is not None and is_store_dir(store_location):
        runner = ProcessRunner(Path(store_location), timeout=timeout, max_rows=max_rows, workers=workers)
    else:
        runner = ThreadRunner(open_store(store_location), timeout=timeout, max_rows=max_rows)
    config = EndpointConfig(timeout, max_rows, tuple(cors_origins), quiet, allowed_host_names(host, allowed_hosts))
    admission = Admission(workers, per_client, WAITING_PER_WORKER * workers,
                          timeout if queue_wait is None else queue_wait)
    try:
        return SparqlServer((host, port), runner, config, lambda: render_graph_page(store_location), admission)
    except OSError as exc:
        runner.close()
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def startup_lines(url: str, host: str, network_blocked: bool, timeout: float, max_rows: int) -> list[str]:
    """What ``serve`` says when it starts: where, the limits, and warnings."""
    lines = []
    if not is_loopback(host):
        lines.append(f"warning: listening on {host}: anyone who can reach this machine can query the graph")
    if host in ("0.0.0.0", "::"):
        lines.append("note: bound to every address; give --allowed-host NAME to refuse other Host headers")
    if not network_blocked:
        lines.append("note: no network sandbox for queries here; SERVICE is refused by the query check only")
    page = url.removesuffix("sparql")
    lines.append(f"SPARQL endpoint at {url} (graph page at {page}); limits {timeout:g} s, "
                 f"{max_rows} rows; Ctrl-C stops")
    return lines


def serve(store_location: str | Path | None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          timeout: float = DEFAULT_TIMEOUT_S, max_rows: int = DEFAULT_MAX_ROWS,
          cors_origins: Iterable[str] = (), allowed_hosts: Iterable[str] = (),
          workers: int = DEFAULT_WORKERS, per_client: int = DEFAULT_PER_CLIENT,
          say: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); ``say`` receives the start-up lines (default: stderr).
    SIGHUP makes the workers of a store directory serve the store as it is now (a new generation)."""
    say = say or (lambda line: sys.stderr.write(line + "\n"))
    server = make_server(store_location, host, port, timeout=timeout, max_rows=max_rows,
                         cors_origins=cors_origins, allowed_hosts=allowed_hosts, workers=workers,
                         per_client=per_client)
    for line in startup_lines(server.url, host, server.runner.network_blocked, timeout, max_rows):
        say(line)
    if isinstance(server.runner, ProcessRunner) and hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, lambda *_: _reload_in_background(server.runner, say))
    signal.signal(signal.SIGTERM, _stop)  # as Ctrl-C: the workers stop and the snapshot goes
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def _reload_in_background(runner: ProcessRunner, say: Callable[[str], None]) -> None:
    def reload() -> None:
        try:
            say(f"reloaded the store: generation {runner.reload()}")
        except PolicyKGError as exc:
            say(f"error: reload failed, still serving generation {runner.generation}: {exc}")
    threading.Thread(target=reload, daemon=True, name="policykg-reload").start()
