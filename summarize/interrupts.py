"""Ctrl-C and SIGTERM that never cut a document in half.

The CLI routes both signals to `handle`. Inside `deferred()` (saving a briefing and writing its
files) a signal waits until the section ends, then stops the run as it would have; elsewhere it
stops it at once. Library callers keep Python's own Ctrl-C; the store is safe under it too.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from summarize.errors import Terminated

_depth = 0
_pending: int | None = None


def _exception(signum: int) -> KeyboardInterrupt:
    return Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def handle(signum: int, _frame: FrameType | None) -> None:
    """Signal handler: stop the run now, or at the end of the section being committed."""
    global _pending
    if _depth:
        _pending = signum
        return
    raise _exception(signum)


def install() -> None:
    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)


@contextmanager
def deferred() -> Iterator[None]:
    """A section that a signal does not interrupt; it is raised when the section ends."""
    global _depth, _pending
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
    if not _depth and _pending is not None:
        signum, _pending = _pending, None
        raise _exception(signum)
