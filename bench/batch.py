"""Folder runs with the rules backend: throughput, memory, and the incremental rerun.

Prints one table: documents per second at --jobs 1 and --jobs 2, peak memory of the whole
process tree (summed over the CLI process and its workers), and a rerun that must skip every
document in under 5% of the first run's time. Each run is the real CLI in a subprocess.

    python3 bench/batch.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_56b9f2641f4315ea.txt"
PAGE = os.sysconf("SC_PAGE_SIZE")


def make_corpus(folder: Path, count: int) -> None:
    """Distinct documents of the seed's size: its paragraphs rotated, a numbered dateline."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()][1:]
    for i in range(count):
        k = i % len(paragraphs)
        body = "\n\n".join(paragraphs[k:] + paragraphs[:k])
        (folder / f"doc_{i:04d}.txt").write_text(f"Dépêche {i + 1} de Kyiv.\n\n{body}", "utf-8")


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError):  # the process may have just ended
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        todo.extend(children.get(pid, []))
    return total


def timed_run(docs: Path, out: Path, jobs: int) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS and the summary line of one `summarize run`."""
    cmd = [
        sys.executable,
        "-m",
        "summarize",
        "run",
        str(docs),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}):\n{stderr[-2000:]}")
    return seconds, peak[0], stderr.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    n = args.docs
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = work / "docs"
        docs.mkdir()
        make_corpus(docs, n)
        t1, m1, _ = timed_run(docs, work / "out1", jobs=1)
        t2, m2, _ = timed_run(docs, work / "out2", jobs=2)
        tr, mr, line = timed_run(docs, work / "out2", jobs=2)
    skipped_all = f"0 new, {n} skipped, 0 failed" in line
    share = tr / t2
    rows = [
        ("documents", f"{n}", "seed-sized (about 4.3 kB), rules backend"),
        ("--jobs 1", f"{n / t1:.1f} docs/s", f"{t1:.1f} s, peak memory {m1 / 2**20:.0f} MiB"),
        ("--jobs 2", f"{n / t2:.1f} docs/s", f"{t2:.1f} s, peak memory {m2 / 2**20:.0f} MiB"),
        ("speedup 2 vs 1", f"{t1 / t2:.2f}x", f"{os.cpu_count()} cores"),
        (
            "rerun, --jobs 2",
            f"{tr:.2f} s",
            f"{share:.1%} of the first run (target < 5%: {'met' if share < 0.05 else 'NOT met'}); "
            f"skipped all: {'yes' if skipped_all else 'NO'}; peak memory {mr / 2**20:.0f} MiB",
        ),
    ]
    print("| measure | value | note |")
    print("| --- | --- | --- |")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    return 0 if skipped_all and share < 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
