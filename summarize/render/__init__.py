"""Renderers: briefings, digests and verifications to JSON, Markdown and HTML. They format,
never compute."""

from __future__ import annotations

from summarize.render.html import briefing_html, digest_html, verifications_html
from summarize.render.json import briefing_json, digest_json, verifications_json
from summarize.render.markdown import briefing_markdown, digest_markdown, verifications_markdown

__all__ = [
    "briefing_html",
    "briefing_json",
    "briefing_markdown",
    "digest_html",
    "digest_json",
    "digest_markdown",
    "verifications_html",
    "verifications_json",
    "verifications_markdown",
]
