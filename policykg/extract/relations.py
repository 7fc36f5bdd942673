"""Relations between entities, from a cue table (rules/relation_cues.json) and a few structural rules.

Engine: each period (full-stop sentence) is rewritten with every entity mention replaced by a
token; the cue patterns run over that string and their ``head`` / ``tail`` groups are regions
whose entities (of the listed types) are the ends, so enumerations distribute.  Contexts
carry between periods: the plan being implemented (实施P，建设…) and the zone a paragraph is
about (———Z，… or …，即Z。), which is the head of 以…为载体 / 重点建设… / 围绕…领域; a park
introducing a paragraph (———P，…) is where the parks of its 以…为载体 / 重点建设… lie.

Every relation must fit the type signatures of the registry (policykg.schema, after the annotation spec).

When a cue's region names no entity of the wanted type, an end may fall back (flags of the cue's
head/tail spec, tried in this order): ``plan_anaphor`` (《P》提出，/ 规划明确，… → P or the last
plan named), ``topic_default`` (the entity opening the period: 郧阳工业园作为…，2020年获批Z),
``city_default`` (the document's subject, unless the region names some other thing: 新区, 公司…)
and ``context_default`` (the zone or cluster of the paragraph).

Structural rules (no cue word needed):
- a name that starts with a place is in that place (耒阳大市产业园 → 耒阳; a zone only when the
  place is a city or county and the zone is a site, no group, title or status: 哈尔滨都市圈 is not);
- a plan whose name starts with an agency's name is issued by it (X市政府工作报告 → X市政府), and a
  government work report by the government of its place (X省2026年政府工作报告 → X省人民政府);
- parks and clusters of the article are in the document's subject (lower confidence when no
  city cue is in their sentence), and so is a zone that includes such parks and a park that
  lies in a park of the subject; in a province's document, so are its zones that are sites
  (…基地, …试验区), unless something is designated as them or they are an aim (争创…).

Every relation says how it is known (``Relation.basis``): ``stated`` by its evidence, which
names both ends (an end carried by a context from an earlier period stretches the evidence back
to the period naming it); ``name_prefix`` (the structural name rules, and a plan whose title holds an industry of the text); ``subject_default``
(the subject assumed: a sentence that names neither the subject nor 我市/全省; confidence ≤ 0.5).
"""

from __future__ import annotations


import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property

from policykg.extract.context import DocumentContext, build_context
from policykg.extract.cues import CITY_WORDS, Mention, Period, divisions_of, load_rules, opening_enterprise, place_prefix
from policykg.extract.divisions import lookup
from policykg.extract.entities.names import PROJECT_WORDS, industry_like
from policykg.extract.entities.rules import countries, suffix_by_text
from policykg.extract.document import Document
from policykg.extract.model import Entity, Relation, Span
from policykg.extract.prefilter import LiteralFilter
from policykg.extract.ruledata import ContextRule, Cue, CueEnd, RelationCues
from policykg.schema import allows

TOKEN_OPEN, TOKEN_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(f"{TOKEN_OPEN}(\\d+){TOKEN_CLOSE}")
# removed from the masked text so that cues need not spell quotation marks: 工信部《P》下发
_NOISE = re.compile(r"[\s\u3000“”‘’\"'「」『』《》〈〉]+")


@cache
def _rules() -> RelationCues:
    return load_rules("relation_cues.json")


def _expand(pattern: str) -> re.Pattern[str]:
    titles = "|".join(sorted(_rules().titles, key=len, reverse=True))
    pattern = (pattern.replace("{E}", f"{TOKEN_OPEN}\\d+{TOKEN_CLOSE}")
               .replace("{TITLE}", f"(?:{titles})")
               .replace("{CITYWORD}", "(?:" + "|".join(CITY_WORDS) + ")"))
    return re.compile(pattern)


@cache
def _cues() -> list[tuple[Cue, re.Pattern[str]]]:
    return [(cue, _expand(cue.pattern)) for cue in _rules().cues]


@cache
def _cue_filter() -> LiteralFilter:
    """The literals each cue needs in a period (most periods hold none of a cue's words)."""
    return LiteralFilter(pattern for _, pattern in _cues())


@cache
def _context_filter() -> LiteralFilter:
    return LiteralFilter(pattern for _, pattern in _contexts())


@cache
def _plan_anaphor() -> re.Pattern[str]:
    return _expand(_rules().plan_anaphor_regex)


@cache
def _contexts() -> list[tuple[ContextRule, re.Pattern[str]]]:
    return [(c, _expand(c.pattern)) for c in _rules().contexts]


# A site named as the means or the place of another's work (依托X, 在X): not the subject of its period.
_SITE_AS_MEANS = re.compile(r"(?:依托|借助|利用|依靠|凭借|在|到|赴)" + _TOKEN.pattern)


