"""Name grammar shared by the components: candidates, the left boundary of a name, generic
modifiers, company-looking strings and name normalisation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from policykg.extract import divisions
from policykg.extract.entities import rules
from policykg.extract.entities.lexicon import (
    MIN_WORD_FREQ, NAME_TAGS, alternation, common_word, crosses_word, is_word, tag_table, word_freq, word_tag,
    words_of,
)
from policykg.extract.entities.places import is_place

QUOTES = "“”‘’\"'「」『』《》〈〉"
OPEN_QUOTES, CLOSE_QUOTES = "“‘「『〈", "”’」』〉"
MAX_RUN = 24  # longest modifier run scanned left of a head
INSTITUTIONAL = ("Agency", "Institution")
OFFICIAL_PREFIXES = ("国家", "中国", "中央", "全国", "国务院", "省", "市")
CONJUNCTIONS = ("和", "与", "及", "以及")
TITLE_PREFIXES = ("国家", "全国")
_QUANTIFIER = re.compile(r"^(?:[\d０-９一二三四五六七八九十百千万亿两几多数余]+(?:多|余)?(?:个|家|大|项|类|批|种|座|所|条|级)"
                         r"|[\d０-９一二三四五六七八九十百千]+(?:多|余)?[万亿]?(?:元|吨|台|辆|千瓦)级|一批|一些|多个|若干"
                         r"|(?:全国|全省|全市|全球|国内|省内|市内|区内|中部地区|西部地区|东部地区)?(?:首批|首家|首个|第一个)"
                         r"|新一批|第[一二三四五六七八九十\d]+(?:批|个|家|座))")


def quantifier_length(text: str, start: int, end: int) -> int:
    """Length of a quantifier opening text[start:end] (11个, 5大, 千亿级), 0 if none."""
    m = _QUANTIFIER.match(text[start:end])
    return m.end() if m else 0


_DIGIT_OR_QUOTE = re.compile(r"[\d０-９“”‘’「」]")
# a date or a count is no name marker (2011年6月28日作出解散公司, 园内250多间公司)
_DATE_OR_COUNT = re.compile(r"[\d０-９.]+(?:[年月日号]|多|余|间|家|个|名|万|亿)")
_NOT_COMPANY_TAIL = ("工程", "改造", "建设", "线", "园", "区", "楼", "院", "馆", "站", "路", "桥",
                     "中心", "基地", "项目", "产品", "行业", "产业", "领域", "城市", "地区", "医院",
                     "学校", "水库", "隧道", "机构", "部门", "单位", "企业", "公司",
                     "高铁", "城际", "铁路", "轻轨", "地铁", "机场", "运动场", "防控",
                     # a state of affairs, not a name (龙头企业实力增强)
                     "增强", "提升", "增长", "加快", "突出", "明显", "显著", "凸显", "壮大", "加强")
# what a project item says after its company: phase, site, or the work (巴斯夫MDI扩建, 西南铝产能提升)
# the words a company's name takes when it names one of its projects (协鑫光伏二期, 比亚迪合肥基地)
PROJECT_WORDS = (r"[一二三四五六七八九十\d]期|项目|总部|生产基地|基地|工厂|研发中心"
                 r"|改?扩建|扩产|扩能|技改|技术改造|产能提升|搬迁|升级改造|改造升级|续建")
PROJECT_TAIL = re.compile(f"(?:{PROJECT_WORDS})+$")
_ASCII_RUN = re.compile(r"[A-Za-z0-9]")


@dataclass(slots=True)
class Candidate:
    """A proposed entity mention (clean-text offsets) with the rule that found it."""
    start: int
    end: int
    type: str
    rule: str
    priority: int = 50
    name: str | None = None  # the canonical name when it differs from the surface (衡阳市经信委)
    standalone: bool = True  # False: only an alias of a longer name of the same type
    nested: bool = False  # may open another entity's name (耒阳 in 耒阳大市产业园)
    hosts: tuple[str, ...] = ()  # the types of name it may open (empty: any but Enterprise/Person)
    reference: bool = False  # 我市/全市: a mention, not a surface form of the name
    head: int = 0  # where the head suffix starts (suffix names)
    ref: str | None = None  # the id of a reference-list entry it names (sasac:012)

    @property
    def length(self) -> int:
        return self.end - self.start


@cache
def _head_end_pattern() -> re.Pattern[str]:
    return re.compile("(?:[" + CLOSE_QUOTES + "》]|" + alternation(s.text for s in rules.suffixes()) + ")$")


@cache
def _park_head_pattern() -> re.Pattern[str]:
    return re.compile(alternation(s.text for s in rules.suffixes() if s.type == "Park"))


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The comparison form of a name: NFKC, no white space, no quotation or title marks."""
    s = unicodedata.normalize("NFKC", name)
    return "".join(c for c in s if not c.isspace() and c not in QUOTES).lower()


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@cache
def cue_pattern() -> re.Pattern[str]:
    return re.compile(alternation(rules.left_cues()))


