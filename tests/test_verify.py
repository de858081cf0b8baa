"""The verifier's checks and verdicts, French and English, with quotes and without."""

from __future__ import annotations

import pytest

import summarize
from summarize.models import Certainty, CheckName, Claim, Flag, MatchKind, Outcome, Source, Verdict
from summarize.verifier import Verifier

NHK_SENTENCE = (
    "D’après des informations récentes du média japonais NHK, la Russie pourrait accueillir "
    "jusqu’à 25 000 travailleurs nord-coréens."
)
ENGLISH = (
    "Russia could host up to 25,000 North Korean workers, Japan's public broadcaster NHK "
    "reported on Tuesday. The workers would build drones at a plant in the Alabuga special "
    "economic zone, according to Ukrainian outlet RBC-Ukraine. The Kremlin did not comment on "
    "the report. Officials in Seoul said 1,500 engineers had already left in March."
)


@pytest.fixture(scope="module")
def seed_verifier(seed_text: str) -> Verifier:
    return Verifier(seed_text)


@pytest.fixture(scope="module")
def english_verifier() -> Verifier:
    return Verifier(ENGLISH)


def outcome(v: object, name: CheckName) -> Outcome:
    checks = {c.name: c.outcome for c in v.checks}  # type: ignore[attr-defined]
    return checks[name]


def reason(v: object, name: CheckName) -> str:
    return next(c.reason for c in v.checks if c.name is name)  # type: ignore[attr-defined]


def nhk_claim(statement: str, **extra: object) -> Claim:
    return Claim(
        id="c1",
        statement=statement,
        quote=NHK_SENTENCE,
        sources=[Source(name="NHK", kind="media")],
        **extra,  # type: ignore[arg-type]
    )


def test_faithful_claim_is_supported(seed_verifier: Verifier, seed_text: str) -> None:
    v = seed_verifier.verify(
        nhk_claim(
            "La Russie pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens.",
            certainty=Certainty.hedged,
            flags=[Flag.conditional_mood, Flag.upper_bound_number],
        )
    )
    assert v.verdict is Verdict.supported
    assert v.evidence is not None
    assert v.evidence.match is MatchKind.exact
    assert seed_text[v.evidence.start : v.evidence.end] == NHK_SENTENCE
    assert all(c.outcome is not Outcome.failed for c in v.checks)


def test_changed_number_is_unsupported(seed_verifier: Verifier) -> None:
    v = seed_verifier.verify(
        nhk_claim("La Russie pourrait accueillir jusqu’à 35 000 travailleurs nord-coréens.")
    )
    assert v.verdict is Verdict.unsupported
    assert outcome(v, CheckName.numbers_agree) is Outcome.failed
    assert "35 000" in reason(v, CheckName.numbers_agree)


def test_changed_number_inside_the_quote_is_caught(seed_verifier: Verifier) -> None:
    claim = Claim(
        id="c1",
        statement="La Russie pourrait accueillir des travailleurs nord-coréens.",
        quote="la Russie pourrait accueillir jusqu’à 35 000 travailleurs nord-coréens",
    )
    v = seed_verifier.verify(claim)
    assert v.verdict is Verdict.unsupported
    assert outcome(v, CheckName.numbers_agree) is Outcome.failed


def test_dropped_hedge_fails_certainty(seed_verifier: Verifier) -> None:
    v = seed_verifier.verify(nhk_claim("La Russie va accueillir 25 000 travailleurs nord-coréens."))
    assert v.verdict is not Verdict.supported
    assert outcome(v, CheckName.certainty_kept) is Outcome.failed
    assert "pourrait" in reason(v, CheckName.certainty_kept)
    # The upper bound dropped with it is the numbers check's to report.
    assert outcome(v, CheckName.numbers_agree) is Outcome.failed
    assert "jusqu’à 25 000" in reason(v, CheckName.numbers_agree)


def test_wrong_source_fails(seed_verifier: Verifier) -> None:
    claim = nhk_claim("La Russie pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens.")
    claim = claim.model_copy(update={"sources": [Source(name="Reuters")]})
    v = seed_verifier.verify(claim)
    assert v.verdict is Verdict.unsupported
    assert "Reuters" in reason(v, CheckName.source_named)


def test_dropped_source_is_noticed(seed_verifier: Verifier) -> None:
    claim = nhk_claim("La Russie pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens.")
    v = seed_verifier.verify(claim.model_copy(update={"sources": []}))
    assert v.verdict is Verdict.partially_supported
    assert "NHK" in reason(v, CheckName.source_named)


