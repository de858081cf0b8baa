"""Model responses cached in SQLite, keyed by everything that shapes them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summarize.errors import SummarizeError


def cache_key(**parts: Any) -> str:
    """A stable key from JSON-serialisable parts (never include secrets)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


class CacheError(SummarizeError):
    """The response cache cannot be opened, read or written."""


class ResponseCache:
    """Key to JSON text. Safe from several threads and processes (one connection per call)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as db, db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS responses "
                    "(key TEXT PRIMARY KEY, value TEXT NOT NULL, created TEXT NOT NULL)"
                )
        except (sqlite3.Error, OSError) as exc:
            raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error | OSError) -> CacheError:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        return CacheError(
            f"{self.path}: the model response cache is unusable ({reason}); move it away,"
            " or pass --no-cache"
        )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get(self, key: str) -> str | None:
        try:
            with closing(self._connect()) as db:
                row = db.execute("SELECT value FROM responses WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return str(row[0]) if row else None

    def put(self, key: str, value: str) -> None:
        try:
            with closing(self._connect()) as db, db:
                db.execute(
                    "INSERT OR REPLACE INTO responses (key, value, created) VALUES (?, ?, ?)",
                    (key, value, datetime.now(UTC).isoformat()),
                )
        except sqlite3.Error as exc:
            raise self._error(exc) from None
