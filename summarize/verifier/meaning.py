"""Checks that read a claim against its evidence word by word (see `compare`): a reversed
direction, exchanged roles, another day, a dropped negation or hedge, an escalation, another
name or number in the same place, words the text never says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from summarize.models import CheckName
from summarize.text.lexicon import CONDITIONAL_SUFFIXES, HEDGES_EN, HEDGES_FR, NOT_CONDITIONAL
from summarize.text.nlp import ModelMissingError, parse_sentence
from summarize.text.numbers import NumberMention, Qualifier, as_qualified, find_numbers
from summarize.text.sentences import Segment
from summarize.verifier.checks import Result, Severity, result
from summarize.verifier.compare import (
    FUTURE,
    Alignment,
    Change,
    Word,
    align,
    escalation,
    is_negation,
    opposite,
    read,
    same_name,
    time_word,
    variant_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Words a claim may add without saying more than its evidence: a paraphrase's few words.
ADDED_WORDS_ALLOWED = 1


@dataclass(frozen=True)
class Comparison:
    """A claim's statement read against the sentences of its evidence, once for every check."""

    statement: str
    text: str  # the document
    language: str
    segments: tuple[Segment, ...]
    alignment: Alignment

    @classmethod
    def of(
        cls, statement: str, text: str, language: str, segments: tuple[Segment, ...]
    ) -> Comparison:
        claim = read(statement, language)
        evidence = tuple(w for s in segments for w in read(s.slice(text), language, s.start))
        return cls(statement, text, language, segments, align(claim, evidence))

    @cached_property
    def _heads(self) -> dict[int, int]:
        """For each evidence word (by start offset), the start of its syntactic head."""
        heads: dict[int, int] = {}
        for seg in self.segments:
            try:
                doc = parse_sentence(seg.slice(self.text), self.language)
            except ModelMissingError:
                return {}
            for tok in doc:
                head = tok.head
                # A negation or hedge bears on the verb its auxiliary serves.
                while (
                    head.dep_ in ("aux", "auxpass", "aux:pass", "aux:tense")
                    and head.head is not head
                ):
                    head = head.head
                heads[seg.start + tok.idx] = seg.start + head.idx
        return heads

    def bears_on_kept(self, word: Word, change: Change) -> bool:
        """Whether an evidence word the claim drops governs words the claim keeps: "not" in
        "was not closed" does for a claim "was closed"; in "who did not comment" it does not
        for a claim about what the mayor confirmed."""
        if not change.inside:
            return False
        heads = self._heads
        if not heads:
            return True
        kept = self.alignment.kept_evidence
        head = heads.get(word.start)
        seen = {word.start}
        while head is not None and head not in seen:
            if head in kept:
                return True
            if any(head == w.start for w in change.evidence):
                return False  # governed by a word dropped with it
            seen.add(head)
            head = heads.get(head)
        return False


def _quote(words: tuple[Word, ...] | list[Word]) -> str:
    return " ".join(w.text for w in words)


def check_direction(cmp: Comparison) -> Result:
    """A word of the claim is the opposite of the evidence's in the same place."""
    for change in cmp.alignment.changes:
        if not change.local:
            continue
        for w in change.claim:
            for v in change.evidence:
                if opposite(w, v):
                    return result(
                        CheckName.direction_agrees,
                        Severity.major,
                        f"the claim says '{w.text}' where the text says '{v.text}'",
                    )
    return result(CheckName.direction_agrees, Severity.ok, "no word of the claim reverses the text")


def _content(words: tuple[Word, ...]) -> frozenset[str]:
    return frozenset(w.stem for w in words if w.content and not w.key.isdigit())


def check_roles(cmp: Comparison) -> Result:
    """Who does what to whom: the doer and the undergoer of each of the claim's verbs are the
    evidence's for the same verb (from the parse, so the passive for the active passes)."""
    moved = _moved(cmp.alignment)
    if not moved:
        return result(CheckName.roles_agree, Severity.ok, "the claim keeps who does what")
    try:
        claimed = _roles(parse_sentence(cmp.statement, cmp.language), cmp.language)
        said = [
            r
            for seg in cmp.segments
            for r in _roles(parse_sentence(seg.slice(cmp.text), cmp.language), cmp.language)
        ]
    except ModelMissingError:
        return result(CheckName.roles_agree, Severity.ok, "the claim keeps who does what")
    for verb, doer, undergoer, shown in claimed:
        for other_verb, other_doer, other_undergoer, other_shown in said:
            if verb == other_verb and doer == other_undergoer and undergoer == other_doer:
                return result(
                    CheckName.roles_agree,
                    Severity.major,
                    f"the claim has '{shown[0]}' {shown[1]} '{shown[2]}'; in the text "
                    f"'{other_shown[0]}' {other_shown[1]} '{other_shown[2]}' (roles exchanged)",
                )
    return result(CheckName.roles_agree, Severity.ok, "the claim keeps who does what")


def _moved(al: Alignment) -> bool:
    """Whether content words the claim adds somewhere are words the evidence has elsewhere:
    phrases that may have changed places (the parse is read only then)."""
    added = {w.stem for c in al.changes for w in c.claim if w.content}
    return bool(added & {w.stem for w in al.evidence if w.content})


