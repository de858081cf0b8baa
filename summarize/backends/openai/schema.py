"""What the model must return. Validators hold it to the document, so instructor asks again
with a precise error when a quote is not in the text or a cited source was left out."""

from __future__ import annotations

import functools
from typing import Any, Self, cast

from pydantic import (
    BaseModel,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from summarize.models import Certainty, Flag, SourceKind
from summarize.text.attribution import attributions_within
from summarize.text.numbers import find_numbers
from summarize.verifier import Locator

# Bounds on every list: a server that decodes by the schema's grammar must then close each
# list, where a small model, greedy, would otherwise repeat one item until its token limit.
MAX_KEY_POINTS = 6
MAX_SOURCES = 6
_FLAGS = {f.value for f in Flag}


def _untitled(node: Any, *, named: bool = False) -> Any:
    """A JSON Schema without its `title` keys (a property named "title" is kept)."""
    if isinstance(node, dict):
        return {
            k: _untitled(v, named=k in ("properties", "$defs"))
            for k, v in node.items()
            if named or k != "title"
        }
    if isinstance(node, list):
        return [_untitled(v) for v in node]
    return node


class _Shape(BaseModel):
    """What the model is asked to fill. Its JSON Schema goes out with every request, so it
    carries no titles but its own (instructor names the tool by it): the others repeat the
    property names, a sixth of the schema's tokens."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        schema = super().model_json_schema(*args, **kwargs)
        return {**cast(dict[str, Any], _untitled(schema)), "title": schema["title"]}


class ModelSource(_Shape):
    name: str = Field(min_length=1, description="The source as named in the document.")
    kind: SourceKind = SourceKind.other
    descriptor: str | None = Field(default=None, description="How the text describes it.")
    cue: str | None = Field(default=None, description="The attribution words, e.g. 'selon'.")


class ModelClaim(_Shape):
    statement: str = Field(min_length=1, description="One atomic, self-contained statement.")
    quote: str = Field(min_length=1, description="Verbatim text from the document supporting it.")
    sources: list[ModelSource] = Field(default_factory=list, max_length=MAX_SOURCES)
    certainty: Certainty = Certainty.asserted
    flags: list[Flag] = Field(default_factory=list, max_length=len(Flag))

    @field_validator("flags", mode="before")
    @classmethod
    def _known_flags(cls, value: Any) -> Any:
        # Flags are hints: an unknown one is dropped rather than worth a second request.
        if isinstance(value, list):
            return [f for f in value if isinstance(f, str) and f in _FLAGS]
        return value

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Self:
        locator = (info.context or {}).get("locator")
        if not isinstance(locator, Locator):
            return self
        found = locator.locate(self.quote)
        if found is None:
            raise ValueError(
                f"the quote {self.quote[:160]!r} is not in the document. Copy the exact "
                "characters of one sentence of the document as the quote."
            )
        if not self.sources:
            # A source the text names for the quote and the model left out is taken from the
            # text's attributions, as the verifier reads them: no second request for it.
            index = locator.index
            ctx = index.context(found.evidence.start, found.evidence.end)
            near = attributions_within(index.text, index.language, ctx.start, ctx.end)
            named: dict[str, ModelSource] = {}
            for a in near:
                if a.name and a.source and a.name not in named:
                    named[a.name] = ModelSource(
                        name=a.name,
                        kind=a.kind or SourceKind.other,
                        descriptor=a.descriptor,
                        cue=a.cue.text,
                    )
            self.sources = list(named.values())[:MAX_SOURCES]
        return self


class ModelKeyPoint(_Shape):
    text: str = Field(min_length=1)
    claims: list[int] = Field(
        default_factory=list, max_length=20, description="Indexes of supporting claims."
    )


class ModelBriefing(_Shape):
    """A briefing of one document (or one part of a long one)."""

    headline: str = Field(min_length=1)
    summary: str = Field(description="2 to 4 sentences, faithful to the document.")
    key_points: list[ModelKeyPoint] = Field(default_factory=list, max_length=MAX_KEY_POINTS)
    claims: list[ModelClaim] = Field(default_factory=list)

    @field_validator("summary")
    @classmethod
    def _summary_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the summary is empty; write 2 to 4 sentences")
        return value


class MergedKeyPoint(_Shape):
    text: str = Field(min_length=1)
    claim_ids: list[str] = Field(default_factory=list)


class MergedBriefing(_Shape):
    """Headline, summary and key points over the parts of a long document."""

    headline: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    key_points: list[MergedKeyPoint] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_ids(self, info: ValidationInfo) -> Self:
        known = (info.context or {}).get("claim_ids")
        if isinstance(known, set):
            unknown = sorted({i for kp in self.key_points for i in kp.claim_ids} - known)
            if unknown:
                raise ValueError(f"key points cite unknown claim ids {unknown}; use ids as given")
        return self


class Judgement(_Shape):
    """A model's verdict on a free claim, given numbered evidence sentences."""

    verdict: str = Field(pattern="^(supported|partially_supported|unsupported)$")
    reason: str = Field(min_length=1)
    sentences: list[int] = Field(default_factory=list)


class Overview(_Shape):
    """The model-written paragraph on top of a digest."""

    paragraph: str = Field(min_length=1, description="3 to 5 sentences.")

    @model_validator(mode="after")
    def _numbers_from_the_stories(self, info: ValidationInfo) -> Self:
        allowed = (info.context or {}).get("numbers")
        if isinstance(allowed, list):
            stated = find_numbers(self.paragraph)
            invented = [n.text for n in stated if not any(n.same_quantity(a) for a in allowed)]
            if invented:
                raise ValueError(
                    f"the numbers {invented} are in no story; use only the stories' numbers"
                )
        return self


@functools.cache
def briefing_model(max_claims: int) -> type[ModelBriefing]:
    """ModelBriefing with at most `max_claims` claims, as the prompt asks (and the grammar of a
    schema-constrained server enforces)."""
    return create_model(
        "ModelBriefing",
        __base__=ModelBriefing,
        __doc__=ModelBriefing.__doc__,
        claims=(list[ModelClaim], Field(default_factory=list, max_length=max_claims)),
    )