@dataclass
class _Masked:
    """A period with mentions replaced by tokens; ``mentions[i]`` is token i."""

    text: str
    mentions: list[Mention]

    def entities(self, region: str, types: list[str] | None, pick: str = "all",
                 stop_types: list[str] = ()) -> list[Entity]:
        """Entities of the given types in a region; pick 'first', 'last', 'first_group' /
        'last_group' (the first / last enumeration: 中共中央、国务院印发…; 印发《A》和《B》) or 'all'.
        With pick 'last' / 'last_group', an entity of ``stop_types`` nearer the cue ends the search: in
        以A为龙头的X入选Y, X (a Cluster) is what 入选 speaks of, not A."""
        every = list(_TOKEN.finditer(region))
        if pick in ("last", "last_group") and every \
                and self.mentions[int(every[-1].group(1))].entity.type in stop_types:
            return []
        tokens = [m for m in every
                  if types is None or self.mentions[int(m.group(1))].entity.type in types]
        if tokens and pick == "first":
            tokens = tokens[:1]
        elif tokens and pick == "last":
            tokens = tokens[-1:]
        elif tokens and pick == "first_group":
            tokens = _enumeration(region, tokens)
        elif tokens and pick == "last_group":
            tokens = _enumeration(region, tokens[::-1])[::-1]
        out: list[Entity] = []
        for m in tokens:
            entity = self.mentions[int(m.group(1))].entity
            if entity not in out:
                out.append(entity)
        return out


_OPENING_LABEL = re.compile(r"\s*(?:【[^】]{1,8}】|[［\[][^］\]]{1,8}[］\]])?\s*")  # 【概况】某某开发区成立于…
_REMEMBERED_TYPES = ("Plan", "Cluster", "Park")  # roles last_plan, last_cluster; 园区 = the last park
_MAX_PASSAGE = 800  # characters: an evidence passage longer than this is left to the cue's period


def _last_of(masked: _Masked, etype: str) -> Entity | None:
    """The entity of a type named last in a period, if any."""
    found = [m.entity for m in masked.mentions if m.entity.type == etype]
    return found[-1] if found else None


def _position(match: re.Match[str], group: str) -> int:
    """Where a cue's end stands in the period (a role-only end has no group: the cue's start)."""
    return match.start(group) if group in match.re.groupindex else match.start()


