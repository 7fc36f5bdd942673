"""Reading and checking rule files: JSON into typed (dataclass) objects, text and TSV files into
checked lines. Knows nothing of any particular file (ruledata.py declares them).

A JSON table is a frozen dataclass whose field annotations say what each key holds:
``str``, ``int``, ``float``, ``bool``, ``Literal[...]``, ``X | None``, ``tuple[X, ...]``
(a JSON list), ``dict[str, X]``, a nested dataclass, or a string with a check attached by
``Annotated`` (a regex, an entity type, a relation name). Keys starting with ``_`` are
comments. A dataclass may define ``problems(self)``, yielding ``(field, reason)`` for what
only the whole object can tell (a group the pattern lacks, a type pair the relation forbids).

Every problem is a ``RuleFileError``: file, line, field (a JSON path such as
``cues[3].head.types[0]`` or a TSV column) and reason, on one line.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import types
import typing
from bisect import bisect_right
from dataclasses import dataclass
from json.decoder import scanstring
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Literal

from policykg import schema
from policykg.errors import RuleFileError

JsonPath = tuple[str | int, ...]


# ---------------------------------------------------------------- checks on strings

@dataclass(frozen=True)
class RegexCheck:
    """A Python regex. ``placeholders`` are replaced (by patterns of the same shape) before it is
    compiled; a ``{NAME}`` in capitals that is none of them is an error. ``groups``: named
    groups it must have."""

    placeholders: tuple[tuple[str, str], ...] = ()
    groups: tuple[str, ...] = ()

    def expand(self, pattern: str) -> str:
        for key, value in self.placeholders:
            pattern = pattern.replace(key, value)
        return pattern

    def check(self, value: str) -> str | None:
        unknown = [p for p in re.findall(r"\{[A-Z_]+\}", value) if p not in dict(self.placeholders)]
        if unknown:
            known = ", ".join(k for k, _ in self.placeholders) or "none"
            return f"unknown placeholder {unknown[0]} (known: {known})"
        try:
            compiled = re.compile(self.expand(value))
        except re.error as exc:
            return f"bad regex: {exc}"
        missing = [g for g in self.groups if g not in compiled.groupindex]
        if missing:
            return f"the regex has no group (?P<{missing[0]}>…)"
        return None


@dataclass(frozen=True)
class ChoiceCheck:
    """One of a set of names (entity types, relation names) kept elsewhere."""

    what: str
    choices: Callable[[], Iterable[str]]

    def check(self, value: str) -> str | None:
        choices = list(self.choices())
        if value in choices:
            return None
        return f"unknown {self.what} {value!r}{_did_you_mean(value, choices)} (known: {', '.join(choices)})"


REGEX = RegexCheck()
ENTITY_TYPE = ChoiceCheck("entity type", lambda: schema.ENTITY_TYPES)
RELATION = ChoiceCheck("relation", lambda: schema.RELATION_TYPES)

Regex = typing.Annotated[str, REGEX]
EntityType = typing.Annotated[str, ENTITY_TYPE]
RelationName = typing.Annotated[str, RELATION]


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


# ---------------------------------------------------------------- JSON with line numbers

class JsonFile:
    """A parsed JSON rule file that knows on which line each key and item stands."""

    def __init__(self, path: Path, text: str):
        self.path = path
        try:
            self.data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RuleFileError(path, exc.lineno, "", f"not valid JSON: {exc.msg} (column {exc.colno})") from None
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[JsonPath, int] = {}
        self._scan(text, 0, ())

    def error(self, path: JsonPath, reason: str) -> RuleFileError:
        return RuleFileError(self.path, self.line(path), format_path(path), reason)

    def line(self, path: JsonPath) -> int | None:
        """The line of the innermost known key or item on ``path``."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.lines:
                return self.lines[path[:n]]
        return None

    def _line_at(self, index: int) -> int:
        return bisect_right(self._newlines, index - 1) + 1

    def _skip(self, text: str, i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    def _scan(self, text: str, i: int, path: JsonPath) -> int:
        """Record the lines of the value at ``i`` and inside it; return where it ends (the text
        is valid JSON: json.loads read it). A key given twice is an error."""
        i = self._skip(text, i)
        self.lines.setdefault(path, self._line_at(i))
        if text[i] == "{":
            seen: set[str] = set()
            i = self._skip(text, i + 1)
            while text[i] != "}":
                key_line = self._line_at(i)
                key, i = scanstring(text, i + 1)
                if key in seen:
                    raise RuleFileError(self.path, key_line, format_path(path + (key,)), "key given twice")
                seen.add(key)
                self.lines[path + (key,)] = key_line
                i = self._skip(text, self._scan(text, self._skip(text, i) + 1, path + (key,)))
                if text[i] == ",":
                    i = self._skip(text, i + 1)
            return i + 1
        if text[i] == "[":
            n = 0
            i = self._skip(text, i + 1)
            while text[i] != "]":
                i = self._skip(text, self._scan(text, i, path + (n,)))
                n += 1
                if text[i] == ",":
                    i = self._skip(text, i + 1)
            return i + 1
        if text[i] == '"':
            return scanstring(text, i + 1)[1]
        return json.JSONDecoder().raw_decode(text, i)[1]


def format_path(path: JsonPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ---------------------------------------------------------------- JSON into typed objects

def read_table(path: Path, cls: type) -> Any:
    """The JSON rule file at ``path`` as an instance of the dataclass ``cls``, checked."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, None, "", f"cannot be read ({exc.__class__.__name__})") from None
    source = JsonFile(path, text)
    return _convert(source, source.data, cls, ())


def _convert(source: JsonFile, value: Any, hint: Any, path: JsonPath) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        base = _convert(source, value, args[0], path)
        for check in args[1:]:
            problem = check.check(base) if hasattr(check, "check") else None
            if problem:
                raise source.error(path, problem)
        return base
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        return _convert(source, value, rest[0], path)
    if origin is Literal:
        if value not in args:
            shown = ", ".join(repr(a) for a in args)
            close = _did_you_mean(value, [str(a) for a in args]) if isinstance(value, str) else ""
            raise source.error(path, f"{value!r} is none of {shown}{close}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise source.error(path, f"expected a list, got {_kind(value)}")
        return tuple(_convert(source, item, args[0], path + (n,)) for n, item in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise source.error(path, f"expected an object, got {_kind(value)}")
        return {_convert(source, k, args[0], path + (k,)): _convert(source, v, args[1], path + (k,))
                for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        return _convert_object(source, value, hint, path)
    return _convert_scalar(source, value, hint, path)


def _convert_scalar(source: JsonFile, value: Any, hint: Any, path: JsonPath) -> Any:
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif hint is str:
        ok = isinstance(value, str)
        if ok and not value.strip():
            raise source.error(path, "empty string")
    else:  # pragma: no cover - a table declared with a type this module does not read
        raise TypeError(f"unsupported rule field type {hint!r}")
    if not ok:
        raise source.error(path, f"expected {_WORDS[hint]}, got {_kind(value)}")
    return value


_WORDS = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _convert_object(source: JsonFile, value: Any, cls: type, path: JsonPath) -> Any:
    if not isinstance(value, dict):
        raise source.error(path, f"expected an object, got {_kind(value)}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    hints = typing.get_type_hints(cls, include_extras=True)
    for key in value:
        if not key.startswith("_") and key not in fields:
            known = f"known: {', '.join(fields)}" if len(fields) <= 12 else f"{len(fields)} known keys"
            raise source.error(path + (key,), f"unknown key{_did_you_mean(key, fields)} "
                                              f"({known}; comments start with _)")
    kwargs = {}
    for name, f in fields.items():
        if name in value:
            kwargs[name] = _convert(source, value[name], hints[name], path + (name,))
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise source.error(path, f"missing key {name!r}")
    obj = cls(**kwargs)
    for field, reason in getattr(obj, "problems", lambda: ())():
        raise source.error(path + parse_path(field), reason)
    return obj


def parse_path(field: str) -> JsonPath:
    """``head.types[0]`` -> ("head", "types", 0)."""
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        out.append(int(index) if index else name)
    return tuple(out)


# ---------------------------------------------------------------- text and TSV files

@dataclass(frozen=True)
class Column:
    """A TSV column: ``kind`` text | regex | yes_no | list (comma separated) | keywords
    (| separated) | choice (``choices``) | entity_type; ``optional``: may be missing or empty."""

    name: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class LinesSpec:
    """A text rule file: one entry a line (# comments), tab-separated into ``columns``;
    ``more``: any number of further columns of the last kind (short forms)."""

    columns: tuple[Column, ...]
    more: bool = False
    check: Callable[[str], str | None] | None = None  # a check of the whole line


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The non-empty, non-comment (#) lines of a text file, with their line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, None, "", f"cannot be read ({exc.__class__.__name__})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.rstrip("\n")


def read_lines(path: Path, spec: LinesSpec) -> tuple[str, ...]:
    """The entries of a text or TSV rule file, each line checked against ``spec``."""
    out = []
    for number, line in numbered_lines(path):
        problem = _line_problem(line, spec)
        if problem:
            raise RuleFileError(path, number, *problem)
        out.append(line)
    return tuple(out)


def _line_problem(line: str, spec: LinesSpec) -> tuple[str, str] | None:
    cells = line.split("\t")
    required = [c for c in spec.columns if not c.optional]
    names = " | ".join(c.name for c in spec.columns) + (" | …" if spec.more else "")
    if len(cells) < len(required):
        return spec.columns[len(cells)].name, f"missing column (expected: {names})"
    if len(cells) > len(spec.columns) and not spec.more:
        return "line", f"{len(cells)} tab-separated columns, expected {len(spec.columns)} ({names})"
    for n, cell in enumerate(cells):
        column = spec.columns[min(n, len(spec.columns) - 1)]
        problem = _cell_problem(cell, column)
        if problem:
            return column.name, problem
    if spec.check is not None:
        problem = spec.check(line)
        if problem:
            return "line", problem
    return None


def _cell_problem(cell: str, column: Column) -> str | None:
    if not cell.strip():
        return None if column.optional else "empty"
    if cell != cell.strip():
        return f"white space around {cell.strip()!r}"
    if column.kind == "regex":
        return RegexCheck(groups=column.groups).check(cell)
    if column.kind == "yes_no" and cell not in ("yes", "no"):
        return f"{cell!r} is neither yes nor no"
    if column.kind == "choice" and cell not in column.choices:
        return f"{cell!r} is none of {', '.join(column.choices)}{_did_you_mean(cell, column.choices)}"
    if column.kind == "entity_type":
        return ENTITY_TYPE.check(cell)
    if column.kind in ("list", "keywords"):
        parts = cell.split("," if column.kind == "list" else "|")
        if any(not p.strip() for p in parts):
            return f"an empty item in {cell!r}"
    return None
