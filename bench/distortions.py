"""Does the verifier catch what distorts a story, and leave faithful claims alone?

    python3 bench/distortions.py [--data ../shared/data] [--per 8] [--show KIND] [--cases]

Builds a suite of claims from real text: English sentences of FRANK's news articles and French
passages of RTE3-FR. Each case takes one sentence of a document and edits it the way a hurried
summariser would: a distortion (a number changed, a direction reversed, a negation dropped, a
hedge dropped, another speaker, subject and object exchanged, another name of the article put
in, a day or tense changed, a cause added) and, where there is one, a faithful control of the
same kind (a number written out, a synonym, a contraction, the passive, a name's short form, two
sentences merged). Each is verified twice: as a quoted claim (the sentence is its quote, the
edit its statement) and as a free claim (the statement alone). A distortion is caught when the
verdict is anything but `supported`; a control is a false alarm when it is not `supported`.

The edits are made here, by this script's own word lists (not the verifier's lexicons), so the
texts stay in ../shared/data: nothing of them is copied into the repository. The cases fall in
two halves by a hash of their id: choose on A, report B.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from summarize.models import Claim, Verdict  # noqa: E402
from summarize.text.nlp import pipeline  # noqa: E402
from summarize.text.sentences import sentences  # noqa: E402
from summarize.verifier import Verifier  # noqa: E402

KINDS = (
    "number",
    "qualifier",
    "direction",
    "negation",
    "modality",
    "attribution",
    "role",
    "entity",
    "time",
    "addition",
)


@dataclass(frozen=True)
class Doc:
    id: str
    language: str
    text: str


@dataclass(frozen=True)
class Sentence:
    doc: Doc
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]


@dataclass(frozen=True)
class Case:
    kind: str
    faithful: bool
    sentence: Sentence
    statement: str
    edit: str  # what was changed, for reading
    quote_end: int | None = None  # where the quote ends when it runs past the sentence

    @property
    def id(self) -> str:
        where = f"{self.sentence.doc.id}|{self.sentence.start}"
        key = f"{self.kind}|{self.faithful}|{where}|{self.statement}"
        return hashlib.sha256(key.encode()).hexdigest()[:12]

    @property
    def half(self) -> str:
        return "A" if int(self.id, 16) % 2 == 0 else "B"


Edit = tuple[str, str]  # (statement, what changed)
_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Its",
        "Their",
        "There",
        "Le",
        "La",
        "Les",
        "L",
        "Il",
        "Elle",
        "Ils",
        "Elles",
        "Un",
        "Une",
        "Des",
        "Ce",
        "Cette",
        "Ces",
        "Son",
        "Sa",
        "Ses",
        "Leur",
        "Leurs",
        "On",
        "Mais",
        "But",
    ]
)


def _sub(text: str, pattern: str, repl: str | Callable[[re.Match[str]], str]) -> str | None:
    out, n = re.subn(pattern, repl, text, count=1)
    return out if n and out != text else None


def _word_swap(text: str, pairs: list[tuple[str, str]]) -> Iterator[Edit]:
    """Each pair (a, b) found as a whole word in `text` gives the text with a replaced by b."""
    for a, b in pairs:
        found = _sub(text, rf"(?<![\w-]){re.escape(a)}(?![\w-])", b)
        if found is not None:
            yield found, f"{a} → {b}"


# --- numbers -----------------------------------------------------------------------------

WORDS_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
WORDS_FR = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
    "vingt",
]
_INTEGER = r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w/-]|[.,]\d| \d{3}\b)"


def number_distortions(s: Sentence) -> Iterator[Edit]:
    text = s.text
    words = WORDS_FR if s.doc.language == "fr" else WORDS_EN
    m = re.search(_INTEGER, text)
    if m and not re.fullmatch(r"(19|20)\d\d", m.group(1)):
        value = int(m.group(1).replace(",", ""))
        other = value + (3 if value < 10 else max(1, value // 4))
        shown = f"{other:,}" if "," in m.group(1) else str(other)
        yield text[: m.start(1)] + shown + text[m.end(1) :], f"{m.group(1)} → {shown}"
    for i, w in enumerate(words[2:], start=2):
        pattern = rf"(?<![\w-]){w}(?![\w-])"
        found = re.search(pattern, text)
        if found and (i > 2 or s.doc.language == "en"):
            other = words[(i + 5) % len(words) or 5]
            yield text[: found.start()] + other + text[found.end() :], f"{w} → {other}"
            break
    digits = [
        m for m in re.finditer(_INTEGER, text) if not re.fullmatch(r"(19|20)\d\d", m.group(1))
    ]
    if len(digits) >= 2 and digits[0].group(1) != digits[1].group(1):
        a, b = digits[0], digits[1]
        swapped = (
            text[: a.start(1)]
            + b.group(1)
            + text[a.end(1) : b.start(1)]
            + a.group(1)
            + text[b.end(1) :]
        )
        yield swapped, f"{a.group(1)} ⇄ {b.group(1)}"


def number_controls(s: Sentence) -> Iterator[Edit]:
    text = s.text
    words = WORDS_FR if s.doc.language == "fr" else WORDS_EN
    for m in re.finditer(_INTEGER, text):
        value = int(m.group(1).replace(",", ""))
        if 2 <= value <= 20:
            tail = text[m.end(1) : m.end(1) + 9]
            if tail.startswith(("%", " %", " percent", " per")):
                continue
            if re.match(r" (cents?|mille|millions?|milliards?|hundred|thousand)\b", tail):
                continue  # "deux cents" is 200, not 2 cents
            yield (
                text[: m.start(1)] + words[value] + text[m.end(1) :],
                f"{m.group(1)} → {words[value]}",
            )
            return
        if value >= 10000 and "," in m.group(1):
            spaced = m.group(1).replace(",", " ")
            yield text[: m.start(1)] + spaced + text[m.end(1) :], f"{m.group(1)} → {spaced}"
            return
    if s.doc.language == "fr":
        m = re.search(r"(?<![\w,.])(\d{1,3}) (\d{3})(?![\d,])", text)
        if m:
            dotted = f"{m.group(1)}.{m.group(2)}"
            yield text[: m.start()] + dotted + text[m.end() :], f"{m.group()} → {dotted}"


# --- qualifiers ----------------------------------------------------------------------------

QUALIFIER_DISTORT = {
    "en": [
        ("at least ", ""),
        ("more than ", "about "),
        ("over ", "about "),
        ("fewer than ", "about "),
        ("less than ", "about "),
        ("nearly ", "more than "),
        ("almost ", "more than "),
        ("up to ", ""),
        ("about ", "more than "),
        ("around ", "at least "),
    ],
    "fr": [
        ("au moins ", ""),
        ("plus de ", "environ "),
        ("moins de ", "environ "),
        ("près de ", "plus de "),
        ("presque ", "plus de "),
        ("jusqu'à ", ""),
        ("environ ", "plus de "),
        ("quelque ", "au moins "),
    ],
}
QUALIFIER_FAITHFUL = {
    "en": [
        ("about ", "around "),
        ("around ", "roughly "),
        ("roughly ", "about "),
        ("approximately ", "about "),
        ("more than ", "over "),
        ("at least ", "no fewer than "),
        ("nearly ", "almost "),
    ],
    "fr": [
        ("environ ", "quelque "),
        ("au moins ", "au minimum "),
        ("près de ", "presque "),
        ("plus de ", "au-delà de "),
    ],
}


def _qualified(text: str, pairs: list[tuple[str, str]]) -> Iterator[Edit]:
    for a, b in pairs:
        m = re.search(
            rf"(?<![\w-]){re.escape(a)}(?=(\d|{'|'.join(WORDS_EN[2:] + WORDS_FR[2:])}))", text, re.I
        )
        if m:
            repl = b if a[0].islower() == text[m.start()].islower() or not b else b.capitalize()
            yield text[: m.start()] + repl + text[m.end() :], f"{a.strip()} → {b.strip() or '∅'}"
            return


def qualifier_distortions(s: Sentence) -> Iterator[Edit]:
    yield from _qualified(s.text, QUALIFIER_DISTORT[s.doc.language])


def qualifier_controls(s: Sentence) -> Iterator[Edit]:
    yield from _qualified(s.text, QUALIFIER_FAITHFUL[s.doc.language])


# --- direction -----------------------------------------------------------------------------

DIRECTION_DISTORT = {
    "en": [
        ("rose", "fell"),
        ("fell", "rose"),
        ("risen", "fallen"),
        ("fallen", "risen"),
        ("rise", "fall"),
        ("increased", "decreased"),
        ("decreased", "increased"),
        ("increase", "decrease"),
        ("raised", "cut"),
        ("won", "lost"),
        ("lost", "won"),
        ("gained", "lost"),
        ("approved", "rejected"),
        ("rejected", "approved"),
        ("accepted", "refused"),
        ("refused", "accepted"),
        ("upheld", "overturned"),
        ("overturned", "upheld"),
        ("higher", "lower"),
        ("lower", "higher"),
        ("more", "fewer"),
        ("grew", "shrank"),
        ("boosted", "reduced"),
        ("reduced", "boosted"),
        ("allowed", "banned"),
        ("banned", "allowed"),
        ("opened", "closed"),
        ("closed", "opened"),
        ("supported", "opposed"),
        ("opposed", "supported"),
        ("agreed", "refused"),
        ("arrested", "released"),
        ("released", "arrested"),
        ("hired", "fired"),
        ("started", "ended"),
        ("began", "ended"),
        ("joined", "left"),
        ("left", "joined"),
        ("before", "after"),
        ("after", "before"),
        ("passed", "failed"),
        ("success", "failure"),
    ],
    "fr": [
        ("augmenté", "diminué"),
        ("diminué", "augmenté"),
        ("hausse", "baisse"),
        ("baisse", "hausse"),
        ("augmentation", "diminution"),
        ("gagné", "perdu"),
        ("perdu", "gagné"),
        ("remporté", "perdu"),
        ("approuvé", "rejeté"),
        ("rejeté", "approuvé"),
        ("accepté", "refusé"),
        ("refusé", "accepté"),
        ("plus", "moins"),
        ("moins", "plus"),
        ("ouvert", "fermé"),
        ("fermé", "ouvert"),
        ("avant", "après"),
        ("après", "avant"),
        ("autorisé", "interdit"),
        ("interdit", "autorisé"),
        ("soutenu", "combattu"),
        ("arrêté", "relâché"),
        ("libéré", "arrêté"),
        ("embauché", "licencié"),
        ("commencé", "terminé"),
        ("début", "fin"),
        ("rejoint", "quitté"),
        ("quitté", "rejoint"),
        ("vendu", "acheté"),
        ("acheté", "vendu"),
        ("achat", "vente"),
        ("vente", "achat"),
        ("victoire", "défaite"),
        ("défaite", "victoire"),
        ("élu", "battu"),
        ("succès", "échec"),
        ("supérieur", "inférieur"),
        ("croissance", "récession"),
        ("augmente", "diminue"),
    ],
}
DIRECTION_FAITHFUL = {
    "en": [
        ("rose", "increased"),
        ("fell", "dropped"),
        ("increased", "rose"),
        ("decreased", "fell"),
        ("went down", "decreased"),
        ("went up", "increased"),
        ("won", "claimed victory in"),
        ("bought", "purchased"),
        ("began", "started"),
        ("started", "began"),
        ("approved", "backed"),
        ("rejected", "turned down"),
        ("said", "stated"),
        ("big", "large"),
        ("large", "big"),
        ("help", "assist"),
        ("died", "were killed"),
    ],
    "fr": [
        ("augmenté", "progressé"),
        ("diminué", "baissé"),
        ("hausse", "augmentation"),
        ("baisse", "diminution"),
        ("acheté", "acquis"),
        ("commencé", "débuté"),
        ("refusé", "rejeté"),
        ("a déclaré", "a affirmé"),
        ("a dit", "a déclaré"),
        ("grand", "important"),
        ("important", "majeur"),
        ("tué", "fait mourir"),
        ("racheté", "acquis"),
        ("vendu", "cédé"),
        ("mort", "décédé"),
        ("aider", "soutenir"),
    ],
}


def direction_distortions(s: Sentence) -> Iterator[Edit]:
    yield from _first(_word_swap(s.text, DIRECTION_DISTORT[s.doc.language]))


def direction_controls(s: Sentence) -> Iterator[Edit]:
    yield from _first(_word_swap(s.text, DIRECTION_FAITHFUL[s.doc.language]))


def _first(edits: Iterator[Edit]) -> Iterator[Edit]:
    for e in edits:
        yield e
        return


# --- negation ------------------------------------------------------------------------------

NEGATION_DISTORT = {
    "en": [
        (r"\b(is|was|are|were|has|have|had|will|would|can|could|should|did|does|do) not\b", r"\1"),
        (
            r"\b(is|was|are|were|has|have|had|does|did|do|wo|ca|could|would|should)n't\b",
            lambda m: {"wo": "will", "ca": "can"}.get(m.group(1), m.group(1)),
        ),
        (r"\bnever\b", "already"),
        (r"\b(is|was|are|were|has|have|had|will|would|can|could)\b(?! not)", r"\1 not"),
    ],
    "fr": [
        (r"\bn'(\w+) pas\b", r"\1"),
        (r"\bne (\w+) pas\b", r"\1"),
        (r"\bn'(\w+) jamais\b", r"\1 déjà"),
        (r"\bne (\w+) plus\b", r"\1 encore"),
        (
            r"\b(a|est|sont|ont|était|avait|sera|va|peut|doit)\b(?! pas)",
            lambda m: ("n'" if m.group(1)[0] in "aeéiou" else "ne ") + m.group(1) + " pas",
        ),
    ],
}
NEGATION_FAITHFUL = {
    "en": [
        (r"\b(is|was|are|were|has|have|had|does|did|do|could|would|should) not\b", r"\1n't"),
        (r"\bwill not\b", "won't"),
        (r"\bcannot\b", "can't"),
        (r"\b(is|was|are|were|has|have|had|does|did|do|could|would|should)n't\b", r"\1 not"),
    ],
    "fr": [
        (r"\bn'(\w+) pas\b", r"n'\1 pas du tout"),
        (r"\bne (\w+) pas\b", r"ne \1 pas du tout"),
        (r"\bn'(\w+) jamais\b", r"n'\1 à aucun moment"),
        (r"\bne (\w+) plus\b", r"ne \1 désormais plus"),
    ],
}


def _regex_edits(text: str, rules: list[tuple[str, object]]) -> Iterator[Edit]:
    for pattern, repl in rules:
        m = re.search(pattern, text)
        if m:
            new = m.expand(repl) if isinstance(repl, str) else repl(m)  # type: ignore[operator]
            yield text[: m.start()] + new + text[m.end() :], f"{m.group()} → {new}"
            return


def negation_distortions(s: Sentence) -> Iterator[Edit]:
    yield from _regex_edits(s.text, NEGATION_DISTORT[s.doc.language])


def negation_controls(s: Sentence) -> Iterator[Edit]:
    yield from _regex_edits(s.text, NEGATION_FAITHFUL[s.doc.language])


# --- modality ------------------------------------------------------------------------------

MODALITY_DISTORT = {
    "en": [
        ("may", "will"),
        ("might", "will"),
        ("could", "will"),
        ("would", "will"),
        ("is expected to", "will"),
        ("are expected to", "will"),
        ("likely", "certain"),
        ("reportedly ", ""),
        ("allegedly ", ""),
        ("possible", "certain"),
        ("accused", "convicted"),
        ("suspected", "confirmed"),
        ("alleged", "proven"),
        ("threatened to", "went on to"),
        ("plans to", "has"),
        ("hopes to", "will"),
        ("believed to", "known to"),
        ("appears to", "does"),
        ("seems to", "does"),
    ],
    "fr": [
        ("pourrait", "va"),
        ("pourraient", "vont"),
        ("devrait", "va"),
        ("devraient", "vont"),
        ("serait", "est"),
        ("seraient", "sont"),
        ("aurait", "a"),
        ("auraient", "ont"),
        ("peut-être ", ""),
        ("probablement ", ""),
        ("possible", "certain"),
        ("accusé", "condamné"),
        ("soupçonné", "reconnu coupable"),
        ("menacé d'", ""),
        ("envisage de", "va"),
        ("prévoit de", "va"),
        ("espère", "va"),
        ("semble", "est"),
        ("présumé", "avéré"),
    ],
}
MODALITY_FAITHFUL = {
    "en": [
        ("may", "might"),
        ("might", "may"),
        ("could", "might"),
        ("likely", "probably going"),
        ("is expected to", "should"),
        ("reportedly", "according to reports,"),
        ("possible", "conceivable"),
        ("accused", "charged"),
        ("allegedly", "reportedly"),
    ],
    "fr": [
        ("pourrait", "serait susceptible de"),
        ("devrait", "pourrait"),
        ("pourraient", "seraient susceptibles de"),
        ("peut-être", "sans doute"),
        ("probablement", "vraisemblablement"),
        ("possible", "envisageable"),
        ("accusé", "mis en cause"),
        ("soupçonné", "suspecté"),
    ],
}


def modality_distortions(s: Sentence) -> Iterator[Edit]:
    yield from _first(_word_swap(s.text, MODALITY_DISTORT[s.doc.language]))


def modality_controls(s: Sentence) -> Iterator[Edit]:
    for edit, what in _first(_word_swap(s.text, MODALITY_FAITHFUL[s.doc.language])):
        yield (
            re.sub(
                r"susceptibles? de ([aeéiou])", lambda m: m.group()[:-4] + "d'" + m.group(1), edit
            ),
            what,
        )


# --- attribution, roles and entities (from the parse) -------------------------------------

_SPEECH = {
    "en": "said|told|says|added|stated|announced|claimed|according to|reported|warned|insisted",
    "fr": "a déclaré|a dit|a affirmé|a indiqué|a annoncé|selon|d'après|a estimé|a expliqué"
    "|a ajouté|a précisé",
}
_PEOPLE = ("PERSON", "PER")
_GROUPS = ("ORG", "GPE", "LOC", "NORP", "PERSON", "PER")


def _entities(doc: Doc, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    parsed = _parsed(doc.language, doc.text)
    return [(e.text, e.label_) for e in parsed.ents if e.label_ in labels]


_PARSES: dict[tuple[str, str], object] = {}


def _parsed(language: str, text: str):  # type: ignore[no-untyped-def]
    key = (language, text)
    if key not in _PARSES:
        _PARSES[key] = pipeline(language)(text.replace("’", "'"))
    return _PARSES[key]


def _other_entity(s: Sentence, name: str, label: str) -> str | None:
    """Another entity of the same kind named elsewhere in the document."""
    here = s.text
    for other, other_label in _entities(s.doc, (label,)):
        unrelated = other not in here and name not in other and other not in name
        if other_label == label and unrelated and len(other) > 2 and other[0].isupper():
            return other
    return None


def attribution_distortions(s: Sentence) -> Iterator[Edit]:
    text = s.text
    if not re.search(rf"\b({_SPEECH[s.doc.language]})\b", text):
        return
    sent = _parsed(s.doc.language, text)
    speakers = [e for e in sent.ents if e.label_ in (*_PEOPLE, "ORG")]
    for e in speakers:
        other = _other_entity(s, e.text, e.label_)
        if other:
            yield text[: e.start_char] + other + text[e.end_char :], f"speaker {e.text} → {other}"
            return
    dropped = {
        "en": r"^(According to [^,]{2,60}, )(\w)",
        "fr": r"^((?:Selon|D'après) [^,]{2,60}, )(\w)",
    }[s.doc.language]
    m = re.search(dropped, text)
    if m:
        yield m.group(2).upper() + text[m.end() :], f"attribution dropped: {m.group(1).strip()}"


def attribution_controls(s: Sentence) -> Iterator[Edit]:
    text = s.text
    if not re.search(rf"\b({_SPEECH[s.doc.language]})\b", text):
        return
    sent = _parsed(s.doc.language, text)
    for e in sent.ents:
        words = e.text.split()
        if e.label_ in _PEOPLE and len(words) == 2 and all(w[:1].isupper() for w in words):
            short = words[1]
            yield text[: e.start_char] + short + text[e.end_char :], f"{e.text} → {short}"
            return


def role_distortions(s: Sentence) -> Iterator[Edit]:
    text = s.text
    sent = _parsed(s.doc.language, text)
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
        obj = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if len(subj) != 1 or len(obj) != 1:
            continue
        a, b = _phrase(subj[0]), _phrase(obj[0])
        if a is None or b is None or a[1] > b[0]:
            continue
        sa, sb = text[a[0] : a[1]], text[b[0] : b[1]]
        if sa.lower() in ("it", "he", "she", "they", "il", "elle", "ils", "we", "i", "who", "qui"):
            continue
        if subj[0].pos_ not in ("PROPN", "NOUN") or obj[0].pos_ not in ("PROPN", "NOUN"):
            continue
        sa_, sb_ = _recase(sb, sa), _recase(sa, sb)
        new = text[: a[0]] + sa_ + text[a[1] : b[0]] + sb_ + text[b[1] :]
        yield new, f"{sa} ⇄ {sb}"
        return


def _recase(new: str, old: str) -> str:
    if old[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    if (
        old[:1].islower()
        and new[:1].isupper()
        and new.split()[0].lower() in ("the", "le", "la", "les", "a", "an", "un", "une")
    ):
        return new[:1].lower() + new[1:]
    return new


def _phrase(tok) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """The character span of a short noun phrase (its subtree), if it is short and contiguous."""
    sub = list(tok.subtree)
    if len(sub) > 5 or any(t.dep_ in ("relcl", "acl", "punct", "cc", "conj") for t in sub):
        return None
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def role_controls(s: Sentence) -> Iterator[Edit]:
    """Active to passive, for a regular English verb ('A sued B' → 'B was sued by A') or a
    French passé composé ('A a racheté B' → 'B a été racheté par A')."""
    text = s.text
    sent = _parsed(s.doc.language, text)
    for tok in sent:
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        obj = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if tok.pos_ != "VERB" or len(subj) != 1 or len(obj) != 1:
            continue
        if subj[0].pos_ not in ("PROPN", "NOUN") or obj[0].pos_ not in ("PROPN", "NOUN"):
            continue
        a, b = _phrase(subj[0]), _phrase(obj[0])
        if a is None or b is None or not (a[1] < tok.idx < b[0]):
            continue
        if re.search(r"[A-Z]\w*\s*$", text[: a[0]]):
            continue  # the subject's phrase is part of a longer name the parse split
        between = text[a[1] : b[0]].strip()
        sa, sb = text[a[0] : a[1]], text[b[0] : b[1]]
        if (
            s.doc.language == "en"
            and tok.tag_ == "VBD"
            and tok.text.endswith("ed")
            and between == tok.text
        ):
            new = f"{_recase(sb, sa)} was {tok.text} by {_recase(sa, sb)}"
        elif (
            s.doc.language == "fr"
            and between == f"a {tok.text}"
            and tok.text.endswith(("é", "i", "u", "t", "s"))
        ):
            new = f"{_recase(sb, sa)} a été {tok.text} par {_recase(sa, sb)}"
        else:
            continue
        yield text[: a[0]] + new + text[b[1] :], f"passive: {between}"
        return


def entity_distortions(s: Sentence) -> Iterator[Edit]:
    text = s.text
    sent = _parsed(s.doc.language, text)
    for e in sent.ents:
        if e.label_ not in _GROUPS or not e.text[:1].isupper():
            continue
        other = _other_entity(s, e.text, e.label_)
        if other:
            yield text[: e.start_char] + other + text[e.end_char :], f"{e.text} → {other}"
            return


VARIANTS = {
    "en": [
        ("the United States", "the US"),
        ("the US", "the United States"),
        ("U.S.", "US"),
        ("the UK", "Britain"),
        ("Britain", "the UK"),
        ("United Nations", "UN"),
        ("the European Union", "the EU"),
        ("the EU", "the European Union"),
        ("America", "the United States"),
        ("Scotland", "Scottish"),
    ],
    "fr": [
        ("États-Unis", "USA"),
        ("Etats-Unis", "USA"),
        ("ONU", "Nations unies"),
        ("Nations unies", "ONU"),
        ("Union européenne", "UE"),
        ("UE", "Union européenne"),
        ("Royaume-Uni", "Grande-Bretagne"),
        ("Grande-Bretagne", "Royaume-Uni"),
    ],
}


def entity_controls(s: Sentence) -> Iterator[Edit]:
    text = s.text
    found = list(_first(_word_swap(text, VARIANTS[s.doc.language])))
    if found:
        yield found[0]
        return
    if s.doc.language == "en":
        m = re.search(r"\b([A-Z][a-z]+)'s ([a-z]+)\b(?!-)", text)
        if m and m.group(1) not in ("It", "He", "She", "That", "There"):
            yield (
                text[: m.start()] + f"the {m.group(2)} of {m.group(1)}" + text[m.end() :],
                "possessive",
            )


# --- time ----------------------------------------------------------------------------------

DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
TIME_WORDS = {
    "en": [
        ("yesterday", "today"),
        ("last year", "this year"),
        ("last month", "this month"),
        ("last week", "this week"),
        ("next year", "last year"),
        ("next week", "last week"),
        ("tomorrow", "yesterday"),
    ],
    "fr": [
        ("hier", "aujourd'hui"),
        ("l'an dernier", "cette année"),
        ("l'année dernière", "cette année"),
        ("le mois dernier", "ce mois-ci"),
        ("la semaine dernière", "cette semaine"),
        ("demain", "hier"),
        ("l'an prochain", "l'an dernier"),
    ],
}


def time_distortions(s: Sentence) -> Iterator[Edit]:
    text, lang = s.text, s.doc.language
    for names in (DAYS[lang], MONTHS[lang]):
        for i, name in enumerate(names):
            if name == "May" or (name == "mars" and lang == "fr" and "Mars" in text):
                continue
            m = re.search(rf"(?<![\w-]){name}(?![\w-])", text)
            if m:
                other = names[(i + 1) % len(names)]
                yield text[: m.start()] + other + text[m.end() :], f"{name} → {other}"
                return
    m = re.search(r"(?<![\w.,-])(19[5-9]\d|20[0-3]\d)(?![\w,-]|\.\d)", text)
    if m:
        other = str(int(m.group(1)) - 1)
        yield text[: m.start()] + other + text[m.end() :], f"{m.group(1)} → {other}"
        return
    yield from _first(_word_swap(text, TIME_WORDS[lang]))
    if lang == "en":
        m = re.search(r"\bwill ([a-z]+e)\b", text)
        if m and m.group(1) not in (
            "be",
            "have",
            "see",
            "come",
            "make",
            "take",
            "give",
            "become",
            "leave",
        ):
            yield (
                text[: m.start()] + m.group(1) + "d" + text[m.end() :],
                f"{m.group()} → {m.group(1)}d",
            )


def time_controls(s: Sentence) -> Iterator[Edit]:
    text, lang = s.text, s.doc.language
    if lang == "en":
        for month in MONTHS["en"]:
            if len(month) > 5 and re.search(rf"\b{month}\b", text):
                short = month[:3] + "."
                yield re.sub(rf"\b{month}\b", short, text, count=1), f"{month} → {short}"
                return
    m = re.search(r"\b1er (" + "|".join(MONTHS["fr"]) + r")\b", text) if lang == "fr" else None
    if m:
        yield text[: m.start()] + "premier " + m.group(1) + text[m.end() :], "1er → premier"
        return
    m = (
        re.search(r"\ben (" + "|".join(MONTHS["fr"]) + r") (\d{4})\b", text)
        if lang == "fr"
        else None
    )
    if m:
        yield (
            text[: m.start()] + f"au mois de {m.group(1)} {m.group(2)}" + text[m.end() :],
            "en → au mois de",
        )


# --- addition -----------------------------------------------------------------------------

ADDITIONS = {
    "en": [
        " because of a budget dispute",
        " after a secret deal with investors",
        " for the third time",
    ],
    "fr": [
        " à cause d'un différend budgétaire",
        " après un accord secret avec des investisseurs",
        " pour la troisième fois",
    ],
}


def addition_distortions(s: Sentence) -> Iterator[Edit]:
    text = s.text.rstrip()
    if not text.endswith("."):
        return
    pick = ADDITIONS[s.doc.language][int(hashlib.sha256(text.encode()).hexdigest(), 16) % 3]
    yield text[:-1] + pick + ".", f"added:{pick}"


def addition_controls(s: Sentence) -> Iterator[Edit]:
    """Two neighbouring sentences of the text merged into one claim."""
    doc = s.doc
    rest = doc.text[s.end :]
    nxt = sentences(rest)
    if not nxt:
        return
    second = nxt[0].slice(rest).strip()
    first = s.text.rstrip()
    if not first.endswith(".") or not second or len(second) > 220 or not second[0].isupper():
        return
    word = ", and " if doc.language == "en" else ", et "
    opener = re.split(r"[\s']", second, maxsplit=1)[0]
    lead = second[0].lower() + second[1:] if opener in _OPENERS else second
    yield first[:-1] + word + lead, "merged with the next sentence"


def _merged_end(s: Sentence) -> int:
    rest = s.doc.text[s.end :]
    return s.end + sentences(rest)[0].end


DISTORT: dict[str, Callable[[Sentence], Iterator[Edit]]] = {
    "number": number_distortions,
    "qualifier": qualifier_distortions,
    "direction": direction_distortions,
    "negation": negation_distortions,
    "modality": modality_distortions,
    "attribution": attribution_distortions,
    "role": role_distortions,
    "entity": entity_distortions,
    "time": time_distortions,
    "addition": addition_distortions,
}
CONTROL: dict[str, Callable[[Sentence], Iterator[Edit]]] = {
    "number": number_controls,
    "qualifier": qualifier_controls,
    "direction": direction_controls,
    "negation": negation_controls,
    "modality": modality_controls,
    "attribution": attribution_controls,
    "role": role_controls,
    "entity": entity_controls,
    "time": time_controls,
    "addition": addition_controls,
}


def load_docs(data: Path) -> list[Doc]:
    docs: dict[str, Doc] = {}
    for line in (data / "frank-valid.jsonl").open():
        row = json.loads(line)
        key = "frank-" + hashlib.sha256(row["document"].encode()).hexdigest()[:10]
        docs.setdefault(key, Doc(key, "en", row["document"]))
    for line in (data / "rte3fr-dev.jsonl").open():
        row = json.loads(line)
        key = "rte3fr-" + hashlib.sha256(row["document"].encode()).hexdigest()[:10]
        docs.setdefault(key, Doc(key, "fr", row["document"]))
    return list(docs.values())


SEED = 20261201


def build_cases(
    docs: list[Doc], per: int, seed: int = SEED, leave_out: frozenset[str] = frozenset()
) -> list[Case]:
    """Up to `per` distortions and `per` controls a kind and language, from distinct sentences;
    another `seed` draws other sentences of the same pool, less the cases `leave_out` names."""
    rng = random.Random(seed)
    pool: dict[tuple[str, str, bool], list[Case]] = defaultdict(list)
    for doc in docs:
        for seg in sentences(doc.text):
            s = Sentence(doc, seg.start, seg.end)
            words = len(s.text.split())
            if not 8 <= words <= 45 or s.text.count('"') % 2 or "\n" in s.text.strip():
                continue
            for kind in KINDS:
                for faithful, make in ((False, DISTORT[kind]), (True, CONTROL[kind])):
                    key = (kind, doc.language, faithful)
                    if len(pool[key]) >= per * 6:
                        continue
                    for statement, what in make(s):
                        end = _merged_end(s) if what.startswith("merged") else None
                        pool[key].append(Case(kind, faithful, s, statement, what, end))
    cases: list[Case] = []
    for key in sorted(pool):
        found = pool[key]
        rng.shuffle(found)
        seen_docs: set[str] = set()
        chosen: list[Case] = []
        for c in found:  # one case a document and kind first, for variety
            if c.id in leave_out:
                continue
            if c.sentence.doc.id not in seen_docs:
                chosen.append(c)
                seen_docs.add(c.sentence.doc.id)
            if len(chosen) == per:
                break
        cases += chosen
    return cases


@dataclass
class Outcome:
    case: Case
    mode: str
    verdict: Verdict
    reasons: str
    score: float = 0.0


def run(cases: list[Case]) -> list[Outcome]:
    out: list[Outcome] = []
    verifiers: dict[str, Verifier] = {}
    for case in cases:
        doc = case.sentence.doc
        if doc.id not in verifiers:
            verifiers[doc.id] = Verifier(doc.text, doc.language)
        verifier = verifiers[doc.id]
        for mode in ("quoted", "free"):
            end = case.quote_end or case.sentence.end
            quote = doc.text[case.sentence.start : end].strip() if mode == "quoted" else None
            claim = Claim(id=case.id, statement=case.statement, quote=quote)
            v = verifier.verify(claim)
            failed = "; ".join(
                f"{c.name.value}: {c.reason}" for c in v.checks if c.outcome.value == "failed"
            )
            out.append(Outcome(case, mode, v.verdict, failed, v.score))
    return out


def table(outcomes: list[Outcome], half: str | None) -> None:
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for o in outcomes:
        if half and o.case.half != half:
            continue
        flagged = o.verdict is not Verdict.supported
        for key in (
            (o.case.kind, o.case.sentence.doc.language),
            (o.case.kind, "all"),
            ("all", o.case.sentence.doc.language),
            ("all", "all"),
        ):
            r = rows[key]
            if o.case.faithful:
                r[2] += 1
                r[3] += flagged
            else:
                r[0] += 1
                r[1] += flagged
    print(f"\nhalf {half or 'A+B'} (quoted and free claims together)\n")
    print("| kind | lang | distortions | caught | faithful | false alarms |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for kind in (*KINDS, "all"):
        for lang in ("en", "fr", "all"):
            n, caught, f, alarms = rows[(kind, lang)]
            if not n and not f:
                continue
            pc = f"{caught / n:.0%}" if n else "-"
            pf = f"{alarms / f:.0%}" if f else "-"
            bold = "**" if lang == "all" else ""
            print(f"| {bold}{kind}{bold} | {lang} | {n} | {pc} | {f} | {pf} |")


def by_mode(outcomes: list[Outcome], half: str | None) -> None:
    print(f"\nhalf {half or 'A+B'} by mode\n")
    print("| mode | distortions caught | false alarms |")
    print("| --- | ---: | ---: |")
    for mode in ("quoted", "free"):
        ds = [
            o
            for o in outcomes
            if o.mode == mode and not o.case.faithful and (not half or o.case.half == half)
        ]
        fs = [
            o
            for o in outcomes
            if o.mode == mode and o.case.faithful and (not half or o.case.half == half)
        ]
        c = sum(o.verdict is not Verdict.supported for o in ds)
        a = sum(o.verdict is not Verdict.supported for o in fs)
        caught = f"{c}/{len(ds)} = {c / max(1, len(ds)):.0%}"
        print(f"| {mode} | {caught} | {a}/{len(fs)} = {a / max(1, len(fs)):.0%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--per", type=int, default=8, help="cases a kind, language and side")
    parser.add_argument("--show", help="print the cases of this kind with their verdicts")
    parser.add_argument("--missed", action="store_true", help="with --show: only the wrong ones")
    parser.add_argument("--half", choices=["A", "B"], help="only this half in --show")
    parser.add_argument(
        "--fresh",
        type=int,
        metavar="SEED",
        help="other cases drawn with this seed, none of the default suite's: a check on cases "
        "the verifier was not developed on",
    )
    args = parser.parse_args()
    docs = load_docs(args.data)
    started = time.perf_counter()
    cases = build_cases(docs, args.per)
    if args.fresh is not None:
        cases = build_cases(docs, args.per, args.fresh, frozenset(c.id for c in cases))
    built = time.perf_counter() - started
    started = time.perf_counter()
    outcomes = run(cases)
    verified = time.perf_counter() - started
    if args.show:
        for o in outcomes:
            if o.case.kind != args.show and args.show != "all":
                continue
            if args.half and o.case.half != args.half:
                continue
            wrong = (o.verdict is Verdict.supported) != o.case.faithful
            if args.missed and not wrong:
                continue
            side = "FAITHFUL" if o.case.faithful else "DISTORTED"
            mark = "WRONG" if wrong else "ok"
            lang = o.case.sentence.doc.language
            print(f"[{mark}] {o.case.kind} {side} {o.mode} {lang} {o.case.half} ({o.case.edit})")
            print(f"   text:  {o.case.sentence.text.strip()}")
            print(f"   claim: {o.case.statement.strip()}")
            print(f"   → {o.verdict.value} ({o.score:.2f}): {o.reasons[:400]}")
        return
    print(
        f"{len(cases)} cases ({sum(not c.faithful for c in cases)} distortions, "
        f"{sum(c.faithful for c in cases)} faithful), each verified quoted and free; "
        f"built in {built:.1f} s, verified in {verified:.1f} s"
    )
    for half in ("A", "B", None):
        table(outcomes, half)
    for half in ("A", "B"):
        by_mode(outcomes, half)


if __name__ == "__main__":
    main()