def _enumeration(region: str, tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    """The first token and those joined to it by 、/和/会同… (rules: enumeration_joiners); tokens
    in reading or reverse order."""
    group = [tokens[0]]
    for token in tokens[1:]:
        a, b = sorted((group[-1], token), key=lambda m: m.start())
        if not re.fullmatch(_rules().enumeration_joiners, region[a.end():b.start()]):
            break
        group.append(token)
    return group


@dataclass
class _Context:
    entities: list[Entity]
    until_paragraph: int


class _Extractor:
    def __init__(self, context: DocumentContext):
        self.document = context.document
        self.entities = context.entities
        self.by_id = {e.id: e for e in context.entities}
        self.index = context.mentions
        self.subject = context.subject
        self.provincial = context.provincial
        self.region = context.region
        # the words that name the subject without its name: 我市/全市…, 我省/全省 (a province's document)
        self.subject_words = re.compile("|".join([*CITY_WORDS, context.region.reference_words]
                                                 if context.region else CITY_WORDS))
        self.found: dict[tuple[str, str, str], Relation] = {}
        self.period: Period | None = None  # the period the cues are read in
        self.contexts: dict[str, _Context] = {}
        self.before: dict[str, _Context] = {}  # the contexts as the current period found them
        self.shifts: dict[str, list[tuple[int, list[Entity]]]] = {}  # contexts set inside it, by position
        self.periods = context.periods
        self.period_starts = [p.start for p in self.periods]
        # the Plan / Cluster named last: what 规划提出, 该方案由A印发, A发挥链主作用 speak of
        self.last: dict[str, Entity | None] = {}

    def add(self, head: Entity, relation: str, tail: Entity, evidence: Span, confidence: float,
            basis: str = "stated") -> None:
        """Keep a relation (the most confident of its evidences).  One said of the subject by a
        sentence that names neither the subject nor 我市/全省 is a default of the subject's
        (basis ``subject_default``, confidence at most 0.5)."""
        if head.id == tail.id or not _allowed(head, relation, tail):
            return
        if relation == "locatedIn" and tail is self.subject \
                and re.search(_rules().site_names_regex, _bare(head.name)):
            return  # a factory site, line or checkpoint is no park of the city's
        if basis == "stated" and self.subject is not None and self.subject.id in (head.id, tail.id) \
                and not self.names_subject(evidence):
            if relation == "designatedAs" and self.titled_other(tail, evidence):
                return  # 经济开发区被评为…, 该公司获得…: the title is another holder's
            basis, confidence = "subject_default", min(confidence, 0.5)
        key = (head.id, relation, tail.id)
        known = self.found.get(key)
        if known is None or (known.confidence, known.basis == "stated") < (confidence, basis == "stated"):
            self.found[key] = Relation(head.id, relation, tail.id, evidence, confidence, basis)

    def titled_other(self, title: Entity, evidence: Span) -> bool:
        """Whether the clause of the title names, before it, a holder other than the subject: another
        entity, or a word of a place or body (经济开发区被评为, 4个设区市入选)."""
        first = min((m.start for m in title.mentions if evidence.start <= m.start < evidence.end), default=None)
        if first is None:
            return True
        text = self.document.text
        clause = max(evidence.start, *(text.rfind(c, evidence.start, first) + 1 for c in "，,；;：:"))
        if any(m.entity is not self.subject for m in self.index.within(clause, first)):
            return True
        before = text[clause:first].strip()
        if self.subject is not None and self.subject.type == "Park" and _PARK_ANAPHOR.match(before):
            return False  # 园区先后获评…, in a text about the park: the park itself
        return bool(re.search("[区园村镇市县州省城司团厂校院]", before))

    def names_subject(self, evidence: Span) -> bool:
        """Whether a sentence names the document's subject (its name, or 我市/全市/全省…)."""
        subject = self.subject
        if subject is not None and any(evidence.start <= m.start < evidence.end for m in subject.mentions):
            return True
        return bool(self.subject_words.search(self.document.text, evidence.start, evidence.end))

    def mask(self, period: Period) -> _Masked:
        mentions = self.index.within(period.start, period.end)
        parts, cursor = [], period.start
        for i, m in enumerate(mentions):
            parts.append(self.document.text[cursor:m.start])
            parts.append(f"{TOKEN_OPEN}{i}{TOKEN_CLOSE}")
            cursor = m.end
        parts.append(self.document.text[cursor:period.end])
        return _Masked(_NOISE.sub("", "".join(parts)), mentions)

    # ---------------------------------------------------------------- cue table

    def run(self, steps: bool = False) -> list[Relation]:
        previous_paragraph = -1
        for period in self.periods:
            masked = self.mask(period)
            first_in_paragraph = period.paragraph != previous_paragraph
            previous_paragraph = period.paragraph
            self.expire(period.paragraph)
            self.update_contexts(masked, period, first_in_paragraph)
            evidence = Span(period.start, period.end)
            self.period = period
            cues = _cues()
            for i in _cue_filter().candidates(masked.text):  # the cues whose words the period holds
                cue, pattern = cues[i]
                for match in pattern.finditer(masked.text):
                    self.apply(cue, match, masked, evidence)
            for etype in _REMEMBERED_TYPES:
                self.last[etype] = _last_of(masked, etype) or self.last.get(etype)
        self.address_tails()
        self.through_parks()
        self.structural()
        return sorted((r for r in self.found.values() if steps or not self.in_a_park(r)),
                      key=lambda r: (r.evidence.start, r.relation))

    def in_a_park(self, relation: Relation) -> bool:
        """A locatedIn that ends at a park other than the document's subject: a step to the park's
        place (through_parks, default_location), not an answer. ANNOTATION.md's locatedIn ends at
        a Place; only a park's own page places its parts and firms in the park (measured on the
        1,006 train articles: 5 of 235 such park tails in the gold)."""
        tail = self.by_id.get(relation.tail)
        return relation.relation == "locatedIn" and tail is not None and tail.type == "Park" \
            and tail is not self.subject

    def address_tails(self) -> None:
        """A place stated as an address of divisions (位于四川省乐山市五通桥区) places the thing in
        the address's last division and its city too, not only in the first it names."""
        for r in list(self.found.values()):
            tail = self.by_id.get(r.tail)
            if r.relation != "locatedIn" or r.basis != "stated" or tail is None or tail.type != "Place":
                continue
            for mention in self.index.within(r.evidence.start, r.evidence.end, ["Place"]):
                if mention.entity is not tail:
                    continue
                chain = _address(self.index.within(mention.start, r.evidence.end, ["Place"]), mention.start, True)
                for place in _address_places(chain):
                    self.add(self.by_id[r.head], "locatedIn", place, r.evidence, r.confidence)
                break

    def through_parks(self) -> None:
        """What lies in a park lies in the park's place (A、B在黄石科技城完成注册 → A in 黄石):
        the annotation asks for the place, the park being an optional tail."""
        places_of: dict[str, list[Relation]] = {}
        for r in self.found.values():
            if r.relation == "locatedIn" and self.by_id[r.head].type == "Park" and self.by_id[r.tail].type == "Place":
                places_of.setdefault(r.head, []).append(r)
        for r in list(self.found.values()):
            if r.relation != "locatedIn" or self.by_id[r.tail].type != "Park" or self.by_id[r.head].type != "Enterprise":
                continue
            for placed in places_of.get(r.tail, []):
                confidence = min(r.confidence, placed.confidence) - 0.05
                basis = placed.basis if r.basis == "stated" else r.basis  # the weaker of the two
                self.add(self.by_id[r.head], "locatedIn", self.by_id[placed.tail], r.evidence, confidence, basis)

    def expire(self, paragraph: int) -> None:
        for name in [n for n, c in self.contexts.items() if c.until_paragraph < paragraph]:
            del self.contexts[name]

    def update_contexts(self, masked: _Masked, period: Period, first_in_paragraph: bool) -> None:
        self.shifts, self.before = {}, dict(self.contexts)
        contexts = _contexts()
        for i in _context_filter().candidates(masked.text):
            spec, pattern = contexts[i]
            if spec.paragraph_start and not first_in_paragraph:
                continue
            matches = list(pattern.finditer(masked.text)) if spec.shifts else \
                [m for m in [pattern.search(masked.text)] if m]
            for match in matches:
                self.set_context(spec, masked, match, period)

    def set_context(self, spec: ContextRule, masked: _Masked, match: re.Match[str], period: Period) -> None:
        """A context from here on; one that ``shifts`` within the period (“一区”即Z1，…；“一基地”即Z2，…)
        also holds for the cues after it in the period, until the next."""
        name = spec.sets
        found = masked.entities(match.group("entity"), spec.types)
        if spec.single and len(found) > 1:
            self.contexts.pop(name, None)  # several zones at once: none is the topic
            found = []
        if spec.shifts:
            self.shifts.setdefault(name, []).append((match.start(), found))
        if found:
            self.contexts[name] = _Context(found[-1:] if name == "plan" else found,
                                           period.paragraph + spec.lasts - 1)

    def context(self, name: str, position: int) -> list[Entity]:
        """The entities of a context at a position of the current period; the park context of a
        text about one park is that park wherever no paragraph sets another."""
        shifted = [found for start, found in self.shifts.get(name, []) if start <= position]
        if shifted:
            return list(shifted[-1])
        context = (self.before if self.shifts.get(name) else self.contexts).get(name)
        if context is None and name == "park" and self.main_park is not None:
            return [self.main_park]
        return list(context.entities) if context else []

    @cached_property
    def main_park(self) -> Entity | None:
        """The park a text about one park is about (【概况】某某开发区成立于…；…已形成A、B五大主导
        产业): the only park of its title line, or of an opening period that opens with it (after
        a label), named no less often than any other."""
        if not self.periods:
            return None
        first = self.periods[0]
        label = _OPENING_LABEL.match(self.document.text, first.start, first.end)
        start = label.end() if label else first.start
        mentions = self.index.within(start, first.end)
        title = len(self.periods) > 1 and self.periods[1].paragraph != first.paragraph \
            and not self.document.text[first.start:first.end].rstrip().endswith("。")
        opening = [m for m in mentions if m.start == start or title]
        if not opening or opening[0].entity.type != "Park" \
                or any(m.entity.type == "Park" and m.entity is not opening[0].entity for m in mentions):
            return None  # (甲开发区和乙工业园区介绍: two parks, no one the text is about)
        park = opening[0].entity
        others = [e for e in self.entities if e.type == "Park" and e is not park]
        return None if any(len(p.mentions) > len(park.mentions) for p in others) else park

    def apply(self, cue: Cue, match: re.Match[str], masked: _Masked, evidence: Span) -> None:
        heads = self.ends(cue.head, match, masked, "head")
        tails = self.ends(cue.tail, match, masked, "tail")
        for head in heads:
            for tail in tails:
                relation = cue.relation
                if cue.status_relation and re.search(_rules().status_names_regex, _bare(tail.name)):
                    relation = cue.status_relation  # 入选…试点城市 gives a status; 入选…城市群, a group
                self.add(head, relation, tail, self.passage(evidence, head, tail), cue.confidence)

    def passage(self, evidence: Span, *ends: Entity) -> Span:
        """The evidence of a relation one of whose ends a context carried from an earlier period
        (the zone of the paragraph, the plan being implemented): from the period that names that
        end to the cue's, so that the evidence names both; the cue's period alone when the end
        is too far back (the subject needs no naming: 我市 or a subject default)."""
        start = evidence.start
        for entity in ends:
            if entity is self.subject or any(start <= m.start < evidence.end for m in entity.mentions):
                continue
            earlier = [m.start for m in entity.mentions if m.start < start]
            if not earlier:
                continue
            period = self.periods[bisect_right(self.period_starts, max(earlier)) - 1]
            if evidence.end - period.start <= _MAX_PASSAGE:
                start = period.start
        return Span(start, evidence.end) if start != evidence.start else evidence

    def ends(self, spec: CueEnd, match: re.Match[str], masked: _Masked, group: str) -> list[Entity]:
        role = spec.role
        if role == "city":
            return [self.subject] if self.subject else []
        if role is not None and role.startswith("last_"):  # last_plan / last_cluster
            named = self.last.get(role.split("_")[1].title())
            return [named] if named else []
        if role is not None and role.startswith("context_"):  # context_zone / _cluster / _plan / _park
            return self.context(role.split("_")[1], _position(match, group))
        region = match.group(group) or ""
        found = masked.entities(region, spec.types, spec.pick, spec.stop_types)
        if not found and spec.plan_anaphor:
            found = self.plan_anaphor(match, masked, group)
        if not found and spec.topic_default:
            found = self.topic(match, masked, group, spec.types)
        if not found and spec.site_default:
            found = self.sole_site(match, masked, group)
        if not found and spec.company_anaphor and (_COMPANY_ANAPHOR.fullmatch(region.strip()) or (
                re.fullmatch(r"(?:现|目前|现已|已)?", region.strip()) and _COMPANY_ANAPHOR.match(masked.text.lstrip()))):
            company = self.opening_enterprise(self.period.start) or self.main_enterprise
            found = [company] if company else []
        if not found and spec.city_default and self.subject and not _TOKEN.search(region) \
                and not re.search(_rules().city_default_blockers, region) \
                and not re.search(_rules().own_subject_regex, region):
            found = [self.subject]
        for name in spec.context_default:
            if found:
                break
            found = self.context(name, _position(match, group))
        return found

    def opening_enterprise(self, position: int) -> Entity | None:
        """The enterprise that opens the sentence before position in its paragraph (某某公司是…企业。
        公司位于…): what 公司 there refers to."""
        i = bisect_right(self.period_starts, position) - 1
        for period in reversed(self.periods[max(0, i - 3):i]):
            if period.paragraph != self.periods[i].paragraph:
                break
            opener = opening_enterprise(self.index, period)
            if opener is not None:
                return opener
        return None

    @cached_property
    def main_enterprise(self) -> Entity | None:
        """The company a text about one company is about (公司始创于…，现位于…): the enterprise
        named most often, when it is named at least twice as often as any other."""
        counts = sorted(((len(e.mentions), e) for e in self.entities if e.type == "Enterprise"),
                        key=lambda x: -x[0])
        if not counts or (len(counts) > 1 and counts[0][0] < 2 * counts[1][0]):
            return None
        return counts[0][1]

    def topic(self, match: re.Match[str], masked: _Masked, group: str, types: list[str] | None) -> list[Entity]:
        """The entity that opens the period (after 其中/同时…), when the cue's own clause names none:
        郧阳工业园作为…，2020年获批Z → 郧阳工业园."""
        opening = re.match(_rules().topic_opening + _TOKEN.pattern, masked.text)
        if opening is None:
            park = self.last.get("Park")
            said = _PARK_ANAPHOR.match(masked.text)
            if park is not None and said and said.end() <= match.end(group) \
                    and (types is None or "Park" in types):
                return [park]  # 园区重点发展A、B: the park the text is about
            return []
        if opening.end() > match.start(group):
            return []
        if re.search(_rules().own_subject_regex, match.group(group) or ""):
            return []  # …，潍柴动力被认定为Z: the clause has a subject of its own, named or not
        if _PROJECT_AFTER.match(masked.text, opening.end()):
            return []  # 长安汽车数智工厂…建成投产，…入选Z: the company names a project, not the period's subject
        return masked.entities(opening.group(0), types, "last")

    def sole_site(self, match: re.Match[str], masked: _Masked, group: str) -> list[Entity]:
        """The one zone or park that the period names before the cue's clause, when that clause
        names none (推动X提档升级，聚焦A、B → X; X在推进…中，…，重点发展A、B → X)."""
        before = masked.text[:match.start(group)]
        found = masked.entities(before, ["Zone", "Park"], "all")
        if len(found) != 1 or _SITE_AS_MEANS.search(before):
            return []  # 依托城东工业园建设，重点发展A: the park is where, not who
        return found

    def plan_anaphor(self, match: re.Match[str], masked: _Masked, group: str) -> list[Entity]:
        """The plan a clause opening with 《P》提出， / 规划明确， speaks for: P, or the last plan named."""
        said = _plan_anaphor().search(masked.text[:match.end(group)])
        if said is None:
            return []
        if _TOKEN.search(said.group(0)):  # 《P》提出 names its plan; 市委提出 is no plan's word
            return masked.entities(said.group(0), ["Plan"], "last")
        return [self.last["Plan"]] if self.last.get("Plan") else []

    # ---------------------------------------------------------------- structural rules

    def structural(self) -> None:
        places = [e for e in self.entities if e.type == "Place"]
        agencies = [e for e in self.entities if e.type == "Agency"]
        enterprises = [e for e in self.entities if e.type == "Enterprise"]
        statuses = self.statuses()
        for entity in self.entities:
            evidence = self.first_evidence(entity)
            if evidence is None:
                continue
            if entity.type in _rules().prefix_location_types and entity.id not in statuses \
                    and not _INSTITUTION_IN_NAME.search(entity.name) \
                    and _prefix_entity(_bare(entity.name), [e for e in enterprises if e is not entity]) is None:
                # not 某某大学科技园 (a university's place word), 东岭新能源信阳基地 (a company's)
                place = place_prefix(_bare(entity.name), places)
                if entity.type == "Zone" and place is not None and not self.zone_in_prefix(entity, place):
                    place = None
                if entity.type == "Enterprise" and place is not None \
                        and (self.subject is None or not _same_name(place, self.subject)) \
                        and any(d.level == "province" for d in divisions_of(place)):
                    place = None  # 贵州某某实业有限公司: registered in the province, found anywhere in it (said in a province's own document)
                if place is not None:
                    self.add(entity, "locatedIn", place, evidence, 0.8, "name_prefix")
                    if self.subject is not None and _within(place, self.subject):
                        self.add(entity, "locatedIn", self.subject, evidence, 0.7, "name_prefix")
            if entity.type == "Plan":
                agency = _prefix_entity(_bare(entity.name), agencies)
                if agency is not None:
                    self.add(entity, "issuedBy", agency, evidence, 0.75, "name_prefix")
                else:
                    agency = self.government_of_report(entity, agencies)
                    if agency is not None:
                        self.add(entity, "issuedBy", agency, evidence, 0.7, "name_prefix")
        self.named_focus(enterprises)
        self.addresses()
        self.default_location()
        self.reply_addressees()
        self.signed_notices()
        self.report_speaker()

    def named_focus(self, enterprises: list[Entity]) -> None:
        """A plan whose title holds an industry of the text focuses on it (上海市促进高端医疗器械产业
        全链条发展行动方案 → 高端医疗器械产业), unless it is an "X+" campaign (“人工智能+”行动). A park or
        cluster named after its industry (模具产业园) is left alone: the annotation takes that link
        as optional at most."""
        industries = [(e, [_bare(f) for f in (e.name, *e.aliases) if len(_bare(f)) >= 2])
                      for e in self.entities if e.type == "Industry" and industry_like(_bare(e.name), modified=True)]
        for entity in self.entities:
            if entity.type != "Plan":
                continue
            name = _bare(entity.name)
            if _prefix_entity(name, enterprises) is not None or _CAMPAIGN_AFTER.search(name):
                continue
            evidence = self.first_evidence(entity)
            if evidence is None:
                continue
            for industry, forms in industries:
                if any(f in name and f != name for f in forms):
                    self.add(entity, "focusesOn", industry, evidence, 0.6, "name_prefix")

    def addresses(self) -> None:
        """A park or zone named right after an address of two divisions or more lies in the
        last of them and in its city (位于湖北省襄阳市襄州区国家汽车零部件产业示范基地)."""
        for mention in self.index.mentions:
            if mention.entity.type not in ("Park", "Zone"):
                continue
            before = self.index.within(max(0, mention.start - 40), mention.start, ["Place"])
            for place in _address_places(_address(before[::-1], mention.start, False)):
                self.add(mention.entity, "locatedIn", place, self.sentence_of(mention.start, mention.end), 0.75)

    @staticmethod
    def zone_in_prefix(zone: Entity, place: Entity) -> bool:
        """Does a zone lie in the place its name opens with? Not a group or a title (哈尔滨都市圈,
        某省绿色园区), nor one named after a region; after a province only a site the province
        holds (某省某某新区, 某省转型综合改革示范区, 中国（某省）自由贸易试验区)."""
        name = _bare(zone.name)
        if re.search(_rules().zone_title_names_regex, name):
            return False
        divisions = divisions_of(place)
        if not any(d.level == "province" for d in divisions):
            return bool(divisions)  # a city's or county's zone; not one named after a region (长三角)
        return bool(re.search(_rules().province_zone_sites_regex, name))

    def reply_addressees(self) -> None:
        """A reply (批复, 复函) opens with its addressees and 你们《P》收悉: the request P it
        answers was issued by them (河北省人民政府、国家发展改革委：\n你们《关于…的请示》收悉)."""
        text = self.document.text
        for m in _ADDRESSEES.finditer(text):
            said = _RECEIVED.match(text, m.end())
            if said is None:
                continue
            agencies = [x.entity for x in self.index.within(m.start("names"), m.end("names"), ["Agency"])]
            plans = [x.entity for x in self.index.within(said.start("plan"), said.end("plan"), ["Plan"])]
            covered = sum(x.end - x.start for x in self.index.within(m.start("names"), m.end("names")))
            if not agencies or len(plans) != 1 or covered < len(re.sub(r"[、，,\s]", "", m.group("names"))):
                continue  # the line must be nothing but names of bodies
            evidence = Span(m.start("names"), said.end())
            for agency in agencies:
                self.add(plans[0], "issuedBy", agency, evidence, 0.8)
        self.reply_approvals()

    def signed_notices(self) -> None:
        """A notice signed by its bodies (lines naming nothing but one body each, then a dated
        line) is issued by them, and so is what it hands out: 现将《P》印发给你们 / 关于印发《P》的
        通知 … 某县人民政府办公室\n2023年5月8日 (several bodies sign a joint notice line by line)."""
        text = self.document.text
        blocks = [block for m in _SIGNATURE_DATE.finditer(text) if (block := self.signers_before(m.start()))]
        if len(blocks) != 1:
            return  # no signature, or several: a collection of documents
        signers = blocks[0]
        evidence = Span(signers[0].start, signers[-1].end)
        for m in _HANDED_OUT.finditer(text):
            for plan in self.index.within(m.start("plan"), m.end("plan"), ["Plan"]):
                for signer in signers:
                    self.add(plan.entity, "issuedBy", signer.entity, evidence, 0.75)

    def signers_before(self, position: int) -> list[Mention]:
        """The bodies signing on the lines right above position (blank lines between them
        allowed): each line Agency names and nothing else."""
        text, signers = self.document.text, []
        end = text.rfind("\n", 0, position)
        while end > 0:
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end]
            end = start - 1
            if not line.strip(" \t\u3000"):
                continue
            names = self.index.within(start, start + len(line), ["Agency"])
            if not names or re.sub(r"\s", "", line) != "".join(re.sub(r"\s", "", text[n.start:n.end]) for n in names):
                break
            signers[:0] = names
        return signers

    def report_speaker(self) -> None:
        """A work report's speaker speaks for the government he reports for: the person named
        last before 我代表某省人民政府，向大会报告工作 (省长 王某 … 各位代表：现在，我代表…)."""
        text = self.document.text
        for m in _ON_BEHALF.finditer(text):
            bodies = self.index.within(m.end(), m.end() + 20, ["Agency"])
            if not bodies or bodies[0].start != m.end():
                continue
            persons = self.index.within(max(0, m.start() - _SPEAKER_REACH), m.start(), ["Person"])
            if persons:
                evidence = Span(persons[-1].start, bodies[0].end)
                self.add(persons[-1].entity, "affiliatedWith", bodies[0].entity, evidence, 0.75)

    def reply_approvals(self) -> None:
        """In a reply (…的批复, …的复函), (原则)同意《P》 is the approval of P by the body that
        issued the reply (国务院关于…的批复：一、原则同意《…总体规划》)."""
        replies = [e for e in self.entities if e.type == "Plan" and re.search("(?:批复|复函)$", _bare(e.name))
                   and e.mentions and min(m.start for m in e.mentions) < 200]
        issuers = [self.by_id[r.tail] for reply in replies for r in self.found.values()
                   if r.head == reply.id and r.relation == "issuedBy"]
        if len(issuers) != 1:
            return
        text = self.document.text
        for m in _APPROVED.finditer(text):
            for mention in self.index.within(m.start("plan"), m.end("plan"), ["Plan"]):
                period = next((p for p in self.periods if p.start <= m.start() < p.end), None)
                evidence = Span(period.start, period.end) if period else Span(m.start(), m.end())
                self.add(mention.entity, "approvedBy", issuers[0], evidence, 0.8)

    def default_location(self) -> None:
        """Parks and clusters of the article are in its subject, and so are, in a province's
        document, the zones that are sites (…基地, …试验区); zones that include them too. In a
        text whose subject is a park, only the parks and clusters named after no place are its
        parts (莱克工业园, 科技城); the others are its partners or its peers in a ranking."""
        if self.subject is None:
            return
        located = {r.head for r in self.found.values() if r.relation == "locatedIn"}
        statuses = self.statuses()
        for entity in self.entities:
            if entity.type == "Zone" and (not self.provincial or entity.id in statuses
                                          or not re.search(_rules().zone_site_names_regex, _bare(entity.name))
                                          or self.aspired(entity)):
                continue  # a title (…中心城市), a status of something's or an aim is nowhere by default
            if entity.type not in ("Park", "Cluster", "Zone") or entity.id in located \
                    or re.search(_rules().generic_names_regex, _bare(entity.name)) \
                    or _same_name(entity, self.subject) or _named_after_elsewhere(entity, self.subject) \
                    or (self.subject.type != "Place" and _opens_with_place(entity)):
                continue
            evidence = self.first_evidence(entity)
            if evidence is not None and not self.elsewhere(entity) and not self.placed_elsewhere_in(evidence, entity):
                self.add(entity, "locatedIn", self.subject, evidence, 0.5, "subject_default")
        in_subject = {r.head for r in self.found.values()
                      if r.relation == "locatedIn" and r.tail == self.subject.id}
        for r in list(self.found.values()):  # a park in a park of the subject is in the subject
            head = self.by_id.get(r.head)
            if r.relation == "locatedIn" and r.tail in in_subject and head is not None \
                    and self.by_id[r.tail].type == "Park":
                self.add(head, "locatedIn", self.subject, r.evidence, 0.5, "subject_default")
        for r in list(self.found.values()):
            head = self.by_id.get(r.head)
            if r.relation == "includes" and head is not None and head.type == "Zone" and r.tail in in_subject:
                self.add(head, "locatedIn", self.subject, r.evidence, 0.5, "subject_default")

    def statuses(self) -> set[str]:
        """The ids of the zones and clusters something is designated as or a member of."""
        return {r.tail for r in self.found.values() if r.relation in ("designatedAs", "memberOf")}

    def government_of_report(self, plan: Entity, agencies: list[Entity]) -> Entity | None:
        """The government a work report is of: 陕西省2026年政府工作报告 → 陕西省人民政府; a bare
        政府工作报告 is the subject's."""
        report = re.match(_rules().work_report_regex, _bare(plan.name))
        if report is None:
            return None
        place = report.group("place") or (self.region.name if self.region else "")
        own = self.region is not None and bool(place) and _same_place(place, self.region.name)
        for agency in agencies:
            government = re.match(_rules().government_regex, _bare(agency.name))
            if government is None or not place:
                continue
            if _same_place(government.group("place"), place) or (own and government.group("place") in _LEVEL_WORDS):
                return agency  # (我代表)省人民政府 in the province's own report
        return None

    def aspired(self, entity: Entity) -> bool:
        """Whether a zone is first named as an aim or a kind (争创…基地, 一批…基地)."""
        first = min(entity.mentions, key=lambda m: m.start, default=None)
        evidence = self.first_evidence(entity)
        if first is None or evidence is None:
            return False
        before = self.document.text[evidence.start:first.start]
        return bool(re.search(_rules().zone_aspiration_regex, before))

    def placed_elsewhere_in(self, sentence: Span, entity: Entity) -> bool:
        """Does the sentence that first names the entity name, before it, a place that is neither
        the subject nor one the subject lies in (在黑龙江黑河，某跨境电商产业园建成…
        in an article about another city)? Then the subject is no safe default."""
        first = min(m.start for m in entity.mentions)
        subject_divisions = divisions_of(self.subject)
        subject_names = {d.name for d in subject_divisions}
        before = self.index.within(sentence.start, first)
        for mention in before:
            place = mention.entity
            if place.type != "Place" or place.id == self.subject.id or _same_name(place, self.subject) \
                    or any(o.start <= mention.start and mention.end <= o.end and o is not mention for o in before):
                continue  # the subject, or a place word inside another name (青岛某某电器)
            divisions = divisions_of(place)
            names = {d.name for d in divisions}
            if any(d.province in names or d.city in names for d in subject_divisions) \
                    or any(d.city in subject_names or d.province in subject_names for d in divisions):
                continue  # the subject's province or city, or a district of the subject
            return True
        return False

    def elsewhere(self, entity: Entity) -> bool:
        """A park named after a place that is not the subject's (a prefix resolved to another place)."""
        return any(r.head == entity.id and r.relation == "locatedIn" for r in self.found.values())

    def first_evidence(self, entity: Entity) -> Span | None:
        if not entity.mentions:
            return None
        first = min(entity.mentions, key=lambda m: m.start)
        return self.sentence_of(first.start, first.end)

    def sentence_of(self, start: int, end: int) -> Span:
        """The period a mention at [start, end) stands in (the mention itself outside any)."""
        i = bisect_right(self.period_starts, start) - 1  # periods are sorted and disjoint
        if i >= 0 and start < self.periods[i].end:
            return Span(self.periods[i].start, self.periods[i].end)
        return Span(start, end)


