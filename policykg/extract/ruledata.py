"""The one place that reads the rule files: ``policykg/extract/rules/`` (package data), or a
file of the same name in the directory that ``POLICYKG_RULES_DIR`` names, which replaces it.

Every file is checked as it is read, and a problem is a ``RuleFileError`` naming the file, the
line and the field (see rulefiles.py). JSON files become the typed tables below; text and TSV
files are lines checked against their columns (``LINE_FILES``). Each file is read once per
process; callers get shared, immutable objects.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal

from policykg import schema
from policykg.errors import RuleFileError
from policykg.extract.rulefiles import (
    Column,
    EntityType,
    LinesSpec,
    Regex,
    RegexCheck,
    RelationName,
    read_lines,
    read_table,
)

RULES_DIR = Path(__file__).resolve().parent / "rules"
RULES_ENV = "POLICYKG_RULES_DIR"

# Block kinds of policykg.extract.layout (a test checks they agree).
SENTENCE_KINDS = ("headline", "deck", "heading", "body", "byline", "caption", "meta")


# ---------------------------------------------------------------- relation_cues.json

# What the relation extractor puts in place of {E}, {TITLE}, {CITYWORD} (relations._expand),
# in the same shape, so that a pattern compiles here exactly when it compiles there.
CUE_PLACEHOLDERS = (("{E}", "\ue000\\d+\ue001"), ("{TITLE}", "(?:T)"), ("{CITYWORD}", "(?:我市)"))
CueRegex = Annotated[str, RegexCheck(placeholders=CUE_PLACEHOLDERS)]

Role = Literal["city", "context_zone", "context_cluster", "context_plan", "context_park", "last_plan", "last_cluster"]
ContextName = Literal["plan", "zone", "cluster", "park"]
Pick = Literal["all", "first", "last", "first_group", "last_group"]
# What a role end may be: the document's subject is a Place or a Park (subject.subject_entity);
# last_plan / last_cluster the last Plan / Cluster named; context_X what the contexts setting X hold.
SUBJECT_TYPES = ("Place", "Park")


def cue_pattern(pattern: str) -> re.Pattern[str]:
    """A cue or context pattern compiled as the validation sees it (placeholders filled in)."""
    return re.compile(RegexCheck(placeholders=CUE_PLACEHOLDERS).expand(pattern))


@dataclass(frozen=True)
class CueEnd:
    """The head or tail of a cue: the entities of ``types`` in the pattern's group of that name
    (chosen by ``pick``), or a ``role``; fallbacks when the group names none."""

    types: tuple[EntityType, ...] | None = None
    role: Role | None = None
    pick: Pick = "all"
    stop_types: tuple[EntityType, ...] = ()
    plan_anaphor: bool = False
    topic_default: bool = False
    site_default: bool = False
    city_default: bool = False
    company_anaphor: bool = False
    context_default: tuple[ContextName, ...] = ()

    def problems(self) -> Iterator[tuple[str, str]]:
        if self.role is None and self.types is None:
            yield "types", "an end needs types (the entities of its group) or a role"
        if self.role is not None:
            if self.types is not None:
                yield "role", "an end has types or a role, not both"
            for flag in ("plan_anaphor", "topic_default", "site_default", "city_default", "company_anaphor"):
                if getattr(self, flag):
                    yield flag, f"a role end ({self.role}) takes no fallback"
            if self.context_default:
                yield "context_default", f"a role end ({self.role}) takes no fallback"
            if self.pick != "all":
                yield "pick", f"a role end ({self.role}) picks nothing"
        if self.stop_types and self.pick not in ("last", "last_group"):
            yield "stop_types", "stop_types only work with pick 'last' or 'last_group'"


@dataclass(frozen=True)
class Cue:
    """A relation cue: where ``pattern`` matches a masked period, head and tail are related."""

    name: str
    relation: RelationName
    pattern: CueRegex
    head: CueEnd
    tail: CueEnd
    confidence: float = 0.7
    # the relation instead when the tail is a status (status_names_regex): 入选…试点城市
    status_relation: RelationName | None = None

    def problems(self) -> Iterator[tuple[str, str]]:
        if not 0 < self.confidence <= 1:
            yield "confidence", f"{self.confidence} is not in (0, 1]"
        groups = cue_pattern(self.pattern).groupindex
        for end in ("head", "tail"):
            if getattr(self, end).role is None and end not in groups:
                yield "pattern", f"the pattern has no group (?P<{end}>…) for its {end} (or give the {end} a role)"


@dataclass(frozen=True)
class ContextRule:
    """What a paragraph or period is about, for the cues after it (role context_<sets>)."""

    name: str
    sets: ContextName
    lasts: int
    pattern: CueRegex
    types: tuple[EntityType, ...] = ()  # default: (sets.title(),)
    paragraph_start: bool = False
    single: bool = False
    shifts: bool = False

    def __post_init__(self) -> None:
        if not self.types:
            object.__setattr__(self, "types", (self.sets.title(),))

    def problems(self) -> Iterator[tuple[str, str]]:
        if self.lasts < 1:
            yield "lasts", "a context lasts at least 1 paragraph"
        if "entity" not in cue_pattern(self.pattern).groupindex:
            yield "pattern", "the pattern has no group (?P<entity>…)"


@dataclass(frozen=True)
class RelationCues:
    """rules/relation_cues.json: the cue table of policykg.extract.relations. Which types a
    relation may join is the registry's (policykg.schema), not this file's."""

    titles: tuple[Regex, ...]
    contexts: tuple[ContextRule, ...]
    cues: tuple[Cue, ...]
    generic_names_regex: Regex
    prefix_location_types: tuple[EntityType, ...]
    city_default_blockers: Regex
    topic_opening: Regex
    enumeration_joiners: Regex
    plan_anaphor_regex: CueRegex
    site_names_regex: Regex
    own_subject_regex: Regex
    zone_site_names_regex: Regex
    zone_title_names_regex: Regex
    province_zone_sites_regex: Regex
    zone_aspiration_regex: Regex
    work_report_regex: Regex
    government_regex: Regex
    status_names_regex: Regex

    def role_types(self, role: str) -> tuple[str, ...]:
        """The entity types an end with this role may be."""
        if role == "city":
            return SUBJECT_TYPES
        kind, name = role.split("_", 1)
        if kind == "last":
            return (name.title(),)
        return tuple(dict.fromkeys(t for c in self.contexts if c.sets == name for t in c.types))

    def problems(self) -> Iterator[tuple[str, str]]:
        located_heads = schema.RELATIONS["locatedIn"].heads
        for n, etype in enumerate(self.prefix_location_types):
            if etype not in located_heads:
                yield f"prefix_location_types[{n}]", f"a {etype} cannot be locatedIn anything " \
                                                     f"(locatedIn: {schema.RELATIONS['locatedIn']})"
        contexts = {c.sets for c in self.contexts}
        for n, cue in enumerate(self.cues):
            for end in ("head", "tail"):
                spec: CueEnd = getattr(cue, end)
                if spec.role and spec.role.startswith("context_") and spec.role[8:] not in contexts:
                    yield f"cues[{n}].{end}.role", f"no context sets {spec.role[8:]!r}"
                for k, name in enumerate(spec.context_default):
                    if name not in contexts:
                        yield f"cues[{n}].{end}.context_default[{k}]", f"no context sets {name!r}"
            yield from (  # the type pairs the relation's signature forbids
                (f"cues[{n}].{path}", reason) for path, reason in self._signature_problems(cue))

    def _signature_problems(self, cue: Cue) -> Iterator[tuple[str, str]]:
        """Each type listed at one end must be joinable to some type of the other end."""
        relation = schema.RELATIONS[cue.relation]
        heads = cue.head.types if cue.head.role is None else self.role_types(cue.head.role)
        tails = cue.tail.types if cue.tail.role is None else self.role_types(cue.tail.role)
        for end, mine, theirs, allows in (
                ("head", heads, tails, lambda a, b: relation.allows(a, b)),
                ("tail", tails, heads, lambda a, b: relation.allows(b, a))):
            spec: CueEnd = getattr(cue, end)
            ok = [t for t in mine if any(allows(t, u) for u in theirs)]
            if spec.role is not None and not ok:
                yield f"{end}.role", f"{spec.role} ({'/'.join(mine)}) cannot be the {end} of " \
                                     f"{cue.relation} with {'/'.join(theirs)} ({relation})"
            if spec.role is None:
                for k, t in enumerate(mine):
                    if t not in ok:
                        yield f"{end}.types[{k}]", f"a {t} cannot be the {end} of {cue.relation} " \
                                                   f"with {'/'.join(theirs)} ({relation})"


# ---------------------------------------------------------------- measure_cues.json

@dataclass(frozen=True)
class MeasureCues:
    """rules/measure_cues.json: words and patterns of policykg.extract.measures. Word lists are
    matched literally; ``*_regex`` fields and the cue lists are regexes."""

    magnitudes: tuple[str, ...]
    base_units: tuple[str, ...]
    percent_units: tuple[str, ...]
    counters: tuple[str, ...]
    qualifiers_before: tuple[str, ...]
    reported_qualifiers_before: tuple[str, ...]
    qualifiers_after: tuple[str, ...]
    generic_counted_nouns: tuple[str, ...]
    skip_after: tuple[str, ...]
    skip_before_regex: tuple[Regex, ...]
    boilerplate_regex: Regex
    forward_cues: tuple[Regex, ...]
    report_cues: tuple[Regex, ...]
    present_words: tuple[Regex, ...]
    last_year_words: tuple[Regex, ...]
    next_year_words: tuple[Regex, ...]
    anaphoric_starts: tuple[str, ...]
    topic_shift_regex: Regex
    weak_indicator_regex: Regex
    indicator_trim_regex: Regex
    indicator_strip_leading_regex: Regex
    baseline_regex: Annotated[str, RegexCheck(groups=("base", "year"))]
    skip_after_regex: Regex
    other_scope_regex: Annotated[str, RegexCheck(groups=("scope",))]
    baseline_prefix_regex: Regex
    skip_sentence_kinds: tuple[Literal[SENTENCE_KINDS], ...]  # type: ignore[valid-type]
    relative_topic_regex: Regex
    deadline_regex: Regex
    year_scope_words: tuple[str, ...]
    negative_before_regex: Regex
    not_subject_after_regex: Regex
    forward_period_regex: Regex
    date_line_regex: Annotated[str, RegexCheck(groups=("year",))]
    statement_regex: Regex
    must_cue_regex: Regex
    elapsed_period_regex: Regex
    report_verbs_regex: Regex
    own_scope_regex: Regex
    estimate_skip_after_regex: Regex
    long_range_goal_regex: Regex
    report_lead_in_regex: Regex
    indicator_growth_trim_regex: Regex
    industry_word_after_regex: Regex
    provincial_scopes: tuple[str, ...]
    retrospective_opener_regex: Regex
    comparison_regex: Regex
    generic_count_prefix_regex: Regex
    current_year_target_regex: Annotated[str, RegexCheck(groups=("year",))]
    comparison_year_regex: Regex
    relative_opening_regex: Regex
    after_completion_regex: Regex
    undated_target_regex: Regex
    section_target_regex: Regex
    section_report_regex: Regex
    plan_paragraph_regex: Regex
    done_paragraph_regex: Regex
    top_heading_regex: Regex
    month_day_regex: Regex
    magnitude_only_units: tuple[str, ...]
    unreported_units: tuple[str, ...]
    past_span_regex: Regex
    report_span_regex: Regex
    future_span_regex: Annotated[str, RegexCheck(groups=("years",))]
    per_unit_regex: Regex
    unit_not_before: dict[str, Regex]
    qualifier_not_after: dict[str, Regex]
    counted_after_clause_regex: Regex
    topic_phrase_regex: Annotated[str, RegexCheck(groups=("topic",))]
    shared_figure_regex: Regex
    title_regex: Regex
    rate_cue_end_regex: Regex
    address_regex: Regex
    class_after_regex: Regex
    bound_before_regex: Regex
    pronoun_indicator_regex: Regex
    bare_measure_regex: Regex
    coverage_before_regex: Regex
    decrease_regex: Annotated[str, RegexCheck(groups=("verb",))]
    compound_head_regex: Regex
    then_regex: Regex
    year_end_deadline_regex: Regex
    threshold_noun_regex: Regex
    present_opening_regex: Regex
    plan_anaphor_regex: Regex
    whole_year_regex: Regex
    area_indicator_regex: Regex
    area_units: tuple[str, ...]
    year_just_past_regex: Annotated[str, RegexCheck(groups=("year",))]
    year_list_regex: Regex
    estimate_cue_regex: Regex
    designed_capacity_regex: Regex
    listed_kind_regex: Annotated[str, RegexCheck(groups=("noun",))]
    following_noun_regex: Annotated[str, RegexCheck(groups=("noun",))]

    def problems(self) -> Iterator[tuple[str, str]]:
        for name in ("forward_cues", "report_cues"):  # used as one alternation
            try:
                re.compile("|".join(getattr(self, name)))
            except re.error as exc:
                yield name, f"the alternation of the items is a bad regex: {exc}"
        units = set(self.base_units)
        for n, counter in enumerate(self.counters):
            if counter not in units:
                yield f"counters[{n}]", f"{counter!r} is no base unit (base_units), so never read"


# ---------------------------------------------------------------- reading.json, divisions.json

# {DATE} stands for the reader's date pattern (layout.DATE) in a regex of reading.json.
DATE_PLACEHOLDER = "{DATE}"
DatedLineRegex = Annotated[str, RegexCheck(placeholders=((DATE_PLACEHOLDER, r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),))]


@dataclass(frozen=True)
class Reading:
    """rules/reading.json: words of the reader's block classification and metadata
    (policykg.extract.layout, metadata)."""

    byline_roles: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    byline_agency_endings: tuple[str, ...]
    byline_role_modifiers: tuple[str, ...]
    photo_credit_words: tuple[str, ...]
    caption_openers: tuple[str, ...]
    meta_labels: tuple[str, ...]
    publication_date_labels: tuple[str, ...]
    date_labels: tuple[str, ...]
    occasion_line_regex: DatedLineRegex
    generic_file_stems: tuple[str, ...]


@dataclass(frozen=True)
class Divisions:
    """rules/divisions.json: province abbreviations and ethnic groups (policykg.extract.divisions)."""

    province_abbreviations: dict[str, tuple[str, ...]]
    ethnic_groups: tuple[str, ...]


JSON_TABLES: dict[str, type] = {
    "relation_cues.json": RelationCues,
    "measure_cues.json": MeasureCues,
    "reading.json": Reading,
    "divisions.json": Divisions,
}


# ---------------------------------------------------------------- text and TSV files

_WORDS = LinesSpec((Column("word"),))
_NAMES = LinesSpec((Column("full name"), Column("short forms (comma separated)", "list", optional=True)))
_REGIONS = LinesSpec((Column("name"), Column("short form", optional=True)), more=True)

LINE_FILES: dict[str, LinesSpec] = {
    "entity_agency_contractions.tsv": LinesSpec((Column("long"), Column("short"))),
    "entity_agency_tails.txt": _WORDS,
    "entity_central_agencies.tsv": _NAMES,
    "entity_counted_list_cues.txt": _WORDS,
    "entity_countries.txt": _REGIONS,
    "entity_designations.tsv": LinesSpec((Column("word"), Column("kind", "choice", ("cue", "aim", "level", "belt")))),
    "entity_enterprise_cues.tsv": LinesSpec((
        Column("keywords", "keywords"), Column("pattern", "regex", groups=("items",)),
        Column("slot", "choice", ("yes", "no", "list")), Column("note", optional=True))),
    "entity_enterprise_endings.txt": _WORDS,
    "entity_enumeration_heads.tsv": LinesSpec((
        Column("head"), Column("type", "entity_type"),
        Column("item_kind", "choice", ("name", "company", "brand")),
        Column("count_only", "yes_no"))),
    "entity_generic_modifiers.tsv": LinesSpec((
        Column("word"), Column("scope", "choice", ("all", "physical", "reference", "location", "grouping")))),
    "entity_industry_heads.txt": _WORDS,
    "entity_industry_terms.tsv": LinesSpec((
        Column("term"), Column("articles tagging it"), Column("articles holding it"))),
    "entity_latin_generic.txt": _WORDS,
    "entity_industry_list_cues.txt": _WORDS,
    "entity_left_cues.tsv": LinesSpec((
        Column("cue"), Column("strength", "choice", ("strong", "opening", "weak", "place")))),
    "entity_name_finals.txt": _WORDS,
    "entity_national_zones.tsv": _NAMES,
    "entity_not_agency_endings.txt": _WORDS,
    "entity_person_followers.txt": _WORDS,
    "entity_person_titles.txt": _WORDS,
    "entity_person_roles.txt": _WORDS,
    "entity_regions.txt": _REGIONS,
    "entity_suffixes.tsv": LinesSpec((
        Column("suffix"), Column("type", "entity_type"),
        Column("strength", "choice", ("strong", "weak", "quoted", "titled", "city", "industry")),
        Column("note", optional=True))),
    "entity_surnames.txt": LinesSpec((Column("surnames"),)),
    "normalise_traditional_chars.txt": LinesSpec((Column("characters"),)),
}


# ---------------------------------------------------------------- loading

def rules_dir() -> Path | None:
    """The directory of replacement rule files (POLICYKG_RULES_DIR), if one is set."""
    value = os.environ.get(RULES_ENV, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise RuleFileError(path, None, "", f"{RULES_ENV} names no directory")
    return path


def rule_path(name: str) -> Path:
    """Where the rule file ``name`` is read from: the replacement directory if it has one."""
    if name not in JSON_TABLES and name not in LINE_FILES:
        raise RuleFileError(RULES_DIR / name, None, "", "no such rule file (the known ones are declared in ruledata.py)")
    override = rules_dir()
    if override is not None:
        _check_override_names(override)
        if (override / name).is_file():
            return override / name
    return RULES_DIR / name


def _check_override_names(directory: Path) -> None:
    """A file in the replacement directory that replaces nothing is a misspelt name."""
    known = set(JSON_TABLES) | set(LINE_FILES)
    for path in sorted(directory.iterdir()):
        if path.suffix in (".json", ".tsv", ".txt") and path.name not in known:
            raise RuleFileError(path, None, "", f"not a rule file of policykg; the rule files are "
                                                f"{', '.join(sorted(known))}")


def load_table(name: str) -> Any:
    """A JSON rule file as its typed table (``JSON_TABLES``)."""
    return _table(rule_path(name), name)


def load_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment (#) lines of a text or TSV rule file, checked (``LINE_FILES``)."""
    return _lines(rule_path(name), name)


@cache
def _table(path: Path, name: str) -> Any:
    return read_table(path, JSON_TABLES[name])


@cache
def _lines(path: Path, name: str) -> tuple[str, ...]:
    return read_lines(path, LINE_FILES[name])


def relation_cues() -> RelationCues:
    return load_table("relation_cues.json")


def measure_cues() -> MeasureCues:
    return load_table("measure_cues.json")


def reading() -> Reading:
    return load_table("reading.json")


def divisions() -> Divisions:
    return load_table("divisions.json")


def load_all() -> None:
    """Read and check every rule file now (the CLI does, before it reads any document)."""
    for name in JSON_TABLES:
        load_table(name)
    for name in LINE_FILES:
        load_lines(name)


def clear_cache() -> None:
    """Forget the files read, to read them again after they changed. (Files are cached by path,
    so a new POLICYKG_RULES_DIR is read anyway; but the extractors keep the patterns they
    compiled, so rules are chosen once per process, before the first extraction.)"""
    _table.cache_clear()
    _lines.cache_clear()

