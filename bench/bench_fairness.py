"""The endpoint with two runaway clients: how fast is a third, normal client answered?

    PYTHONPATH=. python bench/bench_fairness.py [--seconds 15]

Serves the sample article from a store directory (time limit 3 s) and, for each setting of
workers and per-client limit, lets two clients (127.0.0.2 and 127.0.0.3) send a three-way
cross join three at a time while a third (127.0.0.9) sends a short query after another; prints
the third client's count, errors and p50/p95 latency. Loopback only, bounded in time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "robustness"))

from test_endpoint_load import RUNAWAY, SHORT, ask, running  # noqa: E402

from policykg.extract.pipeline import extract_path  # noqa: E402
from policykg.graph.endpoint import make_server  # noqa: E402
from policykg.graph.store import GraphStore  # noqa: E402
from policykg.samples import sample_path  # noqa: E402


def trial(store: Path, workers: int, per_client: int, seconds: float) -> str:
    serving = running(make_server(store, "127.0.0.1", 0, timeout=3, workers=workers,
                                  per_client=per_client, quiet=True))
    server = next(serving)
    stop = time.monotonic() + seconds

    def run_away(source: str) -> None:
        while time.monotonic() < stop:
            ask(server, RUNAWAY, source)

    attackers = [threading.Thread(target=run_away, args=(f"127.0.0.{n}",), daemon=True)
                 for n in (2, 3) for _ in range(3)]
    for thread in attackers:
        thread.start()
    time.sleep(0.5)
    latencies, errors = [], 0
    while time.monotonic() < stop - 1:
        started = time.monotonic()
        errors += ask(server, SHORT, "127.0.0.9").status_code != 200
        latencies.append(time.monotonic() - started)
    for thread in attackers:
        thread.join(15)
    next(serving, None)
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
    return (f"workers={workers} per-client={per_client}: {len(latencies)} normal queries, {errors} errors, "
            f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        with GraphStore.create(store) as graph:
            graph.add_extraction(extract_path(sample_path()).to_dict())
        for workers, per_client in ((4, 1), (4, 4), (2, 2)):  # the default, no limit, the former default
            print(trial(store, workers, per_client, args.seconds), flush=True)


if __name__ == "__main__":
    main()
