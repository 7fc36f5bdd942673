"""``policykg validate``: check the store against the SHACL shapes of the ontology."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from policykg.cli.app import DEFAULT_STORE, StoreOption, app, fail, open_store, out
from policykg.errors import PolicyKGError


@app.command()
def validate(store: StoreOption = DEFAULT_STORE) -> None:
    """Validate the store with pySHACL (policykg shapes); list violations, exit 1 if any.

    Violations are a table on a terminal, one line each otherwise.

    Example:  policykg validate --store policykg-store
    """
    from policykg.ontology.validate import validate as validate_graph

    try:
        report = validate_graph(open_store(store))
    except PolicyKGError as exc:
        raise fail(str(exc)) from None
    if report.violations and out.is_terminal:
        out.print(_table(report))
    elif report.violations:  # piped: one line per violation, easy to grep
        for violation in report.violations:
            out.print(str(violation), highlight=False, soft_wrap=True, markup=False)
    out.print("conforms" if report.conforms else f"{len(report.errors)} violation(s): does not conform",
              highlight=False)
    if not report.conforms:
        raise fail("the store does not conform to the policykg shapes")


def _table(report) -> Table:
    table = Table("severity", "focus node", "path", "message", "value", title="SHACL validation")
    for v in report.violations:  # Text: names and messages are not markup
        table.add_row(*(Text(x) for x in (v.severity, v.focus, v.path, v.message, v.value)))
    return table
