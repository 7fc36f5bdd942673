"""Commands on documents: ``extract`` (article -> JSON) and ``eval`` (JSON vs gold, or a corpus of
article folders extracted and scored)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from policykg import jsontext
from policykg.cli.app import (
    DEFAULT_DOCUMENT_TIMEOUT,
    DateOption,
    ManifestOption,
    SchedulerOption,
    TimeoutOption,
    WorkersOption,
    app,
    check_rules,
    document_jobs,
    err,
    fail,
    out,
    record,
    report_failures,
    run_jobs,
    starting,
    write_json,
)
from policykg.errors import PolicyKGError


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .pdf, .html) or directories.")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON here instead of stdout.")] = None,
    date: DateOption = None,
    manifest: ManifestOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    timeout: TimeoutOption = DEFAULT_DOCUMENT_TIMEOUT,
) -> None:
    """Extract entities, relations and measures as JSON (one object per document, an array for several).

    Documents are extracted in --workers processes (default: one per core), or on a Dask
    cluster (--scheduler); the array keeps the order of the files and is written as they come.

    Example:  policykg extract article.txt --json article.json --date 2022-09-14
              policykg extract corpus/ --json corpus.json --workers 4
    """
    from policykg.cli.progress import BatchProgress

    failures: list[str] = []
    single = len(paths) == 1 and paths[0].is_file()
    try:
        jobs = document_jobs(paths, date, manifest, timeout)
        with BatchProgress(err, len(jobs), starting=starting(jobs, workers, scheduler)) as bar, _JsonWriter(json_out, single) as writer:
            for outcome in run_jobs(jobs, workers, scheduler, bar, failures):
                writer.add(outcome.extraction)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if len(jobs) > 1:
        err.print(bar.final(), highlight=False, markup=False, soft_wrap=True)
    report_failures(failures, len(jobs))
    if not writer.count:
        raise fail("no document could be read")


class _JsonWriter:
    """The extraction JSON, written as it comes: one object (``single``), else an array whose
    items are written one by one (the same text as json.dumps of the whole list). Nothing is
    written when there is no item; a --json file appears whole, when the batch is done."""

    def __init__(self, dest: Path | None, single: bool):
        self.dest, self.single, self.count = dest, single, 0
        self.stream: Any = None
        self.tmp: Path | None = None

    def __enter__(self) -> _JsonWriter:
        return self

    def add(self, item: dict[str, Any]) -> None:
        if self.single:
            self.item, self.count = item, 1
            return
        if self.stream is None:
            self.stream = self._open()
            self.stream.write("[\n")
        else:
            self.stream.write(",\n")
        self.stream.write("  " + jsontext.dumps(item, level=1))  # json.dumps(item, indent=2), indented
        self.count += 1

    def _open(self) -> Any:
        if self.dest is None:
            return sys.stdout
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.dest.with_name(f".{self.dest.name}.part")
        return self.tmp.open("w", encoding="utf-8")

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if self.single:
            if self.count:
                write_json(self.item, self.dest)
            return
        if self.stream is None:
            return
        if self.tmp is None:
            self.stream.write("\n]\n")
            self.stream.flush()
            return
        if kind is None or issubclass(kind, PolicyKGError):
            self.stream.write("\n]\n")
            self.stream.close()
            self.tmp.replace(self.dest)
        else:  # interrupted: no half-written file
            self.stream.close()
            self.tmp.unlink(missing_ok=True)


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path | None, typer.Argument(help="Gold annotation JSON.")] = None,
    pred: Annotated[Path | None, typer.Argument(help="Extraction JSON (as written by `policykg extract`).")] = None,
    text: Annotated[Path | None, typer.Option("--text", help="The original article, to check provenance offsets.")] = None,
    corpus: Annotated[list[Path] | None, typer.Option(
        "--corpus", help="A folder of article folders (each with article.txt, .pdf or .html and gold.json): "
                         "extract and score every article. Repeat for several folders.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score an extraction against gold: precision, recall, F1 per type for entities, relations, measures.

    With --corpus, extract every article of the folder(s) and print a line per article
    (core-entity, all-entity, relation and measure F1, provenance rate) and the micro-average
    (tp, fp, fn summed over the articles) of each folder; progress goes to stderr.

    Examples:  policykg eval gold.json pred.json --text article.txt
               policykg eval --corpus ../shared/corpus --corpus eval/corpus
    """
    from policykg.evaluation import format_report, load_gold, load_prediction, score

    if corpus:
        if gold is not None or pred is not None or text is not None:
            raise fail("give GOLD PRED [--text ARTICLE], or --corpus DIR, not both", 2)
        _evaluate_corpora(corpus, as_json)
        return
    if gold is None or pred is None:
        raise fail("give GOLD and PRED (files), or --corpus DIR", 2)
    try:
        original = _read_original(text)
        result = score(load_gold(gold), load_prediction(pred, original), original)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        out.print(format_report(result))


def _evaluate_corpora(corpora: list[Path], as_json: bool) -> None:
    """``eval --corpus``: every article of every folder extracted and scored."""
    from policykg.evaluation import (article_folders, format_corpus_header, format_corpus_line,
                                     micro_average, score_article)

    check_rules()
    failures: list[str] = []
    plan: list[tuple[Path, list[Path]]] = []
    for folder in corpora:
        try:
            plan.append((folder, article_folders(folder)))
        except PolicyKGError as exc:
            record(failures, str(exc))
    total = sum(len(articles) for _, articles in plan)
    reports, done = [], 0
    for folder, articles in plan:
        scored = []
        for article in articles:
            done += 1
            err.print(f"[{done}/{total}] {article}", highlight=False, markup=False, soft_wrap=True)
            try:
                scored.append({"name": article.name, "folder": str(article), "scores": score_article(article)})
            except PolicyKGError as exc:
                record(failures, str(exc))
        reports.append({"corpus": str(folder), "articles": scored,
                        "micro": micro_average([a["scores"] for a in scored])})
    every = [a["scores"] for r in reports for a in r["articles"]]
    if as_json:
        data = {"corpora": reports, "micro": micro_average(every), "failures": failures}
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    elif every:
        width = max([len(a["name"]) for r in reports for a in r["articles"]] + [26]) + 4
        lines = []
        for r in reports:
            lines += [f"corpus {r['corpus']}", format_corpus_header(width)]
            lines += [format_corpus_line(a["name"], a["scores"], width) for a in r["articles"]]
            lines.append(format_corpus_line(f"micro-average ({_articles(len(r['articles']))})", r["micro"], width))
            lines.append("")
        if len(reports) > 1:
            lines.append(format_corpus_line(f"all folders ({_articles(len(every))})", micro_average(every), width))
        out.print("\n".join(lines).rstrip(), highlight=False, markup=False, soft_wrap=True)
    if failures:  # each was one line above
        raise typer.Exit(1)
    if not every:
        raise fail("no article was scored")


def _articles(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


def _read_original(path: Path | None) -> str | None:
    """The original text exactly as the extractor read it (same decoding), for provenance checks."""
    if path is None:
        return None
    from policykg.extract.document import read_document

    return read_document(path).original
