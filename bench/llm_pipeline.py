"""The openai backend end to end against the local fake server with a fixed latency.

Prints one table: model calls and tokens per document, wall time for N documents at
concurrency 1 and 8 (target speedup >= 6x), and a rerun (target: 0 calls, all from cache).

    python3 bench/llm_pipeline.py [--docs 100] [--latency 0.5]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from summarize.batch import Plan, RunReport, run_folder, store_for
from summarize.config import Settings
from summarize.testing import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_56b9f2641f4315ea.txt"


def make_corpus(folder: Path, count: int) -> None:
    """Distinct documents of the seed's size: the seed's paragraphs, rotated, with a dateline."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = paragraphs[1:]
    for i in range(count):
        k = i % len(body)
        rotated = body[k:] + body[:k]
        text = f"Dépêche numéro {i + 1}, publiée à Kyiv.\n\n" + "\n\n".join(rotated)
        (folder / f"doc_{i:04d}.txt").write_text(text, encoding="utf-8")


def run(
    docs: Path, out: Path, server: FakeOpenAI, cache: Path, jobs: int
) -> tuple[RunReport, float, int]:
    settings = Settings(
        _env_file=None,
        model="fake-model",
        base_url=server.base_url,
        api_key="sk-bench",
        cache_path=cache,
        jobs=jobs,
        concurrency=jobs,  # requests in flight, across documents: the one cap
    )
    before = len(server.requests)
    started = time.perf_counter()
    report = run_folder(Plan(docs, out), settings, store_for(out))
    return report, time.perf_counter() - started, len(server.requests) - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.5, help="seconds per model request")
    args = parser.parse_args()
    logging.getLogger("instructor").setLevel(logging.CRITICAL)

    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI(latency=args.latency) as server:
        work = Path(tmp)
        docs = work / "docs"
        docs.mkdir()
        make_corpus(docs, args.docs)
        serial, t1, calls1 = run(docs, work / "out1", server, work / "cache1.sqlite", jobs=1)
        parallel, t8, calls8 = run(docs, work / "out8", server, work / "cache8.sqlite", jobs=8)
        # The rerun skips every document (the store knows them); --force would use the cache.
        rerun, tr, calls_r = run(docs, work / "out8", server, work / "cache8.sqlite", jobs=8)

    failed = len(serial.failed) + len(parallel.failed) + len(rerun.failed)
    n = args.docs
    usage = parallel.usage
    rows = [
        ("documents", f"{n}", ""),
        ("model latency per request", f"{args.latency:.2f} s", "fixed, local fake server"),
        ("calls per document", f"{usage.calls / n:.2f}", ""),
        (
            "tokens in / out per document",
            f"{usage.tokens_in / n:.0f} / {usage.tokens_out / n:.0f}",
            "",
        ),
        ("wall time, concurrency 1", f"{t1:.1f} s", f"{calls1} calls"),
        ("wall time, concurrency 8", f"{t8:.1f} s", f"{calls8} calls"),
        (
            "speedup 8 vs 1",
            f"{t1 / t8:.1f}x",
            "target >= 6x: " + ("met" if t1 / t8 >= 6 else "NOT met"),
        ),
        (
            "rerun, concurrency 8",
            f"{tr:.1f} s",
            f"{calls_r} calls (target 0: " + ("met" if calls_r == 0 else "NOT met") + ")",
        ),
        ("failed documents", f"{failed}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | value | note |")
    print(f"| {'-' * width} | --- | --- |")
    for name, value, note in rows:
        print(f"| {name:<{width}} | {value} | {note} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
