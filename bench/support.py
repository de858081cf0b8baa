"""Support of free claims (no quote): `summarize verify` against FRANK, WiCE and RTE3-FR.

For each split: balanced accuracy of the verifier's support score held out (the threshold
chosen on half A of the split's documents, by a hash of the document, and scored on half B),
and with the threshold chosen on the whole split, next to a plain content-word coverage
baseline computed here the same two ways; for WiCE, also the
evidence recall: the share of supported claims for which one annotated evidence set is wholly
among the verifier's top 5 sentences (--k changes the depth). With a model set (--judge), the
judged accuracy too.

    python3 bench/support.py [--limit N] [--k K] [--judge --model M --base-url URL]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarize.config import Settings
from summarize.models import Claim, Verdict, Verification
from summarize.text.lexicon import STOPWORDS
from summarize.verifier import Verifier

if TYPE_CHECKING:
    from summarize.judge import Judge

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SPLITS = {
    "FRANK": ("frank-valid.jsonl", "en", 0.83),
    "WiCE": ("wice-dev.jsonl", "en", 0.75),
    "RTE3-FR": ("rte3fr-dev.jsonl", "fr", 0.75),
}
_WORD = re.compile(r"\w+")


@dataclass
class Row:
    label: int
    score: float
    baseline: float
    recalled: tuple[bool, bool] | None = None  # (a whole evidence set, any evidence sentence)
    judged: bool | None = None
    part: str = ""  # FRANK's source: cnndm or bbc
    verdict: Verdict = Verdict.unsupported  # what a user reads, no threshold tuned
    half: str = "A"  # by the document: no article's summaries on both sides


def coverage_baseline(claim: str, document: str) -> float:
    """Share of the claim's content words (lower case, no stop words) found in the document."""
    words = {w for w in _WORD.findall(document.lower())}
    content = [w for w in _WORD.findall(claim.lower()) if w not in STOPWORDS]
    return sum(w in words for w in content) / len(content) if content else 1.0


def shipped_verdicts(rows: Sequence[Row]) -> str:
    """How often a "supported" verdict is right, and the share of supported claims given it."""
    said = [r for r in rows if r.verdict is Verdict.supported]
    right = sum(r.label for r in said)
    positives = sum(r.label for r in rows)
    precision = f"{right / len(said):.0%}" if said else "n/a"
    return f"{precision} right, {right / positives:.0%} of supported" if positives else precision


def balanced_accuracy(labels: Sequence[int], predictions: Sequence[bool]) -> float:
    pos = [p for y, p in zip(labels, predictions, strict=True) if y == 1]
    neg = [not p for y, p in zip(labels, predictions, strict=True) if y == 0]
    return (sum(pos) / len(pos) + sum(neg) / len(neg)) / 2


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> tuple[float, float]:
    """The threshold with the best balanced accuracy on this split, and that accuracy."""
    best = (0.0, 0.0)
    for t in sorted(set(scores)):
        acc = balanced_accuracy(labels, [s >= t for s in scores])
        if acc > best[1]:
            best = (t, acc)
    return best


def held_out(rows: Sequence[Row], value: str) -> float:
    """Balanced accuracy on half B with the threshold chosen on half A."""
    a = [r for r in rows if r.half == "A"]
    b = [r for r in rows if r.half == "B"]
    threshold, _ = best_threshold([r.label for r in a], [getattr(r, value) for r in a])
    return balanced_accuracy([r.label for r in b], [getattr(r, value) >= threshold for r in b])


def recalled(verifier: Verifier, claim: str, row: dict, k: int = 5) -> tuple[bool, bool] | None:  # type: ignore[type-arg]
    """Whether one annotated evidence set lies wholly among the top `k` sentences, and whether
    any annotated evidence sentence does."""
    evidence = {e["sentence_index"]: (e["start"], e["end"]) for e in row.get("evidence") or []}
    sets = row["meta"].get("evidence_sets") or []
    if not evidence or not sets:
        return None
    top = [(s.start, s.end) for s in verifier.evidence_sentences(claim, k)]

    def covered(span: tuple[int, int]) -> bool:
        length = span[1] - span[0]
        return any(min(span[1], e) - max(span[0], s) >= 0.5 * length for s, e in top)

    whole = any(all(i in evidence and covered(evidence[i]) for i in group) for group in sets)
    return whole, any(covered(span) for span in evidence.values())


