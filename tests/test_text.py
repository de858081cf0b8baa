"""Text helpers: folding, tokens, sentences, numbers, names, attributions, hedges."""

from __future__ import annotations

import pytest

from summarize.text.acronyms import acronyms
from summarize.text.entities import find_entities
from summarize.text.fold import fold, token_key
from summarize.text.language import detect_language, match_stem
from summarize.text.markers import MarkerKind, find_markers
from summarize.text.numbers import Qualifier, find_numbers
from summarize.text.sentences import sentences
from summarize.text.tokens import tokenize


def test_fold_keeps_length_and_normalises() -> None:
    text = "L’Élysée « dément » — 25\u202f000 ﬁn"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("l'elysee \"")
    assert "-" in folded and "25 000" in folded


def test_token_key_expands_ligatures() -> None:
    assert token_key("Œuvre") == "oeuvre"
    assert token_key("ﬁnance") == "finance"
    assert token_key("Coréens") == "coreens"


@pytest.mark.parametrize("written", ["25 000", "25\u00a0000", "25\u202f000", "25,000", "25000"])
def test_grouped_numbers_are_one_token(written: str) -> None:
    toks = tokenize(f"jusqu’à {written} travailleurs")
    assert toks.keys == ["jusqu", "a", "25000", "travailleurs"]
    start = toks.starts[2]
    assert f"jusqu’à {written} travailleurs"[start : toks.ends[2]] == written


def test_sentences_respect_abbreviations_and_initials() -> None:
    text = "M. Dupont est arrivé. Il a vu J. Smith à 10 h. The U.S. Army left. Fin!"
    got = [s.slice(text) for s in sentences(text)]
    assert got == [
        "M. Dupont est arrivé.",
        "Il a vu J. Smith à 10 h.",
        "The U.S. Army left.",
        "Fin!",
    ]


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "percent"),
    [
        ("jusqu’à 25 000 travailleurs", 25000, Qualifier.upper_bound, False),
        ("up to 25,000 workers", 25000, Qualifier.upper_bound, False),
        ("environ 1,5 million de personnes", 1_500_000, Qualifier.approximate, False),
        ("about 1.5 billion dollars", 1_500_000_000, Qualifier.approximate, False),
        ("une hausse de 20 % des prix", 20, Qualifier.exact, True),
        ("35\u202f000 soldats", 35000, Qualifier.exact, False),
        ("deux usines", 2, Qualifier.exact, False),
    ],
)
def test_numbers_french_and_english(
    text: str, value: float, qualifier: Qualifier, percent: bool
) -> None:
    [number] = find_numbers(text)
    assert number.value == pytest.approx(value)
    assert number.qualifier is qualifier
    assert number.percent is percent


def test_entities_join_connectors_and_skip_sentence_starts() -> None:
    got = [e.text for e in find_entities("D’après la Corée du Nord, RBC-Ukraine et NHK, rien.")]
    assert got == ["Corée du Nord", "RBC-Ukraine", "NHK"]
    assert [e.text for e in find_entities("The U.S. Department of State met NATO.")] == [
        "U.S. Department of State",
        "NATO",
    ]
    assert [e.text for e in find_entities("on the U.S Presidential Election Day")] == [
        "U.S Presidential Election Day"
    ]


def test_sentence_openers_are_no_names() -> None:
    text = "However, Paris voted. Trois partis forment un gouvernement. Instead of Teaneck High."
    assert [e.text for e in find_entities(text)] == ["Paris", "Teaneck High"]


def test_entities_start_after_an_elided_article() -> None:
    text = "L'Argentine, membre de l'OCS, parle à la Côte d’Ivoire et à l'UE. L'envoi part."
    got = [(e.text, e.keys) for e in find_entities(text)]
    assert got == [
        ("Argentine", ("argentine",)),
        ("OCS", ("ocs",)),
        ("Côte d’Ivoire", ("cote", "d", "ivoire")),
        ("UE", ("ue",)),
    ]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("la Russie pourrait accueillir des travailleurs", {MarkerKind.conditional}),
        ("leur mission serait centrée sur les drones", {MarkerKind.conditional}),
        ("Russia could reportedly host workers", {MarkerKind.conditional, MarkerKind.hedge}),
        ("Russia may host workers", {MarkerKind.hedge}),
        ("the plant opened in May 2018", set()),
        ("May 3 was the deadline; on 3 May the plant opened", set()),
        ("il n'a pas signé", {MarkerKind.negation}),
        ("he did not sign", {MarkerKind.negation}),
        ("la Russie va accueillir des travailleurs", {MarkerKind.prediction}),
        ("un portrait et un trait d'union", set()),
        ("plus de drones", set()),
    ],
)
def test_markers(text: str, kinds: set[MarkerKind]) -> None:
    assert {m.kind for m in find_markers(text)} == kinds


def test_language_detection() -> None:
    assert detect_language("La Russie et la Corée du Nord ont signé un accord de défense.") == "fr"
    assert (
        detect_language("Russia and North Korea have signed a defence pact with the West.") == "en"
    )


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("la Central Intelligence Agency en Europe", "cia"),
        ("l'Organisation des Nations unies", "onu"),
        ("l'Organisation de coopération de Shanghai", "ocs"),
        ("the Centers for Disease Control and Prevention", "cdc"),
        ("Mercedes-Benz USA", "mbusa"),
    ],
)
def test_acronyms_spelt_out(text: str, acronym: str) -> None:
    assert acronym in acronyms(text)


def test_ordinary_prose_spells_no_acronym() -> None:
    assert acronyms("Ukraine says it will hold talks. Une étude le montre.") == set()


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("Égypte", "égyptien", "fr"),
        ("Europe", "européen", "fr"),
        ("présidentielle", "président", "fr"),
        ("election", "electoral", "en"),
    ],
)
def test_derived_forms_match(a: str, b: str, language: str) -> None:
    assert match_stem(token_key(a), language) == match_stem(token_key(b), language)
    assert match_stem("2013", language) == "2013"


def test_a_run_without_sentence_ends_is_cut_into_bounded_pieces() -> None:
    from summarize.text.sentences import MAX_SENTENCE, sentences

    text = "mot " * 100_000
    pieces = sentences(text)
    assert all(s.end - s.start <= MAX_SENTENCE for s in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(text.rstrip())
    assert all(text[s.start] != " " and text[s.end - 1] != " " for s in pieces)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("seize blessés et onze morts", [16, 11]),
        ("dix-huit morts", [18]),
        ("vingt-cinq mille travailleurs", [25000]),
        ("quatre-vingt-dix ans, vingt et un jours", [90, 21]),
        ("thirteen flights and thirty trains", [13, 30]),
        ("one hundred and five people", [105]),
        ("un homme et deux femmes", [2]),
        ("environ 1,5 million de personnes", [1_500_000]),
    ],
)
def test_numbers_written_out(text: str, values: list[int]) -> None:
    found = find_numbers(text)
    assert [n.value for n in found] == values
    assert all(text[n.start : n.end] == n.text for n in found)
