"""A PDF's text layer as a document's text: pages in order, lines rejoined into paragraphs.

Only the text layer is read (no OCR): a scanned PDF says it has no text. Every offset elsewhere
indexes the text returned here, which is what the briefing shows and quotes.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from summarize.errors import DocumentError

PDF_MAGIC = b"%PDF-"
# A line that ends a sentence (or a quotation) ends a paragraph too, as far as we can tell from
# a text layer: the line break is kept; any other line break is the layout's and becomes a space.
_ENDS_SENTENCE = re.compile(r"[.!?:;»\"”)…]\s*\Z")
_PDF_DATE = re.compile(r"\A(?:D:)?(?P<y>\d{4})(?P<m>\d{2})?(?P<d>\d{2})?")


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str
    title: str | None
    date: str | None
    pages: int


def looks_like_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def reflow(page: str) -> str:
    """A page's lines as paragraphs: a line broken by the layout joins the next one."""
    out: list[str] = []
    for line in page.splitlines():
        line = line.rstrip()
        if not line.strip():
            if out and out[-1] != "\n":
                out.append("\n")
            continue
        if out and out[-1] != "\n":
            previous = out[-1]
            if _ENDS_SENTENCE.search(previous):
                out.append("\n")
            elif previous.endswith("-") and line[:1].islower():
                pass  # a word hyphenated at the line's end: "nord-" + "coréens"
            else:
                out.append(" ")
        out.append(line)
    return "".join(out).strip()


def _date(value: object) -> str | None:
    match = _PDF_DATE.match(str(value or ""))
    if not match or not match["y"].startswith(("19", "20")):
        return None
    return "-".join(part for part in (match["y"], match["m"], match["d"]) if part)


def pdf_text(data: bytes, path: str | None) -> PdfText:
    """The text of a PDF's pages, its title and its creation date; a DocumentError naming
    `path` when it has no text layer, is encrypted or cannot be read."""
    import pypdf  # imported here: only PDFs need it

    # pypdf logs every oddity of a damaged file as a warning: they would reach stderr as lines
    # that are not ours; a file we cannot read says so once, as an error.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(path, "an encrypted PDF (a password is needed to read its text)")
        pages = [reflow(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata
    except DocumentError:
        raise
    except Exception as exc:  # a damaged file breaks pypdf in many ways; each is the file's fault
        raise DocumentError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    finally:
        logger.setLevel(level)
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise DocumentError(
            path,
            f"a PDF with no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''},"
            " scanned or images only);"
            " only a PDF's text is read, not its images",
        )
    title = str(info.title).strip() if info is not None and info.title else None
    date = _date(info.get("/CreationDate")) if info is not None else None
    return PdfText(text, title or None, date, len(pages))
