"""Locating quotes: exact, normalised, fuzzy, elided; offsets always into the original text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.models import MatchKind
from summarize.verifier import DocumentIndex, Locator

NHK = "la Russie pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens."
ENGLISH = (
    "Russia could host up to 25,000 North Korean workers, Japan's public broadcaster NHK "
    "reported on Tuesday. The workers would build drones at a plant in the Alabuga special "
    "economic zone, according to Ukrainian outlet RBC-Ukraine. The Kremlin did not comment."
)


@pytest.fixture(scope="module")
def seed_locator(seed_text: str) -> Locator:
    return Locator(DocumentIndex.build(seed_text))


@pytest.fixture(scope="module")
def english_locator() -> Locator:
    return Locator(DocumentIndex.build(ENGLISH))


def test_exact_quote_has_exact_offsets(seed_locator: Locator, seed_text: str) -> None:
    found = seed_locator.locate(NHK)
    assert found is not None
    ev = found.evidence
    assert ev.match is MatchKind.exact and ev.score == 1.0
    assert seed_text[ev.start : ev.end] == NHK == ev.text
    assert ev.start == seed_text.index(NHK)


@pytest.mark.parametrize(
    "variant",
    [
        "La russie pourrait accueillir jusqu'a 25000 travailleurs nord coreens",
        "la Russie pourrait accueillir jusqu’à 25\u00a0000 travailleurs nord-coréens",
        "la Russie pourrait accueillir jusqu’à 25\u202f000 travailleurs nord–coréens",
        "LA RUSSIE POURRAIT ACCUEILLIR JUSQU’À 25 000 TRAVAILLEURS NORD-CORÉENS",
        "  la   Russie\npourrait accueillir « jusqu’à » 25 000 travailleurs nord-coréens  ",
    ],
)
def test_normalised_variants_map_back_to_the_original(
    seed_locator: Locator, seed_text: str, variant: str
) -> None:
    found = seed_locator.locate(variant)
    assert found is not None
    ev = found.evidence
    assert ev.match is MatchKind.normalised
    assert seed_text[ev.start : ev.end] == NHK.rstrip(".")


def test_ligature_spelt_out(seed_locator: Locator, seed_text: str) -> None:
    found = seed_locator.locate("une main-d'oeuvre au service de la production de drones")
    assert found is not None
    assert found.evidence.text == "Une main-d’œuvre au service de la production de drones"


@pytest.mark.parametrize(
    ("quote", "differs"),
    [
        ("la Russie pourrait recevoir jusqu’à 25 000 travailleurs nord-coréens", "recevoir"),
        ("la Russie pourrait accueillir jusqu’à 35 000 travailleurs nord-coréens", "35000"),
        ("la Russie pourrait accueillir jusqu’à 25 000 travailleurs", None),
    ],
)
def test_changed_or_dropped_words_align_fuzzily(
    seed_locator: Locator, seed_text: str, quote: str, differs: str | None
) -> None:
    found = seed_locator.locate(quote)
    assert found is not None
    ev = found.evidence
    start = seed_text.index(NHK)
    assert abs(ev.start - start) <= 3
    if differs:
        assert ev.match is MatchKind.fuzzy
        assert any(d.quote == differs for d in found.differences)


def test_elided_quote_spans_its_parts(seed_locator: Locator, seed_text: str) -> None:
    quote = "Leur mission serait centrée sur la fabrication de drones […] dans la zone de Lelabouga"
    found = seed_locator.locate(quote)
    assert found is not None
    ev = found.evidence
    assert len(ev.parts) == 2
    assert seed_text[ev.parts[0].start : ev.parts[0].end].startswith("Leur mission")
    assert seed_text[ev.parts[1].start : ev.parts[1].end] == "dans la zone de Lelabouga"


def test_truncated_word_at_the_edges(seed_locator: Locator, seed_text: str) -> None:
    # Verbatim, cut words and all: the evidence is exactly the quoted characters.
    found = seed_locator.locate("ussie pourrait accueillir jusqu’à 25 000 travailleurs nord-coré")
    assert found is not None
    assert found.evidence.text == "ussie pourrait accueillir jusqu’à 25 000 travailleurs nord-coré"
    assert found.evidence.match is MatchKind.exact
    # Retyped, cut words are taken in whole.
    found = seed_locator.locate("ussie pourrait accueillir jusqu'a 25000 travailleurs nord-core")
    assert found is not None
    assert (
        found.evidence.text == "Russie pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens"
    )


@pytest.mark.parametrize(
    "absent",
    [
        "La Chine a annoncé hier une hausse de 5 % de son budget militaire pour l'année prochaine.",
        "The European Central Bank raised interest rates by a quarter point on Thursday.",
        "pétrole",
        "",
        " ... ",
    ],
)
def test_absent_quotes_are_not_found(seed_locator: Locator, absent: str) -> None:
    assert seed_locator.locate(absent) is None


def test_english_quote_with_typographic_apostrophe(english_locator: Locator) -> None:
    found = english_locator.locate("Japan’s public broadcaster NHK reported on Tuesday")
    assert found is not None
    assert found.evidence.text == "Japan's public broadcaster NHK reported on Tuesday"
    assert found.evidence.match is MatchKind.normalised


def test_english_changed_word(english_locator: Locator) -> None:
    found = english_locator.locate("The workers would assemble drones at a plant in the Alabuga")
    assert found is not None
    assert found.evidence.match is MatchKind.fuzzy
    assert found.evidence.text.startswith("The workers would build drones")


def test_a_leading_word_is_not_paired_with_an_earlier_twin() -> None:
    text = (
        "He was signed by the Atlanta Hawks. The players allegedly obstructed the crime scene "
        "as police arrived by refusing to get out of the way, according to sources."
    )
    quote = (
        "The players allegedly obstructed the crime scene police by refusing to get out of the way"
    )
    found = Locator(DocumentIndex.build(text)).locate(quote)
    assert found is not None
    assert found.evidence.text.startswith("The players allegedly")
    assert found.evidence.text.endswith("out of the way")


def test_elided_quote_whose_first_part_recurs() -> None:
    title = "Fall of an Empire: The Story of Katherine"
    body = (
        f"{title} of Alexandria is available in cinemas and can be purchased on DVD starting today."
    )
    text = f"{title}\n\n{title}: a review.\n\nThe cast is strong.\n\n{body}\n"
    quote = f"{title} ... be purchased on DVD starting today."
    found = Locator(DocumentIndex.build(text)).locate(quote)
    assert found is not None
    assert found.evidence.start == text.index(body)
    assert found.evidence.end == text.index(body) + len(body)
    assert len(found.evidence.parts) == 2


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_verbatim_span_is_found_exactly(seed_text: str, data: st.DataObject) -> None:
    locator = Locator(DocumentIndex.build(seed_text))
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", seed_text)]
    i = data.draw(st.integers(0, len(words) - 8))
    n = data.draw(st.integers(6, 30))
    start, end = words[i][0], words[min(i + n, len(words) - 1)][1]
    quote = seed_text[start:end]
    found = locator.locate(quote)
    assert found is not None
    # A phrase the article repeats may be found at its first occurrence.
    assert seed_text[found.evidence.start : found.evidence.end] == quote
    assert found.evidence.start <= start
    assert found.evidence.match is MatchKind.exact
    start, end = found.evidence.start, found.evidence.end
    # The same span as a model might retype it: lower case, straight apostrophes, no accents.
    retyped = quote.lower().replace("’", "'").replace("é", "e").replace("è", "e")
    again = locator.locate(retyped)
    assert again is not None
    overlap = min(end, again.evidence.end) - max(start, again.evidence.start)
    union = max(end, again.evidence.end) - min(start, again.evidence.start)
    assert overlap / union >= 0.9


def test_a_quote_as_long_as_the_document_costs_linear_time() -> None:
    import time

    from summarize.verifier import DocumentIndex, Locator

    sentence = "Le port de {i} a rouvert lundi après {i} jours de travaux sur le quai principal"
    text = ". ".join(sentence.format(i=i) for i in range(3000)) + "."
    locator = Locator(DocumentIndex.build(text, "fr"))
    changed = text.replace("après 1500 jours", "après mille cinq cents jours")
    started = time.perf_counter()
    found = locator.locate(changed)
    assert time.perf_counter() - started < 5  # was minutes: alignment in one piece is quadratic
    assert found is not None and found.evidence.start == 0
    assert found.evidence.end == len(text) - 1  # the last token; its full stop is not one
    assert found.evidence.score > 0.99
