"""The candidate finders of the entity pipeline: spaCy components, one job each.

Each component reads ``doc._.document`` (the policykg Document, clean text = doc._.document.text) and
``doc._.subject`` (the subject city) and appends Candidates to ``doc._.candidates``; the frame
around them (the context first, ``policykg_resolve`` last, which turns the candidates into
``doc.spans["policykg"]``) is in ``nlp.py``, their order in ``rules/entity_pipeline.cfg``.
The priorities a component gives its candidates, and the rule files it alone reads, are its
factory's ``default_config`` (the shared name grammar of names.py reads the packaged files).
"""

from __future__ import annotations

import inspect
import re
from functools import cache
from typing import Any, Callable, Iterable, Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from policykg.extract import divisions
from policykg.extract.entities import reference, rules
from policykg.extract.entities.lexicon import (
    MIN_WORD_FREQ, alternation, common_word, crosses_edge, is_word, word_crosses_ends, word_freq, word_tag,
    words_of,
)
from policykg.extract.entities.names import (
    CLOSE_QUOTES, INNER_COUNT, OPEN_QUOTES, PROJECT_TAIL, QUOTES, Candidate, after_nested_park, branded_firm, company_span, count_ends_at, cue_pattern,
    ends_with_head, find_heads, has_name_marker, industry_like, is_cjk, is_generic, left_edge, only_industry_words, opens_generic,
    agency_start, division_length, opens_with_verb, quantifier_length, reference_length, registered_start, run_start, strip_quantifier, strong_cue_pattern, suffix_pattern,
)
from policykg.extract.divisions import ADMIN_SUFFIXES, COUNTY, names_a_province
from policykg.extract.entities.places import PlaceForm, is_place, place_forms, plausible_place_at

# The working state of the pipeline (set by its first component, dropped by its last), kept in
# one object under doc.user_data[STATE_KEY] that doc._.document, doc._.subject and
# doc._.candidates read and write: the finders get it as the ``_`` of a light view of the Doc
# (_FinderDoc), since every doc._ access builds an Underscore (~2 µs, ~60 per document).
STATE_KEY = "policykg_state"


class _State:
    __slots__ = ("document", "subject", "candidates")

    def __init__(self) -> None:
        self.document = self.subject = self.candidates = None


def _state(doc: Doc) -> _State:
    state = doc.user_data.get(STATE_KEY)
    if state is None:
        state = doc.user_data[STATE_KEY] = _State()
    return state


def drop_state(doc: Doc) -> None:
    """Forget the working state (a Python object: a Doc holding it would not serialise)."""
    doc.user_data.pop(STATE_KEY, None)


for _ext in ("document", "subject", "candidates"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, getter=lambda doc, _name=_ext: getattr(doc.user_data.get(STATE_KEY), _name, None),
                          setter=lambda doc, value, _name=_ext: setattr(_state(doc), _name, value))


class _FinderDoc:
    """The Doc as a finder sees it: ``doc._`` is the working state itself; anything else is
    the Doc's."""

    __slots__ = ("doc", "_")

    def __init__(self, doc: Doc):
        self.doc, self._ = doc, _state(doc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.doc, name)

    def __getitem__(self, key: Any) -> Any:
        return self.doc[key]

    def __len__(self) -> int:
        return len(self.doc)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.doc)

# What every finder reads and writes, as spaCy's analyze_pipes shows it.
FINDER_REQUIRES = ["doc._.document", "doc._.subject", "doc._.candidates"]
FINDER_ASSIGNS = ["doc._.candidates"]

HARD_STOP = "，。；：！？\n,;:!?（("
Finder = Callable[..., Iterator[Candidate]]


def _component(name: str, **config: Any) -> Callable[[Finder], Finder]:
    """Register a candidate finder as the spaCy factory name, whose component appends the
    finder's candidates. config is the factory's default_config (priorities, rule files); the
    finder gets its settings as keyword arguments."""
    def register(finder: Finder) -> Finder:
        def make(nlp: Language, name: str, **settings: Any) -> Callable[[Doc], Doc]:
            def component(doc: Doc) -> Doc:
                view = _FinderDoc(doc)
                view._.candidates.extend(finder(view, **settings))
                return doc
            return component
        make.__signature__ = _factory_signature(config)  # type: ignore[attr-defined]
        Language.factory(name, default_config=config, requires=FINDER_REQUIRES, assigns=FINDER_ASSIGNS,
                         func=make)
        return finder
    return register


def _factory_signature(config: dict[str, Any]) -> inspect.Signature:
    """spaCy validates a component's config against its factory's signature: name each
    setting there, typed as its default."""
    kind = inspect.Parameter.KEYWORD_ONLY
    return inspect.Signature([
        inspect.Parameter("nlp", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Language),
        inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str),
        *(inspect.Parameter(key, kind, default=value, annotation=type(value)) for key, value in config.items()),
    ])


# ---------------------------------------------------------------- gazetteers

class _GazetteerComponent:
    """A component matching a word list with spaCy's PhraseMatcher (fast, built once)."""

    def __init__(self, nlp: Language, forms: Iterable[str]):
        self.matcher = PhraseMatcher(nlp.vocab)
        self.matcher.add("FORM", list(nlp.tokenizer.pipe(sorted(forms))))

    def spans(self, doc: Doc) -> list[tuple[int, int]]:
        """Longest non-overlapping matches, as clean-text character spans."""
        found = sorted(self.matcher(doc), key=lambda m: (m[1], m[1] - m[2]))
        out: list[tuple[int, int]] = []
        last = -1
        for _, s, e in found:
            if s >= last:
                tok = doc[e - 1]
                out.append((doc[s].idx, tok.idx + len(tok.text)))
                last = e
        return out


_CENTRAL_AGENCIES_FILE = "entity_central_agencies.tsv"


@Language.factory("policykg_gazetteers", requires=FINDER_REQUIRES, assigns=FINDER_ASSIGNS, default_config={
    "agencies_file": _CENTRAL_AGENCIES_FILE, "zones_file": "entity_national_zones.tsv",
    "agency_priority": 72, "zone_priority": 72, "place_priority": 30})
class GazetteerFinder(_GazetteerComponent):
    """Names from public reference lists, in one PhraseMatcher pass: admin divisions and named
    regions (Place; a county's short form only inside the subject city), central bodies
    (Agency: 工信部 = 工业和信息化部) and national areas without a park suffix (Park: 两江新区)."""

    def __init__(self, nlp: Language, name: str, agencies_file: str, zones_file: str,
                 agency_priority: int, zone_priority: int, place_priority: int):
        self.agencies, self.zones = rules.central_agencies(agencies_file), rules.national_zones(zones_file)
        self.priorities = {"Agency": agency_priority, "Park": zone_priority, "Place": place_priority}
        super().__init__(nlp, {**place_forms(), **self.agencies, **self.zones})

    def __call__(self, doc: Doc) -> Doc:
        text, subject, forms = doc._.document.text, doc._.subject, place_forms()
        agencies, zones, priority = self.agencies, self.zones, self.priorities
        add = doc._.candidates.append
        for a, b in self.spans(doc):
            form = text[a:b]
            if form in agencies:
                prefix = text[max(0, a - 2):a]
                if (prefix == "国家" and not form.startswith("国")) or (prefix == "中国" and not form.startswith("中")):
                    a -= 2  # 国家工信部, 中国证监会, 中国国务院: the text's fuller form, an alias of the body
                add(Candidate(a, b, "Agency", "central", priority["Agency"], name=agencies[form]))
                continue
            if form in zones:
                add(Candidate(a, b, "Park", "national_zone", priority["Park"], name=zones[form]))
                continue
            pf = forms[form]
            former = _with_former_suffix(text, b, pf)  # 赣榆|县: a division word says the short form is one
            if pf.cautious and (subject is None or pf.city != subject.prefecture) and former == b \
                    and not (pf.level == "county" and text.startswith(_park_heads(), b)) \
                    and not _placed_county_form(text, a, b, form):
                continue  # (湘乡经开区, 韶山高新区: a park's name says its county's short form is one)
            if not plausible_place_at(text, a, b, pf):
                continue
            b = former
            add(Candidate(a, b, "Place", "gazetteer", priority["Place"], name=pf.canonical, nested=True))
        return doc


def _placed_county_form(text: str, start: int, end: int, form: str) -> bool:
    """A county's or county-level city's short form outside the subject city, trusted where the
    form names one division only and the text uses it as a place: in a row of names
    (昆山、江阴) or after a word of place (在丹寨, 位于彭州的)."""
    before, after = text[start - 1:start], text[end:end + 1]
    placed = text[max(0, start - 2):start] in _PLACE_WORDS or before in _PLACE_WORDS
    listed = before in _ITEM_STARTS and after in _ITEM_ENDS and "、" in (before, after)
    if not (placed or listed):
        return False  # (the cheap tests first: most cautious forms stand in running text)
    entries = divisions.gazetteer().get(form, ())
    if len({e.division.name + e.division.city for e in entries}) != 1 \
            or not entries[0].division.name.endswith(_COUNTY_LEVEL_ENDINGS):
        return False
    # 泽库牦牛, 兴隆路, 长白山: the form opens a longer name
    return after in _ITEM_ENDS or end == len(text) or _verb_follows(text, end)


def _verb_follows(text: str, end: int) -> bool:
    """Does a verb, an adverb or a preposition follow (在丹寨启动, 张家港首次突破)?"""
    words = words_of(text[end:end + 4])
    return bool(words) and len(words[0]) > 1 and word_tag(words[0])[:1] in ("v", "d", "p")


_COUNTY_LEVEL_ENDINGS = ("县", "市", "旗")
_PLACE_WORDS = ("在", "位于", "地处", "落户", "来自", "赴", "到", "至", "于")
_ITEM_STARTS = ("、", "，", ",", "。", "；", "：", ":", "和", "及", "与", "的", "\n", "")
_ITEM_ENDS = ("、", "，", ",", "。", "；", ";", "的", "和", "及", "与", "等")


def _with_former_suffix(text: str, end: int, pf: PlaceForm) -> int:
    """赣榆|县 where the county is now 赣榆区, 通州|县 now 通州区: a short form followed by another
    division word is the division under its former (or loose) name, which the mention keeps."""
    tail = text[end:end + 1]
    if pf.level == "county" and pf.form != pf.canonical and tail in _COUNTY_WORDS \
            and not pf.canonical.endswith(tail) and not text.startswith(_NOT_AFTER_COUNTY, end + 1) \
            and (tail == "县" or not pf.cautious) and not common_word(pf.form + tail):
        return end + 1  # not 大城|市 (a big city), 平原|区 (a plain): a word, no division
    return end


_COUNTY_WORDS = ("县", "区", "市")
_NOT_AFTER_COUNTY = ("场", "民", "域", "位", "块", "间", "属", "区", "县", "值", "容")  # 市场, 区域: other words


@cache
def _park_heads() -> tuple[str, ...]:
    return tuple(x.text for x in rules.suffixes() if x.type == "Park" and x.strength == "strong" and len(x.text) >= 3)


@Language.factory("policykg_reference_lists", requires=FINDER_REQUIRES, assigns=FINDER_ASSIGNS,
                  default_config={"priority": 74, "short_name_priority": 50})
class ReferenceListFinder(_GazetteerComponent):
    """Entries of the public reference lists (policykg/data/reference, loaded by
    entities.reference), in one PhraseMatcher pass: a central SOE (中国石化), a development
    zone (合肥高新区), an industry of GB/T 4754 (制造业, as a whole term only), named by the
    list's canonical name and carrying its id; a form inside a longer word is none. A listed
    company's exchange short name (宁德时代) yields to a longer name found around it."""

    def __init__(self, nlp: Language, name: str, priority: int, short_name_priority: int):
        self.priority, self.short_name_priority = priority, short_name_priority
        super().__init__(nlp, reference.reference_forms())

    def __call__(self, doc: Doc) -> Doc:
        text, forms = doc._.document.text, reference.reference_forms()
        for a, b in self.spans(doc):
            entry = forms[text[a:b]]
            if reference.usable(text, a, b, entry):
                priority = self.short_name_priority if entry.boundary == "short" else self.priority
                doc._.candidates.append(Candidate(a, b, entry.type, "reference", priority, name=entry.name,
                                                  ref=entry.ref))
        return doc


@Language.factory("policykg_industry_terms", requires=FINDER_REQUIRES, assigns=FINDER_ASSIGNS,
                  default_config={"terms_file": "entity_industry_terms.tsv", "priority": 30})
class IndustryTermFinder(_GazetteerComponent):
    """Sector words that name an Industry wherever they stand (低空经济, 电子信息, 商业航天), as
    whole words only (no dictionary word across an end); a longer name found by another rule
    (低空经济产业园) wins, being of higher priority."""

    def __init__(self, nlp: Language, name: str, terms_file: str, priority: int):
        self.priority = priority
        super().__init__(nlp, rules.industry_terms(terms_file))

    def __call__(self, doc: Doc) -> Doc:
        text = doc._.document.text
        for a, b in self.spans(doc):
            if not word_crosses_ends(text, a, b) and not _modified_term(text, a):
                doc._.candidates.append(Candidate(a, b, "Industry", "industry_term", self.priority))
        return doc


def _modified_term(text: str, a: int) -> bool:
    """Does a noun run into the term from the left (化工|新材料, 稀土|新材料, 中核|新材料)? Then
    the term is the tail of a longer field or name, not an industry of its own."""
    if a < 2 or not is_cjk(text[a - 1]):
        return False
    # the longest dictionary word ending at a (dictionary look-ups: a segmentation per term is slow)
    word = next((text[a - n:a] for n in (4, 3, 2) if a >= n and word_freq(text[a - n:a])), "")
    return len(word) >= 2 and word_tag(word)[:1] == "n" and word_tag(word) not in ("nr", "ns") \
        and not _INDUSTRY_SCOPE.fullmatch(word)


_AGENCY_BODY = re.compile("(?P<body>[\u4e00-\u9fff]{0,14}?)(?P<end>" + alternation(
    ("人民政府", "政府", "政府办公室", "政府办公厅", "政府新闻办公室", "政府新闻办", "政府办",
     "党工委", "管委会", "人大常委会", "常委会", "人大", "政协", "纪委",
     "委员会", "委", "局", "厅", "办公室", "科协", "武装部", "总工会", "团委", "妇联", "工商联")) + ")")


@_component("policykg_local_agencies", priority=75)
def find_local_agencies(doc: Doc, priority: int) -> Iterator[Candidate]:
    """Local government bodies: a place or a level (市, 省) + a body (经信委, 政府, 发改委)."""
    text, subject = doc._.document.text, doc._.subject
    starts = [(c.start, c.end, c.name) for c in doc._.candidates if c.rule == "gazetteer"]
    for area in [c for c in doc._.candidates if c.rule == "suffix" and c.type in ("Park", "Zone")]:
        bodies = list(_agency_at(text, area.start, area.end, None, priority))  # 起步区党工委, 高新区管委会
        if bodies:
            area.nested, area.hosts = True, ("Agency",)  # the park is named inside its body's name
        yield from bodies
    for m in re.finditer("自治区|[省市]", text):
        s = m.start()
        if s > 0 and is_cjk(text[s - 1]) and is_word(text[s - 1:s + 1]):
            continue  # 全市, 城市, 上市
        qualified = _qualify(m.group(), subject)
        yield from _agency_at(text, s, m.end(), qualified, priority)
    for start, end, canonical in starts:
        yield from _agency_at(text, start, end, canonical, priority)


def _agency_at(text: str, start: int, prefix_end: int, qualified: str | None,
               priority: int) -> Iterator[Candidate]:
    m = _AGENCY_BODY.match(text, prefix_end)
    if m is None:
        return
    body = m.group("body")
    lower = division_length(body, 0)  # 宁波市|鄞州区|发展和改革局: a district's body named with its city
    if len(body) - lower > 10:
        return
    body = body[lower:]
    if any(ch in body.replace("市场", "") for ch in "的及与在是为将对由市省县区") or body.startswith("和") or \
            re.search("和(?:当地|有关|相关|各级)", body) or \
            (body and prefix_end - start == 1 and is_word(text[start:start + 2]) and not _words_only(body)) or \
            (prefix_end - start > 1 and text[prefix_end:prefix_end + 1] in "（("):
        return
    if len(m.group("end")) == 1 and is_word(text[m.end() - 1:m.end() + 1]) \
            and not text.startswith(rules.agency_tails(), m.end()):
        return  # …城市群新局面: 局 opens a word (委办公室 is an office)
    if text.endswith(rules.not_agency_endings(), start, m.end()):
        return  # 试验区建设布局: a word, not a body
    name = qualified + text[prefix_end:m.end()] if qualified else None
    if text.endswith("中共", 0, start) and m.group("end") in ("委", "党工委", "纪委", "委员会"):
        start -= 2  # 中共大连市委宣传部: the party committee's full name
        name = "中共" + name if name else None
    yield Candidate(start, m.end(), "Agency", "local_agency", priority, name=name)


