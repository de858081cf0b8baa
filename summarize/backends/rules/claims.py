"""Rule-based claims on the parse: what each source said, as a complete clause, and the
factual sentences nobody is cited for, a claim per coordinated clause that carries a fact."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarize.models import Attribution, Certainty, Claim, Flag, Source, SourceKind
from summarize.text.entities import find_entities
from summarize.text.fold import fold
from summarize.text.markers import MarkerKind, find_markers
from summarize.text.nlp import Analysis, Sentence, has_entities, named, segments
from summarize.text.numbers import Qualifier, find_numbers

if TYPE_CHECKING:
    from spacy.tokens import Token

_ENTITY_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "MISC", "FAC", "EVENT"})
_OPENERS = frozenset(
    {"that", "que", "qu'", "but", "and", "mais", "et", "or", "ou", "so", "donc", "because", "car"}
)
_RELATIVES = frozenset({"which", "who", "whom", "whose", "qui", "dont", "lequel", "laquelle"})
_REFUSALS = frozenset({"comment", "say", "confirm", "discuss", "elaborate", "commenter"})
_QUOTES = "\"“”«»‘’' "
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A claim the rules could make, its weight for choosing, and where it starts."""

    claim: Claim
    weight: float
    start: int


def _tokens_in(sentence: Sentence, start: int, end: int) -> list[Token]:
    return [t for t in sentence.doc if start <= sentence.offset(t) < end]


def _has_clause(tokens: list[Token]) -> bool:
    """A verb with its subject, or a finite verb: a clause, not a noun phrase."""
    return any(
        t.pos_ in ("VERB", "AUX")
        and (
            any(c.dep_.startswith("nsubj") or c.dep_ == "expl" for c in t.children)
            or "Fin" in t.morph.get("VerbForm", [])
        )
        for t in tokens
    )


def statement_of(text: str) -> str | None:
    """A piece of text as a sentence of its own: no opening "that"/"que"/"But", no quotation
    marks around it, a capital and a full stop; None for a fragment ("which is meant to")."""
    piece = text.strip().strip(_QUOTES).strip(" ,;:")
    words = piece.split()
    while words and fold(words[0]).strip(",") in _OPENERS:
        words = words[1:]
    if words and fold(words[0]).startswith(("qu'", "that")) and len(fold(words[0])) > 3:
        first = words[0][3:] if fold(words[0]).startswith("qu'") else words[0]
        words = [first, *words[1:]]
    if len(words) < MIN_WORDS or fold(words[0]) in _RELATIVES:
        return None
    piece = " ".join(words)
    piece = piece.rstrip(" ,;:").rstrip(_QUOTES).rstrip(" ,;:")
    if piece.count("“") > piece.count("”") or piece.count("«") > piece.count("»"):
        piece = piece.replace("“", "").replace("«", "").replace("\u00a0»", "")
    piece = piece[0].upper() + piece[1:]
    if not piece.endswith((".", "!", "?", "…")):
        piece += "."
    return piece


def source_of(a: Attribution) -> Source | None:
    if a.source is None or not a.name:
        return None
    return Source(
        name=a.name,
        kind=a.kind or SourceKind.other,
        descriptor=a.descriptor,
        cue=a.cue.text,
    )


def _flags(
    sentence: Sentence | None, start: int, end: int, text: str, sources: list[Source]
) -> tuple[list[Flag], Certainty]:
    """Flags from the lexicons, checked against the parse where there is one: a conditional is
    a verb in the conditional mood (or a modal), "would not comment" hedges nothing, a
    prediction is a verb."""
    piece = text[start:end]
    tokens = {sentence.offset(t): t for t in sentence.doc} if sentence else {}
    kinds: set[MarkerKind] = set()
    for m in find_markers(piece):
        token = tokens.get(start + m.start)
        if token is not None and m.kind is MarkerKind.conditional:
            following = token.doc[token.i + 1 : token.i + 4]
            if any(fold(t.text) in ("not", "n't") for t in following) and any(
                fold(t.lemma_) in _REFUSALS for t in following
            ):
                continue
            if (
                token.doc.lang_ == "fr"
                and token.pos_ in ("VERB", "AUX")
                and "Cnd" not in token.morph.get("Mood", [])
                and not fold(token.text).endswith("rait")
            ):
                continue
        if token is not None and m.kind is MarkerKind.prediction and token.pos_ == "NOUN":
            continue
        kinds.add(m.kind)
    for t in tokens.values():
        if start <= t.idx + (sentence.start if sentence else 0) < end and "Cnd" in t.morph.get(
            "Mood", []
        ):
            kinds.add(MarkerKind.conditional)
    flags: list[Flag] = []
    if MarkerKind.conditional in kinds:
        flags.append(Flag.conditional_mood)
    if MarkerKind.hedge in kinds:
        flags.append(Flag.hedge_word)
    qualifiers = {n.qualifier for n in find_numbers(piece)}
    if Qualifier.upper_bound in qualifiers:
        flags.append(Flag.upper_bound_number)
    if qualifiers & {Qualifier.approximate, Qualifier.lower_bound}:
        flags.append(Flag.approximate_number)
    anonymous = [s for s in sources if s.kind is SourceKind.anonymous]
    if anonymous:
        flags.append(Flag.anonymous_source)
    if len(sources) == 1 and not anonymous:
        flags.append(Flag.single_source)
    if not sources:
        flags.append(Flag.unsourced)
    if MarkerKind.prediction in kinds:
        flags.append(Flag.prediction)
    if MarkerKind.opinion in kinds:
        flags.append(Flag.opinion)
    if kinds & {MarkerKind.conditional, MarkerKind.hedge}:
        certainty = Certainty.hedged
    elif MarkerKind.prediction in kinds:
        certainty = Certainty.speculative
    elif sources:
        certainty = Certainty.reported
    else:
        certainty = Certainty.asserted
    return flags, certainty


