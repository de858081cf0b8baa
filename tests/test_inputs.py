"""What a folder run reads: regular document files only, never its own outputs or store."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from summarize.batch import Plan, run_folder, store_for
from summarize.config import Settings
from summarize.documents import read_limited
from summarize.errors import DocumentError, StillWritingError
from summarize.files import make_folders
from summarize.inputs import discover
from tests.conftest import RunCli

SETTINGS = Settings(_env_file=None, jobs=1)  # type: ignore[call-arg]
TEXT = "Selon l'AFP, la mairie de Lyon a fermé 12 écoles mardi après l'incendie.\n"


def test_a_fifo_in_the_inbox_is_passed_over_without_blocking(
    run_cli: RunCli, tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text(TEXT)
    os.mkfifo(inbox / "pipe.txt")  # nobody ever writes to it: opening it would block forever
    for command in ("run", "nightly"):
        proc = run_cli(command, inbox, "--out", tmp_path / command)
        assert proc.returncode == 0, proc.stderr
        assert f"ignored {inbox / 'pipe.txt'}: a FIFO, not a document" in proc.stderr
        assert "1 document: 1 new, 0 skipped, 0 failed, 1 ignored" in proc.stderr
    proc = run_cli("brief", inbox / "pipe.txt")
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith(f"{inbox / 'pipe.txt'}: a FIFO, not a document file")


def test_only_document_types_unless_included(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.htm", "f.json", "g.docx", "notes"):
        (inbox / name).write_text(TEXT)
    found = discover(inbox, out=tmp_path / "out")
    assert [p.name for p in found.documents] == ["a.txt", "b.md", "c.markdown", "d.html", "e.htm"]
    assert {p.name for p, _ in found.ignored} == {"f.json", "g.docx", "notes"}
    assert all("not a document type" in why for _, why in found.ignored)
    named = discover(inbox, out=tmp_path / "out", include=("notes",))
    assert [p.name for p in named.documents] == ["notes"]


def test_brief_refuses_a_fake_pdf_and_a_word_file(run_cli: RunCli, tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4\n" + TEXT.encode())
    proc = run_cli("brief", fake)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].startswith(f"error: {fake}: not a readable PDF")
    word = tmp_path / "memo.docx"
    word.write_bytes(b"PK\x03\x04" + TEXT.encode())
    proc = run_cli("brief", word)
    assert proc.returncode == 1
    assert f"{word}: .docx files are not supported" in proc.stderr


def test_out_is_never_an_input(run_cli: RunCli, tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text(TEXT)
    same = run_cli("run", inbox, "--out", inbox)
    assert same.returncode == 2
    assert "--out is the folder being briefed" in same.stderr
    assert sorted(p.name for p in inbox.iterdir()) == ["a.txt"]
    # Inside the inbox it is fine: it is never read, nor is the store wherever it is.
    for _ in range(2):  # the second run must not read the first one's outputs
        proc = run_cli(
            "run", inbox, "--out", inbox / "briefings", "--store", inbox / "store.md", "--force"
        )
        assert proc.returncode == 0, proc.stderr
        assert "1 document: 1 new" in proc.stderr
    assert len(list((inbox / "briefings").rglob("*.json"))) == 1


def test_symlinks_outside_the_folder_only_when_asked(run_cli: RunCli, tmp_path: Path) -> None:
    inbox, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    inbox.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text(TEXT)
    (inbox / "a.txt").write_text(TEXT.replace("12", "13"))
    (inbox / "inside.txt").symlink_to(inbox / "a.txt")
    (inbox / "outside.txt").symlink_to(elsewhere / "secret.txt")
    proc = run_cli("run", inbox, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert f"ignored {inbox / 'outside.txt'}: a symbolic link to a file outside" in proc.stderr
    assert (tmp_path / "out" / "inside.txt.json").exists()
    assert not (tmp_path / "out" / "outside.txt.json").exists()
    asked = run_cli("run", inbox, "--out", tmp_path / "out", "--follow-symlinks")
    assert asked.returncode == 0, asked.stderr
    assert (tmp_path / "out" / "outside.txt.json").exists()


def test_a_folder_a_thousand_deep(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    deep = inbox.joinpath(*(["d"] * 1000))
    make_folders(deep)
    (deep / "a.txt").write_text(TEXT)
    try:
        report = run_folder(Plan(inbox, tmp_path / "out"), SETTINGS, store_for(tmp_path / "out"))
        assert [r.status for r in report.results] == ["new"], report.results
        assert (tmp_path / "out").joinpath(*(["d"] * 1000), "a.txt.html").is_file()
    finally:
        for top in (inbox, tmp_path / "out"):
            remove_deep(top)


def remove_deep(top: Path) -> None:
    """Without recursion: shutil.rmtree, os.walk (and pytest's cleanup) recurse a level each."""
    folders, stack = [], [top]
    while stack:
        folder = stack.pop()
        folders.append(folder)
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            else:
                Path(entry.path).unlink()
    for folder in reversed(folders):
        folder.rmdir()


def test_a_file_being_written_is_deferred(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "done.txt").write_text(TEXT)
    growing = inbox / "growing.txt"
    growing.write_text(TEXT)
    stop = threading.Event()

    def write() -> None:
        with growing.open("a") as fh:
            while not stop.is_set():
                fh.write(TEXT)
                fh.flush()
                time.sleep(0.001)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        store = store_for(tmp_path / "out")
        report = run_folder(Plan(inbox, tmp_path / "out"), SETTINGS, store)
    finally:
        stop.set()
        writer.join()
    statuses = {Path(r.path).name: r.status for r in report.results}
    assert statuses == {"done.txt": "new", "growing.txt": "deferred"}
    assert not (tmp_path / "out" / "growing.txt.json").exists()
    again = run_folder(Plan(inbox, tmp_path / "out"), SETTINGS, store)
    assert {Path(r.path).name: r.status for r in again.results}["growing.txt"] == "new"


def test_read_refuses_a_changed_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    seen = path.stat()
    path.write_text(TEXT * 2)
    with pytest.raises(StillWritingError, match="still being written"):
        read_limited(path, expect=seen)
    with pytest.raises(DocumentError, match="a directory, not a document file"):
        read_limited(tmp_path)


def test_odd_names_are_briefed_and_escaped_in_log_lines(run_cli: RunCli, tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    Path(os.fsdecode(bytes(inbox) + b"/a\nfake line.txt")).write_text(TEXT)
    Path(os.fsdecode(bytes(inbox) + b"/caf\xe9.txt")).write_text(TEXT.replace("12", "13"))
    proc = run_cli("run", inbox, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert f"new     {inbox}/a\\nfake line.txt: 1 claims (1 supported)" in lines
    assert f"new     {inbox}/caf\\xe9.txt: 1 claims (1 supported)" in lines
    assert not any(line.startswith("fake line") for line in lines)
    again = run_cli("run", inbox, "--out", tmp_path / "out")
    assert "2 documents: 0 new, 2 skipped, 0 failed" in again.stderr


def test_two_runs_at_once_never_brief_a_document_twice(tmp_path: Path, seed_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import clean_env
    from tests.test_batch import make_docs

    make_docs(tmp_path / "in", seed_path, 60)  # both start at once: one holds the lock
    cmd = [sys.executable, "-m", "summarize", "run", str(tmp_path / "in")]
    cmd += ["--out", str(tmp_path / "out"), "--jobs", "2"]
    procs = [
        subprocess.Popen(cmd, env=clean_env(), stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    new = sum(
        int(line.split(": ")[1].split()[0])
        for o in outputs
        for line in o.splitlines()
        if line.startswith("60 documents")
    )
    assert new == 60, outputs  # one run briefed them all; the other waited and skipped them
    assert store_for(tmp_path / "out").count_briefings() == 60
    runs = store_for(tmp_path / "out").runs()
    assert len(runs) == 2 and sorted(r.counts["new"] for r in runs) == [0, 60]