def _words_only(body: str) -> bool:
    """Is the body made of words of two characters or more (市|民政局, 市|数据局: the level and a
    body, though 市民 and 市数 are words too; 省长毛伟明作政府 is no body)?"""
    return all(len(w) > 1 for w in words_of(body))


def _qualify(level: str, subject) -> str | None:
    if subject is None:
        return None
    if subject.is_province:
        return {"省": subject.name, "自治区": subject.name}.get(level)  # 市 names no city of a province
    # a county's text names its prefecture's bodies by 市 (省委、市委); a county-level city its own
    city = subject.prefecture if subject.level == COUNTY and not subject.name.endswith("市") else subject.name
    return {"市": city or None, "省": subject.province, "自治区": subject.province}.get(level)


@_component("policykg_agency_tails")
def find_agency_offices(doc: Doc) -> Iterator[Candidate]:
    """An office named after an agency is an agency: 遵义市人民政府办公室, 市经信委办公室."""
    text = doc._.document.text
    tails = rules.agency_tails()
    for c in list(doc._.candidates):
        if c.type != "Agency" or c.nested:
            continue
        tail = next((t for t in tails if text.startswith(t, c.end)), None)
        if tail is None or (len(tail) == 1 and is_word(text[c.end:c.end + 2])):
            continue  # 市政府办理: 办 opens a word
        end = c.end + len(tail)
        yield Candidate(c.start, end, "Agency", "agency_tail", c.priority + 1,
                        name=c.name + tail if c.name else None, standalone=c.standalone)


# ---------------------------------------------------------------- name grammar

@_component("policykg_book_titles", priority=90)
def find_book_titles(doc: Doc, priority: int) -> Iterator[Candidate]:
    """《…》 names a plan, programme or official document."""
    text = doc._.document.text
    for m in re.finditer(r"《([^《》\n]{2,60})》", text):
        if _document_word_pattern().search(m.group(1)) and not _PUBLICATION.search(m.group(1)) \
                and not _WORK_BEFORE.search(text, max(0, m.start() - 8), m.start()) and not _WORK_AFTER.match(text, m.end()):
            yield Candidate(m.start(), m.end(), "Plan", "book_title", priority)


@cache
def _document_word_pattern() -> re.Pattern[str]:
    """A word that says a title is a document (a plan's head, 办法, 通知, 议案, 白皮书…): 《芙蓉镇》,
    《建党伟业》 are works of art, not documents."""
    heads = [s.text for s in rules.suffixes() if s.type == "Plan"]
    return re.compile(alternation(sorted({*heads, *_DOCUMENT_WORDS}, key=len, reverse=True)))


# document words beyond the plan heads; 制造 for programmes named after manufacturing (《某国制造2025》)
_DOCUMENT_WORDS = ("意见", "通知", "办法", "决定", "措施", "规定", "标准", "公报", "报告", "细则", "目录", "协议", "协定",
                   "法", "指南", "清单", "倡议", "批复", "函", "要点", "制造", "建议", "框架", "体系", "指引", "名单",
                   "通告", "公告", "宣言", "声明", "备忘录", "合同", "章程", "规程", "守则", "准则", "规则", "议案",
                   "提案", "书", "通报", "制度", "指数", "纪要", "导则", "表", "令")
# A periodical, not a document: …日报, …杂志, a two-character title without a document word (《自然》).
_PUBLICATION = re.compile(r"(?:日报|晚报|时报|杂志|学报|期刊|证明|证书|许可证|执照|纪实|访谈|专访|社论|述评|综述)$"
                          r"|^(?!方案|规划|意见|通知|办法|条例|决定|计划|纲要)[^《》]{2}$")
# a work of art or a broadcast, not a document: 电视连续剧《…》, 新编现代戏《…》, 《…》栏目
_WORK_BEFORE = re.compile(r"(?:电视剧|连续剧|现代戏|戏曲|剧目|话剧|电影|影片|歌曲|纪录片|专题片|小说|诗集|图书|专著|栏目|节目"
                          r"|文章|社论|评论|述评|报道|专栏)$")
_WORK_AFTER = re.compile(r"(?:栏目|节目|专栏|一书|杂志)")


_FIVE_YEAR_PLAN_NUMBER = re.compile("十[一二三四五六七八九]五[”\"]?$")
_WEAK_FOLLOWERS = ("共", "中", "指出", "提出", "明确", "要求", "实施", "开局", "开好局")


@_component("policykg_suffix_names", name_priority=78, alias_priority=20, city_plan_priority=70)
def find_suffix_names(doc: Doc, name_priority: int, alias_priority: int,
                      city_plan_priority: int) -> Iterator[Candidate]:
    """Modifier run + head suffix: 白沙洲工业园区, 汽车零部件制造产业集群, 663行动计划."""
    text = doc._.document.text
    by_text = rules.suffix_by_text()
    for head, end in find_heads(text):
        suffix = by_text[text[head:end]]
        if not _head_usable(text, head, end, suffix):
            continue
        edge, counted = _name_start(text, head, end, suffix.type)
        if suffix.type == "Plan" and suffix.text in _PROGRAMME_HEADS:
            edge = _programme_start(text, edge, head, suffix)  # 实施|科技企业矩阵培育计划: a verb inside the name
        if suffix.type == "Plan" and (number := _FIVE_YEAR_PLAN_NUMBER.search(text, max(edge, head - 5), head)):
            edge = number.start() - (text[number.start() - 1:number.start()] in "“\"")  # 谋划|“十五五”规划
        if suffix.strength == "quoted":
            quoted = list(_quoted_programme(text, edge, head, end, suffix.type, name_priority))
            if not quoted and _implemented_strategy(text, edge, text[edge:head], suffix):
                quoted = [Candidate(edge, end, suffix.type, "suffix", name_priority, head=head)]  # 实施某某提升行动
            elif not quoted and _quoted_whole_name(text, edge, _close_quote(text, edge, end)) \
                    and _names_beyond_a_count(text[edge + 1:head], suffix.type):
                quoted = [Candidate(edge + 1, end, suffix.type, "suffix", name_priority, head=head)]  # 修订“某某条例”
            yield from quoted
            continue
        if suffix.type == "Park":
            edge = _after_level_word(text, edge, head)  # 国家级大连经济技术开发区 -> 大连经济技术开发区
        elif suffix.type == "Enterprise":
            edge = _after_descriptor(text, edge, head)  # 国有合资企业上海某某科技有限公司
            joined = _joined_company(text, edge, head, name_priority)
            if joined is not None:  # 宁德时代和一汽集团: two companies, the head only the second's
                yield joined
                edge = joined.end + 1
        edge = _at_reference_form(text, edge, head, end)
        if suffix.type == "Place":
            edge = _after_divisions(text, edge, head)  # 金华市义乌市|后宅街道: the town only
            if text[head:end] in _TOWN_HEADS:
                edge = _town_start(text, edge, head)
                if edge >= head or _NOT_A_TOWN_AFTER.match(text, end) or _TOWN_WORD.match(text, head):
                    continue  # 特大镇, 中心镇: a kind of town; 镇属企业, 镇海路, 镇痛药: no town
        elif suffix.type in ("Park", "Zone"):
            edge = _after_address(text, edge, head)  # 湖北省襄阳市襄州区|国家汽车零部件产业示范基地
            if suffix.type == "Zone":
                edge = _after_verb_before_title(text, edge, head)  # 中山申建|国家…城市试点, 锚定|“两个稀土基地”
        closing = text.rfind("”", edge, head)
        if closing >= 0 and "“" not in text[edge:closing]:
            edge = closing + 1  # “石化担纲、…、轴机轨自强”优势产业集群: the quotation is no part of the name
        modifier = text[edge:head]
        if suffix.strength == "city" and edge == head and doc._.subject is not None:
            yield Candidate(edge, end, "Plan", "city_plan", city_plan_priority,
                            name=doc._.subject.name + text[edge:end], head=head)
            continue  # 作政府工作报告: the city's
        if _is_place_name(text, edge, end):
            continue  # 浦东新区, 长江经济带: a division or region the gazetteer names
        if suffix.type == "Plan" and suffix.strength == "weak" and _names_a_place_or_park(modifier):
            continue  # 益阳高新区规划, 宜昌市规划建设: the plan word follows another entity
        standalone = not counted and (_names_something(modifier, suffix) or _implemented_strategy(text, edge, modifier, suffix))
        if counted and suffix.type == "Zone" and (_national_title(modifier) or _BATCH_CONFERRED.search(text, max(0, edge - 16), edge)):
            standalone = True  # 宝鸡、延安等4个国家骨干冷链物流基地, 入选全国首批20个…试点城市: a title, however many hold it
        if suffix.type == "Industry" and edge < head and text[edge] in _RESULT_COMPLEMENTS \
                and word_tag(text[max(0, edge - 2):edge]) == "v":
            edge += 1  # 巩固好|新能源产业: the verb's complement, left behind by the verb's cut
        if suffix.strength == "industry" and not (standalone and _names_an_industry(text, edge, head)):
            continue  # 传统优势产业, 科技产业: a kind of industry, not one
        if _EVENT_AFTER.match(text, end):
            continue  # 人工智能产业大会, 汽车产业博览会: an event named after the head
        if suffix.strength == "titled" and _quoted_whole(text, head - 1, head, end):
            edge, standalone = head - 1, True  # 首家“零碳工厂”, 某某乳业“灯塔工厂”: the quoted head is the title
        elif suffix.strength == "titled" and _level_only(modifier) and _after_designation(text, edge):
            standalone = True  # 获评省级绿色工厂: a level makes the title's head one
        elif suffix.strength == "titled":  # 定位为…核心区; not 建设A科学城重要研发基地 (a park's role)
            standalone = standalone and (_after_designation(text, edge, aims=True) or _title_marker(modifier)
                                         or _DESIGNATED_AFTER.match(text, end) is not None
                                         or text.endswith("加快", 0, edge) and text.startswith("建设", end)) \
                and not _holds_a_park(modifier)  # or a place, 国家, quotes: 遵义航空零部件基地; …基地获批建设; 加快…中心建设
        elif suffix.strength == "weak" and suffix.type == "Zone" and not standalone and not counted:
            standalone = len(modifier) >= 2 and not is_generic(modifier, suffix.type) \
                and _after_designation(text, edge, aims=True)  # 支持A建设区域中心城市
        end = _close_quote(text, edge, end)
        if suffix.type == "Enterprise" and _quoted_whole_name(text, edge, end):
            edge, end = edge + 1, end - 1  # 组建“某某百得公司”: the quotation marks a new company's name, not part of it
        if suffix.strength == "titled" and text[end - 1:end] == "”":
            opening = text.rfind("“", edge + 1, head)
            if opening > edge and "”" not in text[opening:head]:
                edge = opening  # 被国家林业局命名为|“中国红枣之乡”: the quotation is the title, what precedes confers it
        if suffix.type == "Institution":
            end = _with_campus(text, end)  # 中国地质大学（北京）: a campus named in brackets is part of the name
            joined = [m.end() for m in _AFTER_BRACKETED_NAME.finditer(text, edge, head)]
            edge = max([edge, *joined])  # 中国石油大学（华东）和|清华大学: the name before is another's
        etype = suffix.type
        if etype == "Park" and _in_positioning(text, edge):
            continue  # 园区定位为总部区、海洋生物产业聚集区: roles a park is to play, no parks
        if etype == "Park" and standalone and _is_place_item(modifier):
            yield from _coordinated_places(text, edge, text[head:end], name_priority)
        if etype == "Park" and text[head:end] == "片区" and re.search("自贸|自由贸易", modifier):
            etype = "Zone"  # 辽宁自贸试验区大连片区: an area of a free trade zone is part of the designation
        if etype == "Cluster" and text.startswith(("国家", "全国"), edge) and _national_title(modifier):
            etype, standalone = "Zone", True  # 入选国家先进制造业集群: a conferred title
        elif etype in ("Park", "Cluster") and not counted and _conferred(text, edge, head, end, etype):
            etype, standalone = "Zone", True  # 获评国家级经济技术开发区, 纳入…产业带
        yield Candidate(edge, end, etype, "suffix", name_priority if standalone else alias_priority,
                        standalone=standalone, head=head, name=_title_name(text, edge, end, etype))


_POSITIONING = re.compile("定位(?:为|是)")
# a designation of a batch right before the count of its holders (入选全国首批20个|…试点城市)
_BATCH_CONFERRED = re.compile(r"(?:入选|获评|列为|评为|确定为|获批)(?:全国|国家|全省|省级)?(?:首批|第[一二三四五六七八九十0-9]+批)[^，。；]{0,6}$")


def _in_positioning(text: str, edge: int) -> bool:
    """Does the clause before edge say what something is positioned as (…定位为A、B、)?"""
    start = max(text.rfind(c, 0, edge) for c in "，。；：\n")
    return _POSITIONING.search(text, start + 1, edge) is not None


def _quoted_whole(text: str, edge: int, head: int, end: int) -> bool:
    """Is a title's head of four characters or more alone inside a quotation (首家“零碳工厂”;
    not “核心区”, a word)?"""
    return head - edge == 1 and end - head >= 4 and text[edge] in OPEN_QUOTES and text[end:end + 1] in tuple(CLOSE_QUOTES)


def _quoted_whole_name(text: str, start: int, end: int) -> bool:
    """Is text[start:end] one quotation, opened at start and closed at end - 1?"""
    return end - start > 2 and text[start] in OPEN_QUOTES and text[end - 1] in CLOSE_QUOTES \
        and not any(q in text[start + 1:end - 1] for q in QUOTES)


def _level_only(modifier: str) -> bool:
    """Is the modifier a level word alone (省级, 国家级, 中国)?"""
    return modifier in _LEVEL_WORDS or modifier in ("中国", "国家", "全国")


def _at_reference_form(text: str, edge: int, head: int, end: int) -> int:
    """A name a reference list knows ending the run starts the name, unless a place opens the
    run (合理利用雄安新区 -> 雄安新区; 河北雄安新区 stays)."""
    forms = reference.reference_forms()
    for k in range(edge + 1, head):
        if text[k:end] in forms:
            kept = is_place(text[edge:k]) or any(True for _ in find_heads(text[edge:k]))
            return edge if kept else k  # 西部科学城重庆高新区: a park's name opens it, and stays
    return edge


def _title_name(text: str, edge: int, end: int, etype: str) -> str | None:
    """A title quoted whole (获评“零碳工厂”) is named without its quotation marks."""
    if etype == "Zone" and text[edge] in OPEN_QUOTES and text[end - 1] in CLOSE_QUOTES \
            and not any(q in text[edge + 1:end - 1] for q in QUOTES):
        return text[edge + 1:end - 1]
    return None


_COORDINATORS = ("以及", "、", "和", "及", "与")


def _is_place_item(item: str) -> bool:
    """A coordinated item sharing a park's head: a place name (昌吉) or a short word jieba
    tags as one (ns), never a field (新材料)."""
    return is_place(item) or (2 <= len(item) <= 4 and word_tag(item) == "ns")


def _coordinated_places(text: str, edge: int, head: str, priority: int) -> Iterator[Candidate]:
    """乌鲁木齐、昌吉、石河子高新技术产业开发区 / A和B经济技术开发区: places coordinated
    before a park's place name share its head, each naming a park of its own (the item is a
    mention of item + head). Items are read right to left while each is a place."""
    while True:
        sep = next((c for c in _COORDINATORS if text.endswith(c, 0, edge)), None)
        if sep is None:
            return
        j = edge - len(sep)
        item = _place_ending_at(text, j)
        if item is None:
            return
        yield Candidate(item, j, "Park", "coordination", priority, name=text[item:j] + head, reference=True)
        edge = item
        if item < j - 4 or sep != "、" and not text.endswith("、", 0, item):
            return  # the first item of the list: a longer run or a conjunction before it


def _place_ending_at(text: str, j: int) -> int | None:
    """Start of the longest place item ending at j (after a separator or a cue), or None."""
    for k in range(max(0, j - 6), j - 1):
        if _is_place_item(text[k:j]) and all(is_cjk(c) and c not in "、" for c in text[k:j]) \
                and _item_opens_at(text, k):
            return k
    return None


def _item_opens_at(text: str, k: int) -> bool:
    """Does an item start at k: after a separator, a non-CJK character or a cue word (not inside
    a name: the 新区 of 长沙高新区、株洲高新区 is no item)?"""
    if k == 0 or not is_cjk(text[k - 1]) or text[k - 1] in "、和与及":
        return True
    return any(text.endswith(cue, 0, k) for cue in rules.left_cues())


_HEADING_NUMBER = re.compile(r"(?:^|\n)[ \u3000]*[一二三四五六七八九十\d]{1,3}、$")


