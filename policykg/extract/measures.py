"""Measures: numbers with units, read as targets or statistics with their year.

The cue words, units and trimming patterns are data (rules/measure_cues.json); this module
walks the document period by period, clause by clause, and carries two pieces of context:

- the *topic year*, a year that opens a clause (2019年，将… / 据统计，2016年，… / 深圳2022年…):
  it holds for the rest of its paragraph, and a later paragraph that still speaks of targets
  (到那时…, 同时…, or no year of its own) inherits it;
- the *kind*: the last forward (将, 力争, 计划…) or reporting (据统计, 截至, 实现…) cue seen;
  要 in a statement (某某表示，要…) is not carried, and a paragraph that opens with a past
  period and reports (2022年，…增长3.9%) starts afresh.

An explicit year in the clause wins over both; 今年/去年/目前/如今, 过去5年 (the last complete
year), 未来5年 (this year and the next four), N年以来 (to the present), a day of the month
(3月25日) and elapsed parts of the year (今年1至8月, 前三季度) resolve against the document's date;
a year before the document's year makes the value a statistic. Without a date, the latest year
the text names outside deadlines stands in for it when deciding the kind (被写入2023年的政府工作报告
… 2022年，… → statistics). Years in titles (《…（2018—2035年）》), comparisons (比去年同期) and
the title block above the body date nothing.

A new paragraph reads its kind afresh unless it goes on (同时, 届时) or continues a plan of this
year or later. A statistic nothing dates has no year (汇聚了14所高校), as the annotators read it,
except in the report of an event its lead dates by the day; a target whose only year is a past
date of an earlier sentence has none either. A figure's indicator is the noun before it, plus
the noun after it (以2805.2亿元GDP) and a topic clause's (若看人均GDP，…); lists give one measure
per item (分别, 双双), with what 分别 says of them (分别增长 → 甲…增长), the items of the clause
before when 分别 has none (甲12亿元、乙9亿元，同比分别增长5%、3%), and the years listed before it
(2015和2016年同期分别为…).

Dating, besides the above: a work report's title year (某县2007年政府工作报告) dates it, its review
section with no year (一、工作回顾) is the year just ended and its 五年来 ends then too; a year the
text calls just past (刚刚过去的2015年) dates the text to the next; an estimate of a past year
(2006年，预计完成…) and a change between two past years (从2022年的A增至2024年的B: two figures)
report; a whole year reported (全年新增…) is the last complete one; 当时 points back to the last
year named; a sentence's several years each date the figures after them; a plan's undated targets
(此次方案提出，…) take the end of the period its title names; 年底前 is this year's. Not figures:
digits of web addresses, quotes in brackets, distances (距…1.8公里), class bounds (突破1000亿元的
企业, 5000万元以上项目), a rule's tax rate (减按10%的税率).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Callable

from policykg.extract.context import DocumentContext, build_context
from policykg.extract.cues import MentionIndex, Period, load_rules, opening_enterprise
from policykg.extract.document import Document
from policykg.extract.model import Entity, Measure, Span
from policykg.extract.prefilter import LiteralFilter, literal_check
from policykg.extract.numbers import ARABIC, CHINESE, DIGITS, parse_number
from policykg.extract.ruledata import MeasureCues
from policykg.extract.sentences import Sentence


@dataclass
class _Carry:
    """Context carried across periods and paragraphs."""

    kind: str | None = None
    topic_year: int | None = None  # last clause-opening year of the document
    paragraph: int = -1
    paragraph_year: int | None = None  # clause-opening year of the current paragraph
    section_year: int | None = None  # what the last heading says of its section (二、2022年主要目标)
    section_kind: str | None = None
    report_year: int | None = None  # the year of the event a news lead dates by its day (3月25日，…举行)
    bulletin: bool = False  # a statistical bulletin: its 全年 is its title's year
    work_report: bool = False  # a work report: its 五年来 ends with the last complete year
    current_plans: bool = False  # a report of the year so far: its undated targets are of that year
    estimated: bool = False  # the carried target cue is an estimate's (预计达3.2%): it ends with its period
    reviewed_year: int | None = None  # the last year of the plan period an undated text opens by looking back on


@cache
def _rules() -> MeasureCues:
    return load_rules("measure_cues.json")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _number_pattern() -> re.Pattern[str]:
    r = _rules()
    magnitude = _alternation(r.magnitudes)
    base = "|".join(re.escape(u) + (f"(?!{r.unit_not_before[u]})" if u in r.unit_not_before else "")
                    for u in sorted(r.base_units, key=len, reverse=True))
    percent = _alternation(r.percent_units)
    before = "|".join((f"(?<!{r.qualifier_not_after[q]})" if q in r.qualifier_not_after else "") + re.escape(q)
                      for q in sorted(r.qualifiers_before, key=len, reverse=True))
    after = _alternation(r.qualifiers_after)
    counters = _alternation(r.counters)
    # A Chinese numeral is a figure before 万/亿, or as a count that ends its clause (三百余家。);
    # _numbers keeps only counts with a place value (十/百/千): 两方面, 一家企业 are words.
    chinese_figure = rf"(?=(?:{magnitude})|(?:余|多)?(?:{counters}|成)(?:左右|以上)?(?![\u4e00-\u9fff]))"
    return re.compile(
        rf"(?P<pre>{before})?"
        rf"(?:(?<![{DIGITS}.．])(?P<num>{ARABIC})|(?<![零〇一二两三四五六七八九十百千])(?P<cn>{CHINESE}){chinese_figure})"
        rf"(?P<q1>余|多)?"
        rf"(?:(?P<percent>{percent})|(?P<mag>{magnitude})?(?P<q2>余|多)?(?P<base>{base}|(?<=[万亿])[A-Za-z]{{2,8}}(?![A-Za-z]))?)"
        rf"(?P<per>{r.per_unit_regex})?(?P<post>{after})?")


@cache
def _may_hold_figure() -> Callable[[str], bool]:
    """False for a clause without the characters any number needs (a digit, a numeral)."""
    return literal_check(_number_pattern())


@cache
def _regex(key: str) -> re.Pattern[str]:
    value = getattr(_rules(), key)
    return re.compile(value if isinstance(value, str) else "|".join(value))


@cache
def _any_of(key: str) -> re.Pattern[str] | None:
    """One regex for a list of regexes of the table (``any(re.search(w, text) for w in words)``
    in one pass); None when they cannot be joined: a regex with groups (a back-reference would
    count the others' groups) or flags of its own."""
    words = getattr(_rules(), key)
    try:
        if any(re.compile(w).groups for w in words):
            return None
        return re.compile("|".join(f"(?:{w})" for w in words))
    except re.error:
        return None


def _search_any(key: str, text: str) -> bool:
    """Whether any regex of a list of the table finds something in text."""
    joined = _any_of(key)
    if joined is None:
        return any(re.search(w, text) for w in getattr(_rules(), key))
    return joined.search(text) is not None


_YEAR = re.compile(r"(?:(?P<full>(?:19|20)[0-9]{2}|[１２][０-９]{3})年|上世纪(?P<decade>[0-9]0)年代"
                   r"|[“\"]?十(?P<plan>[一二三四五六七八九])五[”\"]?(?:末|期末|期间|时期)"
                   r"|民国\s?(?P<roc>[0-9]{1,3})\s?年|(?<![0-9.])(?P<roc_bare>1[0-2][0-9])\s?年(?=度|底|初|起|[0-9]{1,2}月|[上下]半年|全年|前?[一二三四1-4]季|第[一二三四1-4]季))")
# (Taiwan's calendar: 民国85年 is 1996; a bare 104年度, 100年底 or 113年7月 is one too; so is 107年上半年: no year of
# the common era is written with three digits)


def _year_of(m: re.Match[str]) -> int:
    """2019年 -> 2019; 上世纪60年代 -> 1960; “十四五”末/期间 -> 2025 (the last year of the five-year plan);
    民国104年, 104年度 -> 2015."""
    if m.group("full"):
        return int(m.group("full").translate(_FULLWIDTH))
    if m.group("decade"):
        return 1900 + int(m.group("decade"))
    if m.group("roc") or m.group("roc_bare"):
        return 1911 + int(m.group("roc") or m.group("roc_bare"))  # 民国104年 -> 2015
    return _plan_end(m.group("plan"))


def _plan_end(numeral: str) -> int:
    """The last year of the five-year plan 十<numeral>五 (十四五 -> 2025)."""
    return 1955 + 5 * (10 + "一二三四五六七八九".index(numeral) + 1)


def find_measures(document: Document, entities: list[Entity], context: DocumentContext | None = None) -> list[Measure]:
    """The figures the document gives (``context``: the document's, built when not given)."""
    if context is None:
        context = build_context(document, entities)
    carry = _Carry()
    out: list[Measure] = []
    body_start = next((s.start for s in document.sentences if s.kind == "body"), 0)
    sentences = _Sentences(document)
    carry.report_year = _lead_report_year(context, body_start)
    carry.bulletin = _bulletin_year(document) is not None
    # a report of the year so far (年初以来，… / 一季度，…): its undated plans are this year's
    carry.current_plans = carry.report_year is not None and not carry.bulletin \
        and (context.year is None or carry.report_year == context.year) and _lead_reports_elapsed(context, body_start)
    carry.work_report = _work_report_year(document) is not None or "工作报告" in (document.title or "")
    opening = _REVIEWED_PLAN.search(document.text, 0, 300) if context.year is None else None
    # (十三五以来 runs up to a present the text does not date: its figures are of no one year)
    carry.reviewed_year = _plan_end(opening.group("plan")) if opening and not opening.group("since") else None
    # the periods after the last with a figure give no measure (what they would carry serves
    # none): half of a news item's periods (_numbers keeps its answers for _period_measures)
    text = document.text
    last = max((i for i, p in enumerate(context.periods)
                if any(_numbers(text[a:b], context.provincial, context.reference_year) for a, b in p.clauses)),
               default=-1)
    for period in context.periods[:last + 1]:
        kind = sentences.kind(period.start)
        heading = document.text[period.start:period.end]
        # the title block above the body (a plan's 2018—2035年, a dateline) heads no section
        if kind == "heading" and (period.start >= body_start or _regex("top_heading_regex").match(heading.strip())) \
                and not _regex("date_line_regex").search(heading):
            _enter_section(heading, carry, context)
        if _regex("boilerplate_regex").search(document.text, period.start, period.end) \
                or kind in _rules().skip_sentence_kinds:
            continue
        out.extend(_period_measures(context, period, carry, sentences))
    _date_project_targets(context, out)
    return [m for m in out if m.unit not in _rules().unreported_units and _dated_or_projected(m, text)]


def _dated_or_projected(measure: Measure, text: str) -> bool:
    """A statistic, a target with its year, or an undated target that a project or plan is to
    reach (undated_target_regex in its sentence)."""
    if measure.kind != "target" or measure.year is not None:
        return True
    sentence = text[measure.evidence.start:measure.evidence.end]
    return _regex("undated_target_regex").search(sentence) is not None


def _date_project_targets(context: DocumentContext, measures: list[Measure]) -> None:
    """A project's undated targets take the completion year its paragraph states after them
    (项目计划投资约1.37亿元，…总装机量21.65MW。项目计划将于2023年7月前完成建设)."""
    text, periods = context.document.text, context.periods
    ends = context.paragraph_ends
    starts = [p.start for p in periods]
    for m in measures:
        if m.kind != "target" or m.year is not None:
            continue
        i = bisect_right(starts, m.evidence.start) - 1
        if i < 0:
            continue
        done = _PROJECT_COMPLETION.search(text, m.evidence.start, ends[periods[i].paragraph])
        if done is not None:
            m.year = int(done.group("year"))


_PROJECT_COMPLETION = re.compile(
    r"(?:将于|计划于|预计于|力争于|争取于|拟于)(?P<year>(?:19|20)[0-9]{2})年[^，。；]{0,8}?(?:前|底|内)?"
    r"(?:全面)?(?:完成|建成|竣工|投产|投用|并网|运营)")


def _lead_report_year(context: DocumentContext, body_start: int) -> int | None:
    """A news lead that dates its event by a day of the month (3月25日，…仪式举行) makes the article
    a report of that day, and a lead that opens with an elapsed part of the year (年初以来，…;
    一季度，…) a report of that period: its undated statistics are of the document's year (an
    undated document's: the year it reports)."""
    bulletin = _bulletin_year(context.document)
    if bulletin is not None:
        return bulletin  # a statistical bulletin reports its year throughout
    lead = next((p for p in context.periods if p.start >= body_start), None)
    if lead is None:
        return None
    end = max((p.end for p in context.periods if p.paragraph == lead.paragraph), default=lead.end)
    if context.year is not None and _regex("month_day_regex").search(context.document.text, lead.start, end):
        return context.year
    if _opens_with_elapsed(context.document.text[lead.start:end]):
        return context.year if context.year is not None else context.reference_year
    return _reported_year(context.document.text[lead.start:end], context)


# 2016年，全区原煤产量996万吨…: a lead that opens with a year and what was done in it
_YEAR_REPORTED = re.compile(r"\s*((?:19|20)[0-9]{2})年(?:全年|末|底)?[，,]")


# 今年/本年, and 去年/上年 as a date (比去年同期增长 is a comparison): years counted from the text's own date
_THIS_YEAR = "今年|本年"
_LAST_YEAR = "(?<![比较同与])(?:去年|上年)(?!同期)"
_RELATIVE_YEAR = re.compile(f"{_THIS_YEAR}|明年|前年|{_LAST_YEAR}")


def _reported_year(lead: str, context: DocumentContext) -> int | None:
    """The year a lead opens with, when the lead reports it (2016年，全区原煤产量996万吨) and it is
    no later than the document's: the article is that year's report."""
    m = _YEAR_REPORTED.match(lead)
    if m is None or _regex("forward_cues").search(lead, 0, _clause_end(lead, m.end() + 1)):
        return None
    if _RELATIVE_YEAR.search(context.document.text):
        return None  # 2020年，…。去年上半年，…: the text counts years from a date it does not give
    sentence = re.split("[。！？\n]", lead[m.end():], maxsplit=1)[0]
    if not _numbers(sentence, context.provincial, context.reference_year):
        return None  # 2010年，深圳龙华富士康厂区出了一则新闻: a story dated, no year reported
    year = int(m.group(1))
    return year if context.year is None or year <= context.year else None


def _lead_reports_elapsed(context: DocumentContext, body_start: int) -> bool:
    """The lead opens with an elapsed part of the year (年初以来，…; 一季度，…)."""
    lead = next((p for p in context.periods if p.start >= body_start), None)
    if lead is None:
        return False
    end = max((p.end for p in context.periods if p.paragraph == lead.paragraph), default=lead.end)
    return _opens_with_elapsed(context.document.text[lead.start:end])


def _enter_section(heading: str, carry: _Carry, context: DocumentContext) -> None:
    """A heading such as 一、2021年工作回顾 / 二、2022年主要目标 / 三、重点任务 says of the
    paragraphs under it whether they report or plan, and of which year (a plan's: the document's)."""
    year = _YEAR.search(heading)
    kind = "target" if _regex("section_target_regex").search(heading) else \
        "statistic" if _regex("section_report_regex").search(heading) else None
    top = _regex("top_heading_regex").match(heading.strip())
    if year is None and not top and (kind is None or carry.section_kind or carry.section_year is not None):
        return  # （一）做强四大主导产业集群 / （二）夯实发展基础: a sub-heading stays in its section
    carry.section_kind = kind
    carry.section_year = _year_of(year) if year else context.year if kind == "target" else None
    if year is None and kind == "statistic" and carry.work_report and context.year is not None:
        carry.section_year = context.year - 1  # 一、工作回顾 of a work report: the year just ended
    if carry.section_year is not None:
        carry.topic_year = carry.section_year  # 全年 under 2022年主要目标 is 2022


class _Sentences:
    """The document's sentences found by offset (a binary search: linear in the text overall)."""

    def __init__(self, document: Document) -> None:
        self.sentences = sorted(document.sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.sentences]

    def at(self, position: int) -> Sentence | None:
        i = bisect_right(self.starts, position) - 1
        if i >= 0 and position < self.sentences[i].end:
            return self.sentences[i]
        return None

    def kind(self, position: int) -> str:
        sentence = self.at(position)
        return sentence.kind if sentence is not None else "body"


def _bulletin_year(document: Document) -> int | None:
    """The year a statistical bulletin or annual report reports (某市2022年国民经济和社会发展统计
    公报): its 全年, 年末 and 比上年 are of that year, whenever it was published."""
    title = document.title or document.text[:80].split("\n", 1)[0]
    m = _BULLETIN_TITLE.search(title)
    return int(m.group("year") or m.group("opening")) if m else None


_BULLETIN_TITLE = re.compile(r"(?P<year>(?:19|20)[0-9]{2})年[^，。；\n]{0,24}(?:统计公报|公报|年报|统计年鉴|经济运行(?:情况|分析))"
                             r"|^(?P<opening>(?:19|20)[0-9]{2})年(?:全年)?(?:全[市省区县州盟]|我[市省区县])")  # 2025年全市经济总量实现新突破


def _work_report_year(document: Document) -> int | None:
    """The year a work report is delivered in (某市2007年政府工作报告: read early in 2007, it
    reviews 2006): the document's year, when nothing dates the document."""
    title = document.title or document.text[:80].split("\n", 1)[0]
    m = _WORK_REPORT_TITLE.search(title)
    return int(m.group("year")) if m else None


_WORK_REPORT_TITLE = re.compile(r"(?P<year>(?:19|20)[0-9]{2})年[^，。；\n]{0,12}(?:政府|人大|政协)?工作报告")


def _dated_year(document: Document) -> int | None:
    match = re.match(r"\s*((?:19|20)\d{2})", document.date or "")
    return int(match.group(1)) if match else None


def _date_line_year(document: Document) -> int | None:
    """The year of a full date (2021年08月20日, 2021-08-20) in the lines above the body, for
    documents whose reader found no date."""
    in_body = False
    for sentence in document.sentences:
        in_body = in_body or sentence.kind == "body"
        line = document.text[sentence.start:sentence.end].strip()
        m = _regex("date_line_regex").search(line)
        # above the body, any line with a full date; below its start, a signature date on its own line
        if m and (not in_body or (sentence.kind != "body" and m.group() == line.rstrip("。"))):
            return int(m.group("year"))
    return None


def document_years(document: Document) -> tuple[int | None, int | None]:
    """The year of the document (its date's, or the year its 今年 stands beside) and its
    reference year (that year, else the latest year it reports: an undated article's)."""
    estimated = _estimated_year(document)
    year = _document_year(document, estimated)
    return year, year if year is not None else estimated


def _document_year(document: Document, estimated: int | None = None) -> int | None:
    """The year of the document's date; without a date, the year that 今年/去年 stand beside
    (``estimated``: _estimated_year, when the caller has it)."""
    for given in (_bulletin_year, _dated_year, _date_line_year, _work_report_year):  # the first source that has one
        year = given(document)
        if year is not None:
            return year
    votes: Counter[int] = Counter(int(m.group("year")) for m in _regex("current_year_target_regex").finditer(document.text))
    # 刚刚过去的2015年 / 2015年已经过去: written in the year after
    votes.update(int(m.group("year") or m.group("later")) + 1 for m in _regex("year_just_past_regex").finditer(document.text))
    for segment in re.split(r"[。！？；;\n]", document.text):
        years = {int(m.group("full").translate(_FULLWIDTH)) for m in _YEAR.finditer(segment)
                 if m.group("full") and not _regex("comparison_year_regex").search(segment[:m.end()])
                 and not _span_end_or_deadline(segment, m)}
        if len(years) != 1:
            continue
        year = years.pop()
        if re.search(_THIS_YEAR, segment):
            votes[year] += 1
        elif re.search(_LAST_YEAR, segment):
            votes[year + 1] += 1
    if votes:
        return votes.most_common(1)[0][0]
    return _year_after_full_report(document, estimated if estimated is not None else _estimated_year(document))


def _span_end_or_deadline(text: str, m: re.Match[str]) -> bool:
    """2020-2025年, 到2025年: a year a plan runs to says nothing of when the text was written."""
    return bool(re.search(r"[0-9０-９]年?[—－\-~～至到]$", text[:m.start()])
                or _regex("deadline_regex").search(text[max(0, m.start() - 4):m.end()]))


def _year_after_full_report(document: Document, latest: int | None) -> int | None:
    """An undated article that speaks of 今年 and reports the whole of the latest year it names
    (2017年，全市规模以上工业总产值增长…) was written the year after: reports of a complete year
    come out in the next one."""
    if latest is None or not re.search("今年", document.text):
        return None
    opening = rf"(?:^|[，。；\n])(?:据统计|数据显示|统计数据显示|根据[^，。；]{{0,12}})?[，,]?{latest}年"
    full_report = rf"{opening}(?:全年)?[，,]?[^。；]{{0,30}}?(?:增长|实现|完成)"
    year_end = rf"{opening}(?:全年|末|底)[，,]"  # 2020年末，…常住人口…: figures of a completed year
    return latest + 1 if re.search(full_report, document.text) or re.search(year_end, document.text) else None


# 到1990年，开发区累计兴办…; 至1990年已建成…; 至1990年，公司研制了…: by then, done (no deadline)
_HAS = r"(?:拥|共)?有(?![望量效序力关利助所些机])"  # 有, 拥有, 共有 of a holding (not 有望, 拥有量)
_PAST_BY = re.compile(r"(?:底|末)?[，,]?[^，。；将要]{0,12}?(?:累计|已经?|[^，。；]了|获|" + _HAS + ")")
_HELD_BEFORE_FIGURE = re.compile(r"(?:^|[，,；])(?:[^，,；将要力争计划预计]{0,8}?)(?:" + _HAS + r"|累计|已经?)[^，,；将要]{0,12}$")
# 1990年底，公司有职工73人: what a company held at a year's end is past, so that year is no deadline
_HELD_AT_YEAR_END = re.compile(r"(?<![到至])((?:19|20)[0-9]{2})年(?:底|末)[，,][^，。；将要]{0,8}?" + _HAS)


def _clause_start(text: str, position: int) -> int:
    """Where the clause holding position starts (after the last clause mark before it)."""
    return max(text.rfind(c, 0, position) for c in "，,。；;！？\n") + 1


def _ends_a_span(text: str, position: int) -> bool:
    """Does the 到/至 at position close a span of years opened in its clause (2012年至2022年,
    从2012年的12万户发展到2022年)? Then its year is a past span's end, not a deadline."""
    clause = text[_clause_start(text, position):position]
    return bool(re.search(r"[0-9０-９]{4}年(?:底|末)?$", clause) or re.search(r"从[0-9０-９]{4}年", clause))


def _estimated_year(document: Document) -> int | None:
    """The latest full year the text names, deadlines (到2025年, 2025年前, the end of
    2021—2025年; a deadline year anywhere else too) and forward clauses (2025年将…) left out:
    the year of an undated article."""
    text = document.text
    deadlines = {int(m.group(1).translate(_FULLWIDTH)) for m in re.finditer(r"(?<!截)(?:到|至)([0-9０-９]{4})年", text)
                 if not _PAST_BY.match(text, m.end()) and not _ends_a_span(text, m.start())} \
        - {int(y.translate(_FULLWIDTH)) for y in _HELD_AT_YEAR_END.findall(text)}
    years = []
    for m in _YEAR.finditer(text):
        if not m.group("full") or _year_of(m) in deadlines:
            continue  # a year the text sets as a deadline (到2025年) is ahead of it everywhere
        clause_start = _clause_start(text, m.start())
        clause_end = _clause_end(text, m.end())
        if re.fullmatch(r"(?:底|末|初)?[，,：:]", text[m.end():clause_end + 1]):
            clause_end = _clause_end(text, clause_end + 1)  # 2019年，将…: the year opens what follows
        if _regex("deadline_regex").search(text[clause_start:m.end()]) \
                or _regex("comparison_year_regex").search(text[clause_start:m.end()]) \
                or re.search(r"[0-9０-９]年?[—－\-~～至到]$", text[clause_start:m.start()]) \
                or _regex("estimate_skip_after_regex").match(text, m.end()) \
                or _regex("forward_cues").search(text, clause_start, clause_end) \
                or _regex("long_range_goal_regex").search(text, clause_start, clause_end) \
                or _continues_forward(text, clause_start, m.start()):
            continue
        years.append(_year_of(m))
    floor = _compared_year_floor(text)
    reviewed = [_plan_end(m.group("plan")) for m in _REVIEWED_PLAN.finditer(text)]
    return max(years + reviewed + ([floor] if floor is not None else []), default=None)


# “十四五”时期是…极不平凡的五年, “十四五”以来, “十四五”主要目标任务全面完成: a text that looks back on a
# five-year plan's period was written at its end or after, so it reports through the period's last year
_REVIEWED_PLAN = re.compile(r"十(?P<plan>[一二三四五六七八九])五[”\"]?(?:时期|期间)?(?:是[^。；]{0,30}的五年|(?P<since>以来)"
                            r"|[^。；，]{0,8}(?:目标任务|主要目标)[^。；]{0,6}(?:全面|圆满|顺利)?完成)")


def _continues_forward(text: str, clause_start: int, year_start: int) -> bool:
    """A clause that opens with a year after a forward clause of its sentence goes on with it
    (预计2016年实现产值120亿元，2017年实现产值170亿元)."""
    if text[clause_start:year_start].strip():
        return False
    sentence_start = max(text.rfind(c, 0, clause_start) for c in "。；;！？\n") + 1
    return bool(_regex("forward_cues").search(text, sentence_start, clause_start))


def _compared_year_floor(text: str) -> int | None:
    """The year after the latest year whose period the text compares with (比2016年全年增速高,
    2015和2016年同期): what is reported is later (较2017年的2160亿元, a target's baseline, is not
    a period; 与2017年计划目标持平 compares with a plan)."""
    compared = [_year_of(m) for m in _YEAR.finditer(text) if m.group("full") and (
        text.startswith("同期", m.end())
        or (text[max(0, m.start() - 1):m.start()] in ("比", "较") and text.startswith("全年", m.end())))]
    # a plan's period (《…方案（2021—2023年）》) starts no later than the text that names it
    starts = [int(y.translate(_FULLWIDTH)) for y in re.findall(
        r"[（(]((?:19|20)[0-9]{2})年?[—－\-~～至到](?:19|20)[0-9]{2}年[）)]", text)]
    floors = ([max(compared) + 1] if compared else []) + starts
    return max(floors, default=None)


def _clause_end(text: str, position: int) -> int:
    ends = [i for i in (text.find(c, position) for c in "，,。；;！？\n") if i >= 0]
    return min(ends, default=len(text))


def _period_measures(context: DocumentContext, period: Period, carry: _Carry,
                     sentences: _Sentences) -> list[Measure]:
    document, index = context.document, context.mentions
    text = document.text
    period_year, forward_period = _enter_period(text, period, carry, context)
    inherited = period_year  # the year of the paragraph's earlier periods
    out: list[Measure] = []
    previous_indicator, previous_subject, topic_noun = "", None, ""
    listed: list[str] = []  # the indicators of the figures of the last clause that had any
    clause_figures = [_numbers(text[a:b], context.provincial, context.reference_year) for a, b in period.clauses]
    # an address or a quote in brackets may run over clause marks (青溪电器(23.41,-0.52,-2.17%))
    addresses = [a.span() for a in _regex("address_regex").finditer(text, period.start, period.end)] \
        if any(clause_figures) else []
    if addresses:
        clause_figures = [[f for f in figures if not any(a <= c_start + f.start() < b for a, b in addresses)]
                          for (c_start, _), figures in zip(period.clauses, clause_figures)]
    # the clauses after the period's last figure only carry the year and kind
    last = max((i for i, figures in enumerate(clause_figures) if figures), default=-1)
    for i, (c_start, c_end) in enumerate(period.clauses):
        clause = text[c_start:c_end]
        clause_year, cued, period_year, cue = _read_clause(context, period, c_start, clause, period_year,
                                                           forward_period, carry)
        figures = clause_figures[i]
        if i > last:
            continue  # the indicator, subject and topic noun below would serve no figure (what
            # carries across clauses and periods is read above this line)
        topic_match = None if figures else _regex("topic_phrase_regex").match(clause.strip("，,：: "))
        if topic_match:
            topic_noun = topic_match.group("topic")  # 若看人均GDP，某市仅为5.1万元
        if not figures and (not previous_indicator or _measures_without_figure(clause)):
            previous_indicator = _noun_phrase(clause)  # 全市工业总产值较2020年翻一番，达到6000亿元
        shown: list[str] = []  # the indicators of this clause's figures so far
        for found in figures:
            value_start = c_start + found.start()
            year = clause_year if clause_year is not None else period_year
            if context.year is None and clause_year is None and _search_any("present_words", cued[:found.start()]):
                year = None  # 截至目前… in an undated text: of no year known, not of the year before
            year = _figure_year(clause, found, figures) or year
            kind = _kind(cued, year, context.reference_year, cue or carry.kind, forward_period)
            if _regex("designed_capacity_regex").search(clause[:found.start()]) \
                    and re.match(r"[^，。；]{0,24}项目", clause[found.end():]):
                kind = "target"  # 年产30万吨石墨电极项目: what the project is built to make
            if kind == "statistic" and carry.work_report and year is not None and year == context.year \
                    and not _regex("report_cues").search(cued) and not _regex("elapsed_period_regex").search(cued):
                kind = "target"  # a work report's figure of its own year, not reported as done: planned
            if kind == "target" and year is not None and _past(year, context) \
                    and _estimates_only(text[period.start:value_start]):
                kind = "statistic"  # 2006年，预计全年完成…: an estimate of a past year's result
            if kind == "target" and clause_year is None and year is not None and year == inherited \
                    and _past(year, context):
                year = None  # 2022年，…达成合作意向。…预计投资约70亿元: a past date is no deadline
            if kind == "statistic" and year is not None and year == context.year and carry.topic_year is None \
                    and not carry.bulletin \
                    and _regex("whole_year_regex").search(cued) and not _YEAR.search(cued) \
                    and not (context.date or "").startswith(f"{year}-12"):
                year -= 1  # 全年新增…: a whole year reported is over, so the last one (of a text not of December)
            if kind == "target" and year is None:
                year = _plan_period_end(text, period.start, value_start)  # 方案提出，…达到37万元
            if kind == "target" and year is None and context.year is not None \
                    and _regex("year_end_deadline_regex").search(text, period.start, value_start):
                year = context.year  # 年底前，…不低于90%: by the end of this year
            if kind == "target" and year is None and carry.current_plans:
                year = carry.report_year  # 一季度…。全市计划播种面积1128万亩: this year's plan
            if year is None and kind == "statistic":
                year = _closing_year(text, period, value_start, context)  # …满意度保持在90%以上……2025年，…
            if year is None and kind == "statistic" and clause_year is None and not carry.work_report:
                year = _elapsed_part_year(text, period.start, value_start, context)  # 1-2月，…同比增长9.3%
            if year is None:
                topic = carry.topic_year if carry.topic_year is None or not _past(carry.topic_year, context) else None
                year = _default_year(kind, topic, context.year, carry.report_year, carry.work_report)
                if year is None and kind == "statistic" and clause_year is None:
                    year = carry.reviewed_year  # “十四五”时期是…的五年。…新增就业690万人: of the period reviewed
            change = next((c for c in _regex("baseline_regex").finditer(clause)
                           if found.start() in (c.start("base"), c.start("value"))
                           and _past_change(c, context.reference_year)), None)
            if change is not None:  # 从2022年的86亿元增至2024年的146亿元: two figures, each of its year
                kind = "statistic"
                year = int(change.group("from_year" if found.start() == change.start("base") else "year"))
            borrowed = previous_indicator
            indicator, previous_indicator = _indicator(clause, found, figures, previous_indicator)
            if change is not None:
                indicator = previous_indicator = _noun_phrase(clause[:change.start()]) or indicator
            before = text[period.clauses[i - 1][0]:period.clauses[i - 1][1]] if i > 0 else ""
            indicator = _listed_indicator(clause, found, figures, indicator, listed, shown, before)
            if i > 0 and _regex("pronoun_indicator_regex").search(indicator):
                # 何以对A及B拨款金额不一，何以前者获100亿元、后者仅获3亿元: what 前者 refers to
                for a, b in reversed(period.clauses[:i]):  # (a web address cut at its colon is skipped)
                    referred = re.sub(r"(?:https?|ftp):?$|^//\S*|[\[\]()（）]", "",
                                      _regex("address_regex").sub("", text[a:b]).strip())
                    if re.search(r"[\u4e00-\u9fff]", referred):
                        indicator = _noun_phrase(referred) + "…" + indicator
                        break
            fall = _regex("decrease_regex").search(clause, max([f.end() for f in figures if f.end() <= found.start()],
                                                               default=0), found.start())
            if fall and fall.group("verb") not in indicator:
                indicator += "…" + fall.group("verb")  # 单位GDP能耗下降3%: a decrease says so
            if topic_noun and topic_noun not in indicator:
                indicator = topic_noun + "…" + indicator
            figure_subject = _subject(clause, c_start, value_start, index, context.subject, period, document)
            if previous_subject and previous_indicator == borrowed and not index.within(c_start, value_start):
                figure_subject = previous_subject  # 比上年增长8%: the rate of the figure before, and its subject's
            previous_subject = figure_subject
            if i > 0 and _regex("bare_measure_regex").fullmatch(indicator) \
                    and figure_subject == (context.subject.id if context.subject else None):
                # 设施农业发展加快，…，实现增加值2.3亿元: the value added of what the sentence is about
                head = next((_noun_phrase(text[a:b]) for j, (a, b) in enumerate(period.clauses[:i])
                             if not clause_figures[j] and not _regex("elapsed_period_regex").search(text[a:b])
                             and re.search(r"[\u4e00-\u9fff]{2}", text[a:b])), "")
                if head:
                    indicator = head + "…" + indicator
            is_area = _unit(found) in _rules().area_units and _regex("area_indicator_regex").search(indicator)
            if kind == "target" and is_area and not _regex("deadline_regex").search(text, period.start, value_start):
                kind = "statistic"  # 规划面积30平方公里, 项目占地35亩: what a site measures, not a goal
            if kind == "statistic" and clause_year is None and is_area:
                year = None  # 规划面积30平方公里: an area, of no period
            shown.append(indicator)
            for item in _shared_items(clause, found, figures) or [indicator]:
                out.append(Measure(
                    kind=kind, subject=figure_subject,
                    indicator=item, value=_value(clause, found),
                    unit=_unit(found), evidence=_evidence(sentences, period, value_start), year=year,
                    baseline=_baseline(clause, found), qualifier=_qualifier(found),
                    confidence=0.7 if cue else 0.55))
        if figures:
            listed = shown
    return out


def _listed_indicator(clause: str, m: re.Match[str], figures: list[re.Match[str]], indicator: str,
                      listed: list[str], shown: list[str], before: str = "") -> str:
    """The indicator of a figure in a list of figures.

    - 甲、乙分别增长8%、9%: the item, with what 分别 says of it (增长);
    - 甲12亿元、乙9亿元，同比分别增长5%、3%: the figures 分别 follows have no items of their own,
      so the n-th rate is of the n-th figure of the clause before (as many in both);
    - 年均增长7.4%、11.3%: a figure that only follows another one (after 、 or 和) shares its
      indicator."""
    at = clause.find("分别")
    n = [f.start() for f in figures].index(m.start())
    if 0 <= at < m.start():
        after = [f for f in figures if f.start() > at]
        verb = _regex("comparison_regex").sub("", clause[at + 2:after[0].start()])
        verb = _regex("indicator_trim_regex").sub("", verb).strip("，、：；,:; 的")
        own = _respective_item(clause, m, figures)
        if own is None and _regex("weak_indicator_regex").search(_noun_phrase(clause[:at]) or "同比") \
                and len(listed) == len(after) and m in after:
            own = listed[after.index(m)]
        if own is None and m in after:
            own = _item_of_clause_before(before, len(after), after.index(m))
        if own is not None:
            return own + ("…" + verb if verb and verb not in own else "")
    if n > 0 and shown and re.fullmatch(r"\s*(?:、|和|及|与|以及)\s*", clause[figures[n - 1].end():m.start()]):
        return shown[-1]
    return indicator


def _item_of_clause_before(before: str, count: int, n: int) -> str | None:
    """航空、新能源、电子信息产业链发展较快，增加值分别增长30.7%、16.9%、13.0%: the clause before
    lists as many items as 分别 has figures; the n-th figure measures the n-th item."""
    items = [i for i in _noun_phrase(before).split("、") if i]
    return items[n] if len(items) == count >= 2 else None


def _shared_items(clause: str, m: re.Match[str], figures: list[re.Match[str]]) -> list[str]:
    """甲、乙双双突破1.2万家 / 甲和乙均增长5%: one figure said of each item of a list."""
    shared = _regex("shared_figure_regex").search(clause, 0, m.start())
    if shared is None or any(shared.end() <= f.start() < m.start() for f in figures) \
            or sum(1 for f in figures if f.start() > shared.end()) != 1:
        return []
    items = [i for i in re.split(r"以及|、|和|及|与", _noun_phrase(clause[:shared.start()])) if i]
    return items if len(items) >= 2 else []


def _closing_year(text: str, period: Period, position: int, context: DocumentContext) -> int | None:
    """The one past year a sentence names after its undated figures, opening its closing clause
    (应用场景达77个，…满意度保持在90%以上……2025年，某市营商环境交出优异答卷)."""
    end = period.end
    if text[position:end].rstrip().endswith("…"):  # ……2025年，…: the closing clause after an ellipsis
        stop = text.find("。", end)
        end = stop + 1 if 0 <= stop < end + 120 else end
    sentence = text[position:end]
    years = {_year_of(m) for m in _YEAR.finditer(sentence) if m.group("full")
             and re.search(r"(?:^|[，,。；…\s])$", sentence[:m.start()])
             and re.match(r"(?:全年|底|末)?[，,]", sentence[m.end():])}
    if len(years) == 1 and not _regex("deadline_regex").search(sentence):
        year = years.pop()
        return year if context.reference_year is None or year <= context.reference_year else None
    return None


def _elapsed_part_year(text: str, period_start: int, position: int, context: DocumentContext) -> int | None:
    """A figure of an elapsed part of a year (1-2月，… / 前三季度，…) or a rate of change (同比
    增长9.3%) with no year of its own is of the year the document reports, unless its sentence
    says last year (a stock such as 现有企业860家 stays undated)."""
    before = text[period_start:position]
    if context.reference_year is None or not (_regex("elapsed_period_regex").search(before)
                                              or _regex("rate_cue_end_regex").search(before)):
        return None
    return None if _search_any("last_year_words", before) else context.reference_year


def _plan_period_end(text: str, period_start: int, position: int) -> int | None:
    """A target its sentence gives as a plan's (此次方案提出，通过3年攻坚，…达到37万元) is for the
    last year of the period the plan's title names earlier (《…行动方案（2021—2023年）》)."""
    if not _regex("plan_anaphor_regex").search(text, period_start, position):
        return None
    periods = list(_PLAN_PERIOD.finditer(text, 0, position))
    return int(periods[-1].group("end")) if periods else None


_PLAN_PERIOD = re.compile(r"[（(](?:19|20)[0-9]{2}年?[—－\-~～至到](?P<end>(?:19|20)[0-9]{2})年[）)]")


def _estimates_only(text: str) -> bool:
    """The only forward words of the text are estimates (预计, 预期), and it names no deadline:
    said of a past year, they estimate a result (2006年，预计完成…), they set no target."""
    cues = [m.group() for m in _regex("forward_cues").finditer(text)]
    return bool(cues) and all(_regex("estimate_cue_regex").fullmatch(c) for c in cues) \
        and not _regex("deadline_regex").search(text)


def _past(year: int, context: DocumentContext) -> bool:
    """Before the reference year; in an undated document, not after it (the latest year it reports)."""
    reference = context.reference_year
    return reference is not None and (year < reference or (year == reference and context.year is None))


def _read_clause(context: DocumentContext, period: Period, c_start: int, clause: str, period_year: int | None,
                 forward_period: bool, carry: _Carry) -> tuple[int | None, str, int | None, str | None]:
    """Read a clause's year and kind cue and update what is carried; return the clause's own
    year, the clause as cues read it, the year of the rest of the period and the clause's cue."""
    if _regex("topic_shift_regex").search(clause):
        period_year = None
    # the years of 由2016年的A提高到… and 比2012年增长… are not the clause's
    # (nor are the years of a title: 《…规划（2021—2025年）》)
    dated = _regex("title_regex").sub("", _regex("comparison_regex").sub("", _regex("baseline_regex").sub("", clause)))
    # 同比增长6.8%（2015和2016年同期分别为…）: the years of an aside date its own figures only
    dated = re.sub(r"(?<=[^\s（(])[（(][^（）()]*[)）]", "", dated)
    clause_year, is_topic = _clause_year(dated, context.year, carry.topic_year, period_year,
                                         context.reference_year, carry.work_report)
    if context.year is None and clause_year is None and _search_any("present_words", dated) \
            and (_regex("relative_topic_regex").search(dated.strip().lstrip("“\"（(●•·-— "))
                 or _regex("present_opening_regex").match(dated.strip().lstrip("“\"（(●•·-— "))):
        period_year = None  # 截至目前，… in an undated text: the year of the sentence before ends
    if clause_year is None and re.search(r"(?:19|20)[0-9]{2}年[0-9０-９月日号]{0,8}至今", dated):
        period_year = None  # 自2015年5月30日至今，… in an undated text: up to a present nobody dated
    if clause_year is None and _regex("then_regex").search(dated):
        clause_year = _last_year_named(context.document.text, c_start, context.reference_year)  # 当时投入1500万元
        if clause_year is not None:
            period_year = clause_year  # and the rest of its sentence
    if is_topic and len(_own_years(dated)) > 1:
        is_topic = False  # 2021年营业额为134亿元、2022年为127亿元: no one year of the paragraph
    # 由2016年的A增长到2020年的B: the year of B, and its 到 is no deadline
    cued, named = clause, bool(_YEAR.search(dated))
    baseline_year = _baseline_year(clause) if clause_year is None else None
    if baseline_year is not None:
        clause_year, cued, named = baseline_year, _regex("baseline_regex").sub("", clause), True
    period_year = _scoped_year(cued, clause_year, is_topic, period_year, carry)
    if clause_year is not None and not is_topic and (_regex("relative_opening_regex").match(cued.strip().lstrip("“\"（( "))
                                                      or _regex("month_day_regex").match(
                                                          re.sub(r"^(?:仅|在|于|自|从|截至|截止)", "", cued.strip("“\"（( ")))):
        period_year = clause_year  # 去年全市实现…，同比增长5.5%: the rest of the period, not the paragraph
    if clause_year is not None and period_year is None and named:
        period_year = clause_year  # 某园区2025年实现进出口总值…，同比增长4.8%: the rest of its sentence
    if clause_year is None and _regex("after_completion_regex").search(cued):
        period_year = None  # 投产后年产值将达2亿元: a year nobody named
    cue = _clause_kind(cued)
    if cue is None and _regex("after_completion_regex").search(cued):
        cue = "target"  # 项目建成达产后，年销售收入300亿元: what the project is to give
    if cue == "statistic" and forward_period:
        cue = "target"  # 预计全年…，同比增长12%: the forecast covers the period
    if cue and not (cue == "target" and _statement_must(context.document.text, period.start, c_start, cued)):
        carry.kind = cue
        carry.estimated = cue == "target" and _estimates_only(cued)
    if _reports_past(cued, cue, clause_year or period_year, context.reference_year):
        carry.kind = "statistic"  # 2021年，全市工业投资增长12.5%: a report, whatever came before
    return clause_year, cued, period_year, cue


def _last_year_named(text: str, position: int, reference_year: int | None) -> int | None:
    """The last full year the text names before position (within a few paragraphs), if past:
    the time 当时/彼时 point back to."""
    years = [_year_of(m) for m in _YEAR.finditer(text, max(0, position - 1500), position) if m.group("full")]
    if years and (reference_year is None or years[-1] < reference_year):
        return years[-1]
    return None


def _own_years(clause: str) -> list[tuple[int, int]]:
    """The full years a clause names of its own (not a comparison's: 比2020年; not a span's
    first: 2021—2025年), with where each ends."""
    return [(m.end(), _year_of(m)) for m in _YEAR.finditer(clause) if m.group("full")
            and not _regex("comparison_year_regex").search(clause[:m.end()])
            and not re.match(r"年?[—－\-~～至到](?:19|20)[0-9]{2}", clause[m.end() - 1:])
            and not re.search(r"[—－\-~～至到]$", clause[:m.start()])]


def _figure_year(clause: str, m: re.Match[str], figures: list[re.Match[str]]) -> int | None:
    """In a clause that names several years, a year named between the figure before and this
    one dates this one (2021年营业额为134亿元、2022年营业额为127亿元)."""
    at = clause.find("分别")
    listed = _regex("year_list_regex").search(clause, 0, at) if at >= 0 else None
    after = [f.start() for f in figures if f.start() > at]
    if listed is not None and m.start() in after:  # 2015和2016年同期增速分别为3.3%、0.5%
        named = [int(y) for y in re.findall(r"(?:19|20)[0-9]{2}", listed.group())]
        if len(named) == len(after):
            return named[after.index(m.start())]
    years = _own_years(clause)
    if len({y for _, y in years}) < 2:
        return None
    earlier = [f.end() for f in figures if f.end() <= m.start()]
    after = earlier[-1] if earlier else 0
    between = [y for end, y in years if after <= end <= m.start()]
    return between[-1] if between else None


def _scoped_year(clause: str, clause_year: int | None, is_topic: bool, period_year: int | None,
                 carry: _Carry) -> int | None:
    """Carry a clause's year as far as it reaches; return the year of the rest of the period."""
    if is_topic:
        period_year = carry.paragraph_year = carry.topic_year = clause_year
    elif clause_year is not None and _regex("deadline_regex").search(clause):
        # 力争到2024年…，…。…: the deadline holds for the rest of its paragraph
        period_year = carry.paragraph_year = clause_year
    elif clause_year is not None and any(w in clause for w in _rules().year_scope_words):
        period_year = clause_year  # 全年…，同比增长12%: the same year
    return period_year


def _enter_period(text: str, period: Period, carry: _Carry, context: DocumentContext) -> tuple[int | None, bool]:
    """Update the carried context for a new period; return its year so far and whether it
    looks forward as a whole (到那时…)."""
    period_text = text[period.start:period.end].lstrip("“\"（(——— ")
    if carry.estimated and carry.kind == "target" and not period_text.startswith(tuple(_rules().anaphoric_starts)):
        carry.kind = None  # …预计达3.2%。新增高技能人才39万人: the next sentence reports again
    carry.estimated = False
    if period.paragraph != carry.paragraph:
        # a paragraph cut after ；or ， (a PDF line) or after a lead-in (目标：) continues the previous one
        continued = carry.paragraph >= 0 and _last_mark(text, period.start) in "；;：:，,"
        carry.paragraph = period.paragraph
        if not continued:
            previous_year, carry.paragraph_year = carry.paragraph_year, carry.section_year
            # a new paragraph reads its kind afresh (its section's), unless it goes on (同时, 届时…)
            # (a plan of this year or a later one goes on: 2022年重大项目计划…：\n其中，…\n…)
            anaphoric = period_text.startswith(tuple(_rules().anaphoric_starts))
            opening = _YEAR.match(period_text)  # 2023年，…增长8%左右 after 今年的主要预期目标。
            planned = carry.kind == "target" and any(
                y is not None and (context.reference_year is None or y >= context.reference_year)
                for y in (previous_year, _year_of(opening) if opening else None))
            carry.kind = carry.section_kind or (carry.kind if anaphoric or planned else None)
            if carry.work_report and carry.section_kind is None and _plans_only(_paragraph_text(text, period, context)):
                carry.kind = "target"  # 推动…深度融合。实施30项省科技重大专项: a work report's plan for its year
            if carry.section_year is not None:
                carry.topic_year = carry.section_year  # 年内 under 三、重点任务 is the plan's year
            if _opens_past_report(period_text, context.reference_year, context.year is not None):
                carry.kind = None  # 2022年，全市…增长3.9%: a report, whatever the paragraph before said
    if _opens_with_enterprise(context.mentions, period):
        carry.kind = None  # a new company is a new topic: its figures are read afresh
    period_year = carry.paragraph_year
    if period_year is None and period_text.startswith(tuple(_rules().anaphoric_starts)):
        period_year = carry.topic_year
    return period_year, bool(_regex("forward_period_regex").match(period_text))


def _paragraph_text(text: str, period: Period, context: DocumentContext) -> str:
    return text[period.start:context.paragraph_ends.get(period.paragraph, period.end)]


def _plans_only(paragraph: str) -> bool:
    """Does a paragraph say only what is to be done (see plan_paragraph_regex in the rules)?"""
    return len(_regex("plan_paragraph_regex").findall(paragraph)) >= 2 \
        and _regex("done_paragraph_regex").search(paragraph) is None


def _last_mark(text: str, position: int) -> str:
    """The last character before position that is no white space ("" if none): text[:position]
    .rstrip()[-1:] without copying the text before it (once per paragraph)."""
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return text[position - 1:position]


def _opens_past_report(period_text: str, reference_year: int | None, dated: bool) -> bool:
    """A paragraph that opens with a past period (2022年， / 去年 / 今年1至8月， / 近年来，) and
    reports (增长, 新增, 完成, 达到) with no forward cue anywhere. Past: before the document's
    year; in an undated document, not after the latest year it names."""
    elapsed = _rules().elapsed_period_regex
    body = _regex("report_lead_in_regex").sub("", period_text)
    retrospective = _rules().retrospective_opener_regex
    opener = re.match(rf"(?:(?P<year>(?:19|20)[0-9]{{2}})年(?:全年|{elapsed})?|(?:去年|上年)(?:全年|{elapsed})?"
                      rf"|(?:今年|本年)?{elapsed}|{retrospective})[，,]?", body)
    if not opener or _regex("forward_cues").search(body) or not _regex("report_verbs_regex").search(body):
        return False
    year = opener.group("year")
    if year is None or reference_year is None:
        return True
    return int(year) < reference_year or (not dated and int(year) == reference_year)


def _statement_must(text: str, period_start: int, clause_start: int, clause: str) -> bool:
    """要 as 'must' in a statement (市长表示，要…) is the clause's only forward cue: it
    does not make later figures targets."""
    cues = [m.group() for m in _regex("forward_cues").finditer(clause)]
    if not cues or not all(_regex("must_cue_regex").fullmatch(c) for c in cues):
        return False
    before = text[period_start:clause_start]
    quoted = before.count("“") > before.count("”")  # “要坚定不移…”，李明说
    return quoted or bool(_regex("statement_regex").search(before) or _regex("statement_regex").search(clause))


def _reports_past(clause: str, cue: str | None, year: int | None, reference_year: int | None) -> bool:
    """A clause of a past year (or an elapsed part of this one) that reports with 增长/新增/
    实现/完成/达到 and looks nowhere forward."""
    if cue == "target" or not _regex("report_verbs_regex").search(clause):
        return False
    past = year is not None and reference_year is not None and year < reference_year
    return past or bool(_regex("elapsed_period_regex").search(clause))


def _opens_with_enterprise(index: MentionIndex, period: Period) -> bool:
    return opening_enterprise(index, period) is not None


# what a bare magnitude measures when its noun follows it (冲击4000亿产值, 百亿营收)
_MAGNITUDE_NOUN = re.compile("产值|营收|营业收入|收入|规模|投资|销售额|GDP|市值|税收")


def _past_change(m: re.Match[str], reference_year: int | None) -> bool:
    """A baseline match (由A提高到B) that reports a change between two named past years."""
    return bool(m.group("from_year") and m.group("year") and reference_year is not None
                and int(m.group("year")) <= reference_year)


@lru_cache(maxsize=4096)  # (find_measures asks first; callers do not change the list)
def _numbers(clause: str, provincial: bool = False, reference_year: int | None = None) -> list[re.Match[str]]:
    """Numbers with a unit that are measures (not thresholds, ranks, ranges, baselines, or
    figures of a wider scope: 全国…, 全省… unless the document is a province's)."""
    if not _may_hold_figure()(clause):
        return []  # no digit or numeral: the number pattern cannot match
    rules = _rules()
    out = []
    # a target's baseline is no figure of its own (由2020年的32.7%提高至…); a change reported
    # between two past years (从2022年的86亿元增至2024年的146亿元) gives two
    baselines = [m.span("base") for m in _regex("baseline_regex").finditer(clause)
                 if not _past_change(m, reference_year)]
    # a web address (…/article/27478/%E6%95%B8…) or a markup attribute holds digits, not figures
    addresses = [a.span() for a in _regex("address_regex").finditer(clause)]
    for m in _number_pattern().finditer(clause):
        if not (m.group("percent") or m.group("mag") or m.group("base")):
            continue
        if any(a <= m.start() < b for a, b in addresses):
            continue
        if m.group("cn") and m.group("mag") and re.match(r"[\u4e00-\u9fff]", clause[m.end():]):
            continue  # 千亿产业集群 (an adjective, not a figure)
        if m.group("base") in rules.magnitude_only_units and not m.group("mag"):
            continue  # 三方, 双方: words; 10亿方: a volume
        if m.group("base") == "成" and (re.match(r"[\u4e00-\u9fff]", clause[m.end():]) or m.group("mag")):
            continue  # 建成投产, 2成为: a word, not tenths
        if m.group("cn") and not m.group("mag") and m.group("base") != "成" and not re.search("[十百千]", m.group("cn")):
            continue
        if m.group("base") in rules.counters and not m.group("mag") and m.group("num") \
                and parse_number(m.group("num")) == 1:
            continue  # 1个集中式和1个分布式项目: one of a kind is a word, not a figure
        if any(a <= m.start("num") < b for a, b in baselines if m.group("num")):
            continue
        after = clause[m.end():]
        before = clause[:m.start("num") if m.group("num") else m.start("cn")]
        if after.startswith(tuple(rules.skip_after)) or _regex("skip_after_regex").search(after):
            continue
        if before.endswith(("“", "\"")) and re.match(r"[^”“\"，。；]{0,4}[”\"]", after):
            continue  # 稳经济“30条”, “117项目”片区, “4个85%”: a name
        if re.search(r"[0-9０-９]\s*[万亿]?[元家个户项%％]?\s*、\s*$", before) \
                and re.match(r"\s*(?:以上|以下)?的(?:法人|规上|规模以上)?(?:企业|项目|单位|园区)", after):
            continue  # the last of a list of class bounds: 突破1000亿元、500亿元的企业
        if (m.group("post") in ("以上", "以下", "以内") or m.group("pre") in ("超", "超过")
                or _regex("bound_before_regex").search(before)) and _regex("class_after_regex").match(after):
            continue  # a threshold: 10亿元以上的项目, 超10亿元的企业
        if m.group("post") in ("以下", "以内") and re.match(r"[\u4e00-\u9fff]", after) \
                or m.group("post") == "以上" and _regex("threshold_noun_regex").match(after):
            continue  # a threshold that qualifies a noun: 1000万美元以下审批权, 5000万元以上项目
        if m.group("mag") and not m.group("base") and not m.group("percent") \
                and re.match(r"[\u4e00-\u9fff]", after) and not after.startswith(tuple(rules.qualifiers_after)) \
                and not after.startswith(tuple(rules.unit_not_before)) and not after.startswith("的") \
                and not _MAGNITUDE_NOUN.match(after):
            continue  # 300万克拉: a unit the table does not know (冲击4000亿产值 is a figure)
        scope = _regex("other_scope_regex").search(before)
        if scope and not (provincial and scope.group("scope") in _rules().provincial_scopes):
            continue
        if _search_any("skip_before_regex", before):
            continue
        if m.group("base") in rules.counters and not _regex("coverage_before_regex").search(before) and (
                _generic_count(after) or _generic_count(_regex("generic_count_prefix_regex").sub("", after))):
            continue  # (覆盖欧亚130余个城市: a reach, counted)
        out.append(m)
    return out


def _generic_count(after: str) -> bool:
    """The count is of a generic noun (3个方面, 70个国家和地区), not of a rank (111家国家级绿色工厂)
    nor of a compound it heads (50个城市更新项目)."""
    return any(after.startswith(w) and not after.startswith("级", len(w))
               and not _regex("compound_head_regex").match(after, len(w)) for w in _rules().generic_counted_nouns)


def _value(clause: str, m: re.Match[str]) -> float:
    """The number, negative when written with a minus sign or 负 (-3.5%, 负增长2%)."""
    value = parse_number(m.group("num") or m.group("cn"))
    number_start = m.start("num") if m.group("num") else m.start("cn")
    return -value if _regex("negative_before_regex").search(clause[:number_start]) else value


def _unit(m: re.Match[str]) -> str:
    if m.group("percent"):
        return m.group("percent")
    return (m.group("mag") or "") + (m.group("base") or "") + (m.group("per") or "")


def _qualifier(m: re.Match[str]) -> str | None:
    parts = [m.group("pre") if m.group("pre") in _rules().reported_qualifiers_before else None,
             m.group("q1"), m.group("q2"), m.group("post")]
    found = [p for p in parts if p]
    return "".join(found) or None


def _baseline(clause: str, m: re.Match[str]) -> float | None:
    for b in _regex("baseline_regex").finditer(clause):
        if b.start("value") == m.start("num"):
            return parse_number(b.group("base"))
    return None


def _baseline_year(clause: str) -> int | None:
    for b in _regex("baseline_regex").finditer(clause):
        if b.group("year"):
            return int(b.group("year"))
    return None


def _clause_year(clause: str, doc_year: int | None, topic_year: int | None = None,
                 period_year: int | None = None, estimated: int | None = None,
                 work_report: bool = False) -> tuple[int | None, bool]:
    """The year a clause names, and whether it opens the clause (a topic year that carries).

    全年/年度 is the year being reported or planned: the last topic year, else the document's.
    An undated document (``estimated``: the year it reports) dates only its elapsed parts of a
    year (一季度, 1—5月): 去年 or 未来5年 against a guessed year would be wrong by the guess."""
    if not _may_name_time(clause):
        # what every branch below returns for a clause naming no time (_time_filter holds the
        # pattern of each branch: a new branch adds its own there)
        return None, False
    m = _YEAR.search(clause)
    end = _span_end(clause, m)
    if end is not m and doc_year is not None and _year_of(end) <= doc_year:
        m = end  # 2019年至2020年，…: a past span's figures are of its last year
    if m and m.group("full") and _opens_span_to_present(clause, m):
        # 2015年以来，新增… / 自2013年园区建设以来，累计…: a span that runs to the present, so of the document's year
        return doc_year, clause[:m.start()].strip("“\"（( ，,") == "" and doc_year is not None
    if m:
        year = _year_of(m)
        # a planning period (2023—2027年) opens with its last year
        opening = re.fullmatch(r"(?:[到至在从自于]|截至|截止|到了|上世纪)?(?:[\u4e00-\u9fff]{2,3})?"
                               r"(?:(?:19|20)[0-9]{2}年?[—－\-~～至到])?",
                               clause[:m.start()].lstrip("“\"（( ")) is not None
        # 与以2022年北京冬奥会为契机: a year inside an object names an event, not the clause's time
        opening = opening and not re.search(r"预计|计划|力争|争取|有望|可望|于$|[以与和及同对把]$|[可将要能](?:在|于)?$",
                                            clause[:m.start()])
        # 明确提出到2024年，…: a deadline that ends a lead-in clause opens what follows
        lead_in = bool(_regex("deadline_regex").search(clause[:m.end()])) \
            and re.fullmatch(r"(?:底|末|前)?[，,：:\s]*", clause[m.end():]) is not None
        return year, opening or lead_in
    if any(w in clause for w in _rules().year_scope_words):
        # 今年谋划项目27个，计划年内完成投资103亿元: the year of its sentence, else the topic's
        return (period_year or topic_year or doc_year), False
    # 去年， / 今年1至8月， on its own
    bare = clause.strip().lstrip("“\"（(")
    opening = bool(_regex("relative_topic_regex").search(bare) or _elapsed_topic(bare))
    if doc_year is None:
        elapsed = estimated is not None and _regex("elapsed_period_regex").search(clause) \
            and not _search_any("last_year_words", clause)
        return (estimated, _opens_with_elapsed(clause)) if elapsed else (None, False)
    ahead = _regex("future_span_regex").search(clause)
    if ahead:  # 未来5年，… (this year and the next four): a target for the span's last year
        opening = bare.startswith(ahead.group()) and re.fullmatch(r"[，,：:]?", bare[len(ahead.group()):]) is not None
        return doc_year + int(parse_number(ahead.group("years"))) - 1, opening
    span = _regex("past_span_regex").search(clause) or (_regex("report_span_regex").search(clause) if work_report else None)
    if span:  # 过去5年，…: of the last complete year, and of the rest of its paragraph when it opens the clause
        # (it opens the clause, or ends one a heading runs into: 综合实力显著增强四年来，…)
        return doc_year - 1, bool(re.search(re.escape(span.group()) + r"[，,：:]?$", bare))
    day = _regex("month_day_regex").search(clause)
    if day:  # 3月25日，…举行: a day of this year (no topic year: later targets are not of that day)
        return doc_year, False
    for words, shift in (("present_words", 0), ("last_year_words", -1), ("next_year_words", 1)):
        if _search_any(words, clause):
            return doc_year + shift, opening
    if _regex("elapsed_period_regex").search(clause):
        # 前三季度 with no year: this year's, or the year its sentence is about (2025年，…，1—10月…)
        return (period_year if period_year is not None and not re.search("今年|本年", clause) else doc_year), \
            opening or _opens_with_elapsed(clause)
    return None, False


_SPAN_JOINT = re.compile(r"\s*(?:至|到|—|－|-|~|～)\s*")  # 2019年|至|2020年


def _span_end(clause: str, m: re.Match[str] | None) -> re.Match[str] | None:
    """The last year of a span of full years written out (2019年至2020年, 2016年—2020年), as
    2019-2021年 writes its year once; m itself when no span follows it."""
    if m is None or not m.group("full"):
        return m
    joint = _SPAN_JOINT.match(clause, m.end())
    after = _YEAR.match(clause, joint.end()) if joint else None
    return after if after is not None and after.group("full") else m


def _opens_span_to_present(clause: str, m: re.Match[str]) -> bool:
    """Does the year m open a span that runs to the present: 2015年以来 / 2015年3月至今, or
    自2013年园区建设以来 (自/从 before it, 以来/至今 later in its clause)?"""
    after = clause[m.end():]
    if re.match(r"[0-9０-９月日号]{0,8}(?:以来|至今)", after):
        return True
    return bool(re.search(r"(?:^|[自从])$", clause[:m.start()].strip("“\"（( "))
                and re.match(r"[^，,。；]{0,24}?(?:以来|至今)", after))


@cache
def _time_filter() -> LiteralFilter | None:
    """The literals of the patterns by which _clause_year dates a clause (None: one of the word
    lists cannot be joined, so no pre-check)."""
    words = [_any_of(key) for key in ("present_words", "last_year_words", "next_year_words")]
    if None in words:
        return None
    keys = ("future_span_regex", "past_span_regex", "report_span_regex", "month_day_regex", "elapsed_period_regex")
    scope = re.compile(_alternation(_rules().year_scope_words))  # 全年, 年内…
    return LiteralFilter([_YEAR, scope, *(_regex(k) for k in keys), *words])  # type: ignore[misc]


def _may_name_time(clause: str) -> bool:
    """Whether a clause may name a year or a time _clause_year reads (False: it cannot)."""
    times = _time_filter()
    return times is None or bool(times.candidates(clause))


def _opens_with_elapsed(clause: str) -> bool:
    """一季度全市实现…, 年初以来，…: an elapsed part of the year that opens a clause dates its paragraph."""
    return re.match(rf"(?:今年|本年)?{_rules().elapsed_period_regex}", clause.strip().lstrip("“\"（(")) is not None


def _elapsed_topic(clause: str) -> bool:
    elapsed = _rules().elapsed_period_regex
    return re.fullmatch(rf"(?:今年|本年|去年|上年)?{elapsed}[，,：:]?", clause.strip()) is not None


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _clause_kind(clause: str) -> str | None:
    clause = _regex("title_regex").sub("", clause)  # 印发了《…行动计划》: a title's words cue nothing
    if _regex("forward_cues").search(clause):
        return "target"
    if _regex("report_cues").search(clause) or _regex("elapsed_period_regex").search(clause):
        return "statistic"
    return None


def _kind(clause: str, year: int | None, reference_year: int | None,
          carried: str | None, forward_period: bool) -> str:
    deadline = _regex("deadline_regex").search(clause)
    if deadline and year is not None and reference_year is not None and year < reference_year \
            and re.search(r"已经?|实现了|达到了", clause):
        return "statistic"  # 到2017年…已经接近六成, said in 2018: what was reached by then
    if reference_year is not None and (year is None or year <= reference_year) \
            and _HELD_BEFORE_FIGURE.search(clause.rstrip("，,。；;！？ ")):
        return "statistic"  # 到1990年，有职工270人: what was held by a year not after the text's own
    if forward_period or deadline:
        return "target"
    if year is not None and reference_year is not None and year != reference_year:
        return "statistic" if year < reference_year else "target"
    return carried or "statistic"


def _default_year(kind: str, topic_year: int | None, doc_year: int | None,
                  report_year: int | None = None, work_report: bool = False) -> int | None:
    """A target with no year of its own keeps the last topic year if not past; a statistic has
    no year (汇聚了14所高校: a count the text does not date), except in the report of an event
    its lead dates by the day (``report_year``). A work report, read early in its year, plans
    that year and reports the year just ended: its undated targets are of its year, its undated
    statistics of the year before."""
    if kind == "target":
        if topic_year is not None and (doc_year is None or topic_year >= doc_year):
            return topic_year
        return doc_year if work_report else None
    if work_report and doc_year is not None and report_year is None:
        return doc_year - 1
    return report_year


def _indicator(clause: str, m: re.Match[str], figures: list[re.Match[str]],
               previous: str) -> tuple[str, str]:
    """The measured noun phrase: the clause text before the number (trimmed), plus the counted noun.

    A bare rate or share (增长17%, 占25.7%) borrows the noun phrase of the figure before it;
    returns the indicator and the noun phrase a later bare figure may borrow."""
    item = _respective_item(clause, m, figures)
    if item:
        return item, item
    before = clause[:m.start()]
    # only the part after the previous number of the clause
    earlier = [e for e in figures if e.end() <= m.start()]
    if earlier:
        before = before[earlier[-1].end():]
    # 150万千瓦（1500MW）: the same figure in another unit measures what the one before does
    conversion = bool(earlier) and re.fullmatch(r"\s*[（(]\s*", before) is not None
    before = "" if conversion else _noun_phrase(_regex("baseline_prefix_regex").sub("", before))
    counted, following = "", ""
    if m.group("base") in _rules().counters:
        counted = re.match(r"[^，。；、：,;:0-9０-９的]{0,16}", clause[m.end():]).group()
        listed = _regex("listed_kind_regex").match(clause, m.end() + len(counted))
        if counted and listed:
            counted += "…" + listed.group("noun")  # 67家法律、金融等专业服务机构
        elif kind := _regex("counted_after_clause_regex").match(clause, m.end() + len(counted)):
            counted += "…" + kind.group("noun")  # 39个营收超过1亿元的大单品: what is counted ends the clause
    else:  # 以2805.2亿元GDP, 3.42万元的人均GDP, 21.9MW乡村振兴风力发电指标: the noun after the figure
        following = _regex("following_noun_regex").match(clause, m.end()).group("noun")
    own = before + ("…" + counted if before and counted else counted)
    weak = (not before and not counted) or bool(before and _regex("weak_indicator_regex").search(before))
    if previous and weak:
        return previous + "…" + own + ("…" + following if following else ""), previous
    shown = own or clause.strip("，。；、")
    return shown + ("…" + following if following else ""), own or previous


def _measures_without_figure(clause: str) -> bool:
    """A clause that says how something grew without a number (工业总产值较2016年翻一番，)."""
    bare = _regex("comparison_regex").sub("", clause).strip("，,。；;：: ")
    return bool(_regex("indicator_growth_trim_regex").search(bare))


def _noun_phrase(before: str) -> str:
    """The text before a number without lead-ins (据统计, 全市, 2022年，) and linking verbs
    (达到, 提高到, and 增长 when a noun is left)."""
    before = _regex("comparison_regex").sub("", before)
    stripped = None
    while stripped != before:  # 2022年全市…: a year and a scope word, in either order
        stripped = before
        before = _regex("indicator_strip_leading_regex").sub("", before)
        if _YEAR.search(before):
            before = re.sub(rf"^[^，]*?[{DIGITS}]{{4}}年(?:底|末|初)?[，,]?", "", before)
    before = _regex("indicator_trim_regex").sub("", before.rstrip("-－负")).strip("，、：；,:; ")
    noun = _regex("indicator_trim_regex").sub("", _regex("indicator_growth_trim_regex").sub("", before))
    if noun and not _regex("weak_indicator_regex").search(noun):
        return noun
    return before


def _respective_item(clause: str, m: re.Match[str], figures: list[re.Match[str]]) -> str | None:
    """甲、乙分别增长8.5%和9.2%: the n-th figure after 分别 measures the n-th item before it."""
    at = clause.find("分别")
    if at < 0 or m.start() < at:
        return None
    after = [f.start() for f in figures if f.start() > at]
    phrase = _noun_phrase(clause[:at])
    items = [i for i in re.split(r"以及|、|和|及|与", phrase) if i]
    if len(items) == len(after) + 1 and "、" in phrase:
        items = [i for i in re.split(r"、", phrase) if i]  # 交通、教育、科技以及信息化行业: 以及 joins one item
    if len(items) < 2 or len(items) != len(after):
        return None
    return items[after.index(m.start())]


def _subject(clause: str, c_start: int, value_start: int, index: MentionIndex,
             subject: Entity | None, period: Period, document: Document) -> str | None:
    """Who the figure is about: an enterprise, park or place named before the number in the
    clause (not an item of a list: 甲、乙等7个项目), the enterprise last named when the clause
    says 公司/该公司, else the document's subject. A clause opening with 全市/我市 is the
    subject's whatever its indicator mentions (全市稀土新材料产业产值…)."""
    text = document.text
    if subject is not None and _regex("own_scope_regex").search(clause):
        return subject.id
    named = [m for m in index.within(c_start, value_start, ("Enterprise", "Park", "Place"))
             if not text.startswith(("、", "等", "和", "及", "与"), m.end)
             and text[m.start - 1:m.start] not in ("在", "于", "到", "向")
             and not _regex("not_subject_after_regex").match(text, m.end)
             and not (m.entity.type == "Enterprise" and _regex("industry_word_after_regex").match(text, m.end))]
    if named:
        return named[-1].entity.id
    opener = opening_enterprise(index, period)
    if opener is not None and not _listed(text, opener, period):
        return opener.id  # 某某公司是集群的龙头企业，去年实现营业收入180亿元
    if re.match(r"[^，。；]{0,4}?(?:该|本|这家)?公司", clause):
        paragraph_start = text.rfind("\n", 0, period.start) + 1
        openers = [m for m in index.within(paragraph_start, c_start, ("Enterprise",))
                   if m.start == 0 or text[m.start - 1] in "\n。！？"]
        if openers:
            return openers[-1].entity.id
    return subject.id if subject else None


def _listed(text: str, entity: Entity, period: Period) -> bool:
    """The entity is the first item of a list at the period's start (甲、乙等7个项目)."""
    for mention in entity.mentions:
        if period.start <= mention.start < period.end:
            return text.startswith(("、", "等", "和", "及", "与"), mention.end)
    return False


def _evidence(sentences: _Sentences, period: Period, position: int) -> Span:
    s = sentences.at(position)
    if s is not None and s.end - s.start < 2 * (period.end - period.start) + 200:
        return Span(s.start, s.end)
    return Span(period.start, period.end)
