"""``demo``: the whole pipeline on the bundled sample article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, check_rules, fail, out, print_summary, write_json
from policykg.errors import PolicyKGError


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for the store and files.")] = Path("policykg-demo"),
) -> None:
    """Run the whole pipeline on the bundled sample article (Hengyang 2017).

    Writes DIR/store, DIR/kg.ttl, DIR/extraction.json and DIR/graph.html; prints the
    summary and which enterprises lead which clusters.

    Example:  policykg demo --out policykg-demo
    """
    check_rules()
    from policykg.extract.pipeline import extract_path
    from policykg.graph.export import export as export_store
    from policykg.graph.queries import resolve_query, results_table
    from policykg.graph.store import GraphStore
    from policykg.graph.viz import render_html
    from policykg.samples import sample_path

    try:
        extraction = extract_path(sample_path()).to_dict()
        out_dir.mkdir(parents=True, exist_ok=True)
        write_json(extraction, out_dir / "extraction.json")
        graph_store = GraphStore.create(out_dir / "store")
        graph_store.add_extraction(extraction)
        export_store(graph_store, "ttl", out_dir / "kg.ttl")
        render_html(graph_store, out_dir / "graph.html")
        print_summary(graph_store.summary(), f"Sample article: {extraction['document'].get('title', '')}")
        out.print("\n[bold]Which enterprises lead which clusters (@leaders)[/bold]")
        out.print(results_table(graph_store.query(resolve_query("@leaders"))))
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    out.print(f"\nFiles in {out_dir}/: extraction.json, kg.ttl, graph.html, store/")
    out.print(f"Next: policykg query @zones --store {out_dir / 'store'}   |   open {out_dir / 'graph.html'}")
