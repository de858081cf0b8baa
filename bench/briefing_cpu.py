"""CPU per news-sized document for a rules briefing (extract + verify), the parse included.

    python3 bench/briefing_cpu.py [--data ../shared/data] [--limit 40]

Briefs PolNeAR's English articles and the French seed with the rules backend in this process,
after one warm-up document (model loading is a once-a-process cost, reported apart), and
prints the CPU seconds per document. Run the same script from an older checkout to compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import summarize  # noqa: E402
from summarize.documents import from_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.data / "polnear-dev.jsonl").open()]
    texts = [(r["text"], "en") for r in rows[: args.limit]]
    seeds = sorted((HERE.parent.parent / "shared" / "seeds").glob("*.txt"))
    texts += [(p.read_text(encoding="utf-8"), "fr") for p in seeds]

    start = time.process_time()
    for language in ("en", "fr"):
        summarize.brief(from_text("Le maire a dit que le pont était fermé.", language=language))
    warm = time.process_time() - start

    per_doc: list[float] = []
    chars = 0
    for text, language in texts:
        t = time.process_time()
        summarize.brief(from_text(text, language=language))
        per_doc.append(time.process_time() - t)
        chars += len(text)
    print("| documents | mean chars | CPU s / doc (mean) | median | max | warm-up (loading) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {len(per_doc)} | {chars // len(per_doc)} | {statistics.mean(per_doc):.3f} |"
        f" {statistics.median(per_doc):.3f} | {max(per_doc):.3f} | {warm:.1f} s |"
    )


if __name__ == "__main__":
    main()
