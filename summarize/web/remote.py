"""Documents from the web: a fetched reply made a Document, and the pages a run's URL lists and
feeds bring, one at a time, each a document or a one-line failure."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarize.documents import Document, parse, read_limited
from summarize.errors import DocumentError, shown
from summarize.web.feeds import Feed, FeedItem, parse_feed
from summarize.web.urls import DOCUMENT_TYPES, FetchError, is_url, shown_url

if TYPE_CHECKING:
    from summarize.web.fetch import Fetched, Fetcher


@dataclass(frozen=True, slots=True)
class Remote:
    """A fetched document, and the feed item it came from, if any."""

    name: str  # the URL as asked, secrets masked: how it is shown and stored
    document: Document
    feed: str | None = None
    item: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """A URL or feed that gave no document, and why (`permanent`: asking again won't help)."""

    name: str
    error: str
    feed: str | None = None
    item: str | None = None
    permanent: bool = False


def document_of(
    fetched: Fetched, *, outlet: str | None = None, published: str | None = None
) -> Document:
    """A fetched reply as a Document, with where and when it was fetched.

    Its sha256 is that of its text, not of the bytes: a page's furniture (a clock, an ad, a
    token) changes at every fetch, and only a change of the article makes a new version.
    """
    suffix = DOCUMENT_TYPES.get(fetched.media_type, "")
    name = shown_url(fetched.url)
    document = parse(fetched.data, path=name, suffix=suffix, charset=fetched.charset)
    meta = document.meta.model_copy(
        update={
            "sha256": hashlib.sha256(document.text.encode("utf-8")).hexdigest(),
            "url": shown_url(fetched.final_url),
            "fetched_at": fetched.fetched_at,
            "http_date": fetched.http_date,
            "outlet": outlet,
            "date": published or document.meta.date,
        }
    )
    return Document(text=document.text, meta=meta, body_start=document.body_start)


def fetch_document(url: str, *, max_bytes: int, timeout: float, interval: float) -> Document:
    """The document at `url`, fetched once; a FetchError (or DocumentError) naming it if not."""
    from summarize.web.fetch import Fetcher

    with Fetcher(max_bytes=max_bytes, timeout=timeout, interval=interval) as fetcher:
        return document_of(fetcher.document(url))


def _feed(source: str, fetcher: Fetcher, max_bytes: int) -> Feed:
    if is_url(source):
        fetched = fetcher.feed(source)
        return parse_feed(fetched.data, shown_url(source), base=fetched.final_url)
    return parse_feed(read_limited(Path(source), max_bytes), shown(source))


def collect(
    urls: list[str],
    feeds: list[str],
    fetcher: Fetcher,
    *,
    max_bytes: int,
    seen: Callable[[str], set[str]],
) -> Iterator[Remote | Failure]:
    """Each URL's document, then each feed's new items' (those `seen(feed)` does not hold),
    or why not. A feed that cannot be read is one failure; its items wait for the next run."""
    taken: dict[str, Remote | Failure] = {}  # each URL fetched once a run, however listed
    for url in urls:
        taken[url] = _one(url, fetcher)
        yield taken[url]
    for source in feeds:
        name = shown_url(source) if is_url(source) else shown(source)
        try:
            feed = _feed(source, fetcher, max_bytes)
        except DocumentError as exc:
            yield Failure(name, str(exc))
            continue
        done = seen(name)
        for item in feed.items:
            if item.id in done:
                continue
            if item.link in taken:
                yield dataclasses.replace(taken[item.link], feed=name, item=item.id)
                continue
            taken[item.link] = _one(item.link, fetcher, feed=name, outlet=feed.title, item=item)
            yield taken[item.link]


def _one(
    url: str,
    fetcher: Fetcher,
    *,
    feed: str | None = None,
    outlet: str | None = None,
    item: FeedItem | None = None,
) -> Remote | Failure:
    name = shown_url(url)
    key = item.id if item else None
    if not is_url(url):
        reason = f"{name}: not an http(s) URL"
        return Failure(name, reason, feed=feed, item=key, permanent=True)
    try:
        fetched = fetcher.document(url)
        document = document_of(fetched, outlet=outlet, published=item.published if item else None)
    except FetchError as exc:
        return Failure(name, str(exc), feed=feed, item=key, permanent=exc.permanent)
    except DocumentError as exc:
        return Failure(name, str(exc), feed=feed, item=key, permanent=True)
    return Remote(name, document, feed=feed, item=key)
