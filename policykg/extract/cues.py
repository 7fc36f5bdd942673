"""Shared machinery of the relation and measure extractors.

- ``periods``: the document cut into paragraphs and full-stop periods (。！？…), each
  period cut into clauses (；，：), all in clean-text offsets;
- ``MentionIndex``: the entity mentions of the document without overlaps (the longest
  mention wins), looked up by span;
- ``place_prefix``: the Place a name starts with.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Iterable

from policykg.extract.divisions import lookup
from policykg.extract.document import Document
from policykg.extract.model import Entity
from policykg.extract.ruledata import load_table
from policykg.extract.sentences import capped

_PERIOD_END = re.compile(r"(?:[。！？!?]|…{1,2}|\.{3,6})[”’」』）)]*")
# a comma between digit groups (1,234.5) does not end a clause
_CLAUSE_END = re.compile(r"[；;：:]|(?<![0-9０-９])[，,]|[，,](?![0-9０-９]{3}(?![0-9０-９]))")


@dataclass(frozen=True)
class Period:
    """A full-stop sentence of a paragraph; ``clauses`` are spans of it cut at ；，：."""

    start: int
    end: int
    paragraph: int
    clauses: tuple[tuple[int, int], ...] = field(default=())


def load_rules(name: str) -> Any:
    """A JSON rule file of policykg/extract/rules/ as its typed, checked table (ruledata.py)."""
    return load_table(name)


def paragraph_spans(document: Document) -> list[tuple[int, int]]:
    """Paragraphs: the clean text cut at line breaks and where the sentences' paragraph index changes."""
    text = document.text
    cuts = {0, len(text)}
    cuts.update(m.end() for m in re.finditer(r"\n+", text))
    previous = None
    for sentence in document.sentences:
        if previous is not None and sentence.paragraph != previous:
            cuts.add(sentence.start)
        previous = sentence.paragraph
    bounds = sorted(cuts)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def periods(document: Document) -> list[Period]:
    out = []
    text = document.text
    for number, (p_start, p_end) in enumerate(paragraph_spans(document)):
        start = p_start
        ends = [m.end() for m in _PERIOD_END.finditer(text, p_start, p_end)]
        for end in [*ends, p_end]:
            for a, b in capped(text, start, end):  # no period longer than sentences.MAX_SENTENCE
                if text[a:b].strip():
                    out.append(Period(a, b, number, tuple(_clauses(text, a, b))))
            start = max(start, end)
    return out


