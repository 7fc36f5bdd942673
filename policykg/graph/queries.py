"""Named SPARQL queries shipped with the package, and result formatting.

A query argument is SPARQL text, a path to a ``.rq`` file, or ``@name`` of a
file in ``policykg/graph/queries/``. Each file's first comment line is the
question it answers; a parameterised query declares ``# parameters: NAME`` and
holds ``{{NAME}}`` where the argument goes, always as an escaped string literal
(``@provenance 衡阳``).

Formats: ``table`` (rich), ``csv`` (SPARQL 1.1 CSV: plain values), ``tsv``
(SPARQL 1.1 TSV: terms in N-Triples syntax), ``json`` (SPARQL 1.1 JSON results).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from policykg.errors import QueryError
from policykg.graph.store import XSD_STRING, QueryResult, Term

FORMATS = ("table", "csv", "tsv", "json")
_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double")}


# ---------------------------------------------------------------- named queries

_PARAMETERS_LINE = re.compile(r"^#\s*parameters:\s*(.*)$", re.MULTILINE | re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# SPARQL's escape sequences (ECHAR) for the characters a string literal cannot hold as they are.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _query_files() -> dict[str, object]:
    folder = resources.files("policykg.graph").joinpath("queries")
    return {f.name[:-3]: f for f in folder.iterdir() if f.name.endswith(".rq")}


def named_queries() -> dict[str, str]:
    """@name -> one-line description (the question it answers), for help texts."""
    out = {}
    for name, file in sorted(_query_files().items()):
        text = file.read_text(encoding="utf-8")
        first = text.splitlines()[0].lstrip("#").strip()
        params = query_parameters(text)
        out[name] = first + (f" (arguments: {' '.join(params)})" if params else "")
    return out


def query_parameters(sparql: str) -> list[str]:
    """The parameters a shipped query declares (``# parameters: NAME ...``), in order."""
    match = _PARAMETERS_LINE.search(sparql)
    return match.group(1).split() if match else []


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: quotes, backslashes and line breaks escaped,
    so whatever it holds stays one literal."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in value) + '"'


def bind_parameters(sparql: str, args: Sequence[str], name: str = "query") -> str:
    """Put each argument, as an escaped string literal, where the query has {{PARAM}}."""
    params = query_parameters(sparql)
    if len(args) != len(params):
        wanted = " ".join(params) if params else "no arguments"
        raise QueryError(f"@{name} takes {len(params)} argument(s) ({wanted}), got {len(args)}")
    values = dict(zip(params, args))

    def literal(match: re.Match) -> str:
        if match.group(1) not in values:
            raise QueryError(f"@{name} uses an undeclared parameter {match.group(1)}")
        return sparql_string(values[match.group(1)])

    return _PLACEHOLDER.sub(literal, sparql)  # one pass: an argument is never substituted into


def resolve_query(text: str, args: Sequence[str] = ()) -> str:
    """SPARQL text for a query argument: ``@name`` (with ``args`` for its parameters, or
    written in the same string: ``@provenance 衡阳``), a ``.rq`` file, or SPARQL text itself."""
    stripped = text.strip()
    if stripped.startswith("@"):
        name, _, rest = stripped[1:].partition(" ")
        files = _query_files()
        if name not in files:
            known = ", ".join("@" + n for n in sorted(files))
            raise QueryError(f"unknown query @{name}; known queries: {known}")
        sparql = files[name].read_text(encoding="utf-8")
        if rest.strip():
            inline = [rest.strip()] if len(query_parameters(sparql)) == 1 else rest.split()
            args = [*inline, *args]
        return bind_parameters(sparql, list(args), name)
    if args:
        raise QueryError("arguments are only for parameterised @queries")
    if "\n" not in stripped and (stripped.endswith(".rq") or _is_file(stripped)):
        path = Path(stripped)
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {path}: {exc.__class__.__name__}") from None
    if not stripped:
        raise QueryError("empty query")
    return text


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # e.g. a name too long for the file system
        return False


# ---------------------------------------------------------------- formatting

def format_results(result: QueryResult, fmt: str = "table") -> str:
    """The result as text in one of FORMATS."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return {"table": _table_text, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](result)


def results_table(result: QueryResult) -> Table:
    """A rich table of the result (what ``format_results(..., 'table')`` renders)."""
    if result.boolean is not None:
        table = Table("ask")
        table.add_row(str(result.boolean).lower())
        return table
    caption = f"{len(result)} rows" + (" (truncated)" if result.truncated else "")
    table = Table(*result.variables, caption=caption)
    for row in result.values():
        # Text: names are not markup; line breaks (PDF text) become spaces in a cell
        table.add_row(*(Text("" if v is None else " ".join(v.split())) for v in row))
    return table


def _table_text(result: QueryResult) -> str:
    width = max(100, shutil.get_terminal_size((120, 24)).columns)
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(results_table(result))
    return console.export_text()


def _rows_or_boolean(result: QueryResult) -> tuple[list[str], list[tuple[str, ...]]]:
    if result.boolean is not None:
        return ["ask"], [(str(result.boolean).lower(),)]
    return result.variables, [tuple("" if v is None else v for v in row) for row in result.values()]


def _csv(result: QueryResult) -> str:
    header, rows = _rows_or_boolean(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.boolean is not None:
        return "?ask\n" + str(result.boolean).lower() + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _ntriples(t) for t in row))
    return "\n".join(lines) + "\n"


def _ntriples(term: Term) -> str:
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple":
        return f"<< {term.value} >>"
    if term.datatype in _NUMERIC:
        return term.value
    escaped = (term.value.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    if term.lang:
        return f'"{escaped}"@{term.lang}'
    if term.datatype and term.datatype != XSD_STRING:
        return f'"{escaped}"^^<{term.datatype}>'
    return f'"{escaped}"'


def _json_term(term: Term) -> dict[str, str]:
    kind = {"uri": "uri", "bnode": "bnode", "literal": "literal", "triple": "triple"}[term.kind]
    out = {"type": kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype and term.datatype != XSD_STRING:
        out["datatype"] = term.datatype
    return out


def _json(result: QueryResult) -> str:
    if result.boolean is not None:
        doc: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{var: _json_term(t) for var, t in zip(result.variables, row) if t is not None}
                    for row in result.rows]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
