"""Words that change how firmly something is said: conditionals, hedges, negations, predictions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from summarize.text.fold import fold
from summarize.text.lexicon import (
    CONDITIONAL_SUFFIXES,
    HEDGE_PHRASES,
    HEDGES_EN,
    HEDGES_FR,
    NEGATION_NEEDS_NE,
    NEGATIONS,
    NOT_CONDITIONAL,
    OPINION_MARKERS,
    PREDICTION_MARKERS,
)
from summarize.text.tokens import CACHED_CHARS

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


class MarkerKind(StrEnum):
    conditional = "conditional"
    hedge = "hedge"
    negation = "negation"
    opinion = "opinion"
    prediction = "prediction"


@dataclass(frozen=True, slots=True)
class Marker:
    start: int
    end: int
    text: str
    kind: MarkerKind


def _conditional(word: str) -> bool:
    return (
        len(word) > 5
        and word.endswith(CONDITIONAL_SUFFIXES)
        and word not in NOT_CONDITIONAL
        and not word.endswith(("trait", "traits"))
    )


def _month(text: str, start: int, end: int) -> bool:
    """ "May" the month, not the modal: capitalised mid-sentence, or next to a number."""
    if text[start:end] != "May":
        return False
    before = text[max(0, start - 40) : start].rstrip()
    after = text[end : end + 40].lstrip()
    return (
        (bool(before) and before[-1] not in '.!?:;"“«\n')
        or before[-1:].isdigit()
        or after[:1].isdigit()
    )


def find_markers(text: str) -> list[Marker]:
    """Hedges, conditionals, negations, opinion and prediction words in `text`, in order."""
    if len(text) > CACHED_CHARS:
        return list(_find_markers.__wrapped__(text))  # a whole document: read once by its caller
    return list(_find_markers(text))


@lru_cache(maxsize=4096)
def _find_markers(text: str) -> tuple[Marker, ...]:
    # Read once a text: every check of every claim asks again of the same sentences.
    folded = fold(text)
    out: list[Marker] = []
    words = list(_WORD.finditer(folded))
    has_ne = any(w.group() in ("ne", "n") for w in words)
    for m in words:
        w = m.group()
        kind: MarkerKind | None = None
        if (w in HEDGES_FR or w in HEDGES_EN) and not _month(text, m.start(), m.end()):
            kind = (
                MarkerKind.conditional
                if w.endswith(CONDITIONAL_SUFFIXES) or w in {"would", "could", "might"}
                else MarkerKind.hedge
            )
        elif _conditional(w):
            kind = MarkerKind.conditional
        elif w in NEGATIONS and w not in {"ne", "n", "ni", "nor", "personne"}:
            if w not in NEGATION_NEEDS_NE or has_ne:
                kind = MarkerKind.negation
        elif w in OPINION_MARKERS:
            kind = MarkerKind.opinion
        elif w in PREDICTION_MARKERS:
            kind = MarkerKind.prediction
        if kind is not None:
            out.append(Marker(m.start(), m.end(), text[m.start() : m.end()], kind))
    for phrase in HEDGE_PHRASES:
        if phrase not in folded:
            continue
        for m in re.finditer(rf"(?<![\w]){re.escape(phrase)}(?![\w])", folded):
            out.append(Marker(m.start(), m.end(), text[m.start() : m.end()], MarkerKind.hedge))
    out.sort(key=lambda mk: mk.start)
    return tuple(out)


def kinds(markers: list[Marker]) -> set[MarkerKind]:
    return {m.kind for m in markers}
