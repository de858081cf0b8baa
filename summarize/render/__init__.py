"""Renderers: Briefing and verification results to JSON or Markdown. They format, never compute."""

from __future__ import annotations

from summarize.render.json import briefing_json, verifications_json
from summarize.render.markdown import briefing_markdown, verifications_markdown

__all__ = ["briefing_json", "briefing_markdown", "verifications_json", "verifications_markdown"]
