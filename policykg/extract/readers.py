"""Readers: file bytes -> decoded text, for plain text (any Chinese encoding), PDF and HTML.

What a reader returns is the document's ORIGINAL text: every offset in the extraction JSON
points into it.  For .txt it is the decoded file; for .pdf the text layer as pdfminer lays
it out (text boxes in reading order, pages ended by a form feed); for .html the article
text, one line per block element.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, NamedTuple

from policykg.errors import InputError
from policykg.logs import quiet_libraries

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES

# Encodings a Chinese article may come in (charset-normalizer names).
_CHINESE_ENCODINGS = ["utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "hz", "utf_16"]
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass(frozen=True)
class RawText:
    text: str  # the original text
    encoding: str  # as detected (or "pdf" text layer: the PDF's own encoding)
    format: str  # txt | pdf | html
    date: str | None = None  # ISO date the file's metadata gives (not its text)
    date_source: str | None = None  # html-meta | pdf-metadata


# ---------------------------------------------------------------- files

def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if not path.is_file():
        raise InputError(path, "no such file" if not path.exists() else "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(path, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
    data = path.read_bytes()
    if not data:
        raise InputError(path, "empty file")
    return data


def read_raw(path: Path, data: bytes) -> RawText:
    """Decode a file's bytes by its type (suffix; a PDF is also recognised by its magic)."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        date = pdf_date(data)
        return RawText(pdf_text(path, data), "pdf", "pdf", date, "pdf-metadata" if date else None)
    if suffix in HTML_SUFFIXES:
        text, encoding, date = html_text(path, data)
        return RawText(text, encoding, "html", date, "html-meta" if date else None)
    text, encoding = decode_text(path, data)
    return RawText(text, encoding, "txt")


# ---------------------------------------------------------------- plain text

