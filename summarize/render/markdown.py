"""Markdown output for people: the briefing, each claim with its verdict, flags and evidence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from summarize.models import Briefing, Digest, Verification
from summarize.render.words import counted

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md_escape(text: object) -> str:
    """Escape Markdown and HTML syntax, so document text shows as text and never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("summarize.render", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown, not HTML: every document string goes through `md`
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["counted"] = counted
    return env


def briefing_markdown(briefing: Briefing) -> str:
    return _env().get_template("briefing.md.j2").render(b=briefing)


def verifications_markdown(verifications: Sequence[Verification], source: str) -> str:
    return _env().get_template("verifications.md.j2").render(vs=verifications, source=source)


def digest_markdown(digest: Digest) -> str:
    return _env().get_template("digest.md.j2").render(d=digest)
