"""Folding: the normal form used for matching (lower case, no accents, plain punctuation).

`fold` maps text to a string of the same length, so an offset in the folded text is the offset
in the original; `token_key` also expands ligatures (œ → oe) for token comparison.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000\t\r\n\u2028\u2029"
_APOSTROPHES = "’‘‛ʼ`´′"
_QUOTES = "“”„‟«»‹›″"
_DASHES = "‐‑‒–—―−"
_EXPANSIONS = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SPACES:
        return " "
    if char in _APOSTROPHES:
        return "'"
    if char in _QUOTES:
        return '"'
    if char in _DASHES:
        return "-"
    if char.isascii():
        return char.lower()
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    ).casefold()
    if len(stripped) == 1:
        return stripped
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


class _FoldTable(dict[int, str]):
    """A `str.translate` table that folds each character on first sight."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold case, accents, quotes, dashes and exotic spaces; the length is preserved."""
    return text.translate(_TABLE)


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """The comparison key of one token: folded, with ligatures and special letters expanded."""
    folded = fold(token)
    if folded.isascii():
        return folded
    expanded = "".join(_EXPANSIONS.get(c, c) for c in folded)
    return "".join(
        c for c in unicodedata.normalize("NFKD", expanded) if not unicodedata.combining(c)
    ).casefold()
