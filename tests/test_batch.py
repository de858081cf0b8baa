"""Folder runs: incremental, forced, filtered, and killed mid-batch then rerun."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from summarize.batch import Plan, run_folder, store_for
from summarize.config import Settings
from summarize.models import Briefing
from tests.conftest import clean_env

SETTINGS = Settings(_env_file=None, jobs=1)  # type: ignore[call-arg]


def make_docs(folder: Path, seed: Path, count: int) -> list[Path]:
    """Distinct documents of the seed's size (a numbered first line changes the hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    body = seed.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"doc_{i:03d}.txt"
        path.write_text(f"Dépêche {i}.\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def test_incremental_then_forced(tmp_path: Path, seed_path: Path) -> None:
    make_docs(tmp_path / "in", seed_path, 3)
    store = store_for(tmp_path / "out")
    plan = Plan(tmp_path / "in", tmp_path / "out")
    first = run_folder(plan, SETTINGS, store)
    assert (len(first.new), len(first.skipped), len(first.failed)) == (3, 0, 0)
    again = run_folder(plan, SETTINGS, store)
    assert (len(again.new), len(again.skipped)) == (0, 3)
    (tmp_path / "in" / "doc_001.txt").write_text("Un texte modifié sur Kharkiv, selon l'AFP.")
    changed = run_folder(plan, SETTINGS, store)
    assert [Path(r.path).name for r in changed.new] == ["doc_001.txt"]
    forced = run_folder(Plan(plan.root, plan.out, force=True), SETTINGS, store)
    assert len(forced.new) == 3
    assert store.count_briefings() == 4  # three documents, one of them in two versions
    runs = store.runs()
    assert [r.counts["new"] for r in runs] == [3, 0, 1, 3]


def test_missing_outputs_are_rewritten_from_the_store(tmp_path: Path, seed_path: Path) -> None:
    make_docs(tmp_path / "in", seed_path, 2)
    store = store_for(tmp_path / "out")
    plan = Plan(tmp_path / "in", tmp_path / "out")
    run_folder(plan, SETTINGS, store)
    html = tmp_path / "out" / "doc_000.txt.html"
    html.unlink()
    rerun = run_folder(plan, SETTINGS, store)
    assert len(rerun.skipped) == 2 and html.is_file()


def test_include_and_exclude(tmp_path: Path, seed_path: Path) -> None:
    make_docs(tmp_path / "in", seed_path, 2)
    (tmp_path / "in" / "drafts").mkdir()
    (tmp_path / "in" / "drafts" / "x.txt").write_text("Selon l'AFP, un brouillon.")
    (tmp_path / "in" / "notes.md").write_text("# Notes\n\nSelon l'AFP, une note.")
    plan = Plan(tmp_path / "in", tmp_path / "out", include=("*.txt",), exclude=("drafts/*",))
    report = run_folder(plan, SETTINGS, store_for(tmp_path / "out"))
    assert sorted(Path(r.path).name for r in report.results) == ["doc_000.txt", "doc_001.txt"]


def test_output_folder_inside_the_input_is_not_read(tmp_path: Path, seed_path: Path) -> None:
    make_docs(tmp_path, seed_path, 1)
    plan = Plan(tmp_path, tmp_path / "out")
    run_folder(plan, SETTINGS, store_for(plan.out))
    again = run_folder(plan, SETTINGS, store_for(plan.out))
    assert [Path(r.path).name for r in again.results] == ["doc_000.txt"]


def test_killed_mid_batch_then_rerun_loses_nothing(tmp_path: Path, seed_path: Path) -> None:
    docs = make_docs(tmp_path / "in", seed_path, 30)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "summarize",
        "run",
        str(tmp_path / "in"),
        "--out",
        str(out),
        "--jobs",
        "1",
    ]
    proc = subprocess.Popen(
        cmd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 5:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = store_for(out).count_briefings()
    assert 0 < done_before < len(docs), "the kill must land mid-batch"

    rerun = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"30 documents: {30 - done_before} new, {done_before} skipped, 0 failed" in rerun.stderr
    store = store_for(out)
    assert store.count_briefings() == len(docs)  # each document briefed exactly once
    assert store.integrity() == "ok"
    for doc in docs:
        data = json.loads((out / f"{doc.name}.json").read_text())
        Briefing.model_validate(data)
        assert (out / f"{doc.name}.md").stat().st_size > 0
        assert (out / f"{doc.name}.html").read_text().rstrip().endswith("</html>")


def test_a_changed_verifier_verifies_stored_briefings_again(
    tmp_path: Path, seed_path: Path
) -> None:
    import sqlite3

    from summarize.verifier.version import verifier_version

    make_docs(tmp_path / "in", seed_path, 2)
    store = store_for(tmp_path / "out")
    plan = Plan(tmp_path / "in", tmp_path / "out")
    run_folder(plan, SETTINGS, store)
    page = tmp_path / "out" / "doc_000.txt.json"
    before = Briefing.model_validate_json(page.read_text(encoding="utf-8"))
    assert before.provenance.verifier_version == verifier_version()
    # As if an older verifier had checked doc_000: no verifications kept, another version.
    stale = before.model_copy(
        update={
            "claims": [c.model_copy(update={"verification": None}) for c in before.claims],
            "provenance": before.provenance.model_copy(update={"verifier_version": "old"}),
        }
    )
    with sqlite3.connect(tmp_path / "out" / "summarize.db") as db:
        db.execute(
            "UPDATE briefings SET verifier = 'old', json = ? WHERE path LIKE '%doc_000.txt'",
            (stale.model_dump_json(),),
        )
    page.write_text(stale.model_dump_json(), encoding="utf-8")
    rerun = run_folder(plan, SETTINGS, store)
    assert (len(rerun.new), len(rerun.skipped)) == (0, 2)  # no new extraction
    after = Briefing.model_validate_json(page.read_text(encoding="utf-8"))
    assert after.provenance.verifier_version == verifier_version()
    assert after.provenance.started_at == before.provenance.started_at  # the same draft
    assert [c.statement for c in after.claims] == [c.statement for c in before.claims]
    assert all(c.verification is not None for c in after.claims)
    # Now in step: a third run verifies nothing again and rewrites nothing.
    stamp = page.stat().st_mtime_ns
    run_folder(plan, SETTINGS, store)
    assert page.stat().st_mtime_ns == stamp
