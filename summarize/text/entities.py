"""Named entities by shape: capitalised words, acronyms, and the words that join them.

No tagger model is shipped; for French and English news, capitalisation away from the start of a
sentence, plus acronyms, finds the actors and places that a claim must not swap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarize.text.fold import fold
from summarize.text.lexicon import SENTENCE_OPENERS, STOPWORDS
from summarize.text.tokens import CACHED_CHARS, token_keys

_WORD = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[^\W\d_][\w'’\-]*")
_CONNECTORS = frozenset(
    {"de", "du", "des", "d", "la", "le", "l", "of", "the", "al", "el", "von", "van"}
)
_SENTENCE_ENDS = frozenset('.!?…:;«"“\n')
# French elided words ("l'OCS", "d'Ivoire"): the name starts after the apostrophe.
_ELIDED = re.compile(r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Word:
    """A word and its offsets, read like a regex match."""

    begin: int
    stop: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str

    @property
    def keys(self) -> tuple[str, ...]:
        """The name's token keys, an owner's "'s" left off ("Britain's" is Britain)."""
        name = self.text[:-2] if _possessive(self.text) else self.text
        return tuple(token_keys(name))


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def starts_sentence(text: str, pos: int) -> bool:
    """Whether only white space lies between `pos` and the text's start, a line break or a
    sentence-ending mark. It looks back over that white space only, so it stays linear."""
    i = pos - 1
    while i >= 0 and text[i].isspace() and text[i] != "\n":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def _possessive(word: str) -> bool:
    """ "Japan's NHK": the owner ends a name; what it owns is another."""
    return word.endswith(("'s", "’s"))


def _common(word: str) -> bool:
    """A stop word, an elided one ("D'après"), a connective or a number word ("However",
    "Trois"): capitalised only by position."""
    folded = fold(word)
    return folded in STOPWORDS or folded in SENTENCE_OPENERS or folded.split("'")[0] in STOPWORDS


def _words(text: str) -> list[_Word]:
    """Words of `text`, an elided article or preposition split off as a word of its own."""
    out: list[_Word] = []
    for m in _WORD.finditer(text):
        start, word = m.start(), m.group()
        elided = _ELIDED.match(word)
        if elided:
            out.append(_Word(start, start + elided.end(), elided.group()))
            start += elided.end()
            word = word[elided.end() :]
        out.append(_Word(start, m.end(), word))
    return out


def find_entities(text: str) -> list[Entity]:
    """Capitalised sequences ("Corée du Nord", "RBC-Ukraine", "NHK") in `text`."""
    if len(text) > CACHED_CHARS:
        return list(_find_entities.__wrapped__(text))  # a whole document: read once by its caller
    return list(_find_entities(text))


@lru_cache(maxsize=4096)
def _find_entities(text: str) -> tuple[Entity, ...]:
    # Read once a text: every check of every claim asks again of the same sentences.
    words = _words(text)
    out: list[Entity] = []
    i = 0
    while i < len(words):
        m = words[i]
        word = m.group()
        at_start = starts_sentence(text, m.start())
        # Capitalised at the start of a sentence says nothing unless the word is no common one.
        starts = _is_acronym(word) or (_is_capitalised(word) and not (at_start and _common(word)))
        if not starts:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and not _possessive(words[j].group()):
            nxt = words[j + 1]
            gap = text[words[j].end() : nxt.start()]
            if gap not in (" ", "\u00a0", "-"):
                break
            if _is_capitalised(nxt.group()):
                j += 1
                continue
            # "Corée du Nord": a connector joins only when a capitalised word follows it.
            if (
                fold(nxt.group()).rstrip("'’") in _CONNECTORS
                and j + 2 < len(words)
                and _is_capitalised(words[j + 2].group())
                and text[nxt.end() : words[j + 2].start()] in ("", " ", "'", "’")
            ):
                j += 2
                continue
            break
        start, end = m.start(), words[j].end()
        span = text[start:end]
        # A lone sentence-initial word that is not an acronym is kept only if it is no stop word.
        if not (at_start and i == j and _common(span)):
            out.append(Entity(start, end, span.rstrip("'’")))
        i = j + 1
    return tuple(out)


# Words of the document's name a claim may leave out: a first name, a middle initial.
NAME_GAP = 2


def within_name(keys: Sequence[str], name: Sequence[str], at: Iterable[int] | None = None) -> bool:
    """Whether the words `keys` give the name `name` (two words or more) with at most NAME_GAP
    of their words left out inside it: "Chancellor Merkel" in "Chancellor Angela Merkel",
    "Professor Glaister" in "Professor Stephen Glaister". `at`: where the name's first word
    is in `keys`, if known."""
    if len(name) < 2:
        return False
    first, rest = name[0], name[1:]
    starts = at if at is not None else (i for i, key in enumerate(keys) if key == first)
    for i in starts:
        j, left_out = i + 1, 0
        for word in rest:
            while j < len(keys) and keys[j] != word and left_out < NAME_GAP:
                j, left_out = j + 1, left_out + 1
            if j >= len(keys) or keys[j] != word:
                break
            j += 1
        else:
            return True
    return False
