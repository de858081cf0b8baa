"""Long documents are split at sentence boundaries, within a budget, with overlap."""

from __future__ import annotations

import itertools

from summarize.backends.openai.chunking import chunk, estimate_tokens


def test_short_text_is_one_part() -> None:
    text = "Une phrase. Une autre."
    assert [(p.start, p.end) for p in chunk(text, 0, 100, 10)] == [(0, len(text))]


def test_parts_cover_the_text_within_budget_and_overlap() -> None:
    text = " ".join(f"Phrase numéro {i} sur les drones livrés à Kazan." for i in range(200))
    parts = chunk(text, 0, budget=120, overlap=30)
    assert len(parts) > 5
    assert parts[0].start == 0 and parts[-1].end == len(text)
    for a, b in itertools.pairwise(parts):
        assert b.start < a.end, "consecutive parts overlap"
        assert b.start > a.start, "every part moves forward"
        assert text[b.start - 1] == " " and text[a.end - 1] == "."  # sentence boundaries
    assert all(estimate_tokens(text[p.start : p.end]) <= 120 for p in parts)


def test_a_single_huge_line_is_cut() -> None:
    text = "mot " * 5000
    parts = chunk(text, 0, budget=500, overlap=0)
    assert len(parts) >= 10
    assert all(estimate_tokens(text[p.start : p.end]) <= 500 for p in parts)


def test_body_start_is_respected() -> None:
    text = "date 2025-06 crédit\n" + "Une phrase longue sur les drones. " * 200
    parts = chunk(text, 20, budget=200, overlap=20)
    assert parts[0].start >= 20
