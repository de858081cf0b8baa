"""summarize: verified briefings of news articles and reports.

    >>> import summarize
    >>> briefing = summarize.brief("seeds/000_56b9f2641f4315ea.txt")
    >>> [c.verification.verdict for c in briefing.claims]  # doctest: +SKIP

A backend drafts the briefing; a deterministic verifier checks every claim against the text.
Names are imported on first use, so that the command line starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from summarize._version import __version__

if TYPE_CHECKING:
    from summarize.api import attributions, brief, load, verify
    from summarize.models import (
        Attribution,
        Briefing,
        Certainty,
        Check,
        Claim,
        Digest,
        Evidence,
        Flag,
        Source,
        Verdict,
        Verification,
    )

_LAZY = {
    "brief": "summarize.api",
    "load": "summarize.api",
    "verify": "summarize.api",
    "attributions": "summarize.api",
    "Attribution": "summarize.models",
    "Briefing": "summarize.models",
    "Certainty": "summarize.models",
    "Check": "summarize.models",
    "Claim": "summarize.models",
    "Digest": "summarize.models",
    "Evidence": "summarize.models",
    "Flag": "summarize.models",
    "Source": "summarize.models",
    "Verdict": "summarize.models",
    "Verification": "summarize.models",
}

__all__ = [
    "Attribution",
    "Briefing",
    "Certainty",
    "Check",
    "Claim",
    "Digest",
    "Evidence",
    "Flag",
    "Source",
    "Verdict",
    "Verification",
    "__version__",
    "attributions",
    "brief",
    "load",
    "verify",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarize' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
