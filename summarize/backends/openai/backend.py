"""The openai backend: a model drafts, validators hold it to the text, long texts go in parts."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pydantic import BaseModel
from rapidfuzz import fuzz

from summarize.backends.openai.chunking import chunk
from summarize.backends.openai.client import Accounting, ModelClient
from summarize.backends.openai.schema import (
    MergedBriefing,
    ModelBriefing,
    ModelClaim,
    briefing_model,
)
from summarize.cache import ResponseCache, cache_key
from summarize.config import Settings
from summarize.documents import Document
from summarize.errors import BackendError
from summarize.models import Claim, Draft, KeyPoint, Source
from summarize.prompts import Prompts
from summarize.text.sentences import Segment
from summarize.text.tokens import token_keys
from summarize.verifier import DocumentIndex, Locator

T = TypeVar("T", bound=BaseModel)


def _claim(found: ModelClaim, claim_id: str) -> Claim:
    return Claim(
        id=claim_id,
        statement=found.statement,
        quote=found.quote,
        sources=[Source(**s.model_dump()) for s in found.sources],
        certainty=found.certainty,
        flags=list(dict.fromkeys(found.flags)),
    )


def _same_claim(a: ModelClaim, b: ModelClaim) -> bool:
    """Parts overlap, so the same sentence can be claimed twice."""
    return token_keys(a.quote) == token_keys(b.quote) or (
        fuzz.token_set_ratio(a.statement, b.statement) >= 95
    )


def fold_parts(parts: list[ModelBriefing]) -> tuple[list[Claim], list[list[str]]]:
    """All parts' claims with duplicates folded and ids given; per part, index to claim id."""
    kept: list[ModelClaim] = []
    ids_by_part: list[list[str]] = []
    for part in parts:
        ids: list[str] = []
        for found in part.claims:
            same = next((i for i, k in enumerate(kept) if _same_claim(k, found)), None)
            if same is None:
                kept.append(found)
                same = len(kept) - 1
            else:
                names = {s.name for s in kept[same].sources}
                extra = [s for s in found.sources if s.name not in names]
                kept[same] = kept[same].model_copy(update={"sources": kept[same].sources + extra})
            ids.append(f"c{same + 1}")
        ids_by_part.append(ids)
    return [_claim(c, f"c{i + 1}") for i, c in enumerate(kept)], ids_by_part


class OpenAIBackend:
    """Any OpenAI-compatible endpoint, through openai and instructor."""

    cpu_bound = False

    def __init__(
        self, settings: Settings, *, name: str = "openai", endpoint: str | None = None
    ) -> None:
        self.name = name
        self.endpoint = endpoint or settings.base_url or "openai"  # as the cache knows it
        self.settings = settings
        self.client = ModelClient(settings)
        self.model: str | None = settings.model
        self.prompts = Prompts(settings.prompts_dir)
        self.prompt_version = self.prompts.version("briefing")
        self.cache = ResponseCache(settings.cache_path) if settings.cache else None

    def _key(self, task: str, payload: str, **extra: object) -> str:
        s = self.settings
        return cache_key(
            task=task,
            endpoint=self.endpoint,
            model=s.model,
            prompt=self.prompt_version,
            mode=s.mode,
            temperature=s.temperature,
            payload=hashlib.sha256(payload.encode()).hexdigest(),
            **extra,
        )

    def _cached_call(
        self,
        key: str,
        response_model: type[T],
        system: str,
        user: str,
        context: dict[str, object],
        accounting: Accounting,
    ) -> T:
        if self.cache and (hit := self.cache.get(key)) is not None:
            accounting.add(cache_hits=1)
            return response_model.model_validate_json(hit)
        # Opted in: claims that never validated are kept, and the verifier marks them.
        result, _valid = self.client.structured(
            response_model, system, user, context, accounting, keep_invalid=True
        )
        if self.cache:
            # Kept even when it never passed validation: a rerun must cost nothing and give the
            # same briefing; `--no-cache` asks the model afresh.
            self.cache.put(key, result.model_dump_json())
        return result

    def _brief_part(
        self, document: Document, part: Segment, number: int, count: int, acc: Accounting
    ) -> ModelBriefing:
        text = part.slice(document.text)
        meta = document.meta
        system = self.prompts.render(
            "briefing_system.j2", language=meta.language, max_claims=self.settings.max_claims
        )
        user = self.prompts.render(
            "briefing_user.j2",
            text=text,
            title=meta.title,
            date=meta.date,
            part_number=number,
            part_count=count,
        )
        locator = Locator(
            DocumentIndex.build(text, meta.language), min_score=self.settings.min_quote_score
        )
        key = self._key("briefing", system + "\0" + user, max_claims=self.settings.max_claims)
        shape = briefing_model(self.settings.max_claims)
        return self._cached_call(key, shape, system, user, {"locator": locator}, acc)

    def _merge(
        self, document: Document, parts: list[ModelBriefing], claims: list[Claim], acc: Accounting
    ) -> MergedBriefing:
        system = self.prompts.render("merge_system.j2", language=document.meta.language)
        user = self.prompts.render("merge_user.j2", parts=parts, claims=claims)
        context: dict[str, object] = {"claim_ids": {c.id for c in claims}}
        key = self._key("merge", system + "\0" + user)
        return self._cached_call(key, MergedBriefing, system, user, context, acc)

    def extract(self, document: Document) -> Draft:
        acc = Accounting()
        try:
            return self._extract(document, acc)
        except BackendError as exc:
            # A failed document's calls were made all the same: they count in the totals.
            exc.usage = acc.usage(self.settings.model or "", self.settings.prices)
            raise

    def _extract(self, document: Document, acc: Accounting) -> Draft:
        s = self.settings
        parts = chunk(document.text, document.body_start, s.chunk_tokens, s.chunk_overlap)
        with ThreadPoolExecutor(max_workers=min(s.concurrency, len(parts))) as pool:
            briefs = list(
                pool.map(
                    lambda ip: self._brief_part(document, ip[1], ip[0] + 1, len(parts), acc),
                    enumerate(parts),
                )
            )
        claims, ids_by_part = fold_parts(briefs)
        claims = claims[: s.max_claims]
        kept = {c.id for c in claims}
        if len(briefs) == 1:
            first, ids = briefs[0], ids_by_part[0]
            headline, summary = first.headline, first.summary
            key_points = [
                KeyPoint(
                    text=kp.text,
                    claim_ids=[ids[i] for i in kp.claims if 0 <= i < len(ids) and ids[i] in kept],
                )
                for kp in first.key_points
            ]
        else:
            merged = self._merge(document, briefs, claims, acc)
            headline, summary = merged.headline, merged.summary
            key_points = [
                KeyPoint(text=kp.text, claim_ids=[i for i in kp.claim_ids if i in kept])
                for kp in merged.key_points
            ]
        return Draft(
            headline=headline,
            summary=summary,
            key_points=key_points,
            claims=claims,
            usage=acc.usage(s.model or "", s.prices),
            model=s.model,
        )
