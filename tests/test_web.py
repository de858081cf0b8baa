"""Inputs from the web, stdin and PDF, against a site on 127.0.0.1: pages, a feed, redirects, a
slow and a huge reply, a 404, robots.txt, and PDFs made here. Nothing reaches the internet."""

from __future__ import annotations

import io
import itertools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize import api
from summarize.batch import Plan, run_folder, store_for
from summarize.config import Settings
from summarize.errors import DocumentError
from summarize.web.fetch import Fetcher
from summarize.web.urls import FetchError, output_name, shown_url
from tests.conftest import RunCli
from tests.site import Route, Site

FAST = Settings(fetch_interval=0.0, fetch_timeout=5.0, jobs=1)

ARTICLE_FR = """<!doctype html><html><head><title>Le Courrier · Actualités</title>
<meta property="article:published_time" content="2026-11-30T08:00:00Z"></head><body>
<nav>Accueil · Monde · Économie</nav><article><h1>Incendie dans une usine de Lyon</h1>
<p>Un incendie a détruit lundi soir un entrepôt de la zone industrielle de Lyon, selon la
préfecture du Rhône. Onze personnes ont été blessées, dont deux grièvement.</p>
<p>« Le feu est maîtrisé », a déclaré le capitaine Paul Girard aux journalistes. Les causes
de l’incendie pourraient être électriques, d’après une source proche de l’enquête.</p>
</article><footer>© 2026 Le Courrier</footer></body></html>"""

ARTICLE_EN = """<!doctype html><html><head><title>The Ledger</title></head><body><article>
<h1>Port strike enters its third day</h1><p>Dock workers in Rotterdam extended their strike
on Wednesday, the union said. About 300 ships are waiting to unload, according to the port
authority.</p><p>"We will not go back until the contract is signed," said Anna de Vries, a
union spokeswoman.</p></article></body></html>"""


def _rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{date}</pubDate></item>"
        for t, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>{entries}</channel></rss>"
    ).encode()


