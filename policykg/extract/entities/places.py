"""Places from public reference data: the admin-division gazetteer (policykg.extract.divisions)
and the named regions list; plus the document's subject city."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from policykg.extract import divisions
from policykg.extract.entities import rules
from policykg.extract.entities.lexicon import common_word, crosses_edge, word_freq, word_tag, words_of


@dataclass(frozen=True)
class PlaceForm:
    form: str
    canonical: str  # full official name (衡阳市) or region name (珠江三角洲)
    level: str  # province | city | county | region
    city: str  # full name of the prefecture it lies in ("" for regions/provinces)
    province: str
    cautious: bool  # a county short form: trusted only inside the subject city


@cache
def place_forms() -> dict[str, PlaceForm]:
    """Surface form -> the place it names (higher administrative level first)."""
    out: dict[str, PlaceForm] = {}
    for form, entries in divisions.gazetteer().items():
        usable = [e for e in entries if e.kind != "abbreviation" and len(form) >= 2]
        if not usable:
            continue
        e = usable[0]
        d = e.division
        if d.functional:
            continue
        out[form] = PlaceForm(form, d.name, d.level, d.city, d.province, e.cautious)
    for form, full in rules.regions().items():
        out.setdefault(form, PlaceForm(form, full, "region", "", "", False))
    return out


@cache
def short_name(canonical: str) -> str | None:
    """The usual short form of a division's full name (江苏省 -> 江苏), if it has one."""
    division = next(iter(divisions.lookup(canonical)), None)
    return division.short if division is not None and division.short != canonical else None


def plausible_place_at(text: str, start: int, end: int, form: PlaceForm) -> bool:
    """Is the gazetteer match text[start:end] a place here, not part of other words?
    Not where a dictionary word crosses its left edge (提高|县域 has no 高县, 医保|定点 no
    保定) or, for a form without its suffix, its right edge (隐患和|田间 has no 和田); not a
    county's short form that is a common word (资源优势)."""
    if crosses_edge(text, start, end, keep_suffix=divisions.ADMIN_SUFFIXES):
        return False
    bare = text[end - 1] not in divisions.ADMIN_SUFFIXES
    if bare and form.level == "county" and form.form != form.canonical and common_word(form.form):
        return False
    if bare and end - start == 2 and _segmented_across(text, start, end):
        return False  # 商厦|门前 has no 厦门, 5台|中速 no 台中
    if form.form != form.canonical and form.level == "county" and text.startswith(("湾", "岛", "湖"), end):
        return False  # 金州湾, 长兴岛: a bay or an island named like the county, not the county
    if bare and _opens_a_longer_name(text, start, end):
        return False  # 阿里|巴巴: the form opens a dictionary name that is no place
    return True


def _opens_a_longer_name(text: str, start: int, end: int) -> bool:
    """Does a dictionary name (a person's, a brand's: not a place) of two characters more
    start with the form (阿里巴巴)?"""
    for n in (2, 3):
        word = text[start:end + n]
        if len(word) == end - start + n and word_freq(word) >= 20 and word_tag(word) in ("nr", "nrt", "nz", "nt"):
            return True
    return False


def _segmented_across(text: str, start: int, end: int) -> bool:
    """Does a word of the segmenter cross an edge of a two-character form, joining one half to
    the words around it (商厦|门前 has no 厦门, 5台|中速 no 台中; 台湾同胞 keeps 台湾)?"""
    lo = max(0, start - 4)
    pos = lo
    for word in words_of(text[lo:min(len(text), end + 4)]):
        a, pos = pos, pos + len(word)
        if a < start < pos < end or start < a < end < pos:
            return True
    return False


def is_place(text: str) -> bool:
    return text in place_forms()
