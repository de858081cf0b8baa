"""Support for a claim given without a quote: its evidence sentences, and how well they and the
document cover it.

Evidence is ranked greedily by coverage: each next sentence is the one that adds most of the
claim's content words not yet covered (words already covered count for less), so a claim that
joins two facts gets the two sentences that state them rather than two restatements of one.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from summarize.text.language import match_stem
from summarize.text.lexicon import STOPWORDS
from summarize.text.tokens import token_keys
from summarize.verifier.checks import claim_names, content_stems
from summarize.verifier.index import DocumentIndex

EVIDENCE_SENTENCES = 3
REUSED_WORD = 0.5  # credit for a claim word that an earlier evidence sentence already covers


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a claim the document supports, each share in [0, 1]."""

    document: float  # content words found anywhere in the document
    evidence: float  # IDF-weighted content words found in the evidence sentences
    bigrams: float  # ordered pairs of claim words found side by side in the document
    anchored: float | None  # the rest of the claim near each name it gives (worst name)

    @property
    def combined(self) -> float:
        shares = [self.document, self.evidence, self.bigrams]
        if self.anchored is not None:
            shares.append(self.anchored)
        return sum(shares) / len(shares)


class SentenceIndex:
    """Content stems of each sentence and an inverted index over them; built on first use."""

    def __init__(self, index: DocumentIndex) -> None:
        self.index = index
        language = index.language
        keys, starts = index.tokens.keys, index.tokens.starts
        # Each word stemmed once, not each time it occurs.
        stem_of = {k: match_stem(k, language) for k in index.vocab}
        doc_stems = [stem_of[k] for k in keys]
        content_of = {k: stem_of[k] for k in index.vocab if len(k) > 1 and k not in STOPWORDS}
        self.stems: list[set[str]] = []
        for s in index.sentences:
            lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
            self.stems.append({content_of[k] for k in keys[lo:hi] if k in content_of})
        # A sentence that spells out a name also holds its acronym ("CIA", "ONU").
        for offset, acronym in index.acronyms:
            i = bisect_right(index.sentence_starts, offset) - 1
            if i >= 0:
                self.stems[i].add(match_stem(acronym, language))
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, stems in enumerate(self.stems):
            for st in stems:
                self.postings[st].append(i)
        n = max(1, len(self.stems))
        self.idf = {st: math.log(1 + n / len(p)) for st, p in self.postings.items()}
        self._unseen_idf = math.log(1 + n)
        self.vocabulary = set(doc_stems).union(*self.stems)
        self.bigrams = set(itertools.pairwise(doc_stems))

    def weight(self, st: str) -> float:
        return self.idf.get(st, self._unseen_idf)

    def ranked(
        self, claim_stems: list[str], top: int = EVIDENCE_SENTENCES, *, only_new: bool = False
    ) -> list[int]:
        """Sentence numbers, best first, each adding most of what the earlier ones missed;
        with `only_new`, it stops at the first sentence that adds no word of the claim. A
        sentence that repeats a chosen one word for word (a title restated) is left out."""
        wanted = list(dict.fromkeys(claim_stems))
        covered: set[str] = set()
        chosen: list[int] = []
        chosen_stems: list[set[str]] = []
        # A sentence's score is the weight of the claim words it adds plus REUSED_WORD of the
        # weight of those it repeats; both sums come from the postings, as a common word is in
        # thousands of a long document's sentences.
        held = self._weights(wanted)
        while len(chosen) < top:
            gain = self._weights([st for st in wanted if st not in covered])
            best, best_score = -1, 0.0
            for i in gain if only_new else held:
                added = gain.get(i, 0.0)
                score = added + REUSED_WORD * (held[i] - added)
                if (score > best_score or (score == best_score and i < best)) and (
                    self.stems[i] not in chosen_stems
                ):
                    best, best_score = i, score
            if best < 0:
                break
            chosen.append(best)
            chosen_stems.append(self.stems[best])
            covered |= self.stems[best]
        return chosen

    def _weights(self, stems: list[str]) -> dict[int, float]:
        """For each sentence holding some of `stems`, the sum of their weights."""
        out: dict[int, float] = defaultdict(float)
        for st in stems:
            weight = self.idf.get(st, 0.0)
            for i in self.postings.get(st, ()):
                out[i] += weight
        return out

    def coverage(self, statement: str, evidence: list[int]) -> Coverage:
        language = self.index.language
        stems = content_stems(statement, language)
        if not stems:
            return Coverage(1.0, 1.0, 1.0, None)
        found = set().union(*(self.stems[i] for i in evidence)) if evidence else set()
        total = sum(self.weight(s) for s in stems)
        keys = [match_stem(k, language) for k in token_keys(statement)]
        pairs = [
            (a, b) for a, b in itertools.pairwise(keys) if not (a in STOPWORDS and b in STOPWORDS)
        ]
        return Coverage(
            document=sum(s in self.vocabulary for s in stems) / len(stems),
            evidence=sum(self.weight(s) for s in stems if s in found) / total,
            bigrams=sum(p in self.bigrams for p in pairs) / len(pairs) if pairs else 1.0,
            anchored=self._anchored(statement, stems),
        )

    def _anchored(self, statement: str, stems: list[str]) -> float | None:
        """For each name in the claim, the share of the rest of the claim that the sentences
        mentioning it (and their neighbours) cover; the worst name decides. A claim that pins
        one actor's deed on another scores low here while covering every word elsewhere."""
        language = self.index.language
        shares: list[float] = []
        for entity in claim_names(statement, self.index):
            name = {match_stem(k, language) for k in entity.keys}
            rest = [s for s in stems if s not in name]
            if not rest:
                continue
            near = {
                j
                for st in name
                for i in self.postings.get(st, ())
                for j in (i - 1, i, i + 1)
                if 0 <= j < len(self.stems)
            }
            total = sum(self.weight(s) for s in rest)
            shares.append(sum(self.weight(s) for s in rest if self._near(s, near)) / total)
        return min(shares) if shares else None

    def _near(self, st: str, near: set[int]) -> bool:
        """Whether one of the sentences `near` holds `st`, looked up from the smaller side."""
        postings = self.postings.get(st, ())
        if len(near) < len(postings):
            return any(st in self.stems[j] for j in near)
        return any(j in near for j in postings)
