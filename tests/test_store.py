"""The SQLite store: named migrations, one briefing per key, runs and one digest a day."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import summarize
from summarize.store import MIGRATIONS, BriefingKey, SQLiteStore, StoreError


def test_migrations_apply_once_in_order(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    assert store.migrations() == [name for name, _ in MIGRATIONS]
    SQLiteStore(tmp_path / "s.db")  # reopening applies nothing twice
    assert store.migrations() == [name for name, _ in MIGRATIONS]
    mode = sqlite3.connect(tmp_path / "s.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_briefing_round_trip_and_key(tmp_path: Path, seed_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    briefing = summarize.brief(seed_path)
    prov = briefing.provenance
    key = BriefingKey(briefing.document.sha256, prov.backend, prov.model, prov.prompt_version)
    assert store.get_briefing(key) is None
    store.save_briefing(str(seed_path), briefing, page="out/seed.html")
    store.save_briefing(str(seed_path), briefing, page="out/seed.html")
    assert store.get_briefing(key) == briefing
    assert store.count_briefings() == 1
    other = BriefingKey(briefing.document.sha256, prov.backend, prov.model, "rules-other")
    assert store.get_briefing(other) is None
    assert store.pages([briefing.document.sha256]) == {briefing.document.sha256: "out/seed.html"}
    assert len(store.briefings_since(0)[0]) == 1


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "s.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(bad)


def test_a_new_store_opened_by_many_at_once(tmp_path: Path) -> None:
    import threading

    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def open_it() -> None:
        barrier.wait()
        try:
            SQLiteStore(tmp_path / "new.db").close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert SQLiteStore(tmp_path / "new.db").migrations()[-1] == MIGRATIONS[-1][0]
