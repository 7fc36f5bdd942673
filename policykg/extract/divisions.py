"""Chinese administrative divisions as a gazetteer (public reference data, loaded once).

Source: ``policykg/data/admin-divisions`` (NBS statistical division codes: provinces,
prefecture-level cities, county-level divisions; HK-MO-TW.json for Hong Kong, Macao,
Taiwan).  Short forms are derived by rule (湖南省→湖南, 衡阳市→衡阳,
宁夏回族自治区→宁夏, 湘西土家族苗族自治州→湘西); the one-character province
abbreviations (湘, 粤 …) and the ethnic groups stripped from autonomous-area names are
listed in rules/divisions.json.

Every short form has at least two characters.  Short forms of county-level divisions
(and the one-character abbreviations) are flagged ``cautious``: many are also common words
(通道, 城区, 新区 …) and callers should only trust them next to a cue (a suffix, a city
prefix, a list of places).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable

from policykg.extract.ruledata import divisions as _division_rules

PROVINCE, CITY, COUNTY = "province", "city", "county"
# The last characters of division names (衡阳市, 柳河县, 湘西州): a word that a name ending in one
# of them runs into (衡阳市|委) does not make the name a part of that word.
ADMIN_SUFFIXES = "省市县区州旗盟"
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "admin-divisions"

# Placeholder rows of the statistical tables (grouping, not places).
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

_RULES = _division_rules()

# One-character (and classical) province abbreviations: public reference table.
PROVINCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    name: tuple(abbrs) for name, abbrs in _RULES.province_abbreviations.items()}

# The 56 officially recognised ethnic groups (stripped from autonomous-area names).
_ETHNIC_GROUPS: tuple[str, ...] = _RULES.ethnic_groups
_ETHNIC_TAIL = re.compile(
    "(?:" + "|".join(sorted((g + "族" for g in _ETHNIC_GROUPS), key=len, reverse=True))
    + "|" + "|".join(sorted((g for g in _ETHNIC_GROUPS if len(g) >= 2), key=len, reverse=True))
    + ")$")

# Name suffixes by level, longest first; stripping one gives the short form.
_SUFFIXES = {
    PROVINCE: ("特别行政区", "自治区", "省", "市"),
    CITY: ("自治州", "地区", "盟", "市", "县"),  # 县: Taiwan's counties
    COUNTY: ("自治县", "自治旗", "新区", "矿区", "林区", "特区", "县", "区", "市", "旗"),
}


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str  # full official name: 衡阳市
    level: str  # province | city | county
    short_names: tuple[str, ...] = ()  # derived forms, each >= 2 chars: 衡阳
    province: str = ""  # full name of the province (itself for a province)
    city: str = ""  # full name of the prefecture (itself for a city, "" above)
    parent_code: str = ""
    functional: bool = False  # a development/management zone listed with the counties

    @property
    def short(self) -> str:
        """The usual short name (衡阳), or the full name when none is derived."""
        return self.short_names[0] if self.short_names else self.name

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short_names)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One surface form of a division."""
    form: str
    division: Division
    kind: str  # full | short | abbreviation
    cautious: bool = False  # may be a common word: require context before trusting it