_PARK_ANAPHOR = re.compile(r"(?:<[^<>]{0,120}>)*(?:其中|同时|目前|此外|近年来)?[，,]?(?:该|本|全)?园区(?:内|目前|已|现)?")
_APPROVED = re.compile(r"(?:原则)?同意(?P<plan>《[^\n《》]{2,80}(?:〈[^\n]{2,60}?〉[^\n《》]{0,20})?》)")
_SIGNATURE_DATE = re.compile(r"(?m)^[ \t\u3000]*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[ \t\u3000]*$")
# 我代表某省人民政府，向大会报告工作: the speaker of a work report, named within a few lines before
_ON_BEHALF = re.compile(r"我代表(?=[^，。；\n]{2,20}?[，,]?\s*向大会(?:报告|作报告))")
_SPEAKER_REACH = 200
_HANDED_OUT = re.compile(r"(?:印发|现将|下发|转发)(?P<plan>《[^《》\n]{2,120}》)")
_ADDRESSEES = re.compile(r"(?m)^(?P<names>[^\n：:。；]{2,80})[：:]\s*\n?")
_RECEIVED = re.compile(r"\s*你们(?:报送的|上报的|呈报的|的)?(?P<plan>《[^\n]{2,120}?》)(?:[^\n。]{0,8})?收悉")


