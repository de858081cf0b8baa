"""The checks run on a claim once its evidence is located; each says why it passed or failed.

A check returns its public `Check` and a severity: a `major` failure contradicts the text
(another number, a name the text never gives), a `minor` one overstates or loses context (a
dropped hedge, a source named elsewhere). The verdict is made from the severities.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from summarize.models import Certainty, CheckName, Claim, Flag
from summarize.text.acronyms import acronyms, is_acronym
from summarize.text.attribution import attributions_within
from summarize.text.entities import Entity, find_entities, starts_sentence, within_name
from summarize.text.lexicon import MONTHS, WEEKDAYS
from summarize.text.nlp import ModelMissingError, parse_sentence
from summarize.text.numbers import NumberMention, find_numbers
from summarize.text.sentences import Segment
from summarize.text.tokens import token_keys
from summarize.verifier.compare import other_names, read
from summarize.verifier.index import DocumentIndex
from summarize.verifier.locate import Difference
from summarize.verifier.results import Result, Severity, result, skipped
from summarize.verifier.verdicts import COVERED, PARTLY_COVERED

__all__ = ["Context", "Result", "Severity", "result", "skipped"]

HEDGED_CERTAINTIES = frozenset({Certainty.hedged, Certainty.speculative})
HEDGE_FLAGS = frozenset({Flag.conditional_mood, Flag.hedge_word, Flag.upper_bound_number})


@dataclass(frozen=True, slots=True)
class Context:
    """Where a claim's support sits: the sentences around its evidence (`near`) and the
    paragraphs around them (`wide`); for a claim without a quote, its evidence sentences."""

    index: DocumentIndex
    near: tuple[Segment, ...]
    wide: tuple[Segment, ...]

    @classmethod
    def around(cls, index: DocumentIndex, start: int, end: int) -> Context:
        return cls(index, (index.context(start, end),), (index.paragraph_context(start, end),))

    @classmethod
    def of(cls, index: DocumentIndex, sentences: list[Segment]) -> Context:
        parts = tuple(sentences)
        return cls(index, parts, parts)

    def near_text(self) -> str:
        return "\n".join(s.slice(self.index.text) for s in self.near)

    def wide_text(self) -> str:
        return "\n".join(s.slice(self.index.text) for s in self.wide)

    def wide_keys(self) -> list[str]:
        """The token keys of the wide context, from the document's tokens (not read again)."""
        tokens = self.index.tokens
        keys: list[str] = []
        for seg in self.wide:
            lo = bisect_left(tokens.starts, seg.start)
            hi = bisect_left(tokens.starts, seg.end)
            keys += tokens.keys[lo:hi]
        return keys

    def cited(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(name, cue, keys of the source as written) of each source the text cites for what
        the near sentences say; the document is parsed for it once, the parse shared with the
        rules backend."""
        start, end = self.near[0].start, self.near[-1].end
        found = attributions_within(self.index.text, self.index.language, start, end)
        return [
            (a.name, a.cue.text, tuple(token_keys(a.source.text)))
            for a in found
            if a.name and a.source is not None
        ]


def _contains_words(haystack_keys: list[str], needle_keys: tuple[str, ...] | list[str]) -> bool:
    n = len(needle_keys)
    if n == 0:
        return True
    first = needle_keys[0]
    return any(
        haystack_keys[i] == first and tuple(haystack_keys[i : i + n]) == tuple(needle_keys)
        for i in range(len(haystack_keys) - n + 1)
    )


def _fmt(numbers: list[NumberMention]) -> str:
    return ", ".join(n.text for n in numbers) or "none"


def variants_of(text: str, e: Entity) -> list[tuple[str, ...]]:
    """The other names of entity `e` of `text` ("Royaume-Uni" for "Grande-Bretagne", "ONU" for
    "Nations unies"), as token keys; the entity may run on in lower case ("Nations unies")."""
    keys = list(e.keys)
    after = token_keys(text[e.end : e.end + 30])[:2]
    out: list[tuple[str, ...]] = []
    for n in range(len(after) + 1):
        out += [tuple(v.split()) for v in other_names(" ".join(keys + after[:n]))]
    return out


def claim_names(statement: str, index: DocumentIndex) -> list[Entity]:
    """The names a claim gives, less days and months, names the document gives another way
    ("the UK" for "Britain") and a first word capitalised by position only: those are not
    invented."""
    return [
        e
        for e in find_entities(statement)
        if not _is_date_word(e)
        and not any(index.contains(v) for v in variants_of(statement, e))
        and (index.names(e) or not _capital_by_position(statement, e, index.language))
    ]


def check_numbers(
    claim_text: str,
    ctx: Context,
    differences: list[Difference],
    document: Callable[[], list[NumberMention]] | None = None,
) -> Result:
    """Every number the claim states is in the sentences of its evidence, with the same value.

    Given the `document`'s numbers (read on demand; for evidence the verifier retrieved, not a
    quote), a number that the document states elsewhere is a minor failure, as for names."""
    stated = find_numbers(claim_text)
    changed = [d for d in differences if any(c.isdigit() for c in d.quote + d.text)]
    if changed:
        pairs = "; ".join(f"quote says '{d.quote}', text says '{d.text}'" for d in changed)
        return result(
            CheckName.numbers_agree, Severity.major, f"the quote's numbers differ: {pairs}"
        )
    if not stated:
        return skipped(CheckName.numbers_agree, "the claim states no number")
    near = find_numbers(ctx.near_text())
    missing = [n for n in stated if not any(n.same_quantity(m) for m in near)]
    if (
        missing
        and document is not None
        and all(any(n.same_quantity(m) for m in document()) for n in missing)
    ):
        return result(
            CheckName.numbers_agree,
            Severity.minor,
            f"claim says {_fmt(missing)}: stated elsewhere in the document, "
            f"not in this passage ({_fmt(near)})",
        )
    if missing:
        return result(
            CheckName.numbers_agree,
            Severity.major,
            f"claim says {_fmt(missing)}; the text there says {_fmt(near)}",
        )
    return result(CheckName.numbers_agree, Severity.ok, f"{_fmt(stated)} found in the text")


def check_entities(claim_text: str, ctx: Context, differences: list[Difference]) -> Result:
    """Names in the claim appear near the evidence; a name the document never gives is major."""
    swapped = [d for d in differences if find_entities(d.text) and d.quote]
    if swapped:
        pairs = "; ".join(f"quote says '{d.quote}', text says '{d.text}'" for d in swapped)
        return result(
            CheckName.entities_agree, Severity.major, f"the quote's names differ: {pairs}"
        )
    names = [e for e in find_entities(claim_text) if not _is_date_word(e)]
    if not names:
        return skipped(CheckName.entities_agree, "the claim names no one")
    wide = ctx.wide_text()
    near_keys = ctx.wide_keys()
    spelt = acronyms(wide) if any(is_acronym(e.text) for e in names) else set()
    absent = [
        e
        for e in names
        if not (
            _contains_words(near_keys, e.keys)
            or within_name(near_keys, e.keys)
            or (is_acronym(e.text) and e.keys[0] in spelt)
            or any(_contains_words(near_keys, v) for v in variants_of(claim_text, e))
            or _capital_by_position(claim_text, e, ctx.index.language)
        )
    ]
    if not absent:
        return result(
            CheckName.entities_agree,
            Severity.ok,
            f"{', '.join(e.text for e in names)} named in the passage",
        )
    nowhere = [
        e
        for e in absent
        if not ctx.index.names(e)
        and not any(ctx.index.contains(v) for v in variants_of(claim_text, e))
    ]
    if nowhere:
        return result(
            CheckName.entities_agree,
            Severity.major,
            f"{', '.join(e.text for e in nowhere)} not named anywhere in the document",
        )
    return result(
        CheckName.entities_agree,
        Severity.minor,
        f"{', '.join(e.text for e in absent)} named elsewhere in the document, not in this passage",
    )


def _capital_by_position(statement: str, e: Entity, language: str) -> bool:
    """A lone word capitalised only because it opens the claim or one of its sentences ("Almost
    70 years", "New Delhi : Au-delà de 100"), which the parse reads as no proper noun."""
    if not starts_sentence(statement, e.start) or " " in e.text.strip():
        return False
    if is_acronym(e.text):
        return False
    try:
        doc = parse_sentence(statement, language)
    except ModelMissingError:
        return False
    word = next((t for t in doc if t.idx == e.start), None)
    return word is not None and word.pos_ != "PROPN"


def _is_date_word(e: Entity) -> bool:
    """ "Nov", "Sept", "Friday": capitalised, but days and months are the time check's."""
    return len(e.keys) == 1 and (e.keys[0] in MONTHS or e.keys[0] in WEEKDAYS)


def _names_source(statement: list[str], name: list[str], said: tuple[str, ...]) -> bool:
    """Whether a statement names a source: as the text does, or a person by the surname."""
    if _contains_words(statement, name) or _contains_words(statement, said):
        return True
    plain = " ".join(k for k in name if k not in ("l", "le", "la", "les", "the"))
    if any(_contains_words(statement, v.split()) for v in other_names(plain)):
        return True
    return len(name) >= 2 and len(name[-1]) > 2 and name[-1] in statement


def check_source(claim: Claim, ctx: Context) -> Result:
    """Each cited source is named near the evidence; a source the text gives is not dropped."""
    near_keys = ctx.wide_keys()
    if not claim.sources:
        statement = token_keys(claim.statement)
        cited = list(dict.fromkeys(ctx.cited()))
        given = [
            (name, cue)
            for name, cue, said in cited
            if not _names_source(statement, token_keys(name), said)
        ]
        if not given and cited:
            names = ", ".join(dict.fromkeys(name for name, _, _ in cited))
            return result(
                CheckName.source_named, Severity.ok, f"the claim names {names}, as the text does"
            )
        if given:
            names = ", ".join(f"{name} ('{cue}')" for name, cue in given)
            return result(
                CheckName.source_named,
                Severity.minor,
                f"the text attributes this to {names}; the claim cites no source",
            )
        return skipped(CheckName.source_named, "the claim cites no source and the text gives none")
    missing = [s for s in claim.sources if not _contains_words(near_keys, token_keys(s.name))]
    if not missing:
        return result(
            CheckName.source_named,
            Severity.ok,
            f"{', '.join(s.name for s in claim.sources)} named in the passage",
        )
    nowhere = [s for s in missing if not ctx.index.contains(token_keys(s.name))]
    severity = Severity.major if nowhere else Severity.minor
    where = "anywhere in the document" if nowhere else "in this passage (only elsewhere)"
    return result(
        CheckName.source_named,
        severity,
        f"{', '.join(s.name for s in (nowhere or missing))} not named {where}",
    )


def content_stems(text: str, language: str) -> list[str]:
    """Stems of the content words of a text, in order (stop words dropped; "hasn't" read as
    "has not", "Sept." as "September")."""
    return [w.stem for w in read(text, language) if w.content]


def check_coverage(statement: str, ctx: Context) -> tuple[Result, float]:
    """Share of the claim's content words that the passage contains (by stem)."""
    stems = content_stems(statement, ctx.index.language)
    if not stems:
        return skipped(CheckName.content_covered, "the claim has no content words"), 1.0
    near = {st for s in ctx.wide for st in ctx.index.content_stems_in(s.start, s.end)}
    covered = [s for s in stems if s in near]
    share = len(covered) / len(stems)
    missing = [s for s in dict.fromkeys(stems) if s not in near]
    reason = f"{share:.0%} of the claim's content words are in the passage"
    if missing:
        reason += f" (missing: {', '.join(missing[:6])})"
    severity = (
        Severity.ok
        if share >= COVERED
        else (Severity.minor if share >= PARTLY_COVERED else Severity.major)
    )
    return result(CheckName.content_covered, severity, reason), share
