"""Literal pre-checks for regexes: which strings a text must contain for a pattern to match in it.

The cue tables' patterns mostly open with a lazy region (``(?P<head>[^，。；]*?)纳入…``), which
the regex engine tries from every position of a sentence, while under 1% of the sentences
contain the cue's word at all. ``required_literals`` reads a compiled pattern's syntax tree and
returns sets of literal strings such that every match lies in a text containing at least one
string of each set (a conjunction of alternatives: ``[{"纳入"}]``, ``[{"获评", "荣获", …}]``);
a text without them cannot match, so the pattern need not run there. ``LiteralFilter`` checks
many patterns' requirements against one text, each distinct literal once.

The analysis is conservative: a construct it does not read (a back-reference, case-insensitive
matching, a syntax of another Python version) requires nothing, so the pattern always runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

try:  # the regex syntax tree of the standard library (Python 3.11+; sre_parse before)
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_EXACT_LIMIT = 64  # the most strings a sub-pattern may spell before it counts as open


@dataclass(frozen=True)
class _Info:
    """What a sub-pattern matches: ``exact``, all the strings it can match (None: too many or
    unbounded); ``required``, sets of strings every match contains one of each of."""

    exact: frozenset[str] | None
    required: tuple[frozenset[str], ...] = ()


_OPEN = _Info(None)
_EMPTY = _Info(frozenset({""}))
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def required_literals(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of strings such that a text any match of ``pattern`` lies in contains one string
    of each set; () when the pattern cannot be read (it then needs no literal)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    try:
        info = _sequence(_p.parse(pattern.pattern, pattern.flags))
    except _Unreadable:
        return ()
    except Exception:  # noqa: BLE001 - a syntax tree of another shape: no pre-check, never wrong
        return ()
    return _useful(_with_exact(info))


class _Unreadable(Exception):
    """A construct the analysis does not follow (it then requires nothing)."""


def _with_exact(info: _Info) -> tuple[frozenset[str], ...]:
    sets = list(info.required)
    if info.exact is not None:
        sets.append(info.exact)
    return tuple(sets)


def _useful(sets: Iterable[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """Drop sets that any text satisfies (one holding the empty string), repeats, and
    supersets of another (a text holding one of T holds one of any S above T)."""
    out: list[frozenset[str]] = []
    for s in sets:
        if s and "" not in s and s not in out:
            out.append(s)
    return tuple(s for s in out if not any(t < s for t in out))  # a superset says no more


def _sequence(items: Iterable[tuple[object, object]]) -> _Info:
    """A concatenation: exact strings multiply while they stay few; every part's requirement
    holds for the whole."""
    required: list[frozenset[str]] = []
    product: frozenset[str] | None = frozenset({""})
    exact_whole = True
    for op, av in items:
        info = _node(op, av)
        required.extend(info.required)
        if info.exact is not None and product is not None and len(product) * len(info.exact) <= _EXACT_LIMIT:
            product = frozenset(a + b for a in product for b in info.exact)
            continue
        exact_whole = False
        if product is not None:
            required.append(product)
        product = info.exact if info.exact is not None else frozenset({""})
    if exact_whole:
        return _Info(product, _useful(required))
    return _Info(None, _useful([*required, product]))


def _node(op: object, av: object) -> _Info:
    if op is _c.LITERAL:
        return _Info(frozenset({chr(av)}))  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return _EMPTY  # zero-width: no characters of the match
    if op is _c.IN:
        return _char_class(av)  # type: ignore[arg-type]
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av  # type: ignore[misc]
        if add_flags & re.IGNORECASE:
            raise _Unreadable
        return _sequence(sub)
    if op is _c.BRANCH:
        return _branch(av[1])  # type: ignore[index]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        return _repeat(*av)  # type: ignore[misc]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av)  # type: ignore[arg-type]
    if op in (_c.GROUPREF, _c.GROUPREF_EXISTS, getattr(_c, "GROUPREF_IGNORE", None)):
        raise _Unreadable  # what a back-reference or conditional matches depends on the text
    return _OPEN  # ANY, NOT_LITERAL, CATEGORY…: some character, no literal


def _char_class(items: list[tuple[object, object]]) -> _Info:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))  # type: ignore[arg-type]
        elif op is _c.RANGE and av[1] - av[0] < _EXACT_LIMIT:  # type: ignore[index, operator]
            chars.update(chr(c) for c in range(av[0], av[1] + 1))  # type: ignore[index]
        else:  # NEGATE, CATEGORY (\d, \s…), a wide range
            return _OPEN
    return _Info(frozenset(chars)) if len(chars) <= _EXACT_LIMIT else _OPEN


def _branch(alternatives: list) -> _Info:
    """An alternation: its exact strings are the union of the alternatives'; what it requires,
    (A1 and A2) or B = (A1 or B) and (A2 or B): a union of one requirement of each alternative,
    for each way of choosing them (while they are few; else the most selective of each), none
    if one alternative requires nothing."""
    infos = [_sequence(a) for a in alternatives]
    if all(i.exact is not None for i in infos):
        union = frozenset().union(*(i.exact for i in infos))  # type: ignore[misc]
        if len(union) <= _EXACT_LIMIT:
            return _Info(union)
    choices = [_useful(_with_exact(i)) for i in infos]
    if not all(choices):
        return _OPEN
    combinations = [frozenset()]
    for sets in choices:
        if len(combinations) * len(sets) > _EXACT_LIMIT:
            sets = (_best(sets),)  # type: ignore[assignment]
        combinations = [c | s for c in combinations for s in sets]
    return _Info(None, _useful(combinations))


def _repeat(low: int, high: int, sub: list) -> _Info:
    info = _sequence(sub)
    if low == high == 1:
        return info
    if low == 0 and high == 1 and info.exact is not None:
        return _Info(info.exact | {""})
    if low == 0:
        return _EMPTY if info.exact == frozenset({""}) else _Info(None)
    return _Info(None, _with_exact(info))  # one or more: each match holds one copy at least


def _best(sets: tuple[frozenset[str], ...]) -> frozenset[str] | None:
    """The most selective of a conjunction's sets: the longest shortest string, then the fewest."""
    usable = _useful(sets)
    if not usable:
        return None
    return max(usable, key=lambda s: (min(map(len, s)), -len(s)))


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """The same condition with fewer strings: a text holding 牵头建设 holds 牵头."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def literal_check(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test of whether ``pattern`` may match in a text (False: it cannot), cheaper than the
    pattern: a requirement of single characters is one set intersection."""
    sets = sorted((_minimal(s) for s in required_literals(pattern)), key=_selectivity)
    chars = [s for s in sets if all(len(lit) == 1 for lit in s)]
    strings = [s for s in sets if s not in chars]

    def may_match(text: str) -> bool:
        for s in chars:
            if s.isdisjoint(text):
                return False
        for s in strings:
            if not any(lit in text for lit in s):
                return False
        return True
    return may_match


