"""The local backend's configuration, without starting a model (tests/test_local_model.py does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.backends.openai.schema import briefing_model
from summarize.config import Settings
from summarize.errors import ConfigError
from summarize.local import LOCAL_DEFAULTS, local_settings, model_path


class _Server:
    base_url = "http://127.0.0.1:5555/v1"
    path = Path("/models/tiny.gguf")


def test_a_local_model_name_selects_the_local_backend() -> None:
    assert Settings(model="local:/models/tiny.gguf").backend_name == "local"
    assert Settings(model="gpt-4o-mini").backend_name == "openai"
    assert Settings().backend_name == "rules"


def test_a_missing_gguf_is_a_one_line_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.gguf: no such GGUF model file"):
        model_path(Settings(model=f"local:{tmp_path / 'nope.gguf'}"))
    weights = tmp_path / "w.gguf"
    weights.write_bytes(b"GGUF")
    assert model_path(Settings(local_model=weights)) == weights


def test_local_defaults_apply_only_where_nothing_was_set() -> None:
    chosen = local_settings(Settings(), _Server())  # type: ignore[arg-type]
    assert chosen.mode == LOCAL_DEFAULTS["mode"] and chosen.concurrency == 1
    assert chosen.max_retries == 0 and chosen.max_output_tokens == 2048
    assert chosen.base_url == _Server.base_url and chosen.model == "tiny.gguf"
    mine = Settings(mode="json").with_overrides(concurrency=3)
    kept = local_settings(mine, _Server())  # type: ignore[arg-type]
    assert kept.mode == "json" and kept.concurrency == 3 and kept.max_retries == 0


def test_the_briefing_schema_bounds_every_list() -> None:
    shape = briefing_model(3)
    schema = shape.model_json_schema()
    assert schema["properties"]["claims"]["maxItems"] == 3
    assert schema["properties"]["key_points"]["maxItems"] == 6
    claim = {"statement": "s", "quote": "q"}
    brief = {"headline": "h", "summary": "A summary.", "claims": [claim] * 4}
    with pytest.raises(ValueError, match="at most 3 items"):
        shape.model_validate(brief)
