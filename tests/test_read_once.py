"""A document is read once: the words, stems and attributions the checks take from the index are
what reading each passage on its own gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.text.attribution import attributions, attributions_within, within
from summarize.text.tokens import tokenize
from summarize.verifier.compare import read
from summarize.verifier.index import DocumentIndex

HERE = Path(__file__).resolve().parent
SEED = sorted((HERE.parent / "seeds").glob("*.txt"))[0]

TRICKY_EN = (
    "The mayor doesn't know. She won't say, and he cannot come; they could n't agree.\n\n"
    "Prices rose 4.5% to 25,000 in Sept. 2024. Ms Smith, who didn't comment, left.\n\n"
    "Acme Corp. said on Friday it isn't selling. \"We can't,\" its chief said."
)
TRICKY_FR = (
    "L'Élysée n'a pas confirmé qu'il viendrait. Aujourd'hui, l'ONU s'est tue.\n\n"
    "Jusqu'à 25 000 personnes, selon la préfecture, n'ont plus d'eau."
)


def _documents() -> list[tuple[str, str]]:
    return [
        (TRICKY_EN, "en"),
        (TRICKY_FR, "fr"),
        ((HERE / "data" / "english.txt").read_text(encoding="utf-8"), "en"),
        (SEED.read_text(encoding="utf-8"), "fr"),
    ]


@pytest.mark.parametrize(("text", "language"), _documents())
def test_words_of_a_passage_are_its_reading(text: str, language: str) -> None:
    index = DocumentIndex.build(text, language)
    for seg in [*index.sentences, *index.paragraphs]:
        alone = read(seg.slice(text), language, seg.start)
        assert index.words_in(seg.start, seg.end) == alone
        stems = {w.stem for w in alone if w.content}
        assert index.content_stems_in(seg.start, seg.end) == stems


def test_contractions_read_as_not() -> None:
    index = DocumentIndex.build(TRICKY_EN, "en")
    keys = [w.key for w in index.words_in(0, len(TRICKY_EN))]
    assert keys[:5] == ["the", "mayor", "does", "not", "know"]
    assert keys[keys.index("will") : keys.index("will") + 3] == ["will", "not", "say"]
    assert "won" not in index.content_stems_in(0, len(TRICKY_EN))


def test_a_line_break_ends_a_grouped_number() -> None:
    assert tokenize("page 00\n132 et 25 000 et 1,500").keys == [
        "page",
        "00",
        "132",
        "et",
        "25000",
        "et",
        "1500",
    ]


@pytest.mark.parametrize(("text", "language"), _documents()[2:])
def test_attributions_within_a_span_are_those_that_overlap_it(text: str, language: str) -> None:
    found = attributions(text, language)
    assert found  # the test documents cite sources
    step = max(1, len(text) // 60)
    for start in range(0, len(text), step):
        for width in (1, 80, 400):
            end = start + width
            assert attributions_within(text, language, start, end) == within(found, start, end)
