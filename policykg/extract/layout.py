"""Layout repair: from the text as read to clean paragraphs, with an exact offset map.

The clean text keeps every non-white-space character of the original, in order and
unchanged; repair only removes white space or keeps one white-space character ("\\n"
between blocks, a space between two Latin words).  So ``offsets[i]`` (the original index
of clean character ``i``) is strictly increasing, and for every clean span the original
slice with white space removed equals the clean slice with white space removed.

Two layouts are recognised:

- *flowing* text (web pages, word processors): every line is a paragraph;
- *broken* text (a PDF text layer): lines end where the printed column ended, numbers
  and Latin words sit on their own lines (``2015\\n\\n年\\n\\n5\\n\\n月``).  Lines are
  rejoined into paragraphs: a paragraph ends at a sentence end, before a heading-like
  short line, a bullet (■), a dash-led line, or a byline.

Blocks are classified as headline, deck, heading, body, byline, caption or meta.
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

HEADLINE, DECK, HEADING, BODY, BYLINE, CAPTION, META = (
    "headline", "deck", "heading", "body", "byline", "caption", "meta")

TERMINATORS = "。！？；…!?;"
CLOSERS = "”’」』）)》〉】〕\"'"
# A line starting with one of these continues the previous line.
CONTINUATION_START = CLOSERS + TERMINATORS + "、，,：:．.％%"
BULLETS = "■□●○◆◇▲△▼▽★☆◎"
DASHES = "—–-─━"
FLOWING_HEADING_MAX = 40  # a line of flowing text this short, not ending a sentence, is a heading

_ENDS_SENTENCE = re.compile(f"[{re.escape(TERMINATORS)}][{re.escape(CLOSERS)}]*$")
# A number, percentage or Latin token printed alone on a line (2015, 28%, GDP, 380.73).
_INLINE_TOKEN = re.compile(r"^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ%％.．,/+~～\-]{1,16}$")
_PUNCT_ONLY = re.compile(f"^[{re.escape(TERMINATORS + CLOSERS)}、，,：:]+$")
RULES_FILE = Path(__file__).resolve().parent / "rules" / "reading.json"
RULES: dict = json.loads(RULES_FILE.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


_ROLES = _alternation(RULES["byline_roles"])
_BYLINE_ROLE = re.compile(f"^{_ROLES}[|｜:：/]?$")
# [本报讯|新华社] role word(s) followed by short names: 本报记者 邓润青 实习生 刘岩鑫,
# 记者|戈振伟, 责任编辑：张亚楠, 本报讯（记者 张三）
_BYLINE = re.compile(
    f"^[{BULLETS}]?(?:{_alternation(RULES['byline_prefixes'])}"
    f"|[\u4e00-\u9fff]{{1,6}}[{''.join(RULES['byline_agency_endings'])}])?"
    f"(?:[（(]?{_ROLES}[|｜:：/]?(?:[\u4e00-\u9fff·]{{2,5}}[、，,]?)+[）)]?)+$")
_PHOTO_CREDIT = re.compile(r"^[" + BULLETS + r"].{0,30}(?:摄|摄影|供图|图)$|^[（(]?(?:图|摄影|图片)[:：/].{0,20}[)）]?$")
_META = re.compile(f"^{_alternation(RULES['meta_labels'])}[:：]")
# A list item or numbered section: （一） 一、 1． (1) 第三条 — starts a block of its own.
_ENUMERATION = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
                          r"|\d{1,2}[、．.](?!\d)|第[一二三四五六七八九十百\d]{1,4}[章节条部分篇])")
_LATIN = re.compile(r"[0-9A-Za-z]")
_WHITE = re.compile(r"\s+")


def is_byline(text: str) -> bool:
    """Role words with the short names after them, nothing else."""
    return len(text) <= 60 and bool(_BYLINE.match(_WHITE.sub("", text)))


@dataclass(frozen=True)
class Line:
    """The non-white-space extent [start, end) of one physical line of the original."""
    start: int
    end: int
    text: str  # original[start:end]
    indented: bool = False  # starts with white space (a paragraph indent)
    bare: str = ""  # text without white space
    after_blank: bool = False  # a blank line (or more) separates it from the line before

    @property
    def size(self) -> int:
        return len(self.bare)


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit of the clean text: [start, end) in clean offsets."""
    start: int
    end: int
    kind: str


@dataclass
class Layout:
    text: str
    offsets: list[int]
    blocks: list[Block]
    broken: bool  # the line structure was repaired (PDF-like input)


def physical_lines(original: str) -> list[Line]:
    lines = []
    previous_end = 0
    for m in re.finditer(r"[^\n\r]+", original):
        text = m.group()
        stripped = text.strip()
        if not stripped:
            continue
        start = m.start() + (len(text) - len(text.lstrip()))
        gap = original[previous_end:m.start()]
        blank = bool(lines) and gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2
        lines.append(Line(start, start + len(stripped), stripped, indented=text.lstrip("\f\v")[:1] in (" ", "\t", "\u3000", "\xa0"),
                          bare=_WHITE.sub("", stripped), after_blank=blank))
        previous_end = m.end()
    return lines


