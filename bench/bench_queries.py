"""Store and queries at many documents: load rate and every shipped query's p50.

    PYTHONPATH=. python bench/bench_queries.py [--sizes 10000,100000,1000000,2000000]
        [--runs 5] [--cache /tmp/policykg-bench-extractions.json] [--rdflib-max 100000]

Extracts the 8 articles of /work/shared/corpus and the provincial work reports of
/work/shared/corpus-raw once (cached as JSON), then replicates them with per-copy document ids
(``{id}~{n}``) so that copies share their entities, as documents of a real corpus do. For each
size it builds an embedded store in a temporary directory (all copies in one ``add_extractions``
batch; the load rate is mapping + bulk load, extraction excluded) and times each shipped query
(p50 of ``--runs`` runs after one warm-up; @provenance asks for the most-mentioned place). Up to
``--rdflib-max`` triples the same quads are also queried in rdflib's in-memory Dataset (union
default graph) and the ratio is printed.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
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


if __name__ == "__main__" and sys.argv[1:2] == ["--extract-only"]:
    print(len(extract_corpus(Path(sys.argv[2]))))
    sys.exit(0)
