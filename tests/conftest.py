"""Shared fixtures. No test reaches the network: the rules backend needs none."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_56b9f2641f4315ea.txt"

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    from summarize.documents import load

    return load(SEED).text


def clean_env() -> dict[str, str]:
    """The environment without any SUMMARIZE_* setting or API key of the developer's."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SUMMARIZE_", "OPENAI_")) and k != "COLUMNS"
    }


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Run `python -m summarize ...` in a subprocess, in an empty working folder."""

    def run(
        *args: str | Path, cwd: Path | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "summarize", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env={**clean_env(), **env},
            timeout=120,
        )

    return run
