"""``viz``: the interactive graph page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import DEFAULT_STORE, StoreOption, app, err, fail, open_store
from policykg.errors import PolicyKGError


@app.command()
def viz(
    out_file: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("graph.html"),
    store: StoreOption = DEFAULT_STORE,
    focus: Annotated[str | None, typer.Option(
        "--focus", help="Show only the entities around this one (a name or alias).")] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, help="How many relations away from --focus.")] = 1,
    types: Annotated[str | None, typer.Option(
        "--types", help="Only these entity types, comma-separated (e.g. Enterprise,Park).")] = None,
    max_nodes: Annotated[int, typer.Option(
        "--max-nodes", min=1, help="Above this many entities, show the most central (PageRank).")] = 1500,
) -> None:
    """Write an interactive graph page (works offline; open it in a browser).

    Example:  policykg viz --out graph.html --focus 衡阳 --hops 2
    """
    from policykg.graph.viz import render_html

    replaced = out_file.exists()
    try:
        render_html(open_store(store), out_file, focus=focus, hops=hops, types=types, max_nodes=max_nodes)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    # a focused view written to the default name replaces the whole graph's page: say so
    err.print(f"wrote {out_file}" + (" (replacing the page that was there; --out names another file)"
                                      if replaced else ""), highlight=False)
