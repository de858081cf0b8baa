"""A document indexed once, so that locating many quotes in it stays close to linear.

Tokens are interned to integers; bigram postings seed candidate positions for a quote, so the
cost of one lookup depends on the quote and on how often its words recur, not on the length of
the document.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from summarize.text.acronyms import acronyms_at, is_acronym
from summarize.text.entities import Entity
from summarize.text.language import detect_language, stem
from summarize.text.sentences import Segment, paragraphs, sentences_in
from summarize.text.tokens import Tokens, tokenize

WIDE_CHARS = 1500


@dataclass
class DocumentIndex:
    """Tokens, sentences, paragraphs and postings of one document text."""

    text: str
    language: str
    tokens: Tokens
    ids: list[int]
    vocab: dict[str, int]
    bigrams: dict[tuple[int, int], list[int]]
    unigrams: dict[int, list[int]]
    paragraphs: list[Segment]
    sentences: list[Segment]
    paragraph_starts: list[int]
    sentence_starts: list[int]
    _stem_ids: list[int] | None = field(default=None, repr=False)
    _stem_vocab: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, text: str, language: str | None = None) -> DocumentIndex:
        lang = language or detect_language(text)
        tokens = tokenize(text)
        vocab: dict[str, int] = {}
        ids = [vocab.setdefault(k, len(vocab)) for k in tokens.keys]
        bigrams: dict[tuple[int, int], list[int]] = defaultdict(list)
        unigrams: dict[int, list[int]] = defaultdict(list)
        for pos, tid in enumerate(ids):
            unigrams[tid].append(pos)
            if pos + 1 < len(ids):
                bigrams[(tid, ids[pos + 1])].append(pos)
        paras = paragraphs(text)
        sents = [s for p in paras for s in sentences_in(text, p)]
        return cls(
            text,
            lang,
            tokens,
            ids,
            vocab,
            dict(bigrams),
            dict(unigrams),
            paras,
            sents,
            [p.start for p in paras],
            [s.start for s in sents],
        )

    # -- tokens -------------------------------------------------------------------------------

    def query_ids(self, keys: list[str]) -> list[int]:
        """Ids of a quote's token keys; a key the document lacks gets a fresh negative id."""
        return [self.vocab.get(k, -1 - i) for i, k in enumerate(keys)]

    def contains(self, keys: list[str] | tuple[str, ...]) -> bool:
        """Whether the words `keys` occur in this order anywhere in the document."""
        if not keys:
            return True
        ids = self.query_ids(list(keys))
        if min(ids) < 0:
            return False
        n = len(ids)
        return any(self.ids[p : p + n] == ids for p in self.unigrams[ids[0]])

    def names(self, entity: Entity) -> bool:
        """Whether the document gives this name: its words in order, or, for an acronym, the
        name it stands for ("CIA" where the text says "Central Intelligence Agency")."""
        if self.contains(entity.keys):
            return True
        return is_acronym(entity.text) and entity.keys[0] in self._spelt_out

    @cached_property
    def acronyms(self) -> list[tuple[int, str]]:
        """(offset, acronym) of each name the text spells out; read on first use."""
        return acronyms_at(self.text)

    @cached_property
    def _spelt_out(self) -> set[str]:
        return {acronym for _, acronym in self.acronyms}

    def stem_id(self, key: str) -> int:
        return self._stem_vocab.setdefault(stem(key, self.language), len(self._stem_vocab))

    @property
    def stem_ids(self) -> list[int]:
        """Stem of every token, interned; built on first use (fuzzy matching needs it)."""
        if self._stem_ids is None:
            by_id = {tid: self.stem_id(key) for key, tid in self.vocab.items()}
            self._stem_ids = [by_id[t] for t in self.ids]
        return self._stem_ids

    # -- structure ----------------------------------------------------------------------------

    @staticmethod
    def _segments_over(
        segs: list[Segment], starts: list[int], start: int, end: int
    ) -> list[Segment]:
        i = max(0, bisect_right(starts, start) - 1)
        out = []
        while i < len(segs) and segs[i].start < max(end, start + 1):
            if segs[i].end > start:
                out.append(segs[i])
            i += 1
        return out

    def sentences_over(self, start: int, end: int) -> list[Segment]:
        """The sentences that a span touches."""
        return self._segments_over(self.sentences, self.sentence_starts, start, end)

    def paragraphs_over(self, start: int, end: int) -> list[Segment]:
        return self._segments_over(self.paragraphs, self.paragraph_starts, start, end)

    def context(self, start: int, end: int) -> Segment:
        """The sentences around a span, from the first it touches to the last."""
        sents = self.sentences_over(start, end)
        if not sents:
            return Segment(start, end)
        return Segment(min(sents[0].start, start), max(sents[-1].end, end))

    def paragraph_context(self, start: int, end: int) -> Segment:
        """The paragraphs a span touches, with the one before (it may name the source); a
        paragraph that runs on (a document in one line) is cut to the sentences within
        WIDE_CHARS of the span, so checks cost the same in any document."""
        paras = self.paragraphs_over(start, end)
        if not paras:
            return Segment(start, end)
        first = bisect_right(self.paragraph_starts, paras[0].start) - 1
        lo = min(self.paragraphs[max(0, first - 1)].start, start)
        hi = max(paras[-1].end, end)
        if start - lo > WIDE_CHARS:
            near = self.sentences_over(start - WIDE_CHARS, start)
            lo = min(near[0].start if near else start, start)
        if hi - end > WIDE_CHARS:
            near = self.sentences_over(end, end + WIDE_CHARS)
            hi = max(near[-1].end if near else end, end)
        return Segment(lo, hi)