def decode_text(path: object, data: bytes) -> tuple[str, str]:
    """Decoded text and the encoding's name; InputError for binary or undecodable bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(path, _decode(path, data, encoding), encoding)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(path, "binary file (contains NUL bytes), not a text document")
        return _checked(path, *utf16)
    try:
        return _checked(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return _checked(path, damaged, "utf-8")
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    best = from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is None:
        mended = _damaged_chinese(data)
        if mended is not None:
            return _checked(path, *mended)
        best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot decode as text (no known encoding fits; binary file?)")
    return _checked(path, str(best), best.encoding)


def _damaged_chinese(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5 text with a few bad bytes: the text with U+FFFD in their place, when the
    rest decodes into plainly Chinese text; the encoding's name says how many were replaced
    (it is written into the extraction's document record), and a warning says so too."""
    for encoding in ("gb18030", "big5"):
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        if 0 < bad <= max(3, len(text) // 1000) and cjk >= 20 * bad:
            warnings.warn(f"{bad} undecodable byte sequence(s) replaced with U+FFFD ({encoding})", stacklevel=2)
            return text, f"{encoding} ({bad} bad byte sequence{'s' if bad > 1 else ''} replaced)"
    return None


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated file, a bad copy): the text with U+FFFD
    in their place, when the rest is plainly UTF-8 (many multi-byte characters decode)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return text if bad <= max(3, len(text) // 1000) and multibyte >= 20 * bad else None


def _decode(path: object, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as {encoding} ({exc.reason})") from None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: NUL bytes fall on every other byte of ASCII text."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for encoding, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls > other:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if _junk_ratio(text) < 0.01:
                return text, encoding
    return None


def _junk_ratio(text: str) -> float:
    """Share of characters no text contains: controls, unassigned, private use, U+FFFD."""
    unusual = _unusual().findall(text)  # the characters of the usual ranges are no junk
    junk = sum(n for ch, n in Counter(unusual).items() if _is_junk(ch)) if unusual else 0
    return junk / max(len(text), 1)


def _is_junk(ch: str) -> bool:
    return ch not in "\n\r\t\f" and (ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))


# Latin, general punctuation, CJK punctuation and kana, CJK ideographs, full-width forms
_USUAL_RANGES = ((0x09, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x30FF), (0x3400, 0x4DBF),
                 (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


@cache
def _unusual() -> re.Pattern[str]:
    """Any character but those of the usual ranges that are no junk (each checked once here)."""
    ranges: list[list[int]] = []
    for lo, hi in _USUAL_RANGES:
        for code in range(lo, hi + 1):
            if _is_junk(chr(code)):
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


def _checked(path: object, text: str, encoding: str) -> tuple[str, str]:
    junk = _junk_ratio(text)
    if junk > 0.01:
        # private-use characters are a web page's icons or a PDF's own glyphs: real text keeps
        # a few (1-2 %), a binary file is mostly controls and unassigned codes
        private = sum(1 for ch in text if unicodedata.category(ch) == "Co") / max(len(text), 1)
        if junk - private > 0.01 or private > 0.2:
            raise InputError(path, "binary file (control characters), not a text document")
    return text, encoding


# ---------------------------------------------------------------- PDF

def pdf_text(path: Path, data: bytes) -> str:
    """The text layer, page by page, text box by text box: pdfminer's layout analysis keeps
    the columns of a newspaper page apart (reading line by line across the page would
    interleave them)."""
    import io

    from pdfminer.high_level import extract_text  # slow to import: only when a PDF is read
    from pdfminer.layout import LAParams

    quiet_libraries()  # pdfminer's warnings only with --verbose

    try:
        text = extract_text(io.BytesIO(data), laparams=LAParams())
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise InputError(path, f"cannot read PDF ({type(exc).__name__}: {exc})".splitlines()[0]) from None
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned images?); run OCR on it first")
    if re.search(r"\(cid:\d+\)", text):
        raise InputError(path, "PDF text layer has no Unicode mapping for its font (cid codes)")
    return text


# The document-information entries that name the date a document was issued.  CreationDate
# and ModDate are left out on purpose: they are when the file was produced (a re-export, a
# print to PDF, a site's conversion years later), not when the text was published, and a
# wrong date is worse than none (measures read 今年 and 年底 by it); the text's dateline
# (metadata.find_date) comes after these, and an undated text stays undated.
PDF_DATE_KEYS = ("PublicationDate", "PubDate", "PublishDate", "DatePublished", "IssueDate", "Date")
# The same in the XMP metadata stream: PRISM's publication (or cover) date.
_XMP_DATE = re.compile(rb"<prism:(?:publicationDate|coverDate)>\s*([^<]+?)\s*<"
                       rb"|prism:(?:publicationDate|coverDate)=[\"']([^\"']+)[\"']")


def pdf_date(data: bytes) -> str | None:
    """The date a PDF's metadata gives for the document as published (see PDF_DATE_KEYS), as
    ISO; None when it has none, or the file's structure cannot be read (pdf_text reports it)."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    quiet_libraries()

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        for info in document.info:
            for key in PDF_DATE_KEYS:
                date = _pdf_date_value(resolve1(info.get(key)))
                if date:
                    return date
        metadata = resolve1(document.catalog.get("Metadata"))
        xmp = metadata.get_data() if metadata is not None and hasattr(metadata, "get_data") else b""
    except Exception:  # pdfminer raises many types for damaged files
        return None
    m = _XMP_DATE.search(xmp)
    return _pdf_date_value(m.group(1) or m.group(2)) if m else None


def _pdf_date_value(value: object) -> str | None:
    """ISO date of a PDF date string (D:20220914102500+08'00') or any written date."""
    from policykg.extract import metadata

    if isinstance(value, bytes):
        value = _pdf_string(value)
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*D:(\d{4})(\d{2})(\d{2})", value)
    return metadata.iso_date(f"{m[1]}-{m[2]}-{m[3]}" if m else value)


def _pdf_string(value: bytes) -> str:
    """A PDF text string: UTF-16 with its byte-order mark, else PDFDocEncoding (ASCII here)."""
    if value.startswith((b"\xfe\xff", b"\xff\xfe")):
        return value.decode("utf-16", errors="replace")
    return value.decode("latin-1")


# ---------------------------------------------------------------- HTML

_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template", "menu"]
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
               "li", "ul", "ol", "table", "tr", "td", "th", "blockquote", "pre", "figure",
               "figcaption", "dd", "dt", "dl", "center", "br", "hr", "tbody", "thead"}
_LINK_LIST = re.compile(r"^(?:首页|上一篇|下一篇|返回|打印|关闭|分享)")


def html_text(path: object, data: bytes) -> tuple[str, str, str | None]:
    """The article's text: title line, then one line per paragraph; no scripts, styles,
    navigation.  The article is the element whose paragraphs hold the most text.  With the
    encoding and the publication date of the page's meta tags (html_meta_date)."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(data, "lxml")
    encoding = soup.original_encoding or "utf-8"
    date = html_meta_date(soup)
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    body = soup.body or soup
    article = soup.find("article") or _densest_container(body) or body
    lines = _element_lines(article)
    title = _html_title(soup)
    dateline = _dateline_outside(body, article)
    if dateline and not any(dateline in ln for ln in lines[:5]):
        lines.insert(0, dateline)
    if title and not any(title in ln or ln in title for ln in lines[:3]):
        lines.insert(0, title)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "HTML page has no article text")
    return text, encoding, date


# Meta tags that give a page's publication date, best first (name=, property= or itemprop=,
# compared in lower case): Open Graph's article:published_time, the Chinese government sites'
# PubDate (and their variants), schema.org's datePublished, Dublin Core's, a bare date.
# A page's modification date (lastmodifiedtime, article:modified_time) is no publication date.
HTML_DATE_META = ("article:published_time", "pubdate", "publishdate", "publish_date",
                  "publish-date", "publishtime", "publishedtime", "firstpublishedtime",
                  "datepublished", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
                  "date")


def html_meta_date(soup) -> str | None:
    """ISO date of the best publication-date meta tag (HTML_DATE_META) with a valid date."""
    from policykg.extract import metadata

    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = next((tag.get(a) for a in ("name", "property", "itemprop", "http-equiv") if tag.get(a)), None)
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str):
            found.setdefault(key.strip().lower(), content)
    for key in HTML_DATE_META:
        date = metadata.iso_date(found[key]) if key in found else None
        if date:
            return date
    return None


