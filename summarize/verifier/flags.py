"""A claim's declared flags and certainty, each checked against its evidence.

A flag says why to read a claim with care; a flag the text does not bear out is noise that hides
the ones that matter (a model that lists every flag on every claim), and "asserted" where the
text hedges overstates it. Each wrong one is reported; the check is minor: it changes how the
claim is read, not what it says.
"""

from __future__ import annotations

from summarize.models import CheckName, Claim, Flag, SourceKind
from summarize.text.attribution import attributions_within
from summarize.text.fold import fold
from summarize.text.lexicon import ANONYMITY_MARKERS
from summarize.text.markers import MarkerKind, find_markers
from summarize.text.numbers import Qualifier, find_numbers
from summarize.verifier.checks import HEDGED_CERTAINTIES, Context, Result, Severity, result, skipped

_MARKER_FLAGS = {
    Flag.conditional_mood: (MarkerKind.conditional,),
    Flag.hedge_word: (MarkerKind.hedge, MarkerKind.conditional),
    Flag.prediction: (MarkerKind.prediction,),
    Flag.opinion: (MarkerKind.opinion,),
}
_NUMBER_FLAGS = {
    Flag.upper_bound_number: (Qualifier.upper_bound,),
    Flag.approximate_number: (Qualifier.approximate, Qualifier.lower_bound),
}


def check_flags(claim: Claim, ctx: Context) -> Result:
    """Each flag the claim declares is borne out by its statement or its evidence."""
    if not claim.flags and claim.certainty not in HEDGED_CERTAINTIES:
        return skipped(CheckName.flags_hold, "the claim declares no flag")
    evidence = ctx.near_text()
    both = claim.statement + "\n" + evidence
    # Read apart: the evidence's are those the other checks read.
    markers = {m.kind for t in (claim.statement, evidence) for m in find_markers(t)}
    qualifiers = {n.qualifier for t in (claim.statement, evidence) for n in find_numbers(t)}
    wrong: list[str] = []
    for flag in dict.fromkeys(claim.flags):
        if flag in _MARKER_FLAGS and not markers.intersection(_MARKER_FLAGS[flag]):
            wrong.append(f"{flag.value}: no such word in the claim or its evidence")
        elif flag in _NUMBER_FLAGS and not qualifiers.intersection(_NUMBER_FLAGS[flag]):
            wrong.append(f"{flag.value}: no such number in the claim or its evidence")
        elif flag is Flag.anonymous_source and not _anonymous(claim, ctx, both):
            wrong.append("anonymous_source: the text names its source")
        elif flag is Flag.single_source and len(claim.sources) > 1:
            wrong.append(f"single_source: the claim cites {len(claim.sources)} sources")
        elif flag is Flag.unsourced and (claim.sources or ctx.cited()):
            wrong.append("unsourced: a source is cited for it")
    hedged = markers & {MarkerKind.conditional, MarkerKind.hedge, MarkerKind.prediction}
    if claim.certainty in HEDGED_CERTAINTIES and not hedged:
        wrong.append(f"certainty {claim.certainty.value}: nothing hedges it in the text")
    if wrong:
        return result(CheckName.flags_hold, Severity.minor, "not borne out: " + "; ".join(wrong))
    shown = ", ".join(f.value for f in dict.fromkeys(claim.flags)) or claim.certainty.value
    return result(CheckName.flags_hold, Severity.ok, f"{shown} borne out by the text")


def _anonymous(claim: Claim, ctx: Context, text: str) -> bool:
    if any(s.kind is SourceKind.anonymous for s in claim.sources):
        return True
    folded = fold(text)
    if any(marker in folded for marker in ANONYMITY_MARKERS):
        return True
    start, end = ctx.near[0].start, ctx.near[-1].end
    found = attributions_within(ctx.index.text, ctx.index.language, start, end)
    return any(a.kind is SourceKind.anonymous for a in found)
