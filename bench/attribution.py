"""Who said what, measured: `summarize.attributions` against PolNeAR (English) and ASFALDA
(French) dev splits.

    python3 bench/attribution.py [--data ../shared/data] [--limit N]

Per role (source, cue, content): precision, recall and F1 with exact match and with partial
match (character IoU >= 0.5, after trimming spaces and punctuation), and "who+what" (content
and source both partially matched). Articles are split in two halves by a hash of their id:
rules were looked at and changed on half A only; half B is reported as held out. ASFALDA
annotates one target per sentence, so only recall is measured there.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import string
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from summarize.models import Attribution  # noqa: E402
from summarize.text.attribution import attributions  # noqa: E402

ROLES = ("source", "cue", "content")
_TRIM = set(string.whitespace + string.punctuation + "“”‘’«»—–\u00a0")


def chars(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """The positions a role covers, without spaces and punctuation."""
    return frozenset(i for a, b in spans for i in range(a, b) if text[i] not in _TRIM)


def iou(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class Score:
    matched_pred: int = 0
    pred: int = 0
    matched_gold: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.matched_pred / self.pred if self.pred else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Tally:
    scores: dict[str, Score] = field(default_factory=dict)
    docs: int = 0
    seconds: float = 0.0

    def get(self, key: str) -> Score:
        return self.scores.setdefault(key, Score())


def _match(
    preds: list[frozenset[int]], golds: list[frozenset[int]], exact: bool
) -> tuple[int, int, list[tuple[int, int]]]:
    """One-to-one greedy matching by IoU; returns matched counts and the pairs."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            score = iou(p, g)
            ok = p == g if exact else score >= 0.5
            if ok:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return len(used_p), len(used_g), out


def _pred_roles(text: str, a: Attribution) -> dict[str, frozenset[int]]:
    content = [(p.start, p.end) for p in a.parts] or [(a.content.start, a.content.end)]
    return {
        "source": chars(text, [(a.source.start, a.source.end)]) if a.source else frozenset(),
        "cue": chars(text, [(a.cue.start, a.cue.end)]),
        "content": chars(text, content),
    }


def score_doc(
    text: str,
    gold: list[dict[str, frozenset[int]]],
    pred: list[dict[str, frozenset[int]]],
    tally: Tally,
) -> None:
    for role in ROLES:
        p = [x[role] for x in pred if x[role]]
        g = [x[role] for x in gold if x[role]]
        for exact in (True, False):
            s = tally.get(f"{role} {'exact' if exact else 'partial'}")
            mp, mg, _ = _match(p, g, exact)
            s.matched_pred += mp
            s.matched_gold += mg
            s.pred += len(p)
            s.gold += len(g)
    # who+what: content and source both partially matched (an implicit source matches an
    # implicit one).
    s = tally.get("who+what partial")
    used: set[int] = set()
    matched_pred = 0
    for x in pred:
        for j, g in enumerate(gold):
            if j in used or iou(x["content"], g["content"]) < 0.5:
                continue
            same_source = (not x["source"] and not g["source"]) or iou(
                x["source"], g["source"]
            ) >= 0.5
            if same_source:
                used.add(j)
                matched_pred += 1
                break
    s.matched_pred += matched_pred
    s.matched_gold += len(used)
    s.pred += len(pred)
    s.gold += len(gold)


def half(doc_id: str) -> str:
    return "A" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "B"


def _score(
    rows: list[dict[str, Any]],
    language: str,
    spans_of: Callable[[Any], list[tuple[int, int]]],
) -> dict[str, Tally]:
    """Score `attributions` on `rows`; `spans_of` reads one role's spans in the dataset's form."""
    tallies = {"A": Tally(), "B": Tally()}
    for n, row in enumerate(rows):
        text = row["text"]
        gold = [
            {
                role: chars(text, spans_of(att[role])) if att.get(role) else frozenset()
                for role in ROLES
            }
            for att in row["attributions"]
        ]
        t = time.process_time()
        pred = [_pred_roles(text, a) for a in attributions(text, language)]
        tally = tallies[half(row.get("id", str(n)))]
        tally.seconds += time.process_time() - t
        tally.docs += 1
        score_doc(text, gold, pred, tally)
    return tallies


def polnear(path: Path, limit: int | None) -> dict[str, Tally]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")][:limit]
    return _score(rows, "en", lambda value: [tuple(s) for s in value["spans"]])


def asfalda(path: Path, limit: int | None) -> dict[str, Tally]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")][:limit]
    return _score(rows, "fr", lambda value: [(s["start"], s["end"]) for s in value])


def table(title: str, tallies: dict[str, Tally], recall_only: bool = False) -> None:
    print(f"\n{title}")
    if recall_only:
        print("| role | recall A | recall B (held out) |")
        print("| --- | ---: | ---: |")
    else:
        print("| role | P A | R A | F1 A | P B | R B | F1 B (held out) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    keys = [f"{r} {m}" for r in ROLES for m in ("exact", "partial")] + ["who+what partial"]
    for key in keys:
        cells = []
        for h in ("A", "B"):
            p, r, f = tallies[h].get(key).prf()
            cells += [f"{r:.3f}"] if recall_only else [f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"]
        print(f"| {key} | " + " | ".join(cells) + " |")
    docs = " / ".join(f"{h}: {t.docs} texts, {t.seconds:.1f} s CPU" for h, t in tallies.items())
    gold = " / ".join(
        f"{h}: {t.get('content partial').gold} attributions" for h, t in tallies.items()
    )
    print(f"\n{docs}; {gold}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", choices=("polnear", "asfalda"), default=None)
    args = parser.parse_args()
    if args.only in (None, "polnear"):
        table("PolNeAR dev (English news)", polnear(args.data / "polnear-dev.jsonl", args.limit))
    if args.only in (None, "asfalda"):
        table(
            "ASFALDA dev (French reporting frames; one target a sentence: recall only)",
            asfalda(args.data / "asfalda-dev.jsonl", args.limit),
            recall_only=True,
        )


if __name__ == "__main__":
    main()
