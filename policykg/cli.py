"""The ``policykg`` command line: wires each command to the package that does the work.

Every user-facing failure is a ``PolicyKGError`` and becomes one line on stderr
with a non-zero exit code; nothing here should print a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from policykg.errors import PolicyKGError

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

DEFAULT_STORE = Path("policykg-store")
StoreOption = Annotated[Path, typer.Option("--store", help="Store directory.")]


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ExportFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    xml = "xml"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


# --- extraction over many inputs ---------------------------------------------------------

def _extract_all(paths: list[Path]) -> tuple[list[Any], list[str]]:
    """Extract every readable document under ``paths``; return extractions and failure lines."""
    from policykg.extract.pipeline import extract_document
    from policykg.extract.readers import iter_input_files
    from policykg.extract.document import read_document

    files, skipped = iter_input_files(paths)
    for note in skipped:
        err.print(f"[yellow]warning:[/yellow] {note}", highlight=False, soft_wrap=True)
    extractions, failures = [], []
    for path in _progress(files, "extracting"):
        try:
            extractions.append(extract_document(read_document(path)))
        except PolicyKGError as exc:
            _record(failures, str(exc))
    return extractions, failures


def _progress(items: list[Path], label: str) -> Iterator[Path]:
    """Show a progress bar on stderr when there is more than a handful of files."""
    if len(items) <= 3 or not err.is_terminal:
        yield from items
        return
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task(label, total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def _report_failures(failures: list[str], total: int) -> None:
    if failures:
        err.print(f"[red]{len(failures)} of {total} file(s) failed:[/red]", highlight=False)
        for line in failures:
            err.print(f"  {line}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


def _write_json(data: Any, dest: Path | None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if dest is None:
        sys.stdout.write(text + "\n")
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text + "\n", encoding="utf-8")


# --- commands ------------------------------------------------------------------------------

@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .pdf, .html) or directories.")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON here instead of stdout.")] = None,
) -> None:
    """Extract entities, relations and measures as JSON (one object per document, an array for several).

    Example:  policykg extract article.txt --json article.json
    """
    try:
        extractions, failures = _extract_all(paths)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if extractions:
        dicts = [x.to_dict() for x in extractions]
        _write_json(dicts[0] if len(dicts) == 1 and len(paths) == 1 and paths[0].is_file() else dicts,
                    json_out)
    _report_failures(failures, len(extractions) + len(failures))
    if not extractions:
        raise fail("no document could be read")


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(
        help="Documents (.txt, .pdf, .html) or directories to extract; extraction .json files "
             "written by `policykg extract`; RDF files (.ttl, .nt, .nq, .trig, .jsonld, .rdf) to merge.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Extract documents, map them to RDF and load them into the store; print a summary.

    Re-building a document replaces its graph, so a build can be repeated safely.

    Example:  policykg build corpus/ --store policykg-store
    """
    from policykg.graph.store import RDF_FILE_FORMATS, GraphStore

    files = [p for p in paths if p.is_file()]
    json_files = [p for p in files if p.suffix.lower() == ".json"]
    rdf_files = [p for p in files if p.suffix.lower() in RDF_FILE_FORMATS and p.suffix.lower() != ".xml"]
    documents = [p for p in paths if p not in json_files and p not in rdf_files]
    try:
        extractions, failures = _extract_all(documents) if documents else ([], [])
        attempted = len(extractions) + len(failures) + len(json_files) + len(rdf_files)
        sources = [(x.document.source, [x.to_dict()]) for x in extractions]
        sources += _load_extraction_files(json_files, failures)
        graph_store = GraphStore.create(store)
        loaded = sum(_add_to_store(graph_store, source, items, failures) for source, items in sources)
        loaded += _merge_rdf_files(graph_store, rdf_files, failures)
        _print_summary(graph_store.summary(), f"Store {store}")
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    _report_failures(failures, attempted)
    if not loaded:
        raise fail("no document could be loaded")


def _merge_rdf_files(store: Any, paths: list[Path], failures: list[str]) -> int:
    return sum(_attempt(lambda path=path: store.add_rdf_file(path), failures) for path in paths)


