"""The HTTP transport under the openai client: a byte cap and a total deadline per reply.

httpx's timeout is per read, so a server trickling a byte a second never times out, and a
63 MB reply is read whole into memory. Here every reply stops at `max_bytes` (an error that is
not retried) and at `deadline` seconds after its request went out (a timeout, retried like
one).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import cast

import httpx2
import openai


class ReplyTooLargeError(openai.OpenAIError):
    """The server's reply is over the byte cap."""


class _Capped(httpx2.SyncByteStream):
    def __init__(
        self, inner: httpx2.SyncByteStream, request: httpx2.Request, max_bytes: int, ends: float
    ) -> None:
        self.inner, self.request, self.max_bytes, self.ends = inner, request, max_bytes, ends

    def __iter__(self) -> Iterator[bytes]:
        read = 0
        for chunk in self.inner:
            read += len(chunk)
            if read > self.max_bytes:
                raise ReplyTooLargeError(
                    f"the reply is over {self.max_bytes / 2**20:.0f} MiB"
                    " (SUMMARIZE_MAX_REPLY_BYTES)"
                )
            if time.monotonic() > self.ends:
                raise httpx2.ReadTimeout("the reply outlasted its deadline", request=self.request)
            yield chunk

    def close(self) -> None:
        self.inner.close()


class CappedTransport(httpx2.HTTPTransport):
    """An HTTP transport whose replies are capped in bytes and in total time."""

    def __init__(self, max_bytes: int, deadline: float) -> None:
        super().__init__()
        self.max_bytes = max_bytes
        self.deadline = deadline

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        ends = time.monotonic() + self.deadline
        response = super().handle_request(request)
        stream = cast(httpx2.SyncByteStream, response.stream)  # a sync transport's own
        return httpx2.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_Capped(stream, request, self.max_bytes, ends),
            extensions=response.extensions,
            request=request,
        )