_DOER = frozenset({"nsubj", "csubj"})
_UNDERGOER = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass", "dative", "iobj"})
_AGENT = frozenset({"obl:agent"})


def _roles(doc: Doc, language: str) -> list[tuple[str, str, str, tuple[str, str, str]]]:
    """(verb, doer, undergoer, as written) for each verb with both, as stems of their heads."""
    out = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        doer = undergoer = None
        for child in verb.children:
            if child.dep_ in _DOER and doer is None:
                doer = child
            elif child.dep_ in _UNDERGOER and undergoer is None:
                undergoer = child
            elif child.dep_ in _AGENT:
                doer = child
            elif child.dep_ == "agent":
                doer = next((c for c in child.children if c.dep_ == "pobj"), doer)
        if doer is not None and undergoer is not None:
            stems = [_head_stem(t.text, language) for t in (verb, doer, undergoer)]
            if stems[1] != stems[2]:
                out.append((stems[0], stems[1], stems[2], (doer.text, verb.text, undergoer.text)))
    return out


def _head_stem(text: str, language: str) -> str:
    words = read(text, language)
    return words[0].stem if words else text


def check_time(cmp: Comparison) -> Result:
    """Days, months, years and relative times in the claim are the evidence's, and what the
    text says will happen is not told as done."""
    al = cmp.alignment
    claim_all, evidence_all = al.claim, al.evidence
    evidence_times = {w.start for i, w in enumerate(evidence_all) if time_word(evidence_all, i)}
    claim_times = {w.start for i, w in enumerate(claim_all) if time_word(claim_all, i)}
    known = {w.stem for w in evidence_all if w.start in evidence_times}
    for change in al.changes:
        said = [w for w in change.evidence if w.start in evidence_times]
        claimed = [w for w in change.claim if w.start in claim_times]
        new = [w for w in claimed if w.stem not in known]
        if (
            said
            and claimed
            and change.local
            and {w.stem for w in said} != {w.stem for w in claimed}
        ):
            new = [w for w in claimed if w.stem not in {v.stem for v in said}] or claimed
        if new and change.local:
            where = f" where the text says '{_quote(said)}'" if said else ""
            return result(
                CheckName.time_agrees,
                Severity.major,
                f"the claim says '{_quote(new)}'{where}",
            )
        future = [w for w in change.evidence if w.key in FUTURE]
        if future and change.local and not any(w.key in FUTURE for w in change.claim):
            return result(
                CheckName.time_agrees,
                Severity.major,
                f"the text says this will happen ('{_quote(future)}'); the claim says it has",
            )
    return result(CheckName.time_agrees, Severity.ok, "the claim keeps the text's times")


def check_negation(cmp: Comparison) -> Result:
    """A negation added, or dropped where it governs what the claim repeats."""
    claim_all, evidence_all = cmp.alignment.claim, cmp.alignment.evidence
    for change in cmp.alignment.changes:
        claim_neg = [w for w in change.claim if is_negation(w, claim_all)]
        text_neg = [w for w in change.evidence if is_negation(w, evidence_all)]
        if (
            claim_neg
            and not text_neg
            and not any(is_negation(w, evidence_all) for w in evidence_all)
        ):
            return result(
                CheckName.negation_agrees,
                Severity.major,
                f"the claim negates ('{_quote(claim_neg)}') what the text affirms",
            )
        if text_neg and not claim_neg and any(cmp.bears_on_kept(w, change) for w in text_neg):
            return result(
                CheckName.negation_agrees,
                Severity.major,
                f"the text negates ('{_quote(text_neg)}') what the claim affirms",
            )
    return result(CheckName.negation_agrees, Severity.ok, "claim and text agree in polarity")


def _hedge(word: Word, language: str) -> bool:
    key = word.key
    if key in HEDGES_EN or key in HEDGES_FR:
        return key != "may" or not word.capitalised
    return (
        language == "fr"
        and len(key) > 5
        and key.endswith(CONDITIONAL_SUFFIXES)
        and key not in NOT_CONDITIONAL
    )


def check_modality(cmp: Comparison, declared_hedged: bool) -> Result:
    """What the text alleges or hedges is not stated as established: an escalation ("accused"
    → "convicted", "pourrait" → "va") contradicts it; a hedge dropped overstates it, unless the
    claim declares itself hedged."""
    for change in cmp.alignment.changes:
        found = escalation(change)
        if found:
            said, _ = found
            return result(
                CheckName.certainty_kept,
                Severity.major,
                f"the text says '{said}', the claim '{_quote(change.claim)}': it states as fact "
                "what the text does not",
            )
    if declared_hedged:
        return result(CheckName.certainty_kept, Severity.ok, "the claim is declared hedged")
    for change in cmp.alignment.changes:
        hedges = [w for w in change.evidence if _hedge(w, cmp.language)]
        kept = [w for w in change.claim if _hedge(w, cmp.language)]
        if (
            hedges
            and not kept
            and any(cmp.bears_on_kept(w, change) or change.inside for w in hedges)
        ):
            return result(
                CheckName.certainty_kept,
                Severity.minor,
                f"the text hedges ('{_quote(hedges)}') but the claim states it flatly",
            )
    return result(CheckName.certainty_kept, Severity.ok, "the claim keeps the text's hedging")


