"""Who said what: attributions (source, cue, content) read off the parse, French and English.

The parse gives the structure ("X said that Y": the verb's subject and its clausal complement;
"« Y », a déclaré X": an inserted clause; "selon X, Y": a phrase attached to Y's verb); our
lexicons say which verbs and phrases report speech or belief, which words make a source
anonymous and what kind of source a noun names. Shared by the rules backend (a claim per
content) and the verifier (a claim that drops a source the text gives).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from summarize.models import Attribution, SourceKind, Span, TextSpan
from summarize.text.entities import find_entities
from summarize.text.fold import fold, token_key
from summarize.text.lexicon import (
    ANONYMITY_MARKERS,
    CUE_PHRASES,
    GROUP_PRONOUNS,
    HEARER_VERBS,
    KNOWN_AGENCIES,
    KNOWN_MEDIA,
    MONTHS,
    OBJECT_CUES,
    PERSON_PRONOUNS,
    REPORTING_LEMMAS_EN,
    REPORTING_LEMMAS_FR,
    SOURCE_KINDS,
    VEHICLE_NOUNS,
    WEEKDAYS,
)
from summarize.text.nlp import Analysis, Sentence, analyse, named, named_all, segments

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "csubj:pass"})
_OBJECTS = frozenset({"dobj", "obj"})
# A cue that interrupts or follows what it reports hangs off that clause in one of these ways.
_INSERTED = frozenset({"parataxis", "parataxis:insert", "dep", "conj", "advcl", "ROOT"})
_NAME_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "MISC", "FAC"})
_QUOTES_OPEN = '“«"‘'
_QUOTES_CLOSE = '”»"’'
_EDGE = " \t\n,;:–—-()[]"
_COMPLEMENTIZERS = frozenset({"que", "qu'", "that", "whether", "if", "si"})
_CONJUNCTIONS = frozenset({"and", "but", "or", "et", "mais", "ou", "puis"})
_PRONOUN_LOOKBACK = 4
# "called for X", "warned of X", "spoke about X": the preposition is part of the cue.
_CONTENT_PREPS = frozenset({"for", "of", "about", "against", "de", "contre"})
_FIRST_PERSON = frozenset({"i", "we", "you", "je", "j'", "nous", "vous", "tu"})
_BELIEF = frozenset(
    {
        "think",
        "believe",
        "know",
        "feel",
        "hope",
        "fear",
        "doubt",
        "wonder",
        "penser",
        "croire",
        "craindre",
        "esperer",
        "savoir",
    }
)  # sentences searched for a pronoun's antecedent


@dataclass(slots=True)
class _Found:
    """An attribution before it becomes the public model: tokens of one sentence."""

    sentence: Sentence
    cue: list[Token]
    source: list[Token]
    content: tuple[int, int]
    parts: list[tuple[int, int]]


def _lemma(token: Token) -> str:
    return fold(token.lemma_ or token.text)


def _reporting(token: Token, language: str) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
        return False
    lemmas = REPORTING_LEMMAS_FR if language == "fr" else REPORTING_LEMMAS_EN
    lemma = _lemma(token)
    # The French lemmatizer leaves some participles alone ("déclaré"): try the infinitive.
    return lemma in lemmas or (language == "fr" and _infinitive(fold(token.text)) in lemmas)


def _infinitive(word: str) -> str:
    for ending, verb in (("ee", "er"), ("es", "er"), ("e", "er"), ("it", "ire"), ("is", "ir")):
        if word.endswith(ending):
            return word[: -len(ending)] + verb
    return word


def _span(sentence: Sentence, tokens: Iterable[Token]) -> tuple[int, int] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return None
    return sentence.span(toks[0], toks[-1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` without edge punctuation and spaces; quote marks kept only in pairs."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and (
        text[end - 1] in _EDGE or (text[end - 1] == "." and not _abbreviated(text, start, end))
    ):
        end -= 1
    while start < end and text[start] == ".":
        start += 1
    piece = text[start:end]
    if piece[:1] in _QUOTES_OPEN and not any(c in _QUOTES_CLOSE for c in piece[1:]):
        return _trim(text, start + 1, end)
    if piece[-1:] in _QUOTES_CLOSE and not any(c in _QUOTES_OPEN for c in piece[:-1]):
        return _trim(text, start, end - 1)
    return start, end


def _abbreviated(text: str, start: int, end: int) -> bool:
    """Whether the full stop ending `[start, end)` belongs to a word ("a.m.", "U.S.")."""
    word = text[start:end].rsplit(None, 1)[-1]
    return "." in word[:-1] and word[-2:-1].isalpha()


def _with_aux(verb: Token) -> list[Token]:
    """The cue: the verb with its auxiliaries, negation and the adverbs next to it ("has
    learned", "a indiqué", "also said"), and the circumstances that follow it before what was
    said ("said Monday", "said in an interview")."""
    parts = [verb]
    for child in verb.children:
        near = child.i < verb.i and verb.i - child.i <= 3 and _adjacent_left(child, verb)
        if near and (child.dep_.startswith("aux") or child.dep_ in ("neg", "advmod")):
            parts.append(child)
    last = verb.i
    for child in sorted(verb.rights, key=lambda t: t.i):
        if child.i != last + 1:
            break
        # "called for X", "spoke about X": the particle or preposition is part of the cue;
        # circumstances are not ("said Monday", "said in an interview").
        if child.dep_ in ("prt", "compound:prt") or (
            child.dep_ == "prep" and fold(child.text) in _CONTENT_PREPS
        ):
            parts.append(child)
            last = child.i
            continue
        break
    return sorted(parts, key=lambda t: t.i)


def _adjacent_left(child: Token, verb: Token) -> bool:
    between = verb.doc[child.i + 1 : verb.i]
    return all(t.dep_.startswith("aux") or t.dep_ in ("neg", "advmod") for t in between)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited along coordination ("X said A and warned that B")."""
    seen = 0
    current: Token | None = verb
    while current is not None and seen < 4:
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                return child
        agents = [c for c in current.children if c.dep_ in ("agent", "obl:agent")]
        for agent in agents:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            return objects[0] if objects else agent
        if current.dep_ in ("conj", "xcomp") and current.head.i != current.i:
            current = current.head
            seen += 1
            continue
        return None
    return None


_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)


