"""Text normalisation that keeps offsets: one character in, one character out.

What extractors see, before layout repair (``document.document_from_text``):

- *compatibility forms* mapped as NFKC maps them, character by character: Kangxi radicals
  and CJK radicals that PDF text layers give for ideographs (⼯ ⾼ → 工 高), CJK
  compatibility ideographs, full-width Latin letters and digits (Ａ１ → A1).  Nothing else:
  Chinese full-width punctuation (，。：；（）“”％) stays as it is — the extractor's rules are
  written for it (NFKC would turn ， into ,), and so do white space (U+3000, U+00A0: layout
  repair handles it) and numbering signs (①, ㈠, ⒈: NFKC would spell them out);
- *Traditional characters* converted to Simplified with OpenCC (``t2s``: phrase-level, so
  乾隆 stays and 乾燥 becomes 干燥), only when the text is mostly Traditional
  (``is_traditional``): a Simplified text quoting a Traditional name is left alone.

Every replacement is one character for one, so the normalised text has the length of the
text it came from and index ``i`` of one is index ``i`` of the other: the layout's offset map
stays a map into the original.  OpenCC converts phrase by phrase; a segment (a run without
white space) whose conversion changes its length is converted character by character
instead, and a character whose conversion is not one character is kept.

A Simplified text without compatibility forms comes out as the very string that went in
(``Normalised.text is text``), after two regular-expression scans (about 0.1 ms for a
4,000-character article); OpenCC is loaded only for a Traditional text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from policykg.extract.ruledata import load_lines

if TYPE_CHECKING:
    from policykg.extract.document import Document
    from policykg.extract.model import Entity

# Blocks whose characters NFKC maps to one ideograph or one ASCII letter/digit.
_COMPAT_RANGES = (
    (0x2E80, 0x2EFF),    # CJK Radicals Supplement (⻟ ⻳)
    (0x2F00, 0x2FDF),    # Kangxi Radicals (⼀ ⼯ ⾼)
    (0xF900, 0xFAFF),    # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
    (0xFF10, 0xFF19),    # full-width digits
    (0xFF21, 0xFF3A),    # full-width Latin capitals
    (0xFF41, 0xFF5A),    # full-width Latin small letters
)


def _compat_table() -> dict[int, str]:
    table = {}
    for lo, hi in _COMPAT_RANGES:
        for cp in range(lo, hi + 1):
            mapped = unicodedata.normalize("NFKC", chr(cp))
            if len(mapped) == 1 and mapped != chr(cp):
                table[cp] = mapped
    return table


COMPAT = _compat_table()
# The blocks as ranges (a class of the single characters is many times slower to search);
# ``str.translate`` leaves the characters of a block that NFKC keeps.
_COMPAT_CHAR = re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                                        for lo, hi in _COMPAT_RANGES) + "]")

_TRADITIONAL_CHAR = re.compile("[" + "".join(load_lines("normalise_traditional_chars.txt")) + "]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
# A text is mostly Traditional when this share of its ideographs are frequent Traditional-only
# characters: about 0.3 of a Traditional text are, 0.03 at most of a Simplified news or
# policy text (one that quotes Traditional names); a text half in each script has about 0.15.
TRADITIONAL_SHARE = 0.12
_MIN_TRADITIONAL = 2
_SEGMENT = re.compile(r"[^\s\x00-\x7f]\S*")


@dataclass(frozen=True)
class Normalised:
    text: str  # same length as the input; only the characters named above differ
    traditional: bool  # the input was mostly Traditional and was converted to Simplified


def compat(text: str) -> str:
    """Compatibility forms mapped (⼯ → 工, Ａ１ → A1); the same string when there are none."""
    return text.translate(COMPAT) if _COMPAT_CHAR.search(text) else text


def is_traditional(text: str) -> bool:
    """Is the text mostly Traditional Chinese?  (Many of its ideographs are frequent
    characters that only Traditional writing uses: 國 們 這 發 產 業 …)"""
    hits = len(_TRADITIONAL_CHAR.findall(text))
    if hits < _MIN_TRADITIONAL:
        return False
    return hits >= TRADITIONAL_SHARE * len(_IDEOGRAPH.findall(text))


@cache
def _converter():
    import opencc  # loaded only for a Traditional text

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified (OpenCC t2s), one character for one (see the module doc)."""
    convert = _converter().convert
    out: list[str] = []
    last = 0
    for m in _SEGMENT.finditer(text):
        segment = m.group()
        converted = convert(segment)
        if len(converted) != len(segment):
            converted = "".join(_char(convert, ch) for ch in segment)
        out.append(text[last:m.start()])
        out.append(converted)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _char(convert, ch: str) -> str:
    converted = convert(ch)
    return converted if len(converted) == 1 else ch


# ASCII clause punctuation written in Chinese text (web pages and PDFs often have it: 机遇,引入…)
# read as the full-width marks the rules are written for; not between digits (1,000) or Latin words.
_ASCII_CLAUSE_MARK = re.compile(r"(?<=[\u4e00-\u9fff“”、%])[,;:?!]|[,;:?!](?=[\u4e00-\u9fff“”])")
_FULL_WIDTH_MARK = str.maketrans(",;:?!", "，；：？！")


def clause_marks(text: str) -> str:
    """ASCII , ; : ? ! next to an ideograph as the full-width marks; the same string when none is."""
    if not _ASCII_CLAUSE_MARK.search(text):
        return text
    return _ASCII_CLAUSE_MARK.sub(lambda m: m.group().translate(_FULL_WIDTH_MARK), text)


def normalise(text: str) -> Normalised:
    """The text extractors see (same length as ``text``): compatibility forms mapped, ASCII
    clause marks in Chinese text made full-width, and a mostly Traditional text converted to
    Simplified."""
    mapped = clause_marks(compat(text))
    if not is_traditional(mapped):
        return Normalised(mapped, False)
    return Normalised(to_simplified(mapped), True)


def script_form(text: str) -> str:
    """A slice of the original as written, with compatibility forms mapped but the script
    kept, white space removed: the surface form an alias records (產業園區, not 产业园区)."""
    return "".join(compat(text).split())


def script_aliases(document: Document, entities: list[Entity]) -> None:
    """Add to each entity of a Traditional document the surface forms of its mentions as
    written (產業園區), where they differ from the clean (Simplified) ones: names are clean
    text, and an annotator of the original may have used either script."""
    if not document.traditional:
        return
    for entity in entities:
        known = {entity.name, *entity.aliases}
        for mention in entity.mentions:
            start, end = document.to_original(mention.start, mention.end)
            form = script_form(document.original[start:end])
            if form not in known and form != "".join(document.text[mention.start:mention.end].split()):
                entity.aliases.append(form)
                known.add(form)
