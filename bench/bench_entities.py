"""Entity-extraction speed against bare spacy.blank("zh") tokenisation of the same text.

usage: python bench/bench_entities.py [ARTICLE ...]   (default: the annotated corpus articles)
Prints characters per second of both, and their ratio (the bar is >= 0.3). Lexicons and
models load once per process, before timing (a warm-up call). The two are timed in
alternating rounds and the best round of each counts (as timeit does), so that load from
other processes on the machine does not tilt the ratio.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from policykg.extract.document import read_document
from policykg.extract.entities import find_entities

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ROUNDS, REPEATS = 7, 10


def seconds(work, texts: list[str]) -> float:
    """Time of REPEATS passes of work over texts."""
    start = time.perf_counter()
    for _ in range(REPEATS):
        for t in texts:
            work(t)
    return time.perf_counter() - start


def main(paths: list[str]) -> None:
    paths = paths or sorted(str(p) for p in CORPUS.glob("*/article.txt"))
    documents = [read_document(p) for p in paths]
    by_text = {d.text: d for d in documents}
    blank = spacy.blank("zh")
    find_entities(documents[0])  # warm-up: loads jieba's dictionary, gazetteers, rules
    blank(documents[0].text)
    texts = list(by_text)
    chars = sum(map(len, texts)) * REPEATS
    tok_best = ext_best = float("inf")
    for _ in range(ROUNDS):
        tok_best = min(tok_best, seconds(blank, texts))
        ext_best = min(ext_best, seconds(lambda t: find_entities(by_text[t]), texts))
    tokenise, extract = chars / tok_best, chars / ext_best
    print(f"documents: {len(texts)}, characters: {sum(map(len, texts))}")
    print(f"spacy.blank('zh') tokenisation: {tokenise:,.0f} chars/s")
    print(f"entity extraction:              {extract:,.0f} chars/s")
    print(f"ratio (extraction / tokenisation): {extract / tokenise:.2f}  (bar: >= 0.30)")


if __name__ == "__main__":
    main(sys.argv[1:])
