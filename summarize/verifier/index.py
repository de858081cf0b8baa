"""A document indexed once, so that locating many quotes in it stays close to linear.

Tokens are interned to integers; bigram postings seed candidate positions for a quote, so the
cost of one lookup depends on the quote and on how often its words recur, not on the length of
the document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from summarize.text.acronyms import acronyms_at, is_acronym
from summarize.text.entities import Entity, within_name
from summarize.text.language import detect_language, stem
from summarize.text.sentences import Segment, paragraphs, sentences_in
from summarize.text.tokens import Tokens, tokenize
from summarize.verifier.compare import Word, content_stem, contracted, words_of

WIDE_CHARS = 1500
# Words are read from the document's tokens this many at a time, on first use.
_BLOCK = 64


@dataclass
class DocumentIndex:
    """Tokens, sentences, paragraphs and postings of one document text."""

    text: str
    language: str
    tokens: Tokens
    ids: list[int]
    vocab: dict[str, int]
    bigrams: dict[int, list[int]]  # by first id × vocabulary size + second id (see `bigram`)
    unigrams: list[list[int]]  # by token id
    paragraphs: list[Segment]
    sentences: list[Segment]
    paragraph_starts: list[int]
    sentence_starts: list[int]
    _stem_ids: list[int] | None = field(default=None, repr=False)
    _stem_vocab: dict[str, int] = field(default_factory=dict, repr=False)
    _blocks: dict[int, list[Word]] = field(default_factory=dict, repr=False)
    _content_stems: list[str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, text: str, language: str | None = None) -> DocumentIndex:
        lang = language or detect_language(text)
        tokens = tokenize(text)
        vocab: dict[str, int] = {}
        ids = [vocab.setdefault(k, len(vocab)) for k in tokens.keys]
        unigrams: list[list[int]] = [[] for _ in vocab]
        for pos, tid in enumerate(ids):
            unigrams[tid].append(pos)
        # A pair of ids as one int: an int hashes faster than a tuple, and a document has as
        # many pairs as words.
        size = len(vocab)
        bigrams: dict[int, list[int]] = {}
        for pos, code in enumerate(a * size + b for a, b in pairwise(ids)):
            postings = bigrams.get(code)
            if postings is None:
                bigrams[code] = [pos]
            else:
                postings.append(pos)
        paras = paragraphs(text)
        sents = [s for p in paras for s in sentences_in(text, p)]
        return cls(
            text,
            lang,
            tokens,
            ids,
            vocab,
            bigrams,
            unigrams,
            paras,
            sents,
            [p.start for p in paras],
            [s.start for s in sents],
        )

    # -- tokens -------------------------------------------------------------------------------

    def unigram(self, tid: int) -> list[int]:
        """Positions of the token `tid` (none for a query's unknown, negative, id)."""
        return self.unigrams[tid] if tid >= 0 else []

    def bigram(self, first: int, second: int) -> list[int]:
        """Positions of the token pair `first`, `second`."""
        if first < 0 or second < 0:
            return []
        return self.bigrams.get(first * len(self.vocab) + second, [])

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
        return any(self.ids[p : p + n] == ids for p in self.unigram(ids[0]))

    def starts_of(self, key: str) -> list[int]:
        """Start offsets of the tokens whose key is `key`."""
        tid = self.vocab.get(key)
        return [self.tokens.starts[p] for p in self.unigrams[tid]] if tid is not None else []

    def names(self, entity: Entity) -> bool:
        """Whether the document gives this name: its words in order (a first name may be left
        out, see `within_name`), or, for an acronym, the name it stands for ("CIA" where the
        text says "Central Intelligence Agency")."""
        keys = entity.keys
        if self.contains(keys):
            return True
        at = self.unigram(self.vocab.get(keys[0], -1)) if keys else []
        if within_name(self.tokens.keys, keys, at):
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

    def words_in(self, start: int, end: int) -> tuple[Word, ...]:
        """The words of `[start, end)` as `compare.read` gives them, read from the document's
        tokens once: every check of every claim reads the same sentences."""
        starts = self.tokens.starts
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        if lo >= hi:
            return ()
        out: list[Word] = []
        for block in range(lo // _BLOCK, (hi - 1) // _BLOCK + 1):
            words = self._blocks.get(block)
            if words is None:
                first = block * _BLOCK
                last = min(first + _BLOCK, len(starts))
                words = self._blocks[block] = words_of(
                    self.text, self.tokens, self.language, first, last
                )
            out += words
        return tuple(w for w in out if w.end > start and w.start < end)

    def content_stems_in(self, start: int, end: int) -> set[str]:
        """The stems of the content words of `[start, end)`, as `words_in` reads them: each
        word of the document stemmed once."""
        if self._content_stems is None:
            self._content_stems = [content_stem(k, self.language) for k in self.vocab]
        stems = self._content_stems
        starts = self.tokens.starts
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        bases = self._contracted
        first, last = bisect_left(bases, lo), bisect_left(bases, hi)
        if first == last:
            out = {stems[t] for t in self.ids[lo:hi]}
        else:  # "won't" is "will not": its "won" is no word there
            skip = set(bases[first:last])
            out = {stems[self.ids[p]] for p in range(lo, hi) if p not in skip}
            out |= {
                w.stem
                for p in skip
                for w in words_of(self.text, self.tokens, self.language, p, p + 1)
                if w.content
            }
        out.discard("")
        return out

    @cached_property
    def _contracted(self) -> list[int]:
        """The tokens read as the first half of "n't" ("doesn" of "doesn't"), in order."""
        t = self.vocab.get("t")
        if t is None:
            return []
        return [p - 1 for p in self.unigrams[t] if contracted(self.text, self.tokens, p)]

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
