"""Rule-based claims: one per sentence that cites a source, gives a number or names an actor."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.models import Certainty, Claim, Flag, Source, SourceKind
from summarize.text.attribution import Attribution, find_attributions
from summarize.text.entities import find_entities
from summarize.text.markers import MarkerKind, find_markers
from summarize.text.numbers import Qualifier, find_numbers

# A leading "D'après X, " or trailing ", selon X." clause is the attribution, not the claim.
_LEADING_CLAUSE = re.compile(r"^[^,]{0,160}?,\s*")
_TRAILING = re.compile(r",\s*[^,]*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that could become a claim, with what the rules found in it."""

    claim: Claim
    weight: float
    start: int


def _sources(attributions: list[Attribution]) -> list[Source]:
    seen: dict[str, Source] = {}
    for a in attributions:
        kind = SourceKind(a.kind) if a.kind in SourceKind.__members__ else SourceKind.other
        seen.setdefault(a.name, Source(name=a.name, kind=kind, descriptor=a.descriptor, cue=a.cue))
    return list(seen.values())


def _statement(sentence: str, attributions: list[Attribution]) -> str:
    """The sentence without its attribution clause, when that clause is at either end."""
    statement = sentence
    head = _LEADING_CLAUSE.match(sentence)
    for a in attributions:
        if head and a.end <= head.end() and statement == sentence:
            rest = sentence[head.end() :]
            if rest:
                statement = rest[0].upper() + rest[1:]
            continue
        tail = _TRAILING.search(statement)
        if tail and a.name in tail.group() and a.cue.lower() in tail.group().lower():
            statement = statement[: tail.start()].rstrip() + "."
    return statement.strip()


def _flags_and_certainty(sentence: str, sources: list[Source]) -> tuple[list[Flag], Certainty]:
    markers = find_markers(sentence)
    kinds = {m.kind for m in markers}
    flags: list[Flag] = []
    if MarkerKind.conditional in kinds:
        flags.append(Flag.conditional_mood)
    if MarkerKind.hedge in kinds:
        flags.append(Flag.hedge_word)
    qualifiers = {n.qualifier for n in find_numbers(sentence)}
    if Qualifier.upper_bound in qualifiers:
        flags.append(Flag.upper_bound_number)
    if Qualifier.approximate in qualifiers:
        flags.append(Flag.approximate_number)
    named = [s for s in sources if s.kind is not SourceKind.anonymous]
    if any(s.kind is SourceKind.anonymous for s in sources):
        flags.append(Flag.anonymous_source)
    if len(named) == 1 and len(sources) == 1:
        flags.append(Flag.single_source)
    if not sources:
        flags.append(Flag.unsourced)
    if MarkerKind.prediction in kinds:
        flags.append(Flag.prediction)
    if MarkerKind.opinion in kinds:
        flags.append(Flag.opinion)

    if kinds & {MarkerKind.conditional, MarkerKind.hedge}:
        certainty = Certainty.hedged
    elif MarkerKind.prediction in kinds:
        certainty = Certainty.speculative
    elif sources:
        certainty = Certainty.reported
    else:
        certainty = Certainty.asserted
    return flags, certainty


def candidate(sentence: str, start: int) -> Candidate | None:
    """The claim a sentence makes, or None when it states nothing checkable."""
    attributions = find_attributions(sentence)
    numbers = find_numbers(sentence)
    entities = find_entities(sentence)
    if not (attributions or numbers or entities):
        return None
    sources = _sources(attributions)
    flags, certainty = _flags_and_certainty(sentence, sources)
    claim = Claim(
        id="",
        statement=_statement(sentence, attributions),
        quote=sentence,
        sources=sources,
        certainty=certainty,
        flags=flags,
        entities=list(dict.fromkeys(e.text for e in entities)),
        numbers=[n.text for n in numbers],
    )
    weight = 2.0 * bool(sources) + 1.0 * bool(numbers) + 0.5 * min(len(entities), 3)
    weight -= 1.0 * (Flag.opinion in flags)
    return Candidate(claim, weight, start)
