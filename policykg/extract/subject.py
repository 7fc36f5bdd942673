"""The subject of a document: the region it is about, and the entity that stands for it.

One module owns this logic, read by every stage:
- ``find_subject_region(title, text)``: the division a text is about, from its title and its
  voice (a city named in the title; a province's report, 我省/全省; a county's page, 我县/全县);
- ``subject_region(document)``: that region as the stages use it (``SubjectRegion``: name,
  short name, level, province, prefecture, and the words that point at it: 我市, 我省, 我县);
- ``subject_entity(document, entities)``: the entity 我市/全省 and unnamed figures refer to
  (a park opening the headline, else the region's Place), and ``city_entity`` (the region's Place).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from policykg.extract import divisions as dv
from policykg.extract.cues import MentionIndex
from policykg.extract.entities.lexicon import common_word, crosses_edge
from policykg.extract.entities.names import normalise
from policykg.extract.model import Entity

if TYPE_CHECKING:
    from policykg.extract.document import Document


# ---------------------------------------------------------------- the region

def _count_words(text: str, form: str) -> int:
    """Occurrences of form in text that no common word crosses (提高县域 holds no 高县)."""
    if not form:  # (no gazetteer form is empty: the regex's answer, kept as it was)
        return sum(1 for m in re.finditer("", text)
                   if not crosses_edge(text, m.start(), m.end(), keep_suffix=dv.ADMIN_SUFFIXES))
    n, size = 0, len(form)
    i = text.find(form)
    while i >= 0:  # the non-overlapping occurrences, left to right (a literal re.finditer's)
        if not crosses_edge(text, i, i + size, keep_suffix=dv.ADMIN_SUFFIXES):
            n += 1
        i = text.find(form, i + size)
    return n


def _county_in_title(title: str, text: str) -> dv.Division | None:
    """A county-level division named in the title and again in the text (full name, or a
    short form repeated at least twice that is no common word: 资源 in 资源优势 names no county)."""
    best: tuple[int, dv.Division] | None = None
    forms = _forms_in(title)
    for form in forms:
        entries = dv.gazetteer()[form]
        if len(form) < 2 or entries[0].division.level != dv.COUNTY or not _count_words(title, form):
            continue  # (a form that first names a province or city is not a county's)
        if any(len(other) > len(form) and form in other for other in forms):
            continue  # 新县 inside 阳新县: the longer name is the one the title writes
        for e in entries:
            if e.division.level != dv.COUNTY or e.division.functional or dv._generic(e.division):
                continue
            if e.kind != "full" and common_word(form):
                continue
            n = _count_words(text, form)
            if (e.kind == "full" and n >= 1) or n >= 2:
                if best is None or n > best[0]:
                    best = (n, e.division)
    return best[1] if best else None


def _forms_in(title: str) -> list[str]:
    """The gazetteer forms that occur in a (short) title, in the gazetteer's order: a lookup of
    the title's substrings, not a scan of every form."""
    order, lengths = _form_order()
    n = len(title)
    found = {title[i:i + k] for i in range(n) for k in lengths.get(title[i], ()) if i + k <= n}
    return sorted((f for f in found if f in order), key=order.__getitem__)


@cache
def _form_order() -> tuple[dict[str, int], dict[str, tuple[int, ...]]]:
    """Each gazetteer form's rank, and the lengths of the forms by their first character."""
    forms = dv.gazetteer()
    lengths: dict[str, set[int]] = {}
    for form in forms:
        if form:
            lengths.setdefault(form[0], set()).add(len(form))
    return {form: i for i, form in enumerate(forms)}, {ch: tuple(sorted(ls)) for ch, ls in lengths.items()}


@cache
def _counties_by_city() -> dict[str, tuple[dv.Division, ...]]:
    """The counties of each city, by their full names (the first division those names give)."""
    out: dict[str, list[dv.Division]] = {}
    for form, entries in dv.gazetteer().items():
        d = entries[0].division
        if d.level == dv.COUNTY and not d.functional and not dv._generic(d) and form == d.name:
            out.setdefault(d.city, []).append(d)
    return {city: tuple(counties) for city, counties in out.items()}


@cache
def _province_forms() -> dict[str, dv.Division]:
    """Full names and non-cautious short forms of the provinces proper (not municipalities)."""
    forms: dict[str, dv.Division] = {}
    for form, entries in dv.gazetteer().items():
        d = entries[0].division
        if d.level == dv.PROVINCE and not dv._is_city_like(d) and not entries[0].cautious and len(form) >= 2:
            forms[form] = d
    return forms


def province_mentions(text: str) -> Counter[dv.Division]:
    """How often each province (not a municipality) is named in text, longest form first."""
    forms = _province_forms()
    pattern = _province_pattern()
    return Counter(forms[m.group()] for m in pattern.finditer(text))


@cache
def _province_pattern() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, _province_forms()), key=len, reverse=True)))


