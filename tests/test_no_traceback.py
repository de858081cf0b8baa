"""Every failure a user can cause is one line and an exit code, never a traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from summarize.batch import Plan, run_folder, store_for
from summarize.config import Settings
from summarize.store import SQLiteStore, StoreError
from tests.conftest import RunCli

TEXT = "Selon l'AFP, la mairie de Lyon a fermé 12 écoles mardi après l'incendie.\n"


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text(TEXT)
    return inbox


def _one_error(proc: object, code: int) -> str:
    assert proc.returncode == code, proc.stderr  # type: ignore[attr-defined]
    stderr: str = proc.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith(("error:", "Error:"))]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.mark.parametrize("day", ["../../x", "2026-13-45", "tomorrow", "2026-1-5"])
def test_digest_date_must_be_a_real_day(run_cli: RunCli, tmp_path: Path, day: str) -> None:
    run_cli("run", _inbox(tmp_path), "--out", tmp_path / "out")
    line = _one_error(run_cli("digest", "--out", tmp_path / "out", "--date", day), 2)
    assert "YYYY-MM-DD" in line
    assert not list(tmp_path.rglob("x.*")) and not (tmp_path / "out" / "digests").exists()
    assert store_for(tmp_path / "out").digests() == []


def test_digest_without_a_store_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    line = _one_error(run_cli("digest", "--out", tmp_path / "nothing"), 1)
    assert "no store here yet" in line
    assert not (tmp_path / "nothing").exists()


def test_an_empty_folder_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc = run_cli("run", tmp_path / "empty", "--out", tmp_path / "out")
    assert proc.returncode == 0
    assert f"note: no documents in {tmp_path / 'empty'}" in proc.stderr


def test_an_unwritable_out(run_cli: RunCli, tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    (tmp_path / "file").write_text("a file where a folder should be")
    for args in (("nightly", inbox), ("run", inbox), ("digest",)):
        line = _one_error(run_cli(*args, "--out", tmp_path / "file" / "out"), 1)
        assert str(tmp_path / "file") in line


def test_a_damaged_cache_and_bad_prices(run_cli: RunCli, tmp_path: Path) -> None:
    doc = _inbox(tmp_path) / "a.txt"
    cache = tmp_path / "cache.sqlite"
    cache.write_text("garbage, not sqlite" * 100)
    env = {"SUMMARIZE_CACHE_PATH": str(cache), "SUMMARIZE_API_KEY": "sk-x"}
    line = _one_error(run_cli("brief", doc, "--model", "m", **env), 2)
    assert "the model response cache is unusable" in line and "--no-cache" in line
    line = _one_error(run_cli("brief", doc, SUMMARIZE_PRICES="nope"), 2)
    assert "configuration" in line and "prices" in line


def test_store_errors_are_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    line = _one_error(run_cli("run", inbox, "--out", tmp_path / "o1", "--store", empty), 1)
    assert "empty file (0 bytes)" in line and empty.stat().st_size == 0
    newer = tmp_path / "newer.db"
    SQLiteStore(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', 'x')")
    line = _one_error(run_cli("run", inbox, "--out", tmp_path / "o2", "--store", newer), 1)
    assert "written by a newer summarize" in line
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    line = _one_error(run_cli("run", inbox, "--out", tmp_path / "o3", "--store", damaged), 1)
    assert str(damaged) in line


def test_a_busy_store_stops_the_run_and_records_it(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    store = SQLiteStore(tmp_path / "s.db", timeout=0.2)
    blocker = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        with pytest.raises(StoreError, match="the store is busy"):
            run_folder(Plan(inbox, tmp_path / "out"), Settings(_env_file=None, jobs=1), store)  # type: ignore[call-arg]
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert not (tmp_path / "out" / "a.txt.json").exists()


def test_verify_html_and_fail_on(run_cli: RunCli, tmp_path: Path) -> None:
    doc = _inbox(tmp_path) / "a.txt"
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps(["La mairie de Lyon a fermé 40 écoles <b>mardi</b>."]))
    page = run_cli("verify", doc, claims, "--format", "html")
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("<!doctype html>") and "<b>mardi" not in page.stdout
    assert "&lt;b&gt;mardi" in page.stdout
    strict = run_cli("verify", doc, claims, "--fail-on", "unsupported")
    assert strict.returncode == 1 and json.loads(strict.stdout)[0]["verdict"] == "unsupported"
    assert run_cli("verify", doc, claims).returncode == 0
    assert run_cli("verify", "-h").stdout.startswith("Usage:")
