"""How quote location scales with document length: 10 kB, 100 kB and 1 MB.

Documents are distinct FRANK articles and WiCE web pages laid end to end. The document is
indexed once; quotes (verbatim and as models retype them: case, punctuation, changed and
dropped words, elisions) are drawn from all over it. Prints one table: index time, time per
quote, its growth per doubling of length (target <= 1.3x), claims fully verified per second
on the 1 MB document, and peak memory.

    python3 bench/scaling.py
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import DATA, Quote, iou, load_documents, make_quotes

from summarize.models import Claim
from summarize.verifier import DocumentIndex, Locator, Verifier

SIZES = (10_000, 100_000, 1_000_000)
QUOTES = 400
CATEGORIES = {"verbatim", "case", "punctuation", "changed_words", "dropped_words", "elided"}


def articles() -> list[str]:
    """Distinct texts: FRANK's articles, then WiCE's cited web pages (about 2.5 MB in all)."""
    texts = [text for language, text in load_documents(max_fr=0) if language == "en"]
    pages = (DATA / "wice-dev.jsonl").open(encoding="utf-8")
    texts += list(dict.fromkeys(json.loads(line)["document"] for line in pages))
    return texts


def corpus(size: int, texts: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """Texts laid end to end up to `size` characters, with each one's offset."""
    parts: list[tuple[int, str]] = []
    total = 0
    for text in texts:
        if total >= size:
            break
        parts.append((total, text))
        total += len(text) + 2
    if total < size:
        raise SystemExit(f"not enough distinct text for {size} characters")
    return "\n\n".join(a for _, a in parts)[:size], parts


def quotes_for(text: str, parts: list[tuple[int, str]], rng: random.Random) -> list[Quote]:
    """Quotes from articles spread over the whole document, offsets shifted to it."""
    chosen = rng.sample(parts, min(len(parts), 60))
    docs = [("en", article) for _, article in chosen]
    per_doc = max(2, 240 // len(chosen))  # enough quotes for small documents too
    found: list[Quote] = []
    for q in make_quotes(docs, per_doc=per_doc, seed=rng.randrange(1000)):
        if q.category not in CATEGORIES:
            continue
        offset = chosen[q.doc][0]
        if offset + q.end <= len(text):
            found.append(Quote(0, q.category, q.text, offset + q.start, offset + q.end))
    rng.shuffle(found)
    return found[:QUOTES]


def main() -> int:
    rng = random.Random(0)
    texts = articles()
    rows = []
    per_quote: dict[int, float] = {}
    for size in SIZES:
        text, parts = corpus(size, texts)
        quotes = quotes_for(text, parts, rng)
        tracemalloc.start()  # memory in a pass of its own: tracing slows everything down
        DocumentIndex.build(text, "en").stem_ids  # noqa: B018
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        started = time.perf_counter()
        index = DocumentIndex.build(text, "en")
        index.stem_ids  # noqa: B018  built lazily on first fuzzy match: part of indexing
        indexed = time.perf_counter() - started
        locator = Locator(index)
        hits = 0
        started = time.perf_counter()
        for q in quotes:
            found = locator.locate(q.text)
            if found and iou((found.evidence.start, found.evidence.end), (q.start, q.end)) >= 0.9:
                hits += 1
        seconds = time.perf_counter() - started
        per_quote[size] = seconds / len(quotes)
        rows.append((size, indexed, per_quote[size], hits / len(quotes), peak, len(quotes)))

    big_text, big_parts = corpus(SIZES[-1], texts)
    verifier = Verifier(big_text, "en")
    claims = [
        Claim(id=f"c{i}", statement=q.text, quote=q.text)
        for i, q in enumerate(quotes_for(big_text, big_parts, rng))
    ]
    started = time.perf_counter()
    verifier.verify_all(claims)
    claims_per_second = len(claims) / (time.perf_counter() - started)
    # Claims without a quote: the sentence index is built on the first, then reused.
    free = [c.model_copy(update={"quote": None}) for c in claims]
    started = time.perf_counter()
    verifier.verify(free[0])
    first_free = time.perf_counter() - started
    started = time.perf_counter()
    verifier.verify_all(free[1:])
    free_per_second = (len(free) - 1) / (time.perf_counter() - started)

    print(
        "| document | index once | time per quote | located (IoU >= 0.9) | index memory | quotes |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for size, indexed, t, located, peak, n in rows:
        print(
            f"| {size / 1000:,.0f} kB | {indexed * 1000:.0f} ms | {t * 1000:.3f} ms | "
            f"{located:.1%} | {peak / 2**20:.1f} MiB | {n} |"
        )
    doublings = math.log2(SIZES[-1] / SIZES[0])
    growth = (per_quote[SIZES[-1]] / per_quote[SIZES[0]]) ** (1 / doublings)
    verdict = "met" if growth <= 1.3 else "NOT met"
    label = f"{growth:.2f}x (target <= 1.3x: {verdict})"
    print(f"| growth per doubling, 10 kB to 1 MB | | {label} | | | |")
    print(f"| claims verified per second, 1 MB | | {claims_per_second:.0f} | | | {len(claims)} |")
    print(
        f"| free claims (no quote) per second, 1 MB | {first_free * 1000:.0f} ms for the first "
        f"| {free_per_second:.0f} | | | {len(free)} |"
    )
    return 0 if growth <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