def _names_an_industry(text: str, edge: int, head: int) -> bool:
    """新材料(产业), 船舶海工装备(产业): an industry word ends the modifier, which holds
    no place or reference word first (衡阳军民融合产业, 全市高新技术产业 name a city's share)."""
    modifier = text[edge:head]
    if edge > 0 and text[edge - 1] == "、" and not _HEADING_NUMBER.search(text, max(0, edge - 6), edge):
        return False  # 电子信息、新材料产业产值: the last item of a list sharing the head (not 二、…)
    if not industry_like(modifier, modified=True) or any(c in modifier for c in "和与及"):
        return False  # 增长极和高新技术产业: a conjunction joins another phrase
    if text.startswith("项目", head + 2) or any(c in modifier for c in "（）()") \
            or (edge > 0 and word_freq(text[edge - 1:edge + 1]) >= MIN_WORD_FREQ):
        return False  # …产业项目: a project; 规模以上|工业…: a word crosses the start
    first = words_of(modifier)[0]
    if len(first) >= 2 and word_tag(first) == "v" and word_freq(first) >= MIN_WORD_FREQ:
        return False  # 承接外商制造业产业(转移): a verb phrase
    return not is_place(first) and not reference_length(modifier)  # 衡阳…, 全市…


def _title_marker(modifier: str) -> bool:
    """Does a titled head's modifier name its holder without a designation cue: a place or
    国家/中国/全国 opening it (or following a short name: 洋浦国家骨干冷链物流基地), or a
    quotation (not a digit: 1.2万平方米生产基地)?"""
    return modifier.startswith(("国家", "中国", "全国")) or any(q in modifier for q in OPEN_QUOTES) \
        or _opens_with_place(modifier) or modifier.find("国家", 2, 7) >= 2


# a designation said after the title: 某某冷链物流基地获批建设, 某某园区被认定为…
_DESIGNATED_AFTER = re.compile("获批|入选|获评|挂牌|授牌|被(?:认定|评为|命名|列为|纳入|批准)")


def _holds_a_park(modifier: str) -> bool:
    """Does a modifier name a park or cluster of its own (衡山科学城 in 衡山科学城重要研发基地)?"""
    by_text = rules.suffix_by_text()
    return any(by_text[modifier[h:e]].type in ("Park", "Cluster") for h, e in find_heads(modifier))


_LEVEL_WORDS = ("国家级", "省级", "市级")
_LEGAL_END = re.compile("有限责任公司|股份有限公司|有限公司")  # no company's name holds another's whole legal name
_NUMBERED_ITEM = re.compile(r"[0-9]+(?:[.．、][0-9]*|-[0-9-]+)(?=[\u4e00-\u9fff])")  # 1.食品厂, 2015-037某某集团: a company's name holds no such number
_QUANTITY_IN_RUN = re.compile(r"(?:约|近|超过?|逾)?[0-9０-９.]+(?:多|余)?"
                              r"(?:亩|平方米|万平方米|平方公里|平方千米|公顷|万元|亿元|万吨|吨|千瓦|万千瓦|兆瓦)")
# 第一任|某某总公司: whose head, not a name; 虽然|椰树集团: a connective opens a clause, never a name
# (a preposition may: 以岭药业, 关于…的意见)
_NOT_A_NAME_OPENING = re.compile("仅|境内|辖区内|区内|园内|第[一二三四五六七八九十]+任"
                                 "|虽然|随着|因为|由于|尽管|如果|但是|而且|并且|同时|其中|此外|另外|除了|为了"
                                 r"|[\u4e00-\u9fff]{0,6}?(?:网|报|台|刊)讯\s*|图\s?[0-9０-９]+[：:.．]?\s*|[先再来]看")  # 本网讯 X开发区: a byline
_INDUSTRY_SCOPE = re.compile("中国|全球|全年|国内|我国|世界|全国|全省|全市|承载|涉及")
_LEADING_YEAR = re.compile(r"(?:自|从|在|于|截至)?(?:19|20)[0-9]{2}年度?(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:以来|底|末)?"
                           r"|(?:[〔［\[(（](?:19|20)[0-9]{2}[〕］\])）])?[0-9]{1,4}号")  # or a document's number (〔2016〕43号)
_SECTION_NUMBER = re.compile(r"(?<![0-9.．])[0-9]{1,2}(?:[.．][0-9]{1,2})*(?:[.．、](?=[\u4e00-\u9fff“])|(?=[\u4e00-\u9fff“])"
                             r"(?![个家大项类座条批所种位名处只台次年月日号万亿千百余多级期型轮届]))")
# 2.3.1, 2., 2 (not 9个); after a mark any character opens the item (1.台北市…园区)


def _after_divisions(text: str, edge: int, head: int) -> int:
    """Where a town's own name starts after the divisions written before it (湖州市长兴县|虹桥镇,
    发源地诸暨市|枫桥镇): past the last full division name (…市, …县, …区) that leaves one
    character at least before the head."""
    forms = place_forms()
    start = edge
    for i in range(edge, head - 2):
        for k in (2, 3, 4, 5, 6):
            end = i + k
            if end < head and text[end - 1] in ADMIN_SUFFIXES and _names_division(text[i:end], forms):
                start = max(start, end)
    return start


def _after_verb_before_title(text: str, edge: int, head: int) -> int:
    """Past a verb that a title's level word or quotation follows (申建|国家…试点, 来自|“东数西算”…):
    what the sentence does to the title is no part of it. A title that opens with its level
    keeps its words (全国消费“三新”试点城市)."""
    if text.startswith(_TITLE_OPENINGS, edge):
        return edge
    return _past_last_word(text, edge, head, lambda word, pos: word_tag(word) in ("v", "vn", "p") and pos < head
                           and text.startswith(_TITLE_OPENINGS, pos))


def _past_first_word(text: str, a: int, b: int, opens: Callable[[str], bool]) -> int:
    """The position after the first word of text[a:b] when opens(word) holds; a otherwise."""
    words = words_of(text[a:b]) if b > a else []
    return a + len(words[0]) if words and opens(words[0]) else a


def _past_last_word(text: str, a: int, b: int, cuts: Callable[[str, int], bool]) -> int:
    """The position after the last word of text[a:b] for which cuts(word, its end) holds; a if none."""
    pos = start = a
    for word in words_of(text[a:b]):
        pos += len(word)
        if cuts(word, pos):
            start = pos
    return start


_TITLE_OPENINGS = ("国家", "全国", "中国", "“", "省级", "市级", "首批")
_PREDICATE_TAGS = ("v", "vn", "p", "c", "d", "f", "ad")  # verbs, prepositions, conjunctions, adverbs, locatives
_TOWN_HEADS = ("镇", "乡")
_NOT_A_NAME_START = "与和及的在到等为是从向"  # function words that open no name
_TOWN_NAME_FINALS = "山集"  # 顾山镇, 刘集镇: 山镇 and 集镇 are words too, but after a name's first character they end a name
_NOT_A_TOWN_AFTER = re.compile(r"属|[\u4e00-\u9fff]?(?:路|街|大道)")
_TOWN_WORD = re.compile("镇(?:痛|定|静|压|守|住)")  # 镇痛药, 镇定: the character opens a word
_TOWN_KINDS = ("特大", "中心", "特色", "专业", "重点", "强", "直管", "小城", "示范", "建制", "文明", "典型", "乡", "镇",
               "文明村", "特色村", "艺术村", "美丽村")  # (樟村镇 is a name: 村 alone is no kind)


_AFTER_BRACKETED_NAME = re.compile(r"[）)](?:和|与|及|以及|、)")
_CAMPUS = re.compile(r"[（(](?P<place>[\u4e00-\u9fff]{2,4})[）)]")


def _with_campus(text: str, end: int) -> int:
    m = _CAMPUS.match(text, end)
    return m.end() if m and is_place(m.group("place")) else end


def _town_start(text: str, edge: int, head: int) -> int:
    """Where a town's name starts: after the last verb, preposition, conjunction or adverb
    before it (合并|秣陵镇, 有效提升|十六团新开岭镇, 西北面与|华士镇); head when what is left
    names a kind of town (依法赋予特大镇, 农业产业强镇, 专业镇特色镇) or nothing."""
    start = _past_last_word(text, edge, head, lambda word, pos: word_tag(word) in _PREDICATE_TAGS and pos <= head - 2)
    rest = text[start:head]  # (a town's own name has two characters at least: 磨|憨镇 is one name)
    if not rest or rest.endswith(_TOWN_KINDS) or not is_cjk(rest[-1]):
        return head
    return start


def _names_division(name: str, forms: dict[str, PlaceForm]) -> bool:
    """A division's full name, or a county's short form with its former division word (赣榆县)."""
    if name in forms:
        return forms[name].level != "region"
    short = forms.get(name[:-1])
    return short is not None and short.level == "county" and name[-1] in _COUNTY_WORDS


def _after_address(text: str, edge: int, head: int) -> int:
    """Where a national title starts after an address of two divisions or more written before
    it (湖北省襄阳市襄州区|国家汽车零部件产业示范基地); a place's own park keeps its place
    (浙江省青田县温溪五金工业园)."""
    start = _after_divisions(text, edge, head)
    if start > edge and text.startswith(("国家", "中国"), start) \
            and sum(ch in ADMIN_SUFFIXES for ch in text[edge:start]) >= 2:
        return start
    return edge


def _after_level_word(text: str, edge: int, head: int) -> int:
    """A park's level said before its place-named name is no part of the name."""
    for word in _LEVEL_WORDS:
        rest = edge + len(word)
        if text.startswith(word, edge) and rest < head and \
                any(is_place(text[rest:rest + n]) for n in (2, 3)):
            return rest
    return edge


_INSTITUTION_HEADS = ("大学", "学院", "医院")
_DESCRIPTOR_END = re.compile("企业|公司|单位")


def _after_descriptor(text: str, edge: int, head: int) -> int:
    """A company's kind said before its name (国家高新科技企业, 国有合资企业) is no part of it:
    the name starts after a run ending in 企业/公司/单位 when a name of its own follows
    (not …企业管理有限公司, whose rest is a business scope)."""
    for m in reversed(list(_DESCRIPTOR_END.finditer(text, edge, head))):
        rest = text[m.end():head]
        if m.start() - edge >= 2 and len(rest) >= 2 and not only_industry_words(rest) \
                and not is_generic(rest, "Enterprise") and not common_word(rest) \
                and not rest.startswith("管理"):  # 企业管理咨询: a registered business scope
            return m.end()
    return edge


_FACILITY_WORKS = ("工厂", "电厂", "水厂", "处理厂", "大厂", "出厂", "建厂", "办厂")
_DEMONSTRATIVE = re.compile("这家|那家|这个|那个|这座|这所|该")
_FACTORY_WORD_TAILS = set("房区长家商址矿部内外务")


def _head_usable(text: str, head: int, end: int, suffix: rules.Suffix) -> bool:
    strength = suffix.strength
    if text[end - 1] == "城" and text.startswith("市", end):
        return False  # 新型智慧城市, 技术创新城市管理: 城市, no …城 of a park
    if suffix.type in ("Park", "Zone", "Cluster") and word_tag(text[end - 1:end + 1]).startswith("v") \
            and word_freq(text[end - 1:end + 1]) >= 1000:
        return False  # 台球及相关产业带动…: the head's last character opens a verb (带动), no 产业带
    if suffix.type in ("Cluster", "Enterprise") and text.startswith(("式", "化"), end):
        return False  # 推动产业集群式发展, 产业链化, 企业形态呈集团化: a manner, no cluster or company
    if suffix.type == "Enterprise" and text[end - 2:end] == "集团" and text[head - 1:head] == "国":
        return False  # 二十国集团, 七国集团: a group of states
    if suffix.type == "Institution" and text[head:end] in _INSTITUTION_HEADS and word_freq(text[head:end + 1]) >= 1000:
        return False  # 大学生: the head opens a longer common word
    if suffix.type == "Place" and head > 0 and word_freq(text[head - 1:end]) >= 200 and not _town_name_final(text, head):
        return False  # 城镇, 重镇, 乡镇: a word, not a town's name (村镇 is rarer: 柳村镇)
    if strength == "weak" and suffix.type in ("Plan", "Zone"):
        # 计划经济, 试点工作: a plan or title word inside a phrase; not after a five-year plan's
        # number (“十三五”规划确定的任务, 十四五规划目标)
        return _weak_head_ok(text, end) or _FIVE_YEAR_PLAN_NUMBER.search(text, max(0, head - 5), head) is not None
    if suffix.type == "Enterprise" and text[head:end] == "厂":
        return not text.endswith(_FACILITY_WORKS, 0, end) and text[end:end + 1] not in _FACTORY_WORD_TAILS
        # 污水处理厂, 大连工厂, 大厂: a facility or a big company; 标准厂房, 厂区: no works
    if strength == "weak" and suffix.type == "Enterprise" and word_freq(text[max(0, head - 2):end]) > 0:
        return False  # 子公司, 上市公司, 该公司: a word, not a company's name
    if strength == "industry":  # checked in full later; most 产业 follow no industry word
        return text.endswith(rules.industry_heads(), max(0, head - 6), head)
    if strength == "quoted":  # or a programme a cue says is carried out (checked in full later)
        return head > 0 and text[head - 1] in CLOSE_QUOTES or text[end:end + 1] in tuple(CLOSE_QUOTES) \
            or text[head:end] in _PROGRAMME_HEADS and word_freq(text[head:end + 1]) == 0
        # or “某某条例”, a name quoted whole; not 工程师, 行动者: a longer word
    return True


def _town_name_final(text: str, head: int) -> bool:
    """Does the character before a town's head end the town's name (顾山|镇, 刘集|镇), though
    it makes a word with the head (山镇, 集镇)? Only after a name's first character."""
    return head >= 2 and text[head - 1] in _TOWN_NAME_FINALS and is_cjk(text[head - 2]) \
        and text[head - 2] not in _NOT_A_NAME_START and not is_word(text[head - 2:head])


def _name_start(text: str, head: int, end: int, etype: str) -> tuple[int, bool]:
    """Where the name of the head at [head, end) starts, and whether a count (三大) precedes it."""
    edge = left_edge(text, run_start(text, head), head, etype)
    if etype == "Park":
        edge = after_nested_park(text, edge, head)
    if etype in ("Park", "Zone", "Cluster", "Industry"):
        edge = _after_function_word(text, edge, head)
    while edge < head and text[edge] in CLOSE_QUOTES:
        edge += 1
    edge = _inside_open_quotation(text, edge, head, end, whole=etype not in ("Zone", "Institution"))
    if etype == "Enterprise":
        ended = [m.end() for m in _LEGAL_END.finditer(text, max(0, edge - 5), head) if m.end() < head]
        edge = max([edge, *ended])  # 金可儿（上海）床具有限公司浙江梦神家居股份有限公司: a list joined by the layout
        pointed = [m.end() for m in _DEMONSTRATIVE.finditer(text, edge, head)]
        edge = max([edge, *pointed])  # 台州这家|缝纫机厂: the words after the demonstrative describe, they name nothing
        edge = registered_start(text, edge, head)
    elif etype == "Institution":
        edge = registered_start(text, edge, head)  # 某某研究院|有限公司: a company's name after all
    elif etype == "Agency":
        edge = agency_start(text, edge, head)
    quantities = [m.end() for m in _QUANTITY_IN_RUN.finditer(text, edge, head)]
    edge = max([edge, *quantities])  # 签订499亩|某某产业园, 占地约100亩|冷链物流中心: a measure opens no name
    opening = _NOT_A_NAME_OPENING.match(text, edge, head)
    edge = opening.end() if opening and head - opening.end() >= 2 else edge  # 仅|苏州开发区, 境内|某某股份有限公司
    if etype == "Industry":
        scope = _INDUSTRY_SCOPE.match(text, edge, head)
        edge = scope.end() if scope and head - scope.end() >= 2 else edge  # 全球|光伏, 我国|集成电路: where, not which field
    if etype in ("Park", "Cluster", "Zone", "Agency", "Institution", "Enterprise", "Industry"):
        year = _LEADING_YEAR.match(text, edge, head)
        edge = year.end() if year else edge  # 2017年宜昌高新区实现…: the year dates the clause
        edge = left_edge(text, edge, head, etype) if year else edge  # 2011年12月|经|省人民政府
    section = _SECTION_NUMBER.match(text, edge, head) if etype != "Enterprise" else _NUMBERED_ITEM.match(text, edge, head)
    edge = section.end() if section else edge  # 2.3.1园区总体规划, 2河北…园区: a heading's or an item's number
    if etype == "Cluster" and _object_of_verb(text, edge, head):
        edge = head  # 用好资源发展产业链, 树立产业链思维: the head is a verb's object, no name
    elif etype == "Cluster":
        edge = _after_cluster_verb(text, edge, head)  # 延长|船用柴油机产业链, 做长|石化产业链
    if etype in ("Park", "Zone", "Cluster") and _BILATERAL.fullmatch(text, max(0, edge - 3), edge):
        edge -= 3  # 中国—东盟|产业合作区: the partners a bilateral name opens with, across its dash
    counted = count_ends_at(text, edge)
    return edge + quantifier_length(text, edge, head), counted  # 千亿级汽车产业链 -> 汽车产业链


