"""Named SPARQL queries shipped with the package, and result formatting.

A query argument is SPARQL text, a path to a ``.rq`` file, or ``@name`` of a
file in ``policykg/graph/queries/`` (its first comment line describes it).

Formats: ``table`` (rich), ``csv`` (SPARQL 1.1 CSV: plain values), ``tsv``
(SPARQL 1.1 TSV: terms in N-Triples syntax), ``json`` (SPARQL 1.1 JSON results).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
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

def _query_files() -> dict[str, object]:
    folder = resources.files("policykg.graph").joinpath("queries")
    return {f.name[:-3]: f for f in folder.iterdir() if f.name.endswith(".rq")}


def named_queries() -> dict[str, str]:
    """@name -> one-line description, for help texts."""
    out = {}
    for name, file in sorted(_query_files().items()):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        out[name] = first.lstrip("#").strip()
    return out


def resolve_query(arg: str) -> str:
    """SPARQL text for a query argument: ``@name``, a ``.rq`` file, or SPARQL text itself."""
    text = arg.strip()
    if text.startswith("@"):
        files = _query_files()
        name = text[1:]
        if name not in files:
            known = ", ".join("@" + n for n in sorted(files))
            raise QueryError(f"unknown query @{name}; known queries: {known}")
        return files[name].read_text(encoding="utf-8")
    if "\n" not in text and (text.endswith(".rq") or _is_file(text)):
        path = Path(text)
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {path}: {exc.__class__.__name__}") from None
    if not text:
        raise QueryError("empty query")
    return arg


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
        table.add_row(*(Text("" if v is None else v) for v in row))  # Text: names are not markup
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
