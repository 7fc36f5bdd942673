"""Layout repair: from the text as read to clean paragraphs, with an exact offset map.

The clean text keeps every non-white-space character of the original, in order and
unchanged; repair only removes white space or keeps one white-space character ("\\n"
between blocks, a space between two Latin words, and in bylines and captions the space that
separates two names: 记者 张三 李四, 园区一角 王五 摄).  So ``offsets[i]`` (the original index
of clean character ``i``) is strictly increasing, and for every clean span the original
slice with white space removed equals the clean slice with white space removed.

Two layouts are recognised:

- *flowing* text (web pages, word processors): every line is a paragraph;
- *broken* text (a PDF text layer): lines end where the printed column ended, numbers
  and Latin words sit on their own lines (``2015\\n\\n年\\n\\n5\\n\\n月``).  Lines are
  rejoined into paragraphs: a paragraph ends at a sentence end, before a heading-like
  short line, a bullet (■), a dash-led line, or a byline.

Blocks are classified as headline, deck, heading, body, byline, caption or meta (a field
such as 来源：…, or a dateline 2022年09月14日 10:25 来源：…).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from policykg.extract.ruledata import Reading, reading

HEADLINE, DECK, HEADING, BODY, BYLINE, CAPTION, META = (
    "headline", "deck", "heading", "body", "byline", "caption", "meta")

TERMINATORS = "。！？；…!?;"
CLOSERS = "”’」』）)》〉】〕\"'"
# A line starting with one of these continues the previous line.
CONTINUATION_START = CLOSERS + TERMINATORS + "、，,：:．.％%"
# …就印发 / 了《…》: a particle that ends a verb or a modifier opens no sentence (了解 does).
_PARTICLE_START = re.compile(r"^(?:了(?!解)|的)")
BULLETS = "■□●○◆◇▲△▼▽★☆◎"
DASHES = "—–-─━"
FLOWING_HEADING_MAX = 40  # a line of flowing text this short, not ending a sentence, is a heading
_TOP_BLOCKS = 4  # headline, kicker, deck, byline or dateline: what comes before the body

_ENDS_SENTENCE = re.compile(f"[{re.escape(TERMINATORS)}][{re.escape(CLOSERS)}]*$")
# A number, percentage or Latin token printed alone on a line (2015, 28%, GDP, 380.73).
_INLINE_TOKEN = re.compile(r"^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ%％.．,/+~～\-]{1,16}$")
_PUNCT_ONLY = re.compile(f"^[{re.escape(TERMINATORS + CLOSERS)}、，,：:]+$")
_TERMINATOR_RUN = re.compile(f"[{re.escape(TERMINATORS)}]+")
_ENDS_STATEMENT = re.compile(f"[。！；…!;][{re.escape(CLOSERS)}]*$")
RULES: Reading = reading()


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


_ROLES = _alternation(RULES.byline_roles)
_BYLINE_ROLE = re.compile(f"^{_ROLES}[|｜:：/]?$")
# A personal name: two to four characters, or a transcribed one with its dot (阿卜杜拉·买买提).
_PERSON = r"(?:[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,10}|[\u4e00-\u9fff]{2,4})"
# [本报讯|新华社|X日报全媒体] role word(s), each followed by one to three names:
# 本报记者 邓润青 实习生 刘岩鑫, 记者|戈振伟, 责任编辑：张亚楠, 本报讯（记者 张三）
_BYLINE = re.compile(
    f"^[{BULLETS}]?(?:{_alternation(RULES.byline_prefixes)}"
    f"|[\u4e00-\u9fff]{{1,8}}{_alternation(RULES.byline_agency_endings)})?"
    f"(?:[（(]?{_alternation(RULES.byline_role_modifiers)}?{_ROLES}[|｜:：/]?"
    f"(?:{_PERSON}、?){{1,3}}[）)]?)+$")
_CREDIT_WORD = _alternation(RULES.photo_credit_words)
# A photo credit, on text with its separators: ■园区一角 王五 摄, 园区一角 王五 摄, （王五 摄）,
# 图/王五.  Without a mark or a space before the name, "…拍摄" is only a word of a sentence.
_PHOTO_CREDIT = re.compile(
    f"^[{BULLETS}].{{0,30}}(?:{_CREDIT_WORD}|图)$"
    f"|^(?:.{{0,30}}[^\\s{re.escape(TERMINATORS + CLOSERS)}、，,：:])?\\s+{_PERSON}\\s*{_CREDIT_WORD}$"
    f"|^{_PERSON}\\s+{_CREDIT_WORD}$"
    f"|^[（(]{_PERSON}\\s*{_CREDIT_WORD}[)）]$"
    r"|^[（(]?(?:图|摄影|图片)[:：/].{0,20}[)）]?$")
_META = re.compile(f"^[【\\[（(]?{_alternation(RULES.meta_labels)}\\s*[:：]")
# A site's breadcrumb trail (首页 > 政务公开 > 工作动态): navigation, not the headline.
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|位置)?[:：]?\s*(?:首页|主页|网站首页)\s*[>＞»/›]"
                         r"|^(?:您?当前(?:所在)?位置|您的位置|您现在的位置|所在位置)[:：]?\s*$")
# One step of a breadcrumb trail set one per line (首页 / > / 政务公开 / > …).
_TRAIL_MARK = re.compile(r"^\s*[>＞»›/]\s*$")
# A caption: 图为… (up to its bracketed credit), or any short text ending in a bracketed credit.
_CAPTION_OPENER = re.compile(f"^{_alternation(RULES.caption_openers)}[:：]?")
CAPTION_MAX = 120
# A parenthesised byline or credit inside a paragraph: 本报讯（记者 张三 李四）…, …（王五 摄）
_BRACKETED = re.compile(r"[（(]([^（()）\n]{2,40})[)）]")
# A byline opening a paragraph without brackets: 本报讯 记者 张三 李四 9月13日，… (on text with
# its separators: each name is followed by white space).
_LEADING_BYLINE = re.compile(
    f"^[{BULLETS}]?(?:{_alternation(RULES.byline_prefixes)}|[\u4e00-\u9fff\\d]{{1,12}}[讯电])?\\s*"
    f"(?:{_alternation(RULES.byline_role_modifiers)}?{_ROLES}[|｜:：/]?\\s*"
    f"(?:(?:{_PERSON}|[\u4e00-\u9fff]\\s[\u4e00-\u9fff])\\s+){{1,3}})+")
# A list item or numbered section: （一） 一、 1． (1) 第三条 — starts a block of its own.
_ENUMERATION = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
                          r"|\d{1,2}[、．.](?!\d)|第[一二三四五六七八九十百\d]{1,4}[章节条部分篇])")
_LATIN = re.compile(r"[0-9A-Za-z]")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WHITE = re.compile(r"\s+")


def is_byline(text: str) -> bool:
    """Role words with the short names after them, nothing else."""
    return len(text) <= 60 and bool(_BYLINE.match(_WHITE.sub("", text)))


def is_photo_credit(text: str) -> bool:
    """A caption's credit line, judged on text with its separators (spaces) kept."""
    return len(text) <= 40 and bool(_PHOTO_CREDIT.match(text.strip()))


