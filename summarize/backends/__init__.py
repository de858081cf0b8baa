"""Backends: each turns a document into a draft behind the `Backend` protocol."""

from __future__ import annotations

import hashlib
import threading

from summarize.backends.base import Backend
from summarize.config import Settings
from summarize.errors import ConfigError

__all__ = ["Backend", "get_backend"]


_built: dict[str, Backend] = {}
_lock = threading.Lock()


def _key(settings: Settings) -> str:
    """The settings as a key: their JSON shows the API key masked, so its hash is added."""
    secret = settings.api_key.get_secret_value() if settings.api_key else ""
    return settings.model_dump_json() + hashlib.sha256(secret.encode()).hexdigest()


def get_backend(settings: Settings) -> Backend:
    """The backend that `settings` asks for, built on first use and once per process and
    settings: the CLI, a run and its worker threads share one (the local one starts a server)."""
    key = _key(settings)
    with _lock:
        if key not in _built:
            _built[key] = _build(settings)
        return _built[key]


def _build(settings: Settings) -> Backend:
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
