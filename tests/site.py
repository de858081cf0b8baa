"""A web site on 127.0.0.1 for the tests: pages, feeds, redirects, slow and huge replies, errors.

Each route is set by the test; every request is recorded (path, headers, time) so that a test
can tell what the fetcher asked for, with which user agent, and how far apart.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that hung up (a timeout, a cap reached) is what the tests do
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    trickle: float = 0.0  # seconds between bytes: a slow server
    endless: bool = False  # an unbounded body with no Content-Length: a huge reply


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    """`with Site() as site: site.routes["/a"] = Route(b"..."); site.url("/a")`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def asked(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with site._lock:
                    site.requests.append(
                        Request(self.path, dict(self.headers.items()), time.monotonic())
                    )
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(b"not here", status=404, content_type="text/plain")
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.endless:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self._endless()
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    for chunk in _chunks(route):
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        if route.trickle:
                            time.sleep(route.trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should on a slow reply

            def _endless(self) -> None:
                block = b"<p>" + b"x" * 65_530 + b"</p>"
                try:
                    for _ in range(10_000):  # 640 MB at most: the client must stop long before
                        self.wfile.write(block)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        return Handler


def _chunks(route: Route) -> Iterator[bytes]:
    if not route.trickle:
        yield route.body
        return
    for i in range(len(route.body)):
        yield route.body[i : i + 1]
