"""A claim set against its evidence word by word: what it keeps, and what it changes there.

Both texts are read into words (comparison keys, stems, offsets; "doesn't" read as "does not",
"n'" as "ne"), aligned on their stems, and every stretch where they differ becomes a `Change`:
the claim's words and the evidence's words at that place, and whether aligned words stand on
both sides of it (a change inside what the claim repeats, not a part of the text it leaves
out). The checks read these changes: a number, a name, a day or a direction word replaced, a
negation or a hedge dropped or added, two phrases exchanged, words added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from summarize.text.language import match_stem
from summarize.text.lexicon import (
    ESCALATIONS,
    MONTHS,
    NAME_VARIANTS,
    OPPOSITE_VERBS_FR,
    OPPOSITES,
    RELATIVE_TIMES,
    STOPWORDS,
    WEEKDAYS,
    conjugated,
)
from summarize.text.tokens import Tokens, tokenize

# "doesn't" is read as "does" + "not": the stem before the "t", respelt where it is not itself.
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
# French elided words, read whole.
_ELIDED = {"n": "ne", "l": "le", "d": "de", "qu": "que", "s": "se", "c": "ce", "j": "je", "m": "me"}

NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nothing",
        "nobody",
        "neither",
        "nor",
        "without",
        "ne",
        "pas",
        "jamais",
        "rien",
        "aucun",
        "aucune",
        "nul",
        "nulle",
        "sans",
        "non",
    ]
)
# Only negations next to "ne".
_NEGATION_WITH_NE = frozenset({"plus", "personne", "guere"})
FUTURE = frozenset({"will", "shall", "va", "vont", "going"})
# The most words on either side of a change read as a substitution (see `Change.local`).
LOCAL_WORDS = 4


class Word(NamedTuple):
    """A word as the checks read it; a tuple, as a document holds hundreds of thousands."""

    key: str  # folded comparison key
    stem: str  # what alignment compares
    start: int  # offsets in the text that was read (plus its offset)
    end: int
    text: str

    @property
    def content(self) -> bool:
        return is_content(self.key)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def read(text: str, language: str, offset: int = 0) -> tuple[Word, ...]:
    """The words of `text`, their offsets shifted by `offset`."""
    return _read(text, language, offset)


@lru_cache(maxsize=4096)
def _read(text: str, language: str, offset: int) -> tuple[Word, ...]:
    tokens = tokenize(text, offset)
    return tuple(words_of(text, tokens, language, 0, len(tokens), offset))


def words_of(
    text: str, tokens: Tokens, language: str, lo: int, hi: int, offset: int = 0
) -> list[Word]:
    """The words of tokens `lo` to `hi` of `text` (whose first character is at `offset` in
    the tokens' offsets); each token's reading depends only on its neighbours, so a document
    read by parts reads as it does whole."""
    keys, starts, ends = tokens.keys, tokens.starts, tokens.ends
    out: list[Word] = []
    last = len(keys) - 1
    french = language == "fr"
    for t in range(lo, hi):
        key = keys[t]
        start, end = starts[t] - offset, ends[t] - offset
        raw = text[start:end]
        if t < last and keys[t + 1] == "t" and _contracted(text, keys, starts, t + 1, offset):
            base = _CONTRACTED.get(key[:-1], key[:-1])
            if base:  # "could n't" written apart: the "n" is all of the "not"
                out.append(Word(base, _stem(base, language), starts[t], ends[t] - 1, base))
        elif key == "t" and _contracted(text, keys, starts, t, offset):
            out.append(Word("not", "not", ends[t - 1] - 1, end + offset, "n't"))
        elif key == "cannot":
            out.append(Word("can", "can", start + offset, start + offset + 3, raw[:3]))
            out.append(Word("not", "not", start + offset + 3, end + offset, raw[3:]))
        else:
            if french and key in _ELIDED and end < len(text) and text[end] in "'’":
                key = _ELIDED[key]
            out.append(Word(key, _stem(key, language), starts[t], ends[t], raw))
    return out


def contracted(text: str, tokens: Tokens, t: int) -> bool:
    """Whether token `t` of the document `text` is the "t" of "n't"."""
    return _contracted(text, tokens.keys, tokens.starts, t, 0)


def _contracted(text: str, keys: list[str], starts: list[int], t: int, offset: int) -> bool:
    """Whether token `t` is the "t" of "n't" ("doesn't"): after an apostrophe, its token
    before ending in "n"."""
    at = starts[t] - offset
    return (
        keys[t] == "t" and t > 0 and at > 0 and text[at - 1] in "'’" and keys[t - 1].endswith("n")
    )


def is_content(key: str) -> bool:
    """Whether a word of this key carries content (no stop word, no lone letter)."""
    return key not in STOPWORDS and len(key) > 1


def content_stem(key: str, language: str) -> str:
    """The stem of a token of this key read alone, if it is a content word, else "" ("cannot"
    reads as "can not")."""
    if key == "cannot" or not is_content(key):
        return ""
    return _stem(key, language)


@lru_cache(maxsize=65536)
def _stem(key: str, language: str) -> str:
    key = MONTHS.get(key, key)  # "Sept." as "September", stemmed as the document's words are
    return match_stem(key, language) if key not in STOPWORDS else key


@dataclass(frozen=True, slots=True)
class Change:
    """Where claim and evidence differ: the claim's words and the evidence's words there."""

    claim: tuple[Word, ...]
    evidence: tuple[Word, ...]
    inside: bool  # aligned words on both sides: the claim repeats what is around it

    @property
    def local(self) -> bool:
        """A few words put for a few others (inside what the claim repeats, or at its edge): a
        substitution. A long stretch on either side is the claim saying something else there,
        not one word swapped for another."""
        short = len(self.claim) <= LOCAL_WORDS and len(self.evidence) <= LOCAL_WORDS
        return short and (self.inside or bool(self.claim and self.evidence))


@dataclass(frozen=True, slots=True)
class Alignment:
    claim: tuple[Word, ...]
    evidence: tuple[Word, ...]
    kept: tuple[tuple[int, int], ...]  # (claim index, evidence index) of aligned words
    changes: tuple[Change, ...]

    @property
    def kept_evidence(self) -> frozenset[int]:
        """Offsets (starts) of the evidence words the claim repeats."""
        return frozenset(self.evidence[j].start for _, j in self.kept)


def align(claim: tuple[Word, ...], evidence: tuple[Word, ...]) -> Alignment:
    """Align two readings on their stems; what differs between aligned stretches is a change."""
    matcher = SequenceMatcher(None, [w.stem for w in claim], [w.stem for w in evidence], False)
    kept: list[tuple[int, int]] = []
    changes: list[Change] = []
    codes = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            kept.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        inside = 0 < n < len(codes) - 1
        changes.append(Change(claim[i1:i2], evidence[j1:j2], inside))
    return Alignment(claim, evidence, tuple(kept), tuple(changes))


# --- what the lexicons say about two words ---------------------------------------------------


def _pairs(entries: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    out = set()
    for a, b in entries:
        for lang in ("en", "fr"):
            sa, sb = _phrase_stem(a, lang), _phrase_stem(b, lang)
            if sa and sb and sa != sb:
                out.add((sa, sb))
    return frozenset(out)


def _phrase_stem(phrase: str, language: str) -> str:
    return " ".join(w.stem for w in read(phrase, language))


@lru_cache(maxsize=1)
def _opposites() -> frozenset[tuple[str, str]]:
    pairs = _pairs(OPPOSITES) | _verb_pairs()
    return pairs | frozenset((b, a) for a, b in pairs)


def _verb_pairs() -> frozenset[tuple[str, str]]:
    """The French opposite verbs, form for form ("a ouvert" / "a fermé")."""
    out = set()
    for a, b in OPPOSITE_VERBS_FR:
        for x, y in ((a, b), *zip(conjugated(a), conjugated(b), strict=False)):
            sx, sy = _phrase_stem(x, "fr"), _phrase_stem(y, "fr")
            if sx and sy and sx != sy:
                out.add((sx, sy))
    return frozenset(out)


@lru_cache(maxsize=1)
def _escalations() -> frozenset[tuple[str, str]]:
    return _pairs(ESCALATIONS)


def opposite(claim_word: Word, evidence_word: Word) -> bool:
    return (claim_word.stem, evidence_word.stem) in _opposites()


def escalation(change: Change) -> tuple[str, str] | None:
    """(evidence words, claim words) when the claim makes fact of what the text alleges."""
    pairs = _escalations()
    alleged = _alleged()
    claimed_spans: list[str] | None = None
    for size in (3, 2, 1):
        for i in range(len(change.evidence) - size + 1):
            said = " ".join(w.stem for w in change.evidence[i : i + size])
            if said not in alleged:
                continue
            if claimed_spans is None:
                claimed_spans = list(_spans(change.claim))
            for claimed in claimed_spans:
                if (said, claimed) in pairs:
                    text = " ".join(w.text for w in change.evidence[i : i + size])
                    return text, claimed
    return None


@lru_cache(maxsize=1)
def _alleged() -> frozenset[str]:
    """The text's side of the escalations, to skip the rest at once."""
    return frozenset(said for said, _ in _escalations())


def _spans(words: tuple[Word, ...]) -> Iterable[str]:
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            yield " ".join(w.stem for w in words[i : i + size])


_COMPARATIVES = frozenset(
    ["fewer", "less", "more", "later", "longer", "sooner", "earlier", "bigger", "greater"]
)


def _next_key(word: Word, words: tuple[Word, ...]) -> str:
    at = next((i for i, w in enumerate(words) if w is word), -1)
    return words[at + 1].key if 0 <= at < len(words) - 1 else ""


def is_negation(word: Word, words: tuple[Word, ...]) -> bool:
    if word.key == "ne" and word.text.lower() not in ("ne", "n"):
        return False  # "né" (born) folds to "ne"
    if word.key == "no" and _next_key(word, words) in _COMPARATIVES:
        return False  # "no fewer than": a floor, not a negation
    if word.key == "sans" and _next_key(word, words) == "doute":
        return False  # "sans doute": a hedge
    if word.key in NEGATIONS:
        return word.key != "ne" or not any(w.key in NEGATIONS - {"ne"} for w in words)
    return word.key in _NEGATION_WITH_NE and any(w.key == "ne" for w in words)


_TIME_NOUNS = frozenset(
    [
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "century",
        "morning",
        "evening",
        "night",
        "jour",
        "jours",
        "semaine",
        "semaines",
        "mois",
        "an",
        "ans",
        "annee",
        "annees",
        "matin",
        "soir",
        "nuit",
        "siecle",
    ]
)
_RELATIVE_ALONE = frozenset(
    ["yesterday", "today", "tomorrow", "tonight", "hier", "demain", "veille", "lendemain"]
)


def time_word(words: tuple[Word, ...], i: int) -> bool:
    """Whether words[i] says when: a day, a month, a year, or a relative time ("last week")."""
    word = words[i]
    key = word.key
    if key in WEEKDAYS or key in _RELATIVE_ALONE or key == "aujourd":
        return True
    if key in MONTHS:
        return key not in ("may", "mars") or word.capitalised or _number_near(words, i)
    if key in RELATIVE_TIMES:
        near = [w.key for w in words[max(0, i - 2) : i + 3]]
        return any(k in _TIME_NOUNS for k in near)
    return key.isdigit() and len(key) == 4 and key[:2] in ("19", "20")


def _number_near(words: tuple[Word, ...], i: int) -> bool:
    return any(w.key.isdigit() for w in words[max(0, i - 1) : i + 2])


@lru_cache(maxsize=1)
def _variants() -> dict[str, int]:
    out: dict[str, int] = {}
    for n, group in enumerate(NAME_VARIANTS):
        for name in group:
            out[" ".join(w.key for w in read(name, "en"))] = n
    return out


def other_names(name: str) -> list[str]:
    """The other names (as space-joined keys) of a name given as space-joined keys: "us" and
    "united states" for "usa"; none for a name with no variant."""
    variants = _variants()
    group = variants.get(name)
    if group is None:
        return []
    return [other for other, n in variants.items() if n == group and other != name]


def variant_of(words: tuple[Word, ...], evidence: tuple[Word, ...]) -> bool:
    """Whether `words` are another name for one the evidence gives ("the United States" where
    the evidence says "the US")."""
    name = " ".join(w.key for w in words if w.key not in _ARTICLES)
    keys = [w.key for w in evidence]
    for other in other_names(name):
        parts = other.split()
        if any(keys[i : i + len(parts)] == parts for i in range(len(keys))):
            return True
    return False


_ARTICLES = frozenset({"the", "le", "la", "les", "s", "de", "du", "des", "l", "au", "aux", "en"})


def same_name(claim_words: tuple[Word, ...], evidence_words: tuple[Word, ...]) -> bool:
    """Whether two names stand for the same thing (variants, demonyms, a short form)."""
    a = " ".join(w.key for w in claim_words if w.key not in _ARTICLES)
    b = " ".join(w.key for w in evidence_words if w.key not in _ARTICLES)
    if not a or not b:
        return False
    variants = _variants()
    if a in variants and variants[a] == variants.get(b):
        return True
    if _initials(claim_words, evidence_words) or _initials(evidence_words, claim_words):
        return True
    return set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split())


def _initials(short: tuple[Word, ...], long: tuple[Word, ...]) -> bool:
    """An acronym and the words it stands for: "CIA", "Central Intelligence Agency"."""
    if len(short) != 1 or not short[0].text.isupper() or len(long) < 2:
        return False
    initials = "".join(w.text[0] for w in long if w.capitalised)
    return initials.lower() == short[0].key