def is_caption(text: str) -> bool:
    """A photo credit, 图为… , or a short text ending in a bracketed credit (…一角。（王五 摄））."""
    text = text.strip()
    if is_photo_credit(text):
        return True
    if len(text) > CAPTION_MAX:
        return False
    last = list(_BRACKETED.finditer(text))
    credited = bool(last) and last[-1].end() == len(text) and is_photo_credit(last[-1].group(0))
    one_sentence = len(_TERMINATOR_RUN.findall(text)) <= 1
    return credited or bool(_CAPTION_OPENER.match(text) and one_sentence)


# ---------------------------------------------------------------- datelines

# 2022-09-14, 2022/9/14, 2022.09.14 (one separator throughout), 2022年9月14日
DATE = re.compile(r"(?<!\d)(?P<y>\d{4})\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"
                  r"|(?P<sep>[-/.])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})(?!\d))")
_CLOCK = r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
# What may follow a date (and time) on a dateline: nothing, a separator, a bracket or a field.
_AFTER_DATE = re.compile(_CLOCK + r"\s*[)）\]】]?\s*(?:$|[\s|｜丨/·•【\[（(]|"
                         + _alternation(RULES.meta_labels) + r"\s*[:：])")
_DATELINE_START = re.compile(r"^[\s【\[（(]*")
DATELINE_MAX = 100
# Marks of a sentence that NFKC keeps in the set below (，→, ；→; ！→! ？→? 。 stays) and that no
# date match holds: a text with one is no dateline, whatever its normalisation ('.' is left out:
# 2022.09.14 holds it).
_SENTENCE_MARK = re.compile("[,;!?，。；！？]")


