"""Time building into an embedded store: the sample and each shipped query on it, or a build of
many real documents in batches.

    python bench/bench_store.py [PATH] [-n RUNS]
    PYTHONPATH=. python bench/bench_store.py --build CACHE.json [--news 1000] [--docs N]
        [--batch 64] [--one-in 2] [--store DIR]

The first form prints the extraction and load times, the triple count, then the median time and
row count of every shipped query (@provenance is asked for the document's city).

``--build``: extractions of news items of the xwlb corpus (``--news`` random non-empty items,
extracted once and cached in CACHE.json), or of any JSON list of extractions already there, are
mapped (timed apart), then loaded into a new on-disk store with ``add_mapped`` in batches of
``--batch`` documents, as ``policykg build`` does. ``--docs`` more than the cache holds replicates
it with per-copy ids (``bench_queries.variant``: a copy keeps one entity in ``--one-in``), so the
store can be grown past the cache. Prints the load rate (triples/s: triples the batch's documents
hold / time of its ``add_mapped``) of the first and the last batches and of each tenth of the
build, the whole load, and this machine's floor at that moment (the same number of trivial quads
bulk-loaded); ``--raw`` then writes the same batches' quads (no counts) by plain
``Store.extend`` into a fresh store, for comparison. Run with PYTHONHASHSEED=0: the copies' entities are picked by ``hash``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

NEWS = Path("/work/shared/corpus-raw/xwlb-cctv-2012-2026.jsonl.gz")


def _median_ms(action, runs: int) -> tuple[float, object]:
    result, times = None, []
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def news_extractions(cache: Path, count: int, seed: int = 13) -> list[dict]:
    """``count`` random non-empty news items, extracted (cached in ``cache``)."""
    if cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    from policykg.extract.document import document_from_text
    from policykg.extract.pipeline import extract_document

    with gzip.open(NEWS, "rt", encoding="utf-8") as handle:
        items = [item for item in map(json.loads, handle) if item.get("text", "").strip()]
    out = []
    for item in random.Random(seed).sample(items, count):
        try:
            doc = document_from_text(item["text"], id=item["id"], source=item["id"] + ".txt",
                                     title=item.get("title"), date=item.get("date"))
            out.append(extract_document(doc).to_dict())
        except Exception as exc:  # noqa: BLE001 - a bench skips what it cannot read
            print(f"skipped {item.get('id')}: {exc}", file=sys.stderr)
    cache.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def build(args: argparse.Namespace) -> None:
    from bench_queries import floor_rate, variant

    from policykg.graph.store import GraphStore
    from policykg.ontology.mapping import map_extraction

    base = news_extractions(args.build, args.news)
    wanted = args.docs or len(base)
    extractions = [variant(base[i % len(base)], i // len(base), args.one_in) if i >= len(base) else base[i]
                   for i in range(wanted)]
    start = time.perf_counter()
    mapped = [map_extraction(data) for data in extractions]
    map_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        where = args.store or Path(tmp) / "store"
        store = GraphStore.create(where)
        rates, load_s, triples = [], 0.0, 0
        for i in range(0, len(mapped), args.batch):
            batch = mapped[i:i + args.batch]
            start = time.perf_counter()
            n = store.add_mapped(batch)
            spent = time.perf_counter() - start
            load_s, triples = load_s + spent, triples + n
            rates.append((i + len(batch), n, spent))
        start = time.perf_counter()
        store.close()
        close_s = time.perf_counter() - start
        total = GraphStore.open(where).count_triples()
        floor = floor_rate(max(triples, 1), Path(tmp))
    print(f"{len(mapped)} documents ({len(base)} extracted), mapping {map_s:.1f} s "
          f"({triples / map_s:,.0f} triples/s); {total:,} triples stored, in {len(rates)} batches of {args.batch}")
    shown = rates if len(rates) <= 2 * args.show else rates[:args.show] + [None] + rates[-args.show:]
    for row in shown:
        if row is None:
            print("  ...")
            continue
        docs, n, spent = row
        print(f"  batch ending at doc {docs:6d}: {n:7,d} triples in {spent * 1000:7.1f} ms = {n / spent:9,.0f} triples/s")
    head, tail = rates[:args.show], rates[-args.show:]
    rate = lambda rows: sum(r[1] for r in rows) / sum(r[2] for r in rows)  # noqa: E731
    tenths = [rates[len(rates) * k // 10:len(rates) * (k + 1) // 10] for k in range(10)]
    print("each tenth of the build (triples/s):", " ".join(f"{rate(rows) / 1000:.0f}k" for rows in tenths if rows))
    print(f"first {len(head)} batches {rate(head):,.0f} triples/s, last {len(tail)} {rate(tail):,.0f} triples/s; "
          f"whole load {triples / load_s:,.0f} triples/s ({load_s:.1f} s, close {close_s:.1f} s); "
          f"floor {floor:,.0f} triples/s")
    if args.raw:
        raw_build(mapped, args)


def raw_build(mapped: list, args: argparse.Namespace) -> None:
    """The same batches' quads (without counts) written by plain ``Store.extend`` into a fresh
    on-disk pyoxigraph store: what one transaction per batch costs at each depth by itself."""
    import pyoxigraph as ox

    from policykg.graph.base import batch_quads

    with tempfile.TemporaryDirectory() as tmp:
        store = ox.Store(str(Path(tmp) / "raw"))
        rates = []
        for i in range(0, len(mapped), args.batch):
            quads = batch_quads(mapped[i:i + args.batch])
            start = time.perf_counter()
            store.extend(quads)
            rates.append((len(quads), time.perf_counter() - start))
        store.flush()
    rate = lambda rows: sum(r[0] for r in rows) / sum(r[1] for r in rows)  # noqa: E731
    tenths = [rates[len(rates) * k // 10:len(rates) * (k + 1) // 10] for k in range(10)]
    print("plain Store.extend of the same batches, each tenth (triples/s):",
          " ".join(f"{rate(rows) / 1000:.0f}k" for rows in tenths if rows), f"; whole {rate(rates):,.0f} triples/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("-n", "--runs", type=int, default=10)
    parser.add_argument("--build", type=Path, help="JSON cache of extractions: build a store from them")
    parser.add_argument("--news", type=int, default=1000, help="news items to extract when the cache is absent")
    parser.add_argument("--docs", type=int, default=0, help="documents to build (replicated past the cache)")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--one-in", type=int, default=2)
    parser.add_argument("--show", type=int, default=3, help="batches shown at the start and at the end")
    parser.add_argument("--store", type=Path, help="build here (a new directory) instead of a temporary one")
    parser.add_argument("--raw", action="store_true",
                        help="then write the same batches' quads by plain Store.extend (no counts), for comparison")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if args.build:
        build(args)
        return

    from policykg.extract.pipeline import extract_path
    from policykg.graph.queries import named_queries, resolve_query
    from policykg.graph.store import GraphStore
    from policykg.samples import sample_path

    path = args.path or sample_path()
    extract_ms, extraction = _median_ms(lambda: extract_path(path).to_dict(), 1)
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore.create(Path(tmp) / "store")
        load_ms, _ = _median_ms(lambda: store.add_extraction(extraction), args.runs)
        print(f"extract {extract_ms:.0f} ms (first run, with start-up); load {load_ms:.1f} ms "
              f"(median of {args.runs} rebuilds); {store.count_triples()} triples")
        city = extraction["document"].get("city") or ""
        for name in sorted(named_queries()):
            sparql = resolve_query("@" + name, [city] if name == "provenance" else [])
            store.query(sparql, max_rows=None)  # warm
            ms, result = _median_ms(lambda: store.query(sparql, max_rows=None), args.runs)
            print(f"@{name:<12} {ms:7.1f} ms  {len(result):5d} rows")


if __name__ == "__main__":
    main()
