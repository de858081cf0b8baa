"""The openai backend over real HTTP against a local scripted server (no monkeypatching)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import summarize
from summarize.config import Settings
from summarize.documents import from_text
from summarize.errors import BackendError
from summarize.models import Verdict
from summarize.testing import FakeOpenAI, Reply, Request, chat_completion, structured_reply

KEY = "sk-test-DO-NOT-LEAK-4242"
NHK = (
    "D’après des informations récentes du média japonais NHK, la Russie pourrait accueillir "
    "jusqu’à 25 000 travailleurs nord-coréens."
)


def nhk_claim(**overrides: Any) -> dict[str, Any]:
    claim = {
        "statement": "La Russie pourrait accueillir jusqu’à 25 000 travailleurs nord-coréens.",
        "quote": NHK,
        "sources": [{"name": "NHK", "kind": "media", "descriptor": "média japonais"}],
        "certainty": "hedged",
        "flags": ["conditional_mood", "upper_bound_number", "single_source"],
    }
    claim.update(overrides)
    return claim


def briefing(*claims: dict[str, Any]) -> dict[str, Any]:
    return {
        "headline": "La Russie pourrait accueillir des travailleurs nord-coréens",
        "summary": "Selon NHK, la Russie pourrait accueillir jusqu’à 25 000 travailleurs.",
        "key_points": [{"text": "Jusqu’à 25 000 travailleurs", "claims": [0]}],
        "claims": list(claims) or [nhk_claim()],
    }


def answer(payload: dict[str, Any]) -> Any:
    """A scripted reply in whatever shape (tool call or JSON) the request asks for."""
    return lambda request: structured_reply(request, payload)


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(responder=answer(briefing())) as srv:
        yield srv


def settings_for(server: FakeOpenAI, tmp_path: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "model": "fake-model",
        "base_url": server.base_url,
        "api_key": KEY,
        "cache_path": tmp_path / "cache.sqlite",
        "backoff": 0.01,
        "timeout": 5,
        "max_retries": 3,
        "max_reasks": 2,
    }
    values.update(extra)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def queue(server: FakeOpenAI, *payloads: dict[str, Any]) -> None:
    """Queue answers that take the request's shape when they are sent."""
    calls = iter(payloads)
    default = server.responder

    def scripted(request: Request) -> Reply:
        payload = next(calls, None)
        return structured_reply(request, payload) if payload is not None else default(request)

    server.responder = scripted


def messages_of(request: Request) -> str:
    return json.dumps(request.body["messages"], ensure_ascii=False)


def test_good_briefing(server: FakeOpenAI, seed_path: Path, tmp_path: Path) -> None:
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    [claim] = result.claims
    assert claim.verification is not None
    assert claim.verification.verdict is Verdict.supported
    assert claim.verification.evidence is not None
    assert claim.verification.evidence.text == NHK
    assert claim.sources[0].name == "NHK"
    assert result.key_points[0].claim_ids == ["c1"]
    prov = result.provenance
    assert (prov.backend, prov.model) == ("openai", "fake-model")
    assert prov.prompt_version.startswith("briefing-")
    assert prov.usage.calls == 1 and prov.usage.tokens_in == 100 and prov.usage.tokens_out == 50
    [request] = server.requests
    assert request.headers["authorization"] == f"Bearer {KEY}"
    prompt = messages_of(request)
    assert "<document>" in prompt and "never an instruction" in prompt
    assert request.body["tools"], "tools mode sends a tool schema"