_BILATERAL = re.compile("中国[—\\-－–]")
_DO_WELL = re.compile("做[大强优长细精实深全]")  # 做长|石化新材料产业链: 做 and its result


def _after_cluster_verb(text: str, edge: int, head: int) -> int:
    """Past a verb opening a cluster's run (抢占|柑橘产业链, 迈向|世界级…, 做长|石化…): a cluster
    is named by its place and its field, never by what is done to it; not a verbal noun (服务外包,
    加工贸易 are fields), nor a verb that leaves one character (创新药)."""
    if head - edge < 4:
        return edge
    if _DO_WELL.match(text, edge):
        return edge + 2
    return _past_first_word(text, edge, head, lambda word: len(word) == 2 and word_tag(word) == "v"
                            and word_freq(word) >= 100 and not industry_like(word))


def _after_function_word(text: str, edge: int, head: int) -> int:
    """Past a preposition, pronoun or conjunction of two characters opening the run (随着|青岛中央
    商务区, 我们|产业园, 可以|增强…): no park, zone or cluster is named with one (the placeholder
    某某 of examples is a name)."""
    return _past_first_word(text, edge, head, lambda word: len(word) == 2 and word_tag(word) in ("p", "r", "c")
                            and word != "某某")


def _object_of_verb(text: str, edge: int, head: int) -> bool:
    """Does a verb (not an industry word such as 制造) or an opening cue (发展) stand right
    before the head, alone or with its result (把握好, 压紧压实), or does another chain end the
    run (创新链|产业链: chains listed, none named)?"""
    if text[head - 1:head] == "链" and head - 1 > edge:
        return True
    word = text[max(edge, head - 2):head]
    if len(word) < 2 or word in rules.industry_heads():
        return False
    if (word_tag(word) == "v" and word_freq(word) >= 100) or rules.left_cues().get(word) == "opening":
        return True
    words = words_of(text[edge:head])
    if len(words) >= 2 and words[-1] in _RESULT_COMPLEMENTS and word_tag(words[-2]) == "v":
        return True  # 把握好|产业链, 开好|产业链
    return len(words) == 1 and len(word) == 2 and word_tag(word) == "v" and word_freq(word) >= 3 \
        and not industry_like(word)  # 补强|产业链, 铺开|产业链: a rare verb alone


def _names_something(modifier: str, suffix: rules.Suffix) -> bool:
    """Does the modifier make the head a name (not 省级工业园区, 一家科技公司, 许昌市试点)?"""
    if is_generic(modifier, suffix.type):
        return suffix.type == "Zone" and _national_title(modifier)
    if suffix.type == "Park" and _places_a_kind(modifier):
        return False  # 山西省开发区, 吕梁市各开发区, 广西县域工业园区: a kind of park in a region, none named
    if suffix.type == "Enterprise" and modifier in rules.enterprise_endings():
        return False  # 一家科技公司: an industry word alone names no company
    if suffix.type == "Enterprise" and suffix.strength == "weak" and branded_firm(modifier):
        return True  # 旭德科技公司: a brand and its fields
    if modifier in rules.suffix_by_text() or _is_predicate(modifier) \
            or (len(modifier) > 2 and modifier.endswith(("和", "与", "及"))):  # (阳和 is a name)
        return False  # 大学城科学城, 驱动科学城, 创新链与产业链: a head, a verb or a conjunct names nothing
    if suffix.strength == "weak":
        return has_name_marker(modifier) and (suffix.type == "Institution" or not _is_division(modifier))
    return True  # a place alone names a laboratory (X实验室), not a pilot (许昌市试点)


_SCOPE_AFTER_PLACE = re.compile("(?:各|县域|区域|域内|境内|全部|所有|其他|相关)+")


def _places_a_kind(modifier: str) -> bool:
    """Is the modifier a province alone (not a municipality: 天津经济技术开发区 is one park), or a
    place and a word of scope (各, 县域, 区域)?"""
    if names_a_province(modifier):
        return True
    for k in range(len(modifier) - 1, 1, -1):
        if is_place(modifier[:k]) and _SCOPE_AFTER_PLACE.fullmatch(modifier, k):
            return True
    return False


def _implemented_strategy(text: str, edge: int, modifier: str, suffix: rules.Suffix) -> bool:
    """实施创新驱动发展战略, 深入实施乡村振兴战略; 实施制造业竞争力提升行动, 出台科技创新条例: a
    strategy or programme a text says is carried out (or a rule it says is issued) is a named
    one, though no place or quotation marks it (not 实施发展战略, 开展专项行动: a generic modifier)."""
    if suffix.text == "战略":
        return len(modifier) >= 4 and not is_generic(modifier, "Plan") \
            and _IMPLEMENTED.search(text, max(0, edge - 6), edge) is not None
    return suffix.text in _PROGRAMME_HEADS and len(modifier) >= 4 and not is_generic(modifier, "Plan") \
        and not common_word(modifier) and (suffix.text in _OPINION_HEADS or not opens_with_verb(words_of(modifier))) \
        and not any(q in modifier for q in QUOTES) and modifier[0] not in _RESULT_COMPLEMENTS \
        and (_CARRIED_OUT.search(text, max(0, edge - 6), edge) is not None or _listed_after_cue(text, edge))


def _programme_start(text: str, edge: int, head: int, suffix: rules.Suffix) -> int:
    """Where a programme's name starts right after the cue that carries it out, when the left
    edge stopped at a verb inside the name (实施|专精特新企业雁阵培育计划, 出台|制造业高质量发展促进条例)."""
    lo = max(0, head - 24)
    cue = None
    for m in _CARRY_OUT.finditer(text, lo, edge):
        if not any(c in HARD_STOP or c in QUOTES or c == "、" for c in text[m.end():head]):
            cue = m
    if cue is None or cue.end() >= edge:
        return edge
    start = cue.end() + (text[cue.end():cue.end() + 1] in "了好")  # 实施了|…工程, 实施好|…工程
    if start >= edge or any(h in text[start:edge] for h in _PROGRAMME_HEADS) \
            or _NOT_A_PROGRAMME_NAME.search(text, start, head):
        return edge  # 实施A计划和|B行动: two programmes; 等一系列工程, 为期一年的…行动: no name
    return start if _implemented_strategy(text, start, text[start:head], suffix) else edge


_NOT_A_PROGRAMME_NAME = re.compile("的|等|一系列|为期|[0-9０-９]+个")


def _listed_after_cue(text: str, edge: int) -> bool:
    """实施A计划、B计划: a name after 、 whose list a cue opens, every earlier item a programme."""
    if edge < 1 or text[edge - 1] != "、":
        return False
    start = edge - 1
    while start > 0 and edge - start < 80 and text[start - 1] not in HARD_STOP:
        start -= 1
    opener = next(_CARRY_OUT.finditer(text, start, edge), None)
    if opener is None:
        return False
    items = text[opener.end():edge - 1].split("、")
    return all(item.endswith(_PROGRAMME_HEADS) for item in items)




_IMPLEMENTED = re.compile("(?:实施|落实|贯彻|服务|融入|对接|推进|推动|坚持走)$")
_CARRY_OUT = re.compile("实施|开展|启动|落实|出台|制定|推出|印发")  # what carries out a programme or issues a rule
_CARRIED_OUT = re.compile(f"(?:{_CARRY_OUT.pattern})[了好]?$")  # …right before a name
_PUSHED_ON = re.compile(f"(?:{_CARRY_OUT.pattern}|推进|推动|深化)[了好]?$")  # 深入推进“某某”专项行动
_OPINION_HEADS = ("实施意见", "指导意见")  # a rule's title may open with its verb: 优化产业生态体系实施意见
_PROGRAMME_HEADS = ("行动", "计划", "工程", "条例", "三年行动", "专项行动", "行动计划", *_OPINION_HEADS)


def _is_predicate(modifier: str) -> bool:
    """Is the modifier one common verb or adjective (驱动, 壮大)?"""
    return common_word(modifier) and word_tag(modifier) in ("v", "vn", "a", "ad")


@cache
def _designation_cue(aims: bool = False) -> re.Pattern[str]:
    kinds = rules.designations()
    return re.compile(alternation(kinds["cue"] | (kinds["aim"] if aims else frozenset())))


def _conferred(text: str, edge: int, head: int, end: int, etype: str) -> bool:
    """Does a designation cue (获评, 入选, 纳入) before the name confer it as a title? The cue
    may open a list the name ends (获评A示范园区、B工业园区和C试点)."""
    if not _after_designation(text, edge):
        # 支持园区建设国家级绿色工业园区, 争创省级高新区: a level aimed at is a title too
        level = next((w for w in ("国家级", "省级") if text.startswith(w, edge)), "")
        return bool(level) and (head - edge > len(level) or end - head >= 5) \
            and _after_designation(text, edge, aims=True)  # not 打造国家级产业集群: a level and a bare head
    if text[edge] in OPEN_QUOTES:
        return True  # 获评“国家级绿色工业园区”: a quoted name right after the cue is the title
    kinds = rules.designations()
    if etype == "Cluster" or text[head:end] in kinds["belt"]:
        return True
    return any(text.startswith(level, edge) for level in kinds["level"])


def _after_designation(text: str, edge: int, aims: bool = False) -> bool:
    """Does a designation cue (with aims: also an aim, 打造/建设) end right before edge, or open
    a list of names that ends there?"""
    edge = _quantifier_before(text, edge)  # 入选首批|中国特色小镇: a batch between the cue and the title
    start = edge
    while start > 0 and edge - start < 80 and text[start - 1] not in HARD_STOP:
        start -= 1
    cues = _designation_cue(aims)
    last = max((m.end() for m in cues.finditer(text, max(start, edge - 80), edge)), default=-1)
    if last == edge:
        return True
    if last < 0 or text[edge - 1] not in "、和及":
        return False
    items = re.split("[、和及]", text[last:edge - 1])  # the names between the cue and this one
    return all(item and ends_with_head(item, len(item)) for item in items)


def _quantifier_before(text: str, edge: int) -> int:
    """The start of a quantifier (首批, 第二个) that ends at edge, or edge."""
    return next((k for k in range(max(0, edge - 8), edge) if quantifier_length(text, k, edge) == edge - k), edge)


def _names_beyond_a_count(modifier: str, etype: str) -> bool:
    """Does a quoted head's modifier name something beyond a count (“五个一工程”; not “两个条例”)?"""
    count = quantifier_length(modifier, 0, len(modifier))
    rest = modifier[count:]
    return len(modifier) >= 2 and bool(rest) and (count > 0 or not is_generic(rest, etype))  # 五个|一: a slogan


def _quoted_programme(text: str, edge: int, head: int, end: int, etype: str,
                      priority: int) -> Iterator[Candidate]:
    """实施“万企上云”工程, 制造业“十百千万”工程: a quotation right before the head names a
    programme; the quoted words are its short name."""
    lo = min(edge, max(0, head - 30))  # a cue word inside the quotation (“以旧换新”) is none
    closing = max(text.rfind(q, max(0, head - 5), head) for q in CLOSE_QUOTES)
    if closing < 0 or not all(is_cjk(c) for c in text[closing + 1:head]):
        return
    opening = max(text.rfind(q, lo, closing) for q in OPEN_QUOTES)
    if opening < 0 or closing - opening < 3 or any(q in text[opening:closing] for q in CLOSE_QUOTES) \
            or any(c in HARD_STOP for c in text[opening:head]):
        return  # (“安全生产条例”: the head inside the quotation, a name quoted whole)
    if closing == head - 1:
        yield Candidate(opening, end, etype, "suffix", priority, name=text[opening + 1:closing], head=head)
    elif etype == "Plan" and _PUSHED_ON.search(text, max(0, opening - 6), opening):
        yield Candidate(opening, end, etype, "suffix", priority, head=head)  # 开展“皖美品牌”培育行动: the whole name


def _names_a_place_or_park(modifier: str) -> bool:
    """Is the modifier of a plan word only a place (宜昌市), a park name (…高新区) or a central
    body (数发部规划…: the body plans, the word is its verb)?"""
    bare = "".join(c for c in modifier if c not in "“”‘’")
    if is_place(bare) or (bare[-1:] in "市省县区" and is_place(bare[:-1])):
        return True
    return bare.endswith(_area_heads()) or bare in rules.central_agencies(_CENTRAL_AGENCIES_FILE)


_NATIONAL = re.compile("^(?:国家级|国家|全国)")


def _national_title(modifier: str) -> bool:
    """国家先进(制造业基地): a national prefix and a word more make a title, however generic."""
    rest = _NATIONAL.sub("", modifier)
    return rest != modifier and len(strip_quantifier(rest)) >= 2


def _is_place_name(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a place, alone or after the place it lies in (上海浦东新区)?"""
    return is_place(text[start:end]) or any(
        is_place(text[start:k]) and is_place(text[k:end]) for k in range(start + 2, min(end - 2, start + 5)))


def _is_division(modifier: str) -> bool:
    """Is the modifier an administrative division alone (许昌市试点)? A named region is a
    name marker (湘南地区中心城市)."""
    form = place_forms().get(modifier)
    return form is not None and form.level != "region"


@cache
def _area_heads() -> tuple[str, ...]:
    return tuple(s.text for s in rules.suffixes() if s.type in ("Park", "Zone"))


def _inside_open_quotation(text: str, edge: int, head: int, end: int, whole: bool = False) -> int:
    """抓好“一个试点，三个示范”: a head inside a quotation that does not close right after it
    starts its name after the opening mark. One that closes right after it ends a name that may
    open before the quotation (a title: 中国县域发展潜力“百强县”); with whole (a company, park or
    plan: 转投资|“某某股份有限公司”) the quotation is the whole name."""
    closed = end < len(text) and text[end] in CLOSE_QUOTES
    if closed and not whole:
        return edge
    depth = 0
    for i in range(head - 1, edge - 1, -1):
        if text[i] in CLOSE_QUOTES:
            depth += 1
        elif text[i] in OPEN_QUOTES:
            if depth == 0:  # a quotation that closes right after the head quotes the name whole
                return i if closed else i + 1  # (转投资|“某某股份有限公司”)
            depth -= 1
    return edge


def _weak_head_ok(text: str, end: int) -> bool:
    """A weak head (计划, 战略) ends a name only before punctuation or a cue (not 计划经济)."""
    if end >= len(text) or not is_cjk(text[end]):
        return True
    rest = text[end:end + 4]
    return rest.startswith(_WEAK_FOLLOWERS) or bool(cue_pattern().match(rest))


def _close_quote(text: str, start: int, end: int) -> int:
    """Take in the closing mark of a quotation opened inside the name (‘663行动计划’)."""
    if end >= len(text) or text[end] not in CLOSE_QUOTES:
        return end
    span = text[start:end]
    opened = sum(span.count(q) for q in OPEN_QUOTES) - sum(span.count(q) for q in CLOSE_QUOTES)
    if opened > 0:
        return end + 1
    return end


# ---------------------------------------------------------------- enumerations

@cache
def _enumeration_pattern() -> re.Pattern[str]:
    count = r"(?P<count>[\d一二两三四五六七八九十百千几多数余]+)(?:多|余)?(?:个|家|种|大|类|项|批)"
    # 等 (+ count), or a count right after the last item (一汽、东风、上汽四大汽车集团); the
    # pattern opens with a character class so that the regex engine can skip ahead fast
    return re.compile("(?:等(?:" + count + ")?|(?P<bare>[两三四五六七八九十]|\\d{1,2})(?:大|个|家))"
                      r"(?P<run>[\u4e00-\u9fff]{1,12})")


_NUMERALS = {ch: i for i, ch in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _count_value(count: str | None) -> int | None:
    """5 -> 5, 三 -> 3, 十 -> 10; None for vague counts (多, 几) and larger numbers."""
    if not count:
        return None
    if count.isdigit():
        return int(count)
    return _NUMERALS.get(count) if len(count) == 1 else None


@cache
def _enumeration_head_pattern() -> re.Pattern[str]:
    """Every enumeration head at every position of a run."""
    return re.compile("(?=(" + alternation(rules.enumeration_heads()) + "))")


def _head_of(run: str) -> tuple[str, int] | None:
    """The head ending the longest prefix of run whose modifier holds no cue word
    (先进制造业园区建设 -> 园区 at 7; 园区承接了一批配套项目 -> 园区, not 项目)."""
    found = [(m.end(1), m.start(1), m.group(1)) for m in _enumeration_head_pattern().finditer(run)]
    opening = len(run) - len(run.removeprefix("主要").removeprefix("重点"))  # 等主要航空公司: a rank, no cue
    for end, start, head in sorted(found, key=lambda f: (-f[0], f[1])):
        if start <= 8 and not strong_cue_pattern().search(run, opening, start):
            return head, end
    return None


@_component("policykg_enumerations", priority=55)
def find_enumerations(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A、B和C等N个<head>: each item gets the head's type (园区 -> Park, 门类 -> Industry)."""
    text = doc._.document.text
    heads = rules.enumeration_heads()
    for m in _enumeration_pattern().finditer(text):
        run = m.group("run")
        counted_only = m.group("bare") is not None
        list_end = m.start() - 1 if counted_only and text[m.start() - 1:m.start()] in tuple(OPEN_QUOTES) else m.start()
        if counted_only and (list_end == 0 or not is_cjk(text[list_end - 1])
                             or "、" not in text[max(0, list_end - 40):list_end]):
            continue  # a count alone makes an enumeration only right after a list
        cut = min((i for i in (run.find(c) for c in "和及与的") if i >= 0), default=len(run))
        found = _head_of(run[:cut])
        if found is None:
            continue
        head, n = found
        after = m.start("run") + n
        if text.startswith("产品", after):
            continue
        etype, kind, after_count = heads[head]
        if kind == "company" and re.match(r"等[\d一二三四五六七八九十百]+项", m.group(0)):
            continue  # 等4项国家标准项目: counted in 项, tasks and standards, not companies
        items = enumeration_items(text, list_end, etype, _count_value(m.group("count") or m.group("bare")))
        if items and etype == "Industry":
            a = _after_list_cue(text, *items[0])  # 深耕|绿色算力、氢能产业等新赛道
            items[0] = (_after_last_verb(text, a, items[0][1]), items[0][1])  # 积极抢占|深海智能装备
        if counted_only and not after_count and not (items and _opens_industry_list(text, items[0][0], counted=True)):
            continue  # 现代产业、基础设施、民生改善三大领域: too loose without 等 (围绕A、B四大领域 is a list)
        if etype == "Industry" and not head.endswith("业") and (not _any_industry(text, items) or head.endswith("领域") and "产业" not in head and (
                not _mostly_industries(text, items, 0.5) or _POLICY_AREA_AFTER.match(text, after))):
            continue  # 聚焦“一老一小”、教育医疗、就业服务等领域; 财税、金融等重点领域改革: areas of policy
        for a, b in items:
            if kind in ("company", "brand"):
                span = company_span(text, a, b, max_freq=2000 if kind == "brand" else 100, project=kind == "company")
                if span is None:
                    continue
                a, b = span
            elif not _plain_item_ok(text[a:b]) or (b - a == 2 and is_generic(text[a:b], etype)):
                continue  # 现代: a generic word names nothing (绿色低碳 is a field)
            if etype in ("Park", "Zone", "Cluster", "Industry") and is_place(text[a:b].strip("“”‘’")):
                continue  # 培育济南、青岛等物联网产业基地, 共建闵行区、嘉定区三个…集聚区: the places of the bases
            yield Candidate(a, b, etype, "enumeration", priority)
    yield from _bare_cluster_lists(text, priority)


_BARE_CLUSTER_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,14}、)+(?P<last>[^、，。；\s的为以是]{2,12}?)(?P<head>产业集群|产业链)(?![式化])")


