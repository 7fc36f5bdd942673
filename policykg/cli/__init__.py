"""The ``policykg`` command line: wires each command to the package that does the work.

One module per group of commands; importing a module registers its commands on ``app``.
Every user-facing failure is a ``PolicyKGError`` and becomes one line on stderr
with a non-zero exit code; nothing here should print a traceback.
"""

from policykg.cli import demo, documents, explore, serve, store, validate, view  # noqa: F401  (registers the commands)
from policykg.cli.app import RULES_EXIT, app, fail
from policykg.errors import RuleFileError


def main() -> None:  # pragma: no cover - console entry point alias
    try:
        app()
    except RuleFileError as exc:  # a rule file read by a command that did not check them first
        fail(str(exc), RULES_EXIT)
        raise SystemExit(RULES_EXIT) from None


__all__ = ["app", "main"]
