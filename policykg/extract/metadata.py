"""Document metadata from the clean text: id, title, publication date, subject city."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from policykg.extract import divisions
from policykg.extract.layout import BYLINE, DASHES, DECK, HEADLINE, META, RULES, Block

# File names that say nothing about the document: use the directory's name instead.
GENERIC_STEMS = set(RULES["generic_file_stems"])

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_LABELLED_DATE = re.compile("(?:" + "|".join(RULES["date_labels"]) + r")\s*[:：]\s*" + _DATE)
# A short line at the top that starts with a full date: "2022-04-12 10:35 来源：…",
# "（2011年3月29日）".  A body sentence opening with a date goes on with "，" instead.
_DATE_LINE = re.compile(r"^[（(]?" + _DATE + r"日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?[)）]?(?:\s|$)")
_DATE_LINE_MAX = 60
_HEAD_BLOCKS = 6  # a publication date is stated near the top, before the body


def document_id(path: Path) -> str:
    stem = path.stem
    if stem.lower() in GENERIC_STEMS and path.parent.name:
        return path.resolve().parent.name
    return stem


def find_date(text: str, blocks: list[Block]) -> str | None:
    """ISO date the text gives for itself (发布时间：2011-03-29, or a date line at the top)."""
    head = [text[b.start:b.end] for b in blocks[:_HEAD_BLOCKS]]
    head += [text[b.start:b.end] for b in blocks[_HEAD_BLOCKS:] if b.kind in (META, BYLINE)]
    for line in head:
        line = unicodedata.normalize("NFKC", line)
        m = _LABELLED_DATE.search(line) or (len(line) <= _DATE_LINE_MAX and _DATE_LINE.match(line.strip()))
        if m and _valid(*m.groups()):
            year, month, day = (int(g) for g in m.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _valid(year: str, month: str, day: str) -> bool:
    return 1949 <= int(year) <= 2100 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31


def find_title(text: str, blocks: list[Block]) -> str:
    """The headline, with its deck (———subtitle) joined by ——, as newspapers print it."""
    headline = next((b for b in blocks if b.kind == HEADLINE), None)
    if headline is None:
        first = next((b for b in blocks if b.kind not in (META, BYLINE)), None)
        return text[first.start:first.end][:60] if first else ""
    title = text[headline.start:headline.end]
    deck = next((b for b in blocks if b.kind == DECK), None)
    if deck is not None:
        title += "——" + text[deck.start:deck.end].lstrip(DASHES)
    return title


def find_city(title: str, text: str) -> divisions.Division | None:
    return divisions.find_subject_city(title, text)