def _numbers_in(
    numbers: list[NumberMention], words: tuple[Word, ...], base: int = 0
) -> list[NumberMention]:
    if not words:
        return []
    start, end = words[0].start - base, words[-1].end - base
    return [n for n in numbers if start <= n.start < end or start < n.end <= end]


def with_numbers(base: Result, cmp: Comparison) -> Result:
    """`base` (the numbers check) unless the claim puts a number where the evidence has
    another (major) or changes a number's qualifier (minor)."""
    changed, qualified = number_changes(cmp)
    if changed:
        return result(CheckName.numbers_agree, Severity.major, "; ".join(changed))
    if base.severity is Severity.major or not qualified:
        return base
    return result(CheckName.numbers_agree, Severity.minor, "; ".join(qualified))


def with_names(base: Result, cmp: Comparison) -> Result:
    """`base` (the names check) unless the claim puts a name where the evidence has another."""
    changed = name_changes(cmp)
    if changed and base.severity is not Severity.major:
        return result(CheckName.entities_agree, Severity.major, "; ".join(changed))
    return base


def number_changes(cmp: Comparison) -> tuple[list[str], list[str]]:
    """Numbers of the claim put where the evidence has others, and qualifiers changed."""
    claim_numbers = find_numbers(cmp.statement)
    problems: list[str] = []
    qualified: list[str] = []
    for change in cmp.alignment.changes:
        if not change.local:
            continue
        mine = _numbers_in(claim_numbers, change.claim)
        theirs = [
            n
            for seg in cmp.segments
            for n in _numbers_in(
                [_shift(m, seg.start) for m in find_numbers(seg.slice(cmp.text))], change.evidence
            )
        ]
        if mine and theirs and not any(m.same_quantity(t) for m in mine for t in theirs):
            problems.append(
                f"the claim says {', '.join(m.text for m in mine)} where the text says "
                f"{', '.join(t.text for t in theirs)}"
            )
    evidence_numbers = [
        _shift(m, s.start) for s in cmp.segments for m in find_numbers(s.slice(cmp.text))
    ]
    for stated in claim_numbers:
        same = [t for t in evidence_numbers if stated.same_quantity(t)]
        if same and not any(_qualifier_holds(stated.qualifier, t.qualifier) for t in same):
            t = same[0]
            qualified.append(
                f"the text says '{_with_qualifier(cmp.text, t)}', the claim "
                f"'{_with_qualifier(cmp.statement, stated)}'"
            )
    return problems, qualified


def _shift(n: NumberMention, by: int) -> NumberMention:
    return NumberMention(n.start + by, n.end + by, n.text, n.value, n.percent, n.qualifier)


def _qualifier_holds(claimed: Qualifier, said: Qualifier) -> bool:
    """Whether a claim's qualifier is true to the text's: the same one, or a vaguer one for an
    exact figure ("about 300" for "300")."""
    return claimed is said or (said is Qualifier.exact and claimed is Qualifier.approximate)


def _with_qualifier(text: str, n: NumberMention) -> str:
    return as_qualified(text, n)


def name_changes(cmp: Comparison) -> list[str]:
    """A name of the claim put where the evidence names another."""
    problems = []
    for change in cmp.alignment.changes:
        if not change.local:
            continue
        mine = tuple(w for w in change.claim if w.capitalised and w.content)
        theirs = tuple(w for w in change.evidence if w.capitalised and w.content)
        if not (mine and theirs) or _at_start(cmp, mine):
            continue
        # A name may run on in lower case ("Nations unies", "Union européenne").
        if not (same_name(mine, theirs) or same_name(change.claim, change.evidence)):
            problems.append(
                f"the claim names '{_quote(mine)}' where the text names '{_quote(theirs)}'"
            )
    return problems


def _at_start(cmp: Comparison, words: tuple[Word, ...]) -> bool:
    """A capitalised first word is no name by its capital alone, unless the document writes it
    with a capital inside a sentence too ("Porto" put for "Bueno")."""
    if not (len(words) == 1 and cmp.alignment.claim[:1] == words):
        return False
    return re.search(rf"[\w,;] {re.escape(words[0].text)}\b", cmp.text) is None


def check_added(cmp: Comparison) -> Result:
    """Content words the claim adds that the text does not say anywhere in its evidence."""
    known = {w.stem for w in cmp.alignment.evidence}
    for change in cmp.alignment.changes:
        if variant_of(change.claim, cmp.alignment.evidence):
            continue
        added = [w for w in change.claim if w.content and w.stem not in known]
        replaced = [w for w in change.evidence if w.content]
        if len(added) - len(replaced) > ADDED_WORDS_ALLOWED:
            return result(
                CheckName.nothing_added,
                Severity.major,
                f"the claim adds '{_quote(change.claim)}', which the text does not say",
            )
    return result(CheckName.nothing_added, Severity.ok, "the claim adds nothing to the text")
