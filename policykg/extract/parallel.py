"""Extraction of many documents at once: in worker processes on this machine, or as tasks on a
Dask distributed cluster.

A document to extract is a ``Job`` (its path and what the caller knows better than its text:
date, title, city). ``extract_jobs`` gives back one ``Outcome`` per job, in the order of the jobs,
as soon as it and every job before it are done, so a caller can load or write results while
later documents are still being extracted; only a bounded window of jobs is in flight at a time.

- ``workers=1``: in this process (no pool).
- ``workers=N``: a pool of N processes (``spawn``: a clean interpreter each, so an open store or
  the threads of the caller are never copied); each loads the rule files and the spaCy pipeline
  once, in its initializer, and then extracts document after document.
- ``scheduler="tcp://host:8786"``: each document is a task on the Dask cluster of that scheduler.
  The file's bytes travel with the task (the workers need not see the files); each worker process
  builds the pipeline once, at its first document. The workers need policykg installed (and the
  same ``POLICYKG_RULES_DIR`` contents, if one is used).

A document that fails (unreadable input, or an unexpected error in the extractor) gives an
Outcome with a one-line ``error``; the other documents go on.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError

__all__ = ["Job", "OverBudget", "Outcome", "SchedulerError", "WorkerPool", "default_workers", "extract_job", "extract_jobs"]


CONNECT_TIMEOUT = "10s"  # to reach the Dask scheduler


class SchedulerError(PolicyKGError):
    """The Dask scheduler cannot be reached, or Dask is not installed."""


@dataclass(frozen=True)
class Job:
    path: str
    given: dict[str, Any] = field(default_factory=dict)  # read_document keywords: date, title, city …
    doc_id: str | None = None  # the document's id (unique in the batch); None: the one its name gives
    data: bytes | None = None  # the file's bytes, for workers that cannot see the file
    timeout: float | None = None  # seconds the document may take (reading and extraction)


@dataclass
class Outcome:
    path: str
    extraction: dict[str, Any] | None = None
    error: str | None = None  # one line, naming the file
    chars: int = 0  # characters of the text read
    seconds: float = 0.0  # extraction time in the worker (wall clock)
    cpu: float = 0.0  # CPU time the worker spent on it
    warnings: list[str] = field(default_factory=list)  # one line each, naming the file

    @property
    def entities(self) -> int:
        return len((self.extraction or {}).get("entities") or [])

    @property
    def facts(self) -> int:
        """Relations and measures."""
        x = self.extraction or {}
        return len(x.get("relations") or []) + len(x.get("measures") or [])


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


WARM_UP_TEXT = "2022年9月14日，衡阳市经信委与比亚迪汽车工业园签约。"


@functools.cache
def load_extractor() -> None:
    """Read the rule files, build the entity pipeline and extract a sentence once (once per
    process), so that what loads at first use (word lists, dictionaries) is loaded here and
    not inside the first document's time budget, where an alarm could cut it short."""
    from policykg.extract.document import document_from_text
    from policykg.extract.entities.nlp import entity_nlp
    from policykg.extract.pipeline import extract_document
    from policykg.extract.ruledata import load_all

    load_all()
    entity_nlp()
    extract_document(document_from_text(WARM_UP_TEXT, id="warm-up"))


