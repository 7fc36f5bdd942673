"""Third-party log lines kept out of the user's way.

pdfminer logs a warning for every oddity of a PDF's text layer (97 lines for one newspaper
page) although the text is read all the same; with no logging configured, Python prints
them on stderr. Unless the user asks for them (``policykg --verbose``, or POLICYKG_VERBOSE=1
in the environment, which worker processes inherit), those loggers pass errors only.
"""

from __future__ import annotations

import logging
import os

VERBOSE_ENV = "POLICYKG_VERBOSE"
NOISY_LOGGERS = ("pdfminer",)


def set_verbose(verbose: bool) -> None:
    """The command line's --verbose: for this process and the workers it starts."""
    if verbose:
        os.environ[VERBOSE_ENV] = "1"
    else:
        os.environ.pop(VERBOSE_ENV, None)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(_level())


def quiet_libraries() -> None:
    """Called before a noisy library runs: its loggers get our level unless a level was set
    already (by set_verbose, or by a program that configured logging itself)."""
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(_level())


def _level() -> int:
    return logging.WARNING if os.environ.get(VERBOSE_ENV, "").strip() not in ("", "0") else logging.ERROR
