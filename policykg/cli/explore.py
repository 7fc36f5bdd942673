"""``analyze`` and ``path``: NetworkX analyses of the entity graph."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from policykg.cli.app import (
    DEFAULT_STORE,
    StoreOption,
    app,
    fail,
    open_store,
    out,
    write_json,
)
from policykg.errors import PolicyKGError

MEMBERS_SHOWN = 12  # per community / group in the tables (--json has them all)

TopOption = Annotated[int, typer.Option("--top", min=1, help="Entities listed per type in each ranking.")]
FocusOption = Annotated[str | None, typer.Option(
    "--focus", help="Only the entities around this one (a name or alias).")]
HopsOption = Annotated[int, typer.Option("--hops", min=0, help="With --focus: how many relations away to go.")]
TypesOption = Annotated[str | None, typer.Option(
    "--types", help="Only these entity types, comma-separated (e.g. Enterprise,Park).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]


@app.command()
def analyze(
    store: StoreOption = DEFAULT_STORE,
    top: TopOption = 10,
    focus: FocusOption = None,
    hops: HopsOption = 1,
    types: TypesOption = None,
    as_json: JsonOption = False,
) -> None:
    """Central entities per type (degree, PageRank), components, communities, cluster/zone members.

    Example:  policykg analyze --top 5
              policykg analyze --focus 衡阳 --hops 2 --types Enterprise,Cluster,Place --json
    """
    from policykg.graph.analytics import analyze as analyze_graph
    from policykg.graph.analytics import select, to_networkx

    try:
        graph = select(to_networkx(open_store(store)), focus=focus, hops=hops, types=types)
        report = analyze_graph(graph, top=top)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if as_json:
        write_json(report, None)
        return
    _print_report(report)


@app.command()
def path(
    source: Annotated[str, typer.Argument(metavar="A", help="An entity's name or alias.")],
    target: Annotated[str, typer.Argument(metavar="B", help="Another entity's name or alias.")],
    store: StoreOption = DEFAULT_STORE,
    as_json: JsonOption = False,
) -> None:
    """The shortest chain of relations between two entities, each hop with its evidence sentence.

    Relations are followed in either direction; an arrow shows which way each was stated.

    Example:  policykg path 湖南机油泵 衡阳
    """
    from policykg.graph.analytics import shortest_path, to_networkx

    try:
        hops = shortest_path(to_networkx(open_store(store)), source, target)
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if as_json:
        write_json([hop.to_dict() for hop in hops], None)
        return
    out.print(Text(f"{hops[0].source} → {hops[-1].target}: {len(hops)} relation(s)", style="bold"))
    for n, hop in enumerate(hops, 1):
        arrow = f" —{hop.relation}→ " if hop.direction == "forward" else f" ←{hop.relation}— "
        out.print(Text(f"{n}. {hop.source}{arrow}{hop.target}"), soft_wrap=True)
        document = f" [{hop.document}]" if hop.document else ""
        out.print(Text(f"   {hop.evidence or '(no evidence sentence)'}{document}", style="dim"), soft_wrap=True)


# ---------------------------------------------------------------- tables

def _print_report(report: dict[str, Any]) -> None:
    components = report["components"]
    summary = (f"{report['nodes']} entities, {report['edges']} relations, {report['documents']} document(s); "
               f"{components['count']} connected component(s), {len(report['communities'])} communities")
    view = report["view"]
    if view["focus"] or view["types"]:
        summary += (f"  (view: focus {view['focus'] or '-'}, hops {view['hops'] if view['focus'] else '-'}, "
                    f"types {','.join(view['types'] or []) or 'all'})")
    out.print(Text(summary))
    out.print(_central_table(report["central"]))
    out.print(_groups_table(report["groups"]))
    largest = _shortened(components["largest"])
    out.print(Text(f"Connected components by size: {_shortened(map(str, components['sizes']))}\n"
                   f"The largest: {largest}"), soft_wrap=True)
    out.print(_communities_table(report["communities"]))


def _central_table(central: dict[str, dict[str, list[dict[str, Any]]]]) -> Table:
    table = Table(title="Most central entities per type")
    for column in ("type", "#", "by degree (relations)", "by PageRank"):
        table.add_column(column, justify="right" if column == "#" else "left")
    for etype, ranks in central.items():
        for i, (by_degree, by_rank) in enumerate(zip(ranks["degree"], ranks["pagerank"]), 1):
            table.add_row(etype if i == 1 else "", str(i), Text(f"{by_degree['label']} ({by_degree['score']})"),
                          Text(f"{by_rank['label']} ({by_rank['score']:.4f})"))
        table.add_section()
    return table


def _groups_table(groups: list[dict[str, Any]]) -> Table:
    table = Table(title="Clusters and zones: their members (leads / memberOf / designatedAs, or included)")
    for column in ("group", "type", "members"):
        table.add_column(column)
    for group in groups:
        members = [f"{m['label']} ({m['relation']})" for m in group["members"]]
        table.add_row(Text(group["label"]), group["type"], Text(_shortened(members) or "-"))
    return table


def _communities_table(found: list[list[str]]) -> Table:
    table = Table(title="Communities (Louvain)")
    for column in ("#", "size", "members"):
        table.add_column(column, justify="right" if column != "members" else "left")
    groups = [members for members in found if len(members) > 1]
    for i, members in enumerate(groups, 1):
        table.add_row(str(i), str(len(members)), Text(_shortened(members)))
    if len(found) > len(groups):
        table.add_row("", "1", f"({len(found) - len(groups)} entities with no relation in this view)")
    return table


def _shortened(items: Any) -> str:
    items = list(items)
    shown = ", ".join(items[:MEMBERS_SHOWN])
    return shown + (f", … {len(items) - MEMBERS_SHOWN} more" if len(items) > MEMBERS_SHOWN else "")
