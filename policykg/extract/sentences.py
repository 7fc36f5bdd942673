"""Chinese sentence segmentation over the blocks of the clean text.

A sentence ends after a run of 。！？；… (or ASCII !?;), and the closing quotes or brackets
right after it belong to the sentence they end (…抢占先机。” stays whole).  A block
(paragraph, heading, caption …) never shares a sentence with another block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from policykg.extract.layout import CLOSERS, Block

_SENTENCE_END = re.compile(f"[。！？；…!?;]+[{re.escape(CLOSERS)}]*")

# A sentence is cut when it runs past MAX_SENTENCE characters (a flattened table, a scanned
# page without punctuation) at the last clause mark of its second half, else at the limit; and
# a run of more than MAX_RUN characters without any mark is cut at MAX_RUN. Real prose stays
# far below both (provincial work reports: 99.9% of sentences under 410 characters, no run
# without a mark over 60), and every later stage then costs time linear in the text.
MAX_SENTENCE = 600
MAX_RUN = 120
_MARK = "，、：；。！？,:;!?\\s“”‘’\"'（）()《》【】"
_CLAUSE_MARK = re.compile(r"[，、：,:\s]")
_LONG_RUN = re.compile(f"[^{_MARK}]{{{MAX_RUN + 1}}}")


@dataclass(frozen=True)
class Sentence:
    start: int  # clean offsets
    end: int
    paragraph: int  # index of the block it belongs to
    kind: str = "body"  # headline | deck | heading | body | byline | caption | meta


def split_block(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Sentence spans of text[start:end], leading/trailing white space trimmed, none longer
    than MAX_SENTENCE."""
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        for a, b in capped(text, pos, m.end()):
            yield from _trimmed(text, a, b)
        pos = m.end()
    for a, b in capped(text, pos, end):
        yield from _trimmed(text, a, b)


def capped(text: str, start: int, end: int, limit: int = MAX_SENTENCE) -> Iterable[tuple[int, int]]:
    """[start, end) cut into pieces of at most ``limit`` characters (each ending after a clause
    mark of its second half where there is one) with no run of over MAX_RUN unmarked characters."""
    while start < end:
        cut = min(end, start + limit)
        run = _LONG_RUN.search(text, start, cut)
        if run is not None:
            cut = run.start() + MAX_RUN
        elif cut < end:
            marks = [m.end() for m in _CLAUSE_MARK.finditer(text, start + limit // 2, cut)]
            cut = marks[-1] if marks else cut
        yield start, cut
        start = cut


def _trimmed(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def segment(text: str, blocks: list[Block]) -> list[Sentence]:
    return [Sentence(s, e, i, block.kind)
            for i, block in enumerate(blocks)
            for s, e in split_block(text, block.start, block.end)]
