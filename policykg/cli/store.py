"""Commands on the store: ``build`` (load documents), ``remove`` (drop one), ``query`` (SPARQL),
``export`` (files). ``--store`` is a directory or a SPARQL server URL (see ``graph.remote``)."""

from __future__ import annotations

import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from policykg.cli.app import (
    DEFAULT_DOCUMENT_TIMEOUT,
    DEFAULT_STORE,
    DateOption,
    ManifestOption,
    SchedulerOption,
    StoreOption,
    TimeoutOption,
    WorkersOption,
    app,
    attempt,
    document_jobs,
    err,
    fail,
    open_store,
    out,
    print_summary,
    record,
    report_failures,
    run_jobs,
    starting,
)
from policykg.errors import PolicyKGError, QueryError
from policykg.graph.sparql_text import check_nesting, has_service


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



# extractions written to the store at a time: memory stays bounded, and each write's fixed cost
# (reading and updating the summary counts of what it touches, which grows with the store) is
# shared by enough documents (3,000 news items: 35 s in batches of 8, 17 s in batches of 64)
BATCH_DOCUMENTS = 64


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(
        help="Documents (.txt, .pdf, .html) or directories to extract; extraction .json files "
             "written by `policykg extract`; RDF files (.ttl, .nt, .nq, .trig, .jsonld, .rdf) to merge.")],
    store: StoreOption = DEFAULT_STORE,
    date: DateOption = None,
    manifest: ManifestOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    timeout: TimeoutOption = DEFAULT_DOCUMENT_TIMEOUT,
    force: Annotated[bool, typer.Option(
        "--force", help="Extract and load every document, even those whose file (sha256) the store "
                        "already holds, under their id or another.")] = False,
) -> None:
    """Extract documents, map them to RDF and load them into the store; print a summary.

    A document whose file is unchanged (its sha256 is the one the store holds for it) is skipped;
    --force rebuilds it (after changing rules, --date or the manifest). A file whose content the
    store (or an earlier file of the batch) holds under another id is skipped with a warning.
    Two files whose names give the same id (report.txt in two folders) get distinct ids: the
    second gets a short hash of its path. Re-building a document
    replaces its graph, so a build can be repeated safely. Documents are extracted in --workers
    processes (default: one per core) or on a Dask cluster (--scheduler), and loaded in batches
    as they come.

    Example:  policykg build corpus/ --store policykg-store
              policykg build corpus/ --store http://kg-host:7878 --scheduler tcp://dask-host:8786
    """
    from policykg.cli.progress import BatchProgress
    from policykg.graph.store import RDF_FILE_FORMATS

    files = [p for p in paths if p.is_file()]
    json_files = [p for p in files if p.suffix.lower() == ".json"]
    rdf_files = [p for p in files if p.suffix.lower() in RDF_FILE_FORMATS and p.suffix.lower() != ".xml"]
    documents = [p for p in paths if p not in json_files and p not in rdf_files]
    failures: list[str] = []
    try:
        jobs = document_jobs(documents, date, manifest, timeout) if documents else []
        with open_store(store, write=True) as graph_store:  # closed: flushed, so a snapshot (serve) sees it all
            unchanged, duplicates = ([], []) if force or not jobs else _triage(graph_store, jobs)
            skip = {id(job) for job in unchanged + duplicates}
            jobs = [job for job in jobs if id(job) not in skip]
            with BatchProgress(err, len(jobs), loading=True, starting=starting(jobs, workers, scheduler)) as bar:
                loaded = _extract_and_load(graph_store, jobs, workers, scheduler, bar, failures)
            if len(jobs) > 1:
                err.print(bar.final(), highlight=False, markup=False, soft_wrap=True)
            attempted = len(jobs) + len(json_files) + len(rdf_files)
            loaded += _add_to_store(graph_store, _load_extraction_files(json_files, failures), failures)
            loaded += _merge_rdf_files(graph_store, rdf_files, failures)
            if err.is_terminal:
                with err.status("counting the store …"):
                    summary = graph_store.summary()
            else:
                summary = graph_store.summary()
            print_summary(summary, f"Store {store}")
            if loaded:
                note_stale_links(graph_store)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if unchanged:
        out.print(f"skipped {len(unchanged)} unchanged document(s): the store holds their files' sha256 "
                  "(--force rebuilds them)", highlight=False, soft_wrap=True)
    report_failures(failures, attempted)
    if not loaded and not unchanged and not duplicates:
        raise fail("no document could be loaded")


