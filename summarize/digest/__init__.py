"""The nightly digest across many briefings."""

from summarize.digest.build import build_digest

__all__ = ["build_digest"]