def run_split(
    name: str, limit: int | None, judge: Judge | None, k: int = 5
) -> tuple[list[Row], float]:
    path, language, _ = SPLITS[name]
    rows = [json.loads(line) for line in (DATA / path).open(encoding="utf-8")][:limit]
    out: list[Row] = []
    verifiers: dict[str, Verifier] = {}
    pending: list[tuple[Row, Verifier, Claim, Verification]] = []
    started = time.perf_counter()
    for row in rows:
        doc = row["document"]
        verifier = verifiers.setdefault(doc, Verifier(doc, language))
        claim = Claim(id=row["id"], statement=row["claim"])
        result = verifier.verify(claim)
        out.append(
            Row(
                row["label"],
                result.score,
                coverage_baseline(row["claim"], doc),
                recalled(verifier, row["claim"], row, k)
                if name == "WiCE" and row["label"] == 1
                else None,
                None,
                row.get("dataset") or "",
                result.verdict,
                "A" if hashlib.sha256(doc.encode()).digest()[0] % 2 == 0 else "B",
            )
        )
        if judge is not None:
            pending.append((out[-1], verifier, claim, result))
        if len(verifiers) > 64:
            _judge_all(judge, pending)
            verifiers.clear()
    _judge_all(judge, pending)
    return out, time.perf_counter() - started


def _judge_all(
    judge: Judge | None, pending: list[tuple[Row, Verifier, Claim, Verification]]
) -> None:
    """The model's verdicts on the claims the checks leave open, as many at once as the
    settings' concurrency allows (the verifiers are built by now, so threads only read them)."""
    if judge is None or not pending:
        return

    def one(item: tuple[Row, Verifier, Claim, Verification]) -> None:
        row, verifier, claim, result = item
        if judge.needs_judging(claim, result):
            result = judge.judge(verifier, claim, result)
        row.judged = result.verdict is Verdict.supported

    with ThreadPoolExecutor(max_workers=judge.settings.concurrency) as pool:
        list(pool.map(one, pending))
    pending.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N rows of each split")
    parser.add_argument("--k", type=int, default=5, help="evidence sentences kept (recall@k)")
    parser.add_argument("--judge", action="store_true", help="also ask the configured model")
    parser.add_argument("--model")
    parser.add_argument("--base-url")
    args = parser.parse_args()
    judge = None
    if args.judge:
        from summarize.judge import Judge

        judge = Judge(Settings().with_overrides(model=args.model, base_url=args.base_url))

    columns = (
        "split | claims | held out (A→B) | baseline held out | summarize | threshold"
        " | coverage baseline | target"
    )
    print(f"| {columns} | verdict supported | evidence recall@{args.k} | judged | time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    met = True
    for name, (_, _, target) in SPLITS.items():
        rows, seconds = run_split(name, args.limit, judge, args.k)
        labels = [r.label for r in rows]
        threshold, ours = best_threshold(labels, [r.score for r in rows])
        _, base = best_threshold(labels, [r.baseline for r in rows])
        recall_rows = [r.recalled for r in rows if r.recalled is not None]
        recall = (
            f"{sum(w for w, _ in recall_rows) / len(recall_rows):.3f} whole set, "
            f"{sum(a for _, a in recall_rows) / len(recall_rows):.3f} any sentence"
            if recall_rows
            else ""
        )
        judged = (
            f"{balanced_accuracy(labels, [bool(r.judged) for r in rows]):.3f}"
            if judge
            else "not run"
        )
        held, held_base = held_out(rows, "score"), held_out(rows, "baseline")
        met &= held >= target
        print(
            f"| {name} | {len(rows)} | {held:.4f} | {held_base:.4f} "
            f"| {ours:.4f} | {threshold:.3f} | {base:.4f} | >= {target} "
            f"| {shipped_verdicts(rows)} | {recall} | {judged} | {seconds:.1f} s |"
        )
        # Each source on its own, with its own threshold: how much of the split's figure is
        # the separation of its halves rather than of faithful from unfaithful summaries.
        parts = sorted({r.part for r in rows if r.part})
        for part in parts if len(parts) > 1 else []:
            sub = [r for r in rows if r.part == part]
            sub_labels = [r.label for r in sub]
            _, sub_ours = best_threshold(sub_labels, [r.score for r in sub])
            _, sub_base = best_threshold(sub_labels, [r.baseline for r in sub])
            print(
                f"| {name}, {part} only | {len(sub)} | | | {sub_ours:.4f} | own | {sub_base:.4f} "
                f"| (diagnostic) | {shipped_verdicts(sub)} | | | |"
            )
    if judge is not None:
        u = judge.usage()
        print(
            f"judge: {u.calls} requests ({u.retries} retries, {u.reasks} reasks), "
            f"{u.cache_hits} answers from the cache, {u.tokens_in} tokens in, "
            f"{u.tokens_out} out, {u.model_seconds:.0f} s waiting on the model",
            file=sys.stderr,
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
