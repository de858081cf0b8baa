"""A scripted OpenAI-compatible server on 127.0.0.1, for tests and benchmarks without a network.

The real `openai` client and `instructor` talk to it over HTTP. Queue replies with `enqueue`
(a status, headers, a JSON body or raw bytes, a delay, a dropped connection); when the queue is
empty, `responder` answers. Every request is recorded.

    with FakeOpenAI() as server:
        server.enqueue(Reply(status=429, headers={"Retry-After": "0"}))
        server.enqueue(Reply(body=chat_completion(tool_args={...})))
        ... Settings(base_url=server.base_url, model="fake", api_key="sk-test") ...
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer."""

    status: int = 200
    body: dict[str, Any] | bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False  # close the connection without answering
    cut_after: int | None = None  # send this many bytes of the body, then close (a reset)
    stall: float = 0.0  # with cut_after: wait this long before closing (a reply that hangs)
    trickle: float = 0.0  # send the body a byte at a time, this many seconds apart


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def chat_completion(
    *,
    tool_args: dict[str, Any] | None = None,
    content: str | None = None,
    tool_name: str = "Response",
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
    model: str = "fake-model",
) -> dict[str, Any]:
    """A chat completion carrying a tool call (tools mode) or message content (JSON modes)."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    finish = "stop"
    if tool_args is not None:
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": tool_name, "arguments": json.dumps(tool_args)},
            }
        ]
        finish = "tool_calls"
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def structured_reply(
    request: Request, payload: dict[str, Any], prompt_tokens: int = 100, completion_tokens: int = 50
) -> Reply:
    """Answer in the shape the request asked for: a tool call when it offered tools."""
    tools = request.body.get("tools") or []
    if tools:
        name = tools[0].get("function", {}).get("name", "Response")
        body = chat_completion(
            tool_args=payload,
            tool_name=name,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )
    else:
        body = chat_completion(
            content=json.dumps(payload, ensure_ascii=False),
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )
    return Reply(body=body)


_DOCUMENT = re.compile(r"<document>\n?(.*?)\n?</document>", re.DOTALL)
_SENTENCE = re.compile(r"[^.!?\n]{20,}[.!?]")


def document_of(request: Request) -> str:
    """The text between <document> tags in the request's last user message."""
    for message in reversed(request.body.get("messages", [])):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            m = _DOCUMENT.search(content)
            if m:
                return m.group(1)
    return ""


def echo_briefer(request: Request) -> Reply:
    """A stand-in model: briefs the document it is sent from its own first sentences.

    Its quotes are verbatim, so the verifier finds them; merge and judge requests get answers
    in their own shapes. Token counts grow with the request, like a real model's.
    """
    prompt_tokens = len(json.dumps(request.body)) // 4
    schema = json.dumps(request.body.get("tools") or request.body.get("response_format") or "")
    if '"verdict"' in schema:
        payload: dict[str, Any] = {
            "verdict": "supported",
            "reason": "the evidence states it",
            "sentences": [1],
        }
    elif '"claims"' not in schema and '"key_points"' in schema:
        payload = {"headline": "Merged", "summary": "Merged summary.", "key_points": []}
    else:
        sentences = [m.group().strip() for m in _SENTENCE.finditer(document_of(request))][:3]
        payload = {
            "headline": sentences[0][:80] if sentences else "Empty",
            "summary": " ".join(sentences[:2]) or "Nothing to say.",
            "key_points": [{"text": s[:100], "claims": [i]} for i, s in enumerate(sentences[:2])],
            "claims": [
                {"statement": s, "quote": s, "sources": [], "certainty": "asserted", "flags": []}
                for s in sentences
            ],
        }
    return structured_reply(request, payload, prompt_tokens=prompt_tokens, completion_tokens=80)


class FakeOpenAI:
    """The server. Use as a context manager, or call `start` and `stop`."""

    def __init__(
        self, responder: Callable[[Request], Reply] = echo_briefer, latency: float = 0.0
    ) -> None:
        self.responder = responder
        self.latency = latency
        self.requests: list[Request] = []
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _next(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._queue:
                return self._queue.popleft()
        return self.responder(request)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {}
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request(self.path, headers, body)
                reply = server._next(request)
                time.sleep(server.latency + reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                payload = (
                    reply.body
                    if isinstance(reply.body, bytes)
                    else json.dumps(reply.body or {"error": {"message": "scripted"}}).encode()
                )
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if reply.cut_after is not None:
                    self.wfile.write(payload[: reply.cut_after])
                    self.wfile.flush()
                    time.sleep(reply.stall)
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if reply.trickle:
                    try:
                        for i in range(len(payload)):
                            self.wfile.write(payload[i : i + 1])
                            self.wfile.flush()
                            time.sleep(reply.trickle)
                    except OSError:
                        self.close_connection = True  # the client gave up: as it should
                    return
                self.wfile.write(payload)

        return Handler