def standalone_dates(text: str) -> list[re.Match]:
    """Dates of text (NFKC-normalised) that stand as a field value, not inside a sentence:
    followed by a time, the end, a separator or another field (2022年9月14日，… is not one)."""
    return [m for m in DATE.finditer(text) if _AFTER_DATE.match(text, m.end())]


def is_dated_field(text: str) -> bool:
    """A short field line that holds a date: 发布时间：2022-09-14, 来源：… 2022年9月14日."""
    text = unicodedata.normalize("NFKC", text).strip()
    return len(text) <= DATELINE_MAX and bool(_META.match(text)) and bool(standalone_dates(text))


def is_dateline(text: str) -> bool:
    """A short line opening with a date: 2022年09月14日 10:25 来源：…, （2011年3月29日）."""
    if _SENTENCE_MARK.search(text):
        return False  # (the test below, before the cost of NFKC: a date holds none of these marks)
    text = unicodedata.normalize("NFKC", text).strip()
    if len(text) > DATELINE_MAX or re.search("[,.;!?，。；！？]", DATE.sub("", text)):
        return False  # a sentence that opens with a date: 2022年9月14日 上午，市政府…
    start = _DATELINE_START.match(text).end()
    return any(m.start() == start for m in standalone_dates(text))


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
    """Glue numbers and Latin tokens printed alone on a line to both neighbours: the
    fragments of one printed line.  A number does not join a line that cannot share a
    printed line with it: a byline, a photo credit, a deck over a body that opens with a
    number (2021年…)."""
    inline = [bool(_INLINE_TOKEN.match(ln.text)) for ln in lines]
    # the full printed widths (as printed, in characters): only a deck under the headline
    # needs them, so they are measured when first asked for
    fulls = cache(lambda: [_printed_width(lines, m) for m in _MEASURES])
    groups: list[list[Line]] = []
    for i, ln in enumerate(lines):
        glue_next = i > 0 and inline[i - 1] and bool(groups)
        glue_prev = inline[i] and bool(groups) and not _ENDS_SENTENCE.search(groups[-1][-1].text) \
            and _takes(groups[-1], lines[i:_chain_end(lines, inline, i)], fulls, len(groups) <= _TOP_BLOCKS)
        if glue_prev or glue_next:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _takes(group: list[Line], chain: list[Line], fulls: Callable[[], list[float]], at_top: bool) -> bool:
    """Does the visual line group take the number fragments of chain (2021, 年…)?"""
    if _text(group)[-1] in "，、：,:":
        return True  # a line left open
    if _stands_alone(group) or (at_top and (_bare_byline(group) or _opens_with_date(chain))):
        return False
    if _is_field(group) and re.search("[，。；]", _text(chain)):
        return False  # a field line (来源：…) and a sentence after it
    if len(group) > 1:
        return True  # fragments of printed lines already: where they break is unknown
    if at_top and _text(group)[0] in DASHES:
        # a deck under the headline: only a number of its own (——写在…2022年…之际)
        return any(measure(group + chain) <= 1.1 * full for full, measure in zip(fulls(), _MEASURES))
    return True


def _opens_with_date(chain: list[Line]) -> bool:
    """Do number fragments open a dateline (2022 | 年 | 9 | 月 | 14 | 日 10:25 来源：…)?"""
    text = unicodedata.normalize("NFKC", _spaced(chain))
    return any(m.start() == 0 for m in standalone_dates(text))


def _chain_end(lines: list[Line], inline: list[bool], i: int) -> int:
    """End of the fragments glued from line i on (a number, the line after it, …)."""
    j = i
    while j < len(lines) and inline[j]:
        j += 1
        if j < len(lines) and not inline[j]:
            j += 1  # the line after a number is glued to it
            if j < len(lines) and inline[j] and _ENDS_SENTENCE.search(lines[j - 1].text):
                break
    return j


def _width(group: list[Line]) -> float:
    """Printed width in CJK characters: digits and Latin letters take half a character."""
    return sum(1 if ord(ch) > 0x2000 else 0.5 for ln in group for ch in ln.bare)


