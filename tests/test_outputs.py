"""Outputs never go stale, temporaries of a live writer are never touched, the umask is kept,
and a digest covers every briefing by commit order."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from summarize.batch import Plan, run_folder, store_for
from summarize.config import Settings
from summarize.digest.publish import make_digest
from summarize.files import remove_stale_temporaries, write_atomic

SETTINGS = Settings(_env_file=None, jobs=1)  # type: ignore[call-arg]
TEXT = "Selon l'AFP, la mairie de Lyon a fermé {n} écoles mardi après l'incendie.\n"


def test_a_failed_write_is_mended_on_the_next_run(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    doc = inbox / "a.txt"
    doc.write_text(TEXT.format(n=12))
    store = store_for(out)
    plan = Plan(inbox, out)
    run_folder(plan, SETTINGS, store)
    html = out / "a.txt.html"
    old_page = html.read_text()
    # The document changes, and its HTML cannot be written this time (a folder in the way).
    doc.write_text(TEXT.format(n=14))
    html.unlink()
    html.mkdir()
    failed = run_folder(plan, SETTINGS, store)
    assert [r.status for r in failed.results] == ["failed"]
    html.rmdir()
    html.write_text(old_page)  # what a reader would still see: the page of the old text
    mended = run_folder(plan, SETTINGS, store)
    assert [r.status for r in mended.results] == ["skipped"]
    assert "14 écoles" in html.read_text() and "12 écoles" not in html.read_text()
    # A file changed by hand or truncated is rewritten too; an intact one is left alone.
    (out / "a.txt.md").write_text("")
    before = html.stat().st_mtime_ns
    run_folder(plan, SETTINGS, store)
    assert "14 écoles" in (out / "a.txt.md").read_text()
    assert html.stat().st_mtime_ns == before


def test_temporaries_of_a_live_writer_are_kept(tmp_path: Path) -> None:
    live = tmp_path / f".a.txt.html.{os.getpid()}.abcd1234.tmp"
    live.write_text("being written")
    dead_pid = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dead = tmp_path / "sub" / f".a.txt.md.{dead_pid}.abcd1234.tmp"
    dead.parent.mkdir()
    dead.write_text("left by a killed run")
    assert remove_stale_temporaries(tmp_path) == 1
    assert live.exists() and not dead.exists()


def test_outputs_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        import summarize.files as files

        files._umask = None  # read again: this test sets it
        write_atomic(tmp_path / "page.html", "<html></html>")
    finally:
        os.umask(old)
        files._umask = None
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o640


def test_a_briefing_committed_after_a_digest_is_in_the_next_one(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text(TEXT.format(n=12))
    store = store_for(out)
    run_folder(Plan(inbox, out), SETTINGS, store)
    # The first digest's clock is ahead of the briefing that commits after it (a transaction
    # that waited for the write lock took its time before the digest was made).
    ahead = datetime.now(UTC) + timedelta(hours=1)
    first = make_digest(store, "2026-11-26", now=ahead)
    assert len(first.documents) == 1
    (inbox / "b.txt").write_text(TEXT.format(n=14))
    run_folder(Plan(inbox, out), SETTINGS, store)
    second = make_digest(store, "2026-11-27")
    assert [d.path for d in second.documents] == [str(inbox / "b.txt")]
