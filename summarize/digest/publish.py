"""Making the day's digest from the store and writing its files."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from summarize.config import Settings
from summarize.digest.build import build_digest
from summarize.digest.days import valid_day
from summarize.errors import OutputError
from summarize.files import remove_stale_temporaries, write_atomic
from summarize.models import Digest
from summarize.render import digest_html, digest_json, digest_markdown
from summarize.store import Store

EARLIER_LIMIT = 2000  # briefings before the window that decide what is "new"


def make_digest(
    store: Store,
    day: str,
    since: datetime | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Digest:
    """The digest for `day`: briefings stored since the previous day's digest (or `since`).

    Rebuilding a day (a rerun after a crash) starts from the digest before that day, so the
    day keeps exactly one digest that covers everything. With a model in `settings`, a
    model-written overview goes on top.
    """
    valid_day(day)
    now = now or datetime.now(UTC)
    if since is None:
        previous = store.latest_digest_before(day)
        since, mark = (previous[0].created, previous[1]) if previous else (None, 0)
    else:
        mark = store.mark_at(since)
    # By commit order, not by clock: a briefing whose transaction waited for the write lock
    # still lands in the next digest.
    briefings, through = store.briefings_since(mark)
    earlier = store.briefings_before(mark, EARLIER_LIMIT) if mark else []
    digest = build_digest(briefings, day=day, since=since, earlier=earlier, created=now)
    if settings is not None and settings.model and digest.groups:
        from summarize.digest.overview import with_overview  # needs openai: only with a model

        digest = with_overview(digest, settings)
    store.save_digest(digest, through)
    return digest


def digest_paths(out: Path, day: str) -> tuple[Path, Path, Path]:
    folder = out / "digests"
    return folder / f"{day}.json", folder / f"{day}.md", folder / f"{day}.html"


def write_digest(digest: Digest, out: Path, store: Store) -> tuple[Path, Path, Path]:
    """Write the digest's JSON, Markdown and HTML atomically, the HTML linking each document
    to its briefing page (relative to the digest folder)."""
    paths = digest_paths(out, day=digest.date)
    remove_stale_temporaries(paths[0].parent)  # a killed digest's; never a live writer's
    pages = store.pages([d.sha256 for d in digest.documents])
    hrefs = {sha: os.path.relpath(page, paths[2].parent) for sha, page in pages.items()}
    for path, text in zip(
        paths,
        (digest_json(digest), digest_markdown(digest), digest_html(digest, hrefs)),
        strict=True,
    ):
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write the digest ({exc.strerror or exc})") from None
    return paths