def test_swapped_name_is_unsupported(seed_verifier: Verifier) -> None:
    claim = Claim(
        id="c1",
        statement="La Chine pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens.",
        quote=NHK_SENTENCE,
    )
    v = seed_verifier.verify(claim)
    assert v.verdict is Verdict.unsupported
    assert "Chine" in reason(v, CheckName.entities_agree)


def test_invented_quote_is_not_found(seed_verifier: Verifier) -> None:
    claim = Claim(
        id="c9",
        statement="Pyongyang enverra 100 000 ouvriers.",
        quote="Pyongyang a confirmé l'envoi de 100 000 ouvriers dans les usines de l'Oural.",
    )
    v = seed_verifier.verify(claim)
    assert v.verdict is Verdict.quote_not_found
    assert v.evidence is None
    assert outcome(v, CheckName.quote_found) is Outcome.failed


def test_english_claims(english_verifier: Verifier) -> None:
    good = Claim(
        id="e1",
        statement="Russia could host up to 25,000 North Korean workers.",
        quote="Russia could host up to 25,000 North Korean workers",
        sources=[Source(name="NHK")],
    )
    flat = good.model_copy(update={"id": "e2", "statement": "Russia will host 25,000 workers."})
    negated = Claim(
        id="e3",
        statement="The Kremlin commented on the report.",
        quote="The Kremlin did not comment on the report.",
    )
    verdicts = {v.claim_id: v for v in english_verifier.verify_all([good, flat, negated])}
    assert verdicts["e1"].verdict is Verdict.supported
    assert outcome(verdicts["e2"], CheckName.certainty_kept) is Outcome.failed
    assert verdicts["e3"].verdict is Verdict.unsupported
    assert outcome(verdicts["e3"], CheckName.negation_agrees) is Outcome.failed


def test_free_claims_without_quotes(english_verifier: Verifier, seed_verifier: Verifier) -> None:
    supported = english_verifier.verify(
        Claim(id="f1", statement="Officials in Seoul said 1,500 engineers left in March.")
    )
    wrong_number = english_verifier.verify(
        Claim(id="f2", statement="Officials in Seoul said 2,500 engineers left in March.")
    )
    unrelated = english_verifier.verify(
        Claim(id="f3", statement="The central bank cut interest rates by half a point.")
    )
    assert supported.verdict is Verdict.supported
    assert supported.evidence is not None and supported.evidence.match is MatchKind.retrieved
    assert "1,500 engineers" in supported.evidence.text
    assert wrong_number.verdict is Verdict.unsupported
    assert unrelated.verdict is Verdict.unsupported
    assert supported.score > wrong_number.score > unrelated.score or unrelated.score == 0

    french = seed_verifier.verify(
        Claim(id="f4", statement="La Russie va accueillir 25 000 travailleurs nord-coréens.")
    )
    # "pourrait" made "va": what the text says may happen, told as what will.
    assert french.verdict is Verdict.unsupported
    assert outcome(french, CheckName.certainty_kept) is Outcome.failed


def test_multi_sentence_free_claim_is_as_strong_as_its_weakest_sentence(
    english_verifier: Verifier,
) -> None:
    v = english_verifier.verify(
        Claim(
            id="m1",
            statement="Russia could host up to 25,000 North Korean workers. "
            "The workers would build tanks in Siberia.",
        )
    )
    assert v.verdict is not Verdict.supported


def test_compound_free_claim_gets_evidence_from_two_places() -> None:
    text = (
        "The couple married in New York in December 2012.\n"
        "The weather that winter was unusually mild across the region.\n"
        "Local shops reported strong sales before the holidays.\n"
        "Their son, Bear, was born in December 2013 in London."
    )
    verifier = Verifier(text)
    claim = Claim(
        id="c1",
        statement="The couple married in New York in 2012 and their son Bear was born in 2013.",
    )
    v = verifier.verify(claim)
    assert v.evidence is not None and len(v.evidence.parts) == 2
    parts = [text[p.start : p.end] for p in v.evidence.parts]
    assert parts[0].startswith("The couple married") and parts[1].startswith("Their son")
    assert v.verdict is Verdict.supported
    wrong = verifier.verify(
        Claim(
            id="c2",
            statement="The couple married in Paris in 2012 and their son Bear was born in 2013.",
        )
    )
    assert wrong.verdict is not Verdict.supported
    assert wrong.score < v.score