def is_broken(lines: list[Line]) -> bool:
    """PDF-like: numbers sit alone on lines inside sentences, or many lines of ordinary
    length stop mid-sentence (in flowing text only headings do, and they are short)."""
    split_numbers = sum(1 for a, b in zip(lines, lines[1:])
                        if _INLINE_TOKEN.match(b.text) and not _ENDS_SENTENCE.search(a.text))
    if split_numbers >= 2 and split_numbers >= 0.1 * len(lines):
        return True
    groups = _visual_lines(lines)
    if len(groups) < 4:
        return False
    typical = statistics.median(_size(g) for g in groups)
    open_full = sum(1 for g in groups
                    if _size(g) >= max(8, 0.8 * typical) and not _ENDS_SENTENCE.search(g[-1].text)
                    and not _ENUMERATION.match(g[0].bare))
    return open_full / len(groups) >= 0.25


# ---------------------------------------------------------------- broken layout

def _visual_lines(lines: list[Line]) -> list[list[Line]]:
    """Glue numbers and Latin tokens printed alone on a line to both neighbours."""
    groups: list[list[Line]] = []
    glue_next = False
    for ln in lines:
        inline = bool(_INLINE_TOKEN.match(ln.text))
        glue_prev = inline and groups and not _ENDS_SENTENCE.search(groups[-1][-1].text)
        if groups and (glue_prev or glue_next):
            groups[-1].append(ln)
        else:
            groups.append([ln])
        glue_next = inline
    return groups


def _size(group: list[Line]) -> int:
    return sum(ln.size for ln in group)


def _text(group: list[Line]) -> str:
    return "".join(ln.bare for ln in group)


def _column_width(groups: list[list[Line]]) -> float:
    """Printed line length: most lines run the full column, and the longest physical lines
    (minus a few outliers such as a boxed lead) show it."""
    sizes = sorted(ln.size for g in groups for ln in g if ln.size >= 4)
    return float(sizes[int(len(sizes) * 0.85)]) if sizes else 20.0


class _Joiner:
    """Decides whether visual line b continues the paragraph that visual line a ends."""

    def __init__(self, width: float, visual_median: float):
        self.short = 0.7 * width
        # numbers glued into visual lines make them longer than the column: allow for it
        self.overlong = 2 * max(width, visual_median)

    def is_short(self, g: list[Line]) -> bool:
        return _size(g) < self.short

    def joins(self, a: list[Line], b: list[Line], block: str) -> bool:
        """Does visual line b continue the block (text so far: block) that a ends?"""
        ta, tb = _text(a), _text(b)
        if _PUNCT_ONLY.match(tb):
            # A stray mark: it ends a sentence left open, else stands alone.
            return not (_ENDS_SENTENCE.search(ta) or ta[-1] in CLOSERS)
        if tb[0] in CONTINUATION_START:
            return True
        if ta in BULLETS:
            return True
        if is_byline(block) or _BYLINE_ROLE.match(block.lstrip(BULLETS)):
            # byline: role words and the names after them
            return bool(_BYLINE_ROLE.match(tb) or (_BYLINE_ROLE.match(ta) and len(tb) <= 4))
        if _ENDS_SENTENCE.search(ta):
            return False
        if tb[0] in BULLETS or tb[0] in DASHES or _BYLINE_ROLE.match(tb) or b[0].indented \
                or _ENUMERATION.match(tb):
            return False
        if max(ln.size for ln in a) > self.overlong:
            return False  # a one-line box (lead, summary) set wider than the column
        if ta.endswith(DASHES[0] * 2) and self.is_short(b):
            return False  # a lead ending "———" introduces the heading after it
        if self.is_short(a):
            # A short line ends a heading or paragraph; a heading may span two short lines.
            return (self.is_short(b) and ta[0] not in DASHES
                    and (ta[-1] in "，、：,:" or ta[-1] not in CLOSERS + DASHES))
        return True


def _last_word(group: list[Line]) -> str:
    return group[-1].text.split()[-1] if group[-1].text.split() else ""


def _broken_blocks(lines: list[Line]) -> tuple[list[list[Line]], list[bool]]:
    """Paragraph blocks, and whether each is made of short lines only (heading-like)."""
    groups = _visual_lines(lines)
    joiner = _Joiner(_column_width(groups), statistics.median(_size(g) for g in groups))
    alone = _alone_in_box(lines, groups)
    blocks: list[list[Line]] = []
    compact: list[bool] = []
    last: list[Line] = []  # the visual line the next one is judged against
    for i, g in enumerate(groups):
        boxed = alone[i] or (i > 0 and alone[i - 1])
        if last and (not boxed or _text(g)[0] in CONTINUATION_START) \
                and joiner.joins(last, g, _text(blocks[-1][:8])):
            blocks[-1].extend(g)
            compact[-1] = compact[-1] and joiner.is_short(g)
            # a fragment that only finishes the line (”， or 。) is part of that line
            last = last + g if _text(g)[0] in CONTINUATION_START else g
        else:
            blocks.append(list(g))
            compact.append(joiner.is_short(g))
            last = g
    return blocks, compact


