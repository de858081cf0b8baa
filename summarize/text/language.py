"""French or English, by stop words; enough to choose a stemmer and word lists."""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from summarize.text.lexicon import STOPWORDS_EN, STOPWORDS_FR
from summarize.text.tokens import token_keys

_FR_ONLY = STOPWORDS_FR - STOPWORDS_EN
_EN_ONLY = STOPWORDS_EN - STOPWORDS_FR


def detect_language(text: str) -> str:
    """'fr' or 'en' (the default when the text gives no sign)."""
    keys = token_keys(text[:20000])
    fr = sum(k in _FR_ONLY for k in keys)
    en = sum(k in _EN_ONLY for k in keys)
    return "fr" if fr > en else "en"


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french" if language == "fr" else "english")


@lru_cache(maxsize=131072)
def stem(key: str, language: str) -> str:
    """Stem of a folded token key; numbers stay as they are."""
    if not key.isalpha():
        return key
    return str(_stemmer(language).stemWord(key))


# Snowball keeps derived forms apart (Égypte/égyptien, élection/électoral, Europe/européen);
# cutting stems to five letters, the usual truncation length in French retrieval, joins them.
MATCH_LETTERS = 5


def match_stem(key: str, language: str) -> str:
    """The form two content words are compared in: the stem cut to MATCH_LETTERS letters."""
    return stem(key, language)[:MATCH_LETTERS] if key.isalpha() else key