def extract_job(job: Job) -> Outcome:
    """Read and extract one document; never raises for the document's own failure."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        from policykg.extract.document import read_document
        from policykg.extract.pipeline import extract_document

        load_extractor()  # not part of the document's budget
        with time_budget(job.timeout, job.path), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)  # the reader's notes (bytes replaced …)
            document = read_document(Path(job.path), data=job.data, **job.given)
            if job.doc_id:
                document.id = job.doc_id
            extraction = extract_document(document).to_dict()
        notes = [_one_line(f"{job.path}: {w.message}") for w in caught if issubclass(w.category, UserWarning)]
        return Outcome(job.path, extraction, chars=len(document.original),
                       seconds=time.perf_counter() - start, cpu=time.process_time() - cpu, warnings=notes)
    except PolicyKGError as exc:
        return Outcome(job.path, error=_one_line(str(exc)), seconds=time.perf_counter() - start)
    except Exception as exc:  # a bug on one document must not stop a build of thousands
        return Outcome(job.path, error=_one_line(f"{job.path}: extraction failed: {type(exc).__name__}: {exc}"),
                       seconds=time.perf_counter() - start)


class OverBudget(PolicyKGError):
    """A document took longer than its time budget (``--timeout``)."""


@contextmanager
def time_budget(seconds: float | None, path: str) -> Iterator[None]:
    """Stop the block with OverBudget after ``seconds`` (wall clock), by SIGALRM: the handler
    raises between two bytecodes, and the regex engine and spaCy check for signals too, so a
    stage stuck on a hostile text is interrupted. Only the main thread of a process can
    receive it: in a worker process (the pool's tasks run there) and in the command's own
    process it works; elsewhere (a Dask worker's threads) the block runs without a budget."""
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise OverBudget(f"{path}: extraction stopped: over its time budget of {seconds:g} s "
                         "(--timeout SECONDS gives it more)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_jobs(jobs: Iterable[Job], workers: int = 1, scheduler: str | None = None,
                 window: int | None = None) -> Iterator[Outcome]:
    """One Outcome per job, in the order of the jobs (see the module's docstring)."""
    if scheduler:
        yield from _on_dask(jobs, scheduler, window or 64)
    elif workers <= 1:
        for job in jobs:
            yield extract_job(job)
    else:
        yield from _in_pool(jobs, workers, window or 4 * workers)


class WorkerPool:
    """``workers`` processes (``spawn``), each with the rule files and the pipeline loaded once by
    its initializer; ``extract(jobs)`` streams outcomes in job order. A context manager."""

    def __init__(self, workers: int):
        self.workers = workers
        self.executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=load_extractor)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def warm(self) -> None:
        """Wait until every worker has started and loaded the pipeline (benchmarks time the rest)."""
        for future in [self.executor.submit(time.sleep, 0.5) for _ in range(self.workers)]:
            future.result()

    def extract(self, jobs: Iterable[Job], window: int | None = None) -> Iterator[Outcome]:
        yield from _ordered(jobs, lambda job: self.executor.submit(extract_job, job),
                            window or 4 * self.workers, _lost)


def _in_pool(jobs: Iterable[Job], workers: int, window: int) -> Iterator[Outcome]:
    with WorkerPool(workers) as pool:
        yield from pool.extract(jobs, window)


def _lost(job: Job, exc: BaseException) -> Outcome:
    if isinstance(exc, BrokenProcessPool):
        reason = "a worker process stopped unexpectedly (out of memory?)"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return Outcome(job.path, error=_one_line(f"{job.path}: extraction failed: {reason}"))


def _ordered(jobs: Iterable[Job], submit: Any, window: int, lost: Any) -> Iterator[Outcome]:
    """Submit jobs keeping at most ``window`` in flight; yield their outcomes in job order."""
    pending: deque[tuple[Job, Any]] = deque()
    todo = iter(jobs)

    def refill() -> None:
        while len(pending) < window:
            job = next(todo, None)
            if job is None:
                return
            try:
                pending.append((job, submit(job)))
            except Exception as exc:  # a broken pool refuses new work
                pending.append((job, exc))

    refill()
    while pending:
        job, future = pending.popleft()
        if isinstance(future, BaseException):
            outcome = lost(job, future)
        else:
            try:
                outcome = future.result()
            except Exception as exc:
                outcome = lost(job, exc)
        refill()
        yield outcome


# ---------------------------------------------------------------- Dask

def _on_dask(jobs: Iterable[Job], scheduler: str, window: int) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs Dask distributed: pip install 'policykg[dask]'") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as exc:  # OSError (timed out), ValueError (a bad address) …
        raise SchedulerError(_one_line(f"cannot reach the Dask scheduler at {scheduler}: {exc}")) from None
    try:
        yield from _ordered((_travelling(job) for job in jobs),
                            lambda job: client.submit(extract_job, job, pure=False), window, _lost)
    finally:
        client.close()


def _travelling(job: Job) -> Job:
    """The job with the file's bytes and id, for a worker on another machine."""
    from policykg.extract import metadata
    from policykg.extract.readers import read_bytes

    path = Path(job.path)
    try:
        data = read_bytes(path)
    except PolicyKGError:
        return job  # the worker reports the file (missing, empty, too large) as it would here
    return replace(job, doc_id=job.doc_id or metadata.document_id(path), data=data)


def _one_line(message: str) -> str:
    return " ".join(message.split())
