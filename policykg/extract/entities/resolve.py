"""From candidates to entities: pick non-overlapping mentions, group them by name, join short
forms to the longer name they abbreviate (aliases), find further mentions, number them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.extract import divisions
from policykg.extract.document import Document
from policykg.extract.entities import rules
from policykg.extract.entities.names import Candidate, normalise
from policykg.extract.entities.places import place_forms, short_name
from policykg.extract.entities.reference import Entry, entry_by_name, entry_by_ref
from policykg.extract.model import Entity, Span

# Names a place may open (耒阳大市产业园 names 耒阳); not companies, people or institutions
# (中山大学 names no place).
PLACE_HOSTS = ("Park", "Zone", "Cluster", "Plan", "Agency", "Place", "Institution")


def _is_division(name: str) -> bool:
    """An institution is placed by the division its name opens with (玉山县体育事业发展中心),
    not by a region (华东师范大学)."""
    return bool(divisions.lookup(name))


NO_SUFFIX_JOIN = ("Person", "Industry", "Place", "Enterprise")
NO_JOIN = ("Person", "Industry", "Place")  # people, fields and places do not abbreviate
_FIELD_WORDS = ("产业", "行业", "业")  # …but a field is one with its word for an industry (白酒, 白酒产业)
LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "股份")


@dataclass
class Group:
    type: str
    key: str
    names: list[str] = field(default_factory=list)  # surface forms and canonical names
    mentions: list[Candidate] = field(default_factory=list)
    standalone: bool = False
    ref: str | None = None  # a reference-list entry it names (found by policykg_reference_lists)
    _forms: tuple[int, set[str]] | None = None

    @property
    def forms(self) -> set[str]:
        if self._forms is None or self._forms[0] != len(self.names):
            self._forms = (len(self.names), {normalise(n) for n in self.names})
        return self._forms[1]

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def resolve(document: Document, candidates: list[Candidate], subject) -> list[Entity]:
    text = document.text
    # (a one-character candidate, a bare head such as 镇, names nothing and must not block 镇江)
    chosen = select([c for c in map(lambda c: _trimmed(text, c), candidates) if c.length > 1], text)
    groups = group(text, chosen)
    groups = join_aliases(groups)
    propagate(text, groups, chosen)
    return to_entities(groups)


# a development zone named by its county or city lies there (湘乡经开区 → 湘乡), unlike an area
# named after a place-like word (衡山科学城)
_DEVELOPMENT_ZONE_HEADS = ("经开区", "高新区", "开发区", "经济技术开发区", "高新技术产业开发区", "经济开发区",
                           "工业园区", "工业集中区", "产业集聚区", "综合保税区")
_LEADING_MARKS = "-—–_~·•*#>=+|/\\.．、:："


def _trimmed(text: str, c: Candidate) -> Candidate:
    """A name never opens with a dash or a list mark (成立了全资控股公司 --上海临港…有限公司)."""
    while c.start < c.end and text[c.start] in _LEADING_MARKS:
        c.start += 1
        c.name = c.name.lstrip(_LEADING_MARKS) if c.name else c.name
    return c


def select(candidates: list[Candidate], text: str = "") -> list[Candidate]:
    """Greedy by priority then length; places may also open a chosen name. A span that a
    reference list names is that list's entry, whatever rule also found it (河北雄安新区 by
    its 新区 suffix is a Park; the list of 国家级新区 says Place)."""
    listed = {(c.start, c.end) for c in candidates if c.ref and not c.nested}
    candidates = [c for c in candidates if c.ref or c.nested or (c.start, c.end) not in listed]
    ordered = sorted(candidates, key=lambda c: (-c.priority, -c.length, c.start))
    taken: list[Candidate] = []
    size = max((c.end for c in candidates), default=0)
    occupied: list[Candidate | None] = [None] * size
    for c in ordered:
        if c.nested or any(occupied[c.start:c.end]):
            continue
        taken.append(c)
        occupied[c.start:c.end] = [c] * c.length
    for c in ordered:
        if not c.nested:
            continue
        inside = set(map(id, occupied[c.start:c.end]))
        host = occupied[c.start]
        if inside == {id(None)}:
            taken.append(c)
        elif host is not None and host.start == c.start and host.type in (c.hosts or PLACE_HOSTS) \
                and (host.type != "Institution" or _is_division(c.name or "")) \
                and len(inside) == 1 and host.end > c.end \
                and (c.type != "Place" or host.head == 0 or host.head > c.end
                     or text.startswith(_DEVELOPMENT_ZONE_HEADS, host.head)):
            taken.append(c)  # 耒阳大市产业园 lies in 耒阳; 衡山科学城 is only named after 衡山
    return taken


def group(text: str, chosen: list[Candidate]) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    for c in sorted(chosen, key=lambda c: c.start):
        surface = text[c.start:c.end]
        key = normalise(c.name or surface)
        if not key:
            continue
        g = groups.setdefault((c.type, key), Group(c.type, key))
        g.mentions.append(c)
        g.standalone |= c.standalone
        g.ref = g.ref or c.ref
        if not c.reference:
            g.names.append(surface)
        if c.name:
            g.names.append(c.name)
    return list(groups.values())


def join_aliases(groups: list[Group]) -> list[Group]:
    """A shorter name that abbreviates a longer one of the same type joins it."""
    by_len = sorted(groups, key=lambda g: len(g.key))
    by_char: dict[tuple[str, str], list[Group]] = {}  # (type, character of the key) -> groups
    for g in by_len:
        if g.type not in NO_JOIN:
            for ch in set(g.key):
                by_char.setdefault((g.type, ch), []).append(g)
    fields = {g.key: g for g in by_len if g.type == "Industry"}
    parent: dict[int, Group] = {}
    longs: dict[int, set[str]] = {}
    for short in by_len:
        if short.type == "Industry":
            field = next((fields[short.key + w] for w in _FIELD_WORDS if short.key + w in fields), None)
            if field is not None:
                parent[id(short)] = field  # 新材料 is 新材料产业 (the gold's one entity)
            continue
        if short.type in NO_JOIN:
            continue
        first = short.key[0]
        targets = [g for g in by_char[(short.type, short.key[-1])] if len(g.key) > len(short.key)
                   and (first in g.key or g.type == "Enterprise")
                   and abbreviates(short, longs.get(id(g)) or longs.setdefault(id(g), long_forms(g)))]
        if targets:
            parent[id(short)] = _antecedent(short, targets)
    out: list[Group] = []
    for g in by_len:
        root = g
        while id(root) in parent:
            root = parent[id(root)]
        if root is not g:
            root.names.extend(g.names)
            root.mentions.extend(g.mentions)
            root.standalone |= g.standalone and g.type != "Place"
            root.ref = root.ref or g.ref
        else:
            out.append(g)
    return [g for g in out if g.standalone]


def _antecedent(short: Group, targets: list[Group]) -> Group:
    """The longer name a short one stands for: the longest; but a bare head (开发区, 示范区)
    points back to the nearest name before it (…银川经济技术开发区…。开发区今年将…)."""
    if short.key in rules.suffix_by_text():
        before = [g for g in targets if g.first < short.first and g.standalone]
        if before:
            return max(before, key=lambda g: g.first)
    return max(targets, key=lambda g: (len(g.key), -g.first))


def abbreviates(short: Group, longs: set[str]) -> bool:
    """Is one of short's forms an abbreviation of one of longs (a longer name's forms)?"""
    for s in short.forms:
        if len(s) < 2:
            continue
        for l in longs:
            if _abbreviation(s, l, short.type):
                return True
    return False


_TRAILING_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")


def long_forms(g: Group) -> set[str]:
    """The forms a shorter name may abbreviate: the names, without a trailing bracket
    (…行动方案（2021—2023年）), and for companies their derived short forms."""
    forms = set(g.forms)
    for f in g.forms:
        bare = _TRAILING_BRACKET.sub("", f)
        if bare != f and len(bare) >= 4:
            forms.add(bare)
    if g.type == "Enterprise":
        for f in list(forms):
            forms |= _company_short_forms(f)
    return forms


def _abbreviation(s: str, l: str, etype: str) -> bool:
    if s == l:
        return True
    bare = s in rules.suffix_by_text()
    if etype not in NO_SUFFIX_JOIN and l.endswith(s) and (not bare or etype in ("Park", "Plan")):
        return len(s) >= 3 and l[-len(s) - 1] not in "·•・"  # 重庆·北京基金小镇 is another town
    if l.startswith(s) and len(l) - len(s) <= 2 and etype not in ("Person", "Industry", "Place"):
        return not bare and _has_head(s)
    if etype == "Enterprise" and l.startswith(s) and l[len(s):] in rules.enterprise_endings():
        return len(s) >= 2
    if etype in ("Person", "Industry") or bare or len(s) < 4:
        return False
    if etype == "Agency":
        if contracted(s) == contracted(l):
            return True  # 市发展改革委 = 市发展和改革委员会
        if s[-2:] != l[-2:]:
            return False  # 市委 is no contraction of 市经信委; 贵阳市政府 is one of 贵阳市人民政府
    # 松木经开区, 松木经济开发区; not 湖|化工园区 of 湖北应城化工产业园区: a name's first word is kept whole
    return s[0] == l[0] and s[-1] == l[-1] and s[:2] in l and _subsequence(s, l)


@lru_cache(maxsize=4096)
def contracted(name: str) -> str:
    """A body's name in its official contracted form (发展和改革委员会 -> 发改委)."""
    for long, short in rules.agency_contractions():
        name = name.replace(long, short)
    return name


