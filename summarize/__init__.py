"""summarize: verified briefings of news articles and reports.

    >>> import summarize
    >>> briefing = summarize.brief("seeds/000_56b9f2641f4315ea.txt")
    >>> [c.verification.verdict for c in briefing.claims]  # doctest: +SKIP

A backend drafts the briefing; a deterministic verifier checks every claim against the text.
"""

from __future__ import annotations

from summarize._version import __version__
from summarize.api import brief, load, verify
from summarize.models import (
    Briefing,
    Certainty,
    Check,
    Claim,
    Evidence,
    Flag,
    Source,
    Verdict,
    Verification,
)

__all__ = [
    "Briefing",
    "Certainty",
    "Check",
    "Claim",
    "Evidence",
    "Flag",
    "Source",
    "Verdict",
    "Verification",
    "__version__",
    "brief",
    "load",
    "verify",
]
