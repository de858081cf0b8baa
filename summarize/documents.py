"""Loading documents: bytes to normalised text, metadata and a content hash.

Every offset elsewhere in summarize indexes `Document.text` exactly as returned here.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from summarize.errors import DocumentError, StillWritingError, shown
from summarize.inputs import kind_of
from summarize.models import DocumentMeta
from summarize.pdf import looks_like_pdf, pdf_text
from summarize.text.language import detect_language

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# Formats that are never text: named, so that `brief report.pdf` says so instead of briefing
# whatever bytes decode.
UNSUPPORTED_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".bmp",
        ".tif",
        ".tiff",
        ".svgz",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".rar",
        ".tar",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
        ".epub",
        ".mp3",
        ".mp4",
        ".wav",
        ".ogg",
        ".mov",
        ".avi",
        ".exe",
        ".so",
        ".dll",
        ".sqlite",
        ".db",
    ]
)

# The seed's first line: " date 2025-06 Photo archives : AFP/KCNA via KNS".
_DATE_LINE = re.compile(
    r"\A[ \t]*date[ \t]*:?[ \t]+(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)[ \t]*(?P<rest>[^\n]*)\n",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)
_MD_TITLE = re.compile(r"^#[ \t]+(?P<title>.+)$", re.MULTILINE)
# A .txt's title: a short first line with no closing full stop, then a blank line.
_TXT_TITLE = re.compile(r"\s*(?P<title>[^\n]{3,160}?[^.!?:;,\s])[ \t]*\n[ \t]*\n")
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded document: its text, what we know about it, and where its body starts."""

    text: str
    meta: DocumentMeta
    body_start: int = 0


