"""Who the text says a statement comes from: "selon X", "d'après X", "X a déclaré", "X said".

Shared by the rules backend (to fill a claim's sources) and the verifier (to notice a claim
that drops a source the text names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarize.text.entities import find_entities
from summarize.text.fold import fold
from summarize.text.lexicon import (
    CUES_BEFORE,
    CUES_VERB,
    KNOWN_AGENCIES,
    KNOWN_MEDIA,
    PRONOUNS,
    SOURCE_KINDS,
)

_PHRASE_END = re.compile(r"[,.;:!?()\[\]«»\"“”\n]")
_MAX_PHRASE = 120


@dataclass(frozen=True, slots=True)
class Attribution:
    """One cited source within a sentence; offsets are those of the sentence given."""

    name: str
    kind: str
    descriptor: str | None
    cue: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def alternation(cues: tuple[str, ...]) -> str:
        return "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))

    before = re.compile(rf"(?<![\w'])(?:{alternation(CUES_BEFORE)})(?![\w])")
    verb = re.compile(rf"(?<![\w'])(?:{alternation(CUES_VERB)})(?![\w])")
    return before, verb


@lru_cache(maxsize=1)
def _kind_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per kind of source, longest nouns first, compiled once."""
    return tuple(
        (
            kind,
            re.compile(
                r"(?<![\w])(?:"
                + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
                + r")(?![\w])"
            ),
        )
        for kind, nouns in SOURCE_KINDS
    )


def _kind(folded_phrase: str, name: str) -> tuple[str, int]:
    """The kind of source, and where its descriptor noun starts in the phrase (-1 if none).

    An anonymity marker wins; otherwise the first descriptor noun in the phrase decides
    ("le porte-parole du Kremlin" is an official, not the government).
    """
    best: tuple[int, int, str] | None = None
    for kind, pattern in _kind_patterns():
        m = pattern.search(folded_phrase)
        if not m:
            continue
        if kind == "anonymous":
            return kind, m.start()
        rank = (m.start(), -len(m.group()), kind)
        if best is None or rank < best:
            best = rank
    if best is not None:
        return best[2], best[0]
    key = fold(name).replace(" ", "")
    if key in KNOWN_AGENCIES:
        return "agency", -1
    if key in KNOWN_MEDIA:
        return "media", -1
    return "other", -1


def _from_phrase(phrase: str, offset: int, cue: str, context: str = "") -> Attribution | None:
    """The source named in `phrase`; `context` is the text just before it, for its kind."""
    folded = fold(phrase)
    kind, noun_at = _kind(folded, "")
    if kind == "anonymous":
        # "officials who asked not to be named": the whole phrase is the (unnamed) source.
        name = phrase.strip(" ,'’")
        start = offset + phrase.find(name)
        return Attribution(name, kind, None, cue, start, start + len(name))
    entities = [e for e in find_entities(phrase) if fold(e.text) not in PRONOUNS]
    if entities:
        ent = entities[-1]
        kind, noun_at = _kind(folded[: ent.start], ent.text)
        descriptor = phrase[noun_at : ent.start].strip(" ,'’") if noun_at >= 0 else None
        if kind == "other" and context:
            kind, noun_at = _kind(fold(context), ent.text)
            descriptor = context[noun_at:].strip(" ,'’") if noun_at >= 0 else None
        return Attribution(
            ent.text, kind, descriptor or None, cue, offset + ent.start, offset + ent.end
        )
    kind, noun_at = _kind(folded, "")
    if noun_at < 0:
        return None
    # No name: "selon des sources proches du dossier", "selon des experts".
    name = phrase.strip(" ,'’")
    start = offset + phrase.find(name)
    return Attribution(name, kind, None, cue, start, start + len(name))


def find_attributions(sentence: str) -> list[Attribution]:
    """Sources cited in one sentence, in order of appearance."""
    folded = fold(sentence)
    before, verb = _cue_patterns()
    found: list[Attribution] = []
    for m in before.finditer(folded):
        rest = sentence[m.end() : m.end() + _MAX_PHRASE]
        stop = _PHRASE_END.search(rest)
        phrase = rest[: stop.start()] if stop else rest
        att = _from_phrase(phrase, m.end(), sentence[m.start() : m.end()])
        if att:
            found.append(att)
    for m in verb.finditer(folded):
        cue = sentence[m.start() : m.end()]
        # Subject before the verb ("NHK a rapporté"), else inverted after it ("a dit Peskov").
        # A trailing comma closes an apposition: "Le porte-parole, Dmitri Peskov, a déclaré".
        lo = max(0, m.start() - _MAX_PHRASE)
        head = sentence[lo : m.start()].rstrip(" ,")
        start = lo + max(head.rfind(c) for c in ',.;:«»"“”') + 1
        att = _from_phrase(sentence[start : lo + len(head)], start, cue, sentence[lo:start])
        if att is None:
            rest = sentence[m.end() : m.end() + _MAX_PHRASE]
            stop = _PHRASE_END.search(rest)
            att = _from_phrase(rest[: stop.start()] if stop else rest, m.end(), cue)
        if att and not any(a.name == att.name for a in found):
            found.append(att)
    return found