def _claim(
    analysis: Analysis, sentence: Sentence | None, start: int, end: int, sources: list[Source]
) -> Candidate | None:
    """The claim `[start, end)` makes; `sentence` is its parse, None for a sentence that was not
    parsed (no sign of reported speech in it), read with the lexicons alone."""
    text = analysis.text
    if sentence is not None:
        tokens = _tokens_in(sentence, start, end)
        if not tokens or not _has_clause(tokens):
            return None
    statement = statement_of(text[start:end])
    if statement is None:
        return None
    quote = text[start:end].strip()
    numbers = find_numbers(quote)
    if sentence is not None and (sources or has_entities(sentence.doc)):
        named(sentence.doc)
        entities = [
            e.text
            for e in sentence.doc.ents
            if e.label_ in _ENTITY_LABELS and start <= sentence.start + e.start_char < end
        ]
    else:
        entities = [e.text for e in find_entities(quote)]
    if not (sources or numbers or entities):
        return None
    flags, certainty = _flags(sentence, start, end, text, sources)
    claim = Claim(
        id="",
        statement=statement,
        quote=quote,
        sources=sources,
        certainty=certainty,
        flags=flags,
        entities=list(dict.fromkeys(entities)),
        numbers=[n.text for n in numbers],
    )
    weight = 2.0 * bool(sources) + 1.0 * bool(numbers) + 0.5 * min(len(set(entities)), 3)
    weight -= 1.0 * (Flag.opinion in flags)
    return Candidate(claim, weight, start)


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """The sentence, or its coordinated clauses when each has a subject of its own ("Prices
    rose and the central bank raised rates")."""
    doc = sentence.doc
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return [(sentence.start, sentence.end)]
    root = roots[0]
    conjs = [
        c
        for c in root.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and any(g.dep_.startswith("nsubj") for g in c.children)
    ]
    if not conjs:
        return [(sentence.start, sentence.end)]
    cuts = [min(t.i for t in c.subtree) for c in conjs]
    pieces: list[tuple[int, int]] = []
    first = 0
    for cut in [*cuts, len(doc)]:
        toks = [t for t in doc[first:cut] if not t.is_space]
        while toks and (toks[-1].dep_ == "cc" or toks[-1].is_punct):
            toks.pop()
        while toks and (toks[0].dep_ == "cc" or toks[0].is_punct):
            toks.pop(0)
        if toks:
            pieces.append(sentence.span(toks[0], toks[-1]))
        first = cut
    return pieces


def _negated(cue: str) -> bool:
    return any(w in ("not", "n't", "never", "ne", "n'", "pas", "jamais") for w in fold(cue).split())


def _covered(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether `[start, end)` overlaps one of the sorted `ranges` (which may overlap)."""
    i = bisect.bisect_left(ranges, (end, end))
    # Ranges are short (a sentence or a quotation): look back over a few of them.
    return any(s < end and e > start for s, e in ranges[max(0, i - 8) : i])


def candidates(
    analysis: Analysis, found: list[Attribution], body_start: int, skip: set[int]
) -> list[Candidate]:
    """Claims of the text: each attribution's content, then the sentences (or clauses) that
    no attribution covers. `skip` holds the starts of sentences that are headings."""
    out: list[Candidate] = []
    covered: list[tuple[int, int]] = []
    for a in found:
        if a.content.start < body_start:
            continue
        # A cue inside what another source said ("X said the Kremlin did not confirm that Y")
        # is part of that claim; a denied or unconfirmed content is no claim of its own.
        if any(b is not a and b.content.start <= a.cue.start < b.content.end for b in found):
            continue
        if _negated(a.cue.text):
            continue
        index = analysis.index_at(a.cue.start)
        sentence = analysis.sentences[index]
        source = source_of(a)
        sources = [source] if source else []
        pieces = [(p.start, p.end) for p in a.parts] or [(a.content.start, a.content.end)]
        start, end = max(pieces, key=lambda p: p[1] - p[0])
        home = analysis.sentences[analysis.index_at(start)]
        cand = _claim(analysis, home, start, end, sources)
        if cand is None and sources:
            # A noun phrase said ("announced the closure"): the whole sentence is the claim.
            cand = _claim(analysis, sentence, sentence.start, sentence.end, sources)
        if cand is not None:
            out.append(cand)
            covered.append((a.content.start, a.content.end))
            covered.append((sentence.start, sentence.end))
    parsed = {s.start: s for s in analysis.sentences}
    covered.sort()
    for segment in segments(analysis.text, body_start):
        if segment.start in skip:
            continue
        if _covered(covered, segment.start, segment.end):
            continue
        parse = parsed.get(segment.start)
        pieces = _clauses(parse) if parse else [(segment.start, segment.end)]
        for start, end in pieces:
            cand = _claim(analysis, parse, start, end, [])
            if cand is not None:
                out.append(cand)
    return out