def _printed_width(lines: list[Line], measure) -> float:
    """Width of a full printed line: many lines run the full column, and the longest
    physical lines (minus a few outliers such as a boxed lead) show it."""
    widths = sorted(measure([ln]) for ln in lines if ln.size >= 4)
    return widths[int(len(widths) * 0.85)] if widths else 20.0


def _size(group: list[Line]) -> int:
    return sum(ln.size for ln in group)


# Widths of text: as printed (digits half a CJK character), or one per character (a text
# layer whose lines were cut at a fixed number of characters).
_MEASURES = (_width, _size)


def _text(group: list[Line]) -> str:
    return "".join(ln.bare for ln in group)


class _Joiner:
    """Decides whether visual line b continues the paragraph that visual line a ends."""

    def __init__(self, width: float, visual_median: float):
        self.short = 0.7 * width
        # numbers glued into visual lines make them longer than the column: allow for it
        self.overlong = 2 * max(width, visual_median)

    def is_short(self, g: list[Line]) -> bool:
        return _size(g) < self.short

    def joins(self, a: list[Line], b: list[Line], block: str, at_top: bool = False) -> bool:
        """Does visual line b continue the block (text so far: block) that a ends?
        at_top: no body yet above (headline, deck, byline, dateline)."""
        ta, tb = _text(a), _text(b)
        deck = at_top and block[0] in DASHES
        if _PUNCT_ONLY.match(tb):
            # A stray mark: it ends a sentence left open, else stands alone.
            return not (_ENDS_SENTENCE.search(ta) or ta[-1] in CLOSERS)
        if tb[0] in CONTINUATION_START or _PARTICLE_START.match(tb):
            return True
        if ta in BULLETS:
            return True
        if is_photo_credit(_spaced(a)) or is_photo_credit(_spaced(b)):
            return False  # a credit (… 王五 摄) closes its caption
        if _is_field(a) or _is_field(b):
            return False
        if is_byline(block) or _BYLINE_ROLE.match(block.lstrip(BULLETS)):
            # byline: role words and the names after them
            return bool(_BYLINE_ROLE.match(tb) or (_BYLINE_ROLE.match(ta) and len(tb) <= 4))
        if _ENDS_SENTENCE.search(ta):
            return False
        if tb[0] in BULLETS or tb[0] in DASHES or _BYLINE_ROLE.match(tb) or b[0].indented \
                or _ENUMERATION.match(tb) or self._opens_byline(a, b, at_top):
            return False
        if deck and not self.is_short(b):
            return False  # the body starts under the deck
        if max(ln.size for ln in a) > self.overlong:
            return False  # a one-line box (lead, summary) set wider than the column
        if ta.endswith(DASHES[0] * 2) and self.is_short(b):
            return False  # a lead ending "———" introduces the heading after it
        if self.is_short(a) and _mid_sentence(ta):
            return True  # …依托大连重工·起重集 / …打破国外垄断。中车: a sentence runs on
        if self.is_short(a):
            # A short line ends a heading or paragraph; a heading may span two short lines.
            return (self.is_short(b) and ta[0] not in DASHES
                    and (ta[-1] in "，、：,:" or ta[-1] not in CLOSERS + DASHES))
        return True


    def _opens_byline(self, a: list[Line], b: list[Line], at_top: bool) -> bool:
        """Is visual line b a byline of its own (本报记者 张三 通讯员 李四)?  Names set apart
        by spaces or marks say so; bare (记者了解到) only after a short line or at the top."""
        return _marked_byline(b) or ((self.is_short(a) or at_top) and _bare_byline(b))


def _mid_sentence(text: str) -> bool:
    """Does a line stop inside a sentence that it began, or began and ended before (a comma
    or a full stop inside, a Chinese character at its end)? Headings hold neither."""
    return len(text) > 8 and _is_cjk_char(text[-1]) and bool(re.search(r"[，、；。]", text[:-1]))


def _is_cjk_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _bare_byline(group: list[Line]) -> bool:
    """Role words and names, and no punctuation of a sentence."""
    text = _text(group)
    return is_byline(text) and not re.search("[，,。；;]", text)


def _marked_byline(group: list[Line]) -> bool:
    """A byline whose names are set apart by spaces or marks: 本报记者 张三, ■记者｜李四."""
    return _bare_byline(group) and (bool(re.search(r"\s|[|｜:：/（(]", _spaced(group)))
                                    or _text(group)[0] in BULLETS)


