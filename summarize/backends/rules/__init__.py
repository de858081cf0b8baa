"""The embedded backend: no model, no network; extractive summary and rule-based claims."""

from __future__ import annotations

import bisect
import hashlib
from pathlib import Path

from summarize.backends.rules.claims import Candidate, candidates
from summarize.backends.rules.extractive import rank_sentences, shorten
from summarize.documents import Document
from summarize.models import Draft, KeyPoint
from summarize.text.attribution import attributions
from summarize.text.nlp import analyse, segments
from summarize.text.numbers import find_numbers
from summarize.text.sentences import is_heading, paragraphs

SUMMARY_SENTENCES = 3
KEY_POINTS = 4


def _rules_version() -> str:
    """A hash of the rules' own source, so that changed rules re-brief stored documents."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    text = here.parent.parent / "text"
    for path in sorted([*here.glob("*.py"), text / "lexicon.py", text / "attribution.py"]):
        digest.update(path.read_bytes())
    return "rules-" + digest.hexdigest()[:12]


def _sentence_start(starts: list[int], offset: int) -> int:
    """Start of the body sentence holding `offset` (or of the last one before it)."""
    i = bisect.bisect_right(starts, offset) - 1
    return starts[max(i, 0)] if starts else 0


class RulesBackend:
    """Drafts briefings with rules alone, for French and English."""

    name = "rules"
    model: str | None = None
    cpu_bound = True

    def __init__(self, max_claims: int = 12) -> None:
        self.max_claims = max_claims
        self.prompt_version = _rules_version()

    def extract(self, document: Document) -> Draft:
        text = document.text
        analysis = analyse(text, document.meta.language)
        headings = {p.start for p in paragraphs(text) if is_heading(text, p)}
        body = [s for s in segments(text, document.body_start) if s.start not in headings]
        starts = [s.start for s in body]
        sentences = [text[s.start : s.end] for s in body]
        scores = rank_sentences(sentences, document.meta.language)
        score_at = {s.start: score for s, score in zip(body, scores, strict=True)}

        found = attributions(text, document.meta.language)
        raw = candidates(analysis, found, document.body_start, headings)
        weighted = [
            Candidate(
                c.claim,
                c.weight + score_at.get(_sentence_start(starts, c.start), 0) / 10,
                c.start,
            )
            for c in raw
        ]
        chosen = sorted(weighted, key=lambda c: -c.weight)[: self.max_claims]
        ordered = sorted(chosen, key=lambda c: c.start)
        claims = [c.claim.model_copy(update={"id": f"c{i + 1}"}) for i, c in enumerate(ordered)]
        by_weight = sorted(zip(ordered, claims, strict=True), key=lambda pair: -pair[0].weight)

        # The summary states the central facts: sentences that share the document's
        # vocabulary, and among them those that cite a source or give a number.
        cited = {_sentence_start(starts, a.cue.start) for a in found}
        central = []
        for i, (seg, sentence) in enumerate(zip(body, sentences, strict=True)):
            bonus = 1.0
            if seg.start in cited:
                bonus += 0.6
            if find_numbers(sentence):
                bonus += 0.6
            central.append(scores[i] * bonus)
        top = sorted(range(len(sentences)), key=lambda i: -central[i])[:SUMMARY_SENTENCES]
        summary = " ".join(sentences[i] for i in sorted(top))
        key_points = [
            KeyPoint(text=shorten(claim.statement, 200), claim_ids=[claim.id])
            for _, claim in by_weight[:KEY_POINTS]
        ]
        lead = by_weight[0][1].statement if by_weight else (sentences[0] if sentences else "")
        headline = document.meta.title or shorten(lead, 120)
        return Draft(headline=headline, summary=summary, key_points=key_points, claims=claims)
