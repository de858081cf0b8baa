"""Model faults through the local OpenAI-compatible server, in one batch: each document meets
another failure, the batch completes, each ends briefed or with a clear error, totals add up."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

import summarize
from summarize.config import Settings
from summarize.errors import BackendError
from summarize.testing import (
    FakeOpenAI,
    Reply,
    Request,
    chat_completion,
    document_of,
    echo_briefer,
    structured_reply,
)
from tests.conftest import RunCli

KEY = "sk-fault-test-SECRET-9931"
SENTENCE = "The harbour of {name} reopened on Monday after {n} days of repairs to the main quay."

# Per document: the replies it gets before the stand-in model answers properly.
SCRIPTS: dict[str, list[Reply]] = {
    "storm-with-retry-after": [Reply(status=429, headers={"Retry-After": "0.2"})] * 3,
    "storm-without-retry-after": [Reply(status=429)] * 3,
    "server-errors": [Reply(status=500), Reply(status=502), Reply(status=503)],
    "reset-mid-response": [Reply(body=chat_completion(content="{}"), cut_after=12)],
    "never-ends": [Reply(body=chat_completion(content="{}"), cut_after=8, stall=3.0)],
    "malformed-json": [Reply(body=chat_completion(content="{not json"))],
    "truncated-json": [Reply(body=chat_completion(content='{"headline": "Harb'))],
}
INVENTED = {
    "headline": "Harbour reopens",
    "summary": "The harbour reopened.",
    "key_points": [],
    "claims": [
        {
            "statement": "The mayor blamed sabotage.",
            "quote": "The mayor said the damage was caused by deliberate sabotage.",
            "sources": [],
            "certainty": "asserted",
            "flags": [],
        }
    ],
}


class Scripted:
    """Replies by the document's name: scripted faults first, then the stand-in model."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: Counter[str] = Counter()

    def __call__(self, request: Request) -> Reply:
        found = re.search(r"The harbour of (\S+) reopened", document_of(request))
        name = found.group(1) if found else ""
        with self.lock:
            attempt = self.seen[name]
            self.seen[name] += 1
        if name == "always-down":
            return Reply(status=503)
        if name == "invents-quotes":
            return structured_reply(request, INVENTED)
        script = SCRIPTS.get(name, [])
        if attempt < len(script):
            return script[attempt]
        return echo_briefer(request)


@pytest.fixture
def server() -> FakeOpenAI:
    with FakeOpenAI(responder=Scripted()) as srv:
        yield srv  # type: ignore[misc]


