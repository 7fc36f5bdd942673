"""Named SPARQL queries shipped with the package, and result formatting.

A query argument is SPARQL text, a path to a ``.rq`` file, or ``@name`` of a
file in ``policykg/graph/queries/``. Each file's first comment line is the
question it answers; a parameterised query declares ``# parameters: NAME`` and
holds ``{{NAME}}`` where the argument goes, always as an escaped string literal
(``@provenance 衡阳``).

A shipped query that can answer many rows on a corpus gives one page of them: its line
``LIMIT n OFFSET m }  # page`` (valid SPARQL for any server as it stands) holds the page, which
``resolve_query(..., limit=, offset=)`` (``policykg query --limit --offset``) changes. The page
is cut inside the query, before the columns are joined, so its cost does not grow with the store.

Formats: ``table`` (rich), ``csv`` (SPARQL 1.1 CSV: plain values), ``tsv``
(SPARQL 1.1 TSV: terms in N-Triples syntax), ``json`` (SPARQL 1.1 JSON results).
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from policykg.errors import QueryError
from policykg.graph import sparql_results
from policykg.graph.base import QueryResult
from policykg.graph.sparql_text import sparql_string  # noqa: F401 - parameters are bound as its literals

FORMATS = ("table", "csv", "tsv", "json")


# ---------------------------------------------------------------- named queries

_PARAMETERS_LINE = re.compile(r"^#\s*parameters:\s*(.*)$", re.MULTILINE | re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_PAGE = re.compile(r"LIMIT\s+(\d+)\s+OFFSET\s+(\d+)(?=[\s}]*#\s*page\b)", re.IGNORECASE)


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
        page = page_size(text)
        out[name] = first + (f" (arguments: {' '.join(params)})" if params else "") + \
            (f" [pages of {page:,} rows]" if page else "")
    return out


def page_size(sparql: str) -> int | None:
    """The rows of one page of a paged shipped query (its ``LIMIT n OFFSET m  # page`` line)."""
    page = page_of(sparql)
    return page[0] if page else None


def page_of(sparql: str) -> tuple[int, int] | None:
    """(limit, offset) of a paged shipped query's page, None for another query."""
    match = _PAGE.search(sparql)
    return (int(match.group(1)), int(match.group(2))) if match else None


def with_page(sparql: str, limit: int | None = None, offset: int | None = None, name: str = "query") -> str:
    """The query with its page line set to ``limit`` rows from ``offset`` (None keeps each)."""
    if limit is None and offset is None:
        return sparql
    if not _PAGE.search(sparql):
        raise QueryError(f"@{name} is not paged: --limit and --offset are for the paged shipped queries "
                         f"({', '.join('@' + n for n in paged_queries())}); write LIMIT/OFFSET in your own SPARQL")
    for value, what in ((limit, "limit"), (offset, "offset")):
        if value is not None and value < (1 if what == "limit" else 0):
            raise QueryError(f"--{what} must be {'positive' if what == 'limit' else 'zero or more'}, got {value}")

    def page(match: re.Match) -> str:
        return f"LIMIT {limit if limit is not None else match.group(1)} " \
               f"OFFSET {offset if offset is not None else match.group(2)}"

    return _PAGE.sub(page, sparql, count=1)


def paged_queries() -> list[str]:
    return sorted(n for n, f in _query_files().items() if page_size(f.read_text(encoding="utf-8")))


def query_parameters(sparql: str) -> list[str]:
    """The parameters a shipped query declares (``# parameters: NAME ...``), in order."""
    match = _PARAMETERS_LINE.search(sparql)
    return match.group(1).split() if match else []


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


def resolve_query(text: str, args: Sequence[str] = (), *, limit: int | None = None,
                  offset: int | None = None) -> str:
    """SPARQL text for a query argument: ``@name`` (with ``args`` for its parameters, or
    written in the same string: ``@provenance 衡阳``), a ``.rq`` file, or SPARQL text itself.
    ``limit`` and ``offset`` set the page of a paged shipped query."""
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
        return with_page(bind_parameters(sparql, list(args), name), limit, offset, name)
    if limit is not None or offset is not None:
        raise QueryError("--limit and --offset are for the paged shipped @queries; write LIMIT/OFFSET in your own SPARQL")
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
    if fmt == "table":
        return _table_text(result)
    media_type = {"csv": sparql_results.CSV, "tsv": sparql_results.TSV, "json": sparql_results.JSON}[fmt]
    return sparql_results.serialize(result, media_type).decode("utf-8")


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
    # force_jupyter=False: in a notebook rich would also display the table itself (printed twice)
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None, force_jupyter=False)
    console.print(results_table(result))
    return console.export_text()
