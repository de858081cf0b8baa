"""Who said what: attributions read off the parse, and the rules backend's claims on them."""

from __future__ import annotations

import json

import pytest

import summarize
from summarize.documents import from_text
from summarize.models import Attribution, Flag, SourceKind
from summarize.text.attribution import attributions
from tests.conftest import SEED, RunCli


def _one(text: str, language: str) -> Attribution:
    found = attributions(text, language)
    assert len(found) == 1, [(a.cue.text, a.content.text) for a in found]
    return found[0]


def _offsets_hold(text: str, a: Attribution) -> None:
    for span in (a.cue, a.content, *([a.source] if a.source else [])):
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "language", "name", "kind", "descriptor", "content"),
    [
        (
            "D’après des informations récentes du média japonais NHK, la Russie pourrait"
            " accueillir jusqu’à 25 000 travailleurs.",
            "fr",
            "NHK",
            SourceKind.media,
            "média japonais",
            "la Russie pourrait accueillir jusqu’à 25 000 travailleurs",
        ),
        (
            "L’usine est située à Elabouga, selon l’agence de presse ukrainienne RBC-Ukraine.",
            "fr",
            "RBC-Ukraine",
            SourceKind.agency,
            "agence de presse ukrainienne",
            "L’usine est située à Elabouga",
        ),
        (
            "Le porte-parole du Kremlin, Dmitri Peskov, a déclaré que rien n'était décidé.",
            "fr",
            "Dmitri Peskov",
            SourceKind.official,
            "porte-parole du Kremlin",
            "que rien n'était décidé",
        ),
        (
            "Prosecutors in Lyon said on Tuesday that the suspect had fled the city.",
            "en",
            "Prosecutors in Lyon",
            SourceKind.official,
            None,
            "that the suspect had fled the city",
        ),
        (
            "Heller AG, the German parent company, said it would appeal the ruling.",
            "en",
            "Heller AG",
            SourceKind.organisation,
            "parent company",
            "it would appeal the ruling",
        ),
        (
            "Selon Les Echos, le groupe va fermer deux usines en Lorraine.",
            "fr",
            "Les Echos",
            SourceKind.media,
            None,
            "le groupe va fermer deux usines en Lorraine",
        ),
        (
            "Le chantier sera suspendu, a averti la ministre Sophie Leroy.",
            "fr",
            "Sophie Leroy",
            SourceKind.official,
            "ministre",
            "Le chantier sera suspendu",
        ),
        (
            "The fire started in a disused warehouse, the regional prefecture said.",
            "en",
            "the regional prefecture",
            SourceKind.government,
            None,
            "The fire started in a disused warehouse",
        ),
        (
            "D'après la chambre d'agriculture, la récolte a baissé de 20 %.",
            "fr",
            "la chambre d'agriculture",
            SourceKind.organisation,
            None,
            "la récolte a baissé de 20 %",
        ),
        (
            "Selon des médias locaux, trois personnes ont été blessées.",
            "fr",
            "des médias locaux",
            SourceKind.media,
            None,
            "trois personnes ont été blessées",
        ),
        (
            "Moscow sent 3,000 troops to the border, Reuters reported.",
            "en",
            "Reuters",
            SourceKind.agency,
            None,
            "Moscow sent 3,000 troops to the border",
        ),
        (
            # The small French model reads "Dougherty" as an adverb of the verb.
            '"Ces premiers résultats pourraient être la preuve d\'une fuite de gaz", a déclaré'
            " Michele Dougherty, responsable scientifique de la mission.",
            "fr",
            "Michele Dougherty",
            SourceKind.official,
            "responsable scientifique de la mission",
            "Ces premiers résultats pourraient être la preuve d'une fuite de gaz",
        ),
    ],
)
def test_named_sources(
    text: str,
    language: str,
    name: str,
    kind: SourceKind,
    descriptor: str | None,
    content: str,
) -> None:
    a = _one(text, language)
    assert (a.name, a.kind, a.descriptor, a.content.text) == (name, kind, descriptor, content)
    _offsets_hold(text, a)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A judicial source said the mayor had been questioned twice.", "en"),
        (
            "A senior US trade official, speaking on condition of anonymity, said talks had"
            " stalled.",
            "en",
        ),
        ("Une source proche du dossier affirme que la filiale sera vendue.", "fr"),
        ("« Nous ne céderons pas », a déclaré un cadre du parti, qui a requis l'anonymat.", "fr"),
        ("According to officials who asked not to be named, the talks failed.", "en"),
    ],
)
def test_anonymous_sources(text: str, language: str) -> None:
    a = _one(text, language)
    assert a.kind is SourceKind.anonymous
    assert a.source is not None
    _offsets_hold(text, a)


