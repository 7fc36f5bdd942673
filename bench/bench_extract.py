"""Whole-extraction speed, stage by stage, against bare spacy.blank("zh") tokenisation of the same text.

usage: python bench/bench_extract.py [--set reports|xwlb|all] [--rounds N] [--items N]

Sets (from ../shared/corpus-raw, field ``text``, written as .txt files into a temporary folder):
``reports``, the 29 provincial government work reports of 2026; ``xwlb``, the first --items
(5,000) items of the 新闻联播 transcripts. Stages, each timed over every document of the set:
reading (read_document), entities, context (subject, years, periods, mention index: built once
and shared by relations and measures), relations, measures, JSON (to_dict and the text of
json.dumps with indent=2 as ``policykg extract`` writes it, with policykg.jsontext). Characters
are those of the input texts. Extraction and tokenisation are timed in alternating rounds and the best round of each stage counts (as
timeit does), so that load from other processes on the machine tilts the ratios less.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import spacy

from policykg import jsontext
from policykg.extract.context import build_context
from policykg.extract.document import read_document
from policykg.extract.entities import find_entities
from policykg.extract.measures import find_measures
from policykg.extract.model import Extraction
from policykg.extract.normalise import script_aliases
from policykg.extract.relations import find_relations


def _raw() -> Path:
    """../shared/corpus-raw beside the repository or any folder above it (a worktree's too)."""
    for parent in Path(__file__).resolve().parents[1:]:
        if (parent / "shared" / "corpus-raw").is_dir():
            return parent / "shared" / "corpus-raw"
    raise SystemExit("no shared/corpus-raw folder beside the repository")


SETS = {"reports": "provincial-work-reports-2026.jsonl.gz", "xwlb": "xwlb-cctv-2012-2026.jsonl.gz"}
STAGES = ("reading", "entities", "context", "relations", "measures", "json")


def texts_of(name: str, items: int | None) -> list[str]:
    """The texts of a set (its first ``items``; None: all)."""
    with gzip.open(_raw() / SETS[name], "rt", encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines)
        return [row["text"] for row in itertools.islice(rows, items) if row["text"].strip()]


def extraction_round(paths: list[Path]) -> dict[str, float]:
    """Seconds per stage over all documents."""
    spent: dict[str, float] = defaultdict(float)
    for path in paths:
        t0 = time.perf_counter()
        document = read_document(path)
        t1 = time.perf_counter()
        entities = find_entities(document)
        t2 = time.perf_counter()
        context = build_context(document, entities)
        t3 = time.perf_counter()
        relations = find_relations(document, entities, context)
        t4 = time.perf_counter()
        measures = find_measures(document, entities, context)
        t5 = time.perf_counter()
        script_aliases(document, entities)
        jsontext.dumps(Extraction(document, entities, relations, measures).to_dict())  # as the CLI writes it
        t6 = time.perf_counter()
        for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            spent[stage] += seconds
    return spent


def tokenise_round(blank, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        blank(text)
    return time.perf_counter() - start


def bench(name: str, texts: list[str], rounds: int) -> None:
    blank = spacy.blank("zh")
    chars = sum(map(len, texts))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            paths.append(Path(folder) / f"{i:05d}.txt")
            paths[-1].write_text(text, encoding="utf-8")
        extraction_round(paths[:3])  # warm-up: jieba's dictionary, gazetteers, rules
        blank(texts[0])
        tokenise = float("inf")
        best: dict[str, float] = {s: float("inf") for s in STAGES}
        total = float("inf")
        for _ in range(rounds):
            tokenise = min(tokenise, tokenise_round(blank, texts))
            spent = extraction_round(paths)
            total = min(total, sum(spent.values()))
            best = {s: min(best[s], spent[s]) for s in STAGES}
    token_speed = chars / tokenise
    print(f"\n{name}: {len(texts)} documents, {chars:,} characters, best of {rounds} rounds")
    print(f"{'stage':<22}{'chars/s':>14}{'ratio':>9}")
    print(f"{'spacy.blank(zh)':<22}{token_speed:>14,.0f}{1:>9.3f}")
    for stage in STAGES:
        speed = chars / best[stage]
        print(f"{stage:<22}{speed:>14,.0f}{speed / token_speed:>9.3f}")
    print(f"{'whole extraction':<22}{chars / total:>14,.0f}{chars / total / token_speed:>9.3f}")
    print(f"{'relations + measures':<22}{chars / (best['relations'] + best['measures']):>14,.0f}"
          f"{chars / (best['relations'] + best['measures']) / token_speed:>9.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--items", type=int, default=5000, help="items of the xwlb set")
    args = parser.parse_args()
    for name in SETS if args.set == "all" else [args.set]:
        bench(name, texts_of(name, args.items if name == "xwlb" else None), args.rounds)


if __name__ == "__main__":
    main()
