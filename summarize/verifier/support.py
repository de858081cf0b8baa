"""Support for a claim given without a quote: retrieve its best passage, then judge coverage.

Used for another model's summary sentences or a person's notes. Sentences are ranked by the
IDF-weighted share of the claim's content words they hold; a window of two neighbouring
sentences is tried too, since news often splits one fact across two sentences.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from summarize.text.sentences import Segment
from summarize.verifier.checks import content_stems
from summarize.verifier.index import DocumentIndex

TOP_SENTENCES = 5


@dataclass(frozen=True, slots=True)
class Passage:
    segment: Segment
    coverage: float  # IDF-weighted share of the claim's content stems found here
    sentences: tuple[int, ...]


class SentenceIndex:
    """Content stems of each sentence and an inverted index over them; built on first use."""

    def __init__(self, index: DocumentIndex) -> None:
        self.index = index
        self.stems: list[set[str]] = [
            set(content_stems(s.slice(index.text), index.language)) for s in index.sentences
        ]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, stems in enumerate(self.stems):
            for st in stems:
                self.postings[st].append(i)
        n = max(1, len(self.stems))
        self.idf = {st: math.log(1 + n / len(p)) for st, p in self.postings.items()}
        self._unseen_idf = math.log(1 + n)

    def weight(self, st: str) -> float:
        return self.idf.get(st, self._unseen_idf)

    def coverage(self, claim: list[str], found: set[str]) -> float:
        total = sum(self.weight(s) for s in claim)
        return sum(self.weight(s) for s in claim if s in found) / total if total else 0.0

    def ranked(self, claim_stems: list[str], top: int = TOP_SENTENCES) -> list[int]:
        """Sentence numbers that share most of the claim's weight, best first."""
        scores: dict[int, float] = defaultdict(float)
        for st in set(claim_stems):
            w = self.weight(st)
            for i in self.postings.get(st, ()):
                scores[i] += w
        return sorted(scores, key=lambda i: (-scores[i], i))[:top]

    def best_passage(self, claim_stems: list[str]) -> Passage | None:
        ranked = self.ranked(claim_stems)
        if not ranked:
            return None
        sents = self.index.sentences
        windows: set[tuple[int, ...]] = set()
        for i in ranked:
            windows.add((i,))
            if i > 0:
                windows.add((i - 1, i))
            if i + 1 < len(sents):
                windows.add((i, i + 1))
        best: Passage | None = None
        # Single sentences come first, so they win ties: they are the tighter evidence.
        for win in sorted(windows, key=lambda w: (len(w), w)):
            found = set().union(*(self.stems[i] for i in win))
            cov = self.coverage(claim_stems, found)
            if best is None or cov > best.coverage + 1e-9:
                seg = Segment(sents[win[0]].start, sents[win[-1]].end)
                best = Passage(seg, cov, win)
        return best
