"""Where briefings, runs and digests are kept: one `Store` protocol, SQLite behind it by default.

The schema evolves through named migrations, applied in order and recorded, as in simonw/llm.
WAL mode lets readers work while a run writes; each document is one short transaction, so a
killed run loses at most the document it was writing.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

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
class Stored:
    """What a run needs to know of a stored briefing without loading it: its counts, and the
    sha256 of each output written from it (by suffix), so that a stale file is rewritten."""

    claims: int
    verdicts: dict[str, int]
    outputs: dict[str, str]
    verifier: str = ""  # the verifier version that checked its claims ("" before it was kept)


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

    def known(self, backend: str, model: str | None, prompt_version: str) -> dict[str, Stored]: ...

    def save_briefing(
        self,
        path: str,
        briefing: Briefing,
        page: str | None = None,
        outputs: dict[str, str] | None = None,
    ) -> None: ...

    def set_outputs(self, key: BriefingKey, outputs: dict[str, str]) -> None: ...

    def pages(self, sha256s: list[str]) -> dict[str, str]: ...

    def briefings_since(self, mark: int) -> tuple[list[Briefing], int]: ...

    def briefings_before(self, mark: int, limit: int) -> list[Briefing]: ...

    def mark_at(self, when: datetime) -> int: ...

    def start_run(self, kind: str) -> int: ...

    def finish_run(self, run_id: int, counts: dict[str, int], errors: list[str]) -> None: ...

    def runs(self) -> list[RunRecord]: ...

    def save_digest(self, digest: Digest, through: int) -> None: ...

    def saw_version(self, url: str, sha256: str, http_date: str | None) -> None: ...

    def versions(self, url: str) -> list[Version]: ...

    def seen_items(self, feed: str) -> set[str]: ...

    def mark_item(self, feed: str, item: str) -> None: ...

    def latest_digest_before(self, day: str) -> tuple[Digest, int] | None: ...

    def digests(self) -> list[Digest]: ...


P = ParamSpec("P")
R = TypeVar("R")


def _reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "the store is busy: another process held its write lock past the timeout"
    if "full" in text:
        return "the disk is full"
    if "disk I/O" in text:
        return f"cannot write the store ({text}: is the disk full?)"
    if "malformed" in text or "not a database" in text or isinstance(exc, sqlite3.DatabaseError):
        return f"the store is damaged ({text}); restore it from a backup or move it away"
    return text


def _guarded(
    method: Callable[Concatenate[SQLiteStore, P], R],
) -> Callable[Concatenate[SQLiteStore, P], R]:
    """SQLite's errors as one StoreError naming the store and what went wrong."""

    @functools.wraps(method)
    def wrapper(store: SQLiteStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(store, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"{store.path}: {_reason(exc)}") from None

    return wrapper


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


@migration
def m003_briefing_counts(db: sqlite3.Connection) -> None:
    # Claim and verdict counts, so a rerun can skip a document without loading its briefing.
    db.execute("ALTER TABLE briefings ADD COLUMN claims INTEGER")
    db.execute("ALTER TABLE briefings ADD COLUMN verdicts TEXT")
    for row_id, text in db.execute("SELECT id, json FROM briefings").fetchall():
        claims, verdicts = counts_of(Briefing.model_validate_json(text))
        db.execute(
            "UPDATE briefings SET claims = ?, verdicts = ? WHERE id = ?",
            (claims, json.dumps(verdicts), row_id),
        )


@migration
def m004_commit_order_and_outputs(db: sqlite3.Connection) -> None:
    # A briefing's place in commit order, given inside its write transaction: a digest covers
    # what was committed after the previous one's mark, whatever the clocks said.
    db.execute("ALTER TABLE briefings ADD COLUMN seq INTEGER")
    db.execute(
        "UPDATE briefings SET seq = r.n FROM (SELECT id, row_number() OVER"
        " (ORDER BY created, id) AS n FROM briefings) AS r WHERE r.id = briefings.id"
    )
    db.execute("CREATE INDEX briefings_seq ON briefings(seq)")
    db.execute("ALTER TABLE digests ADD COLUMN through_seq INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "UPDATE digests SET through_seq = (SELECT coalesce(max(seq), 0) FROM briefings"
        " WHERE briefings.created <= digests.created)"
    )
    # The sha256 of each file written from a briefing: a rerun rewrites any that differs.
    db.execute("ALTER TABLE briefings ADD COLUMN outputs TEXT NOT NULL DEFAULT '{}'")


@migration
def m005_verifier_version(db: sqlite3.Connection) -> None:
    # Which verifier checked each briefing: a run verifies again what another one checked.
    db.execute("ALTER TABLE briefings ADD COLUMN verifier TEXT NOT NULL DEFAULT ''")


@migration
def m006_fetched_versions_and_feed_items(db: sqlite3.Connection) -> None:
    # Each content a URL has been seen with, in order: a URL seen again with new text is a new
    # version of one document. And each feed item already taken, so that a run fetches only
    # what is new.
    db.execute(
        "CREATE TABLE versions (url TEXT NOT NULL, sha256 TEXT NOT NULL, first_seen TEXT NOT NULL,"
        " last_seen TEXT NOT NULL, http_date TEXT, PRIMARY KEY (url, sha256))"
    )
    db.execute(
        "CREATE TABLE feed_items (feed TEXT NOT NULL, item TEXT NOT NULL, seen TEXT NOT NULL,"
        " PRIMARY KEY (feed, item))"
    )


@dataclass(frozen=True, slots=True)
class Version:
    """One content a URL was fetched with: its sha256, when first and last seen."""

    sha256: str
    first_seen: str
    last_seen: str
    http_date: str | None


def counts_of(briefing: Briefing) -> tuple[int, dict[str, int]]:
    """Claims and verdicts of a briefing, as a run reports them."""
    verdicts: dict[str, int] = {}
    for claim in briefing.claims:
        if claim.verification is not None:
            name = claim.verification.verdict.value
            verdicts[name] = verdicts.get(name, 0) + 1
    return len(briefing.claims), verdicts


class SQLiteStore:
    """The default store: one SQLite file, one connection per store object and thread."""

    def __init__(self, path: Path, timeout: float = 60.0) -> None:
        self.path = path
        self.timeout = timeout
        self._local = threading.local()
        try:
            if path.is_file() and path.stat().st_size == 0:
                # SQLite would take it for a new store: a store truncated by accident (or by a
                # full disk) must not turn silently into an empty one.
                raise StoreError(
                    f"{path}: the store is an empty file (0 bytes), not a summarize store;"
                    " move it away to start a new one"
                )
            if not path.exists():
                self._create()
            db = self._connect()
            db.execute("PRAGMA journal_mode=WAL")
            self._migrate(db)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store ({_reason(exc)})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc.strerror or exc})") from None

    def _create(self) -> None:
        """A new store appears whole: built under a temporary name, then linked into place (a
        store is never seen at 0 bytes, so a 0-byte store is always a damaged one)."""
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.new")
        try:
            with closing(sqlite3.connect(tmp, isolation_level=None)) as db:
                db.execute("PRAGMA journal_mode=WAL")
                self._migrate(db)
            with contextlib.suppress(FileExistsError):  # another process made it first
                os.link(tmp, path)
        finally:
            for leftover in (
                tmp,
                tmp.with_name(tmp.name + "-wal"),
                tmp.with_name(tmp.name + "-shm"),
            ):
                leftover.unlink(missing_ok=True)

    def _connect(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._connect()
        if db.in_transaction:  # a Ctrl-C landed right after an earlier BEGIN
            db.execute("ROLLBACK")
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _migrate(self, db: sqlite3.Connection) -> None:
        """Apply the missing migrations, in order, under the write lock: two processes opening
        a new store at once must not both create its tables."""
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT)")
        known = {name for name, _ in MIGRATIONS}
        done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
        if known <= done:
            self._refuse_newer(done - known)
            return  # the usual case: nothing to do, no write lock taken
        db.execute("BEGIN IMMEDIATE")
        try:
            done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
            self._refuse_newer(done - known)
            for name, fn in MIGRATIONS:
                if name not in done:
                    fn(db)
                    db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _refuse_newer(self, unknown: set[str]) -> None:
        if unknown:
            raise StoreError(
                f"{self.path}: written by a newer summarize (migration {max(unknown)} is unknown"
                " here); upgrade summarize to use this store"
            )

    @_guarded
    def migrations(self) -> list[str]:
        rows = self._connect().execute("SELECT name FROM _migrations ORDER BY name")
        return [r[0] for r in rows]

    # -- briefings ----------------------------------------------------------------------------

    @_guarded
    def get_briefing(self, key: BriefingKey) -> Briefing | None:
        row = (
            self._connect()
            .execute(
                "SELECT json FROM briefings WHERE sha256 = ? AND backend = ? AND model = ? "
                "AND prompt_version = ?",
                (key.sha256, key.backend, key.model or "", key.prompt_version),
            )
            .fetchone()
        )
        return Briefing.model_validate_json(row[0]) if row else None

    @_guarded
    def known(self, backend: str, model: str | None, prompt_version: str) -> dict[str, Stored]:
        """Every document briefed with this backend, model and prompt version, by hash."""
        rows = self._connect().execute(
            "SELECT sha256, claims, verdicts, outputs, verifier FROM briefings"
            " WHERE backend = ? AND model = ? AND prompt_version = ?",
            (backend, model or "", prompt_version),
        )
        return {
            r[0]: Stored(
                int(r[1] or 0), json.loads(r[2] or "{}"), json.loads(r[3] or "{}"), r[4] or ""
            )
            for r in rows
        }

    @_guarded
    def save_briefing(
        self,
        path: str,
        briefing: Briefing,
        page: str | None = None,
        outputs: dict[str, str] | None = None,
    ) -> None:
        """Store a briefing; its place in commit order is taken under the write lock."""
        claims, verdicts = counts_of(briefing)
        prov = briefing.provenance
        with self._tx() as db:
            now = _now()
            seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM briefings").fetchone()[0]
            db.execute(
                "INSERT OR IGNORE INTO documents (sha256, path, first_seen) VALUES (?, ?, ?)",
                (briefing.document.sha256, path, now),
            )
            db.execute(
                "INSERT INTO briefings (sha256, path, backend, model, prompt_version, created,"
                " json, page, claims, verdicts, seq, outputs, verifier)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (sha256, backend, model, prompt_version) DO UPDATE SET"
                " path = excluded.path, created = excluded.created, json = excluded.json,"
                " page = excluded.page, claims = excluded.claims, verdicts = excluded.verdicts,"
                " seq = excluded.seq, outputs = excluded.outputs, verifier = excluded.verifier",
                (
                    briefing.document.sha256,
                    path,
                    prov.backend,
                    prov.model or "",
                    prov.prompt_version,
                    now,
                    briefing.model_dump_json(),
                    page,
                    claims,
                    json.dumps(verdicts),
                    seq,
                    json.dumps(outputs or {}),
                    prov.verifier_version or "",
                ),
            )

    @_guarded
    def set_outputs(self, key: BriefingKey, outputs: dict[str, str]) -> None:
        """Record the files written again from a stored briefing."""
        with self._tx() as db:
            db.execute(
                "UPDATE briefings SET outputs = ? WHERE sha256 = ? AND backend = ? AND model = ?"
                " AND prompt_version = ?",
                (json.dumps(outputs), key.sha256, key.backend, key.model or "", key.prompt_version),
            )

    @_guarded
    def pages(self, sha256s: list[str]) -> dict[str, str]:
        """The latest briefing page of each document that has one."""
        out: dict[str, str] = {}
        db = self._connect()
        for sha in sha256s:
            row = db.execute(
                "SELECT page FROM briefings WHERE sha256 = ? AND page IS NOT NULL"
                " ORDER BY created DESC LIMIT 1",
                (sha,),
            ).fetchone()
            if row:
                out[sha] = str(row[0])
        return out

    @_guarded
    def briefings_since(self, mark: int) -> tuple[list[Briefing], int]:
        """Briefings committed after `mark`, in commit order, and the mark of the last one."""
        rows = (
            self._connect()
            .execute("SELECT seq, json FROM briefings WHERE seq > ? ORDER BY seq", (mark,))
            .fetchall()
        )
        through = int(rows[-1][0]) if rows else mark
        return [Briefing.model_validate_json(r[1]) for r in rows], through

    @_guarded
    def briefings_before(self, mark: int, limit: int) -> list[Briefing]:
        """The last `limit` briefings committed up to `mark`, oldest first."""
        rows = (
            self._connect()
            .execute(
                "SELECT json FROM briefings WHERE seq <= ? ORDER BY seq DESC LIMIT ?",
                (mark, limit),
            )
            .fetchall()
        )
        return [Briefing.model_validate_json(r[0]) for r in reversed(rows)]

    @_guarded
    def mark_at(self, when: datetime) -> int:
        """The mark of the last briefing stored at or before `when` (for an explicit --since)."""
        row = (
            self._connect()
            .execute(
                "SELECT coalesce(max(seq), 0) FROM briefings WHERE created <= ?",
                (when.isoformat(timespec="microseconds"),),
            )
            .fetchone()
        )
        return int(row[0])

    @_guarded
    def count_briefings(self) -> int:
        return int(self._connect().execute("SELECT count(*) FROM briefings").fetchone()[0])

    # -- runs ---------------------------------------------------------------------------------

    @_guarded
    def start_run(self, kind: str) -> int:
        with self._tx() as db:
            cur = db.execute("INSERT INTO runs (kind, started) VALUES (?, ?)", (kind, _now()))
            return int(cur.lastrowid or 0)

    @_guarded
    def finish_run(self, run_id: int, counts: dict[str, int], errors: list[str]) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET ended = ?, counts = ?, errors = ? WHERE id = ?",
                (_now(), json.dumps(counts), json.dumps(errors), run_id),
            )

    @_guarded
    def runs(self) -> list[RunRecord]:
        rows = self._connect().execute(
            "SELECT id, started, ended, counts, errors FROM runs ORDER BY id"
        )
        return [RunRecord(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4])) for r in rows]

    # -- fetched documents and feeds ----------------------------------------------------------

    @_guarded
    def saw_version(self, url: str, sha256: str, http_date: str | None) -> None:
        """Record that `url` was fetched with this content (a new version if new)."""
        with self._tx() as db:
            now = _now()
            db.execute(
                "INSERT INTO versions (url, sha256, first_seen, last_seen, http_date)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url, sha256) DO UPDATE SET"
                " last_seen = excluded.last_seen, http_date = excluded.http_date",
                (url, sha256, now, now, http_date),
            )

    @_guarded
    def versions(self, url: str) -> list[Version]:
        """Every content `url` was fetched with, first seen first."""
        rows = self._connect().execute(
            "SELECT sha256, first_seen, last_seen, http_date FROM versions WHERE url = ?"
            " ORDER BY first_seen, rowid",
            (url,),
        )
        return [Version(*row) for row in rows]

    @_guarded
    def seen_items(self, feed: str) -> set[str]:
        rows = self._connect().execute("SELECT item FROM feed_items WHERE feed = ?", (feed,))
        return {row[0] for row in rows}

    @_guarded
    def mark_item(self, feed: str, item: str) -> None:
        """A feed item taken (briefed, or failed for good): later runs pass it over."""
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO feed_items (feed, item, seen) VALUES (?, ?, ?)",
                (feed, item, _now()),
            )

    # -- digests ------------------------------------------------------------------------------

    @_guarded
    def save_digest(self, digest: Digest, through: int) -> None:
        """One digest a day, covering briefings up to the mark `through`; a rerun replaces it."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO digests (day, created, json, through_seq) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (day) DO UPDATE SET created = excluded.created,"
                " json = excluded.json, through_seq = excluded.through_seq",
                (digest.date, digest.created.isoformat(), digest.model_dump_json(), through),
            )

    @_guarded
    def latest_digest_before(self, day: str) -> tuple[Digest, int] | None:
        """The digest of the last day before `day`, with the mark it covered up to."""
        row = (
            self._connect()
            .execute(
                "SELECT json, through_seq FROM digests WHERE day < ? ORDER BY day DESC LIMIT 1",
                (day,),
            )
            .fetchone()
        )
        return (Digest.model_validate_json(row[0]), int(row[1])) if row else None

    @_guarded
    def digests(self) -> list[Digest]:
        rows = self._connect().execute("SELECT json FROM digests ORDER BY day").fetchall()
        return [Digest.model_validate_json(r[0]) for r in rows]

    @_guarded
    def integrity(self) -> str:
        return str(self._connect().execute("PRAGMA integrity_check").fetchone()[0])