def _pdf(paragraphs: list[str], title: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln()
    return bytes(pdf.output())


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        s.routes["/robots.txt"] = Route(
            b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        s.routes["/fr/incendie.html"] = Route(
            ARTICLE_FR.encode(), headers={"Last-Modified": "Mon, 30 Nov 2026 09:00:00 GMT"}
        )
        s.routes["/en/strike"] = Route(ARTICLE_EN.encode())
        yield s


# -- one URL --------------------------------------------------------------------------------


def test_a_page_is_fetched_extracted_and_dated(site: Site) -> None:
    document = api.load(site.url("/fr/incendie.html"), FAST)
    meta = document.meta
    assert meta.format == "html" and meta.language == "fr"
    assert meta.title == "Incendie dans une usine de Lyon"
    assert meta.url == site.url("/fr/incendie.html")
    assert meta.http_date == "Mon, 30 Nov 2026 09:00:00 GMT"
    assert meta.fetched_at is not None
    assert "Onze personnes ont été blessées" in document.text
    assert "Accueil · Monde" not in document.text  # the page's furniture is left out
    asked = site.asked("/fr/incendie.html")[0]
    assert asked.headers["User-Agent"].startswith("summarize/")
    assert len(site.asked("/robots.txt")) == 1


def test_a_briefing_from_a_url_quotes_the_extracted_text(site: Site) -> None:
    url = site.url("/fr/incendie.html")
    briefing = api.brief(url, settings=FAST)
    document = api.load(url, FAST)
    assert briefing.document.url == url
    assert briefing.claims
    for claim in briefing.claims:
        evidence = claim.verification.evidence if claim.verification else None
        assert evidence is not None
        assert document.text[evidence.start : evidence.end] == evidence.text


def test_redirects_are_followed_and_bounded(site: Site) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/fr/incendie.html"})
    document = api.load(site.url("/old"), FAST)
    assert document.meta.url == site.url("/fr/incendie.html")
    assert document.meta.path == site.url("/old")
    for i in range(8):
        site.routes[f"/loop{i}"] = Route(status=302, headers={"Location": f"/loop{i + 1}"})
    with pytest.raises(FetchError, match=r"loop0: more than 5 redirects"):
        api.load(site.url("/loop0"), FAST)


def test_robots_txt_is_obeyed_for_every_hop(site: Site) -> None:
    site.routes["/private/memo.html"] = Route(ARTICLE_EN.encode())
    site.routes["/go"] = Route(status=302, headers={"Location": "/private/memo.html"})
    for path in ("/private/memo.html", "/go"):
        with pytest.raises(FetchError, match=r"robots\.txt of 127\.0\.0\.1:[0-9]+ disallows it"):
            api.load(site.url(path), FAST)
    assert site.asked("/private/memo.html") == []


def test_a_robots_txt_that_fails_with_a_server_error_forbids_the_host(site: Site) -> None:
    site.routes["/robots.txt"] = Route(b"down", status=503, content_type="text/plain")
    with pytest.raises(FetchError, match=r"robots\.txt .* unavailable"):
        api.load(site.url("/en/strike"), FAST)
    assert site.asked("/en/strike") == []


def test_a_missing_robots_txt_allows_everything(site: Site) -> None:
    del site.routes["/robots.txt"]
    assert "Rotterdam" in api.load(site.url("/en/strike"), FAST).text


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"gone", status=404, content_type="text/plain"), "HTTP 404 Not Found"),
        (Route(b"oops", status=500, content_type="text/plain"), "HTTP 500"),
        (Route(b"\x89PNG\r\n", content_type="image/png"), "served as image/png, not a document"),
        (Route(b"", status=204), "HTTP 204"),
    ],
)
def test_a_reply_that_is_no_document_is_one_line(site: Site, route: Route, reason: str) -> None:
    site.routes["/x"] = route
    with pytest.raises(FetchError) as caught:
        api.load(site.url("/x"), FAST)
    assert str(caught.value).startswith(site.url("/x") + ": ")
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_a_slow_reply_times_out(site: Site) -> None:
    site.routes["/slow"] = Route(ARTICLE_EN.encode(), trickle=0.05)  # 40 s in all
    with pytest.raises(FetchError, match="timed out after 1 s"):
        api.load(site.url("/slow"), FAST.with_overrides(fetch_timeout=1.0))


def test_a_huge_reply_stops_at_the_limit(site: Site) -> None:
    site.routes["/huge"] = Route(endless=True)
    site.routes["/declared"] = Route(b"x" * 300_000)
    small = FAST.with_overrides(max_bytes=200_000)
    with pytest.raises(FetchError, match="over the 0 MiB limit"):
        api.load(site.url("/huge"), small)
    with pytest.raises(FetchError, match=r"0\.3 MiB, the 0 MiB limit"):
        api.load(site.url("/declared"), small)


def test_one_host_is_asked_at_most_once_an_interval(site: Site) -> None:
    with Fetcher(max_bytes=2**20, interval=0.4) as fetcher:
        for _ in range(3):
            fetcher.document(site.url("/en/strike"))
    times = [r.at for r in site.requests]  # robots.txt, then three pages
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 4 and min(gaps) >= 0.38


def test_robots_txt_rules_for_summarize_and_its_crawl_delay_hold(site: Site) -> None:
    site.routes["/robots.txt"] = Route(
        b"User-agent: summarize\nCrawl-delay: 0.5\nDisallow: /fr/\n\nUser-agent: *\nAllow: /\n",
        content_type="text/plain",
    )
    with pytest.raises(FetchError, match="disallows it"):
        api.load(site.url("/fr/incendie.html"), FAST)
    with Fetcher(max_bytes=2**20, interval=0.0) as fetcher:
        for _ in range(2):
            fetcher.document(site.url("/en/strike"))
    pages = site.asked("/en/strike")
    assert len(pages) == 2 and pages[1].at - pages[0].at >= 0.48


