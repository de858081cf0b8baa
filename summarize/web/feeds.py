"""RSS and Atom feeds (through feedparser): the feed's title and its items' links and dates."""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

from summarize.errors import DocumentError, shown


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: what identifies it, where it links, its title and date."""

    id: str
    link: str
    title: str | None
    published: str | None  # ISO 8601, UTC


@dataclass(frozen=True, slots=True)
class Feed:
    source: str  # the feed's URL or file, as given
    title: str | None
    items: tuple[FeedItem, ...]


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def parse_feed(data: bytes, source: str, base: str | None = None) -> Feed:
    """The feed in `data`; a DocumentError naming `source` when it is none. Relative links
    are resolved against `base`, the feed's own URL."""
    import feedparser  # only feeds need it

    parsed = feedparser.parse(data)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not version and not entries:
        why = parsed.get("bozo_exception")
        detail = f" ({type(why).__name__}: {why})" if why else ""
        raise DocumentError(source, f"not an RSS or Atom feed{detail}")
    items = []
    for entry in entries:
        link = str(entry.get("link") or "").strip()
        if not link:
            continue  # an item with nowhere to go has no article to brief
        if base:
            link = urljoin(base, link)
        date = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        title = str(entry.get("title") or "").strip() or None
        items.append(FeedItem(str(entry.get("id") or link), link, title, date))
    title = str(parsed.get("feed", {}).get("title") or "").strip() or None
    return Feed(source, title, tuple(items))


def read_list(path: Path) -> list[str]:
    """The lines of a list file (URLs or feeds): blank lines and `#` comments left out."""
    from summarize.documents import read_limited

    data = read_limited(path, 4 * 2**20)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(shown(path), "a list of URLs must be UTF-8 text") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]
