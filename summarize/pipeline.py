"""One document through the flow: load, extract (backend), verify, assemble the Briefing."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from summarize._version import __version__
from summarize.backends import Backend
from summarize.documents import Document
from summarize.models import Briefing, Provenance, Source
from summarize.verifier import Verifier
from summarize.verifier.locate import DEFAULT_MIN_SCORE
from summarize.verifier.version import verifier_version


def _unique_sources(sources: list[Source]) -> list[Source]:
    seen: dict[str, Source] = {}
    for s in sources:
        seen.setdefault(s.name.casefold(), s)
    return list(seen.values())


def brief_document(
    document: Document, backend: Backend, *, min_quote_score: float = DEFAULT_MIN_SCORE
) -> Briefing:
    """Draft a briefing of `document` with `backend`, then verify every claim in it."""
    started = datetime.now(UTC)
    clock = time.perf_counter()
    draft = backend.extract(document)
    verifier = Verifier(document.text, document.meta.language, min_score=min_quote_score)
    claims = [c.model_copy(update={"verification": verifier.verify(c)}) for c in draft.claims]
    provenance = Provenance(
        backend=backend.name,
        model=draft.model or backend.model,
        prompt_version=backend.prompt_version,
        summarize_version=__version__,
        verifier_version=verifier_version(),
        started_at=started,
        seconds=round(time.perf_counter() - clock, 4),
        usage=draft.usage,
    )
    return Briefing(
        document=document.meta,
        headline=draft.headline,
        summary=draft.summary,
        key_points=draft.key_points,
        claims=claims,
        sources=_unique_sources([s for c in claims for s in c.sources]),
        provenance=provenance,
    )


def reverify(
    briefing: Briefing, document: Document, *, min_quote_score: float = DEFAULT_MIN_SCORE
) -> Briefing:
    """`briefing`'s stored claims verified again by this verifier (no model call, the draft
    kept as it was): what a run does when the verifier changed since it was briefed."""
    verifier = Verifier(document.text, document.meta.language, min_score=min_quote_score)
    claims = [
        c.model_copy(
            update={"verification": verifier.verify(c.model_copy(update={"verification": None}))}
        )
        for c in briefing.claims
    ]
    provenance = briefing.provenance.model_copy(update={"verifier_version": verifier_version()})
    return briefing.model_copy(update={"claims": claims, "provenance": provenance})