# The voice of a document: 我省/全省 speak for a province, 我市/全市 for a city.
_PROVINCE_VOICE = re.compile("我省|全省|本省|省委|省政府|省人民政府|全自治区|自治区党委|自治区人民政府")
_CITY_VOICE = re.compile("我市|全市|本市|市委|市政府|市人民政府")
_COUNTY_VOICE = re.compile("我县|全县|本县|县委|县政府|县人民政府")


def provincial_voice(text: str) -> bool:
    """The text speaks as (or of) a province: its province words outnumber its city words."""
    province = len(_PROVINCE_VOICE.findall(text))
    return province >= 3 and province > 2 * len(_CITY_VOICE.findall(text))


def county_voice(text: str) -> bool:
    """The text speaks as a county (我县, 全县) more than as a city."""
    county = len(_COUNTY_VOICE.findall(text))
    return county >= 2 and county > len(_CITY_VOICE.findall(text))


def _most_named_county(text: str) -> dv.Division | None:
    """The county (县, 旗, not a district) the text names most, counting its short form only
    where the full name occurs too and the short form is no common word."""
    best: tuple[int, dv.Division] | None = None
    for form, entries in dv.gazetteer().items():
        d = entries[0].division
        if d.level != dv.COUNTY or d.functional or dv._generic(d) or form != d.name or d.name[-1] not in "县旗":
            continue
        if form not in text:
            continue
        n = _count_words(text, form) + sum(_count_words(text, s) - text.count(form)
                                           for s in d.short_names if not common_word(s))
        if best is None or n > best[0]:
            best = (n, d)
    return best[1] if best else None


def find_subject_region(title: str, text: str) -> dv.Division | None:
    """The region an article is about (a city, a county or a province):
    - the city named in the title (the most frequent in the text if it names several);
    - else a province the title names (陕西省政府工作报告, 新疆将资源优势…);
    - else a county-level city/county the title names;
    - else, for a text in a province's voice (我省, 全省), its most named province;
    - else, for a text in a county's voice (我县, 全县), its most named county;
    - else a province-level region named far more often than any city (香港 throughout, 深圳 once);
    - else the most frequent city in the text."""
    in_text = dv.city_mentions(text)
    in_title = dv.city_mentions(title)
    provinces = province_mentions(text)
    provinces_in_title = province_mentions(title)
    county = _county_in_title(title, text)
    if in_title:
        city = max(in_title, key=lambda d: (in_title[d], in_text[d]))
        rival = _province_over_city(city, in_title, in_text, provinces_in_title, provinces)
        if rival is None and county is not None and county.city == city.name and in_title[city] == 1:
            return county  # 曲靖沾益跑出…, 龙岩市永定区…: the city only places the county the title is about
        return rival or city
    if county is not None and any(p.name == county.province for p in provinces_in_title):
        return county  # 湖北枣阳：…: the province only places the county the title is about
    if provinces_in_title:
        return max(provinces_in_title, key=lambda d: (provinces_in_title[d], provinces[d]))
    if county:
        return county
    if provincial_voice(text) and provinces:
        return provinces.most_common(1)[0][0]
    if county_voice(text) and (county := _most_named_county(text)):
        return county
    if provinces:
        province, times = provinces.most_common(1)[0]
        if times >= 3 and times > 2 * max(in_text.values(), default=0):
            return province
    if in_text:
        city, count = in_text.most_common(1)[0]
        return _dominant_district(text, city, count) or city
    return None


def _province_over_city(city: dv.Division, in_title: Counter, in_text: Counter,
                        provinces_in_title: Counter, provinces: Counter) -> dv.Division | None:
    """A province of another city that the title names as often as the city and the text more
    often (习近平在浙江考察…返京途中在山东枣庄考察: the article is about 浙江)."""
    if not provinces_in_title:
        return None
    province = max(provinces_in_title, key=lambda d: (provinces_in_title[d], provinces[d]))
    if province.name != city.province and provinces_in_title[province] >= in_title[city] \
            and provinces[province] > in_text[city]:
        return province
    return None


def _dominant_district(text: str, city: dv.Division, city_count: int) -> dv.Division | None:
    """A district or county of the city that the text names far more often than the city
    (an article on 浦东 that says 上海 a few times): the text is about it."""
    best: tuple[int, dv.Division] | None = None
    for d in _counties_by_city().get(city.name, ()):
        form = d.name
        n = _count_words(text, form) + sum(_count_words(text, s) - text.count(form)
                                           for s in d.short_names if not common_word(s))
        if n >= 4 and n >= 2 * city_count and (best is None or n > best[0]):
            best = (n, d)
    return best[1] if best else None


# ---------------------------------------------------------------- as the stages use it

@dataclass(frozen=True)
class SubjectRegion:
    name: str  # full name: 衡阳市 (a county-level city stays itself: 昆山市)
    short: str  # 衡阳
    province: str  # 湖南省
    prefecture: str  # the prefecture-level city it is or lies in: 衡阳市, 苏州市 for 昆山市 ("" for a province)
    level: str = dv.CITY  # province | city | county (a county-level city keeps "county")

    @property
    def is_province(self) -> bool:
        return self.level == dv.PROVINCE

    @property
    def reference_words(self) -> str:
        """The regex of the words that point at the subject: 我市/全市/本市, 我省…, 我县…"""
        if self.is_province:
            return _voice_words("省")
        if self.level == dv.COUNTY and self.name[-1] in "县旗":
            return _voice_words("[县旗]")
        return _voice_words("市")


