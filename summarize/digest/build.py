"""The nightly digest: top stories, claims grouped across documents, corroboration,
contradictions, and what is new since the previous digest."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from datetime import datetime

from summarize._version import __version__
from summarize.digest.grouping import Features, disagreement, features, group, same_subject
from summarize.models import (
    Briefing,
    ClaimGroup,
    ClaimRef,
    Contradiction,
    Digest,
    DigestDocument,
    DigestProvenance,
    Story,
    Verdict,
)
from summarize.text.tokens import token_keys

TOP_STORIES = 5
_VERDICT_RANK = {
    Verdict.supported: 0,
    Verdict.partially_supported: 1,
    Verdict.unsupported: 2,
    Verdict.quote_not_found: 3,
}


def _name(b: Briefing) -> str:
    return b.document.path or b.document.sha256[:12]


def _ref(b: Briefing, f: Features) -> ClaimRef:
    c = f.claim
    return ClaimRef(
        document=_name(b),
        sha256=b.document.sha256,
        claim_id=c.id,
        statement=c.statement,
        verdict=c.verification.verdict if c.verification else None,
        certainty=c.certainty,
        sources=[s.name for s in c.sources],
        flags=c.flags,
    )


def _same_source(a: str, b: str) -> bool:
    """ "NHK" and "Japan's NHK" are one source: one name's words hold the other's."""
    wa, wb = set(token_keys(a)), set(token_keys(b))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _independent_sources(members: list[Features], briefings: list[Briefing]) -> list[str]:
    """Cited sources, folded together; a claim that cites none stands for its document."""
    names: list[str] = []
    for f in members:
        cited = [s.name for s in f.claim.sources] or [f"{_name(briefings[f.doc])} (the author)"]
        for name in cited:
            if not any(_same_source(name, known) for known in names):
                names.append(name)
    return names


def _features(briefings: list[Briefing]) -> list[Features]:
    return [
        features(i, c, b.document.language)
        for i, b in enumerate(briefings)
        for c in b.claims
        if c.verification is None or c.verification.verdict is not Verdict.quote_not_found
    ]


def build_digest(
    briefings: list[Briefing],
    *,
    day: str,
    since: datetime | None,
    earlier: list[Briefing] | None = None,
    created: datetime,
) -> Digest:
    """A digest of `briefings`; `earlier` ones only decide what counts as new."""
    clock = time.perf_counter()
    items = _features(briefings)
    past = _features(earlier or [])
    groups: list[ClaimGroup] = []
    contradictions: list[Contradiction] = []
    corroboration: Counter[int] = Counter()
    for n, members in enumerate(sorted(group(items), key=lambda g: -len(g)), start=1):
        gid = f"g{n}"
        best = min(
            members,
            key=lambda f: (
                _VERDICT_RANK.get(f.claim.verification.verdict, 4) if f.claim.verification else 4,
                -len(f.claim.sources),
            ),
        )
        sources = _independent_sources(members, briefings)
        docs = {f.doc for f in members}
        for d in docs:
            corroboration[d] += len(docs) - 1
        groups.append(
            ClaimGroup(
                id=gid,
                statement=best.claim.statement,
                claims=[_ref(briefings[f.doc], f) for f in members],
                documents=len(docs),
                sources=sources,
                independent_sources=len(sources),
                single_source=len(sources) == 1,
                new=not any(same_subject(f, p) for f in members for p in past),
                flags=sorted({flag for f in members for flag in f.claim.flags}),
            )
        )
        for one, two in itertools.combinations(members, 2):
            if one.doc == two.doc:
                continue
            found = disagreement(one, two)
            if found:
                kind, detail = found
                contradictions.append(
                    Contradiction(
                        group_id=gid,
                        kind=kind,
                        detail=detail,
                        first=_ref(briefings[one.doc], one),
                        second=_ref(briefings[two.doc], two),
                    )
                )

    documents: list[DigestDocument] = []
    scored: list[Story] = []
    for i, b in enumerate(briefings):
        verdicts = Counter(
            c.verification.verdict.value for c in b.claims if c.verification is not None
        )
        documents.append(
            DigestDocument(
                path=b.document.path,
                sha256=b.document.sha256,
                headline=b.headline,
                summary=b.summary,
                language=b.document.language,
                date=b.document.date,
                claims=len(b.claims),
                verdicts=dict(verdicts),
            )
        )
        supported = verdicts.get(Verdict.supported.value, 0)
        failing = sum(v for k, v in verdicts.items() if k != Verdict.supported.value)
        score = 2.0 * corroboration[i] + 0.5 * supported + 0.5 * len(b.sources) - 0.5 * failing
        why = [f"{supported} of {len(b.claims)} claims supported"]
        if corroboration[i]:
            why.insert(0, f"corroborated {corroboration[i]} times by other documents")
        if b.sources:
            why.append(f"cites {', '.join(s.name for s in b.sources[:3])}")
        scored.append(
            Story(
                sha256=b.document.sha256,
                headline=b.headline,
                summary=b.summary,
                score=round(score, 2),
                why="; ".join(why),
            )
        )
    flags = Counter(f.value for b in briefings for c in b.claims for f in c.flags)
    return Digest(
        date=day,
        created=created,
        since=since,
        documents=documents,
        top_stories=sorted(scored, key=lambda s: -s.score)[:TOP_STORIES],
        groups=groups,
        contradictions=contradictions,
        flags=dict(sorted(flags.items())),
        provenance=DigestProvenance(
            summarize_version=__version__,
            backend="rules",
            seconds=round(time.perf_counter() - clock, 4),
        ),
    )
