"""Reliability report: hostile inputs, model faults, crashes and secrets, each tried for real.

Runs the CLI in subprocesses on the corpus of tests/hostile.py, a batch meeting every fault of
tests/test_faults.py through the local fake server, and runs killed with SIGKILL at random
progress points; then writes the table of what was tried and what happened.

    python3 bench/reliability.py [--write bench/RELIABILITY.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from summarize.batch import store_for  # noqa: E402
from summarize.testing import FakeOpenAI  # noqa: E402
from tests.hostile import write_corpus  # noqa: E402
from tests.test_batch import make_docs  # noqa: E402
from tests.test_crashes import kill_when  # noqa: E402
from tests.test_faults import KEY, SCRIPTS, SENTENCE, Scripted  # noqa: E402

SEED = ROOT / "seeds" / "000_56b9f2641f4315ea.txt"


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZE_", "OPENAI_"))}
    return {**env, **(extra or {})}


def cli(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarize", *map(str, args)],
        capture_output=True,
        text=True,
        env=clean_env(env),
        timeout=600,
    )


def inputs(work: Path) -> list[str]:
    folder = work / "hostile"
    cases = write_corpus(folder)
    run = cli("run", folder, "--out", work / "out", "--jobs", "2")
    rows = [row("input", "expected", "`run`", "`brief`", "as expected"), row(*["---"] * 5)]
    for case in cases:
        path = folder / case.name
        line = next((ln for ln in run.stderr.splitlines() if f" {path}: " in ln), "")
        in_run = "briefed" if line.startswith(("new", "skipped")) else line.split(": ", 1)[-1]
        brief = cli("brief", path)
        error = last_line(brief.stderr).split(": ", 2)[-1]
        in_brief = "briefed" if brief.returncode == 0 else error
        if case.ignored:
            in_run = "ignored: " + in_run if line.startswith("ignored") else in_run
            ok = case.ignored in in_run and bool(case.error) and case.error in in_brief
            expected = f"run: ignored ({case.ignored}); brief: {case.error}"
        elif case.error:
            ok = case.error in in_run and case.error in in_brief
            expected = f"error: {case.error}"
        else:
            ok = in_run == in_brief == "briefed"
            expected = "briefed"
        ok = ok and "Traceback" not in run.stderr + brief.stderr
        brief_cell = f"exit {brief.returncode}: {in_brief}"
        rows.append(row(case.note, expected, in_run, brief_cell, "yes" if ok else "NO"))
    whole = f"exit {run.returncode}: {last_line(run.stderr)}"
    ok = "yes" if run.returncode == 1 else "NO"
    rows.append(row("(the whole folder)", "exit 1, the batch completes", whole, "", ok))
    return rows


def faults(work: Path) -> list[str]:
    names = [*SCRIPTS, "invents-quotes", "always-down", "healthy-1", "healthy-2"]
    docs = work / "fault-docs"
    docs.mkdir()
    for i, name in enumerate(names):
        (docs / f"{name}.txt").write_text(SENTENCE.format(name=name, n=i + 2))
    out = work / "fault-out"
    scripted = Scripted()
    env = {
        "SUMMARIZE_API_KEY": KEY,
        "SUMMARIZE_CACHE_PATH": str(work / "cache.sqlite"),
        "SUMMARIZE_BACKOFF": "0.05",
        "SUMMARIZE_TIMEOUT": "1",
        "SUMMARIZE_MAX_RETRIES": "3",
        "SUMMARIZE_MAX_REASKS": "2",
    }
    with FakeOpenAI(responder=scripted) as server:
        started = time.perf_counter()
        run = cli(
            "run", docs, "--out", out, "--jobs", "4",
            "--model", "fake", "--base-url", server.base_url, env=env,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    rows = [row("fault", "requests seen", "outcome"), row(*["---"] * 3)]
    for name in names:
        path = out / f"{name}.txt.json"
        if path.exists():
            briefing = json.loads(path.read_text())
            u = briefing["provenance"]["usage"]
            verdicts = ", ".join(sorted({c["verification"]["verdict"] for c in briefing["claims"]}))
            outcome = (
                f"briefed: {verdicts}; {u['calls']} calls, {u['retries']} retries, "
                f"{u['reasks']} reasks"
            )
        else:
            line = next((ln for ln in run.stderr.splitlines() if f"{name}.txt:" in ln), "")
            outcome = "failed: " + line.split(".txt: ", 1)[-1]
        rows.append(row(name.replace("-", " "), scripted.seen[name], outcome))
    files = [*out.rglob("*"), work / "cache.sqlite"]
    written = b"".join(p.read_bytes() for p in files if p.is_file())
    leaked = KEY.encode() in written or KEY in run.stderr + run.stdout
    whole = f"exit {run.returncode}: {last_line(run.stderr)}"
    rows.append(row(f"(the whole batch, {seconds:.1f} s)", len(server.requests), whole))
    rows.append(
        row("the API key in output, log, store or cache", "", "FOUND" if leaked else "never found")
    )
    return rows


def crashes(work: Path, rounds: int) -> list[str]:
    rng = random.Random(2026)
    head = ("command", "killed at N outputs", "briefed before rerun", "rerun", "store", "outputs")
    rows = [row(*head, "digests for the day"), row(*["---"] * 7)]
    for i in range(rounds):
        for command in ("run", "nightly"):
            base = work / f"crash-{command}-{i}"
            docs = make_docs(base / "in", SEED, 40)
            out = base / "out"
            args = [command, str(base / "in"), "--out", str(out), "--jobs", "2"]
            if command == "nightly":
                args += ["--date", "2026-11-26"]
            points = sorted(rng.randrange(0, 40) for _ in range(rng.randrange(2, 5)))
            for n in points:
                kill_when([sys.executable, "-m", "summarize", *args], out, n)
            store = store_for(out)
            before = store.count_briefings()
            rerun = cli(*args)
            parsed = sum(1 for d in docs if json.loads((out / f"{d.name}.json").read_text()))
            digests = len(store.digests()) if command == "nightly" else ""
            state = f"{store.count_briefings()} briefings, integrity {store.integrity()}"
            rows.append(
                row(
                    command,
                    points,
                    before,
                    f"exit {rerun.returncode}",
                    state,
                    f"{parsed}/40 parse",
                    digests,
                )
            )
    return rows


def defects(work: Path) -> list[str]:
    from defects import SCENARIOS  # bench/defects.py

    rows = [row("case", "expected", "outcome", "as expected"), row(*["---"] * 4)]
    for scenario in SCENARIOS:
        folder = work / scenario.__name__
        folder.mkdir()
        started = time.perf_counter()
        try:
            case, expected, outcome, ok = scenario(folder)
        except Exception as exc:  # a scenario that breaks is a finding, not a crash
            case, expected, outcome, ok = (
                scenario.__name__,
                "",
                f"{type(exc).__name__}: {exc}",
                False,
            )
        seconds = time.perf_counter() - started
        rows.append(row(case, expected, f"{outcome} ({seconds:.1f} s)", "yes" if ok else "NO"))
        print(rows[-1], file=sys.stderr, flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also write the report to this file")
    parser.add_argument("--rounds", type=int, default=3, help="crash rounds per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sections = [
            ("Bad input: every file through `run` on the folder and `brief`", inputs(work)),
            ("Model faults: one batch through the local OpenAI-compatible server", faults(work)),
            ("Crashes: SIGKILL to the process group, then a rerun", crashes(work, args.rounds)),
            ("Defects found by a new user and an attacker (issue 10), each tried", defects(work)),
        ]
    lines = [
        "# Reliability report",
        "",
        f"Made by `python3 bench/reliability.py --write bench/RELIABILITY.md` on {date.today()} "
        f"({platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}).",
        "",
    ]
    for title, rows in sections:
        lines += [f"## {title}", "", *rows, ""]
    report = "\n".join(lines)
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
    return 0 if " NO |" not in report and "FOUND" not in report else 1


if __name__ == "__main__":
    sys.exit(main())