def _allowed(head: Entity, relation: str, tail: Entity) -> bool:
    """Whether the relation may join these types (the registry's signatures, policykg.schema):
    every relation the extractor emits passes here."""
    return allows(head.type, relation, tail.type)


_INSTITUTION_IN_NAME = re.compile("大学|学院")
_LEVEL_WORDS = ("省", "市", "自治区", "县", "区", "州", "盟", "旗")  # 省人民政府: the government of the document's own place
_CAMPAIGN_AFTER = re.compile(r"[+＋]|[^\d]十”")  # “人工智能+”行动: a campaign applying the field, not one for it
_COMPANY_ANAPHOR = re.compile(r"(?:[（(][^）)]*[）)])?(?:该|本|我|这家)?(?:公司|企业|集团)(?:目前|现|现已)?")  # 公司现位于…


def _within(place: Entity, subject: Entity) -> bool:
    """Whether a place lies in the subject by the gazetteer (places it does not know are assumed local)."""
    if place.id == subject.id:
        return False
    divisions = divisions_of(place)
    subject_names = {d.name for d in divisions_of(subject)}
    if not divisions:
        return bool(subject_names) and place.name not in countries()  # 意大利 lies in no city
    return any(d.city in subject_names or d.province in subject_names for d in divisions if d.level != "province")