@cache
def strong_cue_pattern() -> re.Pattern[str]:
    return re.compile(alternation(c for c, strength in rules.left_cues().items() if strength == "strong"))


@cache
def suffix_pattern() -> re.Pattern[str]:
    return re.compile(alternation(s.text for s in rules.suffixes()))


def find_heads(text: str) -> list[tuple[int, int]]:
    """Head suffix spans, longest first at each place; a head that starts inside another and
    ends after it is kept too (示范城市群 holds 示范城市 and 城市群)."""
    pattern = suffix_pattern()
    heads: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        heads.append(m.span())
        for k in range(m.start() + 1, m.end()):
            inner = pattern.match(text, k)
            if inner and inner.end() > m.end():
                heads.append(inner.span())
    return heads


_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9０-９Ａ-Ｚａ-ｚ“”‘’「」『』+\-·.（）()]*\Z")


_BRACKET = re.compile(r"[（）()]")


# A list number opening the run: （一）宝钛集团, (3)某某产业园.
_ENUMERATOR = re.compile(r"[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[)）]")


def run_start(text: str, head_start: int) -> int:
    """Start of the run of name characters ending at head_start; an unmatched opening
    bracket ends it (莱克电气绿能科技（苏州）有限公司 keeps its bracket), a list number
    before it is no part of it."""
    lo = max(0, head_start - MAX_RUN)
    start = _RUN.search(text, lo, head_start).start()
    enumerator = _ENUMERATOR.match(text, start, head_start)
    if enumerator:
        start = enumerator.end()
    if not _BRACKET.search(text, start, head_start):
        return start
    depth = 0
    for i in range(head_start - 1, start - 1, -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return i + 1  # an unmatched opening bracket
            depth -= 1
    if depth == 0:
        return start
    for i in range(start, head_start):  # 各区（市、县）人民政府: start after the unmatched 」
        if text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i + 1
    return start


def ends_with_head(text: str, pos: int) -> bool:
    """Does a name (a suffix, a name-final character, a closing quote) end at pos?
    产业基地和大浦工业园: yes at 和."""
    if pos > 0 and text[pos - 1] in rules.name_final_chars():
        return True
    return _head_end_pattern().search(text, max(0, pos - 12), pos) is not None


def after_nested_park(text: str, edge: int, head: int) -> int:
    """浒关开发区莱克工业园: a Park name ends inside the run, the new name starts after it."""
    best = edge
    for m in _park_head_pattern().finditer(text, edge, head):
        if m.start() > edge and head - m.end() >= 2:
            best = m.end()  # 三江新区产业园 stays one name: nothing names the inner park's part
    return best


# adverbs that make a following 与/和 a preposition (已经与某研究院签约), not a conjunction
_ADVERBS_BEFORE_WITH = ("已经", "已", "将", "正在", "曾", "还", "也", "均", "先后", "分别")


def left_edge(text: str, lo: int, head_start: int, head_type: str) -> int:
    """Where a name whose head starts at head_start begins: right after the last valid left
    cue within the run [lo, head_start), or lo when there is none."""
    edge = lo
    official = (head_type in INSTITUTIONAL and text.startswith(OFFICIAL_PREFIXES, lo)
                or head_type == "Enterprise" and (_opens_with_division(text, lo)
                                                  or _opens_with_division(text, lo + 1)))  # 由合肥市…
    registered = head_type == "Enterprise" and text.startswith(REGISTERED_FORMS, head_start) \
        and _opens_with_division(text, lo) and not re.search("公司|集团", text[lo:head_start])
    cues = rules.left_cues()
    for m in cue_pattern().finditer(text, lo, head_start):
        cue, a, b = m.group(), m.start(), m.end()
        strength = cues[cue]
        if (strength == "weak" and official) or (strength == "opening" and a > edge):
            continue  # 发展 opens the run or follows another cue (积极发展首发经济)
        if word_freq(text[a:b + 1]) >= MIN_WORD_FREQ and len(cue) > 1:
            continue  # 保障性住房: the cue is part of a longer word
        if len(cue) > 2 and cue[-1] == "成" and any(is_place(text[b - 1:b - 1 + n]) for n in (2, 3, 4)):
            edge = b - 1  # 建设|成渝…, 打造|成都…: 成 opens a place, the cue is the verb alone
            continue
        if strength == "place":
            if _opens_proper_name(text, b) or text.startswith(("省", "市", "国务院"), b):
                edge = b  # …开发区经河南省人民政府, 2011年12月经省人民政府 (not the word 月经)
            continue  # 经 in 长葛经济技术开发区 / 经开区
        if strength == "weak" and head_type == "Zone" and text.startswith(TITLE_PREFIXES, edge) and a > edge:
            continue  # 获评国家知识产权强市建设试点: a national title may hold a verb
        if strength == "weak" and head_type == "Zone" and b == head_start and a - edge >= 4:
            continue  # 社会主义现代化建设引领区: the verb names what the title leads in
        if len(cue) == 1 and a > lo and word_freq(text[a - 1:b]) >= MIN_WORD_FREQ:
            continue  # 合作创新区: 作 ends the word 合作
        if len(cue) == 1 and crosses_word(text, a, b, lo, head_start) and not starts_word(text, b):
            continue  # 有色冶金 keeps 有; 以东湖… still starts after 以
        if registered and a > lo and not _opens_proper_name(text, b):
            continue  # 广东省和砚家居有限公司, 东莞市博士有成家具有限公司: the firm's own name after its place
        if cue in CONJUNCTIONS and a > lo and not ends_with_head(text, a) and not _opens_proper_name(text, b) \
                and not text.endswith(_ADVERBS_BEFORE_WITH, lo, a):
            continue  # 科技与金融服务中心 keeps 与; 已与山东大学, 工信部和安徽省人民政府 do not
        edge = b
    for m in INNER_COUNT.finditer(text, edge, head_start):
        edge = m.end()  # 一汽、东风、上汽四大汽车集团: the count ends the items, the name is generic
    return after_predicate(text, edge, head_start)


# jieba's tags of words that predicate (丰富, 承担, 美丽): no name holds one right before a place.
_PREDICATE_TAGS = ("v", "vn", "a", "ad", "d")
_ONE_CHARACTER_PREDICATE_TAGS = ("v", "p", "r", "d", "c")
# The legal forms of a registered company name, which opens with its place of registration.
REGISTERED_FORMS = ("有限公司", "有限责任公司", "股份有限公司", "股份公司")


def after_predicate(text: str, lo: int, head_start: int) -> int:
    """Start after the last verb, adjective or adverb that stands right before a place name
    or 中国/国家 in the run (丰富长沙国家自主创新示范区 -> 长沙…), or after a one-character
    verb, preposition or pronoun right before a division's full name (任灵武市…有限公司): the
    open class of verbs no cue list can hold."""
    edge = lo
    for p in range(lo + 1, head_start - 2):
        if word_tag(text[p - 1]) in _ONE_CHARACTER_PREDICATE_TAGS and _opens_with_division(text, p) \
                and word_freq(text[p - 1:p + 1]) < MIN_WORD_FREQ:
            edge = p
    predicates = _predicates()
    for p in range(lo + 2, head_start - 1):  # a place of two characters at least before the head
        word = text[p - 2:p]
        if word in predicates and word_freq(text[p - 1:p + 1]) < word_freq(word) and _opens_unambiguous_name(text, p):
            edge = p
    return edge


@cache
def _predicates() -> frozenset[str]:
    """jieba's two-character verbs, adjectives and adverbs of some use (one set: the left
    edge of every name looks them up)."""
    return frozenset(w for w, tag in tag_table().items()
                     if len(w) == 2 and tag in _PREDICATE_TAGS and word_freq(w) >= MIN_WORD_FREQ)


def _opens_unambiguous_name(text: str, i: int) -> bool:
    """Does 中国/国家 or a place name that is no common word (合作 is a city too) start at i?"""
    return text.startswith(OFFICIAL_PREFIXES[:2], i) or any(
        is_place(text[i:i + n]) and not common_word(text[i:i + n]) for n in (2, 3, 4))


def _opens_with_division(text: str, i: int) -> bool:
    """Does a division's full name (合肥市, 安徽省) start at i? A company named after one
    (合肥市建设投资控股（集团）有限公司) may hold a verb such as 建设."""
    return division_length(text, i) > 0


def division_length(text: str, i: int, end: int | None = None) -> int:
    """The length of the division's full name (鄞州区, 合肥市, 安徽省) starting at i and ending by
    end, the longest first; 0 when none does."""
    end = len(text) if end is None else end
    return next((n for n in (4, 3) if i + n <= end and text[i + n - 1] in "省市县区" and is_place(text[i:i + n])), 0)


def registered_start(text: str, edge: int, head_start: int) -> int:
    """Where a registered company's name (…有限公司) starts: at its place of registration when
    what stands before that place is no brand, holding a digit, a Latin letter or a mark (2016辽宁
    某某有限公司, 163.com广东某某有限公司) or ending in a predicate or function word (他先后任宁夏
    某某有限公司, 进广州某某股份有限公司, 明确新兴某某股份有限公司). A brand before a place stays
    (吉利四川商用车有限公司)."""
    if not text.startswith(REGISTERED_FORMS, head_start) and not _REGISTERED_TAIL.match(text, head_start):
        return edge
    for p in range(edge + 1, head_start - 1):
        if not _opens_proper_name(text, p) or text.startswith(OFFICIAL_PREFIXES[:2], p) or text[p - 1] in "（(":
            continue
        prefix = text[edge:p]
        words = words_of(prefix)
        if _NOT_NAME_CHARACTER.search(prefix) or word_tag(words[-1]) in _FUNCTION_TAGS \
                or _ordinary_prefix(prefix, words):
            return p  # …方向|广州某某集团股份有限公司, 国家|广州…: ordinary words, no brand, stand before the place
        break
    return edge


def agency_start(text: str, edge: int, head_start: int) -> int:
    """Where a government body's name starts: at the first full division name in the run
    (会议上|河南省人民政府, 建议报|贵阳市人民政府, 中共广东省委 |广东省人民政府), unless a higher
    place (湖北省|武汉市…) or 中共 stands right before that division."""
    for p in range(edge + 1, head_start):
        n = division_length(text, p, head_start)
        if not n or not divisions.lookup(text[p:p + n]):
            continue  # a region (大湾区) is no division a body is named after
        prefix = text[edge:p].rstrip()
        if len(prefix) < p - edge and _AGENCY_END.search(prefix):
            return p  # 中共某省委 某省人民政府: two bodies side by side, a space between
        if prefix.endswith("中共"):
            return p - 2 if len(prefix) > 2 else edge
        if any(is_place(prefix[-k:]) for k in range(2, 8) if len(prefix) >= k) or _AGENCY_END.search(prefix):
            return edge  # 呼伦贝尔市|海拉尔区人民政府: the higher place is part of the name; a body before: a list
        return p
    return edge


_AGENCY_END = re.compile("(?:局|厅|委|署|部|办|政府)$")


def _ordinary_prefix(prefix: str, words: list[str]) -> bool:
    """Is the run before a registered name's place ordinary words (…发展方向, 国家), no brand, no
    place (江苏|紫金…, 天|津市 inside 天津市) and no parent company (某某集团|宁夏…)?"""
    return len(prefix) >= 2 and not _opens_proper_name(prefix, 0) and not any(
        is_place(prefix[i:i + n]) for i in range(len(prefix)) for n in (2, 3)) \
        and not prefix.endswith(("集团", "公司")) and all(len(w) >= 2 and word_freq(w) >= _ORDINARY_WORD for w in words)


# a head inside a registered name (某某集团|股份有限公司, 某某研究院|有限公司) starts where the name does
_REGISTERED_TAIL = re.compile("[\u4e00-\u9fff]{1,4}?(?:股份有限公司|有限责任公司|有限公司)")
_ORDINARY_WORD = 1000  # a word this common is the language's, no brand's (吉利 is rarer)
_NOT_NAME_CHARACTER = re.compile(r"[^\u4e00-\u9fff（）()]")  # a bracket holds a place: 某某（苏州）有限公司
_FUNCTION_TAGS = (*_ONE_CHARACTER_PREDICATE_TAGS, "vn", "ad")  # what ends a phrase before a name


def _opens_proper_name(text: str, i: int) -> bool:
    """Does a place name or 中国/国家 start at i (the next name of an enumeration)?"""
    return text.startswith(OFFICIAL_PREFIXES[:2], i) or any(is_place(text[i:i + n]) for n in (2, 3))


def starts_word(text: str, i: int) -> bool:
    """Does a dictionary word or a place name start at i (东湖 in 以东湖)?"""
    return is_word(text[i:i + 2]) or any(is_place(text[i:i + n]) for n in (2, 3))


INNER_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])(?:[两三四五六七八九十]|\d{1,2})(?:大|个|家)")


