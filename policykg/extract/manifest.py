"""A manifest: what is known of each input file better than its text says.

A CSV file with a header row and the columns ``path,date`` and, optionally, ``title`` and
``city`` (in any order; other columns are ignored)::

    path,date,title,city
    articles/hengyang.txt,2017-03-08,衡阳市打造制造强市,衡阳
    articles/report.pdf,2022-09-14,,

``path`` is relative to the manifest's folder (or absolute); ``date`` is YYYY-MM-DD; an
empty cell gives nothing.  A date from the manifest comes after ``--date`` and before the
file's own metadata and text (``document.read_document``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError
from policykg.extract import metadata


@dataclass(frozen=True)
class Entry:
    date: str | None = None
    title: str | None = None
    city: str | None = None


class Manifest:
    def __init__(self, entries: dict[Path, Entry], source: Path):
        self.entries = entries
        self.source = source

    def get(self, path: str | Path) -> Entry | None:
        """The entry of an input file (compared by resolved path), None if it has none."""
        return self.entries.get(Path(path).resolve())

    def __len__(self) -> int:
        return len(self.entries)


def load_manifest(path: str | Path) -> Manifest:
    """Read a manifest; InputError (naming the file and the line) for a missing file, a
    missing path or date column, a bad date, an unknown city or a path given twice."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such manifest file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "manifest is not UTF-8 text") from None
    rows = csv.DictReader(text.splitlines())
    columns = {(c or "").strip().lower() for c in rows.fieldnames or ()}
    if not {"path", "date"} <= columns:
        raise InputError(path, "manifest needs a header row with the columns path,date[,title,city]")
    entries: dict[Path, Entry] = {}
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        where = f"{path}, line {rows.line_num}"
        if not row.get("path"):
            if any(row.values()):
                raise InputError(where, "no path")
            continue
        file = (path.parent / row["path"]).resolve()
        if file in entries:
            raise InputError(where, f"{row['path']} is listed twice")
        city = row.get("city") or None
        if city and metadata.city_division(city) is None:
            raise InputError(where, f"unknown city '{city}' (no division of that name)")
        date = metadata.checked_date(row["date"], where) if row.get("date") else None
        entries[file] = Entry(date, row.get("title") or None, city)
    return Manifest(entries, path)
