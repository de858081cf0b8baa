"""The embedded backend: no model, no network; extractive summary and rule-based claims."""

from __future__ import annotations

import hashlib
from pathlib import Path

from summarize.backends.rules.claims import Candidate, candidate
from summarize.backends.rules.extractive import rank_sentences, shorten
from summarize.documents import Document
from summarize.models import Draft, KeyPoint
from summarize.text.sentences import is_heading, paragraphs, sentences_in

SUMMARY_SENTENCES = 3
KEY_POINTS = 4


def _rules_version() -> str:
    """A hash of the rules' own source, so that changed rules re-brief stored documents."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), here.parent.parent / "text" / "lexicon.py"]):
        digest.update(path.read_bytes())
    return "rules-" + digest.hexdigest()[:12]


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
        body = [
            p
            for p in paragraphs(text)
            if p.start >= document.body_start and not is_heading(text, p)
        ]
        segments = [s for p in body for s in sentences_in(text, p)]
        sentences = [s.slice(text) for s in segments]
        scores = rank_sentences(sentences, document.meta.language)

        found: list[Candidate] = []
        for seg, sentence, score in zip(segments, sentences, scores, strict=True):
            cand = candidate(sentence, seg.start)
            if cand is not None:
                found.append(Candidate(cand.claim, cand.weight + score / 10, cand.start))
        chosen = sorted(found, key=lambda c: -c.weight)[: self.max_claims]
        ordered = sorted(chosen, key=lambda c: c.start)
        claims = [c.claim.model_copy(update={"id": f"c{i + 1}"}) for i, c in enumerate(ordered)]
        by_weight = sorted(zip(ordered, claims, strict=True), key=lambda pair: -pair[0].weight)

        top = sorted(range(len(sentences)), key=lambda i: -scores[i])[:SUMMARY_SENTENCES]
        summary = " ".join(sentences[i] for i in sorted(top))
        key_points = [
            KeyPoint(text=shorten(claim.statement, 200), claim_ids=[claim.id])
            for _, claim in by_weight[:KEY_POINTS]
        ]
        lead = by_weight[0][1].statement if by_weight else (sentences[0] if sentences else "")
        headline = document.meta.title or shorten(lead, 120)
        return Draft(headline=headline, summary=summary, key_points=key_points, claims=claims)
