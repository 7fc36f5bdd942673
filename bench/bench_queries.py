"""Store and queries at many documents: load rate and every shipped query's p50.

    PYTHONPATH=. python bench/bench_queries.py [--sizes 10000,100000,1000000,2000000]
        [--runs 5] [--cache /tmp/policykg-bench-extractions.json] [--rdflib-max 100000]
        [--keep-one-in 4] [--http] [--keep DIR | --existing DIR]

Extracts the 8 articles of /work/shared/corpus and the provincial work reports of
/work/shared/corpus-raw once (cached as JSON), then replicates them with per-copy document ids
(``{id}~{n}``) so that copies share their entities, as documents of a real corpus do (a copy
keeps one entity in ``--keep-one-in``, with the relations and measures among them). A size is
the number of triples the store will hold (estimated from the mapping: document quads, each
entity-level quad once, and the counts). For each size it builds an embedded store in a
temporary directory (all copies in one ``add_mapped`` batch; the load rate is mapping +
transactional load with the counts, extraction excluded) and times each shipped query as shipped
(its default page; p50 of ``--runs`` runs after one warm-up; @provenance asks for the
most-mentioned place). With ``--http`` the same queries are also timed over HTTP through
``policykg serve`` on the store (client time to the whole SPARQL JSON answer). Up to
``--rdflib-max`` triples the same quads are also queried in rdflib's in-memory Dataset (union
default graph; one timed run after a warm-up, stopped after 30 s) and the ratio is printed.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpus")
REPORTS = Path("/work/shared/corpus-raw/provincial-work-reports-2026.jsonl.gz")


def extract_corpus(cache: Path) -> list[dict]:
    """The real extractions (cached): the corpus articles and the work reports."""
    if cache.is_file():
        return json.loads(cache.read_text(encoding="utf-8"))
    from policykg.extract.document import document_from_text
    from policykg.extract.pipeline import extract_document, extract_path

    out = []
    for folder in sorted(CORPUS.iterdir()):
        article = folder / "article.txt"
        if article.is_file():
            data = extract_path(article).to_dict()
            data["document"]["id"] = folder.name
            out.append(data)
            print(f"extracted {folder.name}", file=sys.stderr)
    with gzip.open(REPORTS, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            try:
                doc = document_from_text(item["text"], id=item["id"], source=item["id"] + ".txt",
                                         title=item.get("title"), date=item.get("date"))
                out.append(extract_document(doc).to_dict())
                print(f"extracted {item['id']}", file=sys.stderr)
            except Exception as exc:  # noqa: BLE001 - a bench skips what it cannot read
                print(f"skipped {item.get('id')}: {exc}", file=sys.stderr)
    cache.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def variant(data: dict, n: int, one_in: int = 2) -> dict:
    """Copy ``n`` of an extraction: its own document id, and one in ``one_in`` of its entities
    (those a hash of (n, entity) picks; copy 0 keeps all) with the relations and measures among
    them, so copies name overlapping sets of entities as the documents of a corpus do."""
    out = copy.deepcopy(data)
    doc_id = out["document"]["id"]
    out["document"]["id"] = f"{doc_id}~{n}"
    if n:
        kept = {e["id"] for e in out["entities"] if hash((n, doc_id, e["name"])) % one_in == 0}
        out["entities"] = [e for e in out["entities"] if e["id"] in kept]
        out["relations"] = [r for r in out["relations"] if r["head"] in kept and r["tail"] in kept]
        out["measures"] = [m for m in out["measures"] if m.get("subject") in kept or m.get("subject") is None]
    return out


def corpus_of(base: list[dict], size: int, one_in: int = 2) -> list[dict]:
    """Variants of the base extractions until the store would hold about ``size`` triples."""
    from policykg.ontology.mapping import map_extraction

    docs, own, shared, keys, n = [], 0, set(), {}, 0
    while own + len(shared) + sum(keys.values()) < size:
        for data in base:
            item = variant(data, n, one_in)
            docs.append(item)
            mapped = map_extraction(item)
            own += len(mapped.quads)
            shared.update(mapped.entity_quads)
            for node, counts in mapped.keys.items():  # 2-4 counts per node
                keys[node] = 2 + bool(counts.mentions or keys.get(node, 2) > 2) + (counts.confidence is not None)
            if own + len(shared) + sum(keys.values()) >= size:
                break
        n += 1
    return docs


def p50_ms(action, runs: int) -> tuple[float, object]:
    result = action()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


RDFLIB_LIMIT_S = 30  # an rdflib query (warm-up and one timed run) is stopped after this


class TooSlow(Exception):
    pass


def _too_slow(*_: object) -> None:
    raise TooSlow


def floor_rate(n: int, tmp: Path) -> float:
    """What this machine does at best: n trivial quads made in Python and bulk-loaded on disk."""
    import pyoxigraph as ox

    start = time.perf_counter()
    p, g = ox.NamedNode("urn:p"), ox.NamedNode("urn:g")
    quads = [ox.Quad(ox.NamedNode(f"urn:s{i}"), p, ox.Literal(str(i)), g) for i in range(n)]
    store = ox.Store(str(tmp / "floor"))
    store.bulk_extend(quads)
    store.flush()
    return n / (time.perf_counter() - start)


def rdflib_path_rate(docs: list[dict]) -> float:
    """Triples/s of the former store path: an rdflib Graph, serialised to N-Triples, parsed back."""
    import pyoxigraph as ox
    from policykg.ontology.mapping import extraction_to_graph

    start, n = time.perf_counter(), 0
    for data in docs:
        text = extraction_to_graph(data).serialize(format="nt", encoding="utf-8")
        n += sum(1 for _ in ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    return n / (time.perf_counter() - start)


def rdflib_dataset(store):
    import rdflib
    from policykg.ontology.mapping import rdflib_term

    dataset = rdflib.Dataset(default_union=True)
    for quad in store.quads():
        dataset.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object),
                     rdflib_term(quad.graph_name)))
    return dataset


class Served:
    """``policykg serve`` on a store directory (2 worker processes), asked over HTTP."""

    def __init__(self, store: Path):
        import socket
        import subprocess

        import httpx

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/sparql"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "policykg", "serve", "--store", str(store), "--port", str(port),
             "--workers", "2", "--timeout", "120"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.client = httpx.Client(timeout=300)
        for _ in range(600):
            try:
                self.ask("ASK {}")
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("policykg serve did not start")

    def ask(self, sparql: str) -> bytes:
        response = self.client.post(self.url, content=sparql.encode("utf-8"), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return response.content

    def close(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait()


def time_queries(store, where: Path, names: list[str], args: argparse.Namespace) -> None:
    """Every shipped query's p50 on ``store`` (at ``where``): embedded, over HTTP with --http,
    and in rdflib up to --rdflib-max triples."""
    from policykg.graph.queries import resolve_query
    from policykg.graph.summary import SUMMARY_GRAPH_IRI

    place = store.query(f"SELECT ?n WHERE {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{ ?e pkg:mentionCount ?c }} "
                        "?e a pkg:Place ; rdfs:label ?n } ORDER BY DESC(?c) LIMIT 1").values()[0][0]
    dataset = rdflib_dataset(store) if store.count_triples() <= args.rdflib_max else None
    try:
        store.flush()  # for the server's snapshot
    except (OSError, RuntimeError):  # a store opened for reading: nothing to flush
        pass
    server = Served(where) if args.http else None
    print("| query | rows | embedded p50 ms |" + (" HTTP p50 ms |" if server else "")
          + (" rdflib p50 ms | rdflib / embedded |" if dataset else ""))
    print("|---|---|---|" + ("---|" if server else "") + ("---|---|" if dataset else ""))
    for name in names:
        sparql = resolve_query("@" + name, [place] if name == "provenance" else [])
        ms, result = p50_ms(lambda: store.query(sparql, max_rows=None, timeout=None), args.runs)
        line = f"| @{name} | {len(result)} | {ms:.1f} |"
        if server is not None:
            line += f" {p50_ms(lambda: server.ask(sparql), args.runs)[0]:.1f} |"
        if dataset is not None:
            signal.signal(signal.SIGALRM, _too_slow)
            signal.alarm(RDFLIB_LIMIT_S)  # rdflib is pure Python: the alarm stops it
            try:
                rms, rows = p50_ms(lambda: list(dataset.query(sparql)), 1)
                line += f" {rms:.1f} | {rms / ms:.1f} |"
            except TooSlow:
                line += f" > {RDFLIB_LIMIT_S} s (stopped) | > {RDFLIB_LIMIT_S * 1000 / ms:.0f} |"
            except Exception as exc:  # noqa: BLE001 - rdflib's own errors, reported
                line += f" fails ({type(exc).__name__}) | - |"
            finally:
                signal.alarm(0)
        print(line, flush=True)
    if server is not None:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000,2000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/policykg-bench-extractions.json"))
    parser.add_argument("--rdflib-max", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the largest store here and keep it")
    parser.add_argument("--keep-one-in", type=int, default=2,
                        help="a copy of a document keeps one entity in N (4 gives >= 1,000 documents at 2M)")
    parser.add_argument("--http", action="store_true", help="also time every query over HTTP (policykg serve)")
    parser.add_argument("--existing", type=Path, help="time the queries on this store (built with --keep) only")
    args = parser.parse_args()

    from policykg.graph.queries import named_queries
    from policykg.graph.store import GraphStore
    from policykg.ontology.mapping import map_extraction

    names = sorted(named_queries())
    if args.existing:
        store = GraphStore.open(args.existing)
        documents = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a pkg:Document }").values()[0][0]
        print(f"\n## {store.count_triples():,} triples stored from {documents} documents ({args.existing})")
        time_queries(store, args.existing, names, args)
        return
    base = extract_corpus(args.cache)
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        docs = corpus_of(base, size, args.keep_one_in)
        with tempfile.TemporaryDirectory() as tmp:
            where = args.keep if (args.keep and size == sizes[-1]) else Path(tmp) / "store"
            store = GraphStore.create(where)
            start = time.perf_counter()
            mapped = [map_extraction(d) for d in docs]
            mapped_s = time.perf_counter() - start
            store.add_mapped(mapped)
            store.flush()
            load_s = time.perf_counter() - start
            quads = sum(len(m) for m in mapped)
            print(f"\n## {store.count_triples():,} triples stored ({quads:,} mapped) from {len(docs)} documents")
            print(f"load: {quads / load_s:,.0f} triples/s ({load_s:.2f} s; mapping {mapped_s:.2f} s, "
                  f"bulk load {load_s - mapped_s:.2f} s)")
            print(f"floor on this machine: {floor_rate(quads, Path(tmp)):,.0f} triples/s (as many trivial "
                  f"quads made in Python and bulk-loaded, no mapping)")
            sample = docs[: max(1, len(docs) // 20)]
            old = rdflib_path_rate(sample)
            new_start = time.perf_counter()
            new_n = sum(len(map_extraction(d)) for d in sample)
            print(f"mapping of {len(sample)} documents: {new_n / (time.perf_counter() - new_start):,.0f} "
                  f"triples/s to pyoxigraph quads; the former path (rdflib graph, N-Triples text, "
                  f"parsed back) {old:,.0f} triples/s")
            time_queries(store, where, names, args)
            del store


if __name__ == "__main__":
    if sys.argv[1:2] == ["--extract-only"]:
        print(len(extract_corpus(Path(sys.argv[2]))))
    else:
        main()
