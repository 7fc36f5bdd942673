"""Sample articles shipped with the package, so the installed tool runs without the repository."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLES = {"hengyang-2017": "hengyang-2017.txt"}


def sample_path(name: str = "hengyang-2017") -> Path:
    """Path of a bundled sample article (default: the Hengyang 2017 newspaper page)."""
    if name not in SAMPLES:
        raise KeyError(f"unknown sample {name!r}; known: {', '.join(SAMPLES)}")
    return Path(str(resources.files("policykg") / "data" / "samples" / SAMPLES[name]))