def _clauses(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    a = start
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.end() > a:
            yield a, m.end()
        a = m.end()
    if a < end:
        yield a, end


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity


class MentionIndex:
    """Non-overlapping mentions of all entities; an overlap keeps the longest mention, except
    that a name which is only an enumeration of other names of its type (精密模具和机器人 =
    精密模具 + 和 + 机器人, given the text) gives way to them."""

    def __init__(self, entities: Iterable[Entity], text: str | None = None):
        candidates = [Mention(m.start, m.end, e) for e in entities for m in e.mentions]
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        if text is not None:
            candidates = [m for m in candidates if not _enumeration_of_others(m, candidates, text)]
        occupied: set[int] = set()
        taken: list[Mention] = []
        for m in candidates:
            if not occupied.intersection(range(m.start, m.end)):
                occupied.update(range(m.start, m.end))
                taken.append(m)
        self.mentions = sorted(taken, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def within(self, start: int, end: int, types: Iterable[str] | None = None) -> list[Mention]:
        allowed = set(types) if types else None
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end)
        return [m for m in self.mentions[first:last]
                if m.end <= end and (allowed is None or m.entity.type in allowed)]


def opening_enterprise(index: MentionIndex, period: Period) -> Entity | None:
    """The enterprise a period opens with (某某公司是…企业。): the topic of its figures, and what
    a later 公司 refers to."""
    first = index.within(period.start, min(period.end, period.start + 40))
    if first and first[0].start <= period.start + 1 and first[0].entity.type == "Enterprise":
        return first[0].entity
    return None


_NAME_JOINERS = ("和", "与", "、")


def _enumeration_of_others(mention: Mention, candidates: list[Mention], text: str) -> bool:
    """Whether the mention is tiled by two or more shorter mentions of its type joined by 和/与/、."""
    if not any(j in text[mention.start:mention.end] for j in _NAME_JOINERS):
        return False
    inner = sorted((m for m in candidates if m.entity.type == mention.entity.type
                    and mention.start <= m.start and m.end <= mention.end
                    and (m.end - m.start) < (mention.end - mention.start)), key=lambda m: m.start)
    position, parts = mention.start, 0
    for m in inner:
        if m.start < position:
            continue
        gap = text[position:m.start]
        if (parts == 0 and gap) or (parts > 0 and gap not in _NAME_JOINERS):
            return False
        position, parts = m.end, parts + 1
    return parts >= 2 and position == mention.end


CITY_WORDS = ("我市", "本市", "全市", "该市")


def place_prefix(name: str, places: list[Entity]) -> Entity | None:
    """The most precise Place entity a name starts with (耒阳大市产业园 → 耒阳; 江西省玉山县星牌
    台球产业园 → 玉山县, the county the province only places), if any."""
    name = _NAMED_IN_BRACKETS.sub(r"\1", name)  # 中国（河南）自由贸易试验区: named after 河南
    found = _place_at_start(name, places)
    while found is not None:
        deeper = _place_at_start(name[found[0]:], places) or _bracketed_place(name, found[0], places)
        if deeper is None or not _may_lie_in(deeper[1], found[1]):
            return _area_place(name, places, found[1])  # 武汉东湖高新区: 东湖区 of 南昌 does not lie in 武汉
        found = (found[0] + deeper[0], deeper[1])
    return None


def _bracketed_place(name: str, at: int, places: list[Entity]) -> tuple[int, Entity] | None:
    """A place in brackets right after the place a name opens with (玉林（福绵）…产业园)."""
    m = _BRACKETED.match(name, at)
    if m is None:
        return None
    named = {d.name for d in lookup(m.group(1))}  # 福绵 -> 福绵区, though no mention says 福绵
    for place in places:
        if m.group(1) in (place.name, *place.aliases) or named & {d.name for d in divisions_of(place)}:
            return m.end() - at, place
    return None


_BRACKETED = re.compile(r"[（(]([^）)]{2,6})[）)]")
_AREA_OF_ZONE = re.compile(r"(?:自由贸易试验区|自贸试验区|自贸区|综合保税区|新区)([\u4e00-\u9fff]{2,4}?)片区$")


def _area_place(name: str, places: list[Entity], outer: Entity) -> Entity:
    """The place an area of a zone is named after (某省自贸试验区大连片区 -> 大连), if it lies in
    the place the zone's name opens with; else that place."""
    m = _AREA_OF_ZONE.search(name)
    if m is not None:
        inner = _place_at_start(m.group(1) + "片区", places)
        if inner is not None and inner[0] == len(m.group(1)) and _may_lie_in(inner[1], outer):
            return inner[1]
    return outer


_NAMED_IN_BRACKETS = re.compile(r"^中国[（(]([^）)]{2,6})[）)]")


def divisions_of(entity: Entity) -> list:
    """Admin divisions (gazetteer) an entity's names may name."""
    return [d for form in [entity.name, *entity.aliases] for d in lookup(_QUOTES_AND_SPACE.sub("", form))]


_QUOTES_AND_SPACE = re.compile(r"[“”\"《》〈〉「」『』\s]")


def _may_lie_in(inner: Entity, outer: Entity) -> bool:
    """Can inner lie in outer by the gazetteer (yes when it knows either not)?"""
    inner_divisions = divisions_of(inner)
    outer_names = {d.name for d in divisions_of(outer)}
    if not inner_divisions or not outer_names:
        return True
    return any(d.city in outer_names or d.province in outer_names for d in inner_divisions)


def _place_at_start(name: str, places: list[Entity]) -> tuple[int, Entity] | None:
    best = None
    for place in places:
        for form in [place.name, *place.aliases]:
            form = re.sub(r"[“”\"\s]", "", form)
            if len(form) >= 2 and name.startswith(form) and len(name) > len(form) + 1 \
                    and name[len(form)] not in "最的等各地":  # 南方最大的…基地 is not named after a place
                if best is None or len(form) > best[0]:
                    best = (len(form), place)
    return best