def test_an_unreachable_host_is_one_line() -> None:
    with pytest.raises(FetchError, match=r"^http://127.0.0.1:9/a: cannot connect"):
        api.load("http://127.0.0.1:9/a", FAST)


def test_secrets_in_a_url_are_masked() -> None:
    assert shown_url("https://u:pw@h.example/a?id=7&api_key=s3cret&token=t") == (
        "https://***@h.example/a?id=7&api_key=***&token=***"
    )
    assert output_name("https://h.example/a/b c.html?x=1").startswith("web/h.example/a-b-c.html-")


# -- runs over URL lists and feeds -----------------------------------------------------------


def test_run_briefs_a_url_list_and_a_404_never_stops_it(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    urls = (site.url("/fr/incendie.html"), site.url("/missing"), site.url("/en/strike"))
    plan = Plan(None, out, urls=urls)
    report = run_folder(plan, FAST, store_for(out))
    assert sorted(r.status for r in report.results) == ["failed", "new", "new"]
    failed = report.failed[0]
    assert failed.error == f"{site.url('/missing')}: HTTP 404 Not Found"
    for result in report.new:
        for output in result.outputs:
            assert Path(output).is_file() and Path(output).is_relative_to(out / "web")
    stored = json.loads(Path(report.new[0].outputs[0]).read_text(encoding="utf-8"))
    assert stored["document"]["url"] in urls

    again = run_folder(plan, FAST, store_for(out))
    assert sorted(r.status for r in again.results) == ["failed", "skipped", "skipped"]


def test_a_url_with_new_content_is_a_new_version(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    url = site.url("/fr/incendie.html")
    plan = Plan(None, out, urls=(url,))
    first = run_folder(plan, FAST, store_for(out))
    site.routes["/fr/incendie.html"] = Route(
        ARTICLE_FR.replace("Onze personnes", "Quatorze personnes").encode()
    )
    second = run_folder(plan, FAST, store_for(out))
    assert first.new and second.new
    store = store_for(out)
    versions = store.versions(url)
    assert len(versions) == 2
    page = json.loads(Path(second.new[0].outputs[0]).read_text(encoding="utf-8"))
    assert page["document"]["previous"] == versions[0].sha256
    assert page["document"]["sha256"] == versions[1].sha256
    # The page's furniture changing alone is no new version.
    site.routes["/fr/incendie.html"] = Route(
        ARTICLE_FR.replace("Onze personnes", "Quatorze personnes")
        .replace("Accueil", "Accueil 23:59")
        .encode()
    )
    third = run_folder(plan, FAST, store_for(out))
    assert [r.status for r in third.results] == ["skipped"]


def test_a_feed_brings_only_its_new_items(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = Route(
        _rss(
            "Le Courrier",
            [
                ("Incendie à Lyon", site.url("/fr/incendie.html"), "Mon, 30 Nov 2026 08:00:00 GMT"),
                ("Port strike", site.url("/en/strike"), "Tue, 01 Dec 2026 06:30:00 GMT"),
            ],
        ),
        content_type="application/rss+xml",
    )
    out = tmp_path / "out"
    plan = Plan(None, out, feeds=(site.url("/feed.xml"),))
    first = run_folder(plan, FAST, store_for(out))
    assert sorted(r.status for r in first.results) == ["new", "new"]
    pages = [json.loads(Path(r.outputs[0]).read_text(encoding="utf-8")) for r in first.new]
    assert {p["document"]["outlet"] for p in pages} == {"Le Courrier"}
    assert {p["document"]["date"] for p in pages} == {
        "2026-11-30T08:00:00+00:00",
        "2026-12-01T06:30:00+00:00",
    }

    site.routes["/fr/suite.html"] = Route(ARTICLE_FR.replace("Onze", "Douze").encode())
    feed = site.routes["/feed.xml"]
    feed.body = feed.body.replace(
        b"<item>",
        b"<item><title>Suite</title><link>"
        + site.url("/fr/suite.html").encode()
        + b"</link><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item><item>",
        1,
    )
    before = len(site.asked("/fr/incendie.html"))
    second = run_folder(plan, FAST, store_for(out))
    assert [r.status for r in second.results] == ["new"]
    assert second.results[0].path == site.url("/fr/suite.html")
    assert len(site.asked("/fr/incendie.html")) == before  # items already taken: not fetched


def test_an_article_in_two_feeds_is_fetched_and_briefed_once(site: Site, tmp_path: Path) -> None:
    relative = _rss("Relative", [("Strike", "/en/strike", "Tue, 01 Dec 2026 06:30:00 GMT")])
    absolute = _rss(
        "Absolute", [("Strike", site.url("/en/strike"), "Tue, 01 Dec 2026 06:30:00 GMT")]
    )
    site.routes["/a.xml"] = Route(relative, content_type="application/rss+xml")
    site.routes["/b.xml"] = Route(absolute, content_type="application/atom+xml")
    out = tmp_path / "out"
    plan = Plan(None, out, feeds=(site.url("/a.xml"), site.url("/b.xml")))
    report = run_folder(plan, FAST, store_for(out))
    assert [(r.status, r.path) for r in report.results] == [("new", site.url("/en/strike"))]
    again = run_folder(plan, FAST, store_for(out))
    assert again.results == [] and len(site.asked("/en/strike")) == 1


def test_a_feed_that_is_not_one_fails_alone(site: Site, tmp_path: Path) -> None:
    site.routes["/notafeed"] = Route(b"<html><body>hello</body></html>", content_type="text/html")
    atom = tmp_path / "atom.xml"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Wire</title><entry><title>Strike</title><link href="{site.url("/en/strike")}"/>'
        "<id>urn:strike</id><updated>2026-12-01T07:00:00Z</updated></entry></feed>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    plan = Plan(None, out, feeds=(site.url("/notafeed"), str(atom)))
    report = run_folder(plan, FAST, store_for(out))
    assert sorted(r.status for r in report.results) == ["failed", "new"]
    assert report.failed[0].error.startswith(site.url("/notafeed") + ": not an RSS or Atom feed")
    page = json.loads(Path(report.new[0].outputs[0]).read_text(encoding="utf-8"))
    assert page["document"]["outlet"] == "Wire"


def test_run_and_nightly_from_the_command_line(site: Site, run_cli: RunCli, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = Route(
        _rss("The Ledger", [("Strike", site.url("/en/strike"), "Tue, 01 Dec 2026 06:30:00 GMT")]),
        content_type="application/rss+xml",
    )
    links = tmp_path / "links.txt"
    links.write_text(f"# pages\n{site.url('/fr/incendie.html')}\n\n{site.url('/gone')}\n")
    env = {"SUMMARIZE_FETCH_INTERVAL": "0"}
    out = tmp_path / "out"
    ran = run_cli("run", "--out", out, "--urls", links, **env)
    assert ran.returncode == 1, ran.stderr
    assert f"failed  {site.url('/gone')}: HTTP 404 Not Found" in ran.stderr
    assert "2 documents: 1 new, 0 skipped, 1 failed" in ran.stderr
    night = run_cli(
        "nightly", "--out", out, "--feed", site.url("/feed.xml"), "--date", "2026-12-01", **env
    )
    assert night.returncode == 0, night.stderr
    assert "1 new" in night.stderr and "Traceback" not in night.stderr
    assert (out / "digests" / "2026-12-01.html").is_file()
    nothing = run_cli("run", "--out", out)
    assert nothing.returncode == 2 and "nothing to brief" in nothing.stderr


def test_brief_a_url_from_the_command_line(site: Site, run_cli: RunCli) -> None:
    env = {"SUMMARIZE_FETCH_INTERVAL": "0"}
    done = run_cli("brief", site.url("/en/strike"), "--format", "md", **env)
    assert done.returncode == 0, done.stderr
    assert "Port strike enters its third day" in done.stdout
    missing = run_cli("brief", site.url("/nope?token=hush"), **env)
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines()[-1] == (
        f"error: {site.url('/nope?token=***')}: HTTP 404 Not Found"
    )
    assert "hush" not in missing.stderr + missing.stdout


# -- stdin and PDF ---------------------------------------------------------------------------


def test_brief_reads_standard_input(run_cli: RunCli) -> None:
    text = "The mayor said on Tuesday that the factory would close in May, according to AFP.\n"
    done = run_cli("brief", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    briefing = json.loads(done.stdout)
    assert briefing["document"]["path"] == "stdin" and briefing["document"]["language"] == "en"
    assert "AFP" in {s["name"] for c in briefing["claims"] for s in c["sources"]}
    empty = run_cli("brief", "-", stdin="")
    assert empty.returncode == 1 and empty.stderr.strip().endswith("error: stdin: empty file")


def test_a_pdf_is_read_from_its_text_layer(tmp_path: Path, site: Site) -> None:
    data = _pdf(
        [
            "D'après la chaîne japonaise NHK, la Russie pourrait accueillir jusqu'à 25 000 "
            "travailleurs nord-coréens dans une usine de drones de la zone de Lelabouga.",
            "Le ministère n'a pas commenté ces informations.",
        ],
        title="Travailleurs nord-coréens",
    )
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    document = api.load(path)
    assert document.meta.format == "pdf" and document.meta.title == "Travailleurs nord-coréens"
    assert "travailleurs nord-coréens dans une usine" in document.text  # lines rejoined
    briefing = api.brief(document)
    assert any(c.sources and c.sources[0].name == "NHK" for c in briefing.claims)
    for claim in briefing.claims:
        ev = claim.verification.evidence if claim.verification else None
        assert ev is not None and document.text[ev.start : ev.end] == ev.text

    site.routes["/rapport"] = Route(data, content_type="application/pdf")
    assert api.load(site.url("/rapport"), FAST).text == document.text


def test_a_pdf_without_text_or_damaged_says_so(tmp_path: Path) -> None:
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(_pdf([]))
    with pytest.raises(DocumentError, match=r"scan.pdf: a PDF with no text layer \(1 page,"):
        api.load(scanned)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    with pytest.raises(DocumentError, match=r"broken\.pdf: not a readable PDF"):
        api.load(broken)


def test_a_folder_run_briefs_pdfs(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.pdf").write_bytes(_pdf(["Le port de Marseille a rouvert jeudi, selon la mairie."]))
    out = tmp_path / "out"
    report = run_folder(Plan(inbox, out), FAST, store_for(out))
    assert [r.status for r in report.results] == ["new"]
    assert (out / "a.pdf.json").is_file()


def test_the_store_keeps_versions_and_feed_items_in_tables(tmp_path: Path) -> None:
    store = store_for(tmp_path)
    store.saw_version("http://h/a", "s1", None)
    store.saw_version("http://h/a", "s2", "Mon, 30 Nov 2026 09:00:00 GMT")
    store.saw_version("http://h/a", "s1", None)  # seen again: still the first version
    assert [v.sha256 for v in store.versions("http://h/a")] == ["s1", "s2"]
    store.mark_item("feed", "i1")
    store.mark_item("feed", "i1")
    assert store.seen_items("feed") == {"i1"}
    with sqlite3.connect(tmp_path / "summarize.db") as db:
        assert db.execute("SELECT count(*) FROM feed_items").fetchone() == (1,)


def test_read_stream_caps_its_input() -> None:
    from summarize.documents import read_stream

    with pytest.raises(DocumentError, match="stdin: over the 0 MiB limit"):
        read_stream(io.BytesIO(b"x" * 2000), max_bytes=1000)
