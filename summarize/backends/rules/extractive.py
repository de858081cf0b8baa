"""Extractive summary: the sentences that share most of the document's vocabulary."""

from __future__ import annotations

import math
from collections import Counter

from summarize.text.language import stem
from summarize.text.lexicon import STOPWORDS
from summarize.text.tokens import token_keys


def _stems(sentence: str, language: str) -> set[str]:
    return {stem(k, language) for k in token_keys(sentence) if k not in STOPWORDS and len(k) > 2}


def rank_sentences(sentences: list[str], language: str) -> list[float]:
    """A centrality score per sentence: shared vocabulary, with a bonus for the lead."""
    bags = [_stems(s, language) for s in sentences]
    freq: Counter[str] = Counter(st for bag in bags for st in bag)
    scores = []
    for i, bag in enumerate(bags):
        shared = sum(freq[st] - 1 for st in bag)
        lead = 1.5 if i == 0 else (1.2 if i < 3 else 1.0)
        scores.append(lead * shared / math.sqrt(len(bag) + 1))
    return scores


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis when longer than `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"
