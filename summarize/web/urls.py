"""URLs as the rest of summarize sees them: which text is one, how it is shown (secrets
masked), where its briefing goes, the media types taken, and the error a fetch raises."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from summarize.errors import DocumentError

_SECRET_KEYS = ("key", "token", "secret", "password", "passwd", "sig", "signature", "auth")

# Media types of documents, and the suffix whose reader takes them.
DOCUMENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "application/pdf": ".pdf",
}
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",  # feeds served as plain text are common; feedparser reads them
    }
)
# Served by servers that do not know better: the body decides.
UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})


class FetchError(DocumentError):
    """A URL could not be fetched. `permanent`: asking again will not help (a 404, a refusal
    by robots.txt, a type that is no document), unlike a timeout or a 503."""

    def __init__(self, url: str, reason: str, *, permanent: bool = False) -> None:
        super().__init__(shown_url(url), reason)
        self.permanent = permanent


def is_url(text: str) -> bool:
    """Whether `text` is an http(s) URL (and not, say, a text that starts with one)."""
    return text[:8].lower().startswith(("http://", "https://")) and not any(
        c.isspace() for c in text
    )


def shown_url(url: str) -> str:
    """`url` as it may be printed and stored: a password, and query values whose names say they
    are secrets (`api_key`, `token`, `sig`...), replaced by ***."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    pairs = []
    for pair in parts.query.split("&") if parts.query else []:
        name, eq, value = pair.partition("=")
        secret = any(k in name.lower() for k in _SECRET_KEYS)
        pairs.append(f"{name}{eq}***" if secret and value else pair)
    return urlunsplit((parts.scheme, netloc, parts.path, "&".join(pairs), parts.fragment))


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
SLUG_CHARS = 80


def output_name(url: str) -> str:
    """Where a URL's briefing goes under `--out`: web/HOST/PATH-SLUG-HASH, safe on any disk."""
    parts = urlsplit(url)
    host = _UNSAFE.sub("_", parts.netloc.rsplit("@", 1)[-1].lower()) or "host"
    slug = _UNSAFE.sub("-", parts.path.strip("/")).strip("-.")[:SLUG_CHARS] or "index"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return f"web/{host}/{slug}-{digest}"
