"""Against a real model endpoint; skipped unless SUMMARIZE_TEST_BASE_URL is set.

    SUMMARIZE_TEST_BASE_URL=http://localhost:11434/v1 SUMMARIZE_TEST_MODEL=qwen2.5:7b \\
        python3 -m pytest -m live
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import summarize
from summarize.config import Settings
from summarize.models import Verdict

pytestmark = pytest.mark.live

BASE_URL = os.environ.get("SUMMARIZE_TEST_BASE_URL")


@pytest.mark.skipif(not BASE_URL, reason="set SUMMARIZE_TEST_BASE_URL (and _MODEL) to run")
def test_a_real_model_briefs_the_seed(seed_path: Path, tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        base_url=BASE_URL,
        model=os.environ.get("SUMMARIZE_TEST_MODEL", "gpt-4o-mini"),
        api_key=os.environ.get("SUMMARIZE_TEST_API_KEY") or None,
        mode=os.environ.get("SUMMARIZE_TEST_MODE", "tools"),
        cache_path=tmp_path / "cache.sqlite",
    )
    briefing = summarize.brief(seed_path, settings=settings)
    assert briefing.provenance.usage.calls >= 1
    assert briefing.claims
    found = [c for c in briefing.claims if c.verification and c.verification.evidence]
    assert found, "at least one quote must be located in the text"
    assert any(c.verification and c.verification.verdict is Verdict.supported for c in found)