def test_an_acronym_counts_when_the_document_spells_it_out() -> None:
    text = (
        "Selon l'Organisation des Nations unies, 1 200 personnes ont fui la ville.\n"
        "The Central Intelligence Agency ran secret prisons in Eastern Europe."
    )
    verifier = Verifier(text)
    onu = verifier.verify(
        Claim(id="c1", statement="1 200 personnes ont fui la ville, selon l'ONU.")
    )
    assert outcome(onu, CheckName.entities_agree) is Outcome.passed
    assert onu.verdict is Verdict.supported
    cia = verifier.verify(Claim(id="c2", statement="The CIA ran secret prisons in Eastern Europe."))
    assert outcome(cia, CheckName.entities_agree) is Outcome.passed
    # An acronym the text does not spell is still a name the document never gives.
    fbi = verifier.verify(Claim(id="c3", statement="The FBI ran secret prisons in Eastern Europe."))
    assert outcome(fbi, CheckName.entities_agree) is Outcome.failed
    assert fbi.score < cia.score


def test_free_claim_number_stated_elsewhere_is_a_minor_failure() -> None:
    text = (
        "The council met on Tuesday in Seattle.\n"
        "Mosqueda won the at-large seat with a wide margin.\n"
        "She represents the whole city on the council.\n"
        "In the Position 8 race, turnout was high.\n"
    )
    verifier = Verifier(text)
    statement = "Mosqueda won the at-large seat on the Seattle council, Position {}, for the city."
    elsewhere = verifier.verify(Claim(id="c1", statement=statement.format(8)))
    assert outcome(elsewhere, CheckName.numbers_agree) is Outcome.failed
    assert "elsewhere in the document" in reason(elsewhere, CheckName.numbers_agree)
    assert elsewhere.verdict is Verdict.partially_supported
    nowhere = verifier.verify(Claim(id="c2", statement=statement.format(9)))
    assert nowhere.verdict is Verdict.unsupported


def test_a_negation_counts_only_over_the_claims_words() -> None:
    text = (
        "Russia will host 25,000 workers, officials said, though the Kremlin did not comment.\n"
        "Moscow will not pay the workers in roubles, a ministry said.\n"
    )
    verifier = Verifier(text)
    unrelated = verifier.verify(
        Claim(id="c1", statement="Russia will host 25,000 workers.", quote="Russia will host")
    )
    assert outcome(unrelated, CheckName.negation_agrees) is Outcome.passed
    related = verifier.verify(
        Claim(
            id="c2",
            statement="Moscow will pay the workers in roubles.",
            quote="Moscow will not pay the workers in roubles",
        )
    )
    assert outcome(related, CheckName.negation_agrees) is Outcome.failed
    assert related.verdict is Verdict.unsupported


def test_a_hedge_counts_only_over_the_claims_words() -> None:
    text = "Russia will host 25,000 workers, officials said, but the talks could stall.\n"
    verifier = Verifier(text)
    claim = Claim(
        id="c1", statement="Russia will host 25,000 workers.", quote="host 25,000 workers"
    )
    assert outcome(verifier.verify(claim), CheckName.certainty_kept) is Outcome.passed
    hedged = Verifier("Russia could host 25,000 workers, officials said.\n")
    assert outcome(hedged.verify(claim), CheckName.certainty_kept) is Outcome.failed


def test_evidence_leaves_out_a_sentence_repeated_word_for_word() -> None:
    text = (
        "Kate Winslet marries Ned RocknRoll in New York.\n"
        "The weather was mild.\n"
        "Kate Winslet marries Ned RocknRoll in New York.\n"
        "Their son Bear was born in December 2013.\n"
    )
    verifier = Verifier(text)
    top = verifier.evidence_sentences("Winslet married RocknRoll in New York; Bear was born.", 3)
    texts = [text[s.start : s.end] for s in top]
    assert len(set(texts)) == len(texts)
    assert any(t.startswith("Their son Bear") for t in texts)


def test_numbers_written_out_are_compared_by_value() -> None:
    text = "L'incendie a fait onze blessés et dix-huit morts dans la nuit de samedi."
    wrong, right = summarize.verify(
        text,
        [
            {"statement": "L'incendie a fait seize blessés.", "quote": "onze blessés"},
            {"statement": "L'incendie a fait 18 morts.", "quote": "dix-huit morts"},
        ],
    )
    assert any(c.name == "numbers_agree" and c.outcome == "failed" for c in wrong.checks)
    assert not any(c.name == "numbers_agree" and c.outcome == "failed" for c in right.checks)
