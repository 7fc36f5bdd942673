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
) -> None:
    """Write an interactive graph page (works offline; open it in a browser).

    Example:  policykg viz --out graph.html
    """
    from policykg.graph.viz import render_html

    try:
        render_html(open_store(store), out_file)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    err.print(f"wrote {out_file}", highlight=False)
