"""The main process killed alone (OOM killer, `kill PID`): its workers follow, the lock is free."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ENGLISH, clean_env
from tests.test_batch import make_docs

DOCS = 24  # enough that a run is still under way after its first outputs


def children(pid: int) -> list[int]:
    """Every live process whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _nightly_under_way(tmp_path: Path) -> tuple[list[str], subprocess.Popen[str]]:
    """A nightly over DOCS documents, started and past its first three outputs."""
    make_docs(tmp_path / "in", ENGLISH, DOCS)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "summarize", "nightly", str(tmp_path / "in"), "--out", str(out)]
    cmd += ["--jobs", "2", "--date", "2026-11-26"]
    proc = subprocess.Popen(
        cmd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 3:
        time.sleep(0.01)
    return cmd, proc


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent_and_the_lock_is_free(
    tmp_path: Path, sig: signal.Signals
) -> None:
    cmd, proc = _nightly_under_way(tmp_path)
    workers = children(proc.pid)
    assert workers, "the run should have started its pool of workers"
    os.kill(proc.pid, sig)  # the main process only, as the OOM killer does
    proc.communicate()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(alive(w) for w in workers), "orphaned workers outlived their parent"
    again = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"digest 2026-11-26: {DOCS} documents" in again.stderr


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_run_keeps_its_work_and_says_so(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    cmd, proc = _nightly_under_way(tmp_path)
    out = tmp_path / "out"
    workers = children(proc.pid)
    sent = time.monotonic()
    os.kill(proc.pid, sig)
    _, stderr = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 5, "it must stop dispatching at once"
    assert proc.returncode == code, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("interrupted: "), stderr
    done, left = (int(part.split()[0]) for part in last.removeprefix("interrupted: ").split(", "))
    assert done + left == DOCS and left > 0
    assert not any(alive(w) for w in workers)
    # What was done is kept: the rerun briefs only the rest, and the lock is free.
    again = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    summary = next(
        line for line in again.stderr.splitlines() if line.startswith(f"{DOCS} documents")
    )
    new, skipped = (int(re.search(rf"(\d+) {word}", summary)[1]) for word in ("new", "skipped"))
    # A document stored just as the signal came, before its files, counts as skipped here.
    assert skipped >= done and new + skipped == DOCS, summary
    assert len(list(out.glob("*.txt.html"))) == DOCS