def count_ends_at(text: str, pos: int) -> bool:
    """Does a count (四大, 3个) right after a word end at pos?"""
    return any(m.end() == pos for m in INNER_COUNT.finditer(text, max(0, pos - 3), pos))


def strip_quantifier(modifier: str) -> str:
    return _QUANTIFIER.sub("", modifier)


@cache
def _generic_words() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(rules.generic_modifiers().items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=65536)
def is_generic(modifier: str, etype: str) -> bool:
    """True when the modifier names nothing: empty, a quantifier, or only generic words."""
    opening, singles = _generic_openings(etype)
    m = strip_quantifier("".join(c for c in modifier if c not in QUOTES))
    while m:
        m = strip_quantifier(m)
        word = opening.match(m)
        if word is not None:
            m = m[word.end():]
        elif m in singles:
            m = ""  # 老 alone is generic, 大浦 is a name
        else:
            break
    return len(m) < 2


@cache
def _generic_openings(etype: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """The generic words that apply to a type: those of two characters or more, as one
    longest-first pattern matched at the modifier's start, and the one-character ones."""
    words = [w for w, scope in _generic_words() if scope != "location"
             and (scope != "grouping" or etype in ("Cluster", "Park", "Zone"))  # 战略性新兴产业集群 names no cluster
             and (scope == "all" or etype not in INSTITUTIONAL)]
    longer = [w for w in words if len(w) > 1]
    return re.compile(alternation(longer) if longer else "(?!)"), frozenset(w for w in words if len(w) == 1)


@cache
def _reference_words() -> tuple[str, ...]:
    return tuple(w for w, scope in rules.generic_modifiers().items() if scope == "reference")


def reference_length(item: str) -> int:
    """Length of a reference word (全市, 我市, 去年) opening item, leaving at least two characters."""
    word = next((w for w in _reference_words() if item.startswith(w)), "")
    return len(word) if len(item) - len(word) >= 2 else 0


def opens_generic(name: str) -> bool:
    """Does name start with a generic modifier word (新能源 starts with 新)?"""
    return any(name.startswith(word) for word, _ in _generic_words())


def has_name_marker(modifier: str) -> bool:
    """Weak heads (计划, 规划, 战略) need a digit, quotation marks or a place in the modifier
    (opening it, or ending it: 人工智能福建实验室), or a brand: a short modifier that is no
    word of the language (青鸾实验室)."""
    if _DIGIT_OR_QUOTE.search(_DATE_OR_COUNT.sub("", modifier)) or modifier.startswith(("国家", "中国", "全国")):
        return True
    if any(is_place(modifier[:n]) or is_place(modifier[-n:]) for n in (2, 3, 4) if len(modifier) >= n):
        return True
    return _is_brand(modifier)


def branded_firm(modifier: str) -> bool:
    """Is the modifier of 公司 a brand and the company's fields (旭德科技公司, 峰群国际科技公司,
    旭德绿色复合材料科技公司), not a kind of firm (一家科技公司, 国有投资公司)?"""
    tail = _industry_tail().search(modifier)
    if tail is None or tail.start() < 2:
        return False
    brand = modifier[:tail.start()]
    return _is_brand(brand) or (len(brand) >= 4 and _is_brand(brand[:2])
                                and not any(word_tag(w).startswith("v") for w in words_of(brand[2:])))


def _is_brand(modifier: str) -> bool:
    """A two- or three-character coinage (青鸾, 云栖): all CJK, no dictionary word, none of its
    halves a common word."""
    return 2 <= len(modifier) <= 3 and all(is_cjk(c) for c in modifier) and word_freq(modifier) == 0 \
        and word_tag(modifier[-1]) != "v" \
        and not opens_generic(modifier) and not any(common_word(modifier[k:k + 2]) for k in range(len(modifier) - 1))


def company_span(text: str, start: int, end: int, max_freq: int = 100,
                 leader: bool = False, project: bool = False) -> tuple[int, int] | None:
    """Trim an enumerated item to the company name it starts with (华星光电T7二期 -> 华星光电;
    协鑫光伏二期 -> 协鑫光伏), or None when it does not look like a company. leader: the item
    stands in a list of leaders (以A、B为龙头); project: in a list of projects (A、B等项目)."""
    if project and text[start:start + 1] in OPEN_QUOTES:
        return None  # 推动“某某物业”等项目: a quoted programme, not a company
    item = text[start:end]
    if item and is_cjk(item[0]):
        m = _ASCII_RUN.search(item)
        if m and m.start() >= 2:
            end = start + m.start()
    item = text[start:end]
    tail = PROJECT_TAIL.search(item)
    if tail and tail.start() >= 2:
        end = start + tail.start()  # 协鑫光伏二期, 蔚来中国总部
        end -= _trailing_place(text[start:end])  # 比亚迪合肥基地 -> 比亚迪
    item = text[start:end].strip("“”‘’")
    if item.endswith("公司") and not item.endswith("有限公司"):
        item = item[:-2]  # 禾润公司, 青鸾公司: the short name before the bare word is what names it
    if not looks_like_company(item, max_freq, leader) or project and _describes_project(item):
        return None
    return start, end


_WORKS_OF_INFRASTRUCTURE = ("高速", "铁路", "高铁", "机场", "核电", "水电", "电站", "大桥", "隧道", "管道", "公路",
                            "码头", "航道", "枢纽", "水库", "通道", "工程", "线")


def _describes_project(item: str) -> bool:
    """Does a project list's item describe the work (某能煤炭综合利用, 居家养老) rather than name
    its company? A long item not ending like a company, or common words only, does."""
    if item.endswith(_company_endings()):
        return False
    if item.endswith(_WORKS_OF_INFRASTRUCTURE) or re.search("[入出]", item[1:-1]):
        return True  # 某某高速改扩建, 某某核电一期, 甘电入浙: a road, a plant, a transfer; no company
    if len(item) >= 6:
        return True
    words = words_of(item)
    return len(words) >= 2 and all(len(w) >= 2 and word_freq(w) >= 50 for w in words)


@cache
def _company_endings() -> tuple[str, ...]:
    return (*rules.enterprise_endings(), "有限公司", "公司")


@cache
def _industry_words() -> re.Pattern[str]:
    return re.compile("(?:" + alternation({*rules.enterprise_endings(), *rules.generic_modifiers()}) + ")+")


@cache
def _industry_tail() -> re.Pattern[str]:
    return re.compile("(?:" + _industry_words().pattern + ")$")


def only_industry_words(item: str) -> bool:
    """Is item made of industry words and generic modifiers only (新材料, 生物医药)?"""
    return _industry_words().fullmatch(item) is not None


def _trailing_place(item: str) -> int:
    """Length of a place name (or 中国/全球) ending item, leaving at least two characters."""
    for n in (4, 3, 2):
        tail = item[-n:]
        if len(item) - n >= 2 and (is_place(tail) or tail in ("中国", "全球", "国际")):
            return n
    return 0


def _leader_brand(item: str, leader: bool) -> bool:
    """In a list of leaders a short name may end like a place or a work: 中铁宝桥 (桥),
    but no longer name that ends in 区/园 (a park's name is longer)."""
    if not leader:
        return False
    if item.endswith(("园", "区")):
        return len(item) <= 3
    if item.endswith("公司"):
        return len(item) >= 5  # 中石油大连石化公司 (not 该公司, 子公司)
    return len(item) <= 4 and item.endswith(("桥", "站", "院", "楼", "馆", "路", "线"))


def looks_like_company(item: str, max_freq: int = 100, leader: bool = False) -> bool:
    """Could item be a company's (short) name? max_freq: how common a dictionary word may be
    (a strong cue such as 以…为龙头 allows well-known brands: 西门子). leader: in a list of
    leaders a brand may hold 的 when it ends like a company (…的电子, …的集团) and may end in
    园 when short (a park's name is longer)."""
    if not 2 <= len(item) <= 14 or item.isdigit():
        return False
    if is_place(item) or only_industry_words(item):
        return False  # 新能源、新材料等企业: fields, not companies
    if item.endswith(_NOT_COMPANY_TAIL) and not _leader_brand(item, leader):
        return False
    if len(item) == 3 and item.endswith("化") and is_word(item[:2]):
        return False  # 数字化, 智能化: a way of developing, not a company
    if leader and 0 < item.find("的") < len(item) - 2 and item.endswith(_company_endings()):
        item = item.replace("的", "")
    if any(ch in item for ch in "，。；：、的（）()“”‘’,;:!?") or cue_pattern().match(item):
        return False  # 加快布局: a verb phrase; 配套企业“铺天盖地”格局: a quotation inside
    if item[0].isdigit() or _QUANTIFIER.match(item) or item.endswith(("以上", "以下", "左右")):
        return False  # 50家以上
    if item.startswith(_reference_words()) or word_tag(item) in ("i", "l"):
        return False  # 我市, 全市共有; an idiom (顶天立地)
    return word_freq(item) < max_freq and not is_activity(item)


_VERB_TAGS = ("v", "vn")
_COMMON = 100  # a word this common is a word of the language, not a brand


def opens_with_verb(words: list[str]) -> bool:
    """Does a phrase open with a common verb (承担, 兼并)? Then it states an action."""
    return len(words) > 1 and len(words[0]) >= 2 and word_tag(words[0]) == "v" and word_freq(words[0]) >= 3 * _COMMON


def is_activity(item: str) -> bool:
    """Is item an action or activity rather than a company (兼并重组, 体育训练, 承担…任务)?
    It opens with a common verb, or is made of common words only, the last a verb or a verbal
    noun that ends no company's name (…重工, …物流 do)."""
    words = words_of(item)
    if len(words) == 1 and len(item) == 4:
        words = [item[:2], item[2:]]  # 体育训练: a rare dictionary compound of two common words
    if len(words) < 2 or item.endswith(tuple(rules.enterprise_endings())):
        return False
    if opens_with_verb(words):
        return True
    return word_tag(words[-1]) in _VERB_TAGS and all(
        len(w) >= 2 and word_freq(w) >= _COMMON and word_tag(w) not in NAME_TAGS for w in words)


def industry_like(item: str, modified: bool = False) -> bool:
    """Does item name an industry: a GB/T 4754 category, or a field ending in an industry
    word (生物医药, 装备制造; not 就业服务, 文商旅融合)? modified: the
    industry word alone is not enough (资金、技术、信息等要素 lists factors)."""
    from policykg.extract.entities import reference  # (reference reads names: imported when used)

    bare = item.strip("“”‘’")
    entry = reference.reference_forms().get(bare)
    if entry is not None and entry.type == "Industry":
        return True
    if modified and bare in rules.industry_heads() and len(bare) < 3:
        return False  # 技术, 信息 alone are factors; 大数据, 人工智能 are fields
    return len(bare) >= 2 and bare.endswith(rules.industry_heads())
