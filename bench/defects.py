"""The defects of issue 10, each tried for real through the CLI (or the library where a race
must be staged): every scenario returns (case, expected, outcome, as expected).

Run by bench/reliability.py; each scenario works in a folder of its own.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.batch import Plan, run_folder, store_for  # noqa: E402
from summarize.config import Settings  # noqa: E402
from summarize.digest.publish import make_digest  # noqa: E402
from summarize.files import make_folders  # noqa: E402
from summarize.store import SQLiteStore, StoreError  # noqa: E402
from summarize.testing import FakeOpenAI, Reply, Request, chat_completion, echo_briefer  # noqa: E402
from tests.test_batch import make_docs  # noqa: E402
from tests.test_inputs import remove_deep  # noqa: E402
from tests.test_orphans import alive, children  # noqa: E402

SEED = ROOT / "seeds" / "000_56b9f2641f4315ea.txt"
TEXT = "Selon l'AFP, la mairie de Lyon a fermé {n} écoles mardi après l'incendie du dépôt.\n"
SETTINGS = Settings(_env_file=None, jobs=1)  # type: ignore[call-arg]
Outcome = tuple[str, str, str, bool]


def env(extra: dict[str, str] | None = None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZE_", "OPENAI_"))}
    return {**base, **(extra or {})}


def cli(*args: object, **kw: object) -> subprocess.CompletedProcess[str]:
    extra = kw.pop("env", None)
    timeout = kw.pop("timeout", 600)
    return subprocess.run(
        [sys.executable, "-m", "summarize", *map(str, args)],
        capture_output=True,
        text=True,
        env=env(extra),  # type: ignore[arg-type]
        timeout=timeout,  # type: ignore[arg-type]
    )


def popen(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "summarize", *map(str, args)],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def inbox(folder: Path, n: int = 1) -> Path:
    path = folder / "in"
    path.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (path / f"d{i:03d}.txt").write_text(TEXT.format(n=i + 10))
    return path


def last(proc: subprocess.CompletedProcess[str]) -> str:
    lines = proc.stderr.strip().splitlines()
    return lines[-1] if lines else ""


def clean(proc: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in proc.stderr + proc.stdout


def wait_outputs(out: Path, n: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < n:
        time.sleep(0.01)


# -- high ---------------------------------------------------------------------------------------


def kill_main_only(folder: Path) -> Outcome:
    make_docs(folder / "in", SEED, 80)
    args = (
        "nightly",
        folder / "in",
        "--out",
        folder / "out",
        "--jobs",
        "2",
        "--date",
        "2026-11-26",
    )
    proc = popen(*args)
    wait_outputs(folder / "out", 3)
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    orphans = [w for w in workers if alive(w)]
    again = cli(*args)
    ok = bool(workers) and not orphans and again.returncode == 0
    outcome = (
        f"{len(workers)} workers, {len(orphans)} alive 10 s later; "
        f"next nightly exit {again.returncode}"
    )
    return "SIGKILL to the main pid alone", "no orphan, next nightly runs", outcome, ok


def interrupted(sig: signal.Signals, code: int) -> Callable[[Path], Outcome]:
    def scenario(folder: Path) -> Outcome:
        make_docs(folder / "in", SEED, 80)
        args = ("nightly", folder / "in", "--out", folder / "out", "--jobs", "2")
        proc = popen(*args)
        wait_outputs(folder / "out", 3)
        workers = children(proc.pid)
        sent = time.monotonic()
        os.kill(proc.pid, sig)
        _, stderr = proc.communicate(timeout=60)
        took = time.monotonic() - sent
        line = stderr.strip().splitlines()[-1]
        again = cli(*args)
        ok = (
            proc.returncode == code
            and line.startswith("interrupted: ")
            and took < 5
            and not any(alive(w) for w in workers)
            and again.returncode == 0
        )
        outcome = (
            f"exit {proc.returncode} after {took:.1f} s, '{line}'; rerun exit {again.returncode}"
        )
        return (
            f"{sig.name} to a nightly",
            f"exit {code}, 'interrupted: N done, M left'",
            outcome,
            ok,
        )

    scenario.__name__ = f"interrupted_{sig.name.lower()}"
    return scenario


def special_files(folder: Path) -> Outcome:
    path = inbox(folder)
    os.mkfifo(path / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path / "sock.txt"))
        run = cli("run", path, "--out", folder / "out", timeout=60)
    ignored = [ln for ln in run.stderr.splitlines() if ln.startswith("ignored")]
    ok = run.returncode == 0 and len(ignored) == 2 and clean(run)
    return (
        "a FIFO and a socket in the inbox",
        "skipped with a reason, no hang",
        "; ".join(ln.split(": ", 1)[1] for ln in ignored),
        ok,
    )


def commit_order(folder: Path) -> Outcome:
    path = inbox(folder)
    store = store_for(folder / "out")
    run_folder(Plan(path, folder / "out"), SETTINGS, store)
    make_digest(store, "2026-11-26", now=datetime.now(UTC) + timedelta(hours=1))
    (path / "late.txt").write_text(TEXT.format(n=99))
    run_folder(Plan(path, folder / "out"), SETTINGS, store)
    second = make_digest(store, "2026-11-27")
    names = [Path(d.path or "").name for d in second.documents]
    return (
        "a briefing committed after a digest whose clock is ahead",
        "in the next digest",
        f"next digest holds {names}",
        names == ["late.txt"],
    )


def stale_output(folder: Path) -> Outcome:
    path = inbox(folder)
    out = folder / "out"
    cli("run", path, "--out", out)
    html = out / "d000.txt.html"
    old = html.read_text()
    (path / "d000.txt").write_text(TEXT.format(n=77))
    html.unlink()
    html.mkdir()  # the HTML cannot be written this time
    failed = cli("run", path, "--out", out)
    html.rmdir()
    html.write_text(old)
    mended = cli("run", path, "--out", out)
    ok = failed.returncode == 1 and "77 écoles" in html.read_text() and mended.returncode == 0
    return (
        "a changed document whose HTML write failed",
        "rewritten on the next run",
        ("rewritten" if "77 écoles" in html.read_text() else "still the old page"),
        ok,
    )


def out_is_input(folder: Path) -> Outcome:
    path = inbox(folder)
    same = cli("run", path, "--out", path)
    for _ in range(3):
        cli("run", path, "--out", path / "briefings", "--store", path / "store.md", "--force")
    files = len(list(path.rglob("*.json")))
    ok = same.returncode == 2 and files == 1
    return (
        "`run X --out X`; `--out` and `--store` inside the inbox, 3 runs",
        "refused; never inputs",
        (f"exit {same.returncode}; {files} JSON output after 3 runs"),
        ok,
    )


# -- medium -------------------------------------------------------------------------------------


def store_faults(folder: Path) -> Outcome:
    path = inbox(folder)
    results = []
    empty = folder / "empty.db"
    empty.write_bytes(b"")
    newer = folder / "newer.db"
    SQLiteStore(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("INSERT INTO _migrations VALUES ('m999_future', 'x')")
    damaged = folder / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    for name, store in (("0-byte", empty), ("newer schema", newer), ("damaged", damaged)):
        proc = cli("run", path, "--out", folder / name, "--store", store)
        results.append((name, proc.returncode == 1 and clean(proc), last(proc).split(": ", 2)[-1]))
    busy = SQLiteStore(folder / "busy.db", timeout=0.2)
    holder = sqlite3.connect(folder / "busy.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        run_folder(Plan(path, folder / "busy-out"), SETTINGS, busy)
        results.append(("busy", False, "no error"))
    except StoreError as exc:
        results.append(("busy", "busy" in str(exc), str(exc).split(": ", 1)[-1]))
    finally:
        holder.execute("ROLLBACK")
    ok = all(r[1] for r in results)
    outcome = "; ".join(f"{n}: {why}" for n, _, why in results)
    return "0-byte, newer, damaged and busy stores", "one line each, exit 1", outcome, ok


def disk_full(folder: Path) -> Outcome:
    path = folder / "in"
    make_docs(path, SEED, 60)

    def limit() -> None:  # a file-size limit stands in for a full disk: EFBIG on writes
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))

    proc = subprocess.run(
        [sys.executable, "-m", "summarize", "run", str(path), "--out", str(folder / "out")],
        capture_output=True, text=True, env=env(), timeout=120, preexec_fn=limit,
    )  # fmt: skip
    ok = proc.returncode == 1 and clean(proc)
    return (
        "the disk fills mid-run",
        "one line, exit 1, no traceback",
        f"exit {proc.returncode}: {last(proc)[:160]}",
        ok,
    )


def model_replies(folder: Path) -> Outcome:
    doc = inbox(folder) / "d000.txt"
    big = chat_completion(content=json.dumps({"headline": "x" * 3_000_000}))
    results = []
    for name, reply, extra in (
        ("63 MB-like reply", lambda r: Reply(body=big), {"SUMMARIZE_MAX_REPLY_BYTES": "1000000"}),
        ("trickled reply", lambda r: Reply(body=echo_briefer(r).body, trickle=0.05),
         {"SUMMARIZE_TIMEOUT": "2"}),
    ):  # fmt: skip
        with FakeOpenAI(responder=reply) as server:
            started = time.monotonic()
            proc = cli(
                "brief", doc, "--model", "fake", "--base-url", server.base_url,
                env={"SUMMARIZE_API_KEY": "sk-x", "SUMMARIZE_MAX_RETRIES": "0",
                     "SUMMARIZE_CACHE_PATH": str(folder / "c.sqlite"), **extra},
            )  # fmt: skip
            took = time.monotonic() - started
        results.append(
            (
                name,
                proc.returncode == 1 and took < 10,
                f"{took:.1f} s, {last(proc).split(': ', 2)[-1]}",
            )
        )
    ok = all(r[1] for r in results)
    return (
        "a huge reply; a reply trickled a byte at a time",
        "capped; a total deadline",
        "; ".join(f"{n}: {w}" for n, _, w in results),
        ok,
    )


def dead_endpoint(folder: Path) -> Outcome:
    path = inbox(folder, 30)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    proc = cli(
        "run", path, "--out", folder / "out", "--jobs", "1", "--model", "fake",
        "--base-url", f"http://user:secret@127.0.0.1:{port}/v1",
        env={"SUMMARIZE_CACHE_PATH": str(folder / "c.sqlite")},
    )  # fmt: skip
    took = time.monotonic() - started
    stopped = "stopped: 3 documents in a row" in proc.stderr
    masked = "secret" not in proc.stderr and "***@" in proc.stderr
    ok = proc.returncode == 1 and stopped and masked
    return (
        "a dead endpoint, 30 documents (credentials in --base-url)",
        "stops after 3, key masked",
        (
            f"{took:.1f} s, {'stopped' if stopped else 'not stopped'}, "
            f"credentials {'masked' if masked else 'SHOWN'}"
        ),
        ok,
    )


def inputs_medley(folder: Path) -> Outcome:
    path = inbox(folder)
    deep = path.joinpath(*(["d"] * 1000))
    make_folders(deep)
    (deep / "deep.txt").write_text(TEXT.format(n=5))
    outside = folder / "elsewhere.txt"
    outside.write_text(TEXT.format(n=6))
    (path / "link.txt").symlink_to(outside)
    for name in ("fake.pdf", "image.png", "data.json"):
        (path / name).write_text(TEXT.format(n=7))
    run = cli("run", path, "--out", folder / "out")
    follow = cli("run", path, "--out", folder / "out2", "--follow-symlinks")
    pdf = cli("brief", path / "fake.pdf")
    for tree in (path / "d", folder / "out" / "d", folder / "out2" / "d"):
        remove_deep(tree)  # tempfile's cleanup recurses a level a folder
    ok = (
        "2 documents: 2 new, 0 skipped, 0 failed, 4 ignored" in run.stderr
        and "3 documents: 3 new" in follow.stderr
        and pdf.returncode == 1
        and clean(run)
    )
    outcome = (
        f"{last(run).split(' in ')[0]}; --follow-symlinks: {last(follow).split(' in ')[0]};"
        f" brief fake.pdf exit {pdf.returncode}"
    )
    return (
        "1,000 folders deep, a symlink outside, .pdf .png .json",
        "briefed; not followed; ignored",
        outcome,
        ok,
    )


def still_written(folder: Path) -> Outcome:
    path = inbox(folder)
    growing = path / "growing.txt"
    growing.write_text(TEXT.format(n=1))
    stop = threading.Event()

    def write() -> None:
        with growing.open("a") as fh:
            while not stop.is_set():
                fh.write(TEXT.format(n=2))
                fh.flush()
                time.sleep(0.001)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        run = cli("run", path, "--out", folder / "out")
    finally:
        stop.set()
        writer.join()
    ok = "deferred " in run.stderr and not (folder / "out" / "growing.txt.json").exists()
    return "a file still being written", "deferred, not published", last(run).split(" in ")[0], ok


def one_line_file(folder: Path) -> Outcome:
    words = "la Russie pourrait accueillir jusqu'à 25 000 travailleurs nord-coréens selon NHK "
    rows = []
    for mb in (1, 4):
        doc = folder / f"one-{mb}.txt"
        doc.write_text((words * (mb * 2**20 // len(words) + 1))[: mb * 2**20])
        started = time.monotonic()
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "summarize", "brief", str(doc)],
            capture_output=True, text=True, env=env(), timeout=600,
        )  # fmt: skip
        rows.append(
            (mb, time.monotonic() - started, int(proc.stderr.strip().splitlines()[-1]) / 1024)
        )
    growth = rows[1][1] / rows[0][1]
    outcome = ", ".join(f"{mb} MB: {s:.1f} s, {m:.0f} MiB" for mb, s, m in rows)
    return (
        "one line, no sentence end, 1 and 4 MB",
        "linear (x4 for 4x)",
        f"{outcome}; time x{growth:.1f}",
        growth < 5.5,
    )


def temporaries(folder: Path) -> Outcome:
    path = inbox(folder)
    out = folder / "out"
    out.mkdir()
    live = out / f".d000.txt.html.{os.getpid()}.abcdefgh.tmp"
    live.write_text("a live writer's")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    stale = out / f".d000.txt.md.{dead}.abcdefgh.tmp"
    stale.write_text("a killed writer's")
    cli("nightly", path, "--out", out)
    ok = live.exists() and not stale.exists()
    return (
        "temporaries of a live and of a dead writer",
        "live kept, dead removed",
        (
            f"live {'kept' if live.exists() else 'DELETED'}, "
            f"dead {'removed' if not stale.exists() else 'kept'}"
        ),
        ok,
    )


def overview_refused(folder: Path) -> Outcome:
    path = inbox(folder, 3)
    store = store_for(folder / "out")
    run_folder(Plan(path, folder / "out"), SETTINGS, store)

    def reply(request: Request) -> Reply:
        return Reply(
            body=chat_completion(content=json.dumps({"paragraph": "Lyon shut 4,000 schools."}))
        )

    with FakeOpenAI(responder=reply) as server:
        settings = Settings(
            _env_file=None,
            model="fake",
            base_url=server.base_url,
            api_key="sk",
            mode="json",
            backoff=0.01,
        )  # type: ignore[call-arg]
        made = make_digest(store, "2026-11-26", settings=settings)
    ok = made.overview is None and bool(made.warnings)
    return (
        "an overview the validator refused",
        "dropped with a warning",
        (made.warnings[0] if made.warnings else f"published: {made.overview}"),
        ok,
    )


def bad_dates_and_config(folder: Path) -> Outcome:
    path = inbox(folder)
    out = folder / "out"
    cli("run", path, "--out", out)
    codes = [
        cli("digest", "--out", out, "--date", d).returncode
        for d in ("../../x", "2026-13-45", "tomorrow")
    ]
    (folder / "file").write_text("in the way")
    blocked = [cli(*a, "--out", folder / "file" / "o") for a in (("nightly", path), ("digest",))]
    cache = folder / "cache.sqlite"
    cache.write_text("not sqlite " * 100)
    corrupt = cli(
        "brief",
        path / "d000.txt",
        "--model",
        "m",
        env={"SUMMARIZE_CACHE_PATH": str(cache), "SUMMARIZE_API_KEY": "x"},
    )
    prices = cli("brief", path / "d000.txt", env={"SUMMARIZE_PRICES": "nope"})
    written = [p for p in folder.rglob("*") if p.name.startswith("x.")]
    procs = [*blocked, corrupt, prices]
    ok = (
        codes == [2, 2, 2]
        and not written
        and all(p.returncode in (1, 2) and clean(p) for p in procs)
    )
    outcome = (
        f"--date exits {codes}; unwritable --out, corrupt cache, bad prices: "
        f"exits {[p.returncode for p in procs]}, no traceback"
    )
    return (
        "bad --date, unwritable --out, corrupt cache, malformed SUMMARIZE_PRICES",
        "one line each",
        outcome,
        ok,
    )


def umask_and_names(folder: Path) -> Outcome:
    path = inbox(folder)
    Path(os.fsdecode(bytes(path) + b"/a\nforged.txt")).write_text(TEXT.format(n=3))
    Path(os.fsdecode(bytes(path) + b"/caf\xe9.txt")).write_text(TEXT.format(n=4))
    proc = subprocess.run(
        ["sh", "-c", f"umask 022 && {sys.executable} -m summarize run '{path}' "
         f"--out '{folder / 'out'}'"],
        capture_output=True, text=True, env=env(),
    )  # fmt: skip
    modes = {oct(p.stat().st_mode & 0o777) for p in (folder / "out").glob("*.html")}
    forged = any(line.startswith("forged") for line in proc.stderr.splitlines())
    ok = modes == {"0o644"} and not forged and "3 documents: 3 new" in proc.stderr
    return (
        "umask 022; names with a newline and with invalid UTF-8",
        "0644 pages; escaped, briefed",
        (f"modes {sorted(modes)}; {last(proc).split(' in ')[0]}; forged line: {forged}"),
        ok,
    )


def concurrent_runs(folder: Path) -> Outcome:
    make_docs(folder / "in", SEED, 200)  # enough that the two runs overlap
    procs = [popen("run", folder / "in", "--out", folder / "out", "--jobs", "2") for _ in range(2)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    new = sum(int(m) for e in errs for m in re.findall(r"200 documents: (\d+) new", e))
    codes = [p.returncode for p in procs]
    ok = new == 200 and codes == [0, 0] and store_for(folder / "out").count_briefings() == 200
    return (
        "two `run`s at once on one --out",
        "each document briefed once",
        f"{new} briefed in all",
        ok,
    )


def many_files(folder: Path) -> Outcome:
    path = folder / "in"
    for i in range(20_000):
        sub = path / f"{i // 500:03d}"
        if i % 500 == 0:
            sub.mkdir(parents=True)
        (sub / f"d{i:05d}.txt").write_text(TEXT.format(n=i))
    started = time.monotonic()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "summarize", "run", str(path),
         "--out", str(folder / "out"), "--jobs", "2"],
        capture_output=True, text=True, env=env(), timeout=3000,
    )  # fmt: skip
    took = time.monotonic() - started
    peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
    ok = proc.returncode == 0 and peak < 200
    return (
        "20,000 files, --jobs 2",
        "the main process stays small",
        f"{took:.0f} s, peak RSS {peak:.0f} MiB",
        ok,
    )


def cli_friction(folder: Path) -> Outcome:
    path = inbox(folder)
    claims = folder / "claims.json"
    claims.write_text(json.dumps(["La mairie de Lyon a fermé 40 écoles mardi."]))
    (folder / "empty").mkdir()
    checks = {
        "-h": cli("run", "-h").returncode == 0,
        "verify --format html": cli(
            "verify", path / "d000.txt", claims, "--format", "html"
        ).stdout.startswith("<!doctype html>"),
        "--fail-on": cli("verify", path / "d000.txt", claims, "--fail-on", "unsupported").returncode
        == 1,
        "empty folder": "no documents"
        in cli("run", folder / "empty", "--out", folder / "o").stderr,
        "no store": "no store here yet" in cli("digest", "--out", folder / "nothing").stderr,
        "no <bool>": "<bool>" not in cli("run", "-h").stdout,
    }
    ok = all(checks.values())
    return (
        "CLI: -h, verify html and --fail-on, empty folder, no store, help",
        "all work",
        ", ".join(f"{k} {'ok' if v else 'NO'}" for k, v in checks.items()),
        ok,
    )


SCENARIOS: list[Callable[[Path], Outcome]] = [
    kill_main_only,
    interrupted(signal.SIGTERM, 143),
    interrupted(signal.SIGINT, 130),
    special_files,
    commit_order,
    stale_output,
    out_is_input,
    store_faults,
    disk_full,
    model_replies,
    dead_endpoint,
    inputs_medley,
    still_written,
    one_line_file,
    temporaries,
    overview_refused,
    bad_dates_and_config,
    umask_and_names,
    concurrent_runs,
    cli_friction,
    many_files,
]