def _same_place(a: str, b: str) -> bool:
    """Whether two place names name the same division (陕西 / 陕西省), or are the same words."""
    if a == b:
        return True
    codes = {d.code for d in lookup(a)}
    return bool(codes) and bool(codes & {d.code for d in lookup(b)})


# a project named after the company that opens a period (长安汽车数智工厂, 比亚迪二期项目)
_PROJECT_AFTER = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{PROJECT_WORDS})")


def _named_after_elsewhere(entity: Entity, subject: Entity) -> bool:
    """A name opening with a city or province (by the gazetteer) unrelated to the subject: 苏州工业园区
    in an article about 常州 is not in 常州."""
    subject_divisions = divisions_of(subject)
    if not subject_divisions:
        return False
    related = {n for d in subject_divisions for n in (d.name, d.city, d.province) if n}
    name = _bare(entity.name)
    for length in (4, 3, 2):
        prefixes = [d for d in lookup(name[:length]) if d.level in ("city", "province")]
        if prefixes:
            return not any(d.name in related for d in prefixes)
    return False


def _opens_with_place(entity: Entity) -> bool:
    """A name opening with a division of any level (by the gazetteer): 苏州浒墅关经济技术开发区."""
    name = _bare(entity.name)
    return any(lookup(name[:length]) for length in (4, 3, 2))


