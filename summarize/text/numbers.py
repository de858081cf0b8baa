"""Numbers as written in French and English news: "25 000", "25,000", "1,5 million", "20 %".

Each mention carries its value and whether the text bounds it ("jusqu'à", "up to") or
approximates it ("environ", "about").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from text_to_num.transforms import text2num

from summarize.text.fold import fold
from summarize.text.lexicon import (
    APPROXIMATE,
    LOWER_BOUND,
    NUMBER_PARTS_EN,
    NUMBER_PARTS_FR,
    SCALES,
    UPPER_BOUND,
)
from summarize.text.tokens import CACHED_CHARS

_SP = r"[ \u00a0\u202f\u2009\u2007]"
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(?:"
    rf"(?P<spaced>\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?)"
    r"|(?P<comma>\d{1,3}(?:,\d{3})+(?:\.\d+)?)"
    r"|(?P<dot>\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?)"
    r"|(?P<plain>\d+(?:[.,]\d+)?)"
    r")(?![\d])"
    rf"(?P<scale>{_SP}?(?:millions?|milliards?|billions?|trillion|thousand|mille|mn|bn)\b)?"
    rf"(?P<pct>{_SP}?(?:%|(?:pour cent|per ?cent|percent)\b))?",
    re.IGNORECASE,
)
_PART = "|".join(sorted(NUMBER_PARTS_FR | NUMBER_PARTS_EN | {"un", "une", "one"}, key=len))
# A run of number words joined by spaces, hyphens, "et" or "and" ("quatre-vingt-dix", "vingt et
# un", "one hundred and five"); a run must hold one word of the lists, not only "un"/"one".
_WORD_RE = re.compile(
    rf"(?<![\w-])(?:{_PART})(?:(?:[ -]|\s(?:et|and)\s)(?:{_PART}))*(?!\w)", re.IGNORECASE
)
_SPACE_CHARS = re.compile(_SP)
_PERCENT_BEFORE = re.compile(r"(?:\bper|\bpour)\s$")
_PERCENT_AFTER = re.compile(rf"{_SP}?(?:%|(?:pour cent|per ?cent|percent)\b)")


class Qualifier(StrEnum):
    exact = "exact"
    upper_bound = "upper_bound"
    lower_bound = "lower_bound"
    approximate = "approximate"


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float
    percent: bool
    qualifier: Qualifier

    def same_quantity(self, other: NumberMention) -> bool:
        """Equal values (to rounding) with the same unit."""
        if self.percent != other.percent:
            return False
        scale = max(abs(self.value), abs(other.value), 1e-9)
        return abs(self.value - other.value) / scale < 0.005


def _value(m: re.Match[str]) -> float:
    if m.group("spaced"):
        digits = _SPACE_CHARS.sub("", m.group("spaced")).replace(",", ".")
    elif m.group("comma"):
        digits = m.group("comma").replace(",", "")
    elif m.group("dot"):
        digits = m.group("dot").replace(".", "").replace(",", ".")
    else:
        plain = m.group("plain")
        # "1,5" is a French decimal; "1.5" an English one: both read as 1.5.
        digits = plain.replace(",", ".")
    value = float(digits)
    scale = m.group("scale")
    if scale:
        value *= SCALES[fold(scale.strip(" \u00a0\u202f\u2009\u2007")).lower()]
    return value


# Every cue with what it says, the longest first: "pas moins de" is a floor, "moins de" a cap.
_QUALIFIER_CUES = sorted(
    [(c, Qualifier.upper_bound) for c in UPPER_BOUND]
    + [(c, Qualifier.lower_bound) for c in LOWER_BOUND]
    + [(c, Qualifier.approximate) for c in APPROXIMATE],
    key=lambda cue: -len(cue[0]),
)


def _qualifier(folded: str, start: int) -> Qualifier:
    before = folded[max(0, start - 24) : start].rstrip()
    for cue, qualifier in _QUALIFIER_CUES:
        if before.endswith(cue) and not before[: -len(cue)][-1:].isalpha():
            return qualifier
    return Qualifier.exact


def as_qualified(text: str, n: NumberMention) -> str:
    """The number as `text` writes it with its qualifier: "jusqu'à 25 000", "at least 30"."""
    if n.qualifier is Qualifier.exact:
        return n.text
    folded = fold(text[: n.start])
    before = folded.rstrip()
    for cue, qualifier in _QUALIFIER_CUES:
        if qualifier is n.qualifier and before.endswith(cue):
            return text[len(before) - len(cue) : n.end]
    return n.text


def _spelled(words: str) -> float | None:
    """The value of a number written out (folded), read by text2num; None if it is none."""
    parts = re.split(r"[ -]+", words)
    french = sum(p in NUMBER_PARTS_FR for p in parts) >= sum(p in NUMBER_PARTS_EN for p in parts)
    if not any(p in NUMBER_PARTS_FR or p in NUMBER_PARTS_EN for p in parts):
        return None  # "un", "one" alone
    for attempt in (words, re.sub(r"\s(?:and)\s", " ", words)):
        try:
            return float(text2num(attempt, "fr" if french else "en"))
        except ValueError:
            continue
    return None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mentioned in `text`, in order."""
    if len(text) > CACHED_CHARS:
        return list(_find_numbers.__wrapped__(text))  # a whole document: read once by its caller
    return list(_find_numbers(text))


@lru_cache(maxsize=4096)
def _find_numbers(text: str) -> tuple[NumberMention, ...]:
    # Read once a text: every check of every claim asks again of the same sentences.
    folded = fold(text)
    out: list[NumberMention] = []
    for m in _NUMBER_RE.finditer(text):
        end = m.end()
        raw = text[m.start() : end].rstrip()
        out.append(
            NumberMention(
                start=m.start(),
                end=m.start() + len(raw),
                text=raw,
                value=_value(m),
                percent=bool(m.group("pct")),
                qualifier=_qualifier(folded, m.start()),
            )
        )
    # Digit mentions are in order and apart: the one that starts last before a word's end is
    # the only one that may overlap it.
    starts = [n.start for n in out]
    ends = [n.end for n in out]
    for m in _WORD_RE.finditer(folded):
        at = bisect_left(starts, m.end()) - 1
        if at >= 0 and ends[at] > m.start():
            continue  # the scale of "1,5 million", already read with its digits
        pieces = [(m.start(), m.end())]
        if _spelled(m.group()) is None:
            # "deux et trois", "two and three": numbers side by side, not one number.
            pieces, at = [], m.start()
            for joint in re.finditer(r"\s(?:et|and)\s", m.group()):
                pieces.append((at, m.start() + joint.start()))
                at = m.start() + joint.end()
            pieces.append((at, m.end()))
        for start, end in pieces:
            if _PERCENT_BEFORE.search(folded[max(0, start - 5) : start]):
                continue  # the "cent" of "per cent", "pour cent"
            value = _spelled(folded[start:end])
            if value is None:
                continue
            out.append(
                NumberMention(
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=value,
                    percent=bool(_PERCENT_AFTER.match(folded, end)),
                    qualifier=_qualifier(folded, start),
                )
            )
    out.sort(key=lambda n: n.start)
    return tuple(out)
