"""What every command shares: the typer app, the consoles, one-line errors, batch helpers."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from policykg import jsontext
from policykg.errors import PolicyKGError, RuleFileError
from policykg.logs import VERBOSE_ENV, set_verbose

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


@app.callback()
def _global_options(verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", envvar=VERBOSE_ENV, show_envvar=False,
        help="Also show the warnings of the libraries policykg uses (pdfminer's about a PDF's "
             "text layer), hidden by default; or set POLICYKG_VERBOSE=1.")] = False) -> None:
    set_verbose(verbose)

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


WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, show_default=False,
    help="Extract in this many worker processes, each loading the pipeline once "
         "(default: the number of cores, or $POLICYKG_WORKERS; 1 for a batch under 512 KB).")]
DEFAULT_DOCUMENT_TIMEOUT = 120.0
TimeoutOption = Annotated[float, typer.Option(
    "--timeout", min=0.001, metavar="SECONDS",
    help="Time budget of one document (reading and extraction): a document over it is one error "
         "line naming the file, and the batch goes on (not applied on a Dask cluster).")]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", metavar="ADDRESS",
    help="Extract on a Dask distributed cluster instead: the scheduler's address, "
         "tcp://host:8786 (needs policykg[dask] here and on the workers).")]


def document_jobs(paths: list[Path], date: str | None = None, manifest: Path | None = None,
                  timeout: float | None = None) -> list[Any]:
    """A job (policykg.extract.parallel.Job) per readable-looking document under ``paths``.
    date (``--date``) and the manifest's entries are given to every document / the listed
    ones, and ``timeout`` is each document's time budget; a bad date or manifest raises InputError before any file is read; unsupported files
    are skipped with a warning; the rule files are checked first (exit code 2)."""
    check_rules()
    from policykg.extract.manifest import load_manifest
    from policykg.extract.metadata import checked_date
    from policykg.extract.parallel import Job
    from policykg.extract.readers import iter_input_files

    date = checked_date(date, "--date") if date is not None else None
    listing = load_manifest(manifest) if manifest is not None else None
    files, skipped = iter_input_files(paths)
    for note in skipped:
        err.print(f"[yellow]warning:[/yellow] {note}", highlight=False, soft_wrap=True)
    files = list({p.resolve(): p for p in reversed(files)}.values())[::-1]  # a file named twice: once
    jobs = []
    for path, doc_id in zip(files, unique_ids(files, paths)):
        entry = listing.get(path) if listing is not None else None
        given: dict[str, Any] = {"title": entry.title, "city": entry.city} if entry else {}
        if date or (entry and entry.date):
            given |= {"date": date or entry.date, "date_source": "option" if date else "manifest"}
        jobs.append(Job(str(path), given, doc_id=doc_id, timeout=timeout))
    return jobs


def unique_ids(files: list[Path], roots: list[Path]) -> list[str]:
    """A document id per file, unique within the batch. A file keeps the id its name gives
    (metadata.document_id: the stem, or the folder of an article.txt); a later file whose name
    gives an id already taken (report.txt in two folders) gets that id and a short hash of its
    path relative to the input folder it was found in, the same in every build of that folder."""
    import hashlib

    from policykg.extract.metadata import document_id

    def hashed(doc_id: str, path: str) -> str:
        return f"{doc_id}-{hashlib.sha256(path.encode('utf-8')).hexdigest()[:8]}"

    folders = [r.resolve() for r in roots if r.is_dir()]
    taken: set[str] = set()
    ids = []
    for path in files:
        doc_id = document_id(path)
        if doc_id in taken:
            full = path.resolve()
            root = next((f for f in folders if full.is_relative_to(f)), full.parent)
            unique = hashed(doc_id, full.relative_to(root).as_posix())
            # files named one by one have no folder in common: their full paths tell them apart
            doc_id = unique if unique not in taken else hashed(doc_id, full.as_posix())
        taken.add(doc_id)
        ids.append(doc_id)
    return ids


SMALL_BATCH_BYTES = 512 * 1024  # below this, starting workers costs more than it saves


def worker_count(workers: int | None, jobs: list[Any]) -> int:
    """--workers, else $POLICYKG_WORKERS, else the cores (but 1 for a batch too small to repay
    starting the workers: under SMALL_BATCH_BYTES of files); never more than the documents."""
    import os

    from policykg.extract.parallel import default_workers

    if workers is None:
        env = os.environ.get("POLICYKG_WORKERS", "").strip()
        if env.isdigit() and int(env) > 0:
            workers = int(env)
        else:
            workers = default_workers() if _batch_bytes(jobs) >= SMALL_BATCH_BYTES else 1
    return max(1, min(workers, len(jobs)))


def _batch_bytes(jobs: list[Any]) -> int:
    total = 0
    for job in jobs:
        try:
            total += Path(job.path).stat().st_size
        except OSError:
            pass
        if total >= SMALL_BATCH_BYTES:
            break
    return total


def starting(jobs: list[Any], workers: int | None, scheduler: str | None) -> str:
    """What the progress says before the first document is done."""
    if scheduler:
        return f"sending {len(jobs)} document(s) to the Dask cluster at {scheduler} …"
    n = worker_count(workers, jobs)
    return f"starting {n} worker processes (each loads the pipeline) …" if n > 1 else "loading the pipeline …"


def run_jobs(jobs: list[Any], workers: int | None, scheduler: str | None, bar: Any,
             failures: list[str]) -> Iterator[Any]:
    """The extractions of ``jobs`` (Outcomes, in order) as they are done; a failed document is
    one line on stderr (and in ``failures``) and is not yielded."""
    from policykg.extract.parallel import extract_jobs

    for outcome in extract_jobs(jobs, worker_count(workers, jobs), scheduler):
        bar.extracted(outcome)
        for note in outcome.warnings:
            err.print(f"[yellow]warning:[/yellow] {note}", highlight=False, soft_wrap=True)
        if outcome.error:
            record(failures, outcome.error)
        else:
            yield outcome


def report_failures(failures: list[str], total: int) -> None:
    if failures:
        err.print(f"[red]{len(failures)} of {total} file(s) failed:[/red]", highlight=False)
        for line in failures:
            err.print(f"  {line}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


def write_json(data: Any, dest: Path | None) -> None:
    text = jsontext.dumps(data)  # json.dumps(data, ensure_ascii=False, indent=2), faster
    if dest is None:
        sys.stdout.write(text + "\n")
    else:
        from policykg.files import write_text_atomic

        write_text_atomic(dest, text + "\n")  # a kill mid-write leaves the old file whole

_SINGULAR = {"entities": "entity", "relations": "relation"}


def print_summary(summary: dict[str, Any], title: str) -> None:
    table = Table(title=title, show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for section in ("entities", "relations"):
        for name, count in sorted(summary.get(section, {}).items()):
            table.add_row(f"{_SINGULAR[section]} {name}", str(count))
    for kind, count in sorted(summary.get("measures", {}).items()):
        table.add_row(f"measure {kind}", str(count))
    for key in ("documents", "triples"):
        if key in summary:
            table.add_row(key, str(summary[key]))
    out.print(table)




def open_store(location: str, *, write: bool = False) -> Any:
    """The store at ``location`` (a directory or a SPARQL server URL): read-only unless ``write``."""
    from policykg.graph.stores import open_store as open_graph_store

    return open_graph_store(location, create=write)
