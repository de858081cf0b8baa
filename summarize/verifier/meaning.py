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
    LOCAL_WORDS,
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
from summarize.verifier.results import contradiction

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from summarize.verifier.index import DocumentIndex

# Words a claim may add without saying more than its evidence: a paraphrase's few words.
ADDED_WORDS_ALLOWED = 1
# A "sentence" longer than this is a list, a table or text the splitter could not cut (one in
# a thousand of the dev splits' sentences): its parse costs tens of milliseconds and its roles
# say little, so only the exchange of two phrases is looked for there.
ROLE_SENTENCE_CHARS = 1000


@dataclass(frozen=True)
class Comparison:
    """A claim's statement read against the sentences of its evidence, once for every check."""

    statement: str
    index: DocumentIndex  # the document
    segments: tuple[Segment, ...]
    alignment: Alignment

    @classmethod
    def of(cls, statement: str, index: DocumentIndex, segments: tuple[Segment, ...]) -> Comparison:
        claim = read(statement, index.language)
        evidence = tuple(w for s in segments for w in index.words_in(s.start, s.end))
        return cls(statement, index, segments, align(claim, evidence))

    @property
    def text(self) -> str:
        return self.index.text

    @property
    def language(self) -> str:
        return self.index.language

    @cached_property
    def _main(self) -> tuple[Segment, Alignment]:
        if len(self.segments) < 2:
            return self.segments[0], self.alignment
        claim = self.alignment.claim
        alignments = [(s, align(claim, self.index.words_in(s.start, s.end))) for s in self.segments]
        return max(alignments, key=lambda a: len(a[1].kept))

    @property
    def main(self) -> Alignment:
        """The claim aligned with the one evidence sentence that repeats most of it: a name
        put for another there may be one the other sentences give."""
        return self._main[1]

    @property
    def main_segment(self) -> Segment:
        return self._main[0]

    @property
    def main_changes(self) -> tuple[Change, ...]:
        """The changes against the main sentence, where the evidence has several (else none:
        they are the alignment's)."""
        return self.main.changes if self.main is not self.alignment else ()

    @cached_property
    def claim_parse(self) -> tuple[Token, ...]:
        """The claim's parsed tokens, or none without the language's pipeline."""
        try:
            return tuple(parse_sentence(self.statement, self.language))
        except ModelMissingError:
            return ()

    @cached_property
    def repeats(self) -> float:
        """The share of the claim's content words its main evidence sentence gives in order."""
        kept = {i for i, _ in self.main.kept}
        content = [i for i, w in enumerate(self.main.claim) if w.content]
        return sum(i in kept for i in content) / len(content) if content else 1.0

    @cached_property
    def close(self) -> bool:
        """Whether the claim says what one evidence sentence says, in its words but for one
        or so (a synonym, a number written out), maybe in another order (the passive): a close
        paraphrase. What an exchange of those words changes, the checks judge."""
        main = self.main
        said = {w.stem for w in main.evidence}
        # Another name for one the sentence gives ("les Nations unies" for "l'ONU") is its.
        named = {id(w) for c in main.changes if variant_of(c.claim, main.evidence) for w in c.claim}
        content = [w for w in main.claim if w.content]
        unexplained = [w for w in content if w.stem not in said and id(w) not in named]
        if not content or len(unexplained) > max(1, len(content) // 10):
            return False
        # Words put in another order mean another thing, unless the claim turns the sentence
        # into the passive.
        return all(c.local for c in main.changes if _content(c.claim)) or _passive(self)

    def borrowed(self, words: tuple[Word, ...]) -> bool:
        """Whether the claim takes `words` alone from some evidence sentence: unaligned, or
        aligned with at most one word around them. A name so taken from another sentence, put
        in place of the one the main sentence gives, is a swap, not a merge of two facts."""
        if len(self.segments) < 2:
            return True
        at = {id(w) for w in words}
        claim = self.alignment.claim
        kept = self.alignment.kept
        runs: list[list[tuple[int, int]]] = []
        for pair in kept:
            if runs and pair[0] == runs[-1][-1][0] + 1 and pair[1] == runs[-1][-1][1] + 1:
                runs[-1].append(pair)
            else:
                runs.append([pair])
        for run in runs:
            if any(id(claim[i]) in at for i, _ in run):
                return len(run) <= len(words) + 1
        return True

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
                    return contradiction(
                        CheckName.direction_agrees,
                        f"the claim says '{w.text}' where the text says '{v.text}'",
                    )
    return result(CheckName.direction_agrees, Severity.ok, "no word of the claim reverses the text")


def _content(words: tuple[Word, ...]) -> frozenset[str]:
    return frozenset(w.stem for w in words if w.content and not w.key.isdigit())


def check_roles(cmp: Comparison) -> Result:
    """Who does what to whom: the doer and the undergoer of each of the claim's verbs are the
    evidence's for the same verb (from the parse, so the passive for the active passes). A role
    fails when the claim gives it to a word the evidence has elsewhere in that verb's clause,
    and the evidence's holder of it is still in the claim: the two exchanged."""
    ok = result(CheckName.roles_agree, Severity.ok, "the claim keeps who does what")
    # Read against the sentence the claim repeats, and parsed only where words moved there.
    if not _moved(cmp.main):
        return ok
    sentence = cmp.main_segment.slice(cmp.text)
    try:
        claimed = _roles(parse_sentence(cmp.statement, cmp.language), cmp.language)
        said = (
            _roles(parse_sentence(sentence, cmp.language), cmp.language)
            if len(sentence) <= ROLE_SENTENCE_CHARS
            else []
        )
    except ModelMissingError:
        return ok
    exchanged = _exchanged(cmp.main) or _reordered(cmp.alignment.claim, said)
    if exchanged and not _passive(cmp):
        first, second, around = exchanged
        return contradiction(
            CheckName.roles_agree,
            f"the claim exchanges '{first}' and '{second}' around '{around}' (roles exchanged)",
        )
    claim_stems = {w.stem for w in cmp.alignment.claim}
    for mine in claimed:
        same_verb = [r for r in said if r.verb == mine.verb]
        for role, label in (("doer", "does"), ("undergoer", "undergoes")):
            held: Role | None = getattr(mine, role)
            if held is None or not same_verb:
                continue
            if any(_holds(getattr(r, role), held.head) for r in same_verb):
                continue
            for r in same_verb:
                theirs: Role | None = getattr(r, role)
                if (
                    theirs is not None
                    and held.head in r.clause
                    and theirs.head in claim_stems - held.words
                ):
                    return contradiction(
                        CheckName.roles_agree,
                        f"in the claim '{held.text}' {label} '{mine.shown}'; in the text it is "
                        f"'{theirs.text}' (roles exchanged)",
                    )
    return ok


def _exchanged(al: Alignment) -> tuple[str, str, str] | None:
    """Two phrases that changed places across words of the text ("A uses B" for "B uses A"),
    even where a garbled claim defeats the parse; phrases side by side ("A and B") may."""
    changes = [c for c in al.changes if _content(c.claim) and _content(c.evidence)]
    for n, first in enumerate(changes):
        for second in changes[n + 1 :]:
            if not (
                _content(first.claim) == _content(second.evidence)
                and _content(second.claim) == _content(first.evidence)
            ):
                continue
            lo, hi = first.evidence[-1].end, second.evidence[0].start
            between = [w for w in al.evidence if lo <= w.start < hi and w.content]
            if between:
                return _quote(first.evidence), _quote(second.evidence), _quote(between)
    return None


_RELATIVES = frozenset({"that", "which", "whom", "que", "qu", "dont"})


def _reordered(claim: tuple[Word, ...], said: list[Roles]) -> tuple[str, str, str] | None:
    """A verb of the text with its doer before it and its undergoer after it, where the claim
    puts the undergoer before the verb and the doer after it (a relative clause aside)."""
    stems = [w.stem for w in claim]
    for r in said:
        if r.doer is None or r.undergoer is None or not r.in_order:
            continue
        at = [
            stems.index(x) if stems.count(x) == 1 else -1
            for x in (r.undergoer.head, r.verb, r.doer.head)
        ]
        if -1 in at or not at[0] < at[1] < at[2]:
            continue
        if any(w.key in _RELATIVES for w in claim[at[0] : at[1]]):
            continue
        return r.doer.text, r.undergoer.text, r.shown
    return None


def _passive(cmp: Comparison) -> bool:
    """Whether the claim is in the passive, which puts the undergoer first (the parse reads it)."""
    return any(
        t.dep_ in ("nsubjpass", "nsubj:pass", "auxpass", "aux:pass") for t in cmp.claim_parse
    )


def _moved(al: Alignment) -> bool:
    """Whether content words the claim adds somewhere are words the evidence has elsewhere,
    and does not repeat in place: phrases that may have changed places (the parse is read
    only then)."""
    added = {w.stem for c in al.changes for w in c.claim if w.content}
    return bool(added & {w.stem for c in al.changes for w in c.evidence if w.content})


_DOER = frozenset({"nsubj", "csubj"})
_UNDERGOER = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass"})
_AGENT = frozenset({"obl:agent"})


@dataclass(frozen=True)
class Role:
    """A verb's doer or undergoer: the stem of its head word, the stems of its phrase."""

    head: str
    words: frozenset[str]
    text: str


@dataclass(frozen=True)
class Roles:
    verb: str  # stem
    shown: str  # as written
    doer: Role | None
    undergoer: Role | None
    clause: frozenset[str]  # the stems of everything the verb governs
    in_order: bool  # doer, verb, undergoer, in that order


def _holds(role: Role | None, head: str) -> bool:
    return role is not None and (role.head == head or head in role.words)


def _roles(doc: Doc, language: str) -> list[Roles]:
    """The doer and undergoer of each verb that has one, read from the parse."""
    out = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        doer = undergoer = None
        by_agent = False
        for child in verb.children:
            if child.dep_ in _DOER and doer is None:
                doer = child
            elif child.dep_ in _UNDERGOER and undergoer is None:
                undergoer = child
            elif child.dep_ in _AGENT and not by_agent:
                doer, by_agent = child, True  # the first "by" phrase: "by his client by the hand"
            elif child.dep_ == "agent" and not by_agent:
                doer = next((c for c in child.children if c.dep_ == "pobj"), doer)
                by_agent = True
        if doer is None and undergoer is None:
            continue
        out.append(
            Roles(
                _head_stem(verb.text, language),
                verb.text,
                _role(doer, language),
                _role(undergoer, language),
                _stems(" ".join(t.text for t in verb.subtree), language),
                doer is not None and undergoer is not None and doer.i < verb.i < undergoer.i,
            )
        )
    return out


def _role(token: Token | None, language: str) -> Role | None:
    if token is None or token.pos_ == "PRON":
        return None
    phrase = " ".join(t.text for t in token.subtree)
    return Role(_head_stem(token.text, language), _stems(phrase, language), phrase)


def _head_stem(text: str, language: str) -> str:
    words = read(text, language)
    return words[0].stem if words else text


def _stems(text: str, language: str) -> frozenset[str]:
    return frozenset(w.stem for w in read(text, language) if w.content)


def check_time(cmp: Comparison) -> Result:
    """Days, months, years and relative times in the claim are the evidence's, and what the
    text says will happen is not told as done."""
    al = cmp.alignment
    claim_all, evidence_all = al.claim, al.evidence
    evidence_times = {w.start for i, w in enumerate(evidence_all) if time_word(evidence_all, i)}
    claim_times = {w.start for i, w in enumerate(claim_all) if time_word(claim_all, i)}
    known = {w.stem for w in evidence_all if w.start in evidence_times}
    # "de cette semaine" for "de la semaine dernière" aligns as two changes: one adds a time
    # word, the next drops the text's.
    dropped: list[Word] = []
    added: list[Word] = []
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
        # A time the claim adds where the text gives none is the numbers' or the coverage's
        # to judge; put for another time, it contradicts.
        if change.local and not (new and said):
            dropped += said if not claimed else []
            added += new
        if change.local and ((new and said) or (added and dropped)):
            return contradiction(
                CheckName.time_agrees,
                f"the claim says '{_quote(new or added)}' where the text says "
                f"'{_quote(said or dropped)}'",
            )
        future = [w for w in change.evidence if w.key in FUTURE]
        if (
            future
            and change.local
            and not any(w.key in FUTURE or w.key in _FUTURE_IN_PAST for w in change.claim)
            and any(cmp.bears_on_kept(w, change) for w in future)
            and not _future_tense(cmp)
        ):
            return contradiction(
                CheckName.time_agrees,
                f"the text says this will happen ('{_quote(future)}'); the claim says it has",
            )
    return result(CheckName.time_agrees, Severity.ok, "the claim keeps the text's times")


# What was to happen, in reported speech: "she said it would open".
_FUTURE_IN_PAST = frozenset({"would", "allait", "allaient", "devait", "devaient"})


def _future_tense(cmp: Comparison) -> bool:
    """Whether the claim has a verb in the future or the conditional ("vendra", "ouvrirait"):
    what will be, told so."""
    return any(
        "Fut" in t.morph.get("Tense", []) or "Cnd" in t.morph.get("Mood", [])
        for t in cmp.claim_parse
    )


def check_negation(cmp: Comparison) -> Result:
    """A negation added, or dropped where it governs what the claim repeats."""
    claim_all, evidence_all = cmp.alignment.claim, cmp.alignment.evidence
    # More negations in the claim than in the sentence it repeats: one was added, even where
    # the text negates something else ("n'a pas déclaré qu'il n'avait rien").
    main = cmp.main.evidence
    more = _negations(claim_all) > _negations(main)
    for change in cmp.alignment.changes:
        claim_neg = [w for w in change.claim if is_negation(w, claim_all)]
        text_neg = [w for w in change.evidence if is_negation(w, evidence_all)]
        if claim_neg and not text_neg and (more or not _negations(evidence_all)):
            return contradiction(
                CheckName.negation_agrees,
                f"the claim negates ('{_quote(claim_neg)}') what the text affirms",
            )
        if text_neg and not claim_neg and any(cmp.bears_on_kept(w, change) for w in text_neg):
            return contradiction(
                CheckName.negation_agrees,
                f"the text negates ('{_quote(text_neg)}') what the claim affirms",
            )
    return result(CheckName.negation_agrees, Severity.ok, "claim and text agree in polarity")


def _negations(words: tuple[Word, ...]) -> int:
    return sum(1 for w in words if is_negation(w, words))


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
            return contradiction(
                CheckName.certainty_kept,
                f"the text says '{said}', the claim '{_quote(change.claim)}': it states as fact "
                "what the text does not",
            )
    if declared_hedged:
        return result(CheckName.certainty_kept, Severity.ok, "the claim is declared hedged")
    for change in cmp.alignment.changes:
        hedges = [w for w in change.evidence if _hedge(w, cmp.language)]
        kept = [w for w in change.claim if _hedge(w, cmp.language)]
        if hedges and not kept and change.inside:
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
        return contradiction(CheckName.numbers_agree, "; ".join(changed))
    if base.severity is Severity.major or not qualified:
        return base
    return result(CheckName.numbers_agree, Severity.minor, "; ".join(qualified))


def with_names(base: Result, cmp: Comparison) -> Result:
    """`base` (the names check) unless the claim puts a name where the evidence has another."""
    changed = name_changes(cmp)
    if changed and base.severity is not Severity.major:
        return contradiction(CheckName.entities_agree, "; ".join(changed))
    return base


def number_changes(cmp: Comparison) -> tuple[list[str], list[str]]:
    """Numbers of the claim put where the evidence has others, and qualifiers changed."""
    claim_numbers = find_numbers(cmp.statement)
    problems: list[str] = []
    qualified: list[str] = []
    evidence_numbers = [
        _shift(m, s.start) for s in cmp.segments for m in find_numbers(s.slice(cmp.text))
    ]
    main = cmp.main_changes
    for change in (*cmp.alignment.changes, *main):
        if not change.local:
            continue
        mine = _numbers_in(claim_numbers, change.claim)
        theirs = _numbers_in(evidence_numbers, change.evidence)
        if not (mine and theirs) or any(m.same_quantity(t) for m in mine for t in theirs):
            continue
        if _year(mine) != _year(theirs):
            continue  # a year paired with a count: the alignment's, not the claim's
        # As for names: a number the evidence gives too is put for another only where the
        # claim takes it alone.
        given = all(any(m.same_quantity(t) for t in evidence_numbers) for m in mine)
        if (
            given
            and len(cmp.segments) > 1
            and (change not in main or not cmp.borrowed(change.claim))
        ):
            continue
        problem = (
            f"the claim says {', '.join(m.text for m in mine)} where the text says "
            f"{', '.join(t.text for t in theirs)}"
        )
        if problem not in problems:
            problems.append(problem)
    for stated in claim_numbers:
        same = [t for t in evidence_numbers if stated.same_quantity(t)]
        if same and not any(_qualifier_holds(stated.qualifier, t.qualifier) for t in same):
            t = same[0]
            qualified.append(
                f"the text says '{_with_qualifier(cmp.text, t)}', the claim "
                f"'{_with_qualifier(cmp.statement, stated)}'"
            )
    return problems, qualified


def _year(numbers: list[NumberMention]) -> bool:
    return all(n.value is not None and 1900 <= n.value <= 2100 and not n.percent for n in numbers)


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
    problems: list[str] = []
    evidence = {w.stem for w in cmp.alignment.evidence}
    main = cmp.main_changes
    for change in (*cmp.alignment.changes, *main):
        mine = tuple(w for w in change.claim if w.capitalised and w.content)
        theirs = tuple(w for w in change.evidence if w.capitalised and w.content)
        # A name runs longer than a word swapped: "The New York Daily News" for "Facebook".
        if not (change.local or _name_for_name(change, mine, theirs)):
            continue
        if not (mine and theirs) or _at_start(cmp, mine) or _one_name(cmp.index, mine, theirs):
            continue
        # Across several sentences the alignment may pair names of different facts: a name the
        # evidence gives too is a swap only where the claim takes it alone (`borrowed`).
        if all(w.stem in evidence for w in mine) and (change not in main or not cmp.borrowed(mine)):
            continue
        # A name may run on in lower case ("Nations unies", "Union européenne").
        if not (same_name(mine, theirs) or same_name(change.claim, change.evidence)):
            problem = f"the claim names '{_quote(mine)}' where the text names '{_quote(theirs)}'"
            if problem not in problems:
                problems.append(problem)
    return problems


def _one_name(index: DocumentIndex, mine: tuple[Word, ...], theirs: tuple[Word, ...]) -> bool:
    """Whether the document writes the two as one name ("Marion Smith"): the claim gives a
    part of it where the evidence gives another."""
    a, b = [w.key for w in theirs], [w.key for w in mine]
    return index.contains(a + b) or index.contains(b + a)


def _name_for_name(change: Change, mine: tuple[Word, ...], theirs: tuple[Word, ...]) -> bool:
    """Whether a change puts one name for another and little else: a longer substitution."""
    return (
        bool(change.claim and change.evidence)
        and len(change.claim) - len(mine) <= 2
        and len(change.evidence) - len(theirs) <= 2
        and max(len(mine), len(theirs)) <= 2 * LOCAL_WORDS
    )


def _at_start(cmp: Comparison, words: tuple[Word, ...]) -> bool:
    """A capitalised first word is no name by its capital alone, unless the document writes it
    with a capital inside a sentence too ("Porto" put for "Bueno")."""
    if not (len(words) == 1 and cmp.alignment.claim[:1] == words):
        return False
    word, index, text = words[0].text, cmp.index, cmp.text
    for start in index.starts_of(words[0].key):
        before = text[max(0, start - 2) : start]
        if text.startswith(word, start) and re.fullmatch(r"[\w,;] |\w['’]", before):
            return False
    return True


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