def test_a_batch_survives_every_fault(server: FakeOpenAI, run_cli: RunCli, tmp_path: Path) -> None:
    names = [*SCRIPTS, "invents-quotes", "always-down", "healthy-1", "healthy-2"]
    docs = tmp_path / "in"
    docs.mkdir()
    for i, name in enumerate(names):
        (docs / f"{name}.txt").write_text(SENTENCE.format(name=name, n=i + 2))
    env = {
        "SUMMARIZE_API_KEY": KEY,
        "SUMMARIZE_CACHE_PATH": str(tmp_path / "cache.sqlite"),
        "SUMMARIZE_BACKOFF": "0.05",
        "SUMMARIZE_TIMEOUT": "1",
        "SUMMARIZE_MAX_RETRIES": "3",
        "SUMMARIZE_MAX_REASKS": "2",
        "HOME": str(tmp_path / "home"),
    }
    out = tmp_path / "out"
    proc = run_cli(
        "run",
        docs,
        "--out",
        out,
        "--jobs",
        "4",
        "--model",
        "fake",
        "--base-url",
        server.base_url,
        **env,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    [down] = [line for line in proc.stderr.splitlines() if line.startswith("failed")]
    assert "always-down.txt: openai backend: server error (503)" in down
    assert f"{len(names)} documents: {len(names) - 1} new, 0 skipped, 1 failed" in proc.stderr

    for name in names:
        if name == "always-down":
            assert not (out / f"{name}.txt.json").exists()
            continue
        briefing = json.loads((out / f"{name}.txt.json").read_text())
        verdicts = {c["verification"]["verdict"] for c in briefing["claims"]}
        if name == "invents-quotes":
            assert verdicts == {"quote_not_found"}
            assert briefing["provenance"]["usage"]["reasks"] == 2
        else:
            assert verdicts == {"supported"}, name

    # Totals are right: every request the server saw is counted, the failed document's too.
    served = len(server.requests)
    calls = int(re.search(r"; (\d+) model calls", proc.stderr).group(1))  # type: ignore[union-attr]
    assert calls == served
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert KEY.encode() not in written
    assert KEY not in proc.stderr + proc.stdout


def test_a_wrong_key_is_one_line_and_never_printed(
    server: FakeOpenAI, run_cli: RunCli, tmp_path: Path
) -> None:
    server.responder = lambda request: Reply(
        status=401, body={"error": {"message": f"Incorrect API key provided: {KEY}"}}
    )
    doc = tmp_path / "a.txt"
    doc.write_text(SENTENCE.format(name="x", n=3))
    proc = run_cli(
        "brief",
        doc,
        "--model",
        "fake",
        "--base-url",
        server.base_url,
        SUMMARIZE_API_KEY=KEY,
        SUMMARIZE_CACHE_PATH=str(tmp_path / "c.sqlite"),
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == (
        f"error: {doc}: openai backend: authentication failed (401): check SUMMARIZE_API_KEY"
    )
    assert KEY not in proc.stderr + proc.stdout
    assert len(server.requests) == 1


def _settings(server: FakeOpenAI, **extra: object) -> Settings:
    values: dict[str, object] = {
        "model": "fake",
        "base_url": server.base_url,
        "api_key": "sk-test",
        "cache": False,
        "max_retries": 0,
        "backoff": 0.0,
        "jobs": 1,
    }
    return Settings(_env_file=None, **(values | extra))  # type: ignore[call-arg]


def test_a_huge_reply_is_cut_off(server: FakeOpenAI, tmp_path: Path) -> None:
    big = chat_completion(content=json.dumps({"headline": "x" * 3_000_000}))
    server.responder = lambda request: Reply(body=big)
    doc = tmp_path / "a.txt"
    doc.write_text(SENTENCE.format(name="Brest", n=3))
    settings = _settings(server, max_reply_bytes=1_000_000)
    with pytest.raises(BackendError, match="the reply is over 1 MiB"):
        summarize.brief(doc, settings=settings)
    assert len(server.requests) == 1  # not retried: it would be as big again


def test_a_trickled_reply_meets_a_total_deadline(server: FakeOpenAI, tmp_path: Path) -> None:
    server.responder = lambda request: Reply(body=echo_briefer(request).body, trickle=0.05)
    doc = tmp_path / "a.txt"
    doc.write_text(SENTENCE.format(name="Brest", n=3))
    started = time.monotonic()
    with pytest.raises(BackendError, match=r"no whole answer .* within 1 s"):
        summarize.brief(doc, settings=_settings(server, timeout=1.0))
    assert time.monotonic() - started < 5  # each read came well within the timeout


def test_a_dead_endpoint_stops_the_batch(tmp_path: Path, run_cli: RunCli) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = tmp_path / "in"
    inbox.mkdir()
    for i in range(10):
        (inbox / f"d{i}.txt").write_text(SENTENCE.format(name=f"port {i}", n=i))
    proc = run_cli(
        "run",
        inbox,
        "--out",
        tmp_path / "out",
        "--jobs",
        "1",
        "--model",
        "fake",
        "--base-url",
        f"http://127.0.0.1:{port}/v1",
        SUMMARIZE_MAX_RETRIES="0",
        SUMMARIZE_CACHE_PATH=str(tmp_path / "c.sqlite"),
    )
    assert proc.returncode == 1
    failed = [line for line in proc.stderr.splitlines() if line.startswith("failed")]
    assert len(failed) == 3 and all("cannot reach" in line for line in failed)
    assert "stopped: 3 documents in a row could not reach the model" in proc.stderr
    assert "3 documents: 0 new, 0 skipped, 3 failed" in proc.stderr