def _after_comma(cue: list[Token]) -> bool:
    first = cue[0]
    return first.i > 0 and first.nbor(-1).text in (",", "»", '"', "”")


def _inverted_subject(verb: Token) -> Token | None:
    """French inserted clauses are often parsed with the speaker as the verb's object: in
    "…, a averti la ministre Sophie Leroy." the noun after the verb is the speaker."""
    for child in verb.rights:
        if child.dep_ in ("obj", "nsubj", "nmod", "appos", "obl:arg") and child.pos_ in (
            "NOUN",
            "PROPN",
            "PRON",
        ):
            between = child.doc[verb.i + 1 : child.left_edge.i]
            if all(t.is_space for t in between):
                return child
        break
    return None


def _subject_before(verb: Token) -> Token | None:
    """ "…, Japan's NHK reported.": a noun phrase between a comma and the cue that the parser
    hung elsewhere (as an apposition of the word before the comma) is the cue's subject."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].dep_.startswith("aux") or doc[i].dep_ in ("neg", "advmod")):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN"):
        return None
    head = doc[i]
    start = head.left_edge.i
    if start == 0 or doc[start - 1].text != "," or verb.i - start > 8:
        return None
    return head


def _np(head: Token, after: int = -1) -> list[Token]:
    """A noun phrase: `head`'s subtree, up to the first comma that is followed by a clause
    about it ("a senior official, speaking on condition of anonymity,")."""
    tokens = [t for t in head.subtree if t.i > after]
    cut: list[Token] = []
    for t in tokens:
        if t.i > head.i and t.text in (",", "(", "—", "–") and _clause_follows(t):
            break
        cut.append(t)
    while cut and (cut[-1].is_punct or cut[-1].is_space):
        cut.pop()
    while cut and (cut[0].is_punct or cut[0].is_space):
        cut.pop(0)
    return _name_run(head, cut)


def _name_run(head: Token, phrase: list[Token]) -> list[Token]:
    """A name goes on over the capitalised words right after it that the parser hung
    elsewhere: in "a déclaré Michele Dougherty, chercheur…" the small French model reads
    "Dougherty" as an adverb of the verb."""
    if head.pos_ != "PROPN" or not phrase or phrase[-1].i != head.i:
        return phrase
    return _run_on(phrase, None)


def _run_on(name: list[Token], allowed: set[int] | None) -> list[Token]:
    """`name` with the words that continue it (`_continues_name`), among `allowed` if given."""
    doc, out = name[-1].doc, list(name)
    i = out[-1].i + 1
    while i < len(doc) and (allowed is None or i in allowed) and _continues_name(doc[i]):
        out.append(doc[i])
        i += 1
    return out


def _continues_name(token: Token) -> bool:
    """A capitalised word right after the one before it: the name goes on ("Michele
    Dougherty"), unless it is a day or a month. French only: the English model keeps names
    whole, and there a capitalised word after a name is more often another name."""
    return (
        token.doc.lang_ == "fr"
        and token.i > 0
        and token.is_title
        and token.is_alpha
        and token.nbor(-1).whitespace_ == " "
        and token_key(token.text) not in _CALENDAR
    )


def _clause_follows(comma: Token) -> bool:
    nxt = comma.nbor(1) if comma.i + 1 < len(comma.doc) else None
    return nxt is not None and (
        nxt.pos_ in ("VERB", "AUX", "SCONJ", "ADV")
        or nxt.dep_ in ("acl", "relcl", "acl:relcl", "advcl")
        or fold(nxt.text) in ("who", "which", "qui", "que", "dont", "lequel", "laquelle")
    )


def _wordlike(token: Token) -> bool:
    return not (token.is_punct or token.is_space) or token.text == "%"


def _sides(
    sentence: Sentence, chunk: set[int], skip: frozenset[int] = frozenset()
) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """What the sentence says besides the attribution chunk: the side that holds words, or
    both sides joined when the chunk interrupts the content."""
    doc = sentence.doc
    lo, hi = min(chunk), max(chunk)
    left = [t for t in doc[:lo] if _wordlike(t) and t.i not in skip]
    right = [t for t in doc[hi + 1 :] if _wordlike(t) and t.i not in skip]
    if right and left and fold(right[0].text) in _COMPLEMENTIZERS:
        left = []
    pieces: list[tuple[int, int]] = []
    for side in (left, right):
        if side:
            span = _span(sentence, side)
            if span:
                pieces.append(span)
    if not pieces:
        return (sentence.start, sentence.start), []
    # A chunk at the head of the sentence with a short tail ("He said:") leaves the tail.
    if len(pieces) == 2 and len(left) <= 2:
        pieces = pieces[1:]
    elif len(pieces) == 2 and len(right) <= 2:
        pieces = pieces[:1]
    whole = (pieces[0][0], pieces[-1][1])
    return whole, pieces if len(pieces) > 1 else []


def _clause(head: Token, lang: str) -> list[Token]:
    """`head`'s subtree without the reporting clauses hanging off it (", saying that ...",
    "and called for ..."), which are attributions of their own."""
    drop: set[int] = set()
    for t in head.subtree:
        if t.i == head.i or t.i in drop:
            continue
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.pos_ == "VERB":
            lemmas = REPORTING_LEMMAS_FR if lang == "fr" else REPORTING_LEMMAS_EN
            if _lemma(t) in lemmas and (t.i > head.i):
                drop.update(x.i for x in t.subtree)
                # the comma or conjunction before it goes too
                if t.i - 1 >= 0:
                    drop.add(t.i - 1)
    return [t for t in head.subtree if t.i not in drop]


def _content_tokens(verb: Token) -> list[Token] | None:
    lang = verb.doc.lang_
    lemma = _lemma(verb) if lang != "fr" else _infinitive(fold(verb.text))
    for child in verb.children:
        infinitive = lang == "fr" and "Inf" in child.morph.get("VerbForm", []) and child.i > verb.i
        if child.dep_ == "ccomp" or (
            child.dep_ in _CONTENT_DEPS and (lemma in OBJECT_CUES or infinitive)
        ):
            return _clause(child, lang)
    if _lemma(verb) in _BELIEF:
        return None
    if not ({lemma, _lemma(verb)} & OBJECT_CUES) and not _speaker_like(_subject(verb)):
        return None
    if _lemma(verb) not in HEARER_VERBS:
        for child in verb.children:
            if child.dep_ in _OBJECTS and child.i > verb.i and len(list(child.subtree)) >= 2:
                tokens = _clause(child, lang)
                # "called the senator a nasty guy": the object's predicate belongs with it.
                for sib in verb.children:
                    if sib.dep_ in ("oprd", "xcomp", "attr") and sib.i > child.i:
                        tokens += list(sib.subtree)
                return tokens
        for child in verb.children:
            if child.dep_ in _OBJECTS and child.i > verb.i:
                preds = [c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > child.i]
                if preds:
                    return list(child.subtree) + [t for c in preds for t in c.subtree]
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and fold(child.text) in _CONTENT_PREPS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return list(objects[0].subtree)
    return None


def _from_verb(sentence: Sentence, verb: Token, skip: frozenset[int]) -> _Found | None:
    cue = _with_aux(verb)
    subject = _subject(verb)
    if subject is not None and fold(subject.text) in ("qui", "who", "that", "which"):
        subject = verb.head if verb.dep_ in ("relcl", "acl:relcl", "acl") else None
    if subject is not None and fold(subject.text) in _FIRST_PERSON:
        return None  # "I think", "nous croyons": a speaker's own words inside a quotation
    inverted = False
    if sentence.doc.lang_ == "fr" and (subject is None or _after_comma(cue)):
        # "…, dit cette délégation, …": after a comma, a French cue followed by a noun phrase
        # is an inserted clause with its subject after the verb, whatever the parser made of it.
        after = _inverted_subject(verb)
        if after is not None:
            subject, inverted = after, True
    if subject is None:
        subject = _subject_before(verb)
    # An inverted speaker follows the verb: what follows is not what was said.
    content_tokens = None if inverted else _content_tokens(verb)
    source = _np(subject) if subject is not None else []
    if content_tokens:
        content_tokens = [t for t in content_tokens if t.i not in {s.i for s in source}]
        while content_tokens and (
            fold(content_tokens[-1].text) in _CONJUNCTIONS or content_tokens[-1].is_punct
        ):
            content_tokens.pop()
        span = _span(sentence, content_tokens)
        if span is None:
            return None
        return _Found(sentence, cue, source, span, [])
    if verb.dep_ not in _INSERTED:
        return None
    if (
        _lemma(verb) in _BELIEF
        and verb.dep_ == "ROOT"
        and subject is not None
        and subject.i < verb.i
    ):
        return None  # "They believe." with nothing believed
    chunk = {t.i for t in cue} | {t.i for t in source}
    if verb.dep_ != "ROOT":
        # The inserted clause: the verb and its own dependants.
        chunk |= {t.i for t in verb.subtree}
    if sentence.doc.lang_ == "fr" and not _set_apart(sentence.doc, chunk):
        return None
    whole, parts = _sides(sentence, chunk, skip)
    if whole[1] <= whole[0]:
        return None
    return _Found(sentence, cue, source, whole, parts)


def _speaker_like(subject: Token | None) -> bool:
    """Whether a subject can be someone speaking: a name, a pronoun, or a noun our lexicon
    knows as a kind of source ("le ministère", "the company"), not "Ce partenariat"."""
    if subject is None:
        return False
    if subject.pos_ in ("PROPN", "PRON"):
        return fold(subject.text) not in ("it", "this", "that", "cela", "ce", "ca")
    return _kind_by_words(fold(subject.text)) is not None


def _set_apart(doc: Doc, chunk: set[int]) -> bool:
    """Whether the cue and its source stand apart from what they report: after a comma, a
    closing quotation mark or a dash ("…, a déclaré X"), or before a colon ("X said:")."""
    words = [i for i in chunk if not doc[i].is_punct]
    lo, hi = min(words or chunk), max(words or chunk)
    before = doc[lo - 1].text if lo > 0 else ""
    after = doc[hi + 1].text if hi + 1 < len(doc) else ""
    return before in (",", "”", "»", '"', "—", "–", "''") or after == ":"


@lru_cache(maxsize=1)
def _phrases_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in CUE_PHRASES:
        out.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _phrase_at(words: list[str], i: int) -> int:
    """Length in tokens of the cue phrase starting at `i` ("according to", "selon"), or 0."""
    for phrase in _phrases_by_first().get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _from_phrase(sentence: Sentence, i: int, length: int) -> _Found | None:
    doc = sentence.doc
    cue = list(doc[i : i + length])
    end = i + length
    if end >= len(doc):
        return None
    # The phrase's object: the first token after it, climbed to the top of its noun phrase.
    head = doc[end]
    while (
        head.dep_ in ("det", "amod", "compound", "nummod", "case", "fixed") and head.head.i >= end
    ):
        if head.head.i == head.i:
            break
        head = head.head
    while head.head.i >= end and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        if head.head.i > head.i + 6:
            break
        head = head.head
    source = [t for t in _np(head, after=end - 1) if t.i >= end]
    stop = next((k for k, t in enumerate(source) if t.text in (",", ";", ":")), None)
    if stop is not None and stop > 0:
        source = source[:stop]
    if not source:
        return None
    chunk = {t.i for t in cue} | {t.i for t in source}
    whole, parts = _sides(sentence, chunk)
    if whole[1] <= whole[0]:
        return None
    return _Found(sentence, cue, source, whole, parts)


def _sentence_attributions(sentence: Sentence, language: str) -> list[_Found]:
    doc = sentence.doc
    tokens = list(doc)
    words = [fold(t.text) for t in tokens]
    found: list[_Found] = []
    taken: set[int] = set()
    i = 0
    while i < len(tokens):
        length = _phrase_at(words, i)
        if length:
            f = _from_phrase(sentence, i, length)
            if f is not None:
                found.append(f)
                taken.update(range(i, i + length))
                taken.update(t.i for t in f.source)
            i += length
            continue
        i += 1
    for token in tokens:
        if token.i in taken or not _reporting(token, language):
            continue
        if token.dep_ in ("amod", "acl") and token.tag_ in ("VBN",):
            continue  # "Economists polled by": a participle describing a noun
        f = _from_verb(sentence, token, frozenset(taken))
        if f is not None:
            found.append(f)
    return found


def _quotations_before(analysis: Analysis) -> dict[int, tuple[int, int]]:
    """For each sentence that follows a quotation ending in "?”" or "!”" (which our splitter
    ends a sentence at), the span of that quotation."""
    text = analysis.text
    segs = segments(text)
    out: dict[int, tuple[int, int]] = {}
    for prev, seg in pairwise(segs):
        tail = text[prev.start : prev.end].rstrip()
        closed = tail[-1:] in _QUOTES_CLOSE and tail[-2:-1] in ("?", "!", ".", ",")
        if closed and "\n" not in text[prev.end : seg.start]:
            out[seg.start] = (prev.start, prev.end)
    return out


def _dangling(sentence: Sentence, language: str, quotation: tuple[int, int]) -> _Found | None:
    """ "Clinton said." right after a quotation: the quotation is what was said."""
    doc = sentence.doc
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words or len(words) > 12:
        return None
    verbs = [t for t in words if _reporting(t, language) and t.dep_ == "ROOT"]
    if not verbs:
        return None
    verb = verbs[0]
    subject = _subject(verb) or (_inverted_subject(verb) if language == "fr" else None)
    if subject is None:
        nsubj = [c for c in verb.rights if c.dep_ in ("nsubj", "dobj", "obj")]
        subject = nsubj[0] if nsubj else None
    source = _np(subject) if subject is not None else []
    return _Found(sentence, _with_aux(verb), source, quotation, [])


def _quote_balance(piece: str) -> int:
    """Opening minus closing quotation marks; straight double quotes count by parity."""
    curly = sum(piece.count(c) for c in "“«") - sum(piece.count(c) for c in "”»")
    straight = (piece.count('"') + piece.count("''")) % 2
    return curly + straight


def _extend_quote(
    analysis: Analysis, found: _Found, cues: set[int]
) -> tuple[int, int, list[tuple[int, int]]]:
    """A quotation that runs over several sentences is content as a whole: one left open, or
    the quoted sentences that follow a quotation and its cue ("“A,” he said. “B.”")."""
    text = analysis.text
    start, end = found.content
    parts: list[tuple[int, int]] = []
    index = analysis.index_at(found.sentence.start)
    # Quotation marks counted over the whole sentence: a quotation that closes in it (after
    # the cue, say) does not go on.
    balance = _quote_balance(text[found.sentence.start : max(end, found.sentence.end)])
    k = index
    while balance > 0 and k + 1 < len(analysis.sentences) and k - index < 6:
        nxt = analysis.sentences[k + 1]
        if "\n" in text[analysis.sentences[k].end : nxt.start]:
            break  # a quotation is followed within its paragraph only
        k += 1
        balance += _quote_balance(text[nxt.start : nxt.end])
        end = nxt.end
    if k == index and start > found.sentence.start:
        ends_with_cue = found.cue[-1].i >= len(found.sentence.doc) - 6
        quoted = text[max(found.sentence.start, start - 2) : start].strip()[-1:] in _QUOTES_OPEN
        while quoted and ends_with_cue and k + 1 < len(analysis.sentences) and k - index < 3:
            nxt = analysis.sentences[k + 1]
            if nxt.start in cues or text[nxt.start] not in _QUOTES_OPEN:
                break
            if text[found.sentence.end : nxt.start].count("\n") > 1:
                break
            k += 1
            parts = [*(parts or [(start, end)]), (nxt.start, nxt.end)]
            end = nxt.end
    return start, end, parts


@lru_cache(maxsize=1)
def _kind_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (
            kind,
            re.compile(
                r"(?<![\w])(?:"
                + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
                + r")s?(?![\w])"
            ),
        )
        for kind, nouns in SOURCE_KINDS
    )


def _kind_by_words(folded: str) -> tuple[str, int] | None:
    best: tuple[int, int, str] | None = None
    for kind, pattern in _kind_patterns():
        m = pattern.search(folded)
        if not m:
            continue
        if kind == "anonymous":
            return kind, m.start()
        rank = (m.start(), -len(m.group()), kind)
        if best is None or rank < best:
            best = rank
    return (best[2], best[0]) if best else None


def _joined(tokens: list[Token]) -> list[Token]:
    """A name with the pieces the tokenizer cut at hyphens put back ("RBC-Ukraine")."""
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    while (first > 0 and not doc[first - 1].whitespace_ and not doc[first - 1].is_punct) or (
        first > 1 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_
    ):
        first -= 1
    while (
        last + 1 < len(doc)
        and not doc[last].whitespace_
        and (doc[last + 1].text == "-" or doc[last].text == "-")
    ):
        last += 1
    return list(doc[first : last + 1])


def _name_tokens(source: list[Token]) -> list[Token] | None:
    if source:
        named(source[0].doc)
    found = _name_tokens_inner(source)
    if found:
        ids = {t.i for t in source}
        joined = [t for t in _joined(found) if t.i in ids] or found
        # The source's words that `_name_run` took into the name, which the recogniser cut.
        return _run_on(joined, ids)
    return found


def _name_tokens_inner(source: list[Token]) -> list[Token] | None:
    """The proper name inside the source: the entity holding its head, or one set beside the
    head ("le média japonais NHK", "la ministre Sophie Leroy"); None for a common noun."""
    if not source:
        return None
    ids = {t.i for t in source}
    head = next((t for t in source if t.head.i not in ids or t.head.i == t.i), source[0])
    if fold(head.text) in VEHICLE_NOUNS or head.lemma_.lower() in VEHICLE_NOUNS:
        inner = [c for c in head.children if c.dep_ in ("nmod", "prep") and c.i in ids]
        for child in inner:
            target = child
            if child.dep_ == "prep":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if not objs:
                    continue
                target = objs[0]
            sub = [t for t in target.subtree if t.i in ids]
            found = _name_tokens_inner(sub)
            if found:
                return found
            head = target
            break
    candidates = [head] + [
        t for t in source if t.i != head.i and t.pos_ == "PROPN" and _direct(t, head)
    ]
    for cand in candidates:
        ent = next((e for e in cand.doc.ents if e.start <= cand.i < e.end), None)
        if ent is not None and ent.label_ in _NAME_LABELS and cand.i != head.i:
            return [t for t in ent if t.i in ids] or None
    for cand in candidates:
        if cand.pos_ != "PROPN" or not cand.text[:1].isupper():
            continue
        ent = next((e for e in cand.doc.ents if e.start <= cand.i < e.end), None)
        if ent is not None and ent.label_ in _NAME_LABELS:
            toks = [t for t in ent if t.i in ids]
            if toks:
                # "Les Echos": a capitalised article belongs to the name.
                first = toks[0]
                before = first.nbor(-1) if first.i > 0 else None
                if (
                    before is not None
                    and before.i in ids
                    and before.text[:1].isupper()
                    and before.pos_ == "DET"
                ):
                    toks.insert(0, before)
                return toks
        if cand.pos_ == "PROPN":
            chain = [
                t
                for t in cand.subtree
                if t.i in ids and t.pos_ == "PROPN" and abs(t.i - cand.i) <= 4
            ]
            return chain or [cand]
    return None


def _known(name: str) -> str:
    """The key a name is looked up by in the lists of outlets: "Les Echos" -> "echos"."""
    key = re.sub(r"^(?:(?:the|les|le|la)\b\s*|l')", "", fold(name))
    return key.replace(" ", "").replace("-", "")


def _direct(token: Token, head: Token) -> bool:
    """Whether `token` modifies `head` with no preposition between ("le média japonais NHK",
    not "Prosecutors in Lyon")."""
    current = token
    for _ in range(6):
        # A conjunct with no "and" is an apposition the parser misread ("X, Dmitri Peskov,").
        coordinated = current.dep_ == "conj" and any(c.dep_ == "cc" for c in current.children)
        if (
            current.dep_ in ("prep", "pobj")
            or coordinated
            or any(c.dep_ in ("case", "prep") for c in current.children)
        ):
            return False
        if current.head.i == head.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _label(tokens: list[Token]) -> str:
    ents = [t.ent_type_ for t in tokens if t.ent_type_]
    return ents[0] if ents else ""


def _describe(
    sentence: Sentence, source: list[Token], text: str, around: str
) -> tuple[str | None, SourceKind | None, str | None]:
    """Name, kind and descriptor of a source."""
    if not source:
        return None, None, None
    start, end = sentence.span(source[0], source[-1])
    phrase = text[start:end]
    folded = fold(phrase)
    name_toks = _name_tokens(source)
    name = None
    if name_toks:
        ns, ne = sentence.span(name_toks[0], name_toks[-1])
        name = text[ns:ne]
    anonymous = any(m in fold(around) for m in ANONYMITY_MARKERS)
    by_words = _kind_by_words(folded)
    kind: SourceKind | None
    descriptor: str | None = None
    if anonymous or (by_words and by_words[0] == "anonymous" and name is None):
        kind = SourceKind.anonymous
        name = None
    elif name is not None and _known(name) in KNOWN_AGENCIES:
        kind = SourceKind.agency
    elif name is not None and _known(name) in KNOWN_MEDIA:
        kind = SourceKind.media
    elif by_words:
        kind = SourceKind(by_words[0])
    else:
        label = _label(name_toks or [])
        kind = {
            "PERSON": SourceKind.person,
            "PER": SourceKind.person,
            "ORG": SourceKind.organisation,
            "GPE": SourceKind.government,
            "LOC": SourceKind.government,
        }.get(label, SourceKind.other)
    if by_words and name is not None and kind is not SourceKind.anonymous:
        at = by_words[1]
        name_at = fold(phrase).find(fold(name))
        if at < name_at:
            descriptor = phrase[at:name_at].strip(" ,'’") or None
        elif at > name_at:
            descriptor = phrase[at:].strip(" ,'’") or None
    elif name is not None and len(phrase) > len(name) + 3:
        rest = phrase.replace(name, "", 1).strip(" ,'’")
        rest = re.sub(r"^(?:the|a|an|le|la|les|l'|un|une|des|du)\s+", "", rest, flags=re.I)
        descriptor = rest or None
    return name, kind, descriptor


def _is_pronoun(source: list[Token]) -> bool:
    return len(source) == 1 and source[0].pos_ == "PRON"


def _antecedent(
    analysis: Analysis, index: int, pronoun: Token, named: list[tuple[int, str, SourceKind]]
) -> tuple[str, SourceKind] | None:
    """The named source a pronoun stands for, when it is clear: the most recent named person
    (or organisation) among the last few sentences' sources, or a lone person named there."""
    wanted = fold(pronoun.text)
    person = wanted in PERSON_PRONOUNS
    if not person and wanted not in GROUP_PRONOUNS:
        return None
    for at, name, kind in reversed(named):
        if index - at > _PRONOUN_LOOKBACK:
            break
        if (kind in (SourceKind.person, SourceKind.official)) == person:
            return name, kind
    if person:
        here = analysis.sentences[index].start + pronoun.idx
        people = _people_before(analysis, here)
        if len(people) == 1:
            return people[0], SourceKind.person
    return None


