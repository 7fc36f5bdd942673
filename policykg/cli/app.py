"""What every command shares: the typer app, the consoles, one-line errors, batch helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from policykg.errors import PolicyKGError, RuleFileError

app = typer.Typer(
    help="Turn Chinese industrial-policy articles into a knowledge graph: extract entities, "
         "relations and measures, store them as RDF, query with SPARQL, view and export.\n\n"
         "Start with:  policykg demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

DEFAULT_STORE = "policykg-store"
StoreOption = Annotated[str, typer.Option(
    "--store", help="Store directory, or a SPARQL server URL: http://host:7878 (Oxigraph), "
                    "fuseki+http://host:3030/DATASET, graphdb+http://host:7200/repositories/REPO.")]


DateOption = Annotated[str | None, typer.Option(
    "--date", help="Publication date of the documents (YYYY-MM-DD); it comes before a manifest's, "
                   "an HTML meta tag's, a PDF's metadata and the text's own dateline.")]
ManifestOption = Annotated[Path | None, typer.Option(
    "--manifest", help="CSV with the columns path,date[,title,city] (paths relative to it): "
                       "each listed file's date, title and city instead of what its text says.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def attempt(action: Callable[[], Any], failures: list[str], source: str | None = None) -> bool:
    """Run one unit of a batch: a PolicyKGError is recorded, and the batch goes on."""
    try:
        action()
        return True
    except PolicyKGError as exc:
        record(failures, f"{source}: {getattr(exc, 'reason', exc)}" if source else str(exc))
        return False


def record(failures: list[str], message: str) -> None:
    failures.append(message)
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)


# --- extraction over many inputs ---------------------------------------------------------

RULES_EXIT = 2  # a malformed rule file: the command cannot run at all


def check_rules() -> None:
    """Read and check every rule file (those of POLICYKG_RULES_DIR replacing the packaged ones)
    before any document: a malformed one stops the command with one line, exit code 2."""
    try:
        from policykg.extract.ruledata import load_all

        load_all()
    except RuleFileError as exc:
        raise fail(str(exc), RULES_EXIT) from None


def extract_all(paths: list[Path], date: str | None = None,
                manifest: Path | None = None) -> tuple[list[Any], list[str]]:
    """Extract every readable document under ``paths``; return extractions and failure lines.
    date (``--date``) and the manifest's entries are given to every document / the listed
    ones; a bad date or manifest raises InputError before any file is read."""
    check_rules()
    from policykg.extract.document import read_document
    from policykg.extract.manifest import load_manifest
    from policykg.extract.metadata import checked_date
    from policykg.extract.pipeline import extract_document
    from policykg.extract.readers import iter_input_files

    date = checked_date(date, "--date") if date is not None else None
    listing = load_manifest(manifest) if manifest is not None else None
    files, skipped = iter_input_files(paths)
    for note in skipped:
        err.print(f"[yellow]warning:[/yellow] {note}", highlight=False, soft_wrap=True)
    extractions, failures = [], []
    for path in progress(files, "extracting"):
        try:
            entry = listing.get(path) if listing is not None else None
            given = {"title": entry.title, "city": entry.city} if entry else {}
            if date or (entry and entry.date):
                given |= {"date": date or entry.date, "date_source": "option" if date else "manifest"}
            extractions.append(extract_document(read_document(path, **given)))
        except PolicyKGError as exc:
            record(failures, str(exc))
    return extractions, failures


def progress(items: list[Path], label: str) -> Iterator[Path]:
    """Show a progress bar on stderr when there is more than a handful of files."""
    if len(items) <= 3 or not err.is_terminal:
        yield from items
        return
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)


def report_failures(failures: list[str], total: int) -> None:
    if failures:
        err.print(f"[red]{len(failures)} of {total} file(s) failed:[/red]", highlight=False)
        for line in failures:
            err.print(f"  {line}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


def write_json(data: Any, dest: Path | None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if dest is None:
        sys.stdout.write(text + "\n")
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text + "\n", encoding="utf-8")

def print_summary(summary: dict[str, Any], title: str) -> None:
    table = Table(title=title, show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for section in ("entities", "relations"):
        for name, count in sorted(summary.get(section, {}).items()):
            table.add_row(f"{section[:-1]} {name}", str(count))
    for kind, count in sorted(summary.get("measures", {}).items()):
        table.add_row(f"measure {kind}", str(count))
    for key in ("documents", "triples"):
        if key in summary:
            table.add_row(key, str(summary[key]))
    out.print(table)




def open_store(location: str, *, write: bool = False) -> Any:
    """The store at ``location`` (a directory or a SPARQL server URL): read-only unless ``write``."""
    from policykg.graph.store import open_store as open_graph_store

    return open_graph_store(location, create=write)
