"""The rules backend on the seed (the README's promise) and on an English article."""

from __future__ import annotations

from pathlib import Path

import summarize
from summarize.config import Settings
from summarize.documents import from_text
from summarize.models import Certainty, Flag, SourceKind, Verdict


def test_seed_briefing_has_the_nhk_and_rbc_claims(seed_path: Path) -> None:
    briefing = summarize.brief(seed_path)
    text = summarize.load(seed_path).text
    by_source = {s.name: c for c in briefing.claims for s in c.sources}

    nhk = by_source["NHK"]
    assert "25 000 travailleurs" in nhk.statement
    source = nhk.sources[0]
    assert (source.kind, source.descriptor) == (SourceKind.media, "média japonais")
    assert {Flag.conditional_mood, Flag.upper_bound_number} <= set(nhk.flags)
    assert nhk.certainty is Certainty.hedged

    rbc = by_source["RBC-Ukraine"]
    assert "Lelabouga" in rbc.statement
    assert rbc.sources[0].kind is SourceKind.agency
    assert rbc.certainty is Certainty.hedged and Flag.conditional_mood in rbc.flags

    for claim in (nhk, rbc):
        v = claim.verification
        assert v is not None and v.evidence is not None
        assert v.verdict is Verdict.supported
        assert text[v.evidence.start : v.evidence.end] == claim.quote

    assert briefing.provenance.backend == "rules"
    assert briefing.provenance.model is None
    assert briefing.provenance.prompt_version.startswith("rules-")
    assert briefing.key_points and all(kp.claim_ids for kp in briefing.key_points)
    ids = {c.id for c in briefing.claims}
    assert all(set(kp.claim_ids) <= ids for kp in briefing.key_points)
    assert "date 2025-06" not in briefing.summary


def test_english_article() -> None:
    doc = from_text(
        "Drone plant expands\n\n"
        "Russia could host up to 25,000 North Korean workers, Japan's public broadcaster NHK "
        "reported on Tuesday. The plant already employs about 3,000 people, according to "
        "Ukrainian outlet RBC-Ukraine. Officials who asked not to be named said the first "
        "workers had arrived. The weather was mild."
    )
    briefing = summarize.brief(doc)
    assert briefing.document.language == "en"
    assert briefing.headline
    by_source = {s.name: c for c in briefing.claims for s in c.sources}
    assert Flag.upper_bound_number in by_source["NHK"].flags
    assert Flag.approximate_number in by_source["RBC-Ukraine"].flags
    anonymous = [c for c in briefing.claims if Flag.anonymous_source in c.flags]
    assert anonymous and "first workers" in anonymous[0].statement
    assert all(
        c.verification and c.verification.verdict is Verdict.supported for c in briefing.claims
    )
    assert not any("weather" in c.statement for c in briefing.claims)


def test_max_claims_is_respected(seed_path: Path) -> None:
    settings = Settings(_env_file=None, max_claims=3)  # type: ignore[call-arg]
    briefing = summarize.brief(seed_path, settings=settings)
    assert len(briefing.claims) == 3
    assert {s.name for c in briefing.claims for s in c.sources} == {"NHK", "RBC-Ukraine"}


def test_seed_summary_states_the_central_facts(seed_path: Path) -> None:
    summary = summarize.brief(seed_path).summary
    assert "25 000 travailleurs" in summary and "drones" in summary


def test_a_text_with_no_reported_speech_is_briefed() -> None:
    # No sentence of it is parsed (nothing may report speech): the claims still come, ranked.
    from summarize.documents import from_text

    text = (
        "La vente a été faite pour payer la facture fiscale de 27,5 milliards de dollars.\n\n"
        "Le groupe Rosneft a racheté la société en 2004 pour 9,4 milliards de dollars."
    )
    briefing = summarize.brief(from_text(text, language="fr"))
    assert briefing.claims
    assert all(
        c.verification and c.verification.verdict is Verdict.supported for c in briefing.claims
    )