def note_stale_links(graph_store: Any) -> None:
    """After a write: owl:sameAs links (entities --duplicates --link) are made from the store as it
    was, so say when there are some (@cross-document counts their groups as one entity)."""
    from policykg.ontology.mapping import RES

    if graph_store.query(f"ASK {{ GRAPH <{RES['graph/sameas']}> {{ ?s ?p ?o }} }}").boolean:
        err.print("note: the store's owl:sameAs links were made before this change: run "
                  "`policykg entities --duplicates --link` again to link the entities it added or "
                  "drop those it removed", highlight=False, soft_wrap=True)


STORED_HASHES = """SELECT ?doc ?id ?sha256 WHERE { ?doc a prov:Entity ; pkg:sha256 ?sha256 .
                                              OPTIONAL { ?doc pkg:documentId ?id } }"""


def _triage(graph_store: Any, jobs: list[Any]) -> tuple[list[Any], list[Any]]:
    """The jobs not to extract: those whose file the store already holds under the file's id
    (unchanged: the document node of that id has the file's sha256), and those whose content
    the store or an earlier file of the batch already holds under another id (duplicates, each
    a warning). Asked with SPARQL, so embedded and remote stores alike."""
    import hashlib

    from policykg.extract.metadata import document_id
    from policykg.ontology.mapping import document_iri

    stored: dict[str, set[str]] = {}
    holder: dict[str, str] = {}  # sha256 -> the id of a document that has it
    for doc, doc_id, sha in graph_store.query(STORED_HASHES, max_rows=None).values():
        if doc and sha:
            stored.setdefault(doc, set()).add(sha)
            holder.setdefault(sha, doc_id or doc)
    unchanged, duplicates = [], []
    for job in jobs:
        path = Path(job.path)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue  # extraction reports it
        doc_id = job.doc_id or document_id(path)
        if digest in stored.get(str(document_iri({"document": {"id": doc_id}})), ()):
            unchanged.append(job)
        elif digest in holder:
            duplicates.append(job)
            err.print(f"[yellow]warning:[/yellow] {path}: the same content (sha256) as the document "
                      f"{holder[digest]} already loaded: skipped (--force loads it anyway)",
                      highlight=False, soft_wrap=True)
        else:
            holder[digest] = f"{doc_id} ({path})"
    return unchanged, duplicates


def _extract_and_load(graph_store: Any, jobs: list[Any], workers: int | None, scheduler: str | None,
                      bar: Any, failures: list[str]) -> int:
    """Extractions go, in order and as they come, to a loader thread that writes them in batches
    of BATCH_DOCUMENTS, so that writing overlaps extracting and at most a few batches are held.
    Returns the documents loaded."""
    import queue
    import threading

    handoff: queue.Queue[Any] = queue.Queue(maxsize=2 * BATCH_DOCUMENTS)
    done = object()
    result: dict[str, Any] = {"loaded": 0}

    def loader() -> None:
        batch: list[Any] = []
        try:
            while True:
                item = handoff.get()
                if item is not done:
                    batch.append(item)
                if batch and (item is done or len(batch) >= BATCH_DOCUMENTS):
                    result["loaded"] += _load_batch(graph_store, batch, failures, bar)
                    batch = []
                if item is done:
                    return
        except BaseException as exc:  # re-raised by the main thread
            result["error"] = exc
            while handoff.get() is not done:  # let the producer finish
                pass

    thread = threading.Thread(target=loader, name="policykg-loader", daemon=True)
    thread.start()
    try:
        for outcome in run_jobs(jobs, workers, scheduler, bar, failures):
            handoff.put(outcome)
            if "error" in result:
                break
    finally:
        handoff.put(done)
        thread.join()
    if "error" in result:
        raise result["error"]
    return result["loaded"]


