"""Public reference lists (policykg/data/reference/*.tsv): central state-owned enterprises,
national economic functional zones (GB/T 37028) and other development zones (NBS), the
national industry classification (GB/T 4754). Each entry has an id (``ref``), a
canonical name and the other forms a text may use; a form found in a text becomes a
candidate of the list's type named by the canonical name, so two documents that call an
entry differently meet in one node. README.md beside the files gives their sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from policykg.extract.entities.lexicon import word_crosses_ends
from policykg.extract.entities.names import normalise

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"

# file -> (entity type, or None when the file has a type column; how a form must be delimited).
# A "short" list names its entries by short names (宁德时代): a longer name another rule finds
# around one (埃斯顿机器人, 宁波北新建材有限公司) is the fuller name and wins.
LISTS: dict[str, tuple[str | None, str]] = {
    "central_soes.tsv": ("Enterprise", "word"),
    "national_zones_gbt37028.tsv": (None, "word"),
    "development_zones_nbs.tsv": (None, "word"),
    "industry_gbt4754_2017.tsv": ("Industry", "term"),
    "national_strategies.tsv": ("Plan", "word"),
    "hk_tw_parks.tsv": ("Park", "word"),
    "listed_companies_cn.tsv": ("Enterprise", "short"),
}


@dataclass(frozen=True)
class Entry:
    ref: str  # list prefix and id: sasac:012, nbs:340176, gbt4754:C
    name: str  # canonical (official full) name
    type: str
    forms: tuple[str, ...]  # other forms, the canonical name not among them
    boundary: str  # word: no dictionary word may cross an end (short: the same, a short name);
    # term: delimited on both sides


@dataclass(frozen=True)
class ReferenceList:
    file: str
    source: str  # the file's header comment
    entries: tuple[Entry, ...]


def _read(file: str) -> ReferenceList:
    etype, boundary = LISTS[file]
    lines = (REFERENCE_DIR / file).read_text(encoding="utf-8").splitlines()
    source = " ".join(ln[1:].strip() for ln in lines if ln.startswith("#"))
    rows = [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]
    header, body = rows[0], rows[1:]
    entries = []
    for row in body:
        cells = dict(zip(header, row))
        forms = tuple(f for f in cells.get("forms", "").split(",") if f and f != cells["name"])
        entries.append(Entry(cells["ref"], cells["name"], etype or cells["type"], forms, boundary))
    return ReferenceList(file, source, tuple(entries))


@cache
def reference_lists() -> tuple[ReferenceList, ...]:
    return tuple(_read(file) for file in LISTS)


@cache
def reference_forms() -> dict[str, Entry]:
    """Surface form -> its entry. A form two entries share (or that is another entry's
    canonical name) names the entry whose canonical name it is, else neither."""
    canonical: dict[str, Entry] = {}
    others: dict[str, list[Entry]] = {}
    for rl in reference_lists():  # an earlier list's form is not taken by a later list's name
        for e in rl.entries:
            if e.name not in others:
                canonical.setdefault(e.name, e)
            for f in e.forms:
                others.setdefault(f, []).append(e)
    out = dict(canonical)
    for form, entries in others.items():
        if form not in out and len({e.ref for e in entries}) == 1 and len(form) >= 2:
            out[form] = entries[0]
    return out


@cache
def entry_by_ref() -> dict[str, Entry]:
    """Reference id -> its entry, among the entries reference_forms gives (the last form's
    entry where two forms give two entries of one id)."""
    return {e.ref: e for e in reference_forms().values()}


@cache
def entry_by_name() -> dict[tuple[str, str], Entry]:
    """(type, normalised form) -> entry: what resolve uses to give an entity found by
    another rule (合肥高新区 by its suffix) its reference id and canonical name."""
    return {(e.type, normalise(form)): e for form, e in reference_forms().items()}


_TERM_BEFORE = set("，。；：、,;:（(“‘《【\n 　\t和与及")
_TERM_AFTER = set("，。；：、,;:）)”’》】\n 　\t和与及等")


# a statistics report names an industry as the subject of its figures: 批发和零售业实现零售额…
_TERM_FIGURE_AFTER = re.compile("实现|完成|增加值|同比|增长|下降|产值|投资|营业收入|利润")


def usable(text: str, start: int, end: int, entry: Entry) -> bool:
    """Is text[start:end] a whole mention, not part of a longer word?"""
    if entry.boundary == "term":  # 制造业 only as a whole term: 、制造业、 (not 先进制造业)
        return end - start >= 3 and (start == 0 or text[start - 1] in _TERM_BEFORE) \
            and (end == len(text) or text[end] in _TERM_AFTER or _TERM_FIGURE_AFTER.match(text, end)) \
            and not _names_bodies(text, end)
    if entry.type == "Enterprise" and text.startswith(_SECTOR_WORDS, end):
        return False  # 山西焦化行业: the province's coking industry, not the listed company
    return not _word_crosses(text, start, end, entry)


_SECTOR_WORDS = ("行业", "产业", "企业")


def _names_bodies(text: str, end: int) -> bool:
    """文物、林业、自然资源等部门: a list of departments, not of industries."""
    clause = re.split("[，。；\n]", text[end:end + 40], maxsplit=1)[0]
    return any(word in clause for word in ("部门", "单位", "机构"))


def _word_crosses(text: str, start: int, end: int, entry: Entry) -> bool:
    """A dictionary word across either end: 国投 in 全国投资, 中国石化 in 中国石化工业. A name
    that ends in a head (…高新区, …有限公司) may be followed by anything (高新区内); a form of six
    characters or more is no accident of the words around it (推进|京津冀协同发展 despite 进京)."""
    return end - start < 6 and word_crosses_ends(text, start, end, open_end=_ends_with_head(text[start:end]))


@cache
def _heads() -> tuple[str, ...]:
    from policykg.extract.entities import rules
    return tuple(s.text for s in rules.suffixes() if s.strength == "strong") + ("集团", "公司", "总局")


def _ends_with_head(form: str) -> bool:
    return form.endswith(_heads())
