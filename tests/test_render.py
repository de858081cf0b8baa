"""Renderers escape what comes from documents."""

from __future__ import annotations

import summarize
from summarize.documents import from_text
from summarize.render import briefing_markdown
from summarize.render.markdown import md_escape
from summarize.render.words import counted


def test_markdown_escapes_document_markup() -> None:
    doc = from_text(
        "Selon l'AFP, <script>alert(1)</script> 3 000 soldats [lien](javascript:alert(1)) "
        "sont arrivés à **Kharkiv**."
    )
    md = briefing_markdown(summarize.brief(doc))
    assert "<script>" not in md
    assert "\\<script\\>" in md
    assert "[lien](javascript" not in md


def test_md_escape_flattens_newlines() -> None:
    assert md_escape("a\n# b") == "a \\# b"


def test_counts_in_words() -> None:
    assert counted(1, "document") == "1 document"
    assert counted(0, "story", "stories") == "0 stories"
    assert counted(2, "contradiction") == "2 contradictions"
