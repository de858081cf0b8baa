"""The library calls: brief and verify, from paths, text and loaded documents."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarize
from summarize.errors import ClaimsInputError, DocumentError
from summarize.models import Claim, Verdict


def test_brief_from_path_text_and_document(seed_path: Path) -> None:
    from_path = summarize.brief(seed_path)
    from_str_path = summarize.brief(str(seed_path))
    doc = summarize.load(seed_path)
    from_doc = summarize.brief(doc)
    from_text = summarize.brief(doc.text)
    assert from_path.claims == from_str_path.claims
    assert [c.statement for c in from_doc.claims] == [c.statement for c in from_text.claims]
    assert from_text.document.path is None


def test_brief_missing_path_is_an_error_not_a_briefing(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        summarize.brief(str(tmp_path / "missing.txt"))


def test_verify_mixed_claims(seed_text: str) -> None:
    results = summarize.verify(
        seed_text,
        [
            "La Russie pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens.",
            {
                "statement": "L’usine est située dans la zone de Lelabouga.",
                "quote": "au sein d’une usine située dans la zone de Lelabouga",
                "sources": ["RBC-Ukraine"],
            },
            Claim(id="x", statement="Pyongyang a envoyé des sous-marins à Moscou."),
        ],
    )
    assert [r.claim_id for r in results] == ["c1", "c2", "x"]
    assert results[0].verdict is Verdict.supported
    assert results[1].verdict in (Verdict.supported, Verdict.partially_supported)
    assert results[1].evidence is not None and results[1].evidence.match.value == "exact"
    assert results[2].verdict is not Verdict.supported


def test_verify_rejects_malformed_claims(seed_text: str) -> None:
    with pytest.raises(ClaimsInputError, match="claim 1: statement"):
        summarize.verify(seed_text, [{"quote": "no statement"}])
