"""The digest over a small FR/EN corpus: groups, corroboration, contradictions, what is new."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from summarize.batch import Plan, run_folder, store_for
from summarize.config import Settings
from summarize.digest.publish import make_digest, write_digest
from summarize.models import Digest
from tests.corpus import ARTICLES, write_corpus


def _group_of(digest: Digest, document: str) -> set[str]:
    for g in digest.groups:
        names = {Path(c.document).name for c in g.claims}
        if document in names:
            return names
    return set()


@pytest.fixture(scope="module")
def digest(tmp_path_factory: pytest.TempPathFactory) -> Digest:
    base = tmp_path_factory.mktemp("digest")
    write_corpus(base / "in")
    store = store_for(base / "out")
    settings = Settings(_env_file=None, jobs=1)  # type: ignore[call-arg]
    run_folder(Plan(base / "in", base / "out"), settings, store)
    made = make_digest(store, "2026-11-26")
    write_digest(made, base / "out", store)
    return made


def test_same_event_across_languages_is_one_group(digest: Digest) -> None:
    assert _group_of(digest, "fr_lemonde.txt") == {
        "fr_lemonde.txt",
        "en_reuters.txt",
        "fr_liberation.txt",
    }
    assert _group_of(digest, "en_bbc.txt") == {"en_bbc.txt", "en_local.txt"}
    assert _group_of(digest, "fr_ria.txt") == {"fr_ria.txt", "en_ria.txt"}
    assert _group_of(digest, "en_ecb.txt") == set()


def test_corroboration_counts_independent_sources(digest: Digest) -> None:
    workers = next(g for g in digest.groups if len(g.claims) == 3)
    # NHK (twice, once as "Japan's NHK") and Yonhap: two independent sources, three documents.
    assert workers.documents == 3
    assert workers.independent_sources == 2
    assert not workers.single_source
    ria = next(g for g in digest.groups if any("S-400" in c.statement for c in g.claims))
    assert ria.independent_sources == 1 and ria.single_source


def test_contradictions_numbers_and_polarity(digest: Digest) -> None:
    kinds = {
        (x.kind, frozenset({Path(x.first.document).name, Path(x.second.document).name}))
        for x in digest.contradictions
    }
    assert ("numbers", frozenset({"fr_lemonde.txt", "fr_liberation.txt"})) in kinds
    assert ("numbers", frozenset({"en_reuters.txt", "fr_liberation.txt"})) in kinds
    assert ("polarity", frozenset({"en_bbc.txt", "en_local.txt"})) in kinds
    assert not any(
        k == "numbers" and pair == frozenset({"fr_lemonde.txt", "en_reuters.txt"})
        for k, pair in kinds
    )


def test_top_stories_and_rolled_up_flags(digest: Digest) -> None:
    assert len(digest.documents) == len(ARTICLES)
    top = digest.top_stories[0]
    assert "corroborated" in top.why
    assert digest.flags["upper_bound_number"] >= 2
    assert digest.flags["conditional_mood"] >= 3


def test_what_is_new_since_the_last_digest(tmp_path: Path) -> None:
    store = store_for(tmp_path / "out")
    settings = Settings(_env_file=None, jobs=1)  # type: ignore[call-arg]
    write_corpus(tmp_path / "in", ["fr_lemonde.txt", "en_ecb.txt"])
    run_folder(Plan(tmp_path / "in", tmp_path / "out"), settings, store)
    first = make_digest(store, "2026-11-25")
    assert len(first.documents) == 2

    write_corpus(tmp_path / "in", ["en_reuters.txt", "fr_ria.txt", "en_ria.txt"])
    run_folder(Plan(tmp_path / "in", tmp_path / "out"), settings, store)
    second = make_digest(store, "2026-11-26")
    names = {Path(d.path or "").name for d in second.documents}
    assert names == {"en_reuters.txt", "fr_ria.txt", "en_ria.txt"}, "only what came in since"
    ria = next(g for g in second.groups if any("S-400" in c.statement for c in g.claims))
    assert ria.new
    # The Reuters story was told yesterday (fr_lemonde): not new. It has no partner today.
    assert all(g.new for g in second.groups)
    rebuilt = make_digest(store, "2026-11-26", now=datetime.now(UTC) + timedelta(seconds=1))
    assert {d.sha256 for d in rebuilt.documents} == {d.sha256 for d in second.documents}
    assert [d.date for d in store.digests()] == ["2026-11-25", "2026-11-26"]


def test_digest_files_are_written(tmp_path: Path) -> None:
    store = store_for(tmp_path / "out")
    write_corpus(tmp_path / "in")
    run_folder(Plan(tmp_path / "in", tmp_path / "out"), Settings(_env_file=None, jobs=1), store)  # type: ignore[call-arg]
    made = make_digest(store, "2026-11-26")
    json_path, md_path, html_path = write_digest(made, tmp_path / "out", store)
    assert Digest.model_validate_json(json_path.read_text()).date == "2026-11-26"
    assert md_path.read_text().startswith("# Briefing of 2026-11-26")
    html = html_path.read_text()
    assert 'href="../fr_lemonde.txt.html' in html
    assert "Contradictions" in html


def test_model_overview_is_held_to_the_digests_numbers(tmp_path: Path) -> None:
    import json

    from summarize.testing import FakeOpenAI, Request, structured_reply

    write_corpus(tmp_path / "in")
    store = store_for(tmp_path / "out")
    run_folder(Plan(tmp_path / "in", tmp_path / "out"), Settings(_env_file=None, jobs=1), store)  # type: ignore[call-arg]
    answers = iter(
        [
            {"paragraph": "Russia could host 40,000 North Korean workers."},  # invented number
            {"paragraph": "Russia could host up to 25,000 North Korean workers, NHK says."},
        ]
    )

    def reply(request: Request):  # type: ignore[no-untyped-def]
        return structured_reply(request, next(answers))

    with FakeOpenAI(responder=reply) as server:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, model="fake", base_url=server.base_url, api_key="sk-x", backoff=0.01
        )
        made = make_digest(store, "2026-11-26", settings=settings)
        asked = [json.dumps(r.body["messages"]) for r in server.requests]
    assert made.overview == "Russia could host up to 25,000 North Korean workers, NHK says."
    assert made.provenance.model == "fake" and made.provenance.usage.reasks == 1
    assert "40,000" in asked[1] and "in no story" in asked[1]
    assert "<stories>" in asked[0] and "single source" in asked[0]


def test_a_refused_overview_is_dropped_with_a_warning(tmp_path: Path) -> None:
    from summarize.testing import FakeOpenAI, Request, structured_reply

    write_corpus(tmp_path / "in")
    store = store_for(tmp_path / "out")
    run_folder(Plan(tmp_path / "in", tmp_path / "out"), Settings(_env_file=None, jobs=1), store)  # type: ignore[call-arg]

    def reply(request: Request):  # type: ignore[no-untyped-def]
        return structured_reply(request, {"paragraph": "Russia could host 40,000 workers."})

    with FakeOpenAI(responder=reply) as server:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, model="fake", base_url=server.base_url, api_key="sk-x", backoff=0.01
        )
        made = make_digest(store, "2026-11-26", settings=settings)
    assert made.overview is None
    assert made.warnings and made.warnings[0].startswith("overview dropped")
    assert "Russia could host 40,000 workers" not in made.model_dump_json()
    assert "40,000" in made.warnings[0]  # the warning says why
