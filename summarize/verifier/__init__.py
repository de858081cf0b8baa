"""The deterministic verifier: locate each claim's support in the text, check it, give a verdict.

It never calls a model. The same verifier checks claims from any origin: a backend's draft,
another model's summary, a person's notes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from summarize.models import CheckName, Claim, Evidence, MatchKind, Span, Verdict, Verification
from summarize.text.lexicon import STOPWORDS
from summarize.text.numbers import NumberMention, find_numbers
from summarize.text.sentences import Segment, sentences
from summarize.verifier.checks import (
    HEDGE_FLAGS,
    HEDGED_CERTAINTIES,
    Context,
    Result,
    Severity,
    check_coverage,
    check_entities,
    check_numbers,
    check_source,
    claim_names,
    content_stems,
    result,
)
from summarize.verifier.flags import check_flags
from summarize.verifier.index import DocumentIndex
from summarize.verifier.locate import DEFAULT_MIN_SCORE, Difference, Located, Locator
from summarize.verifier.meaning import (
    Comparison,
    check_added,
    check_direction,
    check_modality,
    check_negation,
    check_roles,
    check_time,
    with_names,
    with_numbers,
)
from summarize.verifier.support import SentenceIndex
from summarize.verifier.verdicts import (
    FREE_INVENTION_PENALTY,
    free_score,
    free_verdict,
    quoted_score,
    verdict,
)

__all__ = ["DocumentIndex", "Located", "Locator", "Verifier", "verify_claims"]


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
        self._numbers: list[NumberMention] | None = None

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

    def evidence_sentences(self, statement: str, k: int = 5) -> list[Segment]:
        """The `k` sentences of the document that best support `statement`, best first."""
        stems = content_stems(statement, self.index.language)
        return [self.index.sentences[i] for i in self.sentence_index.ranked(stems, k)]

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
        cmp = Comparison.of(claim.statement, self.index, ctx.near)
        results = [
            _quote_check(located),
            *_meaning_checks(claim, claim.statement, ctx, cmp, located.differences),
            check_source(claim, ctx),
            check_flags(claim, ctx),
            coverage,
        ]
        return Verification(
            claim_id=claim.id,
            verdict=verdict(results),
            score=quoted_score(ev.score, share, results),
            evidence=ev,
            checks=[r.check for r in results],
        )

    def _free(self, claim: Claim) -> Verification:
        """A claim without a quote: each of its sentences must find support; the weakest decides."""
        parts = [s.slice(claim.statement) for s in sentences(claim.statement)] or [claim.statement]
        judged = [self._free_sentence(claim, part) for part in parts]
        return min(judged, key=lambda v: (v.score, v.verdict != Verdict.unsupported))

    def _free_sentence(self, claim: Claim, statement: str) -> Verification:
        sentences = self.sentence_index
        stems = content_stems(statement, self.index.language)
        ranked = sentences.ranked(stems, only_new=True) if stems else []
        if not ranked:
            reason = "no sentence of the document shares a content word with the claim"
            check = result(CheckName.content_covered, Severity.major, reason).check
            return Verification(
                claim_id=claim.id, verdict=Verdict.unsupported, score=0.0, checks=[check]
            )
        parts = sorted((self.index.sentences[i] for i in ranked), key=lambda seg: seg.start)
        ctx = Context.of(self.index, parts)
        part_claim = claim.model_copy(update={"statement": statement})
        covered, _ = check_coverage(statement, ctx)
        cmp = Comparison.of(statement, self.index, ctx.near)
        results = [
            covered,
            *_meaning_checks(part_claim, statement, ctx, cmp, [], self._document_numbers),
        ]
        if claim.sources:
            results.append(check_source(part_claim, ctx))
        results.append(check_flags(part_claim, ctx))
        coverage = sentences.coverage(statement, ranked)
        # Names and numbers the document never gives are what hallucinations are made of.
        invented = sum(1 for e in claim_names(statement, self.index) if not self.index.names(e))
        invented += _novel_numbers(statement, self._document_numbers)
        support = coverage.combined * FREE_INVENTION_PENALTY**invented
        start, end = parts[0].start, parts[-1].end
        evidence = Evidence(
            start=start,
            end=end,
            text=self.index.text[start:end],
            match=MatchKind.retrieved,
            score=round(coverage.evidence, 4),
            parts=[Span(start=p.start, end=p.end) for p in parts] if len(parts) > 1 else [],
        )
        return Verification(
            claim_id=claim.id,
            verdict=free_verdict(results, support, cmp.close),
            score=free_score(support, results, cmp.repeats),
            evidence=evidence,
            checks=[r.check for r in results],
        )

    def _document_numbers(self) -> list[NumberMention]:
        if self._numbers is None:
            self._numbers = find_numbers(self.index.text)
        return self._numbers


def _meaning_checks(
    claim: Claim,
    statement: str,
    ctx: Context,
    cmp: Comparison,
    differences: list[Difference],
    document_numbers: Callable[[], list[NumberMention]] | None = None,
) -> list[Result]:
    """The checks of what the claim says against its evidence, the same for quoted and free
    claims: numbers, names, polarity, certainty, direction, roles, time, additions."""
    declared = claim.certainty in HEDGED_CERTAINTIES or bool(HEDGE_FLAGS & set(claim.flags))
    return [
        with_numbers(check_numbers(statement, ctx, differences, document_numbers), cmp),
        with_names(check_entities(statement, ctx, differences), cmp),
        check_negation(cmp),
        check_modality(cmp, declared),
        check_direction(cmp),
        check_roles(cmp),
        check_time(cmp),
        check_added(cmp),
    ]


def _novel_numbers(statement: str, known: Callable[[], list[NumberMention]]) -> int:
    """Numbers of the claim that the document never states (its numbers read only then)."""
    stated = find_numbers(statement)
    if not stated:
        return 0
    return sum(1 for n in stated if not any(n.same_quantity(k) for k in known()))


def verify_claims(
    text: str, claims: Iterable[Claim], language: str | None = None
) -> list[Verification]:
    """Verify `claims` against `text` (the document text as loaded)."""
    return Verifier(text, language).verify_all(claims)