def _bare_cluster_lists(text: str, priority: int) -> Iterator[Candidate]:
    """轨道交通和智能装备、生物医药、新型材料产业集群: a list of fields right before a
    cluster's head, no 等 and no count: each item but the last is an industry (the last, with
    the head, is a cluster its own rule finds); only when most items name industries."""
    if "产业集群" not in text and "产业链" not in text:
        return  # most documents: no cluster head, no scan of the whole text for a list before one
    for m in _BARE_CLUSTER_LIST.finditer(text):
        last = m.start("last") - 1
        listed = enumeration_items(text, last, "Industry")
        if not listed:
            continue
        items, start = [], listed[0][0]
        for piece in text[start:last].split("、"):  # 轨道交通和智能装备: 和 inside an item stays
            items.append((start, start + len(piece)))
            start += len(piece) + 1
        if not _mostly_industries(text, items + [m.span("last")], 0.5):
            continue
        for a, b in items:
            if _plain_item_ok(text[a:b]) and not is_place(text[a:b]):
                yield Candidate(a, b, "Industry", "enumeration", priority)


_POLICY_AREA_AFTER = re.compile("的?(?:改革|交流|合作|工作|治理|监管|执法|风险|安全|立法|问题)")


def _opens_industry_list(text: str, start: int, counted: bool = False) -> bool:
    """Does a cue that lists industries (重点发展, 聚焦; with counted: also 围绕) end right at start?"""
    cues = (*rules.industry_list_cues(), *(rules.counted_list_cues() if counted else ()))
    return any(text.endswith(cue, max(0, start - len(cue)), start) for cue in cues)


_NOTE = r"(?:[（(][^（）()，。；\n]{1,16}[）)])?"  # 化学药（含仿制药）: an item may carry a note


@cache
def _focus_list_pattern() -> re.Pattern[str]:
    item, last = r"[\u4e00-\u9fff]{2,12}" + _NOTE, r"[\u4e00-\u9fff]{2,25}" + _NOTE  # the last may join two (B和C)
    return re.compile("(?:" + alternation(rules.industry_list_cues()) + ")"
                      + f"(?P<items>(?:{item}、)+{last})(?=[，。；])")


_AS_LEADING_INDUSTRY = re.compile(
    r"(?:把|将)(?P<items>[\u4e00-\u9fff、和]{2,40}?)(?:作为|列为|确定为|定位为)(?:全[市县区省]的?)?(?:首位|主导|支柱|重点|特色|优势|战略性新兴)产业")
_PAIR_BEFORE_KIND = re.compile(
    r"(?<=[抓握住])(?P<first>[\u4e00-\u9fff]{2,12})、(?P<second>[\u4e00-\u9fff]{2,12})"
    r"等(?:新兴|未来|新)?(?:发展机遇|机遇|赛道|产业|行业)")


@cache
def _pair_focus_pattern() -> re.Pattern[str]:
    """重点发展A和B产业。: two items joined by 和/及/与 right after a cue, nothing after them."""
    item = r"[\u4e00-\u9fff]{2,12}?"
    return re.compile("(?:" + alternation(rules.industry_list_cues()) + ")"
                      + f"(?P<first>{item})(?:和|及|与|以及)(?P<second>{item})(?P<head>两大产业|产业|行业)?(?=[，。；])")


_RESULT_COMPLEMENTS = "好强优实"  # 做好, 做强, 做优, 落实: what completes a verb, no name's start (not 大: 大数据)
_SHORT_ITEM_NOT_A_NAME = re.compile("^[和与及并或]|的|等|发展")  # 大力培育|和发展光伏产业: a second verb; …等C: a headed list


@cache
def _short_focus_pattern() -> re.Pattern[str]:
    """重点发展电子商务产业。 / 大力发展A、B。: one or two items right after a cue, then a stop."""
    item = r"[\u4e00-\u9fff]{2,14}"
    return re.compile("(?:" + alternation(rules.industry_list_cues()) + ")"
                      + f"(?P<items>{item}(?:、{item})?)(?=[，。；,;])")


@cache
def _direction_list_pattern() -> re.Pattern[str]:
    """以A、B、C为主攻方向: a list of industries closed by the word that says so."""
    item = r"[\u4e00-\u9fff]{2,12}" + _NOTE
    return re.compile(f"以(?P<items>(?:{item}、)+{item})为(?:主攻|重点|发展|主导)(?:方向|领域)")


_COUNTED_HEAD_LIST = re.compile(
    r"(?:[一二三四五六七八九十两]|\d{1,2})(?:大|个)[\u4e00-\u9fff]{0,6}?(?:产业|行业)[：:，,]"
    r"(?:即|包括|分别是|分别为|主要是|主要有)?(?P<items>(?:[\u4e00-\u9fff]{2,12}" + _NOTE + "、)+"
    r"[\u4e00-\u9fff]{2,12}" + _NOTE + ")(?=[。；;\n]|$)")


@cache
def _named_item_heads() -> tuple[str, ...]:
    """Enumeration heads whose items are not industries (产业集群, 园区)."""
    return tuple(h for h, (etype, _, _) in rules.enumeration_heads().items() if etype != "Industry")


_TITLE = (r"[“‘][^“”‘’\n]{3,30}(?<!人物)(?<!党员)(?<!模范)(?<!劳模)(?<!标兵)(?<!个人)(?<!奖章)(?<!冠军)(?<![奖者])[”’]|(?:全国|全省|全市|全区|国家级|国家|省级|省|市级|中国|世界|[\u4e00-\u9fff]{2,3}省)"
          r"[^，。；、：“”的和及与\n,;:]{2,24}?(?:城市|县市|县城|县|镇|村|乡|单位|企业|园区|基地|示范区|先行区|实验区|试验区|示范点"
          r"|试点|工厂|小镇|之乡|之都|标杆|单项冠军|市场|度假地|目的地|开发区|高新区|经开区)")
_TITLE_END = r"(?=[，。；、和及与“‘]|等|称号|荣誉|$)"
_CONFERRED_TITLE = re.compile(r"(?:被(?:评为|确定为|命名为|认定为|列为|授予)|评为|荣获|获评|获得|授予|获批|升格为|晋升为|批准为)了?"
                              r"(?:首批|第[一二三四五六七八九十0-9]+批|(?:全国|全省|国内)?(?:首个|首家|第一个))?(?P<title>" + _TITLE + ")" + _TITLE_END)
_LEVEL_OF_KIND = re.compile(r"(?:是|为|成为)(?:[^，。；是为]{0,12}?的)?(?:全国首批|首批)?(?P<title>(?:国家级|省级)(?:经济技术开发区"
                            r"|高新技术产业开发区|经济开发区|高新区|经开区|开发区)|国家高新区)(?=[，。；、和及与]|之一|$)")
_CONFERRED_ITEM = re.compile(r"(?:、|和|及|以及|与|(?=[“‘]))(?P<title>" + _TITLE + ")" + _TITLE_END)  # “A”“B”: quotes alone part them


@_component("policykg_conferred_titles", priority=80)
def find_conferred_titles(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A title a cue verb confers, quoted (被评为“外商眼中的最佳投资城市”) or opening with a
    level and ending in a title's head (被确定为全国某某改革试点镇, 获得某省绿色园区、…等荣誉;
    also each item of such a list): a Zone, whatever its head would make it elsewhere. A
    person's honour (荣获“全国优秀共产党员”) is none."""
    text = doc._.document.text
    for m in _LEVEL_OF_KIND.finditer(text):  # 某开发区是国家级经济技术开发区: the level of its kind, a title
        yield Candidate(*m.span("title"), "Zone", "conferred_title", priority)
    for m in _CONFERRED_TITLE.finditer(text):
        a, b = m.span("title")
        name = text[a + 1:b - 1] if text[a] in "“‘" else None
        yield Candidate(a, b, "Zone", "conferred_title", priority, name=name)
        item = _CONFERRED_ITEM.match(text, b)
        while item is not None:  # …、全省…先进单位等荣誉: the list goes on
            a, b = item.span("title")
            yield Candidate(a, b, "Zone", "conferred_title", priority, name=text[a + 1:b - 1] if text[a] in "“‘" else None)
            item = _CONFERRED_ITEM.match(text, item.end("title"))
    yield from _honorary_cities(text, priority)


# A city's honorary title: 中国钛谷, 世界铜都, 中国羊绒纺织名城, 国家历史文化名城 (not 城市, 都市)
_HONORARY_HEAD = "(?:名城|之都|之城|之乡|之谷|小城|城|都|谷)(?![市镇区乡会])"
_HONORARY_CITY = re.compile("(?:中国|世界|全国|全球|亚洲|国家)[^，。；、：“”‘’的和及与\\s\\dA-Za-z]{1,10}?" + _HONORARY_HEAD)
_HONORARY_ITEM = re.compile("、(?P<title>[\u4e00-\u9fff]{3,12}?" + _HONORARY_HEAD + ")(?=[、”])")
_NOT_HONORARY = re.compile("一流|著名|知名|重要|领先|顶尖|先进|最|新型|现代化|国际化|特色|主要|之一")
_SCALE = re.compile("(?:千亿|百亿|万亿)级$")
_HONORARY_CUES = ("作为", "素有", "享有", "誉为", "称为", "冠名为")


def _honorary_cities(text: str, priority: int) -> Iterator[Candidate]:
    """A city's honorary title (宝鸡被誉为“中国钛谷”, 被授予中国羊绒纺织名城称号, 打造世界铜都):
    a Zone when it is quoted, a designation or an aim opens it, or 称号/美誉 follows; the items
    of a quoted list go with it (“世界光伏城、中国光学城、某省汽车城”). A claim of rank
    (世界一流科学城, 著名汽车城) is no title."""
    if "城" not in text and "都" not in text and "谷" not in text and "之乡" not in text:
        return
    for m in _HONORARY_CITY.finditer(text):
        a, b = m.span()
        if _NOT_HONORARY.search(text, a, b) or any(is_place(text[b - n:b]) for n in (2, 3)):
            continue  # 中国科学院成都|分院: a place's name ends it
        quoted = a > 0 and text[a - 1] in OPEN_QUOTES
        scale = _SCALE.search(text, max(0, a - 4), a)
        edge = scale.start() if scale else a  # 打造千亿级|中国某某名城: the aim is before the scale
        if not (quoted or _after_designation(text, edge, aims=True) or text.endswith(_HONORARY_CUES, 0, edge)
                or text.startswith(("称号", "美誉", "荣誉", "的称号", "的美誉"), b)):
            continue
        yield Candidate(a, b, "Zone", "conferred_title", priority)
        item = _HONORARY_ITEM.match(text, b) if quoted else None
        while item is not None and not _NOT_HONORARY.search(item.group("title")):
            yield Candidate(*item.span("title"), "Zone", "conferred_title", priority)
            item = _HONORARY_ITEM.match(text, item.end("title"))


@_component("policykg_focus_lists", priority=55)
def find_focus_lists(doc: Doc, priority: int) -> Iterator[Candidate]:
    """聚焦A、B、C， / 重点发展A、B和C。 (three or more items right after a cue that lists
    industries, nothing after the last item): each item an Industry."""
    text = doc._.document.text
    for m in (*_focus_list_pattern().finditer(text), *_direction_list_pattern().finditer(text),
              *_COUNTED_HEAD_LIST.finditer(text)):  # 六大新兴产业：A、B、C。 names its industries after the head
        a, b = m.span("items")
        tail = re.search(r"等[^、，。；等]{0,6}$", text[a:b])
        if tail:
            b = a + tail.start()  # …和新材料等产业, …人工智能等新赛道: the list ends before 等
        items = [part for item in _split_items(text, a, b, ("和", "与")) for part in _split_industries(text, *item)]
        if len(items) < 3:
            continue  # 聚焦A、B: too short to be sure of a list
        last = text[items[-1][0]:b]
        if INNER_COUNT.search(last) or last.endswith(_named_item_heads()):
            continue  # 聚焦A、B、C三大主导产业, …产业集群: a headed list, read by policykg_enumerations
        if not (tail and re.search("产业|行业|制造业", tail.group())) and not _any_industry(text, items):
            continue  # 聚焦枢纽带动、产创协同、活力宜居等重点地区: aims, not industries
        for ia, ib in items:
            item = text[ia:ib]
            if _plain_item_ok(item) and not _ends_with_name_head(text, ib) and not is_generic(item, "Industry"):
                yield Candidate(ia, ib, "Industry", "enumeration", priority)
    for m in _short_focus_pattern().finditer(text):
        items = _split_items(text, *m.span("items"))
        if all(_plain_item_ok(text[a:b]) and industry_like(text[a:b]) and not _SHORT_ITEM_NOT_A_NAME.search(text[a:b])
               and not INNER_COUNT.search(text[a:b])
               and not _ends_with_name_head(text, b) and not is_generic(text[a:b], "Industry") for a, b in items):
            for a, b in items:  # 大力发展电子商务产业。: a short list, so every item must name an industry
                yield Candidate(a, b, "Industry", "enumeration", priority)
    for m in _AS_LEADING_INDUSTRY.finditer(text):
        for a, b in _split_items(text, *m.span("items")):  # 把光伏产业作为首位产业: the industry it names
            if _plain_item_ok(text[a:b]) and industry_like(text[a:b]) and not is_generic(text[a:b], "Industry"):
                yield Candidate(a, b, "Industry", "enumeration", priority)
    for m in _PAIR_BEFORE_KIND.finditer(text):
        pair = [m.span("first"), m.span("second")]
        if all(industry_like(text[a:b]) and _plain_item_ok(text[a:b]) for a, b in pair):
            for a, b in pair:  # 抢抓智能网联新能源汽车、低空经济等发展机遇: two industries
                yield Candidate(a, b, "Industry", "enumeration", priority)
    for m in _pair_focus_pattern().finditer(text):
        first, second = m.span("first"), m.span("second")
        if m.group("head") != "两大产业":
            second = (second[0], m.end("head") if m.group("head") else second[1])  # …和汽车零部件产业
        pair = [first, second]
        if not all(industry_like(text[a:b]) or (m.group("head") and _plain_item_ok(text[a:b])) for a, b in pair):
            continue  # 重点发展文化和旅游: both must name industries (or a head word says they do)
        for a, b in pair:
            if _plain_item_ok(text[a:b]) and not is_generic(text[a:b], "Industry"):
                yield Candidate(a, b, "Industry", "enumeration", priority)


