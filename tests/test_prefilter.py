"""The literal pre-check of cue regexes (policykg.extract.prefilter): it must never skip a
pattern that would match, and it must skip most (period, cue) pairs, which is what makes
relations fast (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policykg.extract import measures, relations
from policykg.extract.context import build_context
from policykg.extract.document import read_document
from policykg.extract.entities import find_entities
from policykg.extract.cues import periods
from policykg.extract.prefilter import LiteralFilter, literal_check, required_literals
from tests.fixtures.shared import CORPUS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "policykg" / "data" / "samples" / "hengyang-2017.txt"
EVAL = ROOT / "eval"


def requirement(pattern: str) -> list[set[str]]:
    return [set(s) for s in required_literals(re.compile(pattern))]


def test_required_literals_of_cue_shapes():
    assert requirement(r"(?P<head>[^，。；：]*?)(?:成功)?入选(?P<tail>[^，。；]*)") == [{"入选", "成功入选"}]
    # a requirement of each part of a sequence; an optional part requires nothing
    assert requirement(r"对(?P<tail>[^。；]*?)进行(?:规划|改造)?") == [{"对"}, {"进行", "进行规划", "进行改造"}]
    # an alternation requires one of its alternatives' literals, unless one alternative needs none
    assert requirement(r"(?:甲[^，]+|乙\d+)丙") == [{"甲", "乙"}, {"丙"}]
    assert requirement(r"(?:甲[^，]+|\d+)丙") == [{"丙"}]
    assert requirement(r"(?i)abc") == []  # case-insensitive: not read, always run
    assert requirement(r"(甲)乙\1") == []  # a back-reference: not read
    assert requirement(r"[^，]*") == []


def periods_of(path: Path) -> list[str]:
    """The masked periods relations runs its cues over."""
    document = read_document(path)
    context = build_context(document, find_entities(document))
    extractor = relations._Extractor(context)
    return [extractor.mask(p).text for p in context.periods]


def articles() -> list[Path]:
    """The sample, the evaluation articles of the repository and the annotated shared corpus."""
    found = [SAMPLE, *sorted(EVAL.glob("*/*/article.txt"))]
    return found + sorted(CORPUS.glob("*/article.txt")) if CORPUS.is_dir() else found


@pytest.mark.parametrize("path", articles(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}" if p != SAMPLE else "sample")
def test_pre_check_skips_no_match(path: Path):
    """Every cue and context pattern finds the same matches with and without the pre-check."""
    for table, literals in ((relations._cues(), relations._cue_filter()),
                            (relations._contexts(), relations._context_filter())):
        patterns = [pattern for _, pattern in table]
        run = skipped = 0
        for text in periods_of(path):
            candidates = set(literals.candidates(text))
            for i, pattern in enumerate(patterns):
                if i in candidates:
                    run += 1
                else:
                    skipped += 1
                    assert pattern.search(text) is None, (pattern.pattern, text)
        if table is relations._cues():
            assert skipped > 3 * run  # the point of it: most cues skip most periods


def test_filter_keeps_pattern_order():
    literals = LiteralFilter([re.compile("乙"), re.compile("甲"), re.compile("(?:甲|乙)丙")])
    assert literals.candidates("甲乙丙") == [0, 1, 2]
    assert literals.candidates("甲丁") == [1]


def test_literal_check():
    check = literal_check(re.compile(r"(?:[0-9]+|[一二三]+)(?:万|亿)?元"))
    assert check("投资3亿元") and check("三亿元")
    assert not check("投资数亿元") and not check("增长3%")


@pytest.mark.parametrize("path", articles(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}" if p != SAMPLE else "sample")
def test_number_pre_check_skips_no_figure(path: Path):
    """Measures skip the number pattern on a clause only where it finds nothing."""
    document = read_document(path)
    pattern, check = measures._number_pattern(), measures._may_hold_figure()
    clauses = [document.text[a:b] for period in periods(document) for a, b in period.clauses]
    skipped = [c for c in clauses if not check(c)]
    assert all(pattern.search(c) is None for c in skipped)


def test_the_pre_checks_skip_most_clauses_of_the_annotated_articles_together():
    """The point of the pre-checks: over all the test articles, many clauses hold no figure and
    most name no time (a statistical bulletin alone may have a figure in almost every clause)."""
    documents = [read_document(path) for path in articles()]
    clauses = [d.text[a:b] for d in documents for period in periods(d) for a, b in period.clauses]
    assert sum(not measures._may_hold_figure()(c) for c in clauses) > len(clauses) / 4
    assert sum(not measures._may_name_time(c) for c in clauses) > len(clauses) / 2


@pytest.mark.parametrize("path", articles(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}" if p != SAMPLE else "sample")
def test_time_pre_check_changes_no_clause_year(path: Path, monkeypatch: pytest.MonkeyPatch):
    """A clause's year reads the same with and without the pre-check of its time words, in a
    dated and an undated document."""
    document = read_document(path)
    clauses = [document.text[a:b] for period in periods(document) for a, b in period.clauses]
    cases = [(2022, 2021, 2020, None), (None, None, None, 2021)]
    checked = [measures._clause_year(c, *case) for c in clauses for case in cases]
    monkeypatch.setattr(measures, "_may_name_time", lambda clause: True)
    assert [measures._clause_year(c, *case) for c in clauses for case in cases] == checked
