"""Places from public reference data: the admin-division gazetteer (policykg.extract.divisions)
and the named regions list; plus the document's subject city."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from policykg.extract import divisions
from policykg.extract.document import Document
from policykg.extract.entities import rules


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


@dataclass(frozen=True)
class SubjectCity:
    name: str  # full name: 衡阳市 (a county-level city stays itself: 昆山市)
    short: str  # 衡阳
    province: str  # 湖南省
    prefecture: str  # the prefecture-level city it is or lies in: 衡阳市, 苏州市 for 昆山市


def subject_city(document: Document) -> SubjectCity | None:
    """The city the article is about: document.city when set, else found from title and text."""
    division = getattr(document, "city_division", None)
    if division is None and document.city:
        division = next(iter(divisions.lookup(document.city)), None)
    if division is None:
        division = divisions.find_subject_city(document.title or "", document.text)
    if division is None:
        return None
    prefecture = division.city or division.name
    if division.level == divisions.COUNTY and not division.name.endswith("市") \
            and division.city and division.city != division.province:
        division = next(iter(divisions.lookup(division.city)), division)  # 市 means the prefecture
    return SubjectCity(division.name, division.short, division.province, prefecture)


@cache
def short_name(canonical: str) -> str | None:
    """The usual short form of a division's full name (江苏省 -> 江苏), if it has one."""
    division = next(iter(divisions.lookup(canonical)), None)
    return division.short if division is not None and division.short != canonical else None


def is_place(text: str) -> bool:
    return text in place_forms()
