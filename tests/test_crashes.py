"""Runs killed with SIGKILL at random moments, many times over, then finished by a rerun."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.batch import store_for
from summarize.models import Briefing, Digest
from tests.conftest import ENGLISH, clean_env
from tests.test_batch import make_docs

DOCS = 20
# A kill: once at least this many documents have outputs, plus a few milliseconds more.
kills = st.lists(
    st.tuples(st.integers(min_value=0, max_value=DOCS - 1), st.floats(min_value=0, max_value=0.05)),
    min_size=2,
    max_size=4,
)


def kill_when(cmd: list[str], out: Path, outputs: int, delay: float = 0.0) -> None:
    """Start `cmd`; SIGKILL its whole process group (workers too) once `out` holds at least
    `outputs` JSON files and `delay` more seconds have passed."""
    proc = subprocess.Popen(
        cmd,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if len(list(out.glob("*.json"))) >= outputs:
            break
        time.sleep(0.005)
    time.sleep(delay)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _check_outputs(docs: list[Path], out: Path) -> None:
    store = store_for(out)
    assert store.count_briefings() == len(docs)  # each document briefed once, none lost
    assert store.integrity() == "ok"
    for doc in docs:
        Briefing.model_validate(json.loads((out / f"{doc.name}.json").read_text()))
        assert (out / f"{doc.name}.md").read_text().startswith("# ")
        assert (out / f"{doc.name}.html").read_text().rstrip().endswith("</html>")


@settings(max_examples=2, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(moments=kills)
def test_run_killed_anywhere_loses_nothing(moments: list[tuple[int, float]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = make_docs(Path(tmp) / "in", ENGLISH, DOCS)
        out = Path(tmp) / "out"
        cmd = [
            sys.executable,
            "-m",
            "summarize",
            "run",
            str(Path(tmp) / "in"),
            "--out",
            str(out),
            "--jobs",
            "2",
        ]
        for outputs, delay in moments:
            kill_when(cmd, out, outputs, delay)
        before = store_for(out).count_briefings() if (out / "summarize.db").exists() else 0
        final = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True, timeout=300)
        assert final.returncode == 0, final.stderr
        assert f"{DOCS} documents: {DOCS - before} new, {before} skipped, 0 failed" in final.stderr
        _check_outputs(docs, out)


@settings(max_examples=2, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(moments=kills)
def test_nightly_killed_anywhere_makes_one_digest(moments: list[tuple[int, float]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = make_docs(Path(tmp) / "in", ENGLISH, DOCS)
        out = Path(tmp) / "out"
        cmd = [
            sys.executable,
            "-m",
            "summarize",
            "nightly",
            str(Path(tmp) / "in"),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--date",
            "2026-11-26",
        ]
        for outputs, delay in moments:
            kill_when(cmd, out, outputs, delay)
        final = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True, timeout=300)
        assert final.returncode == 0, final.stderr  # and no stale lock stopped it
        _check_outputs(docs, out)
        digests = store_for(out).digests()
        assert [d.date for d in digests] == ["2026-11-26"]
        digest = Digest.model_validate_json((out / "digests" / "2026-11-26.json").read_text())
        assert len(digest.documents) == DOCS  # the rebuilt digest covers every document