@cache
def _industry_suffixes() -> tuple[str, ...]:
    return tuple(s.text for s in rules.suffixes() if s.type == "Industry")


def _ends_with_name_head(text: str, pos: int) -> bool:
    """Does the head of a park, cluster… end at pos (an industry's 产业 does not count)?"""
    return ends_with_head(text, pos) and not text.endswith(_industry_suffixes(), 0, pos)


def _any_industry(text: str, items: list[tuple[int, int]]) -> bool:
    """Does one item at least name an industry? A cued list none of whose items does lists
    aims or fields of welfare (聚焦“一老一小”、教育医疗、就业服务等领域)."""
    return any(industry_like(text[a:b]) for a, b in items)


def _mostly_industries(text: str, items: list[tuple[int, int]], share: float, modified: bool = False) -> bool:
    """Do at least share of the items name industries?"""
    return sum(industry_like(text[a:b], modified) for a, b in items) >= share * len(items)


_CLAUSE = re.compile(r"[^，。；：！？\n]+")
_LIST_TAILS = ("发展", "建设", "领域")
_LIST_END = re.compile(r"等|$")


@_component("policykg_industry_lists", priority=50)
def find_industry_lists(doc: Doc, priority: int) -> Iterator[Candidate]:
    """强化智能网联汽车、信息技术、生物医药、航空航天、装备制造等链群的统筹协作: a plain
    list of three or more items, no cue and no head, is a list of industries when two thirds
    of its items end in an industry word (and the last does, when no 等 closes the list)."""
    text = doc._.document.text
    taken = {c.start for c in doc._.candidates if c.rule == "enumeration"}
    for clause in _CLAUSE.finditer(text):
        a, b = clause.span()
        last_mark = text.rfind("、", a, b)
        if last_mark < 0 or text.count("、", a, b) < 2 or len(_item_end_pattern().findall(text, a, b)) < 2:
            continue  # fewer than two items end in an industry word: not worth reading the items
        end = _LIST_END.search(text, last_mark, b).start() if "等" in text[last_mark:b] else b
        if end == b and text.endswith(_LIST_TAILS, last_mark, b):
            end -= 2  # 重视物联网、大数据、人工智能发展: the list ends before its verb
        if text.startswith(_named_item_heads() + _ENTERPRISE_WORDS, end + 1):
            continue  # 等园区, 等企业: read by policykg_enumerations
        items = enumeration_items(text, end, "Industry")
        if items:
            a = _after_last_verb(text, *items[0])  # 同样重视|物联网、…
            items[0] = (a + quantifier_length(text, a, items[0][1]), items[0][1])  # 一批|核心技术
        if _all_end_in(text, items, _FIELD_WORDS):
            continue  # 车辆基本信息、行车环境信息、故障信息: data fields, not industries
        if len(items) < 3 or items[0][0] in taken or not _mostly_industries(text, items, 2 / 3, True) \
                or (end == b and not industry_like(text[items[-1][0]:items[-1][1]], True)):
            continue
        for ia, ib in items:
            if _plain_item_ok(text[ia:ib]) and industry_like(text[ia:ib], True):
                yield Candidate(ia, ib, "Industry", "industry_list", priority)


_ENTERPRISE_WORDS = ("企业", "集团", "公司", "龙头")


_FIELD_WORDS = ("信息", "数据", "技术")


def _all_end_in(text: str, items: list[tuple[int, int]], words: tuple[str, ...]) -> bool:
    """Do all items end in one of words (the same kind of thing, said of each)?"""
    return bool(items) and all(text.endswith(words, a, b) for a, b in items)


def _after_list_cue(text: str, a: int, b: int) -> int:
    """Where an item starts when a cue that lists industries (深耕, 聚焦) opens it."""
    cue = next((c for c in rules.industry_list_cues() if text.startswith(c, a) and b - a - len(c) >= 2), "")
    return a + len(cue)


def _after_last_verb(text: str, a: int, b: int) -> int:
    """Where the first item of a plain list starts when a verb opens its piece (同样重视物联网
    -> 物联网): after the last common verb whose rest still names an industry."""
    return _past_last_word(text, a, b, lambda word, pos: len(word) >= 2 and word_tag(word) in ("v", "vn")
                           and word_freq(word) >= 100 and industry_like(text[pos:b])
                           and text[pos:b] not in rules.industry_heads())  # not 通用|航空: a bare industry word


_EVENT_AFTER = re.compile("大会|论坛|峰会|博览会|展会|展览会|年会|大赛|推介会|洽谈会|交易会")


@_component("policykg_industry_subjects", priority=48)
def find_industry_subjects(doc: Doc, priority: int) -> Iterator[Candidate]:
    """An industry that opens a clause as the subject of its figures, as statistics reports
    name them (石化行业实现增加值57.2亿元，下降2.7%; 装备制造业同比增长39.7%)."""
    text = doc._.document.text
    for m in _INDUSTRY_SUBJECT.finditer(text):
        name = m.group("name")
        if name.endswith(_NOT_INDUSTRY_ENDINGS) or name.startswith(_SCOPE_WORDS) \
                or re.search("[的在是对从将与把被为用以让使]", name) \
                or _opens_with_place(name):  # 浙江制造业: a place's, read by the list rules
            continue
        start = left_edge(text, m.start("name"), m.end("name") - 2, "Industry")  # 力争|新能源装备制造业产值…
        start = _after_last_verb(text, start, m.end("name"))
        yield Candidate(start, m.end("name"), "Industry", "industry_subject", priority)
    for m in _FIELDS_MEASURED.finditer(text):  # 新一代信息技术、高端装备产业增加值增长13.6%、9.8%
        a = m.start("items")
        a = left_edge(text, a + _scope_length(text, a), m.end("items"), "Industry")  # 力争|新能源装备制造业…
        a = _after_last_verb(text, a, m.end("items"))
        joined = re.search("[和与及](?:相关|其他)", text[a:m.end("items")])  # 互联网和相关服务业: one category
        items = _split_items(text, a, m.end("items"), () if joined else ("和", "与", "及"))
        if len(items) == 1 and text.startswith(("产业", "行业"), m.end("items")):
            items = [(items[0][0], m.end("items") + 2)]  # 战略性新兴产业增加值: one field, its head its own
        if all(industry_like(text[ia:ib], True) and _plain_item_ok(text[ia:ib]) and not is_generic(text[ia:ib], "Industry")
               and not _TIME_OR_SCOPE.search(text, ia, ib) and text[ia] not in _NUMERALS and word_tag(text[ia:ib]) != "t"
               and not _opens_with_place(text[ia:ib]) for ia, ib in items):  # (一、二、三产业: no field)
            for ia, ib in items:
                yield Candidate(ia, ib, "Industry", "industry_subject", priority)


_INDUSTRY_SUBJECT = re.compile(
    r"(?:^|(?<=[，。；：\n]))(?P<name>[\u4e00-\u9fff]{1,14}?(?:行业|业))"
    r"(?=实现|完成|增加值|同比|产值|营业收入|利润|(?:分别)?(?:增长|下降)[0-9０-９])", re.M)
# fields a figure measures, at a clause's start: A、B产业增加值增长…, A和B营业收入增长…, 、C增长6%
_FIELDS_MEASURED = re.compile(
    r"(?:^|(?<=[，。；：\n、]))(?P<items>[\u4e00-\u9fff]{2,12}?(?:[、和与及][\u4e00-\u9fff]{2,12}?){0,5}?)"
    r"(?=(?:产业|行业)?(?:工业)?(?:增加值|营业收入|营收|产值|产量|增速|规模)?(?:同比|分别|均)?(?:增长|下降|突破|达到|超过|达)"
    r"(?:近|超|约|超过)?[0-9０-９])", re.M)


_TIME_OR_SCOPE = re.compile("今年|去年|季度|上半年|全年|[0-9０-９]|月份|全国|全省|全市|我国|中国|世界|全球|算力$")


def _opens_with_place(name: str) -> bool:
    """Do the first two, three or four characters name a place (浙江制造业, 青溪国家…基地)?"""
    return any(is_place(name[:k]) for k in (2, 3, 4))


def _scope_length(text: str, a: int) -> int:
    return next((len(w) for w in _SCOPE_WORDS if text.startswith(w, a)), 0)


# 地方工业, 规上企业, 就业, 创业: a grouping of units or a word, not an industry
_NOT_INDUSTRY_ENDINGS = ("工业", "企业", "就业", "创业", "事业", "物业", "专业", "作业", "毕业", "营业", "产业")
_SCOPE_WORDS = ("全市", "全省", "全区", "全县", "我市", "规上", "规模以上", "限额以上", "其中")


@cache
def _item_end_pattern() -> re.Pattern[str]:
    """An industry word ending a list item."""
    return re.compile("(?:" + alternation(rules.industry_heads()) + ")(?=[、等和与及，。；]|$)")


_BARE_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,10}、){2,}[\u4e00-\u9fff]{2,12}?(?P<head>行业|产业)")
_BARE_HEAD = re.compile(r"(?<=[\u4e00-\u9fff])(?:行业|产业)")


@_component("policykg_bare_lists", priority=55)
def find_bare_lists(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A、B、C行业 / A、B、C产业 (three or more items, no 等; not …产业集群): each item an
    Industry."""
    text = doc._.document.text
    for h in _BARE_HEAD.finditer(text):
        i = h.start()
        if "、" not in text[max(0, i - 30):i] or _longer_head_at(text, i):
            continue  # …产业园、…产业片区: a name's head, not a list of fields
        m = _BARE_LIST.search(text, max(0, i - 80), i + 2)
        if m is None or m.start("head") != i or "等" in text[text.rfind("、", 0, i):i] \
                or INNER_COUNT.search(text, m.start(), i):
            continue  # 等 and counted lists (A、B、C三大产业) are read by policykg_enumerations
        for a, b in enumeration_items(text, i, "Industry"):
            a += reference_length(text[a:b])  # 全市电子信息 -> 电子信息
            if _plain_item_ok(text[a:b]) and not is_generic(text[a:b], "Industry") and word_tag(text[a:b]) != "t":
                yield Candidate(a, b, "Industry", "enumeration", priority)  # not 未来(产业): a time


@_component("policykg_plan_lists", priority=50)
def find_plan_lists(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A、B、C three or more items of a 、 list, each ending with one plan head (实施创新驱动发展
    战略、科技强省战略、人才强省战略; 智能制造工程、工业强基工程、绿色制造工程): each item a Plan,
    though a weak head alone would need a name marker; a verb opening the first is left out."""
    text = doc._.document.text
    for m in _plan_lists(text):
        head = m.group("head")
        pieces, start = [], m.start()
        for piece in m.group().split("、"):
            pieces.append((start, start + len(piece)))
            start += len(piece) + 1
        if len(pieces) < 3 or not all(text[a:b].endswith(head) for a, b in pieces):
            continue
        pieces[0] = (_after_opening_verbs(text, *pieces[0]), pieces[0][1])
        for a, b in pieces:
            if b - a - len(head) >= 2 and not re.search(r"[，。；：\d]", text[a:b]):
                yield Candidate(a, b, "Plan", "plan_list", priority)


def _after_opening_verbs(text: str, a: int, b: int) -> int:
    """Past the verbs and adverbs that open a list's first item (深入实施|创新驱动发展战略)."""
    for word in words_of(text[a:b]):
        if word not in _PLAN_LIST_VERBS and word_tag(word) != "d":
            break
        a += len(word)
    return a


_PLAN_LIST_VERBS = frozenset(("实施", "推进", "推动", "落实", "开展", "启动", "加快", "深化", "坚持", "强化", "完善",
                              "制定", "出台", "印发", "编制", "修订", "围绕", "依据", "按照", "贯彻", "深入", "大力",
                              "全面", "持续", "着力", "扎实", "继续", "积极", "组织", "推行", "执行", "抓好"))
# 工程 names works as often as programmes (改扩建工程, 输水隧洞工程): no head of a list of plans
_NOT_PLAN_LIST_HEADS = ("工程", "改革", "政策", "条例")


def _plan_lists(text: str) -> Iterator[re.Match[str]]:
    """The rows _plan_list_pattern matches, read only where a head ends an item (…战略、): a
    scan for the heads is fast, the pattern's lazy items are not."""
    pattern, end = _plan_list_pattern(), 0
    for hit in _plan_head_before_comma().finditer(text):
        if hit.start() < end:
            continue
        m = pattern.search(text, max(end, hit.start() - 17), hit.end() + 40 * 16)
        if m is not None and m.start() <= hit.start():
            end = m.end()
            yield m


@cache
def _plan_head_before_comma() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, _plan_list_heads())) + ")、")


@cache
def _plan_list_heads() -> list[str]:
    return sorted({s.text for s in rules.suffixes() if s.type == "Plan" and s.strength in ("weak", "quoted")
                   and s.text not in _NOT_PLAN_LIST_HEADS}, key=len, reverse=True)


@cache
def _plan_list_pattern() -> re.Pattern[str]:
    head = "(?P<head>" + "|".join(map(re.escape, _plan_list_heads())) + ")"
    item = r"[^、，。；：:（()）“”\n]{2,16}?"
    return re.compile(rf"{item}{head}(?:、{item}(?P=head))+")


def _longer_head_at(text: str, i: int) -> bool:
    m = suffix_pattern().match(text, i)
    return m is not None and m.end() - i > 2


def _plain_item_ok(item: str) -> bool:
    """A list item that may be a name: 2-16 characters, no digit, no judgement of a state
    (缺乏科技创新, 生产效率不高: a weakness listed, not an industry)."""
    return 2 <= len(item) <= 16 and not any(ch.isdigit() for ch in item) and not _JUDGEMENT.search(item)


_JUDGEMENT = re.compile("^(?:缺乏|缺少|没有)|(?:不足|不高|不强|不够|薄弱|滞后|落后|不到位)$")


def enumeration_items(text: str, end: int, etype: str, count: int | None = None) -> list[tuple[int, int]]:
    """The items of the enumeration ending at end (the position of 等 or of its head), read
    right to left up to the piece a left cue cuts (…园区引进了豪迈科技、盛瑞传动等企业)."""
    start = end
    while start > 0 and end - start < 160:
        opening = _opening_parenthesis(text, start - 1)
        if opening is None and text[start - 1] in HARD_STOP:
            break
        start = opening if opening is not None else start - 1  # 汽车及零部件（含新能源汽车）: a note inside the list
    pieces: list[tuple[int, int]] = []
    b = end
    for i in range(end - 1, start - 2, -1):
        if i < start or text[i] == "、" and _outside_parentheses(text, start, i):
            a = i + 1
            b = _before_note(text, a, b)
            edge = left_edge(text, a, _before_project_tail(text, a, b) if etype == "Enterprise" else b, etype)
            pieces.append((edge, b))
            if edge > a:
                break
            b = i
    pieces.reverse()
    joiners = ("和", "与") if etype in ("Industry", "Enterprise", "Cluster") else ("和", "与", "以及", "及")
    if etype == "Cluster" and count == len(pieces):
        joiners = ()  # 汽车制造和服务、大健康和生物技术等三大产业集群: the count says no split
    items: list[tuple[int, int]] = []
    for a, b in pieces:
        items.extend(_split_joined(text, a, b, joiners))
    if items and text.startswith(_SCOPE_WORDS, items[0][0]):
        a, b = items[0]  # 全市智能家居、工业智能…: the scope opens the list, not its first item
        items[0] = (a + _scope_length(text, a), b)
    return [(a, b) for a, b in items if b > a]


_CLOSING_PARENTHESES = {"）": "（", ")": "("}


def _opening_parenthesis(text: str, close: int) -> int | None:
    """Where the short parenthesis closed at close opens (at most 20 characters before), if it does."""
    opener = _CLOSING_PARENTHESES.get(text[close])
    if opener is None:
        return None
    at = text.rfind(opener, max(0, close - 20), close)
    return at if at >= 0 and not any(c in "。；\n" for c in text[at:close]) else None


def _outside_parentheses(text: str, start: int, i: int) -> bool:
    piece = text[start:i]
    return piece.count("（") + piece.count("(") <= piece.count("）") + piece.count(")")


def _before_note(text: str, a: int, b: int) -> int:
    """临港工业（家居和建材业）: an item ends before the note in parentheses it closes with
    (半导体（洁净）机器人 keeps its inner note)."""
    if b - a < 3 or text[b - 1] not in _CLOSING_PARENTHESES:
        return b
    for k in range(a + 2, b):
        if text[k] in "（(" and _outside_parentheses(text, a, k):
            return k
    return b