def _same_name(a: Entity, b: Entity) -> bool:
    """Whether a name of ``a`` ends a name of ``b`` (高新区 / 苏州高新区): likely the same thing.
    A bare head among a's aliases (浒关开发区's 开发区) names nothing of its own: it would end
    any park's full name (苏州高新技术产业开发区)."""
    heads = suffix_by_text()
    forms_a = {_bare(f) for f in [a.name, *(x for x in a.aliases if _bare(x) not in heads)]}
    forms_b = {_bare(f) for f in [b.name, *b.aliases]}
    return any(y.endswith(x) for x in forms_a for y in forms_b if len(x) >= 2)


def _bare(name: str) -> str:
    return re.sub(r"[“”\"《》〈〉「」『』\s]", "", name)


def _address(mentions: list[Mention], anchor: int, forward: bool) -> list[Mention]:
    """The Place mentions written one after another from anchor on (forward; ``mentions`` in
    text order) or up to it (``mentions`` nearest first): an address of divisions, in text order."""
    chain: list[Mention] = []
    for m in mentions:
        joint = chain[-1] if chain else None
        edge = (joint.end if forward else joint.start) if joint else anchor
        if (m.start if forward else m.end) == edge:
            chain.append(m)
        elif chain or not forward:
            break
    return chain if forward else chain[::-1]


def _address_places(chain: list[Mention]) -> list[Entity]:
    """Where an address of two divisions or more puts a thing: its last division and its city."""
    if len(chain) < 2:
        return []
    cities = [m.entity for m in chain[:-1] if any(d.level == "city" for d in divisions_of(m.entity))]
    return [chain[-1].entity, *cities[-1:]]


def _prefix_entity(name: str, candidates: list[Entity]) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for entity in candidates:
        for form in [entity.name, *entity.aliases]:
            form = _bare(form)
            if len(form) >= 3 and name.startswith(form) and len(name) > len(form) + 1:
                if best is None or len(form) > best[0]:
                    best = (len(form), entity)
    return best[1] if best else None


def find_relations(document: Document, entities: list[Entity], context: DocumentContext | None = None,
                   *, steps: bool = False) -> list[Relation]:
    """The relations the document states between its entities (``context``: the document's,
    built when not given). ``steps`` keeps the park-tailed locatedIn the extractor reasons
    through (A公司在某某园区投资设立 → the park's place); the answer leaves them out."""
    return _Extractor(context or build_context(document, entities)).run(steps)
