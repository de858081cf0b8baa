"""The public data model: what a briefing is made of.

These types are versioned and exported as JSON Schema to `schemas/`; change them with care.
Character offsets always index the document text exactly as `load` returned it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    # Schemas build on first use: a rerun that skips everything never needs most of them.
    model_config = ConfigDict(extra="forbid", use_enum_values=False, defer_build=True)


class SourceKind(StrEnum):
    """Who a claim is attributed to."""

    person = "person"
    organisation = "organisation"
    media = "media"
    agency = "agency"
    government = "government"
    official = "official"
    expert = "expert"
    document = "document"
    anonymous = "anonymous"
    author = "author"
    other = "other"


class Source(_Model):
    """A source the text cites for a claim ("selon RBC-Ukraine", "according to NHK")."""

    name: str = Field(description="Name as written in the text, e.g. 'NHK'.")
    kind: SourceKind = SourceKind.other
    descriptor: str | None = Field(
        default=None, description="How the text describes it, e.g. 'média japonais'."
    )
    cue: str | None = Field(
        default=None, description="The attribution cue, e.g. 'd'après', 'selon', 'according to'."
    )


class Certainty(StrEnum):
    """How firmly the text states a claim."""

    asserted = "asserted"
    reported = "reported"
    hedged = "hedged"
    speculative = "speculative"


class Flag(StrEnum):
    """Reasons to read a claim with care."""

    conditional_mood = "conditional_mood"
    hedge_word = "hedge_word"
    approximate_number = "approximate_number"
    upper_bound_number = "upper_bound_number"
    single_source = "single_source"
    anonymous_source = "anonymous_source"
    unsourced = "unsourced"
    prediction = "prediction"
    opinion = "opinion"


class Span(_Model):
    """A half-open character range `[start, end)` in the document text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TextSpan(_Model):
    """A range `[start, end)` of the text and the characters it holds."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Attribution(_Model):
    """Who the text says something comes from: a source, a cue and what was said."""

    source: TextSpan | None = Field(description="The source as written; None when implicit.")
    cue: TextSpan = Field(description="The reporting verb or phrase: 'said', 'selon'.")
    content: TextSpan = Field(description="What the source said, believed or reported.")
    parts: list[Span] = Field(
        default_factory=list,
        description="The content's pieces when the cue interrupts it ('X, he said, Y').",
    )
    name: str | None = Field(
        default=None, description="The source's name; for a pronoun, the person it stands for."
    )
    kind: SourceKind | None = None
    descriptor: str | None = Field(
        default=None, description="How the text describes the source: 'média japonais'."
    )


class MatchKind(StrEnum):
    """How evidence was found: a quote matched exactly, after normalisation, or fuzzily; or,
    for a claim given without a quote, the passage retrieved as its best support."""

    exact = "exact"
    normalised = "normalised"
    fuzzy = "fuzzy"
    retrieved = "retrieved"


class Evidence(_Model):
    """Where a claim's support sits in the document: `text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    match: MatchKind
    score: float = Field(ge=0.0, le=1.0)
    parts: list[Span] = Field(
        default_factory=list,
        description="For a quote with an elided middle ('...'), the span of each part.",
    )


class CheckName(StrEnum):
    quote_found = "quote_found"
    numbers_agree = "numbers_agree"
    entities_agree = "entities_agree"
    source_named = "source_named"
    certainty_kept = "certainty_kept"
    content_covered = "content_covered"
    negation_agrees = "negation_agrees"
    direction_agrees = "direction_agrees"
    roles_agree = "roles_agree"
    time_agrees = "time_agrees"
    nothing_added = "nothing_added"
    flags_hold = "flags_hold"
    model_judgement = "model_judgement"


class Outcome(StrEnum):
    passed = "passed"
    failed = "failed"
    skipped = "skipped"


class Check(_Model):
    """One verifier check, its outcome, and why."""

    name: CheckName
    outcome: Outcome
    reason: str


class Verdict(StrEnum):
    supported = "supported"
    partially_supported = "partially_supported"
    unsupported = "unsupported"
    quote_not_found = "quote_not_found"


class Verification(_Model):
    """The verifier's judgement of one claim against the document."""

    claim_id: str
    verdict: Verdict
    score: float = Field(ge=0.0, le=1.0, description="Support score behind the verdict.")
    evidence: Evidence | None = None
    checks: list[Check] = Field(default_factory=list)


class Claim(_Model):
    """One atomic, self-contained statement taken from a document."""

    id: str
    statement: str
    quote: str | None = Field(
        default=None, description="Verbatim text from the document that supports the statement."
    )
    sources: list[Source] = Field(default_factory=list)
    certainty: Certainty = Certainty.asserted
    flags: list[Flag] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    numbers: list[str] = Field(default_factory=list)
    verification: Verification | None = None


