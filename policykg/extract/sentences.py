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


@dataclass(frozen=True)
class Sentence:
    start: int  # clean offsets
    end: int
    paragraph: int  # index of the block it belongs to
    kind: str = "body"  # headline | deck | heading | body | byline | caption | meta


def split_block(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Sentence spans of text[start:end], leading/trailing white space trimmed."""
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        yield from _trimmed(text, pos, m.end())
        pos = m.end()
    yield from _trimmed(text, pos, end)


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
