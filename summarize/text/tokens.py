"""Tokens with their offsets in the original text.

Punctuation, quotes and spacing never form tokens, so two texts that differ only in those
compare equal token by token. Digit groups ("25 000", "25,000", "25 000") become one token, and
so do dotted acronyms ("U.S." reads as "US").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from summarize.text.fold import token_key

# A grouped number first (thin, narrow and plain non-breaking spaces all match \s; a line
# break ends a number, "00\n132" is two), then a dotted acronym ("U.S", its last dot left to
# end a sentence), then words.
TOKEN_RE = re.compile(
    r"\d{1,3}(?:(?:[,.'’]|[^\S\r\n])\d{3})+(?!\d)|(?:[^\W\d_]\.)+[^\W\d_](?![^\W\d_])|[^\W_]+"
)
_NOT_DIGIT = re.compile(r"\D")
# Texts up to this long (sentences, passages, claims) are read once and remembered.
CACHED_CHARS = 50_000


@dataclass(slots=True)
class Tokens:
    """Parallel lists: comparison key, start and end offset of each token."""

    keys: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.keys)


def tokenize(text: str, offset: int = 0) -> Tokens:
    """Split `text` into comparison tokens; offsets are shifted by `offset`."""
    out = Tokens()
    keys, starts, ends = out.keys, out.starts, out.ends
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        if raw[0].isdigit() and not raw.isalnum():
            key = _NOT_DIGIT.sub("", raw)
        else:
            key = token_key(raw.replace(".", "") if "." in raw else raw)
        keys.append(key)
        starts.append(m.start() + offset)
        ends.append(m.end() + offset)
    return out


def token_keys(text: str) -> list[str]:
    """Only the comparison keys of `text`."""
    if len(text) > CACHED_CHARS:
        return tokenize(text).keys  # a whole document: read once by its caller
    return list(_keys(text))


@lru_cache(maxsize=4096)
def _keys(text: str) -> tuple[str, ...]:
    # Read once a text: the checks of every claim ask again for the same passages' keys.
    return tuple(tokenize(text).keys)