def test_coordinated_cues_share_their_subject() -> None:
    text = "The company said profits fell and warned that further slips were likely."
    found = attributions(text, "en")
    assert [(a.name, a.cue.text, a.content.text) for a in found] == [
        ("The company", "said", "profits fell"),
        ("The company", "warned", "that further slips were likely"),
    ]


def test_a_quotation_over_two_sentences_is_one_content() -> None:
    text = 'Maria Lopez chairs the board. "We will not give up," she said. "The fight goes on."'
    a = _one(text, "en")
    assert a.content.text.startswith("We will not give up")
    assert [text[p.start : p.end] for p in a.parts] == [
        "We will not give up",
        '"The fight goes on."',
    ]
    assert a.source is not None and a.source.text == "she"
    assert a.name == "Maria Lopez"  # the pronoun resolved to the one person named before it


def test_an_implicit_source_is_none() -> None:
    a = _one("Residents of the old town were told to stay indoors.", "en")
    assert a.source is None and a.name is None and a.content.text == "to stay indoors"


def test_a_times_of_day_does_not_split_sentences() -> None:
    text = "The plant closed at 6 a.m. on Monday and reopened at 9 p.m., its owner said."
    a = _one(text, "en")
    assert "9 p.m." in a.content.text and a.name == "its owner"


def test_no_attribution_in_plain_facts_or_abstract_subjects() -> None:
    assert attributions("The bridge was opened in 1932 and carries 40,000 cars a day.", "en") == []
    assert attributions("Ce partenariat souligne les adaptations tactiques de Moscou.", "fr") == []


def test_public_function_detects_the_language() -> None:
    found = summarize.attributions("Selon l'AFP, le sommet a été reporté à mars.")
    assert [(a.name, a.kind) for a in found] == [("l'AFP", SourceKind.agency)]


# The rules backend on top of it: a claim is a complete clause, its source the speaker.


def _claims(text: str, language: str) -> list[summarize.Claim]:
    return summarize.brief(from_text(text, language=language)).claims


def test_rules_claims_are_clauses_with_their_speakers() -> None:
    text = (
        "Artemis III, which is meant to land astronauts near the Moon's south pole, has slipped"
        " to 2027, NASA said on Friday. The agency gave no new cost estimate and warned that"
        " further slips were likely.\n\n"
        "Heller AG, the German parent company, said it would appeal. A judicial source said"
        " the mayor had been questioned."
    )
    claims = _claims(text, "en")
    statements = [c.statement for c in claims]
    for s in statements:
        assert s.split()[0].lower() not in ("which", "and", "that", "who"), s
    by_source = {c.sources[0].name: c for c in claims if c.sources}
    assert "NASA" in by_source and "Heller AG" in by_source
    assert by_source["Heller AG"].statement == "It would appeal."
    assert any(Flag.anonymous_source in c.flags for c in claims)
    assert all(c.verification and c.verification.evidence for c in claims)


def test_rules_claims_in_french_keep_the_speaker() -> None:
    text = (
        "Le chantier de l'autoroute sera suspendu pendant six mois, a averti la ministre Sophie"
        " Leroy. Selon Les Echos, le groupe Heller va fermer deux usines en Lorraine."
    )
    claims = _claims(text, "fr")
    sources = {c.sources[0].name for c in claims if c.sources}
    assert {"Sophie Leroy", "Les Echos"} <= sources
    echo = next(c for c in claims if c.sources and c.sources[0].name == "Les Echos")
    assert echo.statement == "Le groupe Heller va fermer deux usines en Lorraine."


def test_cli_prints_the_seeds_attributions(run_cli: RunCli) -> None:
    proc = run_cli("attributions", SEED)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("NHK (media, média japonais) · D’après · [1039, 1109) la Russie")
    assert lines[1].startswith("RBC-Ukraine (agency, agence de presse ukrainienne) · selon")
    proc = run_cli("attributions", SEED, "--json")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        for role in ("cue", "content"):
            assert text[row[role]["start"] : row[role]["end"]] == row[role]["text"]


def test_refusals_and_forecast_nouns_are_not_hedges_or_predictions() -> None:
    [claim] = _claims("The ministry would not comment on the report about the Lyon plant.", "en")
    assert Flag.conditional_mood not in claim.flags
    [claim] = _claims(
        "The forecast for Lyon calls for heavy rain on Monday, Météo-France said.", "en"
    )
    assert Flag.prediction not in claim.flags


def test_times_of_day_do_not_end_sentences() -> None:
    from summarize.text.sentences import sentences

    text = "The plant closed at 6 a.m. on Monday and reopened at 9 p.m. Police said it was safe."
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "The plant closed at 6 a.m. on Monday and reopened at 9 p.m.",
        "Police said it was safe.",
    ]
