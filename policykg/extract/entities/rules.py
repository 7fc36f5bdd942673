"""The entity rules, read once from the data files in ``policykg/extract/rules/entity_*``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from policykg.extract.ruledata import load_lines

def _lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a rule file."""
    return load_lines(name)


def _rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _lines(name)]


@dataclass(frozen=True)
class Suffix:
    text: str
    type: str
    strength: str  # strong | weak | quoted | titled | city (see entity_suffixes.tsv)


@cache
def suffixes() -> tuple[Suffix, ...]:
    """Head suffixes, longest first (工业园区 before 园区)."""
    rows = [Suffix(r[0], r[1], r[2]) for r in _rows("entity_suffixes.tsv")]
    return tuple(sorted(rows, key=lambda s: -len(s.text)))


@cache
def suffix_by_text() -> dict[str, Suffix]:
    return {s.text: s for s in suffixes()}


@cache
def left_cues() -> dict[str, str]:
    """Cue word -> strength (strong | weak)."""
    return {r[0]: r[1] for r in _rows("entity_left_cues.tsv")}


@cache
def generic_modifiers() -> dict[str, str]:
    """Generic modifier word -> scope (all | physical)."""
    return {r[0]: r[1] for r in _rows("entity_generic_modifiers.tsv")}


@cache
def latin_generic_words() -> frozenset[str]:
    return frozenset(_lines("entity_latin_generic.txt"))


@cache
def enterprise_endings() -> tuple[str, ...]:
    return tuple(sorted(_lines("entity_enterprise_endings.txt"), key=len, reverse=True))


@cache
def enumeration_heads() -> dict[str, tuple[str, str, bool]]:
    """Enumeration head -> (item type, item kind, also after a bare count)."""
    return {r[0]: (r[1], r[2], r[3] == "yes") for r in _rows("entity_enumeration_heads.tsv")}


@dataclass(frozen=True)
class EnterpriseCue:
    keywords: tuple[str, ...]  # the pattern runs only on texts holding one of them
    pattern: re.Pattern[str]
    leader_slot: bool  # its items are listed as leaders (以A、B为龙头): brands may hold 的 or end in 园
    peers_only: bool = False  # its items are a list the cue only closes: each must look like a firm's name


_SLOTS = {"yes": (True, False), "no": (False, False), "list": (False, True)}


@cache
def enterprise_cue_patterns(name: str) -> tuple[EnterpriseCue, ...]:
    """The cues of rule file name (the policykg_enterprise_cues component's config names it);
    the third column says what the items are: yes (leaders), no, list (peers a count closes)."""
    return tuple(EnterpriseCue(tuple(r[0].split("|")), re.compile(r[1]), *_SLOTS[r[2]])  # (slots checked at load)
                 for r in _rows(name))


@cache
def designations() -> dict[str, frozenset[str]]:
    """kind (cue | level | belt) -> words."""
    out: dict[str, set[str]] = {}
    for word, kind in _rows("entity_designations.tsv"):
        out.setdefault(kind, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def industry_heads() -> tuple[str, ...]:
    return tuple(sorted(_lines("entity_industry_heads.txt"), key=len, reverse=True))


@cache
def industry_terms(name: str) -> tuple[str, ...]:
    """The sector words of rule file name that stand as an Industry wherever they occur (learned
    from the train split's gold by scripts/learn_industry_terms.py)."""
    return tuple(r[0] for r in _rows(name))


@cache
def industry_list_cues() -> tuple[str, ...]:
    return tuple(_lines("entity_industry_list_cues.txt"))


@cache
def counted_list_cues() -> tuple[str, ...]:
    return _lines("entity_counted_list_cues.txt")


@cache
def not_agency_endings() -> tuple[str, ...]:
    return _lines("entity_not_agency_endings.txt")


@cache
def agency_tails() -> tuple[str, ...]:
    return tuple(sorted(_lines("entity_agency_tails.txt"), key=len, reverse=True))


@cache
def agency_contractions() -> tuple[tuple[str, str], ...]:
    """(long, short) pairs, in the order they are applied."""
    return tuple((r[0], r[1]) for r in _rows("entity_agency_contractions.tsv"))


@cache
def person_titles() -> tuple[str, ...]:
    return tuple(sorted(_lines("entity_person_titles.txt"), key=len, reverse=True))


@cache
def person_roles() -> tuple[str, ...]:
    return tuple(sorted(_lines("entity_person_roles.txt"), key=len, reverse=True))


@cache
def person_followers() -> tuple[str, ...]:
    return tuple(_lines("entity_person_followers.txt"))


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, double-character surnames)."""
    lines = _lines("entity_surnames.txt")
    single = frozenset(ch for ln in lines if " " not in ln for ch in ln)
    double = frozenset(w for ln in lines if " " in ln for w in ln.split())
    return single, double


@cache
def central_agencies(name: str) -> dict[str, str]:
    """Surface form (full or short) -> full name of a central body, from rule file name."""
    out: dict[str, str] = {}
    for row in _rows(name):
        full = row[0]
        out[full] = full
        for short in (row[1].split(",") if len(row) > 1 and row[1] else []):
            out.setdefault(short.strip(), full)
    return out


@cache
def national_zones(name: str) -> dict[str, str]:
    """Surface form -> full name of a national development area without a park suffix, from
    rule file name."""
    out: dict[str, str] = {}
    for row in _rows(name):
        out[row[0]] = row[0]
        for short in (row[1].split(",") if len(row) > 1 and row[1] else []):
            out.setdefault(short.strip(), row[0])
    return out


@cache
def regions() -> dict[str, str]:
    """Surface form -> full name of a named region or country (珠三角 -> 珠江三角洲)."""
    out: dict[str, str] = {}
    for name in ("entity_regions.txt", "entity_countries.txt"):
        for row in _rows(name):
            full = row[0]
            out[full] = full
            for short in row[1:]:
                out.setdefault(short, full)
    return out


@cache
def countries() -> frozenset[str]:
    """The full names of the countries and country groups (美国, 欧盟): no place of a city's."""
    return frozenset(row[0] for row in _rows("entity_countries.txt"))


@cache
def name_final_chars() -> frozenset[str]:
    return frozenset("".join(_lines("entity_name_finals.txt")))