def _is_field(group: list[Line]) -> bool:
    """来源：…, 发布时间：…, a dateline (2022年09月14日 10:25 来源：…) or a breadcrumb trail."""
    return bool(_META.match(_text(group).lstrip(BULLETS))) or is_dateline(_spaced(group)) \
        or bool(_BREADCRUMB.match(_spaced(group).strip()))


def _stands_alone(group: list[Line]) -> bool:
    """A byline or photo credit: a printed line of its own, never a fragment of a longer one."""
    return _marked_byline(group) or is_photo_credit(_spaced(group))


def _spaced(group: list[Line]) -> str:
    """A visual line's text with the white space inside its physical lines."""
    return " ".join(ln.text for ln in group)


def _broken_blocks(lines: list[Line]) -> tuple[list[list[Line]], list[bool]]:
    """Paragraph blocks, and whether each is made of short lines only (heading-like)."""
    groups = _visual_lines(lines)
    joiner = _Joiner(_printed_width(lines, _size), statistics.median(_size(g) for g in groups))
    alone = _alone_in_box(lines, groups)
    blocks: list[list[Line]] = []
    compact: list[bool] = []
    last: list[Line] = []  # the visual line the next one is judged against
    for i, g in enumerate(groups):
        boxed = alone[i] or (i > 0 and alone[i - 1])
        at_top = len(blocks) <= _TOP_BLOCKS and not any(_ENDS_SENTENCE.search(_text(b)) for b in blocks)
        if last and (not boxed or _text(g)[0] in CONTINUATION_START) \
                and joiner.joins(last, g, _text(blocks[-1][:8]), at_top):
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


def _is_word(ch: str) -> bool:
    return bool(_IDEOGRAPH.match(ch) or _LATIN.match(ch))


@dataclass
class _Emitted:
    """A block's characters as copied from the original, with the white space that may
    separate two words (记者 张三 李四): kept in bylines and captions, dropped elsewhere."""
    chars: list[str]
    offsets: list[int]
    separators: list[int]  # indices into chars of the optional separators

    def text(self, keep: set[int] | None = None) -> str:
        return "".join(self.kept(keep)[0])

    def kept(self, keep: set[int] | None) -> tuple[list[str], list[int]]:
        """Characters and original offsets, without the separators not in keep."""
        drop = set(self.separators) - (keep or set())
        if not drop:
            return list(self.chars), list(self.offsets)
        chars = [c for i, c in enumerate(self.chars) if i not in drop]
        offsets = [o for i, o in enumerate(self.offsets) if i not in drop]
        return chars, offsets


def _emit_block(original: str, block: list[Line]) -> _Emitted:
    """A block's characters.  White space inside a line becomes one character: always kept
    between two Latin characters (GDP 5.5%), an optional separator between two words of
    which one is CJK, dropped next to punctuation (PDF damage: "发展， 衡阳")."""
    out = _Emitted([], [], [])
    chars, offsets = out.chars, out.offsets
    for line in block:
        pos = line.start  # the characters from pos to the next white-space run are copied whole
        for run in _WHITE.finditer(original, line.start, line.end):
            a, b = run.span()
            chars += original[pos:a]
            offsets += range(pos, a)
            pos = b
            if b >= line.end:
                break  # (a run that no character follows is dropped)
            ch = original[b]
            if chars and _is_word(chars[-1]) and _is_word(ch):
                if not (_is_latin(chars[-1]) and _is_latin(ch)):
                    out.separators.append(len(chars))
                # one character of the run, a plain space where there is one
                kept = original.find(" ", a, b)
                kept = a if kept < 0 else kept
                chars.append(original[kept])
                offsets.append(kept)
        chars += original[pos:line.end]
        offsets += range(pos, line.end)
    return out


def _kept_separators(emitted: _Emitted, kind: str) -> set[int]:
    """The separators a block keeps: all of them in a byline, caption or field (unless the
    line is letter-spaced: 本 报 记 者); in other blocks those of a byline that opens the
    paragraph (本报讯（记者 张三 李四）…, 本报讯 记者 张三 …) or of a bracketed credit."""
    if _letter_spaced(emitted):
        return set()  # 本 报 记 者: spacing for looks, not between names
    if kind in (BYLINE, CAPTION, META):
        return set(emitted.separators) - _name_padding(emitted)
    spaced = "".join(emitted.chars)
    spans = [m.span() for m in _BRACKETED.finditer(spaced) if is_byline(m.group(0)) or is_photo_credit(m.group(0))]
    leading = _LEADING_BYLINE.match(spaced)
    if leading:
        spans.append(leading.span())
    keep = {i for i in emitted.separators for start, end in spans if start < i < end}
    return keep - _name_padding(emitted)