def subject_region(document: Document) -> SubjectRegion | None:
    """The region the article is about (a city, or a province: 陕西省政府工作报告), as the
    document's metadata found it once (find_subject_region, when the document was read) or a
    --date/manifest/caller set it (document.city)."""
    division = getattr(document, "city_division", None)
    if division is None and document.city:
        division = next(iter(dv.lookup(document.city)), None)
    if division is None:
        return None
    if division.level == dv.PROVINCE and not division.name.endswith("市"):
        return SubjectRegion(division.name, division.short, division.name, "", dv.PROVINCE)
    prefecture = division.city or division.name
    if division.level == dv.COUNTY and not _speaks_as_prefecture(document.text, division):
        return SubjectRegion(division.name, division.short, division.province, prefecture, dv.COUNTY)
    if division.level == dv.COUNTY and not division.name.endswith("市") \
            and division.city and division.city != division.province:
        division = next(iter(dv.lookup(division.city)), division)  # 市 means the prefecture
    return SubjectRegion(division.name, division.short, division.province, prefecture, division.level)


def _voice_words(level: str) -> str:
    """The regex of the words a text uses for its own region of a level (我市, 全县, 该省)."""
    return f"[我全本该]{level}"


def _speaks_as_prefecture(text: str, county: dv.Division) -> bool:
    """A text about a county that speaks as its prefecture (我市, 全市 more often than 该县,
    我区…): the county is one place of the city's text. A county's text that names the
    city's 市委 beside 省委 still speaks as the county."""
    kind = "区" if county.name.endswith("区") else "县"
    own = len(re.findall(f"{_voice_words(kind)}|{kind}委|{kind}政府|{kind}人民政府", text))
    return len(re.findall(_voice_words("市"), text)) > own


# ---------------------------------------------------------------- the entity

def city_entity(entities: list[Entity], document: Document) -> Entity | None:
    """The Place entity of the document's subject city (我市/全市 point at it), if any."""
    subject = subject_region(document)
    if subject is None:
        return None
    wanted = {normalise(subject.name), normalise(subject.short)}
    for e in entities:
        if e.type == "Place" and wanted & {normalise(n) for n in (e.name, *e.aliases)}:
            return e
    return None


def subject_entity(document: Document, entities: list[Entity]) -> Entity | None:
    """The entity the article is about: what 我市/本市/全市 and unnamed measures refer to.

    A Park that opens the headline (a development zone can be the subject); else the
    subject city's Place (``entities.city_entity``); else a Place or Park named as the
    document's city, or the one opening the headline.
    """
    headline_subject = _headline_subject(document, entities)
    found = city_entity(entities, document)
    if headline_subject is not None and headline_subject.type == "Park" and not _speaks_of(found, headline_subject):
        return headline_subject
    area = _dominant_new_area(entities)
    if area is not None and not _speaks_of(found, area) and (found is None or len(area.mentions) >= 4):
        return area  # 贵安新区 named throughout a text that says 贵州 now and then: the area is its place
    if found is not None:
        return found
    city = _city_by_name(document.city, entities)
    return city or headline_subject


def _dominant_new_area(entities: list[Entity]) -> Entity | None:
    """The most named national new area (a Place from GB/T 37028: 贵州贵安新区), if any."""
    areas = [e for e in entities if e.type == "Place" and (e.ref or "").startswith("gbt37028:")]
    return max(areas, key=lambda e: len(e.mentions), default=None)


def _speaks_of(city: Entity | None, park: Entity) -> bool:
    """Is the article about the city rather than the park its headline opens with? It names the
    city (曲靖, 全市) more than twice as often as the park (曲靖经开区获批…, then 曲靖 throughout)."""
    return city is not None and len(city.mentions) > 2 * len(park.mentions)


def _city_by_name(city: str | None, entities: list[Entity]) -> Entity | None:
    if not city:
        return None
    forms = _name_forms(city)
    for etype in ("Place", "Park"):
        for e in entities:
            if e.type == etype and forms & {f for n in [e.name, *e.aliases] for f in _name_forms(n)}:
                return e
    return None


def _name_forms(name: str) -> set[str]:
    name = re.sub(r"[“”\"《》\s]", "", name)
    forms = {name}
    stripped = re.sub(r"(市|省|区|县)$", "", name)
    if len(stripped) >= 2:
        forms.add(stripped)
    return forms


def _headline_subject(document: Document, entities: list[Entity]) -> Entity | None:
    """The Place or Park that opens the headline (苏州高新区投资…, 深圳如何…)."""
    head_end = min(len(document.text), max(40, len(document.title or "")))
    newline = document.text.find("\n")
    if 0 < newline < head_end:
        head_end = newline
    index = MentionIndex(entities)
    for m in index.within(0, head_end, ("Place", "Park")):
        if m.start <= 2:
            return m.entity
    return None
