"""Finding a quote in the document: exact, then normalised, then fuzzy; offsets into the original.

Matching works on tokens (see `summarize.text.tokens`), so case, accents, quotes, apostrophes,
dashes, punctuation and exotic spaces never stop a match. A quote with an elided middle ("...")
is located part by part, in order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel, Levenshtein

from summarize.models import Evidence, MatchKind, Span
from summarize.text.fold import token_key as fold_key
from summarize.text.lexicon import STOPWORDS
from summarize.text.tokens import Tokens, tokenize
from summarize.verifier.index import DocumentIndex

ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.{3}|…)\s*\]|\(\s*(?:\.{3}|…)\s*\)|\.{3,}|…)\s*")
DEFAULT_MIN_SCORE = 0.75
_MAX_POSTINGS = 400  # a bigram seen more often than this is too common to seed a search
_CANDIDATES = 4
MAX_ALIGN_TOKENS = 300  # longest run of a quote aligned in one piece
_ELIDED_TRIES = 16  # occurrences of an elided quote's first part that are tried
_TRIED_TOKENS = 4000  # quote tokens chained over all those tries, at most
_RANK = {MatchKind.exact: 0, MatchKind.normalised: 1, MatchKind.fuzzy: 2}


@dataclass(frozen=True, slots=True)
class Difference:
    """Words of the quote that the text gives otherwise ("" where one side has none)."""

    quote: str
    text: str


@dataclass(slots=True)
class _Match:
    lo: int  # first token
    hi: int  # one past the last token
    kind: MatchKind
    score: float
    differences: list[Difference] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Located:
    """A quote's evidence and the words where quote and text disagree."""

    evidence: Evidence
    differences: list[Difference]


def _pieces(fragment: str, toks: Tokens) -> list[tuple[str, Tokens]]:
    """`fragment` cut into pieces of at most MAX_ALIGN_TOKENS tokens (offsets in `fragment`)."""
    if len(toks) <= MAX_ALIGN_TOKENS:
        return [(fragment, toks)]
    out = []
    for lo in range(0, len(toks), MAX_ALIGN_TOKENS):
        hi = min(len(toks), lo + MAX_ALIGN_TOKENS)
        piece = Tokens(toks.keys[lo:hi], toks.starts[lo:hi], toks.ends[lo:hi])
        out.append((fragment[toks.starts[lo] : toks.ends[hi - 1]], piece))
    return out


