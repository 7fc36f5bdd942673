"""The one place that reads the rule data files of ``policykg/extract/rules/`` (shipped as package data).

Each file is read once per process; callers get shared objects and must not mutate them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).resolve().parent / "rules"


@cache
def load_json(name: str) -> Any:
    """A JSON rule file (cue tables, reading and division word lists)."""
    return json.loads((RULES_DIR / name).read_text(encoding="utf-8"))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment (#) lines of a text or TSV rule file."""
    text = (RULES_DIR / name).read_text(encoding="utf-8")
    return tuple(ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