class KeyPoint(_Model):
    text: str
    claim_ids: list[str] = Field(default_factory=list)


class DocumentMeta(_Model):
    """What we know about a document apart from its text."""

    path: str | None = None
    sha256: str
    chars: int = Field(ge=0)
    format: str = Field(description="txt, md, html or pdf")
    encoding: str
    language: str = Field(description="ISO 639-1 code, e.g. 'fr'")
    title: str | None = None
    date: str | None = None
    credit: str | None = Field(default=None, description="Photo or source credit line.")
    url: str | None = Field(
        default=None, description="Where it was fetched from, redirects followed."
    )
    fetched_at: datetime | None = Field(default=None, description="When it was fetched (UTC).")
    http_date: str | None = Field(
        default=None, description="The server's Last-Modified, else its Date, as sent."
    )
    outlet: str | None = Field(default=None, description="The feed it came from, by its title.")
    previous: str | None = Field(
        default=None, description="sha256 of the earlier version of the same URL, when it changed."
    )


class Usage(_Model):
    """What producing a draft cost."""

    calls: int = Field(default=0, description="Requests sent to the model, failed ones too.")
    reasks: int = Field(default=0, description="Requests repeated because output was invalid.")
    retries: int = Field(default=0, description="Requests repeated after a transient failure.")
    tokens_in: int = 0
    tokens_out: int = 0
    cache_hits: int = Field(default=0, description="Answers reused from the response cache.")
    model_seconds: float = Field(default=0.0, description="Time spent waiting on the model.")
    cost_usd: float = Field(default=0.0, description="Estimated from the price table.")


class Provenance(_Model):
    """How a briefing was made."""

    backend: str
    model: str | None = None
    prompt_version: str
    summarize_version: str
    verifier_version: str | None = Field(
        default=None, description="The verifier that checked the claims (absent before 0.2)."
    )
    started_at: datetime
    seconds: float = Field(ge=0.0)
    usage: Usage = Field(default_factory=Usage)


class Briefing(_Model):
    """A verified briefing of one document."""

    schema_version: str = SCHEMA_VERSION
    document: DocumentMeta
    headline: str
    summary: str
    key_points: list[KeyPoint] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    provenance: Provenance


class Draft(_Model):
    """What a backend hands to the verifier: the briefing before any checking."""

    headline: str
    summary: str
    key_points: list[KeyPoint] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    model: str | None = None


class ClaimRef(_Model):
    """A claim of one document, as a digest refers to it."""

    document: str = Field(description="The document's path, or its hash when it had none.")
    sha256: str
    claim_id: str
    statement: str
    verdict: Verdict | None = None
    certainty: Certainty = Certainty.asserted
    sources: list[str] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)


class ClaimGroup(_Model):
    """Claims of several documents about the same thing."""

    id: str
    statement: str = Field(description="The best-verified claim's statement.")
    claims: list[ClaimRef]
    documents: int = Field(ge=1)
    sources: list[str] = Field(description="Independent sources: cited names, else the documents.")
    independent_sources: int = Field(ge=0)
    single_source: bool
    new: bool = Field(description="Nothing like it in the briefings before this digest.")
    flags: list[Flag] = Field(default_factory=list)


class Contradiction(_Model):
    """Two documents that disagree about the same thing."""

    group_id: str
    kind: str = Field(description="numbers or polarity")
    detail: str
    first: ClaimRef
    second: ClaimRef


class DigestDocument(_Model):
    path: str | None
    sha256: str
    headline: str
    summary: str
    language: str
    date: str | None = None
    claims: int = 0
    verdicts: dict[str, int] = Field(default_factory=dict)


class Story(_Model):
    """A document worth reading first, and why."""

    sha256: str
    headline: str
    summary: str
    score: float
    why: str


class DigestProvenance(_Model):
    summarize_version: str
    backend: str = Field(description="What wrote the overview: 'rules' means no overview.")
    model: str | None = None
    seconds: float = Field(ge=0.0)
    usage: Usage = Field(default_factory=Usage)


class Digest(_Model):
    """The dated briefing across everything that came in since the previous one."""

    schema_version: str = SCHEMA_VERSION
    date: str = Field(description="The day it covers, YYYY-MM-DD.")
    created: datetime
    since: datetime | None = Field(description="Briefings stored after this moment are in it.")
    overview: str | None = Field(default=None, description="Model-written, when one is set.")
    documents: list[DigestDocument] = Field(default_factory=list)
    top_stories: list[Story] = Field(default_factory=list)
    groups: list[ClaimGroup] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    flags: dict[str, int] = Field(default_factory=dict, description="Flag counts over all claims.")
    warnings: list[str] = Field(
        default_factory=list, description="What was left out and why (a refused overview)."
    )
    provenance: DigestProvenance