def _name_padding(emitted: _Emitted) -> set[int]:
    """Separators between two single characters: a two-character name set as wide as a
    three-character one (记者 许 杰 王海燕), not two names."""
    bounds = [-1, *emitted.separators, len(emitted.chars)]
    return {sep for before, sep, after in zip(bounds, bounds[1:], bounds[2:])
            if sep - before == 2 and after - sep == 2}


def _letter_spaced(emitted: _Emitted) -> bool:
    """Most words between separators are single characters (and there are several)."""
    bounds = [-1, *emitted.separators, len(emitted.chars)]
    words = [b - a - 1 for a, b in zip(bounds, bounds[1:])]
    return len(words) >= 3 and sum(n == 1 for n in words) > len(words) / 2


def repair(original: str) -> Layout:
    """Clean text, offset map and classified blocks of an original text."""
    lines = physical_lines(original)
    broken = is_broken(lines)
    if broken:
        groups, compact = _broken_blocks(lines)
    else:
        groups = [[ln] for ln in lines]
        compact = [ln.size <= FLOWING_HEADING_MAX for ln in lines]
    emitted = [_emit_block(original, block) for block in groups]
    kinds = classify([e.text() for e in emitted], compact,
                     [e.text(set(e.separators)) for e in emitted])
    text: list[str] = []
    offsets: list[int] = []
    blocks: list[Block] = []
    for block, e, kind in zip(groups, emitted, kinds):
        if text:
            newline = original.find("\n", offsets[-1], block[0].start)
            if newline < 0:
                newline = original.find("\r", offsets[-1], block[0].start)
            if newline >= 0:  # always true: blocks start on a new line
                text.append(original[newline])
                offsets.append(newline)
        chars, offs = e.kept(_kept_separators(e, kind))
        blocks.append(Block(len(text), len(text) + len(chars), kind))
        text += chars
        offsets += offs
    return Layout("".join(text), offsets, blocks, broken)


# ---------------------------------------------------------------- block kinds

def classify(texts: list[str], compact: list[bool], spaced: list[str] | None = None) -> list[str]:
    """Kind of each block from its text, whether it is set in short lines (compact) and its
    position; no knowledge of any one article.  spaced: the texts with the white space that
    separates words (a credit 园区一角 王五 摄 and a dateline need it); default texts."""
    spaced = spaced or texts
    kinds = [_intrinsic_kind(t, c, sp) for t, c, sp in zip(texts, compact, spaced)]
    _mark_headline_and_deck(texts, kinds)
    # The short line just before a photo credit is the caption it credits.
    for i, t in enumerate(spaced):
        if kinds[i] == CAPTION and is_photo_credit(t) and i > 0 and kinds[i - 1] in (HEADING, BODY) \
                and len(texts[i - 1]) <= 40 and not _ENDS_SENTENCE.search(texts[i - 1]):
            kinds[i - 1] = CAPTION
    return kinds


def _intrinsic_kind(t: str, compact: bool, spaced: str) -> str:
    bare = t.lstrip(BULLETS).lstrip()
    if _META.match(bare) or is_dateline(spaced) or _BREADCRUMB.match(spaced.strip()):
        return META
    if is_byline(t):
        return BYLINE
    if is_caption(spaced):
        return CAPTION
    if _PUNCT_ONLY.match(t):
        return HEADING
    if compact and not _ENDS_STATEMENT.search(t):
        return HEADING
    return BODY


def _mark_headline_and_deck(texts: list[str], kinds: list[str]) -> None:
    for i in range(len(texts)):  # a trail's steps, one per line, are navigation too
        if _TRAIL_MARK.match(texts[i]):
            kinds[i] = META
        elif kinds[i] not in (META, BYLINE) and len(texts[i]) <= 12 and any(
                0 <= j < len(texts) and _TRAIL_MARK.match(texts[j]) for j in (i - 1, i + 1)):
            kinds[i] = META
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