class LiteralFilter:
    """The literal requirements of several patterns, checked against one text at a time:
    ``candidates(text)`` are the indices of the patterns that may match in it, in order. Each
    pattern keeps its ``keep`` most selective requirements (a weaker pre-check is still a
    necessary one). A text is read once: the literals are looked up only where their first
    character occurs in it; each requirement is a bit that any of its literals sets, and only
    the patterns whose most selective requirement is met (their anchor) are tested further."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], keep: int = 8):
        requirements = [sorted((_minimal(s) for s in required_literals(p)), key=_selectivity)[:keep]
                        for p in patterns]
        bits: dict[str, int] = {}  # literal -> the requirements it meets
        anchors: dict[str, set[int]] = {}  # literal -> the patterns whose anchor it meets
        self.masks: list[int] = []  # pattern -> the bits of all its requirements
        self.always: set[int] = set()  # patterns that need no literal
        bit = 0
        for i, sets in enumerate(requirements):
            mask = 0
            for strings in sets:
                for lit in strings:
                    bits[lit] = bits.get(lit, 0) | 1 << bit
                    if strings is sets[0]:
                        anchors.setdefault(lit, set()).add(i)
                mask |= 1 << bit
                bit += 1
            self.masks.append(mask)
            if not sets:
                self.always.add(i)
        self.by_first: dict[str, list[tuple[str, int, frozenset[int]]]] = {}
        for lit in sorted(bits):
            self.by_first.setdefault(lit[0], []).append((lit, bits[lit], frozenset(anchors.get(lit, ()))))
        self.first_chars = frozenset(self.by_first)

    def candidates(self, text: str) -> list[int]:
        met, anchored = 0, set(self.always)
        for char in self.first_chars.intersection(text):
            for lit, bits, anchors in self.by_first[char]:
                if len(lit) == 1 or lit in text:
                    met |= bits
                    anchored |= anchors
        masks = self.masks
        return [i for i in sorted(anchored) if masks[i] & met == masks[i]]


def _selectivity(strings: frozenset[str]) -> tuple[int, int]:
    """Sort key, most selective first: one with strings of two characters or more, then the
    fewest strings (fewer to look up)."""
    return -min(2, min(map(len, strings))), len(strings)