def short_forms(name: str, level: str) -> tuple[str, ...]:
    """Short forms of an official name by rule; each has at least two characters."""
    for suffix in _SUFFIXES[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return ()
    if suffix.startswith("自治") or level == PROVINCE:
        while (m := _ETHNIC_TAIL.search(stem)) and m.start() >= 2:
            stem = stem[: m.start()]
    if len(stem) < 2 or stem == name:
        return ()
    if suffix in ("自治州", "自治县", "自治旗"):
        return stem, stem + suffix[-1]  # 楚雄彝族自治州 -> 楚雄, 楚雄州 (as texts write it)
    return (stem,)


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _is_functional_zone(code: str) -> bool:
    # NBS codes 70-79 at county level are development/management zones, not counties.
    return len(code) == 6 and "70" <= code[4:6] <= "79"


@cache
def all_divisions() -> tuple[Division, ...]:
    """Every province, prefecture and county-level division (placeholders skipped)."""
    provinces = {r["code"]: r["name"] for r in _csv_rows("provinces.csv")}
    cities = {r["code"]: r for r in _csv_rows("cities.csv")}
    out: list[Division] = []
    for code, name in provinces.items():
        out.append(Division(code, name, PROVINCE, short_forms(name, PROVINCE), province=name))
    for code, row in cities.items():
        if row["name"] in _PLACEHOLDERS:
            continue
        prov = provinces[row["provinceCode"]]
        out.append(Division(code, row["name"], CITY, short_forms(row["name"], CITY),
                            province=prov, city=row["name"], parent_code=row["provinceCode"]))
    for row in _csv_rows("areas.csv"):
        city_row = cities.get(row["cityCode"])
        city_name = "" if city_row is None or city_row["name"] in _PLACEHOLDERS else city_row["name"]
        prov = provinces[row["provinceCode"]]
        functional = _is_functional_zone(row["code"])
        out.append(Division(row["code"], row["name"], COUNTY,
                            () if functional else short_forms(row["name"], COUNTY),
                            province=prov, city=city_name or prov,
                            parent_code=row["cityCode"] if city_name else row["provinceCode"],
                            functional=functional))
    out.extend(_hk_mo_tw())
    return tuple(out)


def _hk_mo_tw() -> Iterable[Division]:
    data = json.loads((DATA_DIR / "HK-MO-TW.json").read_text(encoding="utf-8"))
    for prov, children in data.items():
        yield Division("", prov, PROVINCE, short_forms(prov, PROVINCE), province=prov)
        for city, counties in children.items():
            # Hong Kong and Macao list regions (香港岛, 九龙); Taiwan lists cities/counties.
            level = CITY if prov == "台湾省" else COUNTY
            yield Division("", city, level, short_forms(city, level) if level == CITY else (),
                           province=prov, city=city if level == CITY else prov)
            for county in counties:
                yield Division("", county, COUNTY, short_forms(county, COUNTY),
                               province=prov, city=city if level == CITY else prov)


def _generic(d: Division) -> bool:
    """A full name that is also a generic word: 城区, 郊区, 矿区, 东区 …"""
    return d.level == COUNTY and len(d.name) == 2 and d.name.endswith("区")


@cache
def gazetteer() -> dict[str, tuple[GazetteerEntry, ...]]:
    """Surface form -> every division it may name (full names, short forms, abbreviations)."""
    index: dict[str, list[GazetteerEntry]] = {}
    for d in all_divisions():
        index.setdefault(d.name, []).append(GazetteerEntry(d.name, d, "full", cautious=_generic(d)))
        for s in d.short_names:
            index.setdefault(s, []).append(GazetteerEntry(s, d, "short", cautious=d.level == COUNTY))
        for a in PROVINCE_ABBREVIATIONS.get(d.name, ()) if d.level == PROVINCE else ():
            index.setdefault(a, []).append(GazetteerEntry(a, d, "abbreviation", cautious=True))
    # Prefer the higher level first (衡阳市 before a county named alike), then full names.
    rank = {PROVINCE: 0, CITY: 1, COUNTY: 2}
    return {form: tuple(sorted(entries, key=lambda e: (rank[e.division.level], e.kind != "full")))
            for form, entries in index.items()}


def lookup(name: str) -> list[Division]:
    """Divisions a full name, short form or abbreviation may name (higher levels first)."""
    return [e.division for e in gazetteer().get(name, ())]


def names_a_province(name: str) -> bool:
    """Does name read first as a province that is no city (山西, 湖南省; not 天津, 上海市)?"""
    divisions = lookup(name)
    return bool(divisions) and divisions[0].level == PROVINCE and not _is_city_like(divisions[0])


@cache
def _city_forms() -> tuple[dict[str, Division], dict[str, tuple[int, ...]]]:
    """Every non-cautious form (2+ chars) naming a city/municipality -> that city; and for
    each first character the form lengths, longest first."""
    forms: dict[str, Division] = {}
    for form, entries in gazetteer().items():
        if entries[0].division.level == PROVINCE and not _is_city_like(entries[0].division):
            continue  # 海南, 吉林: the province, before 海南藏族自治州 or 吉林市
        city = next((e.division for e in entries if _is_city_like(e.division) and not e.cautious), None)
        if city is not None and len(form) >= 2:
            forms[form] = city
    lengths: dict[str, set[int]] = {}
    for form in forms:
        lengths.setdefault(form[0], set()).add(len(form))
    return forms, {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}


@cache
def _city_starts() -> re.Pattern[str]:
    """The first characters of the city forms, as a character class."""
    return re.compile("[" + "".join(sorted(map(re.escape, _city_forms()[1]))) + "]")


@cache
def _city_pairs() -> frozenset[str]:
    """The first two characters of the city forms."""
    return frozenset(form[:2] for form in _city_forms()[0])


def _is_city_like(d: Division) -> bool:
    """A prefecture-level city, or a municipality directly under the central government."""
    return d.level == CITY or (d.level == PROVINCE and d.name.endswith("市"))


def city_mentions(text: str) -> Counter[Division]:
    """How often each city (prefecture or municipality) is named in text (longest match
    first, left to right)."""
    from policykg.extract.entities.lexicon import crosses_edge  # (the entities package imports this module)

    forms, lengths = _city_forms()
    starts, pairs = _city_starts(), _city_pairs()
    counts: Counter[Division] = Counter()
    i, n = 0, len(text)
    while i < n:
        found = starts.search(text, i)  # the next character that opens a form (others step by 1)
        if found is None:
            break
        i = found.start()
        if text[i:i + 2] not in pairs:  # (every form has 2 characters or more)
            i += 1
            continue
        step = 1
        for size in lengths.get(text[i], ()):
            if i + size > n:
                continue
            city = forms.get(text[i:i + size])
            if city is not None and not crosses_edge(text, i, i + size, keep_suffix=ADMIN_SUFFIXES):
                counts[city] += 1
                step = size
                break
        i += step
    return counts