@lru_cache(maxsize=65536)
def _has_head(name: str) -> bool:
    return any(name.endswith(x.text) for x in rules.suffixes())


def _subsequence(s: str, l: str) -> bool:
    it = iter(l)
    return all(ch in it for ch in s)


@lru_cache(maxsize=65536)
def _company_short_forms(name: str) -> frozenset[str]:
    """苏州协鑫光伏科技有限公司 -> 协鑫光伏科技有限公司, 协鑫光伏科技, 协鑫光伏 …;
    湖南机油泵 -> 湘机油泵 (the province abbreviation)."""
    out: set[str] = set()
    core = name
    for n in range(min(5, len(core) - 2), 1, -1):
        pf = place_forms().get(core[:n])
        if pf:
            for abbr in divisions.PROVINCE_ABBREVIATIONS.get(pf.canonical, ()):
                out.add(abbr + core[n:])
            core = core[n:].lstrip("市")
            out.add(core)
            break
    core = _strip_brackets(core)
    for legal in LEGAL_SUFFIXES:
        if core.endswith(legal) and len(core) > len(legal) + 1:
            core = core[:-len(legal)]
            out.add(core)
            break
    for _ in range(2):  # 梦百合家居科技 -> 梦百合家居 -> 梦百合
        ending = next((e for e in rules.enterprise_endings() if core.endswith(e) and len(core) - len(e) >= 2), None)
        if ending is None:
            break
        core = core[:-len(ending)]
        out.add(core)
    return frozenset(out)