class Locator:
    """Locates quotes in one indexed document."""

    def __init__(self, index: DocumentIndex, min_score: float = DEFAULT_MIN_SCORE) -> None:
        self.index = index
        self.min_score = min_score

    def locate(self, quote: str) -> Located | None:
        """The best span for `quote`, or None when nothing scores above the threshold."""
        fragments = [(f, tokenize(f)) for f in ELLIPSIS.split(quote)]
        fragments = [(f, t) for f, t in fragments if len(t)]
        if not fragments:
            return None
        if len(fragments) == 1 and len(fragments[0][1]) <= MAX_ALIGN_TOKENS:
            found = self._fragment(fragments[0][1], 0, len(self.index.ids))
            return self._evidence(quote, fragments, [found]) if found else None
        if len(fragments) == 1:
            whole = self.index.query_ids(fragments[0][1].keys)
            pos = self._exact(whole, 0, len(self.index.ids))
            if pos is not None:
                found = _Match(pos, pos + len(whole), MatchKind.normalised, 1.0)
                return self._evidence(quote, fragments, [found])
        # Alignment costs the square of a part's length: a quote as long as a page is aligned
        # as a chain of bounded pieces, each close after the one before.
        fragments = [piece for f in fragments for piece in _pieces(*f)]
        # The first part may recur (a headline restated in the body, a name in every line):
        # chain the other parts after each of its occurrences, and keep the best, tightest one.
        parts = [t for _, t in fragments]
        best: tuple[float, int, list[_Match]] | None = None
        start, n = 0, len(self.index.ids)
        # Each try chains every part: a long quote gets fewer tries, so the cost stays linear.
        tries = min(_ELIDED_TRIES, max(1, _TRIED_TOKENS // sum(len(t) for t in parts)))
        for _ in range(tries):
            first = self._fragment(parts[0], start, n)
            if first is None:
                break
            chain = self._chain(first, parts[1:])
            if chain is not None:
                weight = sum(m.hi - m.lo for m in chain)
                score = sum(m.score * (m.hi - m.lo) for m in chain) / weight
                key = (round(score, 4), chain[0].lo - chain[-1].hi, chain)
                if best is None or key[:2] > best[:2]:
                    best = key
            start = first.lo + 1
        return self._evidence(quote, fragments, best[2]) if best else None

    def _chain(self, first: _Match, rest: list[Tokens]) -> list[_Match] | None:
        """The parts after the first, each located closely after the one before."""
        n = len(self.index.ids)
        # An elision hides words, not whole pages.
        reach = 3 * (first.hi - first.lo + sum(len(t) for t in rest)) + 60
        matches = [first]
        for toks in rest:
            lo = matches[-1].hi
            found = self._fragment(toks, lo, min(n, lo + reach))
            if found is None:
                return None
            matches.append(found)
        return matches

    # -- one fragment -------------------------------------------------------------------------

    def _fragment(self, toks: Tokens, lo: int, hi: int) -> _Match | None:
        q_ids = self.index.query_ids(toks.keys)
        pos = self._exact(q_ids, lo, hi)
        if pos is not None:
            return _Match(pos, pos + len(q_ids), MatchKind.normalised, 1.0)
        if len(q_ids) < 3:
            return None  # too short to align by similarity without false hits
        return self._fuzzy(toks.keys, q_ids, lo, hi)

    def _exact(self, q_ids: list[int], lo: int, hi: int) -> int | None:
        if min(q_ids) < 0:
            return None
        ids = self.index.ids
        m = len(q_ids)
        if m == 1:
            offset, postings = 0, self.index.unigram(q_ids[0])
        else:
            offset, postings = min(
                ((i, self.index.bigram(q_ids[i], q_ids[i + 1])) for i in range(m - 1)),
                key=lambda pair: len(pair[1]),
            )
        for p in postings:
            start = p - offset
            if start >= lo and start + m <= hi and ids[start : start + m] == q_ids:
                return start
        return None

    def _seeds(self, keys: list[str], q_ids: list[int], lo: int, hi: int) -> Counter[int]:
        """Votes for where the quote starts: each shared bigram (or rare word) casts one."""
        votes: Counter[int] = Counter()
        for i in range(len(q_ids) - 1):
            postings = self.index.bigram(q_ids[i], q_ids[i + 1])
            if postings and len(postings) <= _MAX_POSTINGS:
                votes.update(p - i for p in postings if lo <= p < hi)
        if not votes:
            for i, (key, tid) in enumerate(zip(keys, q_ids, strict=True)):
                postings = self.index.unigram(tid)
                if key not in STOPWORDS and postings and len(postings) <= _MAX_POSTINGS:
                    votes.update(p - i for p in postings if lo <= p < hi)
        return votes

    def _fuzzy(self, keys: list[str], q_ids: list[int], lo: int, hi: int) -> _Match | None:
        votes = self._seeds(keys, q_ids, lo, hi)
        if not votes:
            return None
        m = len(keys)
        band = max(2, m // 4)
        # Diagonals close together are one candidate: gaps in the quote shift them a little.
        pooled: Counter[int] = Counter()
        for d, c in votes.items():
            for shift in range(-band, band + 1):
                pooled[d + shift] += c
        chosen: list[int] = []
        for d, _ in pooled.most_common():
            if all(abs(d - c) > band for c in chosen):
                chosen.append(d)
            if len(chosen) == _CANDIDATES:
                break
        q_stems = [self.index.stem_id(k) for k in keys]
        best: _Match | None = None
        for d in chosen:
            found = self._align(keys, q_stems, d, m, lo, hi)
            if found and (best is None or found.score > best.score):
                best = found
        if best is None or best.score < self.min_score:
            return None
        return best

    def _align(
        self, keys: list[str], q_stems: list[int], diagonal: int, m: int, lo: int, hi: int
    ) -> _Match | None:
        slack = m // 2 + 3
        w_lo, w_hi = max(lo, diagonal - slack), min(hi, diagonal + m + slack)
        ops = Levenshtein.opcodes(q_stems, self.index.stem_ids[w_lo:w_hi])
        # Aligned runs as (quote start, text start, quote end, text end), text in document tokens.
        runs = [
            (op.src_start, w_lo + op.dest_start, op.src_end, w_lo + op.dest_end)
            for op in ops
            if op.tag == "equal"
        ]
        # Drop a stray match at either edge: a word far from the rest of the quote. A gap of a
        # few words is what dropped or changed words leave, and stays.
        while len(runs) > 1:
            if _stray(runs[0][2] - runs[0][0], runs[1][1] - runs[0][3]):
                runs.pop(0)
            elif _stray(runs[-1][2] - runs[-1][0], runs[-1][1] - runs[-2][3]):
                runs.pop()
            else:
                break
        if not runs:
            return None
        runs = self._adjacent_twins(q_stems, runs)
        doc_keys = self.index.tokens.keys
        # Same stem, other word form ("accueille" for "accueillir"): most of a match.
        inflected = sum(
            keys[r[0] + k] != doc_keys[r[1] + k] for r in runs for k in range(r[2] - r[0])
        )
        t_lo, t_hi = (
            self._edge(keys, runs[0], lo, at_start=True),
            self._edge(keys, runs[-1], hi, at_start=False),
        )
        # A word cut in half at an edge ("ussie" for "Russie") is the same word.
        partial = int(t_lo < runs[0][1] and _cut_word(keys[0], doc_keys[t_lo], at_start=True))
        partial += int(
            t_hi > runs[-1][3] and _cut_word(keys[-1], doc_keys[t_hi - 1], at_start=False)
        )
        # Scored on the final span by its own longest common subsequence: the edit operations
        # above are one optimal alignment among many, and may pair a word with a far twin.
        span = t_hi - t_lo
        distance = Indel.distance(q_stems, self.index.stem_ids[t_lo:t_hi])
        score = (m + span - distance + 2 * partial - 0.5 * inflected) / (m + span)
        return _Match(
            t_lo,
            t_hi,
            MatchKind.fuzzy,
            round(min(score, 1.0), 4),
            self._differences(keys, runs, t_lo, t_hi, partial),
        )

    def _adjacent_twins(
        self, q_stems: list[int], runs: list[tuple[int, int, int, int]]
    ) -> list[tuple[int, int, int, int]]:
        """Move an edge run next to its neighbour when the text has the same words there: the
        alignment may pair a leading "the" with an earlier twin ("the Hawks. The players")."""
        stems = self.index.stem_ids
        if len(runs) > 1:
            (qs, _, qe, _), (nqs, nts, nqe, nte) = runs[0], runs[1]
            start = nts - (qe - qs)
            if qe == nqs and start >= 0 and stems[start:nts] == q_stems[qs:qe]:
                runs = [(qs, start, nqe, nte), *runs[2:]]
        if len(runs) > 1:
            (pqs, pts, pqe, pte), (qs, _, qe, _) = runs[-2], runs[-1]
            end = pte + (qe - qs)
            if pqe == qs and end <= len(stems) and stems[pte:end] == q_stems[qs:qe]:
                runs = [*runs[:-2], (pqs, pts, qe, end)]
        return runs

    def _edge(
        self, keys: list[str], run: tuple[int, int, int, int], bound: int, *, at_start: bool
    ) -> int:
        """Where the span ends when quote words before (after) the first (last) run are
        substitutions: take in as many text words, without crossing a line break."""
        text, toks = self.index.text, self.index.tokens
        if at_start:
            t = run[1]
            for _ in range(run[0]):
                if t - 1 < bound or "\n" in text[toks.ends[t - 1] : toks.starts[t]]:
                    break
                t -= 1
            return t
        t = run[3]
        for _ in range(len(keys) - run[2]):
            if t >= bound or "\n" in text[toks.ends[t - 1] : toks.starts[t]]:
                break
            t += 1
        return t

    def _differences(
        self,
        keys: list[str],
        runs: list[tuple[int, int, int, int]],
        t_lo: int,
        t_hi: int,
        partial: int,
    ) -> list[Difference]:
        """Words that differ between quote and text over the matched span."""
        text, toks = self.index.text, self.index.tokens
        out: list[Difference] = []
        s_pos, t_pos = 0, t_lo
        for s_start, t_start, s_end, t_end in [*runs, (len(keys), t_hi, len(keys), t_hi)]:
            if s_start > s_pos or t_start > t_pos:
                quote_words = " ".join(keys[s_pos:s_start])
                text_words = (
                    text[toks.starts[t_pos] : toks.ends[t_start - 1]] if t_start > t_pos else ""
                )
                if not (
                    partial and _cut_word(quote_words, fold_key(text_words), at_start=s_pos == 0)
                ):
                    out.append(Difference(quote_words, text_words))
            s_pos, t_pos = max(s_pos, s_end), max(t_pos, t_end)
        return out

    # -- evidence -----------------------------------------------------------------------------

    def _evidence(
        self, quote: str, fragments: list[tuple[str, Tokens]], matches: list[_Match]
    ) -> Located:
        text = self.index.text
        toks = self.index.tokens
        parts: list[Span] = []
        kinds: list[MatchKind] = []
        for (frag, _), match in zip(fragments, matches, strict=True):
            start, end = toks.starts[match.lo], toks.ends[match.hi - 1]
            kind = match.kind
            if exact := _verbatim(text, frag, start, end):
                (start, end), kind = exact, MatchKind.exact
                match.score, match.differences = 1.0, []
            parts.append(Span(start=start, end=end))
            kinds.append(kind)
        weights = [len(qt) for _, qt in fragments]
        score = sum(m.score * w for m, w in zip(matches, weights, strict=True)) / sum(weights)
        kind = max(kinds, key=_RANK.__getitem__)
        if len(parts) > 1 and kind is MatchKind.exact:
            kind = MatchKind.normalised  # the elision itself is not in the text
        start, end = parts[0].start, parts[-1].end
        evidence = Evidence(
            start=start,
            end=end,
            text=text[start:end],
            match=kind,
            score=round(score, 4),
            parts=parts if len(parts) > 1 else [],
        )
        return Located(evidence, [d for m in matches for d in m.differences])


def _stray(run: int, gap: int) -> bool:
    """An edge run of `run` words, `gap` words away from the rest, is a chance match."""
    return gap > max(3, 2 * run)


def _cut_word(quote_word: str, text_word: str, *, at_start: bool) -> bool:
    """Whether the quote's edge word is the text's word cut short."""
    if len(quote_word) < 3 or " " in quote_word or quote_word == text_word:
        return False
    return text_word.endswith(quote_word) if at_start else text_word.startswith(quote_word)


def _verbatim(text: str, frag: str, start: int, end: int) -> tuple[int, int] | None:
    """The fragment's exact span near a token match, punctuation included, if it is there.

    Tokens can differ where the text does not, e.g. a quote that stops inside "25 000".
    """
    core = frag.strip()
    pos = text.find(core, max(0, start - 16), end + 16)
    return (pos, pos + len(core)) if pos >= 0 else None
