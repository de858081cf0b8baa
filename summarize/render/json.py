"""JSON output, in the shape of the schemas in `schemas/`."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import TypeAdapter

from summarize.models import Briefing, Digest, Verification

_VERIFICATIONS = TypeAdapter(list[Verification])


def briefing_json(briefing: Briefing) -> str:
    return briefing.model_dump_json(indent=2) + "\n"


def verifications_json(verifications: Sequence[Verification]) -> str:
    return _VERIFICATIONS.dump_json(list(verifications), indent=2).decode() + "\n"


def digest_json(digest: Digest) -> str:
    return digest.model_dump_json(indent=2) + "\n"
