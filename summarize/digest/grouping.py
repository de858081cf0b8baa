"""Which claims of different documents speak of the same thing, and where they disagree.

Two claims are about the same thing when they share most content words (same language), or a
number and a name (a name includes a cited source, so "25 000 ... selon NHK" meets
"25,000 ... NHK reported" across languages), or several names and some words.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from summarize.models import Claim
from summarize.text.entities import find_entities
from summarize.text.fold import fold
from summarize.text.markers import MarkerKind, find_markers
from summarize.text.numbers import NumberMention, find_numbers
from summarize.verifier.checks import content_stems

SAME_WORDS = 0.5
SOME_WORDS = 0.2
NAME_MATCH = 80  # rapidfuzz ratio: "Russie" ~ "Russia", "Lelabouga" ~ "Alabuga" no


@dataclass(slots=True)
class Features:
    """What a claim is about, for comparing it with claims of other documents."""

    doc: int
    claim: Claim
    stems: set[str]
    numbers: list[NumberMention]
    names: set[str]
    negated: bool
    keys: set[str] = field(default_factory=set)  # for blocking: stems, numbers and names


def _is_year(n: NumberMention) -> bool:
    return not n.percent and n.value.is_integer() and 1900 <= n.value <= 2100 and len(n.text) == 4


def features(doc: int, claim: Claim, language: str) -> Features:
    text = claim.statement
    numbers = [n for n in find_numbers(text) if not _is_year(n)]
    names = {fold(e.text) for e in find_entities(text)} | {fold(s.name) for s in claim.sources}
    negated = any(m.kind is MarkerKind.negation for m in find_markers(text))
    stems = set(content_stems(text, language))
    keys = stems | {f"#{n.value:g}" for n in numbers} | {f"@{n}" for n in names}
    return Features(doc, claim, stems, numbers, names, negated, keys)


def _shared_names(a: Features, b: Features) -> int:
    return sum(1 for x in a.names if any(x == y or fuzz.ratio(x, y) >= NAME_MATCH for y in b.names))


def _shared_number(a: Features, b: Features) -> bool:
    return any(x.same_quantity(y) for x in a.numbers for y in b.numbers)


def affinity(a: Features, b: Features) -> float:
    """How strongly two claims are about the same thing; 0 when they are not."""
    union = a.stems | b.stems
    overlap = len(a.stems & b.stems) / len(union) if union else 0.0
    names = _shared_names(a, b)
    number = _shared_number(a, b)
    if overlap >= SAME_WORDS or (number and names >= 1) or (names >= 2 and overlap >= SOME_WORDS):
        return overlap + 0.25 * min(names, 2) + 0.25 * number
    return 0.0


def same_subject(a: Features, b: Features) -> bool:
    return affinity(a, b) > 0


def group(items: list[Features]) -> list[list[Features]]:
    """Groups of claims from at least two documents; each claim in at most one group.

    Average linkage: two clusters join only when at least half of their cross-document pairs
    are about the same thing, so one bridging claim cannot chain two stories together.
    """
    # Compare only claims sharing a word, number or name: linear-ish instead of all pairs.
    postings: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in item.keys:
            postings[key].append(i)
    edges: dict[tuple[int, int], float] = {}
    for i, item in enumerate(items):
        for j in sorted({j for key in item.keys for j in postings[key] if j > i}):
            if item.doc != items[j].doc and (strength := affinity(item, items[j])) > 0:
                edges[(i, j)] = strength
    cluster = {i: {i} for i in range(len(items))}
    owner = list(range(len(items)))
    for (i, j), _ in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        cross = [
            (x, y) if x < y else (y, x)
            for x in cluster[a]
            for y in cluster[b]
            if items[x].doc != items[y].doc
        ]
        if sum(pair in edges for pair in cross) * 2 < len(cross):
            continue
        cluster[a] |= cluster.pop(b)
        for k in cluster[a]:
            owner[k] = a
    groups = [[items[k] for k in sorted(members)] for members in cluster.values()]
    return [g for g in groups if len({f.doc for f in g}) >= 2]


def disagreement(a: Features, b: Features) -> tuple[str, str] | None:
    """How two claims about the same thing contradict each other, if they do."""
    if a.numbers and b.numbers and not _shared_number(a, b):
        left = ", ".join(n.text for n in a.numbers)
        right = ", ".join(n.text for n in b.numbers)
        return "numbers", f"{left} against {right}"
    if a.negated != b.negated:
        return "polarity", "one states what the other denies"
    return None