def _dateline_outside(body, article) -> str | None:
    """The page's dateline or date field (2022年09月14日 10:25 来源：…, 发布时间：…) when it is
    printed above the article text, outside the element that holds it. Linear in the page:
    which blocks hold other blocks and which lie inside the article are found in one pass each
    (a search per element would be quadratic in a deeply nested page)."""
    from policykg.extract import layout

    blocks = body.find_all(_BLOCK_TAGS)
    inside = {id(d) for d in article.descendants} if article is not body else set()
    outer = _holding_blocks(body)
    for element in blocks:
        if element is article or id(element) in inside:
            return None  # reached the article: nothing above it
        if id(element) in outer:
            continue  # judge the innermost blocks
        line = " ".join(element.get_text(" ", strip=True).split())
        if line and (layout.is_dateline(line) or layout.is_dated_field(line)):
            return line
    return None


def _holding_blocks(body) -> set[int]:
    """ids of the elements that hold a block (br and hr aside), at any depth: in reverse
    document order an element's descendants come before it, so one pass over children decides
    each."""
    holding: set[int] = set()
    for element in reversed(body.find_all(True)):
        for child in element.children:
            name = getattr(child, "name", None)
            if name and ((name in _BLOCK_TAGS and name not in ("br", "hr")) or id(child) in holding):
                holding.add(id(element))
                break
    return holding


def _densest_container(root) -> object | None:
    """The element holding the most paragraph text: text of its <p> children, or of its own
    text lines (pages that separate paragraphs with <br>).  None if nothing qualifies."""
    scores: dict[int, list] = {}

    def add(element, n: int) -> None:
        entry = scores.setdefault(id(element), [0, element])
        entry[0] += n

    for p in root.find_all("p"):
        add(p.parent, len(p.get_text(strip=True)))
    for text in root.find_all(string=True):
        if text.parent is not None and text.parent.name in ("div", "td", "section", "article", "body") \
                and len(text.strip()) >= 20:
            add(text.parent, len(text.strip()))
    if not scores:
        return None
    score, best = max(scores.values(), key=lambda s: s[0])
    return best if score > 0 else None


def _html_title(soup) -> str:
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return " ".join(h1.get_text(" ", strip=True).split())
    if soup.title and soup.title.string:
        return re.split(r"\s*[_|｜–—-]\s*", soup.title.string.strip())[0]
    return ""


def _element_lines(element) -> list[str]:
    """Text of an element, a new line at each block element; inline text stays together."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = re.sub(r"[ \t\r\n\f]+", " ", "".join(current)).strip(" ")
        if line.strip() and not _LINK_LIST.match(line.strip()):
            lines.append(line)
        current.clear()

    # depth-first without recursion (a page may nest thousands of elements): a block element
    # starts and ends a line
    end_of_block = object()
    stack: list = [iter(element.children)]
    while stack:
        child = next(stack[-1], end_of_block)
        if child is end_of_block:
            stack.pop()
            continue
        if isinstance(child, str):
            current.append(str(child))
        elif child.name in _BLOCK_TAGS:
            flush()
            stack.append(_then_flush(iter(child.children), flush))
        else:
            stack.append(iter(child.children))
    flush()
    return lines


def _then_flush(children, flush):
    """The children of a block element, then a line break."""
    yield from children
    flush()


# ---------------------------------------------------------------- inputs

class Skipped(NamedTuple):
    """A file left out of a batch; str() is the one-line warning to show."""
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped, {self.reason}"


def iter_input_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Files to read from files and directories (walked, sorted), and the skipped ones with
    the reason (the caller shows them as warnings).  A named file that does not exist is
    kept, so that reading it reports the error."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        candidates = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)) \
            if path.is_dir() else [path]
        for p in candidates:
            if p.suffix.lower() in SUPPORTED_SUFFIXES or not p.exists():
                files.append(p)
            else:
                reason = f"unsupported file type '{p.suffix or p.name}' (not .txt, .pdf, .html)"
                skipped.append(Skipped(p, reason))
    return files, skipped


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
