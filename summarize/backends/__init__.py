"""Backends: each turns a document into a draft behind the `Backend` protocol."""

from __future__ import annotations

from summarize.backends.base import Backend
from summarize.config import Settings
from summarize.errors import ConfigError

__all__ = ["Backend", "get_backend"]


def get_backend(settings: Settings) -> Backend:
    """The backend that `settings` asks for."""
    name = settings.backend_name
    if name == "rules":
        from summarize.backends.rules import RulesBackend

        return RulesBackend(max_claims=settings.max_claims)
    if name == "openai":
        # Imported here: openai and instructor load only when a model is configured.
        from summarize.backends.openai import OpenAIBackend

        return OpenAIBackend(settings)
    raise ConfigError(f"unknown backend {name!r}; available: rules, openai")
