"""The ``policykg`` command line: wires each command to the package that does the work.

One module per group of commands; importing a module registers its commands on ``app``.
Every user-facing failure is a ``PolicyKGError`` and becomes one line on stderr
with a non-zero exit code; nothing here should print a traceback.
"""

import typer

from policykg.cli import demo, documents, explore, serve, store, validate, view  # noqa: F401  (registers the commands)
from policykg.cli.app import RULES_EXIT, app, fail
from policykg.errors import RuleFileError


USAGE_EXIT = 2  # a mistyped command line, as click and most tools have it


def main() -> None:  # pragma: no cover - console entry point alias
    """Run the command line; a usage mistake (unknown option, bad --format value) is one line on
    stderr with a hint, like every other error, rather than the framework's boxed panel."""
    usage_error, click_error = _click_errors()
    try:
        code = app(standalone_mode=False)
    except usage_error as exc:
        if exc.format_message().strip():  # (empty when the help was shown for a bare command)
            command = exc.ctx.command_path if exc.ctx is not None else "policykg"
            fail(f"{exc.format_message()} (see '{command} --help')")
        raise SystemExit(USAGE_EXIT) from None
    except click_error as exc:
        fail(exc.format_message())
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        raise SystemExit(130) from None
    except RuleFileError as exc:  # a rule file read by a command that did not check them first
        fail(str(exc), RULES_EXIT)
        raise SystemExit(RULES_EXIT) from None
    raise SystemExit(code if isinstance(code, int) else 0)


def _click_errors() -> tuple[type[Exception], type[Exception]]:
    """click's UsageError and ClickException, from the click that typer uses (its own copy in
    newer typer releases, the click package in older ones): BadParameter derives from both."""
    mro = {cls.__name__: cls for cls in typer.BadParameter.__mro__}
    return mro["UsageError"], mro["ClickException"]


__all__ = ["app", "main"]
