"""Backends: each turns a document into a draft behind the `Backend` protocol."""

from __future__ import annotations

from summarize.backends.base import Backend
from summarize.config import Settings
from summarize.errors import ConfigError

__all__ = ["Backend", "get_backend"]


def get_backend(settings: Settings) -> Backend:
    """The backend that `settings` asks for."""
    if settings.backend == "rules":
        from summarize.backends.rules import RulesBackend

        return RulesBackend(max_claims=settings.max_claims)
    raise ConfigError(f"unknown backend {settings.backend!r}; available: rules")
