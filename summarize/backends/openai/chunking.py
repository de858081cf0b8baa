"""Long documents in parts: sentence boundaries, a token budget, and overlap between parts."""

from __future__ import annotations

import math

from summarize.text.sentences import Segment, sentences

CHARS_PER_TOKEN = 4  # a tokenizer-free estimate: tokenizer files cannot be fetched offline


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def _pieces(text: str, start: int, end: int, budget: int) -> list[Segment]:
    """Sentences of `text[start:end]`; one longer than the budget is cut at white space."""
    out: list[Segment] = []
    limit = budget * CHARS_PER_TOKEN
    for s in sentences(text[start:end]):
        lo, hi = start + s.start, start + s.end
        while hi - lo > limit:
            cut = text.rfind(" ", lo, lo + limit)
            cut = cut if cut > lo else lo + limit
            out.append(Segment(lo, cut))
            lo = cut
        out.append(Segment(lo, hi))
    return out


def chunk(text: str, start: int, budget: int, overlap: int) -> list[Segment]:
    """Parts of `text[start:]`, each within `budget` tokens, consecutive parts sharing up to
    `overlap` tokens of whole sentences."""
    if estimate_tokens(text[start:]) <= budget:
        return [Segment(start, len(text))]
    pieces = _pieces(text, start, len(text), budget)
    parts: list[Segment] = []
    i = 0
    while i < len(pieces):
        j = i
        while (
            j + 1 < len(pieces)
            and estimate_tokens(text[pieces[i].start : pieces[j + 1].end]) <= budget
        ):
            j += 1
        parts.append(Segment(pieces[i].start, pieces[j].end))
        if j + 1 >= len(pieces):
            break
        # Step back over whole sentences worth at most `overlap` tokens, always moving forward.
        k = j + 1
        while k - 1 > i and estimate_tokens(text[pieces[k - 1].start : pieces[j].end]) <= overlap:
            k -= 1
        i = k
    return parts
