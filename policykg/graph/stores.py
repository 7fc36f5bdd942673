"""Which store a location names: ``open_store`` (a directory: the embedded ``GraphStore``; an
http(s) URL: a SPARQL server, ``RemoteStore``; None: a store in memory)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykg.graph.remote import RemoteStore
    from policykg.graph.store import GraphStore


def is_store_dir(path: str | Path) -> bool:
    return (Path(path) / "CURRENT").is_file()


def is_store_url(location: str | Path) -> bool:
    """True for a SPARQL server location: http(s)://... or LAYOUT+http(s)://..."""
    return re.match(r"^(\w+\+)?https?://", str(location), re.IGNORECASE) is not None


def open_store(location: str | Path | None, *, create: bool = False) -> GraphStore | RemoteStore:
    """The store at ``location``: a directory (created when ``create``), None for memory, or
    the URL of a SPARQL server (see ``remote.RemoteStore`` for the URL forms).

    ``create=False`` opens an existing store read-only (StoreError if there is none);
    a remote store opened so refuses writes too."""
    from policykg.graph.store import GraphStore

    if location is None:
        return GraphStore(None)
    if is_store_url(location):
        from policykg.graph.remote import RemoteStore

        return RemoteStore(str(location), read_only=not create)
    return GraphStore.create(location) if create else GraphStore.open(location)
