"""The HTML pages, opened in headless Chromium: spans and badges in the DOM, nothing executes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import summarize
from summarize.batch import Plan, run_folder, store_for
from summarize.config import Settings
from summarize.digest.publish import make_digest, write_digest
from summarize.documents import from_text
from summarize.render import briefing_html
from summarize.render.html import pieces
from tests.corpus import write_corpus

HOSTILE = (
    "Selon l'agence AFP, 3 000 soldats <script>document.body.setAttribute('data-xss','1')"
    "</script> sont arrivés. D'après le média NHK, <img src=x "
    "onerror=\"document.body.setAttribute('data-xss','2')\"> la ville de Koursk "
    'pourrait tomber. Le journal "><a href="javascript:alert(1)">clic</a> affirme que '
    "2 000 civils sont partis."
)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def dump_dom(page: Path, profile: Path) -> str:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    proc = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_pieces_cut_at_every_boundary() -> None:
    got = pieces("abcdefgh", [(1, 5, "c1"), (3, 7, "c2")])
    assert [(p.text, p.claims, p.starts) for p in got] == [
        ("a", (), ()),
        ("bc", ("c1",), ("c1",)),
        ("de", ("c1", "c2"), ("c2",)),
        ("fg", ("c2",), ()),
        ("h", (), ()),
    ]


def test_briefing_page_in_chromium(tmp_path: Path) -> None:
    doc = from_text(HOSTILE, name="hostile.txt")
    briefing = summarize.brief(doc)
    page = tmp_path / "page.html"
    html = briefing_html(briefing, doc.text)
    page.write_text(html, encoding="utf-8")
    assert "<script>" not in html and "<img" not in html

    dom = dump_dom(page, tmp_path / "profile")
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and "data-xss" not in body.group(), "document content executed"
    assert "<script" not in dom and "<img" not in dom
    assert not re.search(r"<a\s[^>]*href=\"javascript:", dom), "a live javascript: link"
    assert "&lt;script&gt;document.body.setAttribute" in dom  # shown, as text
    claims = [c for c in briefing.claims if c.verification and c.verification.evidence]
    assert len(claims) >= 2
    for claim in claims:
        assert f'id="claim-{claim.id}"' in dom and f'href="#span-{claim.id}"' in dom
        assert f'id="span-{claim.id}"' in dom and f'href="#claim-{claim.id}"' in dom
    assert dom.count("<mark") >= len(claims)
    assert 'class="badge supported"' in dom


def test_digest_page_in_chromium(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in")
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    store = store_for(tmp_path / "out")
    run_folder(Plan(tmp_path / "in", tmp_path / "out"), Settings(_env_file=None, jobs=1), store)  # type: ignore[call-arg]
    made = make_digest(store, "2026-11-26")
    _, _, html_path = write_digest(made, tmp_path / "out", store)

    dom = dump_dom(html_path, tmp_path / "profile")
    assert "<title>Briefing 2026-11-26</title>" in dom
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and "data-xss" not in body.group()
    assert "<script" not in dom and "<img" not in dom
    assert dom.count('class="badge info"') >= 3  # a card per story across documents
    assert "single source" in dom and "Contradictions" in dom
    assert 'href="../fr_lemonde.txt.html' in dom


def test_hostile_model_output_is_escaped_in_chromium(tmp_path: Path, seed_path: Path) -> None:
    from summarize.testing import FakeOpenAI, Request, structured_reply

    evil = "<script>document.body.setAttribute('data-xss','model')</script>"
    breakout = "\"><img src=x onerror=\"document.body.setAttribute('data-xss','attr')\">"
    quote = (
        "D’après des informations récentes du média japonais NHK, la Russie pourrait accueillir "
        "jusqu’à 25 000 travailleurs nord-coréens."
    )
    payload = {
        "headline": f"Alerte {evil}",
        "summary": f'Résumé {breakout} <a href="javascript:alert(1)">lien</a>',
        "key_points": [{"text": f"Point {evil}", "claims": [0]}],
        "claims": [
            {
                "statement": f"La Russie pourrait accueillir 25 000 travailleurs {breakout}",
                "quote": quote,
                "sources": [{"name": f"NHK{breakout}", "kind": "media", "descriptor": evil}],
                "certainty": "hedged",
                "flags": ["conditional_mood"],
            }
        ],
    }

    def reply(request: Request):  # type: ignore[no-untyped-def]
        return structured_reply(request, payload)

    with FakeOpenAI(responder=reply) as server:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            model="fake",
            base_url=server.base_url,
            api_key="sk-x",
            cache_path=tmp_path / "c.sqlite",
            max_reasks=0,
        )
        doc = summarize.load(seed_path)
        briefing = summarize.brief(doc, settings=settings)
    page = tmp_path / "model.html"
    page.write_text(briefing_html(briefing, doc.text), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and "data-xss" not in body.group(), "model output executed"
    assert "<script" not in dom and "<img" not in dom
    assert not re.search(r"<a\s[^>]*href=\"javascript:", dom)
    assert "&lt;script&gt;" in dom
