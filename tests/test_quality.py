"""The package stays ruff-clean, mypy-clean, and inside its declared layers."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.quality


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff() -> None:
    proc = _run(sys.executable, "-m", "ruff", "check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format() -> None:
    proc = _run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy() -> None:
    proc = _run(sys.executable, "-m", "mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_layers() -> None:
    lint_imports = shutil.which(
        "lint-imports", path=str(__import__("pathlib").Path(sys.executable).parent)
    )
    assert lint_imports, "import-linter is not installed"
    proc = _run(lint_imports)
    assert proc.returncode == 0, proc.stdout + proc.stderr
