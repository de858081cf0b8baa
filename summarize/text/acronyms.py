"""Acronyms a text spells out: "Central Intelligence Agency" gives "cia", "Organisation des
Nations unies" gives "onu", so a claim may say "CIA" where the document never does.

Initials are read over a run of names joined by single spaces or hyphens; connectors ("de",
"of", "the") are skipped, a word in capitals ("USA") counts whole, and at most two words in
lower case ("unies") take part. At least two of the initials must come from capitalised words,
so ordinary prose ("Ukraine says") spells nothing.
"""

from __future__ import annotations

import re
from itertools import pairwise

from summarize.text.fold import token_key
from summarize.text.lexicon import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+")
_CONNECTORS = frozenset(
    {"de", "des", "du", "d", "la", "le", "les", "l", "of", "the", "for", "and", "et", "a", "au"}
    | {"aux", "pour", "sur", "en", "on", "in"}
)
_JOINS = ("", " ", "-", "'", "’", "\u00a0")
MAX_WORDS = 8
MAX_LOWER = 2  # "Organisation de coopération de Shanghai", "Nations unies"; prose goes on


def is_acronym(word: str) -> bool:
    """A word written in capitals, two to six letters ("CIA", "OTAN")."""
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def acronyms(text: str) -> set[str]:
    """Folded acronyms of the capitalised names in `text`."""
    return {acronym for _, acronym in acronyms_at(text)}


def acronyms_at(text: str) -> list[tuple[int, str]]:
    """(offset of the name's first word, folded acronym) for the names in `text`."""
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    keys = [token_key(w) for w in words]
    upper = [w[0].isupper() for w in words]
    # Whether word j follows word j - 1 with only a join between them.
    joined = [False] + [text[m.end() : n.start()] in _JOINS for m, n in pairwise(matches)]
    found: list[tuple[int, str]] = []
    for i in range(len(words)):
        if not upper[i] or keys[i] in STOPWORDS:
            continue
        letters, capitals, lower = "", 0, 0
        for j in range(i, min(len(words), i + MAX_WORDS)):
            if j > i and not joined[j]:
                break
            key = keys[j]
            if j > i and key in _CONNECTORS:
                continue
            word = words[j]
            if upper[j] and is_acronym(word):
                letters, capitals = letters + word, capitals + 2
            elif upper[j]:
                letters, capitals = letters + word[0], capitals + 1
            elif key in STOPWORDS or lower == MAX_LOWER:
                break
            else:
                letters, lower = letters + word[0], lower + 1
            if capitals >= 2 and len(letters) >= 2:
                found.append((matches[i].start(), token_key(letters)))
    return found
