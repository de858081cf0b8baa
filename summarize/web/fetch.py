"""Fetching a URL politely: robots.txt obeyed, one request per host at a time and interval, a
user agent that names the tool, redirects bounded, replies capped in bytes and in total time,
the content type checked before the body is read.

Every failure is a `FetchError` naming the URL and the reason in one line.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx2

from summarize._version import __version__

if TYPE_CHECKING:
    from protego import Protego
from summarize.web.urls import DOCUMENT_TYPES, FEED_TYPES, UNTYPED, FetchError, shown_url

USER_AGENT = f"summarize/{__version__} (verified news briefings; obeys robots.txt)"
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
# Longest wait a robots.txt Crawl-delay may impose between two requests to its host.
MAX_CRAWL_DELAY = 60.0


@dataclass(frozen=True, slots=True)
class Fetched:
    """A reply's body and what the server said of it."""

    url: str  # as asked
    final_url: str  # redirects followed
    data: bytes
    media_type: str  # "text/html", lowercased, no parameters
    charset: str | None
    fetched_at: datetime
    http_date: str | None  # Last-Modified, else Date


def _media_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


def _reason(exc: httpx2.HTTPError, timeout: float) -> str:
    if isinstance(exc, httpx2.TimeoutException):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, httpx2.ConnectError):
        return f"cannot connect ({exc or 'connection refused'})"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class _Robots:
    """One host's robots.txt rules, per RFC 9309: missing (4xx) allows all; unreachable
    (5xx, network) disallows all, until a later run reads it."""

    def __init__(self, rules: Protego | None, *, refused: str | None = None) -> None:
        self.rules = rules
        self.refused = refused

    def allows(self, url: str, agent: str) -> bool:
        if self.refused:
            return False
        return self.rules is None or self.rules.can_fetch(url, agent)

    def delay(self, agent: str) -> float:
        if self.rules is None:
            return 0.0
        value = self.rules.crawl_delay(agent)
        return min(float(value), MAX_CRAWL_DELAY) if value else 0.0


