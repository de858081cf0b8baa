"""Self-contained HTML pages: no script, no network asset, everything from documents escaped."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from summarize.models import Briefing, Digest, Span, Verification
from summarize.render.words import counted


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the source text and the claims whose evidence covers it."""

    text: str
    claims: tuple[str, ...]
    starts: tuple[str, ...]  # claims whose evidence begins here (anchor targets)


def pieces(text: str, spans: list[tuple[int, int, str]]) -> list[Piece]:
    """Cut `text` at every evidence boundary, so overlapping spans highlight correctly."""
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[Piece] = []
    for lo, hi in itertools.pairwise(cuts):
        if hi <= lo:
            continue
        covering = tuple(cid for s, e, cid in spans if s <= lo < e)
        starting = tuple(dict.fromkeys(cid for s, _, cid in spans if s == lo))
        out.append(Piece(text[lo:hi], covering, starting))
    return out


def _spans(verifications: Sequence[Verification]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for v in verifications:
        ev = v.evidence
        if ev is None:
            continue
        for part in ev.parts or [Span(start=ev.start, end=ev.end)]:
            spans.append((part.start, part.end, v.claim_id))
    return spans


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("summarize.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["counted"] = counted
    return env


def briefing_html(briefing: Briefing, text: str) -> str:
    """One briefing with its source `text` (as loaded) and every evidence span highlighted."""
    verdicts = {
        c.id: c.verification.verdict.value for c in briefing.claims if c.verification is not None
    }
    return (
        _env()
        .get_template("briefing.html.j2")
        .render(
            b=briefing,
            pieces=pieces(
                text, _spans([c.verification for c in briefing.claims if c.verification])
            ),
            verdicts=verdicts,
        )
    )


def verifications_html(
    verifications: Sequence[Verification],
    text: str,
    source: str,
    statements: Mapping[str, str] | None = None,
) -> str:
    """Claims checked by `summarize verify`, with the source `text` and their evidence."""
    return (
        _env()
        .get_template("verifications.html.j2")
        .render(
            vs=verifications,
            source=source,
            statements=statements or {},
            pieces=pieces(text, _spans(verifications)),
            verdicts={v.claim_id: v.verdict.value for v in verifications},
        )
    )


def digest_html(digest: Digest, links: Mapping[str, str] | None = None) -> str:
    """The digest; `links` maps a document's sha256 to the URL of its briefing page."""
    return _env().get_template("digest.html.j2").render(d=digest, links=links or {})