def _alone_in_box(lines: list[Line], groups: list[list[Line]]) -> list[bool]:
    """Visual lines set apart by blank lines above and below, where blank lines separate
    text boxes (some lines have them, most do not): a title, a heading, a page header."""
    blanks = sum(ln.after_blank for ln in lines[1:])
    if not 0 < blanks < 0.6 * (len(lines) - 1):
        return [False] * len(groups)  # blank lines everywhere (or nowhere) say nothing
    out = []
    for i, g in enumerate(groups):
        before = i == 0 or g[0].after_blank
        after = i == len(groups) - 1 or groups[i + 1][0].after_blank
        out.append(before and after)
    return out


# ---------------------------------------------------------------- clean text

def _is_latin(ch: str) -> bool:
    return bool(_LATIN.match(ch))


def _emit_block(original: str, block: list[Line], text: list[str], offsets: list[int]) -> None:
    """Append a block's characters; keep white space only between two Latin characters."""
    for line in block:
        pending_space = -1
        for i in range(line.start, line.end):
            ch = original[i]
            if ch.isspace():
                if pending_space < 0:
                    pending_space = i
                continue
            if pending_space >= 0 and text and _is_latin(text[-1]) and _is_latin(ch) \
                    and offsets[-1] >= line.start:
                text.append(original[pending_space])
                offsets.append(pending_space)
            pending_space = -1
            text.append(ch)
            offsets.append(i)


def repair(original: str) -> Layout:
    """Clean text, offset map and classified blocks of an original text."""
    lines = physical_lines(original)
    broken = is_broken(lines)
    if broken:
        groups, compact = _broken_blocks(lines)
    else:
        groups = [[ln] for ln in lines]
        compact = [ln.size <= FLOWING_HEADING_MAX for ln in lines]
    text: list[str] = []
    offsets: list[int] = []
    spans: list[tuple[int, int]] = []
    for block in groups:
        if text:
            newline = original.find("\n", offsets[-1], block[0].start)
            if newline < 0:
                newline = original.find("\r", offsets[-1], block[0].start)
            if newline >= 0:  # always true: blocks start on a new line
                text.append(original[newline])
                offsets.append(newline)
        start = len(text)
        _emit_block(original, block, text, offsets)
        spans.append((start, len(text)))
    clean = "".join(text)
    kinds = classify([clean[s:e] for s, e in spans], compact)
    blocks = [Block(s, e, k) for (s, e), k in zip(spans, kinds)]
    return Layout(clean, offsets, blocks, broken)


# ---------------------------------------------------------------- block kinds

def classify(texts: list[str], compact: list[bool]) -> list[str]:
    """Kind of each block from its text, whether it is set in short lines (compact) and its
    position; no knowledge of any one article."""
    kinds = [_intrinsic_kind(t, c) for t, c in zip(texts, compact)]
    _mark_headline_and_deck(texts, kinds)
    # The short line just before a photo credit is the caption it credits.
    for i, t in enumerate(texts):
        if kinds[i] == CAPTION and _PHOTO_CREDIT.match(t) and i > 0 and kinds[i - 1] in (HEADING, BODY) \
                and len(texts[i - 1]) <= 40 and not _ENDS_SENTENCE.search(texts[i - 1]):
            kinds[i - 1] = CAPTION
    return kinds


def _intrinsic_kind(t: str, compact: bool) -> str:
    bare = t.lstrip(BULLETS).lstrip()
    if _META.match(bare):
        return META
    if is_byline(t):
        return BYLINE
    if _PHOTO_CREDIT.match(t):
        return CAPTION
    if _PUNCT_ONLY.match(t):
        return HEADING
    if compact and not re.search(f"[。！；…!;][{re.escape(CLOSERS)}]*$", t):
        return HEADING
    return BODY


def _mark_headline_and_deck(texts: list[str], kinds: list[str]) -> None:
    first = next((i for i, k in enumerate(kinds) if k not in (META, BYLINE) and not _PUNCT_ONLY.match(texts[i])), None)
    if first is None or len(texts[first]) > 60 or texts[first].endswith("。"):
        return
    kinds[first] = HEADLINE
    for j in range(first + 1, min(first + 3, len(texts))):
        if _PUNCT_ONLY.match(texts[j]):
            continue
        if texts[j][0] in DASHES and len(texts[j]) <= 60:
            kinds[j] = DECK
        break
