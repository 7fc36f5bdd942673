"""Commands on documents: ``extract`` (article -> JSON) and ``eval`` (JSON vs gold)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import (
    DateOption,
    ManifestOption,
    app,
    extract_all,
    fail,
    out,
    report_failures,
    write_json,
)
from policykg.errors import PolicyKGError


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .pdf, .html) or directories.")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON here instead of stdout.")] = None,
    date: DateOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Extract entities, relations and measures as JSON (one object per document, an array for several).

    Example:  policykg extract article.txt --json article.json --date 2022-09-14
    """
    try:
        extractions, failures = extract_all(paths, date, manifest)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if extractions:
        dicts = [x.to_dict() for x in extractions]
        write_json(dicts[0] if len(dicts) == 1 and len(paths) == 1 and paths[0].is_file() else dicts,
                   json_out)
    report_failures(failures, len(extractions) + len(failures))
    if not extractions:
        raise fail("no document could be read")


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