def _people_before(analysis: Analysis, offset: int) -> list[str]:
    """Distinct people named in the two sentences before `offset` and in its own: the
    parse's person entities, or in a sentence left unparsed, a name of two or more
    capitalised words that is no known outlet."""
    text = analysis.text
    segs = [s for s in segments(text) if s.start <= offset]
    parsed = {s.start: s for s in analysis.sentences}
    people: dict[str, None] = {}
    for seg in segs[-3:]:
        sentence = parsed.get(seg.start)
        if sentence is not None:
            for ent in named(sentence.doc).ents:
                if ent.label_ in ("PERSON", "PER") and sentence.start + ent.start_char < offset:
                    people[ent.text] = None
            continue
        for found in find_entities(text[seg.start : min(seg.end, offset)]):
            words = found.text.split()
            outlet = _known(found.text) in KNOWN_MEDIA | KNOWN_AGENCIES
            if len(words) >= 2 and all(w[:1].isupper() for w in words) and not outlet:
                people[found.text] = None
    return list(people)


def from_analysis(analysis: Analysis) -> list[Attribution]:
    """Every attribution of a parsed text, in order of their cues."""
    text = analysis.text
    out: list[Attribution] = []
    named: list[tuple[int, str, SourceKind]] = []
    per_sentence = [_sentence_attributions(s, analysis.language) for s in analysis.sentences]
    # Names are needed only where a source was found: recognise them there, in one batch.
    named_all([s.doc for s, f in zip(analysis.sentences, per_sentence, strict=True) if f])
    quoted_before = _quotations_before(analysis)
    for sentence, found in zip(analysis.sentences, per_sentence, strict=True):
        if not found and sentence.start in quoted_before:
            dangling = _dangling(sentence, analysis.language, quoted_before[sentence.start])
            if dangling is not None:
                found.append(dangling)
    cued = {s.start for s, found in zip(analysis.sentences, per_sentence, strict=True) if found}
    for index, sentence in enumerate(analysis.sentences):
        found = per_sentence[index]
        found.sort(key=lambda f: f.cue[0].i)
        for f in found:
            if f.parts:
                (cs, ce), extra = f.content, f.parts
            else:
                cs, ce, extra = _extend_quote(analysis, f, cued)
                f.parts = extra
            cs, ce = _trim(text, cs, ce)
            if ce <= cs:
                continue
            cue_s, cue_e = sentence.span(f.cue[0], f.cue[-1])
            around = text[sentence.start : sentence.end]
            name, kind, descriptor = _describe(sentence, f.source, text, around)
            source_span = None
            if f.source:
                ss, se = sentence.span(f.source[0], f.source[-1])
                source_span = TextSpan(start=ss, end=se, text=text[ss:se])
                if _is_pronoun(f.source):
                    resolved = _antecedent(analysis, index, f.source[0], named)
                    if resolved:
                        name, kind = resolved
                    else:
                        kind = SourceKind.other
                elif name is not None and kind is not None:
                    named.append((index, name, kind))
                if name is None:
                    name = text[ss:se]
            parts = [Span(start=a, end=b) for a, b in (_trim(text, *p) for p in f.parts) if b > a]
            out.append(
                Attribution(
                    source=source_span,
                    cue=TextSpan(start=cue_s, end=cue_e, text=text[cue_s:cue_e]),
                    content=TextSpan(start=cs, end=ce, text=text[cs:ce]),
                    parts=parts,
                    name=name,
                    kind=kind,
                    descriptor=descriptor,
                )
            )
    return out


