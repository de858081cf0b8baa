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
    if name == "local":
        # The openai backend, talking to llama.cpp's server started here for the run.
        from summarize.backends.openai import OpenAIBackend
        from summarize.local import local_settings, model_path, server_for

        path = model_path(settings)
        server = server_for(path)
        endpoint = f"local:{path.name}:{path.stat().st_size}"  # the port changes every run
        return OpenAIBackend(local_settings(settings, server), name="local", endpoint=endpoint)
    raise ConfigError(f"unknown backend {name!r}; available: rules, openai, local")
