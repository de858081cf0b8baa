"""Quote location, side by side: summarize's locator, LangExtract's aligner, rapidfuzz.

From FRANK's news articles and French text, quotes as models return them (verbatim; white
space, case, punctuation, quote marks, accents, spaces in numbers; elided middles; changed,
dropped or cut words) and quotes that are not in the document (another article's sentence, a
changed number or name). Prints one table: the share of quotes whose span overlaps the true
one with IoU >= 0.9, false hits on absent quotes, and time per quote, per locator.

    pip install langextract   # for the comparison only; not a dependency of summarize
    python3 bench/locate.py [--per-doc 3]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import FAMILY, Quote, iou, load_documents, make_quotes
from rapidfuzz import fuzz

from summarize.models import Claim, Verdict
from summarize.verifier import DocumentIndex, Locator, Verifier

Span = tuple[int, int] | None
RAPIDFUZZ_CUTOFF = 80.0  # partial_ratio score a naive aligner would accept


def summarize_locator(text: str) -> Callable[[str], Span]:
    locator = Locator(DocumentIndex.build(text))  # indexed once per document

    def find(quote: str) -> Span:
        found = locator.locate(quote)
        return (found.evidence.start, found.evidence.end) if found else None

    return find


def langextract_locator(text: str) -> Callable[[str], Span]:
    from langextract import data, resolver

    aligner = resolver.Resolver()

    def find(quote: str) -> Span:
        extraction = data.Extraction(extraction_class="quote", extraction_text=quote)
        try:
            [aligned] = list(aligner.align([extraction], text, token_offset=0, char_offset=0))
        except ValueError:  # it refuses some inputs ("tokens cannot be empty"): not found
            return None
        ci = aligned.char_interval
        if aligned.alignment_status is None or ci is None or ci.start_pos is None:
            return None
        return (ci.start_pos, ci.end_pos or ci.start_pos)

    return find


def rapidfuzz_locator(text: str) -> Callable[[str], Span]:
    def find(quote: str) -> Span:
        found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=RAPIDFUZZ_CUTOFF)
        return (found.dest_start, found.dest_end) if found else None

    return find


LOCATORS = {
    "summarize": summarize_locator,
    "langextract": langextract_locator,
    "rapidfuzz": rapidfuzz_locator,
}


def evaluate(name: str, docs: list[tuple[str, str]], quotes: list[Quote]) -> dict[str, float]:
    by_doc: dict[int, list[Quote]] = defaultdict(list)
    for q in quotes:
        by_doc[q.doc].append(q)
    hits: dict[str, list[bool]] = defaultdict(list)
    started = time.perf_counter()
    for i, items in by_doc.items():
        find = LOCATORS[name](docs[i][1])
        for q in items:
            span = find(q.text)
            if q.start < 0:
                hits[q.category].append(span is not None)  # a false hit
            else:
                hits[q.category].append(span is not None and iou(span, (q.start, q.end)) >= 0.9)
    seconds = time.perf_counter() - started
    result = {cat: sum(v) / len(v) for cat, v in hits.items()}
    result["ms_per_quote"] = 1000 * seconds / len(quotes)
    return result


def false_supported(docs: list[tuple[str, str]], quotes: list[Quote]) -> tuple[int, int]:
    """Absent quotes given as claims to the whole verifier: none may come out supported."""
    wrong = total = 0
    verifiers: dict[int, Verifier] = {}
    for q in quotes:
        if FAMILY[q.category] != "absent":
            continue
        verifier = verifiers.setdefault(q.doc, Verifier(docs[q.doc][1], docs[q.doc][0]))
        verdict = verifier.verify(Claim(id="q", statement=q.text, quote=q.text)).verdict
        total += 1
        wrong += verdict is Verdict.supported
    return wrong, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-doc", type=int, default=3, help="base spans per document")
    parser.add_argument("--skip", nargs="*", default=[], help="locators to leave out")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # LangExtract logs every fuzzy fallback

    docs = load_documents()
    quotes = make_quotes(docs, per_doc=args.per_doc)
    names = [n for n in LOCATORS if n not in args.skip]
    results = {name: evaluate(name, docs, quotes) for name in names}
    wrong, total = false_supported(docs, quotes)

    counts: dict[str, int] = defaultdict(int)
    for q in quotes:
        counts[q.category] += 1
    french = sum(1 for language, _ in docs if language == "fr")
    print(f"{len(docs)} documents ({french} French), {len(quotes)} quotes")
    print()
    print("| category | family | quotes | " + " | ".join(names) + " |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in names) + " |")
    for cat, family in FAMILY.items():
        if counts[cat] == 0:
            continue
        label = {
            "other_article": "false hits",
            "changed_number": "located; the verdict decides",
            "changed_name": "located; the verdict decides",
        }.get(cat, "IoU >= 0.9")
        cells = " | ".join(f"{results[n].get(cat, 0):.1%}" for n in names)
        print(f"| {cat} ({label}) | {family} | {counts[cat]} | {cells} |")
    for family in ("verbatim", "normalisation", "elided/changed"):
        cats = [c for c, f in FAMILY.items() if f == family and counts[c]]
        n = sum(counts[c] for c in cats)
        cells = " | ".join(f"{sum(results[m][c] * counts[c] for c in cats) / n:.1%}" for m in names)
        print(f"| **{family}, all** | | {n} | {cells} |")
    cells = " | ".join(f"{results[n]['ms_per_quote']:.3f} ms" for n in names)
    print(f"| **time per quote** | | {len(quotes)} | {cells} |")
    if "langextract" in results:
        speed = results["langextract"]["ms_per_quote"] / results["summarize"]["ms_per_quote"]
        print(f"| **summarize faster than LangExtract** | | | {speed:.0f}x |")
    print(f"| **absent quotes verified as supported** | | {total} | {wrong} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
