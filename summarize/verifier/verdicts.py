"""The verdict rules, every threshold named once: how checks and scores make a verdict."""

from __future__ import annotations

from summarize.models import Verdict
from summarize.verifier.results import Result, Severity

# Share of a claim's content words its passage must hold for the coverage check to pass; below
# PARTLY_COVERED the claim says mostly what the passage does not.
COVERED = 0.6
PARTLY_COVERED = 0.3
# A score is multiplied by this for each failed check of that weight: a caught contradiction
# cannot keep a high score.
PENALTY = {Severity.ok: 1.0, Severity.minor: 0.6, Severity.major: 0.2}
# A free claim's support score combines how much of it the document and its evidence cover;
# each name or number the document never gives multiplies it by the penalty. Below the minimum
# the claim is unsupported; at or above SUPPORTED, with no failed check, it is supported.
FREE_INVENTION_PENALTY = 0.7
FREE_MIN_SCORE = 0.4
FREE_SUPPORTED = 0.7
REPEATS = 0.6
CONTRADICTED = 0.4


def verdict(results: list[Result]) -> Verdict:
    """The worst failure decides: none, supported; minor, partially; major, unsupported."""
    worst = max((r.severity for r in results), default=Severity.ok)
    return {
        Severity.ok: Verdict.supported,
        Severity.minor: Verdict.partially_supported,
        Severity.major: Verdict.unsupported,
    }[worst]


def score(base: float, results: list[Result]) -> float:
    """`base` lowered by each failed check, in [0, 1]."""
    value = base
    for r in results:
        value *= PENALTY[r.severity]
    return round(max(0.0, min(1.0, value)), 4)


def free_score(support: float, results: list[Result], repeats: float) -> float:
    """A free claim's score: its support, lowered by CONTRADICTED where a check finds the claim
    contradicting a sentence it mostly repeats (`repeats`, the share of its content words that
    sentence gives in order, at least REPEATS). Across sentences the word-by-word alignment
    pairs words of different facts too often to weigh on the score (on WiCE, contradictions
    fire on 11% of supported claims and 10% of the others); the verdict still carries them.
    Both values were chosen on half A of the three support splits (bench/support.py)."""
    value = support
    if repeats >= REPEATS and any(r.contradicts for r in results):
        value *= CONTRADICTED
    return round(max(0.0, min(1.0, value)), 4)


def quoted_score(located: float, covered: float, results: list[Result]) -> float:
    """A quoted claim: how well its quote was found, times how much of it the passage covers
    (full at COVERED), lowered by its failed checks."""
    return score(located * min(1.0, covered / COVERED), results)


def free_verdict(results: list[Result], support: float, close: bool = False) -> Verdict:
    """A free claim: the checks' verdict, held down by a low support score unless the claim is
    a close paraphrase of one evidence sentence (`Comparison.close`) that no check faults."""
    found = verdict(results)
    if support < FREE_MIN_SCORE:
        return Verdict.unsupported
    if found is Verdict.supported and support < FREE_SUPPORTED and not close:
        return Verdict.partially_supported
    return found