class Fetcher:
    """An HTTP client for documents and feeds; use as a context manager, one per run."""

    def __init__(
        self,
        *,
        max_bytes: int,
        timeout: float = 30.0,
        interval: float = 1.0,
        user_agent: str = USER_AGENT,
        robots: bool = True,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.interval = interval
        self.user_agent = user_agent
        self.obey_robots = robots
        self._client = httpx2.Client(
            timeout=httpx2.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,  # each hop is checked against its host's robots.txt
            headers={"User-Agent": user_agent},
        )
        self._robots: dict[str, _Robots] = {}
        self._next: dict[str, float] = {}  # host → earliest time of its next request
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def document(self, url: str) -> Fetched:
        """A document (HTML, text, Markdown or PDF) at `url`."""
        return self.get(url, frozenset(DOCUMENT_TYPES), "a document (HTML, text or PDF)")

    def feed(self, url: str) -> Fetched:
        """An RSS or Atom feed at `url`."""
        return self.get(url, FEED_TYPES | {"text/html"}, "a feed (RSS or Atom)")

    def get(self, url: str, accept: frozenset[str], wanted: str) -> Fetched:
        """The body at `url`, redirects followed (each hop allowed by robots.txt), if its type
        is one of `accept` (or untyped) and it fits in `max_bytes`."""
        try:
            with self._final(url, url, robots=True) as (here, response):
                return self._read(url, here, response, accept, wanted)
        except httpx2.HTTPError as exc:
            raise FetchError(url, _reason(exc, self.timeout)) from None

    @contextmanager
    def _final(
        self, url: str, start: str, *, robots: bool
    ) -> Iterator[tuple[str, httpx2.Response]]:
        """The reply at the end of `start`'s redirects, and where it came from; each hop waits
        its host's turn and, when `robots`, is allowed by its robots.txt."""
        here = start
        for _hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(here)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError(url, f"not an http(s) URL: {shown_url(here)}", permanent=True)
            if robots:
                self._allowed(url, here)
            self._wait_turn(parts)
            with self._client.stream("GET", here) as response:
                if response.is_redirect and "location" in response.headers:
                    here = urljoin(here, response.headers["location"])
                    continue
                yield here, response
                return
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", permanent=True)

    def _read(
        self, url: str, here: str, response: httpx2.Response, accept: frozenset[str], wanted: str
    ) -> Fetched:
        status = response.status_code
        if status >= 400:
            permanent = 400 <= status < 500 and status not in (408, 425, 429)
            reason = f"HTTP {status} {response.reason_phrase}".rstrip()
            raise FetchError(url, reason, permanent=permanent)
        if status != 200:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}: no document".rstrip())
        media, charset = _media_type(response.headers.get("content-type", ""))
        if media not in accept and media not in UNTYPED:
            raise FetchError(url, f"served as {media}, not {wanted}", permanent=True)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, self._too_large(int(declared)), permanent=True)
        data = self._body(url, response, self.max_bytes)
        if data is None:
            raise FetchError(url, self._too_large(self.max_bytes + 1, more=True), permanent=True)
        headers = response.headers
        return Fetched(
            url=url,
            final_url=here,
            data=data,
            media_type=media,
            charset=charset,
            fetched_at=datetime.now(UTC),
            http_date=headers.get("last-modified") or headers.get("date"),
        )

    def _body(
        self, url: str, response: httpx2.Response, limit: int, *, cut: bool = False
    ) -> bytes | None:
        """The reply's body: None past `limit` bytes (its first `limit` bytes when `cut`); a
        FetchError once it has taken longer than the timeout in all (a server trickling bytes
        never times out a read)."""
        ends = time.monotonic() + self.timeout
        chunks: list[bytes] = []
        read = 0
        for chunk in response.iter_bytes():
            read += len(chunk)
            if read > limit:
                return b"".join([*chunks, chunk])[:limit] if cut else None
            if time.monotonic() > ends:
                raise FetchError(url, f"timed out after {self.timeout:g} s (reply too slow)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self, size: int, more: bool = False) -> str:
        mib = 2**20
        over = "over" if more else f"{size / mib:.1f} MiB,"
        return f"reply {over} the {self.max_bytes / mib:.0f} MiB limit (SUMMARIZE_MAX_BYTES)"

    def _wait_turn(self, parts: SplitResult) -> None:
        """Sleep until this host may be asked again: one request per `interval` (or the
        Crawl-delay its robots.txt sets, if longer)."""
        host = parts.netloc.lower()
        robots = self._robots.get(self._origin_of(parts))
        gap = max(self.interval, robots.delay(self.user_agent) if robots else 0.0)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + gap
        if start > now:
            time.sleep(start - now)

    @staticmethod
    def _origin_of(parts: SplitResult) -> str:
        return f"{parts.scheme}://{parts.netloc.lower()}"

    def _allowed(self, url: str, here: str) -> None:
        if not self.obey_robots:
            return
        parts = urlsplit(here)
        origin = self._origin_of(parts)
        robots = self._robots.get(origin)
        if robots is None:
            robots = self._robots[origin] = self._read_robots(origin, parts)
        if robots.refused:
            raise FetchError(url, robots.refused)
        if not robots.allows(here, self.user_agent):
            raise FetchError(url, f"robots.txt of {parts.netloc} disallows it", permanent=True)

    def _read_robots(self, origin: str, parts: SplitResult) -> _Robots:
        from protego import Protego  # only runs that fetch need it

        where = f"{origin}/robots.txt"
        body: bytes | None = None
        try:
            with self._final(where, where, robots=False) as (_here, response):
                status = response.status_code
                if 400 <= status < 500:
                    return _Robots(None)  # no robots.txt: everything is allowed
                if status == 200:  # RFC 9309: a crawler may stop reading at 500 KiB
                    body = self._body(where, response, ROBOTS_MAX_BYTES, cut=True)
        except httpx2.HTTPError as exc:
            return _Robots(None, refused=_reason(exc, self.timeout))  # the host is down
        except FetchError as exc:
            return _Robots(None, refused=f"robots.txt of {parts.netloc}: {exc.reason}")
        if status != 200:
            return _Robots(
                None,
                refused=f"robots.txt of {parts.netloc} unavailable (HTTP {status}); not fetched",
            )
        text = (body or b"").decode("utf-8", errors="replace")
        return _Robots(Protego.parse(text))