def _strip_brackets(s: str) -> str:
    return re.sub(r"[（(][^（）()]*[）)]", "", s)


def propagate(text: str, groups: list[Group], chosen: list[Candidate]) -> None:
    """Every further occurrence of a known name, outside other names, is a mention."""
    covered = bytearray(len(text))
    for c in chosen:
        if not c.nested:
            covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    for g in groups:
        if g.type in ("Place", "Industry"):
            continue  # places are all found by the gazetteer; fields are named in their lists
        forms = {_unquoted(n) for n in g.names} | set(g.names)
        for form in sorted(forms, key=lambda f: (-len(f), f)):  # longest first, in a fixed order
            if len(form) < 2 or text.count(form) <= 1:
                continue  # the one occurrence is the mention found already
            i = text.find(form)
            while i >= 0:
                j = i + len(form)
                if not any(covered[i:j]):
                    g.mentions.append(Candidate(i, j, g.type, "propagated"))
                    covered[i:j] = b"\x01" * (j - i)
                i = text.find(form, j)


_NO_QUOTES = str.maketrans("", "", "“”‘’《》")


def _unquoted(name: str) -> str:
    return name.translate(_NO_QUOTES)


def _without_higher_places(name: str) -> str | None:
    """江西省玉山县星牌台球产业园 is also 玉山县星牌台球产业园, 广东省东莞市常平镇土塘工业园区 also
    常平镇土塘工业园区: a name opening with its province (and city) before a lower place is as
    often written without them."""
    rest, dropped = name, False
    for _ in range(2):  # the province, then the city
        for k in (5, 4, 3, 2):
            head = rest[:k]
            if len(rest) - k >= 4 and any(d.level in ("province", "city") for d in divisions.lookup(head)) \
                    and _leading_place(rest[k:]) is not None:
                rest, dropped = rest[k:], True
                break
        else:
            break
    return rest if dropped else None