def _decode(data: bytes, path: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError(path, f"invalid {encoding} text ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise DocumentError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a truncated download, a bad copy) stays UTF-8: guessing a
    # legacy encoding would garble every accent to save a handful of characters.
    replaced = data.decode("utf-8", errors="replace")
    broken = replaced.count("\ufffd")
    if broken <= max(2, len(replaced) // 200) and _has_utf8_sequences(data):
        return replaced, f"utf-8 ({broken} invalid byte sequences replaced)"
    guessed = _guess_legacy_encoding(data)
    if guessed is None:
        raise DocumentError(path, "not text in any encoding we recognise")
    encoding = guessed
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"undecodable as {encoding} ({exc.reason})") from None


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether the bytes hold valid multi-byte UTF-8 (or are plain ASCII but for the errors)."""
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is not None or all(
        b < 0x80 or b > 0xF4 for b in data[:4096]
    )


def _guess_legacy_encoding(data: bytes) -> str | None:
    """The most plausible 8-bit encoding; among equally plausible ones, Western European.

    Short French text reads as well in cp1250 as in cp1252 ("prčs" for "près"); French and
    English come first here, so the tie goes to cp1252, then Latin-1 and Latin-9.
    """
    matches = list(charset_normalizer.from_bytes(data[:1_000_000]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = {m.encoding for m in matches if m.chaos <= least + 0.01}
    for preferred in _WESTERN:
        if preferred in tied:
            return preferred
    best = min(matches, key=lambda m: m.chaos)
    return str(best.encoding)


def _html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page; scripts, styles and boilerplate dropped.

    The title is the article's own `<h1>` when it has one (the `<title>` often names the
    site), and a date is one the page states in its markup: no search of the free text,
    which turns "© 2026" into 2026-01-01 and costs seconds loading every date locale.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    body = trafilatura.extract(html, include_comments=False, include_tables=True)
    if not body:
        body = trafilatura.html2txt(html)
    meta = trafilatura.extract_metadata(html, extensive=False)
    title = _first_heading(html) or (getattr(meta, "title", None) if meta else None)
    date = getattr(meta, "date", None) if meta else None
    return body or "", title, date


def _first_heading(html: str) -> str | None:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().split())
        if text:
            return text
    return None


# Markdown markup, blanked out in place so that offsets stay those of the file: heading
# marks, emphasis, code ticks, list bullets, quotes, and a link's target.
_MD_LINE_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)", re.M)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`+)(?=\S)([^\n]*?\S)\1")


def blank_markdown(text: str) -> str:
    """`text` with its Markdown markup replaced by spaces: the same length, the same offsets."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    for m in _MD_LINE_MARKS.finditer(text):
        blank(m.start(), m.end())
    for m in _MD_LINK.finditer(text):
        blank(m.start(), m.start(1))
        blank(m.end(1), m.end())
    for m in _MD_EMPHASIS.finditer(text):
        if m.group(1) in ("_", "*") and text[m.start() - 1 : m.start()].isalnum():
            continue  # snake_case, 2*3
        blank(m.start(), m.start(2))
        blank(m.end(2), m.end())
    return "".join(chars)


def _looks_like_html(text: str) -> bool:
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _leading_metadata(text: str, fmt: str) -> tuple[int, str | None, str | None, str | None]:
    """Offset where the body starts, plus title, date and credit found before it."""
    title = date = credit = None
    start = 0
    if fmt == "md" and (fm := _FRONT_MATTER.match(text)):
        for line in fm.group("body").splitlines():
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip().lower() == "title" and value:
                title = value
            elif key.strip().lower() == "date" and value:
                date = value
        start = fm.end()
    if m := _DATE_LINE.match(text, start):
        date = m.group("date")
        credit = m.group("rest").strip() or None
        start = m.end()
    if fmt == "md" and title is None and (t := _MD_TITLE.search(text, start)):
        title = t.group("title").strip()
    if fmt == "txt" and title is None and (t := _TXT_TITLE.match(text, start)):
        title = t.group("title").strip()
    return start, title, date, credit


def parse(
    data: bytes,
    *,
    path: str | None = None,
    suffix: str = ".txt",
    language: str | None = None,
    charset: str | None = None,
) -> Document:
    """Turn raw bytes into a Document; `path` only names the source in errors and metadata.

    `charset` is what the bytes declare they are (an HTTP Content-Type), tried first.
    """
    if not data:
        raise DocumentError(path, "empty file")
    if suffix == ".pdf" or looks_like_pdf(data):
        return _parse_pdf(data, path, language)
    raw, encoding = _declared(data, charset) or _decode(data, path)
    if not raw.strip():
        raise DocumentError(path, "file holds only white space")
    # NFC so that "é" typed as e + combining accent matches a model's "é"; \r\n so that lines
    # split the same everywhere.
    text = unicodedata.normalize("NFC", raw.lstrip("\ufeff").replace("\r\n", "\n"))
    fmt = (
        "html"
        if suffix in HTML_SUFFIXES or _looks_like_html(text)
        else ("md" if suffix in MARKDOWN_SUFFIXES else "txt")
    )
    title = date = None
    if fmt == "html":
        text, title, date = _html_to_text(text)
        text = unicodedata.normalize("NFC", text)
    body_start, found_title, found_date, credit = _leading_metadata(text, fmt)
    if fmt == "md":
        text = blank_markdown(text)
    if not text[body_start:].strip():
        raise DocumentError(path, "no text left after removing markup and metadata")
    meta = DocumentMeta(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        chars=len(text),
        format=fmt,
        encoding=encoding,
        language=language or detect_language(text[body_start:]),
        title=title or found_title,
        date=date or found_date,
        credit=credit,
    )
    return Document(text=text, meta=meta, body_start=body_start)


def _declared(data: bytes, charset: str | None) -> tuple[str, str] | None:
    """The bytes decoded as they say they are, when they are; None to guess instead."""
    if not charset or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return None  # a byte order mark says more than a header
    try:
        return data.decode(charset), codecs.lookup(charset).name
    except (LookupError, UnicodeDecodeError):
        return None


def _parse_pdf(data: bytes, path: str | None, language: str | None) -> Document:
    found = pdf_text(data, path)
    text = unicodedata.normalize("NFC", found.text)
    meta = DocumentMeta(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        chars=len(text),
        format="pdf",
        encoding="pdf text layer",
        language=language or detect_language(text),
        title=found.title,
        date=found.date,
    )
    return Document(text=text, meta=meta)


def _changed(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)


def read_limited(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, expect: os.stat_result | None = None
) -> bytes:
    """A regular file's bytes, refused (before reading) when larger than `max_bytes`.

    A FIFO, socket or device is refused without blocking on it. A file whose size or time
    changes while it is read (or since `expect`, the stat its caller saw) is still being
    written: `StillWritingError`, so that nobody publishes half of it.
    """
    name = shown(path)
    mib = 2**20
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, exc.strerror or type(exc).__name__) from None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise DocumentError(name, f"{kind_of(before.st_mode)}, not a document file")
        if before.st_size > max_bytes:
            raise DocumentError(
                name,
                f"file is {before.st_size / mib:.1f} MiB, over the {max_bytes / mib:.0f} MiB"
                " limit (raise it with SUMMARIZE_MAX_BYTES)",
            )
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(max_bytes + 1)
        after = os.fstat(fd)
    except OSError as exc:
        raise DocumentError(name, exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise DocumentError(name, f"file grew past the {max_bytes / mib:.0f} MiB limit while read")
    if _changed(before, after) or (expect is not None and _changed(expect, after)):
        raise StillWritingError(name, "still being written (it changed while read); left for later")
    return data


def load(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, expect: os.stat_result | None = None
) -> Document:
    """Read and parse one file; every failure is a DocumentError naming the file."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise DocumentError(
            p, f"{suffix} files are not supported (text, Markdown, HTML and PDF documents are)"
        )
    return parse(read_limited(p, max_bytes, expect), path=shown(p), suffix=suffix)


def read_stream(
    stream: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str = "stdin"
) -> Document:
    """A document read from a stream (standard input) to its end; its type told by its bytes."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(name, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise DocumentError(
            name, f"over the {max_bytes / 2**20:.0f} MiB limit (raise it with SUMMARIZE_MAX_BYTES)"
        )
    return parse(data, path=name, suffix="")


def from_text(text: str, *, name: str | None = None, language: str | None = None) -> Document:
    """A Document from a string already in memory (library use)."""
    return parse(text.encode("utf-8"), path=name, suffix=".txt", language=language)
