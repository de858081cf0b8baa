"""The deterministic verifier: locate each claim's support in the text, check it, give a verdict.

It never calls a model. The same verifier checks claims from any origin: a backend's draft,
another model's summary, a person's notes.
"""

from __future__ import annotations

from collections.abc import Iterable

from summarize.models import CheckName, Claim, Evidence, MatchKind, Verdict, Verification
from summarize.text.lexicon import STOPWORDS
from summarize.text.sentences import sentences
from summarize.verifier.checks import (
    Context,
    Result,
    Severity,
    check_certainty,
    check_coverage,
    check_entities,
    check_negation,
    check_numbers,
    check_source,
    content_stems,
    result,
)
from summarize.verifier.index import DocumentIndex
from summarize.verifier.locate import DEFAULT_MIN_SCORE, Difference, Located, Locator
from summarize.verifier.support import SentenceIndex

__all__ = ["DocumentIndex", "Located", "Locator", "Verifier", "verify_claims"]

# Below this share of its content words in the passage, a free claim is not supported at all;
# at or above SUPPORTED, with no failed check, it is.
FREE_MIN_COVERAGE = 0.5
FREE_SUPPORTED = 0.8
_PENALTY = {Severity.ok: 1.0, Severity.minor: 0.6, Severity.major: 0.2}


def _verdict(results: list[Result]) -> Verdict:
    worst = max((r.severity for r in results), default=Severity.ok)
    return {
        Severity.ok: Verdict.supported,
        Severity.minor: Verdict.partially_supported,
        Severity.major: Verdict.unsupported,
    }[worst]


def _score(base: float, results: list[Result]) -> float:
    score = base
    for r in results:
        score *= _PENALTY[r.severity]
    return round(max(0.0, min(1.0, score)), 4)


def _quote_check(located: Located) -> Result:
    ev = located.evidence
    where = f"[{ev.start}, {ev.end})"
    if ev.match is MatchKind.exact:
        reason = f"found verbatim at {where}"
    elif ev.match is MatchKind.normalised:
        reason = f"found at {where} once case, accents, spacing and punctuation are normalised"
    else:
        reason = f"found at {where} by fuzzy alignment, score {ev.score:.2f}"
    if ev.parts:
        reason += f", in {len(ev.parts)} parts around the elision"
    if located.differences:
        reason += "; differs: " + "; ".join(_describe(d) for d in located.differences[:5])
    meaningful = [d for d in located.differences if not _only_stopwords(d)]
    return result(CheckName.quote_found, Severity.minor if meaningful else Severity.ok, reason)


def _describe(d: Difference) -> str:
    if not d.quote:
        return f"text adds '{d.text}'"
    if not d.text:
        return f"quote adds '{d.quote}'"
    return f"'{d.quote}' for '{d.text}'"


def _only_stopwords(d: Difference) -> bool:
    words = (d.quote + " " + d.text.lower()).split()
    return all(w.strip(".,;:'’") in STOPWORDS for w in words)


class Verifier:
    """Verifies claims against one document, indexed once."""

    def __init__(
        self, text: str, language: str | None = None, min_score: float = DEFAULT_MIN_SCORE
    ) -> None:
        self.index = DocumentIndex.build(text, language)
        self.locator = Locator(self.index, min_score)
        self._sentences: SentenceIndex | None = None

    @property
    def sentence_index(self) -> SentenceIndex:
        if self._sentences is None:
            self._sentences = SentenceIndex(self.index)
        return self._sentences

    def verify(self, claim: Claim) -> Verification:
        """Check one claim: with a quote, locate it; without, retrieve the best passage."""
        if claim.quote and claim.quote.strip():
            return self._quoted(claim, claim.quote)
        return self._free(claim)

    def verify_all(self, claims: Iterable[Claim]) -> list[Verification]:
        return [self.verify(c) for c in claims]

    def _quoted(self, claim: Claim, quote: str) -> Verification:
        located = self.locator.locate(quote)
        if located is None:
            reason = (
                "no passage of the document matches the quote "
                f"(nothing aligns with a score of {self.locator.min_score:.2f} or more)"
            )
            check = result(CheckName.quote_found, Severity.major, reason).check
            return Verification(
                claim_id=claim.id, verdict=Verdict.quote_not_found, score=0.0, checks=[check]
            )
        ev = located.evidence
        ctx = Context.around(self.index, ev.start, ev.end)
        coverage, share = check_coverage(claim.statement, ctx)
        results = [
            _quote_check(located),
            check_numbers(claim.statement, ctx, located.differences),
            check_entities(claim.statement, ctx, located.differences),
            check_source(claim, ctx),
            check_certainty(claim, ctx),
            check_negation(claim.statement, ctx),
            coverage,
        ]
        return Verification(
            claim_id=claim.id,
            verdict=_verdict(results),
            score=_score(ev.score * min(1.0, share / 0.6), results),
            evidence=ev,
            checks=[r.check for r in results],
        )

    def _free(self, claim: Claim) -> Verification:
        """A claim without a quote: each of its sentences must find support; the weakest decides."""
        parts = [s.slice(claim.statement) for s in sentences(claim.statement)] or [claim.statement]
        judged = [self._free_sentence(claim, part) for part in parts]
        return min(judged, key=lambda v: (v.score, v.verdict != Verdict.unsupported))

    def _free_sentence(self, claim: Claim, statement: str) -> Verification:
        stems = content_stems(statement, self.index.language)
        passage = self.sentence_index.best_passage(stems) if stems else None
        if passage is None:
            reason = "no sentence of the document shares a content word with the claim"
            check = result(CheckName.content_covered, Severity.major, reason).check
            return Verification(
                claim_id=claim.id, verdict=Verdict.unsupported, score=0.0, checks=[check]
            )
        seg = passage.segment
        ctx = Context(self.index, seg, seg, seg)
        part_claim = claim.model_copy(update={"statement": statement})
        coverage, _ = check_coverage(statement, ctx)
        results = [
            coverage,
            check_numbers(statement, ctx, []),
            check_entities(statement, ctx, []),
            check_negation(statement, ctx),
            check_certainty(part_claim, ctx),
        ]
        if claim.sources:
            results.append(check_source(part_claim, ctx))
        verdict = _verdict(results)
        if passage.coverage < FREE_MIN_COVERAGE:
            verdict = Verdict.unsupported
        elif verdict is Verdict.supported and passage.coverage < FREE_SUPPORTED:
            verdict = Verdict.partially_supported
        evidence = Evidence(
            start=seg.start,
            end=seg.end,
            text=seg.slice(self.index.text),
            match=MatchKind.retrieved,
            score=round(passage.coverage, 4),
        )
        return Verification(
            claim_id=claim.id,
            verdict=verdict,
            score=_score(passage.coverage, results),
            evidence=evidence,
            checks=[r.check for r in results],
        )


def verify_claims(
    text: str, claims: Iterable[Claim], language: str | None = None
) -> list[Verification]:
    """Verify `claims` against `text` (the document text as loaded)."""
    return Verifier(text, language).verify_all(claims)
