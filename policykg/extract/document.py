"""A read document: the original text, the repaired clean text and the map between them.

STUB by the walking skeleton (issue 2); issue 3 replaces the reading and repair
while keeping this interface:

- ``Document.original``: the text as read from the file (decoded), untouched.
- ``Document.text``: the clean text every extractor works on.
- ``Document.offsets[i]``: the original index of clean character ``i``.
- ``Document.to_original(start, end)``: clean span -> original span.
- ``Document.sentences``: clean-text sentences, each with its paragraph index
  and block kind.
- ``read_document(path)`` and ``document_from_text(text, ...)`` build one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import InputError


@dataclass(frozen=True)
class Sentence:
    start: int  # clean offsets
    end: int
    paragraph: int
    kind: str = "body"  # headline | deck | heading | body | byline | caption


@dataclass
class Document:
    id: str
    source: str
    original: str
    text: str
    offsets: list[int]
    sha256: str = ""
    encoding: str = "utf-8"
    title: str = ""
    date: str | None = None
    city: str | None = None
    sentences: list[Sentence] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span [start, end) to the original-text span covering it."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the clean text (length {len(self.text)})")
        return self.offsets[start], self.offsets[end - 1] + 1

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def info(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "source": self.source, "sha256": self.sha256,
                               "encoding": self.encoding, "title": self.title, "city": self.city}
        if self.date:
            out["date"] = self.date
        return out


_DROP = re.compile(r"[ \t\r\u3000]+|\n")


def document_from_text(text: str, *, id: str = "text", source: str = "<text>",
                       sha256: str = "", encoding: str = "utf-8") -> Document:
    """Build a Document from decoded text (stub repair: drop all white space inside paragraphs)."""
    if not text.strip():
        raise InputError(source, "empty document (no text)")
    clean: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        clean.append(ch)
        offsets.append(i)
    clean_text = "".join(clean)
    sentences = [Sentence(m.start(), m.end(), 0) for m in re.finditer(r"[^。！？；]+[。！？；]?[”’]?", clean_text)]
    title = clean_text[:40]
    return Document(id=id, source=source, original=text, text=clean_text, offsets=offsets,
                    sha256=sha256, encoding=encoding, title=title, sentences=sentences)


def read_document(path: str | Path) -> Document:
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as text ({exc.reason})") from None
    return document_from_text(text, id=path.stem if path.stem != "article" else path.parent.name,
                              source=str(path), sha256=hashlib.sha256(data).hexdigest())