def _load_batch(graph_store: Any, batch: list[Any], failures: list[str], bar: Any) -> int:
    """Write a batch of extractions; if the batch fails, each document on its own, so that a
    malformed one is a failure of that document alone. Returns the documents loaded."""
    if not batch:
        return 0
    bar.writing(len(batch))
    start = time.monotonic()
    try:
        graph_store.add_extractions([o.extraction for o in batch])
        ok = len(batch)
    except PolicyKGError:
        ok = sum(_add_to_store(graph_store, [(str(o.path), [o.extraction])], failures) for o in batch)
    bar.loaded(ok, len(batch) - ok, time.monotonic() - start)
    return ok


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
    doc_id: Annotated[str, typer.Argument(metavar="DOC_ID", help="Id of the document to drop, as @documents lists it "
                                                                  "(or the IRI of a named graph).")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Drop one document's named graph from the store.

    Example:  policykg remove hengyang-2017 --store policykg-store
    """
    from policykg.graph.stores import is_store_dir, is_store_url

    if not (is_store_url(store) or is_store_dir(store)):  # do not create a store just to find it empty
        raise fail(f"no graph store at {store}")
    try:
        with open_store(store, write=True) as graph_store:
            before = graph_store.count_triples()
            graph = graph_store.graph_of_document(doc_id)
            if graph is None or not graph_store.remove_document(doc_id):
                raise fail(f"no document {doc_id!r} in the store {store} (`policykg query @documents` lists them)")
            graph_store.flush()
            removed = before - graph_store.count_triples()
            note_stale_links(graph_store)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    out.print(f"removed document {doc_id} ({removed} triples, graph <{graph}>) from {store}",
              highlight=False, soft_wrap=True)


@app.command()
def entities(
    duplicates: Annotated[bool, typer.Option(
        "--duplicates", help="List entities of one type that name one thing (白沙洲工业园 / 衡阳白沙洲工业园区), "
                             "each pair with the rule that says so.")] = False,
    link_them: Annotated[bool, typer.Option(
        "--link", help="With --duplicates: write the pairs as owl:sameAs into the graph "
                       "<https://w3id.org/policykg/resource/graph/sameas>, replacing it.")] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Near-duplicate entities across the documents of a store (`@entities` lists every entity).

    Rules, in order: the same reference-list id; a shared name or alias; one name is the other
    with its place before it; the same name with a long and a short head (工业园区 / 工业园).

    Examples:  policykg entities --duplicates --store policykg-store
               policykg entities --duplicates --link --store policykg-store
    """
    from rich.table import Table

    from policykg.graph.duplicates import SAMEAS_GRAPH, find_duplicates, link
    from policykg.graph.stores import is_store_dir, is_store_url

    if not duplicates:
        raise fail("give --duplicates (`policykg query @entities` lists every entity)", 2)
    if not (is_store_url(store) or is_store_dir(store)):
        raise fail(f"no graph store at {store}")
    try:
        with open_store(store, write=link_them) as graph_store:
            found = find_duplicates(graph_store)
            if link_them:
                link(graph_store, found)
                graph_store.flush()
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    table = Table("type", "entity", "same as", "reason", title=f"{len(found)} near-duplicate pairs")
    for d in found:
        table.add_row(d.type, d.first_label, d.second_label, d.reason)
    out.print(table)
    if link_them:
        out.print(f"wrote {len(found)} pairs as owl:sameAs (both ways) into <{SAMEAS_GRAPH}>",
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
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Let the query fetch from other SPARQL endpoints (SERVICE); refused otherwise, "
                                "as a query text from elsewhere could make this machine send requests.")] = False,
    limit: Annotated[int | None, typer.Option(
        "--limit", help="Rows of one page of a paged shipped query (@entities, @evidence, ...: "
                        "their default page is 100 rows).", show_default=False)] = None,
    offset: Annotated[int | None, typer.Option(
        "--offset", help="Rows of a paged shipped query to skip (the next page: --offset 1000).",
        show_default=False)] = None,
) -> None:
    """Run a read-only SPARQL query against the store.

    Shipped queries that can answer many rows on a corpus give one page (e.g. the 100 most
    widely named entities); --limit and --offset choose another.

    Example:  policykg query @leaders
              policykg query @provenance 衡阳
              policykg query @entities --limit 200 --offset 1000
              policykg query 'SELECT ?s WHERE { ?s a pkg:Enterprise }' --format csv
    """
    from policykg.graph.queries import format_results, page_of, resolve_query

    try:
        text = resolve_query(sparql, args or (), limit=limit, offset=offset)
        check_nesting(text)  # before any parser reads it: deep nesting overflows their stacks
        if not allow_service and has_service(text):
            raise QueryError("the query uses SERVICE (a federated query): give --allow-service to run it")
        result = open_store(store).query(text)
        rendered = format_results(result, fmt.value)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    page = page_of(text)
    if page and len(result) == page[0]:  # a full page: there may be more
        err.print(f"rows {page[1] + 1}-{page[1] + page[0]}: one page; --offset {page[1] + page[0]} gives the next",
                  highlight=False, soft_wrap=True)


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
