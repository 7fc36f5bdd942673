"""Commands on the store: ``build`` (load documents), ``remove`` (drop one), ``query`` (SPARQL),
``export`` (files). ``--store`` is a directory or a SPARQL server URL (see ``graph.remote``)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from policykg.cli.app import (
    DEFAULT_STORE,
    DateOption,
    ManifestOption,
    StoreOption,
    app,
    attempt,
    err,
    extract_all,
    fail,
    open_store,
    out,
    print_summary,
    record,
    report_failures,
)
from policykg.errors import PolicyKGError


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



@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(
        help="Documents (.txt, .pdf, .html) or directories to extract; extraction .json files "
             "written by `policykg extract`; RDF files (.ttl, .nt, .nq, .trig, .jsonld, .rdf) to merge.")],
    store: StoreOption = DEFAULT_STORE,
    date: DateOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Extract documents, map them to RDF and load them into the store; print a summary.

    Re-building a document replaces its graph, so a build can be repeated safely.

    Example:  policykg build corpus/ --store policykg-store
    """
    from policykg.graph.store import RDF_FILE_FORMATS

    files = [p for p in paths if p.is_file()]
    json_files = [p for p in files if p.suffix.lower() == ".json"]
    rdf_files = [p for p in files if p.suffix.lower() in RDF_FILE_FORMATS and p.suffix.lower() != ".xml"]
    documents = [p for p in paths if p not in json_files and p not in rdf_files]
    try:
        extractions, failures = extract_all(documents, date, manifest) if documents else ([], [])
        attempted = len(extractions) + len(failures) + len(json_files) + len(rdf_files)
        sources = [(x.document.source, [x.to_dict()]) for x in extractions]
        sources += _load_extraction_files(json_files, failures)
        graph_store = open_store(store, write=True)
        loaded = _add_to_store(graph_store, sources, failures)
        loaded += _merge_rdf_files(graph_store, rdf_files, failures)
        print_summary(graph_store.summary(), f"Store {store}")
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    report_failures(failures, attempted)
    if not loaded:
        raise fail("no document could be loaded")


def _merge_rdf_files(store: Any, paths: list[Path], failures: list[str]) -> int:
    return sum(attempt(lambda path=path: store.add_rdf_file(path), failures) for path in paths)


def _load_extraction_files(paths: list[Path], failures: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Extraction JSON written earlier by `policykg extract` (an object or an array per file)."""
    from policykg.ontology.mapping import read_extraction_json

    sources = []
    for path in paths:
        try:
            sources.append((str(path), read_extraction_json(path)))
        except PolicyKGError as exc:
            record(failures, str(exc))
    return sources


def _add_to_store(store: Any, sources: list[tuple[str, list[dict[str, Any]]]], failures: list[str]) -> int:
    """Map every extraction (a malformed one is recorded as a failure of its source), then load
    them all in one bulk batch. Returns the number of documents loaded."""
    from policykg.ontology.mapping import map_extraction

    mapped: list[Any] = []
    for source, items in sources:
        for item in items:
            attempt(lambda item=item: mapped.append(map_extraction(item)), failures, source)
    if mapped:
        store.add_mapped(mapped)
    return len(mapped)


@app.command()
def remove(
    doc_id: Annotated[str, typer.Argument(metavar="DOC_ID", help="Id of the document to drop (see @documents).")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Drop one document's named graph from the store.

    Example:  policykg remove hengyang-2017 --store policykg-store
    """
    from policykg.graph.store import document_graph, is_store_dir, is_store_url

    if not (is_store_url(store) or is_store_dir(store)):  # do not create a store just to find it empty
        raise fail(f"no graph store at {store}")
    try:
        graph_store = open_store(store, write=True)
        before = graph_store.count_triples()
        if not graph_store.remove_document(doc_id):
            raise fail(f"no document {doc_id!r} in the store {store}")
        graph_store.flush()
        removed = before - graph_store.count_triples()
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    out.print(f"removed document {doc_id} ({removed} triples, graph <{document_graph(doc_id)}>) from {store}",
              highlight=False, soft_wrap=True)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(
        metavar="QUERY",
        help="SPARQL text, a .rq file, or @name of a shipped query (@enterprises, @leaders, @zones, @plans, "
             "@targets, @provenance NAME, ...).")],
    args: Annotated[list[str] | None, typer.Argument(
        metavar="ARG", help="Arguments of a parameterised shipped query, e.g. the NAME of @provenance.",
        show_default=False)] = None,
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[ResultFormat, typer.Option("--format", help="Output format.")] = ResultFormat.table,
) -> None:
    """Run a read-only SPARQL query against the store.

    Example:  policykg query @leaders
              policykg query @provenance 衡阳
              policykg query 'SELECT ?s WHERE { ?s a pkg:Enterprise }' --format csv
    """
    from policykg.graph.queries import format_results, resolve_query

    try:
        text = resolve_query(sparql, args or ())
        result = open_store(store).query(text)
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

    try:
        report = export_store(open_store(store), fmt.value, out_file)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    err.print(str(report), highlight=False, soft_wrap=True)
