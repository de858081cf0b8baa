"""The library's front door: `brief`, `verify` and `load`."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarize.backends import Backend, get_backend
from summarize.config import Settings
from summarize.documents import Document, from_text, read_stream
from summarize.documents import load as load_document
from summarize.errors import ClaimsInputError, DocumentError
from summarize.models import Attribution, Briefing, Claim, Verification
from summarize.pipeline import brief_document
from summarize.verifier import Verifier
from summarize.web.urls import is_url

_PATH_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")


STDIN = "-"


def load(source: Path | str, settings: Settings | None = None) -> Document:
    """Load one document: a file (txt, md, html or pdf, any common encoding), an http(s) URL
    (fetched politely, see `summarize.web.fetch`), or "-" for standard input."""
    settings = settings or Settings()
    if isinstance(source, str) and is_url(source):
        from summarize.web.remote import fetch_document  # only URLs need an HTTP client

        return fetch_document(
            source,
            max_bytes=settings.max_bytes,
            timeout=settings.fetch_timeout,
            interval=settings.fetch_interval,
        )
    if str(source) == STDIN:
        return read_stream(sys.stdin.buffer, max_bytes=settings.max_bytes)
    return load_document(source, max_bytes=settings.max_bytes)


def _document(source: Path | str | Document, settings: Settings) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, Path) or is_url(source):
        return load(source, settings)
    looks_like_path = "\n" not in source and len(source) < 4096
    if looks_like_path and Path(source).exists():
        return load(source, settings)
    if looks_like_path and source.lower().endswith(_PATH_SUFFIXES):
        raise DocumentError(source, "no such file")
    return from_text(source)


def brief(
    source: Path | str | Document,
    *,
    settings: Settings | None = None,
    backend: Backend | None = None,
) -> Briefing:
    """Brief one document: a path, a URL, the text itself, or a loaded `Document`.

    With no backend given, the one that `settings` (or the environment) selects is used:
    the embedded `rules` backend unless configured otherwise.
    """
    settings = settings or Settings()
    document = _document(source, settings)
    return brief_document(
        document, backend or get_backend(settings), min_quote_score=settings.min_quote_score
    )


def as_claims(
    items: Sequence[Claim | str | Mapping[str, Any]], origin: str | None = None
) -> list[Claim]:
    """Claims from strings (free claims), dicts (statement, quote, sources...) or Claims."""
    claims: list[Claim] = []
    for i, item in enumerate(items):
        try:
            if isinstance(item, Claim):
                claim = item
            elif isinstance(item, str):
                claim = Claim(id=f"c{i + 1}", statement=item)
            elif isinstance(item, Mapping):
                data = dict(item)
                data.setdefault("id", f"c{i + 1}")
                data.pop("verification", None)
                sources = data.get("sources")
                if isinstance(sources, list):
                    data["sources"] = [{"name": s} if isinstance(s, str) else s for s in sources]
                claim = Claim.model_validate(data)
            else:
                raise ClaimsInputError(origin, f"claim {i + 1} is a {type(item).__name__}")
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ClaimsInputError(origin, f"claim {i + 1}: {where}: {first['msg']}") from None
        claims.append(claim)
    return claims


def verify(
    source_text: str | Document,
    claims: Sequence[Claim | str | Mapping[str, Any]],
    *,
    settings: Settings | None = None,
    judge: bool = False,
) -> list[Verification]:
    """Verify claims against a source text; each claim may carry a verbatim quote or not.

    A claim with a quote is located in the text (exact, normalised, fuzzy) and checked; a
    claim without one is matched to its best supporting passage and judged on coverage,
    numbers, names, polarity and hedging. With `judge=True`, the configured model gives its
    verdict on the free claims that the checks did not find supported.
    """
    settings = settings or Settings()
    if isinstance(source_text, Document):
        text, language = source_text.text, source_text.meta.language
    else:
        text, language = source_text, None
    verifier = Verifier(text, language, min_score=settings.min_quote_score)
    items = as_claims(claims)
    results = verifier.verify_all(items)
    if not judge:
        return results
    from summarize.judge import Judge  # needs a model; loaded only when asked for

    judge_ = Judge(settings)
    return [
        judge_.judge(verifier, c, v) if judge_.needs_judging(c, v) else v
        for c, v in zip(items, results, strict=True)
    ]


def attributions(text: str, language: str | None = None) -> list[Attribution]:
    """Who said what in `text`: each attribution's source (None when implicit), cue and
    content, as character offsets into `text`, with the source's name, kind and descriptor.

        >>> [a.name for a in attributions("Selon l'AFP, le sommet est reporté.")]  # doctest: +SKIP
        ["l'AFP"]
    """
    from summarize.text.attribution import attributions as found
    from summarize.text.language import detect_language

    return found(text, language or detect_language(text))
