"""Document metadata from the clean text: id, title, publication date, subject city."""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

from policykg.errors import InputError
from policykg.extract import divisions, layout
from policykg.extract.layout import BODY, BYLINE, DASHES, DECK, HEADLINE, META, RULES, Block
from policykg.extract.ruledata import DATE_PLACEHOLDER

# File names that say nothing about the document: use the directory's name instead.
GENERIC_STEMS = set(RULES.generic_file_stems)

_PUBLICATION_LABELS = RULES.publication_date_labels
# A date field: its label is a word of its own (会议时间：… in a sentence is no field).
_LABELLED_DATE = re.compile(r"(?<![\u4e00-\u9fff])(" + "|".join(_PUBLICATION_LABELS + RULES.date_labels)
                            + r")\s*[:：]\s*" + layout.DATE.pattern)
_LABEL_ALONE = re.compile("(?:" + "|".join(_PUBLICATION_LABELS + RULES.date_labels) + r")\s*[:：]")
# A speech's occasion line (——2018年12月22日在…会议上): the day it was given.
_OCCASION_LINE = re.compile(RULES.occasion_line_regex.replace(DATE_PLACEHOLDER, layout.DATE.pattern))
_HEAD_BLOCKS = 6  # a dateline is printed near the top, before the body
# Ranks of a date, best first: a publication field, a dateline at the top, another date field
# (成文日期: when the text was written; 日期, 时间: labels of any date).
_PUBLISHED, _DATELINE, _OTHER_FIELD = range(3)


def document_id(path: Path) -> str:
    stem = path.stem
    if stem.lower() in GENERIC_STEMS and path.parent.name:
        return path.resolve().parent.name
    return stem


def find_date(text: str, blocks: list[Block]) -> str | None:
    """ISO date the document gives for itself: a publication field (发布日期：2022年09月14日)
    anywhere in the fields, else a dateline at the top (2022-09-14 10:25 来源：…), else
    another date field.  A date inside a sentence is never the document's."""
    candidates: list[tuple[int, int, str]] = []  # (rank, block, date)
    for i, block in enumerate(blocks):
        top = i < _HEAD_BLOCKS
        if block.kind == BODY and top and (occasion := _opens_with_occasion(text[block.start:block.end])):
            candidates.append((_DATELINE, i, _iso(occasion)))
        if block.kind == BODY or not (top or block.kind in (META, BYLINE)):
            continue
        line = unicodedata.normalize("NFKC", text[block.start:block.end])
        if i + 1 < len(blocks) and _LABEL_ALONE.fullmatch(line.strip()):  # 发布日期：\n2026-01-26 17:23
            line += unicodedata.normalize("NFKC", text[blocks[i + 1].start:blocks[i + 1].end])
        for m in _LABELLED_DATE.finditer(line):
            rank = _PUBLISHED if m.group(1) in _PUBLICATION_LABELS else _OTHER_FIELD
            candidates.append((rank, i, _iso(m)))
        if top and block.kind == META:
            candidates += [(_DATELINE, i, _iso(m)) for m in layout.standalone_dates(line)]
        occasion = _is_occasion_line(line) if top else None
        if occasion:
            candidates.append((_DATELINE, i, _iso(occasion)))
    valid = sorted(c for c in candidates if c[2])
    return valid[0][2] if valid else None


def _is_occasion_line(line: str) -> re.Match[str] | None:
    return _OCCASION_LINE.fullmatch(unicodedata.normalize("NFKC", line).strip())


def _opens_with_occasion(paragraph: str) -> re.Match[str] | None:
    """An occasion line in brackets or after a dash that the reader joined to the paragraph
    under it: （2024年1月15日在…会议上）各位代表：… (not 2024年1月15日在…会上，县长作报告)."""
    m = _OCCASION_LINE.match(unicodedata.normalize("NFKC", paragraph))
    return m if m and m.group().lstrip()[:1] in "(—-－" else None


def _iso(m: re.Match) -> str | None:
    """The ISO form of a layout.DATE match, None for a day that does not exist."""
    month, day = (m.group("m"), m.group("d")) if m.group("m") else (m.group("m2"), m.group("d2"))
    try:
        date = datetime.date(int(m.group("y")), int(month), int(day))
    except ValueError:
        return None
    return date.isoformat() if 1949 <= date.year <= 2100 else None


def find_title(text: str, blocks: list[Block]) -> str:
    """The headline, with its deck (———subtitle) joined by ——, as newspapers print it."""
    headline = next((b for b in blocks if b.kind == HEADLINE), None)
    if headline is None:
        first = next((b for b in blocks if b.kind not in (META, BYLINE)), None)
        return text[first.start:first.end][:60] if first else ""
    title = text[headline.start:headline.end]
    deck = next((b for b in blocks if b.kind == DECK), None)
    if deck is not None and not _is_occasion_line(text[deck.start:deck.end]):  # a date line is no subtitle
        title += "——" + text[deck.start:deck.end].lstrip(DASHES)
    return title


def find_city(title: str, text: str) -> divisions.Division | None:
    from policykg.extract.subject import find_subject_region  # (it reads entity word lists)

    return find_subject_region(title, text)


def city_division(name: str) -> divisions.Division | None:
    """The division a given city name means (衡阳 or 衡阳市; 衡陽 as written in Traditional):
    the highest level of those of that name."""
    found = divisions.lookup(name.strip())
    if not found:
        from policykg.extract.normalise import compat, to_simplified

        found = divisions.lookup(to_simplified(compat(name.strip())))
    return found[0] if found else None


def iso_date(value: str) -> str | None:
    """The ISO form of the first date in a field's value (2022-09-14T10:25:00+08:00,
    2022/9/14 10:25, 2022年9月14日), None when it holds no valid date."""
    m = layout.DATE.search(unicodedata.normalize("NFKC", value))
    return _iso(m) if m else None


def checked_date(value: str, source: object) -> str:
    """A date given by the user (--date, a manifest): YYYY-MM-DD, a day that exists; else
    InputError naming where it was given."""
    value = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(source, f"bad date '{value}' (expected YYYY-MM-DD)") from None
