"""Settings from arguments, the environment (SUMMARIZE_*) and a `.env` file, validated once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarize.documents import DEFAULT_MAX_BYTES


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarize" / "llm-cache.sqlite"


def masked_url(url: str) -> str:
    """`url` with any user, password or key-like query value replaced by ***."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = "&".join(
        f"{name}=***" if value else name
        for name, value in (pair.partition("=")[::2] for pair in parts.query.split("&") if pair)
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class Settings(BaseSettings):
    """Everything a run can be configured with. Arguments override the environment."""

    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZE_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        hide_input_in_errors=True,
        validate_by_name=True,
    )

    backend: Literal["auto", "rules", "openai", "local"] = Field(
        default="auto",
        description="Which backend drafts briefings; 'auto' is openai when a model is set"
        " (local when it is local:PATH.gguf).",
    )
    max_claims: int = Field(default=12, ge=1, le=200, description="Most claims per briefing.")
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1, description="Largest input file.")
    jobs: int = Field(
        default_factory=lambda: max(1, min(4, os.cpu_count() or 1)),
        ge=1,
        le=64,
        description="Documents processed in parallel by `run`.",
    )
    min_quote_score: float = Field(
        default=0.75, ge=0.5, le=1.0, description="Fuzzy alignment score a quote needs."
    )

    # Fetching URLs and feeds.
    fetch_timeout: float = Field(
        default=30.0, gt=0, description="Seconds a page or feed may take to arrive, in all."
    )
    fetch_interval: float = Field(
        default=1.0,
        ge=0.0,
        description="Seconds between two requests to one host (longer if its robots.txt asks).",
    )

    # The model behind the openai backend: any OpenAI-compatible endpoint.
    local_model: Path | None = Field(
        default=None, description="GGUF weights for the local backend (llama.cpp, in-process)."
    )
    model: str | None = Field(default=None, description="Model name, e.g. gpt-4o-mini.")
    base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("SUMMARIZE_BASE_URL", "OPENAI_BASE_URL"),
        description="Endpoint, e.g. http://localhost:11434/v1 for Ollama.",
    )
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SUMMARIZE_API_KEY", "OPENAI_API_KEY"),
        description="Never printed, logged or stored.",
    )
    mode: Literal["tools", "json", "json_schema"] = Field(
        default="tools", description="How the model returns structure (tools need tool calling)."
    )
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    max_output_tokens: int | None = Field(
        default=None,
        ge=16,
        description="Most tokens the model may write in one answer (none: the server's limit).",
    )
    timeout: float = Field(
        default=120.0, gt=0, description="Seconds a model request may take in all, reply included."
    )
    max_reply_bytes: int = Field(
        default=16 * 2**20, ge=1024, description="Largest model reply read, in bytes."
    )
    max_retries: int = Field(
        default=4, ge=0, le=10, description="Retries of a transient failure (429, 5xx, timeout)."
    )
    backoff: float = Field(
        default=0.5, ge=0.0, description="Base seconds of the exponential backoff between retries."
    )
    max_reasks: int = Field(
        default=2, ge=0, le=10, description="Times the model is asked again after invalid output."
    )
    concurrency: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Model requests in flight at once, across documents and their parts.",
    )
    chunk_tokens: int = Field(
        default=6000, ge=200, description="Longest document part sent in one request (tokens)."
    )
    chunk_overlap: int = Field(default=300, ge=0, description="Tokens shared by adjacent parts.")
    cache: bool = Field(default=True, description="Reuse model responses for unchanged input.")
    cache_path: Path = Field(default_factory=_default_cache)
    prompts_dir: Path | None = Field(default=None, description="Your own prompt templates.")
    prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="USD per million input and output tokens, by model; adds to the built-ins.",
    )

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given (non-None) values replaced and validated."""
        values = {k: v for k, v in overrides.items() if v is not None}
        if not values:
            return self
        data = self.model_dump()
        data.update(values)
        result = Settings.model_validate(data)
        # What was set (by the environment, a file or an option) stays told apart from what
        # was left at its default: a backend's own defaults apply only to the latter.
        object.__setattr__(result, "__pydantic_fields_set__", self.model_fields_set | set(values))
        return result

    @property
    def endpoint(self) -> str:
        """The base URL as it may be shown: credentials in it masked."""
        return masked_url(self.base_url) if self.base_url else "the OpenAI API"

    @property
    def backend_name(self) -> str:
        """The backend that will run: 'auto' resolves to openai once a model is configured."""
        if self.backend == "auto":
            if self.model and self.model.startswith("local:"):
                return "local"
            return "openai" if self.model else "rules"
        return self.backend
