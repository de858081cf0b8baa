"""Verification CPU per claim: on the seed's rules claims, and on 400 quotes of a 1 MB document.

    python3 bench/verify_cpu.py [--runs 5]

The seed is briefed once with the rules backend (its parse warms the caches, as in a run); its
claims are then verified again by a new verifier, quoted as extracted and free (quote removed).
The 1 MB document and its quotes are `bench/scaling.py`'s; each claim states its quote. CPU
time of the process (not wall time), the median of `--runs` runs (five times as many for the
seed) after one untimed run (which loads the language model). BLAS runs on one thread: the
parser's helper threads spin while they wait, and their CPU time, counted in the process's,
varied by a third from run to run. Copy this script into an older checkout's `bench/` to
compare.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before numpy is imported (by spaCy)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from scaling import SIZES, articles, corpus, quotes_for  # noqa: E402

import summarize  # noqa: E402
from summarize.documents import from_text  # noqa: E402
from summarize.models import Claim  # noqa: E402
from summarize.verifier import Verifier  # noqa: E402


def per_claim(text: str, language: str, claims: list[Claim], runs: int) -> float:
    """Median CPU milliseconds per claim over `runs` runs, each with a new verifier."""
    Verifier(text, language).verify_all(claims)  # loads what a first run loads
    times = []
    for _ in range(runs):
        _clear_caches(parses=language == "en")
        start = time.process_time()
        Verifier(text, language).verify_all(claims)
        times.append((time.process_time() - start) / len(claims) * 1000)
    return statistics.median(times)


def _clear_caches(parses: bool) -> None:
    """Each run reads the claims and passages afresh (what a text's words, numbers, names and
    markers are); the parse is kept for the seed, whose briefing parsed its sentences as a run
    does, and dropped for the 1 MB document, which nothing parsed."""
    import importlib

    names = [
        "summarize.verifier.compare:_read",
        "summarize.text.tokens:_keys",
        "summarize.text.numbers:_find_numbers",
        "summarize.text.entities:_find_entities",
        "summarize.text.markers:_find_markers",
    ] + (["summarize.text.nlp:parse_sentence"] * parses)
    for name in names:
        module, attr = name.split(":")
        try:
            fn = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            continue  # an older checkout without this cache
        fn.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    seed = sorted((HERE.parent / "seeds").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    briefing = summarize.brief(from_text(text, language="fr"))
    doc_text = text
    quoted = [c.model_copy(update={"verification": None}) for c in briefing.claims]
    free = [c.model_copy(update={"quote": None}) for c in quoted]
    big, parts = corpus(SIZES[-1], articles())
    quotes = quotes_for(big, parts, random.Random(0))
    big_claims = [Claim(id=f"c{i}", statement=q.text, quote=q.text) for i, q in enumerate(quotes)]
    big_free = [c.model_copy(update={"quote": None}) for c in big_claims]
    rows = [
        ("seed, quoted", doc_text, "fr", quoted),
        ("seed, free", doc_text, "fr", free),
        ("1 MB, quoted", big, "en", big_claims),
        ("1 MB, free", big, "en", big_free),
    ]
    print("| claims | count | CPU ms per claim (median of runs) |")
    print("| --- | ---: | ---: |")
    for name, body, language, claims in rows:
        # A run of the seed's 12 claims takes 30 ms, which one full garbage collection can
        # double: five times the runs there.
        runs = args.runs * (5 if len(claims) < 50 else 1)
        print(f"| {name} | {len(claims)} | {per_claim(body, language, claims, runs):.2f} |")


if __name__ == "__main__":
    main()