def _before_project_tail(text: str, a: int, b: int) -> int:
    """巴斯夫MDI扩建: the work a project item names after its company is no left cue of the list."""
    tail = PROJECT_TAIL.search(text, a, b)
    return tail.start() if tail and tail.start() - a >= 2 else b


def _split_joined(text: str, a: int, b: int, joiners: tuple[str, ...]) -> list[tuple[int, int]]:
    """精密模具和机器人 -> 精密模具, 机器人 (each side at least two characters)."""
    piece = text[a:b]
    if "的" in piece:
        return [(a, b)]  # 电力热力的生产和供应: one phrase, not two items
    for j in joiners:
        i = piece.find(j)
        if i >= 2 and len(piece) - i - len(j) >= 2:
            return [(a, a + i), *_split_joined(text, a + i + len(j), b, joiners)]
    return [(a, b)]


# ---------------------------------------------------------------- enterprises

def _joined_company(text: str, edge: int, head: int, priority: int) -> Candidate | None:
    """The company before 和/与 in a company name's modifier (A和B集团), when A looks like one."""
    j = max(text.rfind(w, edge, head) for w in "和与")
    if j - edge < 2 or head - j - 1 < 2:
        return None
    place = max((n for n in (2, 3, 4) if is_place(text[edge:edge + n])), default=0)
    if j - edge - place < 2:
        return None  # 安徽瑞和新材料有限公司: a place and one character name no company; 和 is in the name
    span = company_span(text, edge, j, max_freq=2000)
    return Candidate(span[0], span[1], "Enterprise", "enterprise_cue", priority) if span == (edge, j) else None


@_component("policykg_enterprise_cues", cues_file="entity_enterprise_cues.tsv", priority=65)
def find_enterprise_cues(doc: Doc, cues_file: str, priority: int) -> Iterator[Candidate]:
    """Companies without a legal suffix, from cue structures (以A、B为龙头, A实现…上市)."""
    text = doc._.document.text
    other_types = cache(lambda: {(c.start, c.end) for c in doc._.candidates if c.type != "Enterprise"})
    for cue in rules.enterprise_cue_patterns(cues_file):
        if not any(k in text for k in cue.keywords):
            continue
        for m in cue.pattern.finditer(text):
            a, b = m.span("items")
            while a < b and not _is_word_char(text[a]):
                a += 1
            if cue.peers_only:
                a = _after_opening_verb(text, a, b)  # 引入A、B、C等龙头企业: the verb opens the clause, not the list
            if _NOT_COMPANIES.search(text, a, b) or text.startswith(("企业", "公司", "集团", *_PRONOUNS), a) \
                    or opens_with_verb(words_of(text[a:min(b, a + 12)])):
                continue  # 以开放包容、合作共赢理念为引领; 骨干企业预计今年…将扭亏为盈; 龙头企业构建A、B
            for ia, ib in _split_items(text, a, b):
                span = company_span(text, ia, ib, max_freq=2000, leader=cue.leader_slot)
                if span and cue.peers_only and (not _listed_firm(text[span[0]:span[1]]) or span in other_types()):
                    continue  # 云计算、大数据等企业: firms of fields (an industry found there already), not firms named
                if span:
                    yield Candidate(span[0], span[1], "Enterprise", "enterprise_cue", priority)


def _after_opening_verb(text: str, a: int, b: int) -> int:
    """Where a list starts after the common verb (and 了) that opens its clause."""
    words = words_of(text[a:min(b, a + 12)])
    if not opens_with_verb(words):
        return a
    a += len(words[0])
    return a + 1 if text.startswith("了", a) else a


_PRONOUNS = ("他", "她", "它", "我", "你", "咱", "其")  # 他也是…企业, 2022年，他力主投资…: a person, no company

# words of aims, ideas and predicates, never in a list of companies a cue reads
_NOT_COMPANIES = re.compile("理念|建设|创新等|改革|开放|共赢|包容|预计|今年|明年|将|已经|正在|目标|环境|资源|碳达峰|碳中和"
                            "|开展|对接|高校|院所|性(?:[、和及与]|$)")


def _is_word_char(ch: str) -> bool:
    return is_cjk(ch) or ch.isalnum()


def _split_items(text: str, a: int, b: int, joiners: tuple[str, ...] = ("和", "与", "及")) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = a
    for i in range(a, b + 1):
        if i == b or text[i] == "、":
            out.extend(_split_joined(text, start, _before_note(text, start, i), joiners))
            start = i + 1
    return out


def _split_industries(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """新材料及精密工程 -> two industries; 信息及通讯技术 and 新能源电池及材料 stay one (信息 and
    材料 alone name none)."""
    i = text.find("及", a + 2, b - 2)
    if i < 0 or not industry_like(text[a:i], modified=True) or text[i + 1:b] in rules.industry_heads():
        return [(a, b)]
    return [(a, i), *_split_industries(text, i + 1, b)]


@_component("policykg_enterprise_lists", min_priority=50, priority=45)
def find_enterprise_list_peers(doc: Doc, min_priority: int, priority: int) -> Iterator[Candidate]:
    """The other items of a 、 list holding a company a rule is sure of (淡马锡、苏宁等投资机构;
    云锋基金、红杉资本、高榕资本): writers list like with like, so an item shaped like a company's
    name, that no other rule reads, is one too."""
    text = doc._.document.text
    known = list(doc._.candidates)
    sure = [c for c in known if c.type == "Enterprise" and c.standalone and c.priority >= min_priority]
    taken = {(c.start, c.end) for c in known}
    seen: set[tuple[int, int]] = set()
    for c in sure:
        peers = _list_peers(text, c.start, c.end)
        project = peers and _PROJECT_LIST_END.match(text, max(c.end, *(b for _, b in peers))) is not None
        for a, b in peers:
            if (a, b) in seen or (a, b) in taken:
                continue
            seen.add((a, b))
            span = company_span(text, a, b, max_freq=_LIST_PEER_MAX_FREQ, project=project)
            if span and _peer_named(text[span[0]:span[1]]) \
                    and not any(k.start <= span[0] and span[1] <= k.end for k in known):
                yield Candidate(span[0], span[1], "Enterprise", "list_peer", priority)


def _listed_firm(item: str) -> bool:
    """An item of a list a count of firms closes (A、B等9家企业) that names a firm: shaped like a
    list peer, with no verb opening it and no clause mark inside."""
    words = words_of(item)
    return _peer_named(item) and not opens_with_verb(words) and not re.search("[“”\"'在已]", item) \
        and not any(word_tag(w) in ("p", "c", "f", "u") or (len(w) > 1 and word_tag(w).startswith("v")
                                                              and word_freq(w) >= _COMMON_WORD) for w in words)


def _peer_named(item: str) -> bool:
    """A list peer names a company, not a field (智慧医疗) or a kind of firm (央企, 大型民企)."""
    words = words_of(item)
    if len(words) >= 2 and all(len(w) >= 2 and word_freq(w) >= _COMMON_WORD for w in words):
        return False  # 智慧医疗, 汽车美容: a phrase of common words, no brand
    return not industry_like(item) and not is_generic(item, "Enterprise") and not item.endswith(_NOT_FIRMS) \
        and not INNER_COUNT.match(item)


_PROJECT_LIST_END = re.compile("等?[^，。；、]{0,6}?(?:项目|工程)")  # …、协鑫光伏二期等项目: items name works or companies
_COMMON_WORD = 400
_NOT_FIRMS = ("企", "平台", "主体", "出资", "部", "协", "中学", "小学", "大学")
_LIST_PEER_MAX_FREQ = 50  # a dictionary word this common is a word of the language, even in a list of companies


def _list_peers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items listed with text[start:end] by 、 (the last may close with 等, 和 or 及), read
    no further than a clause's punctuation; the first item only when a separator opens it."""
    if text[end:end + 1] != "、" and text[start - 1:start] != "、":
        return []
    items, b = [], start - 1
    while b > 0 and text[b] == "、":  # leftwards: items between two 、
        a = b
        while a > 0 and text[a - 1] not in HARD_STOP + "、" and b - a < 14:
            a -= 1
        if text[a - 1:a] != "、":
            break  # the list's first item: a verb or a cue may open it (加快比亚迪)
        items.append((a, b))
        b = a - 1
    a = end
    while text[a:a + 1] == "、":  # rightwards: up to the next 、, 等 or the clause's end
        a += 1
        b = a
        while b < len(text) and text[b] not in HARD_STOP + "、等和及以" and b - a < 14:
            b += 1
        if b >= len(text) or text[b] not in "、等和及":
            break  # the clause goes on after the last item (恒旭资本共同出资): no clean end
        items.append((a, b))
        a = b
    return [(a, b) for a, b in items if b - a >= 2]


@_component("policykg_person_lists", min_priority=55, priority=50)
def find_person_list_peers(doc: Doc, min_priority: int, priority: int) -> Iterator[Candidate]:
    """The other items of a 、 list holding a person a rule found (市领导黄某、袁某、梁某): a name
    of two or three characters opening with a surname is a person too."""
    text = doc._.document.text
    known = list(doc._.candidates)
    people = [c for c in known if c.type == "Person" and c.priority >= min_priority]
    taken = {(c.start, c.end) for c in people}
    for c in people:
        for a, b in _list_peers(text, c.start, c.end):
            if (a, b) not in taken and 2 <= b - a <= 3 and _surname_at(text, a) \
                    and (person_length(text, a) == b - a or b - a == 2) and not _no_name(text, a, b):
                taken.add((a, b))
                yield _person(text, a, b, "person_list", priority)


@_component("policykg_enterprise_parks", priority=40)
def find_enterprise_parks(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A park named after its company: 比亚迪汽车工业园 -> 比亚迪 (brand + industry word)."""
    text = doc._.document.text
    for c in list(doc._.candidates):
        if c.type != "Park" or c.rule != "suffix" or not c.standalone:
            continue
        m = _ending_pattern().search(text, c.start, c.head)
        brand = text[c.start:m.start()] if m else ""
        if 2 <= len(brand) <= 3 and not place_forms().get(brand) and word_freq(brand) < 10 \
                and not opens_generic(brand):
            yield Candidate(c.start, c.start + len(brand), "Enterprise", "enterprise_park", priority,
                            nested=True, hosts=("Park",))


@cache
def _ending_pattern() -> re.Pattern[str]:
    """An industry word ending the text searched (longest first)."""
    return re.compile("(?:" + "|".join(map(re.escape, rules.enterprise_endings())) + r")\Z")


@_component("policykg_latin_brands", priority=35)
def find_latin_brands(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A run of capitalised Latin words in Chinese text is a brand (Costco, Advanced Analogic
    Technologies), unless it is part of a web address or file name, or only generic English
    words (News, Hong Kong, Limited) that say nothing of a company on their own."""
    text = doc._.document.text
    generic = rules.latin_generic_words()
    for m in _LATIN_RUN.finditer(text):
        if text[m.start() - 1:m.start()] in _PATH_MARKS or text[m.end():m.end() + 1] in _PATH_MARKS:
            continue
        if all(word in generic for word in m.group().split()) or not _among_chinese(text, m.start(), m.end()) \
                or _in_gloss(text, m.start()) or _expands_acronym(text, m.start(), m.group()):
            continue
        yield Candidate(m.start(), m.end(), "Enterprise", "latin_brand", priority)


def _expands_acronym(text: str, start: int, run: str) -> bool:
    """Is the run the spelt-out form of an acronym written just before it (ERP：企业资源计划
    （Enterprise Resource Planning）, SCADA … Supervisory Control And Data Acquisition)? A
    glossary's term, not a brand."""
    words = run.split()
    if len(words) < 2:
        return False
    initials = "".join(w[0] for w in words).upper()
    capitals = "".join(w[0] for w in words if w[0].isupper())
    before = text[max(0, start - 60):start]
    return any(re.search(rf"(?<![A-Za-z]){re.escape(a)}", before) for a in {initials, capitals} if len(a) >= 2)


_ENGLISH_GLOSS = re.compile(r"[（(][A-Za-z ,&'-]*\b(?:and|of|the|for|in)\b[A-Za-z ,&'-]*[）)]")


def _in_gloss(text: str, start: int) -> bool:
    """Is start inside brackets holding an English phrase (城市管理和治理（City Management and
    Governance）): a translation of the Chinese before it, not a brand."""
    opening = max(text.rfind("（", 0, start), text.rfind("(", 0, start))
    closing = min((i for i in (text.find("）", start), text.find(")", start)) if i >= 0), default=-1)
    return opening >= 0 and closing > start and bool(_ENGLISH_GLOSS.fullmatch(text[opening:closing + 1]))


def _among_chinese(text: str, start: int, end: int) -> bool:
    """Does Chinese text stand beside the run (past spaces, brackets and quotes)? Words of an
    English passage (City Management, Public Participation) are no brands in Chinese text."""
    skip = " \t（）()“”\"'「」"
    before = text[:start].rstrip(skip)[-1:]
    after = text[end:].lstrip(skip)[:1]
    return any(ch and is_cjk(ch) for ch in (before, after))


_LATIN_WORD = r"[A-Z][a-z]{2,}(?:[A-Z][a-z]+)*"
_LATIN_RUN = re.compile(rf"(?<![A-Za-z0-9]){_LATIN_WORD}(?: {_LATIN_WORD})*(?![A-Za-z0-9])")
_PATH_MARKS = frozenset("-_/.=:@%#")


_SHORT_NAME = re.compile(r"[（(](?:以下)?(?:简称|下称)[：:]?[“\"]?(?P<short>[^（）()“”\"，。]{2,12})[”\"]?[）)]")


# 95: a short name's definition wins over its 《方案》 as a title (90)
@_component("policykg_short_names", priority=95, plan_use_priority=92, use_priority=60)
def find_short_names(doc: Doc, priority: int, plan_use_priority: int,
                     use_priority: int) -> Iterator[Candidate]:
    """潍柴动力股份有限公司（以下简称“潍柴”）: the short name is the same entity, named in full."""
    text = doc._.document.text
    by_end: dict[int, Candidate] = {}
    for c in doc._.candidates:
        if c.standalone and not c.nested and c.length > by_end.get(c.end, c).length - 1:
            by_end[c.end] = c
    for m in _SHORT_NAME.finditer(text):
        full = by_end.get(m.start())
        if full is None:
            continue
        name = full.name or text[full.start:full.end]
        a, b = m.span("short")
        yield Candidate(a, b, full.type, "short_name", priority, name=name)
        i = text.find(m.group("short"), m.end())
        while i >= 0:  # its later uses
            yield Candidate(i, i + b - a, full.type, "short_name",
                            plan_use_priority if full.type == "Plan" else use_priority, name=name)
            i = text.find(m.group("short"), i + b - a)


# ---------------------------------------------------------------- people

@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile("(?P<title>" + _opening_alternation((*rules.person_titles(), *rules.person_roles()))
                      + r")[：:|｜\s]*")


def _opening_alternation(words: Iterable[str]) -> str:
    """An alternation of words behind a test of their first characters: a class is checked fast
    at every position of a long text, the alternation only where one of them stands."""
    words = sorted(words, key=len, reverse=True)
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])" + alternation(words)


def _no_name_after(text: str, title: str, start: int, end: int) -> bool:
    """No name follows the title or role at [start, end): a role is said of groups too (居民储蓄,
    游客井喷式增长), so a name after one is no common word."""
    if _no_name(text, start, end):
        return True
    return title in rules.person_roles() and (end - start == 2 and word_freq(text[start:end]) >= _WORD_NOT_NAME
                                              or word_freq(text[start:start + 2]) >= _WORD_NOT_NAME)


@_component("policykg_persons", priority=60)
def find_persons(doc: Doc, priority: int) -> Iterator[Candidate]:
    """Names after titles (市长周海兵, 本报记者邓润青) and before 摄 (彭斌 摄)."""
    text = doc._.document.text
    for m in _title_pattern().finditer(text):
        i = m.end()
        if not _surname_at(text, i):
            continue  # every reading below opens with a surname (居民收入, 市长指出: no name)
        if any(is_place(text[i - 1:i - 1 + n]) for n in (3, 4)):
            continue  # 福州市长乐区: the title's last character opens a division's name, no title
        yield from _names_after(doc, i, m.group("title"), "title", priority)
    for m in _DATELINE_CREDIT.finditer(text):  # 中新社泉州3月13日电(刘某某 林某某): the reporters of a dateline
        yield from _names_after(doc, m.end(), "", "dateline", priority, bracketed=True)
    for m in re.finditer(r"摄(?=[\s）)]|\Z)", text):
        span = _photo_credit(text, m.start())
        if span and not _no_name(text, *span):
            yield _person(text, *span, "photo", priority)
    for m in (*_person_list_matches(text), *_LED_PERSON_LIST.finditer(text)):
        yield from _listed_persons(text, m, priority)
    yield from _names_before_titles(text, priority)


