"""`summarize nightly`: a lock against overlap, a digest a day, exit codes for cron."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from summarize.batch import store_for
from summarize.models import Digest
from tests.conftest import RunCli, clean_env
from tests.corpus import write_corpus
from tests.test_batch import make_docs


def test_nightly_writes_the_days_digest(run_cli: RunCli, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in")
    (tmp_path / "in" / "broken.txt").write_bytes(b"")
    proc = run_cli("nightly", tmp_path / "in", "--out", tmp_path / "out", "--date", "2026-11-26")
    assert proc.returncode == 1, "a failed document makes the night fail"
    assert "broken.txt: empty file" in proc.stderr
    assert "digest 2026-11-26: 8 documents" in proc.stderr
    digest = Digest.model_validate_json(
        (tmp_path / "out" / "digests" / "2026-11-26.json").read_text()
    )
    assert len(digest.groups) == 3
    again = run_cli("nightly", tmp_path / "in", "--out", tmp_path / "out", "--date", "2026-11-26")
    assert "0 new, 8 skipped, 1 failed" in again.stderr
    assert len(store_for(tmp_path / "out").digests()) == 1  # one digest for the day


def test_two_nightly_runs_never_overlap(tmp_path: Path, seed_path: Path) -> None:
    make_docs(tmp_path / "in", seed_path, 60)
    cmd = [
        sys.executable,
        "-m",
        "summarize",
        "nightly",
        str(tmp_path / "in"),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "1",
    ]
    first = subprocess.Popen(
        cmd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lock = tmp_path / "out" / ".summarize.lock"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (lock.is_file() and lock.read_text().strip()):
        time.sleep(0.02)
    second = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True, timeout=120)
    assert second.returncode == 75
    assert "another run holds the lock" in second.stderr
    assert f"pid {first.pid}" in second.stderr
    waiting = subprocess.run(
        [*cmd, "--wait"], env=clean_env(), capture_output=True, text=True, timeout=300
    )
    first.wait(timeout=300)
    assert first.returncode == 0
    assert waiting.returncode == 0, waiting.stderr
    assert "0 new, 60 skipped" in waiting.stderr
