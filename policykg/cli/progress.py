"""Progress of a batch on stderr: documents extracted (and loaded) out of the total, entities,
facts, rate and ETA.

On a terminal: rich bars, one for extraction and, for ``build``, one for loading into the store.
Without a terminal (piped, a log file, CI): a plain line every ``POLICYKG_PROGRESS_SECONDS``
seconds (default 5, from a timer: a long run is never silent, even while the workers start or a
batch is written); a run shorter than that prints only its final line.
"""

from __future__ import annotations

import os
import threading
import time
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

DEFAULT_INTERVAL_S = 5.0


def _interval() -> float:
    try:
        return max(0.1, float(os.environ.get("POLICYKG_PROGRESS_SECONDS", DEFAULT_INTERVAL_S)))
    except ValueError:
        return DEFAULT_INTERVAL_S


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class BatchProgress:
    """Counts of a batch; ``extracted``/``failed``/``loaded`` as documents pass, used as a
    context manager around the batch."""

    def __init__(self, console: Console, total: int, *, loading: bool = False, verb: str = "extracting",
                 starting: str = ""):
        self.console = console
        self.total = total
        self.loading = loading
        self.verb = verb
        self.done = self.failed_count = self.loaded_count = self.load_failed_count = 0
        self.entities = self.facts = self.chars = 0
        self.start = time.monotonic()
        self.load_seconds = 0.0
        self.interval = _interval()
        self.bar: Progress | None = None
        self.ticker: threading.Thread | None = None
        self.starting = starting  # what is going on before the first document is done
        self.writing_count = 0  # documents being written to the store now

    # ------------------------------------------------------------ context

    def __enter__(self) -> BatchProgress:
        self.start = time.monotonic()
        if self.console.is_terminal and self.total > 0:
            self.bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[stats]}"), console=self.console, transient=True)
            self.extract_task = self.bar.add_task(self.verb, total=self.total, stats=self.starting)
            if self.loading:
                self.load_task = self.bar.add_task("loading", total=self.total, stats="")
            self.bar.start()
        elif self.total > 0:  # no terminal: a line every few seconds, whatever happens
            self.stop = threading.Event()
            self.ticker = threading.Thread(target=self._tick, name="policykg-progress", daemon=True)
            self.ticker.start()
        return self

    def _tick(self) -> None:
        while not self.stop.wait(self.interval):
            self.console.print(self.line(), highlight=False, markup=False, soft_wrap=True)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        if self.ticker is not None:
            self.stop.set()
            self.ticker.join()
            self.ticker = None

    # ------------------------------------------------------------ events

    def extracted(self, outcome: Any) -> None:
        """One more document extracted (or failed: ``outcome.error``)."""
        self.done += 1
        if outcome.error:
            self.failed_count += 1
        else:
            self.entities += outcome.entities
            self.facts += outcome.facts
            self.chars += outcome.chars
        self._update()

    def writing(self, count: int) -> None:
        """About to write ``count`` documents to the store (a long write shows as such)."""
        self.writing_count = count
        self._update()

    def loaded(self, count: int, failed: int = 0, seconds: float = 0.0) -> None:
        """``count`` more documents are in the store, ``failed`` more could not be loaded."""
        self.writing_count = 0
        self.loaded_count += count
        self.load_failed_count += failed
        self.load_seconds += seconds
        self._update()

    # ------------------------------------------------------------ display

    def rate(self) -> float:
        elapsed = time.monotonic() - self.start
        return self.done / elapsed if elapsed > 0 else 0.0

    def stats(self) -> str:
        if self.done == 0 and self.starting:
            return self.starting
        parts = [f"{self.entities:,} entities", f"{self.facts:,} facts", f"{self.rate():.2f} doc/s"]
        if self.done < self.total and self.rate() > 0:
            parts.append(f"ETA {duration(self._extract_eta())}")
        if self.failed_count:
            parts.append(f"{self.failed_count} failed")
        return " · ".join(parts)

    def line(self) -> str:
        pct = 100 * self.done / self.total if self.total else 100
        text = f"{self.verb} {self.done}/{self.total} documents ({pct:.0f}%) · {self.stats()}"
        if self.loading:
            text += f" · loading: {self.load_stats()}"
        return text

    def load_stats(self) -> str:
        parts = [f"{self.loaded_count} in the store"]
        if self.loaded_count and self.load_seconds:
            rate = self.loaded_count / self.load_seconds
            left = self.total - self.failed_count - self.loaded_count - self.load_failed_count
            parts.append(f"{rate:.2f} doc/s writing")
            if left > 0:
                parts.append(f"ETA {duration(max(left / rate, self._extract_eta()))}")
        if self.load_failed_count:
            parts.append(f"{self.load_failed_count} failed")
        if self.writing_count:
            parts.append(f"writing {self.writing_count} …")
        return " · ".join(parts)

    def _extract_eta(self) -> float:
        rate, left = self.rate(), self.total - self.done
        return left / rate if rate > 0 and left > 0 else 0.0

    def _update(self) -> None:
        if self.bar is not None:
            self.bar.update(self.extract_task, completed=self.done, stats=self.stats())
            if self.loading:
                settled = self.loaded_count + self.load_failed_count + self.failed_count
                self.bar.update(self.load_task, completed=settled, stats=self.load_stats())

    def final(self) -> str:
        """One line for the end of the batch: counts, time, rates."""
        elapsed = time.monotonic() - self.start
        ok = self.done - self.failed_count
        text = (f"extracted {ok} of {self.total} document(s) in {duration(elapsed)} "
                f"({self.done / elapsed if elapsed else 0:.2f} doc/s, "
                f"{self.chars / elapsed if elapsed else 0:,.0f} characters/s; "
                f"{self.entities:,} entities, {self.facts:,} facts)")
        if self.loading:
            text += f"; loaded {self.loaded_count} into the store ({duration(self.load_seconds)} writing)"
        return text
