"""Where briefings, runs and digests are kept: one `Store` protocol, SQLite behind it by default.

The schema evolves through named migrations, applied in order and recorded, as in simonw/llm.
WAL mode lets readers work while a run writes; each document is one short transaction, so a
killed run loses at most the document it was writing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from summarize.errors import SummarizeError
from summarize.models import Briefing, Digest


class StoreError(SummarizeError):
    """The store cannot be opened or written."""


@dataclass(frozen=True, slots=True)
class BriefingKey:
    """What makes a stored briefing reusable: same content, same backend, model and prompts."""

    sha256: str
    backend: str
    model: str | None
    prompt_version: str


@dataclass(frozen=True, slots=True)
class RunRecord:
    id: int
    started: str
    ended: str | None
    counts: dict[str, int]
    errors: list[str]


class Store(Protocol):
    """The persistence boundary: documents, briefings, runs and digests."""

    def get_briefing(self, key: BriefingKey) -> Briefing | None: ...

    def save_briefing(self, path: str, briefing: Briefing, page: str | None = None) -> None: ...

    def pages(self, sha256s: list[str]) -> dict[str, str]: ...

    def briefings_between(self, start: datetime | None, end: datetime) -> list[Briefing]: ...

    def start_run(self, kind: str) -> int: ...

    def finish_run(self, run_id: int, counts: dict[str, int], errors: list[str]) -> None: ...

    def runs(self) -> list[RunRecord]: ...

    def save_digest(self, digest: Digest) -> None: ...

    def latest_digest_before(self, day: str) -> Digest | None: ...

    def digests(self) -> list[Digest]: ...


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    # Statement by statement: executescript would commit the migration's transaction early.
    script = """
        CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            first_seen TEXT NOT NULL
        );
        CREATE TABLE briefings (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL REFERENCES documents(sha256),
            path TEXT NOT NULL,
            backend TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            created TEXT NOT NULL,
            json TEXT NOT NULL,
            UNIQUE (sha256, backend, model, prompt_version)
        );
        CREATE INDEX briefings_created ON briefings(created);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            started TEXT NOT NULL,
            ended TEXT,
            counts TEXT NOT NULL DEFAULT '{}',
            errors TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE digests (
            day TEXT PRIMARY KEY,
            created TEXT NOT NULL,
            json TEXT NOT NULL
        );
        """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration
def m002_briefing_pages(db: sqlite3.Connection) -> None:
    # Where each briefing's HTML page was written, so a digest can link to it.
    db.execute("ALTER TABLE briefings ADD COLUMN page TEXT")


class SQLiteStore:
    """The default store: one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as db:
                db.execute("PRAGMA journal_mode=WAL")
                self._migrate(db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc.strerror or exc})") from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT)")
        done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            db.execute("BEGIN IMMEDIATE")
            try:
                fn(db)
                db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def migrations(self) -> list[str]:
        with closing(self._connect()) as db:
            return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY name")]

    # -- briefings ----------------------------------------------------------------------------

    def get_briefing(self, key: BriefingKey) -> Briefing | None:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT json FROM briefings WHERE sha256 = ? AND backend = ? AND model = ? "
                "AND prompt_version = ?",
                (key.sha256, key.backend, key.model or "", key.prompt_version),
            ).fetchone()
        return Briefing.model_validate_json(row[0]) if row else None

    def save_briefing(self, path: str, briefing: Briefing, page: str | None = None) -> None:
        prov = briefing.provenance
        now = _now()
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO documents (sha256, path, first_seen) VALUES (?, ?, ?)",
                (briefing.document.sha256, path, now),
            )
            db.execute(
                "INSERT INTO briefings"
                " (sha256, path, backend, model, prompt_version, created, json, page)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (sha256, backend, model, prompt_version) DO UPDATE SET"
                " path = excluded.path, created = excluded.created, json = excluded.json,"
                " page = excluded.page",
                (
                    briefing.document.sha256,
                    path,
                    prov.backend,
                    prov.model or "",
                    prov.prompt_version,
                    now,
                    briefing.model_dump_json(),
                    page,
                ),
            )

    def pages(self, sha256s: list[str]) -> dict[str, str]:
        """The latest briefing page of each document that has one."""
        out: dict[str, str] = {}
        with closing(self._connect()) as db:
            for sha in sha256s:
                row = db.execute(
                    "SELECT page FROM briefings WHERE sha256 = ? AND page IS NOT NULL"
                    " ORDER BY created DESC LIMIT 1",
                    (sha,),
                ).fetchone()
                if row:
                    out[sha] = str(row[0])
        return out

    def briefings_between(self, start: datetime | None, end: datetime) -> list[Briefing]:
        """Briefings stored in `(start, end]`, oldest first."""
        lo = start.isoformat(timespec="microseconds") if start else ""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT json FROM briefings WHERE created > ? AND created <= ? ORDER BY created",
                (lo, end.isoformat(timespec="microseconds")),
            ).fetchall()
        return [Briefing.model_validate_json(r[0]) for r in rows]

    def count_briefings(self) -> int:
        with closing(self._connect()) as db:
            return int(db.execute("SELECT count(*) FROM briefings").fetchone()[0])

    # -- runs ---------------------------------------------------------------------------------

    def start_run(self, kind: str) -> int:
        with self._tx() as db:
            cur = db.execute("INSERT INTO runs (kind, started) VALUES (?, ?)", (kind, _now()))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int], errors: list[str]) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET ended = ?, counts = ?, errors = ? WHERE id = ?",
                (_now(), json.dumps(counts), json.dumps(errors), run_id),
            )

    def runs(self) -> list[RunRecord]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT id, started, ended, counts, errors FROM runs ORDER BY id")
            return [RunRecord(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4])) for r in rows]

    # -- digests ------------------------------------------------------------------------------

    def save_digest(self, digest: Digest) -> None:
        """One digest a day: a rerun replaces the day's digest."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO digests (day, created, json) VALUES (?, ?, ?)"
                " ON CONFLICT (day) DO UPDATE SET created = excluded.created, json = excluded.json",
                (digest.date, digest.created.isoformat(), digest.model_dump_json()),
            )

    def latest_digest_before(self, day: str) -> Digest | None:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT json FROM digests WHERE day < ? ORDER BY day DESC LIMIT 1", (day,)
            ).fetchone()
        return Digest.model_validate_json(row[0]) if row else None

    def digests(self) -> list[Digest]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT json FROM digests ORDER BY day").fetchall()
        return [Digest.model_validate_json(r[0]) for r in rows]

    def integrity(self) -> str:
        with closing(self._connect()) as db:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])