@lru_cache(maxsize=8)
def _cached(text: str, language: str) -> tuple[Attribution, ...]:
    return tuple(from_analysis(analyse(text, language)))


def attributions(text: str, language: str) -> list[Attribution]:
    """Attributions of `text` (parsed once, the parse shared with other callers)."""
    return list(_cached(text, language))


def within(found: list[Attribution], start: int, end: int) -> list[Attribution]:
    """Those whose cue or content overlaps `[start, end)`."""
    return [a for a in found if _overlaps(a, start, end)]


def attributions_within(text: str, language: str, start: int, end: int) -> list[Attribution]:
    """`within(attributions(text, language), start, end)`, found by bisection: a long
    document has thousands, and every claim asks."""
    found, order, starts, longest = _by_start(text, language)
    lo = bisect_left(starts, start - longest)
    hi = bisect_left(starts, end)
    near = sorted(i for i in order[lo:hi] if _overlaps(found[i], start, end))
    return [found[i] for i in near]  # in the document's order, as `attributions` gives them


def _overlaps(a: Attribution, start: int, end: int) -> bool:
    return (a.content.start < end and a.content.end > start) or (
        a.cue.start < end and a.cue.end > start
    )


def _extent(a: Attribution) -> tuple[int, int]:
    return min(a.content.start, a.cue.start), max(a.content.end, a.cue.end)


@lru_cache(maxsize=8)
def _by_start(
    text: str, language: str
) -> tuple[tuple[Attribution, ...], list[int], list[int], int]:
    """The attributions, their numbers by where they start, those starts, and the longest
    one's length."""
    found = _cached(text, language)
    spans = [_extent(a) for a in found]
    order = sorted(range(len(found)), key=lambda i: spans[i][0])
    longest = max((hi - lo for lo, hi in spans), default=0)
    return found, order, [spans[i][0] for i in order], longest