def _load_extraction_files(paths: list[Path], failures: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Extraction JSON written earlier by `policykg extract` (an object or an array per file)."""
    from policykg.ontology.mapping import read_extraction_json

    sources = []
    for path in paths:
        try:
            sources.append((str(path), read_extraction_json(path)))
        except PolicyKGError as exc:
            _record(failures, str(exc))
    return sources


def _add_to_store(store: Any, source: str, items: list[dict[str, Any]], failures: list[str]) -> int:
    """Load one source's extractions; a malformed one is recorded as a failure of that source."""
    return sum(_attempt(lambda item=item: store.add_extraction(item), failures, source) for item in items)


def _attempt(action: Callable[[], Any], failures: list[str], source: str | None = None) -> bool:
    """Run one unit of a batch: a PolicyKGError is recorded, and the batch goes on."""
    try:
        action()
        return True
    except PolicyKGError as exc:
        _record(failures, f"{source}: {getattr(exc, 'reason', exc)}" if source else str(exc))
        return False


def _record(failures: list[str], message: str) -> None:
    failures.append(message)
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(
        metavar="QUERY",
        help="SPARQL text, a .rq file, or @name of a shipped query (@enterprises, @leaders, @zones, @plans, @targets, ...).")],
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[ResultFormat, typer.Option("--format", help="Output format.")] = ResultFormat.table,
) -> None:
    """Run a read-only SPARQL query against the store.

    Example:  policykg query @leaders
              policykg query 'SELECT ?s WHERE { ?s a pkg:Enterprise }' --format csv
    """
    from policykg.graph.queries import format_results, resolve_query
    from policykg.graph.store import GraphStore

    try:
        result = GraphStore.open(store).query(resolve_query(sparql))
        rendered = format_results(result, fmt.value)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")],
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Export the store as RDF (ttl, nt, nq, trig, jsonld, xml), a graph (graphml, gexf) or csv.

    Example:  policykg export --format ttl --out kg.ttl
    """
    from policykg.graph.export import export as export_store
    from policykg.graph.store import GraphStore

    try:
        report = export_store(GraphStore.open(store), fmt.value, out_file)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    err.print(str(report), highlight=False, soft_wrap=True)


@app.command()
def viz(
    out_file: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("graph.html"),
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Write an interactive graph page (works offline; open it in a browser).

    Example:  policykg viz --out graph.html
    """
    from policykg.graph.store import GraphStore
    from policykg.graph.viz import render_html

    try:
        render_html(GraphStore.open(store), out_file)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    err.print(f"wrote {out_file}", highlight=False)


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotation JSON.")],
    pred: Annotated[Path, typer.Argument(help="Extraction JSON (as written by `policykg extract`).")],
    text: Annotated[Path | None, typer.Option("--text", help="The original article, to check provenance offsets.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score an extraction against gold: precision, recall, F1 per type for entities, relations, measures.

    Example:  policykg eval gold.json pred.json --text article.txt
    """
    from policykg.evaluation import format_report, load_gold, load_prediction, score

    try:
        original = _read_original(text)
        result = score(load_gold(gold), load_prediction(pred, original), original)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        out.print(format_report(result))


def _read_original(path: Path | None) -> str | None:
    """The original text exactly as the extractor read it (same decoding), for provenance checks."""
    if path is None:
        return None
    from policykg.extract.document import read_document

    return read_document(path).original


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for the store and files.")] = Path("policykg-demo"),
) -> None:
    """Run the whole pipeline on the bundled sample article (Hengyang 2017).

    Writes DIR/store, DIR/kg.ttl, DIR/extraction.json and DIR/graph.html; prints the
    summary and which enterprises lead which clusters.

    Example:  policykg demo --out policykg-demo
    """
    from policykg.graph.export import export as export_store
    from policykg.graph.queries import resolve_query, results_table
    from policykg.graph.store import GraphStore
    from policykg.graph.viz import render_html
    from policykg.extract.pipeline import extract_path
    from policykg.samples import sample_path

    try:
        extraction = extract_path(sample_path()).to_dict()
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_json(extraction, out_dir / "extraction.json")
        graph_store = GraphStore.create(out_dir / "store")
        graph_store.add_extraction(extraction)
        export_store(graph_store, "ttl", out_dir / "kg.ttl")
        render_html(graph_store, out_dir / "graph.html")
        _print_summary(graph_store.summary(), f"Sample article: {extraction['document'].get('title', '')}")
        out.print("\n[bold]Which enterprises lead which clusters (@leaders)[/bold]")
        out.print(results_table(graph_store.query(resolve_query("@leaders"))))
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    out.print(f"\nFiles in {out_dir}/: extraction.json, kg.ttl, graph.html, store/")
    out.print(f"Next: policykg query @zones --store {out_dir / 'store'}   |   open {out_dir / 'graph.html'}")


def _print_summary(summary: dict[str, Any], title: str) -> None:
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


def main() -> None:  # pragma: no cover - console entry point alias
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
