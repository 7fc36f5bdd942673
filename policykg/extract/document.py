"""A read document: the original text, the clean text and the map between them.

- ``Document.original``: the text as read from the file (decoded), untouched.
- ``Document.text``: the clean text every extractor works on: the original normalised
  (``normalise.normalise``: compatibility forms such as Kangxi radicals and full-width
  letters and digits mapped, a mostly Traditional text converted to Simplified; one
  character for one, punctuation kept), then layout repaired (white space removed or kept).
  A Simplified text without compatibility forms is only layout repaired.
- ``Document.offsets[i]``: the original index of clean character ``i`` (strictly increasing):
  clean character ``i`` is original character ``offsets[i]`` normalised.
- ``Document.to_original(start, end)``: clean span -> original span; the original slice,
  normalised per character and white space removed, equals the clean slice, white space
  removed.  The JSON's ``text`` of a mention or evidence is the original slice as written
  (``model.Span``); entity names are clean (normalised) text, and ``traditional`` documents
  add the surface form as written to an entity's aliases (``normalise.script_aliases``).
- ``Document.date``: ``date`` given by the caller (``--date``, a manifest), else one the
  reader found in the file (an HTML meta tag, a PDF's metadata), else the text's own
  (``metadata.find_date``); ``date_source`` says which.
- ``Document.blocks``: paragraphs/headings/byline/captions of the clean text (layout.Block).
- ``Document.sentences``: clean-text sentences, each with its block index and block kind.
- ``read_document(path)`` and ``document_from_text(text, ...)`` build one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from policykg.errors import InputError
from policykg.extract import metadata
from policykg.extract.divisions import Division
from policykg.extract.layout import Block, repair
from policykg.extract.normalise import normalise
from policykg.extract.readers import DEFAULT_MAX_BYTES, read_bytes, read_raw
from policykg.extract.sentences import Sentence, segment

_SPACE = re.compile(r"\s")

__all__ = ["Document", "Sentence", "Block", "document_from_text", "read_document",
           "DEFAULT_MAX_BYTES"]


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
    # where the date comes from: option | manifest | html-meta | pdf-metadata | text
    date_source: str | None = None
    city: str | None = None  # short name of the subject city: 衡阳
    sentences: list[Sentence] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    city_division: Division | None = None  # the subject city's record (full name, province …)
    format: str = "txt"  # txt | pdf | html
    layout_repaired: bool = False  # broken (PDF-like) lines were rejoined
    traditional: bool = False  # written in Traditional characters: the clean text is Simplified

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span [start, end) to the original-text span covering it."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the clean text (length {len(self.text)})")
        return self.offsets[start], self.offsets[end - 1] + 1

    def repaired_text(self, start: int, end: int) -> str:
        """The clean span [start, end) as written: the original characters the layout repair
        kept (not normalised: Traditional stays Traditional), a kept white space as one space."""
        return self._written()[start:end]

    def _written(self) -> str:
        """The whole clean text as written (``repaired_text`` of every span is a slice of it),
        built once per document: every mention and sentence of the JSON asks for a span.
        Rebuilt when text, original or offsets are replaced."""
        key = (self.text, self.original, self.offsets, len(self.offsets))
        cached = self.__dict__.get("_written_text")
        if cached is not None and cached[0][3] == key[3] \
                and all(a is b for a, b in zip(cached[0][:3], key[:3])):
            return cached[1]
        chars = list(map(self.original.__getitem__, self.offsets))
        for m in _SPACE.finditer(self.text):  # \s is str.isspace
            chars[m.start()] = " "
        written = "".join(chars)
        self.__dict__["_written_text"] = (key, written)
        return written

    def as_written(self, clean: str) -> str:
        """Text made of clean characters (an indicator, a unit) in the script the document is
        written in: a Traditional document's 拨款额 is 撥款額 (each clean character as the
        original character it most often stands for here); other documents' text unchanged."""
        if not self.traditional:
            return clean
        return "".join(self._script_table.get(ch, ch) for ch in clean)

    @cached_property
    def _script_table(self) -> dict[str, str]:
        counts: dict[str, Counter[str]] = {}
        for i, ch in enumerate(self.text):
            written = self.original[self.offsets[i]]
            if written != ch and unicodedata.normalize("NFKC", written) != ch:  # Traditional, not a compatibility form
                counts.setdefault(ch, Counter())[written] += 1
        return {ch: c.most_common(1)[0][0] for ch, c in counts.items()}

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing clean offset (None between sentences)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.sentences) and self.sentences[lo].start <= offset:
            return self.sentences[lo]
        return None

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        return [(b.start, b.end) for b in self.blocks]

    def info(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "source": self.source, "sha256": self.sha256,
                               "encoding": self.encoding, "title": self.title, "city": self.city}
        if self.date:
            out["date"] = self.date
            if self.date_source != "text":  # the file's metadata or the caller's: say which
                out["date_source"] = self.date_source
        if self.traditional:
            out["script"] = "traditional"
        return out


def document_from_text(text: str, *, id: str = "text", source: str = "<text>",
                       sha256: str = "", encoding: str = "utf-8", format: str = "txt",
                       date: str | None = None, date_source: str = "given",
                       title: str | None = None, city: str | None = None) -> Document:
    """Build a Document from decoded text: normalisation, layout repair, sentences, metadata.

    date (ISO, with the name of its source), title and city, when given, are taken instead of
    what the text says; city is a division's name or short name (衡阳市, 衡阳)."""
    if not text.strip():
        raise InputError(source, "empty document (only white space)" if text else "empty document")
    normalised = normalise(text)
    layout = repair(normalised.text)  # offsets into normalised.text are offsets into text
    title = title or metadata.find_title(layout.text, layout.blocks)
    division = metadata.city_division(city) if city else None
    if city and division is None:
        raise InputError(source, f"unknown city '{city}' (no division of that name)")
    division = division or metadata.find_city(title, layout.text)
    if date is None:
        date = metadata.find_date(layout.text, layout.blocks)
        date_source = "text"
    return Document(
        id=id, source=source, original=text, text=layout.text, offsets=layout.offsets,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding=encoding,
        title=title, date=date, date_source=date_source if date else None,
        city=division.short if division else None, city_division=division,
        sentences=segment(layout.text, layout.blocks), blocks=layout.blocks,
        format=format, layout_repaired=layout.broken, traditional=normalised.traditional)


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, date: str | None = None,
                  date_source: str = "given", title: str | None = None,
                  city: str | None = None, data: bytes | None = None) -> Document:
    """Read a .txt (any Chinese encoding), .pdf (text layer) or .html file.

    The document's date is ``date`` when given (``--date``, a manifest: date_source names
    it), else the date the file's metadata gives (an HTML meta tag, a PDF's own date entry:
    ``readers``), else the text's (``metadata.find_date``).  title and city, when given,
    replace what the text says.  ``data``, when given, is the file's content already read
    (a cluster worker that cannot see the file gets it so); path then only names the file.

    Raises InputError (one line naming the file) for a missing, empty, white-space-only,
    binary or undecodable file, a PDF without text, or a file larger than max_bytes."""
    path = Path(path)
    data = read_bytes(path, max_bytes) if data is None else data
    raw = read_raw(path, data)
    if not raw.text.strip():
        raise InputError(path, "empty document (only white space)")
    if date is None and raw.date is not None:
        date, date_source = raw.date, raw.date_source
    return document_from_text(raw.text, id=metadata.document_id(path), source=str(path),
                              sha256=hashlib.sha256(data).hexdigest(), encoding=raw.encoding,
                              format=raw.format, date=date, date_source=date_source,
                              title=title, city=city)