def _names_after(doc: Doc, i: int, title: str, rule: str, priority: int,
                 bracketed: bool = False) -> Iterator[Candidate]:
    """The name (or the names, separated by spaces or 、) right after a title or a dateline at i;
    bracketed: the first name too ends where a listed name does (电(张某 李某): no name runs on)."""
    text = doc._.document.text
    spaced = _names_spaced_in_original(doc._.document, i)
    if spaced:
        yield from (_person(text, a, b, rule, priority) for a, b in spaced if not _no_name(text, a, b))
        return
    n = person_length(text, i) or _padded_name(text, i)
    if bracketed and not _ends_listed_name(text, i + n):
        return
    while n and not _no_name_after(text, title, i, i + n):  # （记者 刘某 张某某）: names separated by spaces
        yield _person(text, i, i + n, rule, priority)
        if text[i + n:i + n + 1] not in (" ", "、") or text.startswith(rules.person_titles(), i + n + 1):
            break
        i += n + 1
        n = person_length(text, i) or _padded_name(text, i)
        if not _ends_listed_name(text, i + n):
            break


_DATELINE_CREDIT = re.compile(r"[0-9０-９一二三四五六七八九十]日电\s*[（(]\s*(?:记者\s*)?")
# titles that follow a name (习某某总书记, 李某教授, 张某副市长): a name between a boundary and one
_TITLES_AFTER_NAME = ("总书记", "总理", "副总理", "委员长", "主席", "副主席", "教授", "副教授", "院士", "研究员", "总经理",
                      "副总经理", "董事长", "总裁", "先生", "女士", "博士", "同志",
                      *(p + t for p in ("", "副") for t in ("市长", "省长", "县长", "区长", "书记", "主任", "局长", "院长",
                                                          "校长", "所长", "部长", "厅长", "行长")))
_TITLE_AFTER = re.compile(_opening_alternation(_TITLES_AFTER_NAME))
_STATE_TITLES = ("总书记", "总理", "副总理", "委员长", "主席", "副主席")
_NAME_BOUNDARY = frozenset("，。；：:、（(\n 　“”的和与及")


def _names_before_titles(text: str, priority: int) -> Iterator[Candidate]:
    """A name right before a title it holds (…，习某某总书记指出; 和王某教授): the boundary before
    it and the title after it delimit it."""
    for m in _TITLE_AFTER.finditer(text):
        for n in (3, 2):
            start = m.start() - n
            if start < 0:
                continue
            name = text[start:m.start()]
            if start > 0 and text[start - 1] not in _NAME_BOUNDARY \
                    and not (n == 3 and m.group() in _STATE_TITLES and word_tag(name).startswith("nr")):
                continue  # (贯彻落实|某某某总书记: a name the dictionary knows needs no boundary before a state title)
            if person_length(text, start) == n and (word_freq(name) == 0 or word_tag(name).startswith("nr")) \
                    and not _no_name(text, start, m.start()):
                yield _person(text, start, m.start(), "title_after", priority)
                break


# three names or more (2-3 characters each) in a list the words after it say are of officials
_PERSON_LIST = re.compile(r"(?P<items>(?:[\u4e00-\u9fff]{2,3}、){2,}[\u4e00-\u9fff]{2,3})"
                          r"(?=(?:和|等|及)[^。；]{0,24}?(?:领导|同志|负责人|出席|陪同|参加|调研|视察|考察))")


# …or after words that introduce officials (市领导A、B、C，出席的有A、B、C)
_LED_PERSON_LIST = re.compile(r"(?:领导|嘉宾|出席的有|参加的有|陪同的有)[：:]?"
                              r"(?P<items>(?:[\u4e00-\u9fff]{2,3}、){2,}[\u4e00-\u9fff]{2,3})(?=[，。；和及等\n])")


def _person_list_matches(text: str) -> Iterator[re.Match[str]]:
    """_PERSON_LIST's matches, tried only where a list can open: two or three characters before a
    、 (scanning every position of a long report for it cost 3% of the entity stage)."""
    last_end = 0
    for i in (m.start() for m in re.finditer("、", text)):
        for start in (i - 3, i - 2):
            m = _PERSON_LIST.match(text, start) if start >= last_end else None
            if m is not None:
                last_end = m.end()
                yield m
                break


def _listed_persons(text: str, m: re.Match[str], priority: int) -> Iterator[Candidate]:
    """杜某某、蔡某、王某某和…等各级领导: each item a person when all look like names."""
    items, pos = [], m.start("items")
    for item in m.group("items").split("、"):
        items.append((pos, pos + len(item)))
        pos += len(item) + 1
    if all(person_length(text, a) == b - a or (b - a == 2 and _surname_at(text, a)) for a, b in items):
        for a, b in items:
            if not _no_name(text, a, b):
                yield _person(text, a, b, "person_list", priority)


@_component("policykg_document_titles", priority=92)
def find_document_titles(doc: Doc, priority: int) -> Iterator[Candidate]:
    """The title of an official document at the head of the text (国务院关于…的批复, 某市人民政府
    关于…的通知), a line break allowed inside: the document is a plan-like entity of its own."""
    text = doc._.document.text
    m = _DOCUMENT_TITLE.match(text)
    if m is not None:
        yield Candidate(m.start("title"), m.end("title"), "Plan", "document_title", priority,
                        name=re.sub(r"\s+", "", m.group("title")), reference=True)


_DOCUMENT_TITLE = re.compile(
    r"\s*(?:#+\s*)?(?P<title>[^\n《》。；]{2,30}?关于(?!印发|转发|下发)[^\n《》。；]{2,60}(?:\n[^\n《》。；]{1,60})?"
    r"的(?:批复|复函|意见|决定|实施意见|指导意见|请示|函))(?=[ \t]*(?:\n|$)|[^\n]{0,4}〔)")
# (关于印发《P》的通知 only wraps the plan P, which is the entity)


@_component("policykg_bureaus", priority=70)
def find_bureaus(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A government bureau named without a place, where the text says it is one: set up
    (政府设立资讯科技及广播局, 成立创科局) or led (创科局局长, 创新科技署署长)."""
    text = doc._.document.text
    for m in (*_SET_UP_BUREAU.finditer(text), *_LED_BUREAU.finditer(text)):
        lo, end = m.span("bureau")
        edge = left_edge(text, lo, end - 1, "Agency")
        edge += reference_length(text[edge:end])  # 该市商务局: the city's, named by the local rule
        if end - edge >= 3 and not text[edge:end - 1].endswith(("的", "和", "与")) \
                and not is_generic(text[edge:end - 1], "Agency"):
            yield Candidate(edge, end, "Agency", "bureau", priority)


_SET_UP_BUREAU = re.compile(r"(?:设立|成立|组建|新设)(?P<bureau>[\u4e00-\u9fff]{2,10}?[局署])(?![\u4e00-\u9fff]?长)")
_LED_BUREAU = re.compile(r"(?P<bureau>[\u4e00-\u9fff]{2,10}?[局署])(?=副?(?:局长|署长))")


@_component("policykg_province_parts", priority=28)
def find_province_parts(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A part of a province named by its one-character abbreviation and a direction (皖北,
    苏南, 浙东南, 鄂西地区): a region, where no longer word crosses it (云南 is a province and
    found as one; abbreviations that open other words, 京东 or 台北, are left out)."""
    text = doc._.document.text
    for m in _province_part_pattern().finditer(text):
        if not crosses_edge(text, m.start(), m.end()) and not is_place(m.group()) \
                and not (m.start() > 0 and is_place(text[m.start() - 1:m.start() + 1])):
            yield Candidate(m.start(), m.end(), "Place", "province_part", priority)  # (陇南, 陕西: a division's own name)


@cache
def _province_part_pattern() -> re.Pattern[str]:
    from policykg.extract.divisions import PROVINCE_ABBREVIATIONS

    abbreviations = {a for abbrs in PROVINCE_ABBREVIATIONS.values() for a in abbrs} - _AMBIGUOUS_ABBREVIATIONS
    return re.compile(f"(?<![{''.join(sorted(abbreviations))}])[{''.join(sorted(abbreviations))}]"
                      "(?:东北|西北|东南|西南|[东南西北中])(?:部地区|地区|部)?(?![东南西北中]|半岛|湾|山|河|江|湖|平原|高原|盆地)")


# abbreviations that open common words or place names of their own with a direction
# (京东, 新北, 台北, 云南, 宁南, 津南, 港东, 澳中, 青南, 贵南, 秦东, 蜀南, 黑中, 吉南)
_AMBIGUOUS_ABBREVIATIONS = frozenset("京新台云宁津港澳青贵秦蜀黑吉甘")


@_component("policykg_speakers", priority=58)
def find_speakers(doc: Doc, priority: int) -> Iterator[Candidate]:
    """A name that speaks (…说, …告诉记者, …表示) after a role (科员余涛, 律师高宜进, 老职工刘其和)
    or after 的 (在此工作了26年的耿庆兰说): news quotes name people without a listed title."""
    text = doc._.document.text
    for m in _SPEECH.finditer(text):
        for length in (3, 2):
            start = m.start() - length
            if start < 1 or person_length(text, start) != length or _no_name(text, start, m.start()):
                continue
            if text[start - 1] in _SPEAKER_BEFORE and not is_word(text[start - 1:start + 1]):
                yield _person(text, start, m.start(), "speaker", priority)
                break


_SPEECH = re.compile("(?:说|告诉|表示|介绍|坦言|透露|指出|认为|接受(?:记者)?采访)(?![明服])")
# the end of a role noun (科员, 律师, 职工, 组长, 经理, 学者, 主任, 教授, 院士), of a department
# (新能源处, 发改局) or 的 before a name
_SPEAKER_BEFORE = frozenset("员师工长理者任授士处局的")


def _original_gaps(document, i: int, j: int) -> list[int]:
    """Clean positions k in (i, j) where the original had spaces between characters k-1 and k
    (a reader that drops white space keeps them only in the offsets)."""
    offsets, original = document.offsets, document.original
    return [k for k in range(i + 1, j) if offsets[k] - offsets[k - 1] > 1
            and all(c in " \u3000\t\xa0" for c in original[offsets[k - 1] + 1:offsets[k]])]


def _names_spaced_in_original(document, i: int) -> list[tuple[int, int]]:
    """本报记者  贺  勇  蒋云龙 read as 本报记者贺勇蒋云龙: the names of a byline split at the
    original's gaps, a single character, a gap and another single character being one padded
    name (周  欢); [] when the run after the title has no gap."""
    text = document.text
    j = i
    while j < len(text) and is_cjk(text[j]) and j - i < 16:
        j += 1
    bounds = [i, *_original_gaps(document, i, j), j]
    pieces = list(zip(bounds, bounds[1:]))
    if len(pieces) < 2:
        return []
    names: list[tuple[int, int]] = []
    k = 0
    while k < len(pieces):
        a, b = pieces[k]
        if b - a == 1 and k + 1 < len(pieces) and pieces[k + 1][1] - pieces[k + 1][0] == 1:
            b, k = pieces[k + 1][1], k + 1  # 周  欢: a two-character name padded to four
        if k == len(pieces) - 1 and b - a > 3:
            b = a + person_length(text, a)  # the last name may run into the text after it
        if not 2 <= b - a <= 4 or not (names or _surname_at(text, a)):
            break  # after a first name the gaps alone mark the next (a rarer surname)
        names.append((a, b))
        k += 1
    return names if len(names) >= 2 else []  # one name: the usual reading finds it


def _no_name(text: str, start: int, end: int) -> bool:
    """A place (白山), a reduplication (殷殷), a function word or particle (负责人和代表,
    审核应坚持, 总书记都深入, 总书记来了; the surnames 和, 应, 向 are rare beside them), a word the
    title makes with it (主席国) or a document after a title (主席贺信) read as a name is none."""
    name = text[start:end]
    return is_place(name) or (len(name) == 2 and name[0] == name[1]) \
        or name[0] in "和与及应并或等" \
        or (name[0] in "都也就又还向对把被给让将已正时" and len(name) == 3 and common_word(name[1:])) \
        or name[-1] in "了着过们" or any(is_word(text[start - k:start + 1]) for k in (2, 3) if start >= k) \
        or name in _NOT_PERSONAL_NAMES or any(c in name[1:] for c in "了不") \
        or (len(name) == 2 and word_freq(name) >= _COMMON_NOT_NAME and word_tag(name) in _COMMON_WORD_TAGS)


_COMMON_NOT_NAME = 300  # a two-character common noun, verb or adjective this common (县领导|班子成员): no name
_COMMON_WORD_TAGS = ("n", "v", "vn", "a", "ad", "d", "j", "l", "i")  # (not nr or ns: 记者 黄海 is a name)
_WORD_NOT_NAME = 50  # how common a dictionary word may be and still be read as a name after a role
_NOT_PERSONAL_NAMES = frozenset({"贺信", "贺电", "贺词", "致辞", "讲话", "批示", "指示", "信函", "信箱", "热线", "专线"})


def _person(text: str, start: int, end: int, rule: str, priority: int) -> Candidate:
    """A person's mention; a padded name (郑 伟) is named without its space."""
    surface = text[start:end]
    if " " not in surface:
        return Candidate(start, end, "Person", rule, priority)
    return Candidate(start, end, "Person", rule, priority, name=surface.replace(" ", ""), reference=True)


def _padded_name(text: str, i: int) -> int:
    """Length of a two-character name padded to three with a space (记者 郑 伟), or 0."""
    if _surname_at(text, i) == 1 and text[i + 1:i + 2] == " " and is_cjk(text[i + 2:i + 3] or "a") \
            and _ends_listed_name(text, i + 3):
        return 3
    return 0


def _ends_listed_name(text: str, i: int) -> bool:
    """Does a name in a list of names end at i (a space, 、, a bracket, a clause mark, the line
    end, or what the people of a list do: 出席, 参加, 陪同…)?"""
    return i >= len(text) or text[i] in " 、）)\n，,。；等" or text.startswith(_LIST_ACTS, i)


_LIST_ACTS = ("出席", "参加", "陪同", "参观", "调研", "考察", "一行", "分别", "共同")


def _photo_credit(text: str, credit: int) -> tuple[int, int] | None:
    """The name before 摄 (■…一角 彭某 摄; 一角彭某摄 when the reader dropped the spaces)."""
    end = credit - 1 if credit > 0 and text[credit - 1] == " " else credit
    text = text[:end]  # the name ends at the credit
    if end >= 3 and _padded_name(text, end - 3) and text[max(0, end - 4):end - 3] in ("", " ", "■"):
        return end - 3, end  # 一角 陈 明 摄
    for n in (4, 3, 2):
        a = end - n
        if a < 0 or not all(is_cjk(c) for c in text[a:end]):
            continue
        delimited = a == 0 or text[a - 1] in "■● \n|｜（("
        if delimited and (person_length(text, a) == n or (n < 4 and _surname_at(text, a))):
            return a, end
        if not delimited and n < 4 and _surname_at(text, a) and person_length(text, a) == n:
            return a, end
    return None


def _surname_at(text: str, i: int) -> int:
    single, double = rules.surnames()
    if text[i:i + 2] in double:
        return 2
    return 1 if text[i:i + 1] in single else 0


_NAME_STOPS = "等和与及在对说称向会从是的也都就已并将为了摄、，。；：！？ \n"  # 摄: a photo credit


def person_length(text: str, i: int) -> int:
    """Length of a personal name starting at i (2 or 3 characters; one more after a double
    surname such as 欧阳), or 0."""
    s = _surname_at(text, i)
    if s == 2:
        return 1 + person_length(text, i + 1) if person_length(text, i + 1) else 0
    if not s or i + 2 > len(text) or not all(is_cjk(c) for c in text[i:i + 2]):
        return 0
    if word_freq(text[i:i + 2]) > 1000:
        return 0  # 高度, 明确: a common word, not a name
    third = text[i + 2:i + 3]
    if third and is_cjk(third) and third not in _NAME_STOPS and text.startswith(rules.person_followers(), i + 3) \
            and not text.startswith(rules.person_followers(), i + 2):
        return 3  # 赵志刚在接受采访时说: 刚在 is a word, but 在 follows names
    if not third or not is_cjk(third) or third in _NAME_STOPS \
            or (is_word(text[i + 2:i + 4]) and not is_word(text[i + 3:i + 5])) \
            or text.startswith(rules.person_titles(), i + 2) or text.startswith(rules.person_followers(), i + 2):
        return 2  # 周农履职: 履职 is a word; 覃伟中介绍: 介绍 after three; 赵某作报告: a follower after two
    return 3


# ---------------------------------------------------------------- the subject city

@_component("policykg_city_references", priority=25)
def find_city_references(doc: Doc, priority: int) -> Iterator[Candidate]:
    """我市 / 全市 / 本市 (我省…, 我县… in a province's or county's document) refer to the subject:
    mentions of its Place entity."""
    subject = doc._.subject
    if subject is None:
        return
    for m in re.finditer(subject.reference_words, doc._.document.text):
        yield Candidate(m.start(), m.end(), "Place", "city_reference", priority, name=subject.name,
                        nested=True, reference=True)
