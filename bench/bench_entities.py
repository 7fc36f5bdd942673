"""Entity-extraction speed against bare spacy.blank("zh") tokenisation of the same text.

usage: python bench/bench_entities.py [ARTICLE ...]   (default: the annotated corpus articles)
Prints characters per second of both, and their ratio (the bar is >= 0.3). Lexicons and
models load once per process, before timing (a warm-up call).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from policykg.extract.document import read_document
from policykg.extract.entities import find_entities

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MIN_SECONDS = 1.0


def chars_per_second(work, texts: list[str]) -> float:
    total, reps, start = sum(map(len, texts)), 0, time.perf_counter()
    while True:
        for t in texts:
            work(t)
        reps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_SECONDS:
            return total * reps / elapsed


def main(paths: list[str]) -> None:
    paths = paths or sorted(str(p) for p in CORPUS.glob("*/article.txt"))
    documents = [read_document(p) for p in paths]
    by_text = {d.text: d for d in documents}
    blank = spacy.blank("zh")
    find_entities(documents[0])  # warm-up: loads jieba's dictionary, gazetteers, rules
    blank(documents[0].text)
    texts = list(by_text)
    tokenise = chars_per_second(blank, texts)
    extract = chars_per_second(lambda t: find_entities(by_text[t]), texts)
    print(f"documents: {len(texts)}, characters: {sum(map(len, texts))}")
    print(f"spacy.blank('zh') tokenisation: {tokenise:,.0f} chars/s")
    print(f"entity extraction:              {extract:,.0f} chars/s")
    print(f"ratio (extraction / tokenisation): {extract / tokenise:.2f}  (bar: >= 0.30)")


if __name__ == "__main__":
    main(sys.argv[1:])
