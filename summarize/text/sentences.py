"""Paragraphs and sentences as offset ranges into the original text.

A small rule-based splitter rather than a library: we need exact offsets into the text as
loaded, French and English abbreviations, and linear time on megabyte documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.text.fold import fold
from summarize.text.lexicon import ABBREVIATIONS

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*|\n")
# End punctuation, optional closing quotes or brackets, then space and a likely sentence start.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”»’)\]]*)(\s+)(?=[\"'“«‘(\[]?\s?[\w¿¡])")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
# A run of text with no sentence end (a one-line dump, a table flattened) is cut into pieces of
# at most this many characters at white space, so that every later step stays linear in it.
MAX_SENTENCE = 2000


@dataclass(frozen=True, slots=True)
class Segment:
    """A half-open range `[start, end)` of the text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


def _trimmed(text: str, start: int, end: int) -> Segment | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Segment(start, end) if end > start else None


def paragraphs(text: str) -> list[Segment]:
    """Non-empty lines or blocks separated by line breaks."""
    out: list[Segment] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        seg = _trimmed(text, pos, m.start())
        if seg:
            out.append(seg)
        pos = m.end()
    seg = _trimmed(text, pos, len(text))
    if seg:
        out.append(seg)
    return out


def _is_abbreviation(text: str, punct_start: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, punct_start - 12), punct_start)
    if not m:
        return False
    word = fold(m.group(1)).strip(".")
    if word in ABBREVIATIONS:
        return True
    # A single capital letter is an initial ("J. Smith"), not the end of a sentence.
    return len(word) == 1 and text[m.start(1)].isupper()


_TIME_OF_DAY = re.compile(r"\d\s?[ap]\.m$", re.IGNORECASE)


def _time_of_day(text: str, punct_start: int, next_start: int) -> bool:
    """ "at 6 a.m. on Monday": a time of day ends a sentence only before a capital letter."""
    return bool(_TIME_OF_DAY.search(text, max(0, punct_start - 6), punct_start)) and (
        not text[next_start : next_start + 1].isupper()
    )


def sentences_in(text: str, segment: Segment) -> list[Segment]:
    """Sentences inside one paragraph."""
    out: list[Segment] = []
    pos = segment.start
    for m in _BOUNDARY.finditer(text, segment.start, segment.end):
        if m.group(1) == "." and _is_abbreviation(text, m.start(1)):
            continue
        if m.group(1) == "." and _time_of_day(text, m.start(1), m.end(3)):
            continue
        seg = _trimmed(text, pos, m.end(2))
        if seg:
            out.extend(_bounded(text, seg))
        pos = m.end(3)
    seg = _trimmed(text, pos, segment.end)
    if seg:
        out.extend(_bounded(text, seg))
    return out


def _bounded(text: str, seg: Segment) -> list[Segment]:
    """`seg`, or its pieces of at most MAX_SENTENCE characters cut at the last white space."""
    if seg.end - seg.start <= MAX_SENTENCE:
        return [seg]
    out: list[Segment] = []
    start = seg.start
    while seg.end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(" ", start + MAX_SENTENCE // 2, limit), text.rfind("\n", start, limit))
        cut = cut if cut > start else limit
        piece = _trimmed(text, start, cut)
        if piece:
            out.append(piece)
        start = cut
    piece = _trimmed(text, start, seg.end)
    if piece:
        out.append(piece)
    return out


def sentences(text: str) -> list[Segment]:
    """All sentences of the text, paragraph by paragraph."""
    return [s for p in paragraphs(text) for s in sentences_in(text, p)]


def is_heading(text: str, paragraph: Segment) -> bool:
    """A short line with no closing punctuation reads as a title or section heading."""
    body = paragraph.slice(text)
    return (
        "\n" not in body
        and len(body.split()) <= 14
        and not body.rstrip("\"'”»’)").endswith((".", "!", "?", "…", ":", ";", ","))
    )