def _leading_place(text: str) -> str | None:
    """The division or town (常平镇, 樟村镇) text opens with, or None."""
    town = re.match(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)", text)
    return next((text[:k] for k in (5, 4, 3, 2) if divisions.lookup(text[:k])), None) or (town.group() if town else None)


def to_entities(groups: list[Group]) -> list[Entity]:
    entities: list[Entity] = []
    entries = _reference_entries(groups)
    for g in sorted(groups, key=lambda g: g.first):
        if g.type == "Place":  # 江苏省 is also 江苏, whichever form the text uses
            g.names.extend(n for n in map(short_name, list(g.names)) if n)
        elif g.type in ("Park", "Zone", "Enterprise", "Agency"):
            g.names.extend(n for n in map(_without_higher_places, list(g.names)) if n)
        elif g.type == "Industry":  # 新材料产业 is also 新材料, the field it names
            g.names.extend(n[:-2] for n in list(g.names) if n.endswith("产业") and len(n) >= 4)
        names = list(dict.fromkeys(g.names)) or [g.key]
        name = max(reversed(names), key=lambda n: len(n.translate(_NO_QUOTES)))  # fullest, first on ties
        entry = entries.get(id(g))
        if entry is not None and len(entry.name) >= len(name):
            # a listed entry is named by its list's canonical name, unless the text gives a
            # fuller one (宁夏宝丰能源集团股份有限公司 beside the exchange's short name 宝丰能源)
            name = entry.name
            names = list(dict.fromkeys([*names, name]))
        spans = sorted({(m.start, m.end) for m in g.mentions})
        entities.append(Entity(id=f"e{len(entities) + 1}", name=name, type=g.type,
                               aliases=[n for n in names if n != name],
                               mentions=[Span(a, b) for a, b in spans],
                               ref=entry.ref if entry is not None else None))
    return entities


def _reference_entries(groups: list[Group]) -> dict[int, Entry]:
    """The reference-list entry each group names, by a reference candidate or by one of its
    names (合肥高新区 found by its suffix is nbs:340176); two groups naming one entry merge."""
    by_ref = entry_by_ref()
    lookup = entry_by_name()
    out: dict[int, Entry] = {}
    first: dict[str, Group] = {}
    for g in sorted(groups, key=lambda g: g.first):
        entry = by_ref.get(g.ref) if g.ref else next(
            (e for n in g.names if (e := lookup.get((g.type, normalise(n)))) is not None), None)
        if entry is None or entry.type != g.type:
            continue
        host = first.setdefault(entry.ref, g)
        if host is not g:  # the same entry under another form: one entity
            host.names.extend(g.names)
            host.mentions.extend(g.mentions)
            g.mentions = []
            continue
        out[id(g)] = entry
    groups[:] = [g for g in groups if g.mentions]
    return out
