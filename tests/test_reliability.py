"""Bad input: every hostile file through `brief` and through `run` on a folder.

Each gets a clear one-line error naming the file, or a correct briefing; the batch goes on;
the exit code says so; nothing outside --out is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.hostile import Case, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    folder = tmp_path_factory.mktemp("hostile") / "in"
    return folder, write_corpus(folder)


def snapshot(root: Path, skip: Path) -> dict[str, tuple[int, float]]:
    """Every file under `root` but `skip`, with its size and modification time."""
    out: dict[str, tuple[int, float]] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if Path(folder, d) != skip]
        for name in files:
            path = Path(folder, name)
            stat = path.lstat()
            out[str(path)] = (stat.st_size, stat.st_mtime)
    return out


def test_run_on_a_hostile_folder(
    corpus: tuple[Path, list[Case]], run_cli: RunCli, tmp_path: Path
) -> None:
    folder, cases = corpus
    home, cwd, out = tmp_path / "home", tmp_path / "cwd", tmp_path / "out"
    home.mkdir()
    cwd.mkdir()
    before = snapshot(folder.parent, skip=out) | snapshot(tmp_path, skip=out)
    proc = run_cli("run", folder, "--out", out, "--jobs", "2", cwd=cwd, HOME=str(home))
    after = snapshot(folder.parent, skip=out) | snapshot(tmp_path, skip=out)

    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    failures = [line for line in proc.stderr.splitlines() if line.startswith("failed")]
    passed_over = [line for line in proc.stderr.splitlines() if line.startswith("ignored")]
    ignored = [c for c in cases if c.ignored]
    errors = [c for c in cases if c.error and not c.ignored]
    assert len(failures) == len(errors), "\n".join(failures)
    assert len(passed_over) == len(ignored), "\n".join(passed_over)
    for case in cases:
        path = folder / case.name
        mine = [line for line in failures if f" {path}: " in line]
        if case.ignored:
            [line] = [line for line in passed_over if f" {path}: " in line]
            assert case.ignored in line and not mine, (case.name, line)
        elif case.error:
            assert len(mine) == 1 and case.error in mine[0], (case.name, mine)
        else:
            assert not mine, mine
            data = json.loads((out / f"{case.name}.json").read_text(encoding="utf-8"))
            assert data["claims"] is not None, case.name
            assert (
                (out / f"{case.name}.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
            )
    documents = len(cases) - len(ignored)
    ok = documents - len(errors)
    summary = f"{documents} documents: {ok} new, 0 skipped, {len(errors)} failed, "
    assert summary + f"{len(ignored)} ignored" in proc.stderr

    assert after == before, "a run wrote outside --out"
    assert not any(home.iterdir()), "a rules run wrote under HOME"
    assert not Path("/tmp/pwned").exists()
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert all(not name.startswith("..") for name in written)

    page = (out / "hostile.html.html").read_text(encoding="utf-8")
    assert "<script" not in page and "onload" not in page and "<iframe" not in page
    assert "25 000 ouvriers" in page
    briefing = json.loads((out / "broken-utf8.txt.json").read_text(encoding="utf-8"))
    assert briefing["document"]["encoding"].startswith("utf-8 (2 invalid")
    latin = json.loads((out / "latin1.txt.json").read_text(encoding="utf-8"))
    assert latin["document"]["encoding"] == "cp1252" and "ministère" in latin["summary"]


# Each process loads the parse (8 s in French); `run` on the folder briefs every file in one
# process, so `brief` here takes the files it must refuse and a few it must read.
READ_ONE_BY_ONE = ("broken-utf8.txt", "utf16.txt", "hostile.html")


def test_brief_each_hostile_file(corpus: tuple[Path, list[Case]], run_cli: RunCli) -> None:
    folder, cases = corpus
    for case in cases:
        if not case.error and case.name not in READ_ONE_BY_ONE:
            continue
        path = folder / case.name
        proc = run_cli("brief", path)
        assert "Traceback" not in proc.stderr, case.name
        if case.error:
            errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
            assert proc.returncode == 1, case.name
            assert len(errors) == 1 and str(path) in errors[0] and case.error in errors[0], errors
        else:
            assert proc.returncode == 0, (case.name, proc.stderr)
            assert json.loads(proc.stdout)["document"]["sha256"]


def test_a_name_like_an_option_after_double_dash(
    corpus: tuple[Path, list[Case]], run_cli: RunCli
) -> None:
    folder, _ = corpus
    proc = run_cli("brief", "--", "--help.txt", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["document"]["path"] == "--help.txt"
