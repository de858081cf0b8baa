"""Settings from arguments, the environment (SUMMARIZE_*) and a `.env` file, validated once."""

from __future__ import annotations

import os
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarize.documents import DEFAULT_MAX_BYTES


class Settings(BaseSettings):
    """Everything a run can be configured with. Arguments override the environment."""

    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    backend: Literal["rules"] = Field(
        default="rules", description="Which backend drafts briefings."
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

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given (non-None) values replaced and validated."""
        values = {k: v for k, v in overrides.items() if v is not None}
        return Settings(**{**self.model_dump(), **values}) if values else self