def test_hallucinated_quote_is_reasked_then_fixed(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    invented = nhk_claim(quote="NHK affirme que 25 000 ouvriers sont déjà arrivés en Russie.")
    queue(server, briefing(invented), briefing())
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert len(server.requests) == 2
    assert "is not in the document" in messages_of(server.requests[1])
    assert result.provenance.usage.reasks == 1
    assert result.provenance.usage.calls == 2
    assert result.claims[0].verification is not None
    assert result.claims[0].verification.verdict is Verdict.supported


def test_a_missing_source_is_completed_from_the_text_without_a_reask(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    queue(server, briefing(nhk_claim(sources=[])), briefing())
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert len(server.requests) == 1 and result.provenance.usage.reasks == 0
    [source] = result.claims[0].sources
    assert (source.name, source.kind.value, source.cue) == ("NHK", "media", "D’après")
    assert result.claims[0].verification is not None
    assert "source_named" in {c.name for c in result.claims[0].verification.checks}


def test_empty_summary_is_reasked(server: FakeOpenAI, seed_path: Path, tmp_path: Path) -> None:
    queue(server, {**briefing(), "summary": "  "}, briefing())
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert len(server.requests) == 2
    assert result.summary.strip()


def test_malformed_json_is_reasked(server: FakeOpenAI, seed_path: Path, tmp_path: Path) -> None:
    broken = chat_completion(tool_args={})
    broken["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = '{"headline": '
    server.enqueue(Reply(body=broken))
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert len(server.requests) == 2
    assert result.claims[0].verification is not None
    assert result.claims[0].verification.verdict is Verdict.supported


def test_past_the_reask_limit_claims_are_kept_as_quote_not_found(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    invented = nhk_claim(quote="Pyongyang a confirmé l'envoi de 100 000 ouvriers vers l'Oural.")
    server.responder = answer(briefing(invented))
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path, max_reasks=1))
    assert len(server.requests) == 2  # the first answer and one reask
    [claim] = result.claims
    assert claim.verification is not None
    assert claim.verification.verdict is Verdict.quote_not_found
    # Cached like any answer: a rerun costs nothing; --no-cache asks again.
    summarize.brief(seed_path, settings=settings_for(server, tmp_path, max_reasks=1))
    assert len(server.requests) == 2
    summarize.brief(seed_path, settings=settings_for(server, tmp_path, max_reasks=1, cache=False))
    assert len(server.requests) == 4


def test_429_honours_retry_after(server: FakeOpenAI, seed_path: Path, tmp_path: Path) -> None:
    server.enqueue(Reply(status=429, headers={"Retry-After": "0.6"}))
    started = time.monotonic()
    summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert time.monotonic() - started >= 0.6
    assert len(server.requests) == 2


def test_500_then_success(server: FakeOpenAI, seed_path: Path, tmp_path: Path) -> None:
    server.enqueue(Reply(status=500), Reply(status=502))
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert len(server.requests) == 3
    assert result.claims


def test_dropped_connection_then_success(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    server.enqueue(Reply(drop=True))
    assert summarize.brief(seed_path, settings=settings_for(server, tmp_path)).claims
    assert len(server.requests) == 2


def test_timeout_then_success(server: FakeOpenAI, seed_path: Path, tmp_path: Path) -> None:
    server.enqueue(Reply(delay=2.0, body=chat_completion(content="{}")))
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path, timeout=0.5))
    assert result.claims
    assert len(server.requests) == 2


def test_401_fails_fast_without_leaking_the_key(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    server.enqueue(Reply(status=401, body={"error": {"message": f"Incorrect API key {KEY}"}}))
    with pytest.raises(BackendError) as info:
        summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert len(server.requests) == 1
    assert "authentication failed" in str(info.value)
    assert KEY not in str(info.value) and KEY not in repr(info.value)


def test_retries_are_bounded(server: FakeOpenAI, seed_path: Path, tmp_path: Path) -> None:
    server.responder = lambda request: Reply(status=503)
    with pytest.raises(BackendError, match=r"server error \(503\)"):
        summarize.brief(seed_path, settings=settings_for(server, tmp_path, max_retries=2))
    assert len(server.requests) == 3


def test_context_too_long_is_not_retried(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    message = "This model's maximum context length is 8192 tokens"
    server.enqueue(Reply(status=400, body={"error": {"message": message}}))
    with pytest.raises(BackendError, match="SUMMARIZE_CHUNK_TOKENS"):
        summarize.brief(seed_path, settings=settings_for(server, tmp_path))
    assert len(server.requests) == 1


def test_long_document_is_split_and_merged(tmp_path: Path) -> None:
    paragraphs = [
        f"Le ministère a annoncé le {i} mars que {100 + i} drones avaient été livrés à Kazan. "
        f"Selon l'agence Interfax, la livraison numéro {i} est arrivée sans incident."
        for i in range(1, 41)
    ]
    doc = from_text("\n\n".join(paragraphs))
    with FakeOpenAI() as srv:  # the echo model briefs each part from its own sentences
        result = summarize.brief(doc, settings=settings_for(srv, tmp_path, chunk_tokens=300))
        briefing_requests = [r for r in srv.requests if "<document>" in messages_of(r)]
        merge_requests = [r for r in srv.requests if "<claims>" in messages_of(r)]
    assert len(briefing_requests) > 3
    assert len(merge_requests) == 1
    assert result.headline == "Merged"
    for claim in result.claims:
        assert claim.verification is not None and claim.verification.evidence is not None
        ev = claim.verification.evidence
        assert doc.text[ev.start : ev.end] == claim.quote  # offsets into the whole document
    statements = [c.statement for c in result.claims]
    assert len(statements) == len(set(statements)), "overlapping parts must not duplicate claims"
    assert result.provenance.usage.calls == len(srv.requests)


def test_rerun_is_served_from_the_cache(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    settings = settings_for(server, tmp_path)
    first = summarize.brief(seed_path, settings=settings)
    second = summarize.brief(seed_path, settings=settings)
    assert len(server.requests) == 1
    assert second.provenance.usage.calls == 0 and second.provenance.usage.cache_hits == 1
    assert [c.statement for c in second.claims] == [c.statement for c in first.claims]
    summarize.brief(seed_path, settings=settings.with_overrides(cache=False))
    assert len(server.requests) == 2


@pytest.mark.parametrize("mode", ["tools", "json", "json_schema"])
def test_structured_output_modes(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path, mode: str
) -> None:
    result = summarize.brief(seed_path, settings=settings_for(server, tmp_path, mode=mode))
    assert result.claims[0].sources[0].name == "NHK"
    [request] = server.requests
    if mode == "tools":
        assert request.body["tools"] and "response_format" not in request.body
    else:
        assert "tools" not in request.body
        assert "response_format" in request.body


def test_cost_comes_from_the_price_table(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path
) -> None:
    settings = settings_for(server, tmp_path, prices={"fake-model": (1.0, 2.0)})
    usage = summarize.brief(seed_path, settings=settings).provenance.usage
    assert usage.cost_usd == pytest.approx((100 * 1.0 + 50 * 2.0) / 1e6)


def test_judge_gives_its_verdict_on_open_free_claims(
    server: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    server.responder = answer(
        {"verdict": "partially_supported", "reason": "the text hedges", "sentences": [1]}
    )
    settings = settings_for(server, tmp_path)
    claims = [
        "La Russie va accueillir des travailleurs nord-coréens.",
        {"statement": "La Russie pourrait accueillir des travailleurs.", "quote": NHK},
    ]
    results = summarize.verify(seed_text, claims, settings=settings, judge=True)
    assert len(server.requests) == 1  # the quoted claim is settled by the checks
    judged = results[0]
    assert judged.verdict is Verdict.partially_supported
    assert judged.checks[-1].name.value == "model_judgement"
    assert "the text hedges" in judged.checks[-1].reason
    assert "travailleurs" in messages_of(server.requests[0])


def test_an_invalid_judgement_is_never_taken(
    server: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    server.responder = answer({"verdict": "certainly", "reason": "", "sentences": []})
    settings = settings_for(server, tmp_path, backoff=0.0)
    [result] = summarize.verify(
        seed_text, ["La Russie va accueillir des travailleurs."], settings=settings, judge=True
    )
    assert len(server.requests) == settings.max_reasks + 1
    assert result.checks[-1].outcome.value == "skipped"
    assert "gave no valid judgement" in result.checks[-1].reason
    assert result.verdict.value != "certainly"


def test_cli_run_prints_totals_and_reruns_from_cache(
    server: FakeOpenAI, seed_path: Path, tmp_path: Path, run_cli: Any
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "seed.txt").write_bytes(seed_path.read_bytes())
    env = {
        "SUMMARIZE_API_KEY": KEY,
        "SUMMARIZE_CACHE_PATH": str(tmp_path / "cache.sqlite"),
    }
    args = [
        "run",
        docs,
        "--out",
        tmp_path / "out",
        "--model",
        "fake-model",
        "--base-url",
        server.base_url,
    ]
    first = run_cli(*args, **env)
    assert first.returncode == 0, first.stderr
    assert "backend openai (model fake-model)" in first.stderr
    assert "1 model calls, 0 retries, 0 reasks, 0 cached, 100 tokens in, 50 out" in first.stderr
    second = run_cli(*args, **env)  # the store knows the document: skipped
    assert "1 document: 0 new, 1 skipped" in second.stderr
    assert "0 model calls" in second.stderr
    forced = run_cli(*args, "--force", **env)  # briefed again, answers from the cache
    assert "1 document: 1 new" in forced.stderr
    assert "0 model calls, 0 retries, 0 reasks, 1 cached" in forced.stderr
    assert len(server.requests) == 1
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert KEY.encode() not in written, "the key is in a file the run wrote (outputs, store, cache)"
    assert KEY not in first.stderr + first.stdout + forced.stderr
