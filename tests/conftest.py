"""Shared fixtures. No test reaches the network: the rules backend needs none."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_56b9f2641f4315ea.txt"
# An English article of our own: its pipeline loads in 2 s, the French one in 8, so the tests
# that start many processes (kills, restarts) use it.
ENGLISH = ROOT / "tests" / "data" / "english.txt"

RunCli = Callable[..., subprocess.CompletedProcess[str]]


# Before any test module builds its settings at import: the developer's own never leak in.
def _developers(name: str) -> bool:
    """A setting of the developer's (the opt-in live test's SUMMARIZE_TEST_* are not)."""
    return name.startswith(("SUMMARIZE_", "OPENAI_")) and not name.startswith("SUMMARIZE_TEST_")


for _name in [n for n in os.environ if _developers(n)]:
    del os.environ[_name]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    from summarize.documents import load

    return load(SEED).text


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's settings: SUMMARIZE_* and OPENAI_* cleared, and a fresh
    working folder, so that a `.env` in the checkout is never read."""
    for name in list(os.environ):
        if _developers(name):
            monkeypatch.delenv(name)
    work = tmp_path / "isolated-cwd"
    work.mkdir()
    monkeypatch.chdir(work)


_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    """A test that connects anywhere but this machine fails at once, naming the address."""
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        if not ipaddress.ip_address(
            socket.gethostbyname(host) if not _is_ip(host) else host
        ).is_loopback:
            raise AssertionError(f"a test tried to reach {address!r}: only 127.0.0.1 is allowed")
    return _real_connect(self, address)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


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
        *args: str | Path, cwd: Path | None = None, stdin: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "summarize", *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env={**clean_env(), **env},
            timeout=120,
        )

    return run
