"""Quotes as models return them, made from real articles, each with its true span.

Used by bench/locate.py and bench/scaling.py. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_56b9f2641f4315ea.txt"

# Categories and the family each target applies to.
FAMILY = {
    "verbatim": "verbatim",
    "whitespace": "normalisation",
    "case": "normalisation",
    "punctuation": "normalisation",
    "quotes": "normalisation",
    "accents": "normalisation",
    "spaces_in_numbers": "normalisation",
    "elided": "elided/changed",
    "changed_words": "elided/changed",
    "dropped_words": "elided/changed",
    "truncated": "elided/changed",
    "other_article": "absent",
    "changed_number": "absent",
    "changed_name": "absent",
}

_WORD = re.compile(r"\S+")
_NEUTRAL_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")  # not summarize's splitter: no home advantage


@dataclass(frozen=True)
class Quote:
    doc: int
    category: str
    text: str
    start: int  # the true span; -1 for quotes that are not in the document
    end: int


def load_documents(max_en: int = 149, max_fr: int = 30) -> list[tuple[str, str]]:
    """(language, text): FRANK's articles, then French ones (the seed, RTE3-FR passages)."""
    seen: dict[str, None] = {}
    for line in (DATA / "frank-valid.jsonl").open(encoding="utf-8"):
        seen.setdefault(json.loads(line)["document"], None)
    docs = [("en", d) for d in list(seen)[:max_en]]
    docs.append(("fr", SEED.read_text(encoding="utf-8")))
    passages = list(
        dict.fromkeys(json.loads(line)["document"] for line in (DATA / "rte3fr-dev.jsonl").open())
    )
    # RTE3-FR passages are short: twelve in a row make an article-sized French document.
    for i in range(0, min(len(passages), 12 * (max_fr - 1)), 12):
        docs.append(("fr", "\n\n".join(passages[i : i + 12])))
    return docs


def _plain(text: str) -> str:
    """A neutral normal form (not summarize's) to tell repeated passages."""
    return " " + re.sub(r"\W+", " ", _strip_accents(text).lower()).strip() + " "


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _add_accents(text: str, rng: random.Random) -> str:
    swaps = {"e": "é", "a": "à", "u": "ù", "o": "ô"}
    return "".join(swaps[c] if c in swaps and rng.random() < 0.3 else c for c in text)


def _quotes_swap(text: str) -> str:
    if "’" in text or "“" in text:
        return text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"'", "’", text).replace('"', "“")


def _number_spaces(text: str, rng: random.Random) -> str:
    grouped = re.sub(r"(\d),(\d{3})", lambda m: f"{m.group(1)}\u202f{m.group(2)}", text)
    grouped = re.sub(r"(\d) (\d{3})", lambda m: f"{m.group(1)},{m.group(2)}", grouped)
    if grouped != text:
        return grouped
    words = text.split(" ")
    return "".join(
        w + (rng.choice(["\u00a0", "\u2009"]) if i % 3 == 1 else " ") for i, w in enumerate(words)
    ).rstrip()


def make_quotes(docs: list[tuple[str, str]], per_doc: int = 3, seed: int = 0) -> list[Quote]:
    rng = random.Random(seed)
    quotes: list[Quote] = []
    names_pool = sorted({w for _, d in docs for w in re.findall(r"\b[A-Z][a-z]{3,}\b", d)})
    for i, (_, text) in enumerate(docs):
        sentences = [m for m in _NEUTRAL_SENTENCE.finditer(text) if len(m.group().split()) >= 10]
        rng.shuffle(sentences)
        for m in sentences[:per_doc]:
            lead = len(m.group()) - len(m.group().lstrip())
            start, end = m.start() + lead, m.end()
            words = list(_WORD.finditer(text, start, end))
            if (
                rng.random() < 0.5 and len(words) >= 14
            ):  # a sub-sentence span, as models often quote
                a = rng.randrange(0, len(words) - 10)
                b = min(len(words), a + rng.randrange(8, 14))
                start, end = words[a].start(), words[b - 1].end()
                words = words[a:b]
            span = text[start:end]
            if _plain(text).count(_plain(span)) != 1:
                continue  # a repeated passage has no single true span
            add = lambda cat, q, s=start, e=end, d=i: quotes.append(Quote(d, cat, q, s, e))  # noqa: E731
            add("verbatim", span)
            add("whitespace", re.sub(r" ", lambda _: rng.choice(["  ", " \n", " "]), span))
            add("case", span.lower() if rng.random() < 0.5 else span.upper())
            unpunctuated = re.sub(r"[,.;:!?()]", "", span).replace("-", " ")
            add("punctuation", unpunctuated + rng.choice([".", "", ","]))
            add("quotes", _quotes_swap(span))
            add("accents", _strip_accents(span) if rng.random() < 0.6 else _add_accents(span, rng))
            add("spaces_in_numbers", _number_spaces(span, rng))
            texts = [w.group() for w in words]
            if len(texts) >= 10:
                k = rng.randrange(3, len(texts) // 2 - 1)
                k2 = rng.randrange(3, len(texts) - k - 2)
                add(
                    "elided",
                    " ".join(texts[:k])
                    + rng.choice([" ... ", " … ", " [...] "])
                    + " ".join(texts[-k2:]),
                )
            vocab = [w.group() for w in _WORD.finditer(text) if w.group().isalpha()]
            changed = list(texts)
            for j in rng.sample(range(1, len(texts) - 1), min(2, len(texts) - 2)):
                changed[j] = rng.choice(vocab)
            add("changed_words", " ".join(changed))
            dropped = list(texts)
            for j in sorted(
                rng.sample(range(1, len(texts) - 1), min(2, len(texts) - 2)), reverse=True
            ):
                del dropped[j]
            add("dropped_words", " ".join(dropped))
            cut_front = rng.random() < 0.5
            cut = min(3, len(texts[0 if cut_front else -1]) - 1)
            if cut_front:
                quotes.append(Quote(i, "truncated", span[cut:], start + cut, end))
            else:
                quotes.append(Quote(i, "truncated", span[:-cut], start, end - cut))
            numbers = list(re.finditer(r"\d+", span))
            if numbers:
                n = rng.choice(numbers)
                other = str(int(n.group()) + rng.randrange(1, 9))
                quotes.append(
                    Quote(i, "changed_number", span[: n.start()] + other + span[n.end() :], -1, -1)
                )
            caps = list(re.finditer(r"\b[A-Z][a-z]{3,}\b", span))
            if caps:
                c = rng.choice(caps)
                name = rng.choice([n for n in names_pool if n != c.group()])
                quotes.append(
                    Quote(i, "changed_name", span[: c.start()] + name + span[c.end() :], -1, -1)
                )
        # A sentence of another article of the same language.
        j = rng.randrange(len(docs))
        while j == i or docs[j][0] != docs[i][0]:
            j = rng.randrange(len(docs))
        others = [
            m.group().strip()
            for m in _NEUTRAL_SENTENCE.finditer(docs[j][1])
            if len(m.group().split()) >= 10
        ]
        others = [s for s in others if s not in text]
        if others:
            quotes.append(Quote(i, "other_article", rng.choice(others), -1, -1))
    return quotes


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0
