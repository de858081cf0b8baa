"""Loading: formats, encodings, metadata line, hashes, and clear errors for bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import summarize
from summarize.documents import from_text, load, parse
from summarize.errors import DocumentError

FRENCH = "Selon l’AFP, l’armée a déployé 3 000 soldats près de Kharkiv. Élève, façade, œuvre."


def test_seed_metadata_line_is_parsed(seed_path: Path) -> None:
    doc = load(seed_path)
    assert doc.meta.date == "2025-06"
    assert doc.meta.credit == "Photo archives : AFP/KCNA via KNS"
    assert doc.meta.language == "fr"
    assert doc.meta.format == "txt"
    assert doc.meta.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert doc.text[doc.body_start :].startswith("\nDepuis le début du conflit")


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("latin-1", b""),
        ("cp1252", b""),
        ("utf-16", b""),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = FRENCH.replace("’", "'").replace("œ", "oe") if encoding == "latin-1" else FRENCH
    path = tmp_path / "doc.txt"
    path.write_bytes(prefix + text.encode(encoding))
    doc = load(path)
    assert doc.text == text
    assert doc.meta.language == "fr"


def test_html_main_text_without_scripts_or_styles(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Drones à Elabouga</title><style>p{color:red}</style>"
        "<script>alert('x')</script></head><body><article><h1>Drones</h1>"
        "<p>Selon RBC-Ukraine, l’usine emploierait 25 000 ouvriers venus de Corée du Nord.</p>"
        "<p>Le Kremlin n’a pas commenté ces informations, a indiqué l’agence.</p>"
        "</article><script>document.write('injected')</script></body></html>",
        encoding="utf-8",
    )
    doc = load(page)
    assert doc.meta.format == "html"
    assert "25 000 ouvriers" in doc.text
    assert "alert" not in doc.text and "injected" not in doc.text and "color" not in doc.text
    assert doc.meta.title == "Drones"  # the article's own heading beats the <title>


def test_markdown_title_and_front_matter(tmp_path: Path) -> None:
    md = tmp_path / "note.md"
    md.write_text("---\ndate: 2025-06-02\n---\n# Le titre\n\nUn paragraphe de texte.\n")
    doc = load(md)
    assert doc.meta.format == "md"
    assert doc.meta.title == "Le titre"
    assert doc.meta.date == "2025-06-02"


def test_crlf_and_decomposed_accents_are_normalised() -> None:
    doc = from_text("Pre\u0301sident\r\nligne deux")
    assert doc.text == "Président\nligne deux"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t \n", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary file"),
    ],
)
def test_bad_input_is_a_clear_error_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        load(path)
    assert reason in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        load(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="a directory"):
        load(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("mot " * 1000)
    with pytest.raises(DocumentError, match="over the"):
        load(path, max_bytes=1000)


def test_txt_title_line_becomes_the_headline() -> None:
    doc = parse(b"Big fire in Lyon\n\nThe fire started at the depot, police said.\n", suffix=".txt")
    assert doc.meta.title == "Big fire in Lyon"
    assert summarize.brief(doc).headline == "Big fire in Lyon"


def test_html_headline_is_the_articles_h1_and_no_date_is_made_up() -> None:
    html = (
        b"<html><head><title>The Ledger</title></head><body><header>The Ledger</header>"
        b"<article><h1>Mill closes after 80 years</h1><p>The mill closed on Friday after"
        b" eighty years, its owner said. Workers were told to leave by noon.</p></article>"
        b"<footer>&copy; 2026 The Ledger</footer></body></html>"
    )
    doc = parse(html, suffix=".html")
    assert doc.meta.title == "Mill closes after 80 years"
    assert doc.meta.date is None


def test_markdown_markup_is_blanked_in_place() -> None:
    raw = "# Big fire\n\nThe **fire** started at [the depot](http://x.test/a), *police* said.\n"
    doc = parse(raw.encode(), suffix=".md")
    assert len(doc.text) == len(raw)
    assert "**" not in doc.text and "](" not in doc.text and "http" not in doc.text
    start = raw.index("fire**")
    assert doc.text[start : start + 4] == raw[start : start + 4]  # offsets are the file's
    claims = summarize.brief(doc).claims
    assert claims and all("*" not in c.statement and "[" not in c.statement for c in claims)
