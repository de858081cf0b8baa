"""One root for every error summarize raises on purpose.

Library code raises these; only the CLI turns them into a one-line message and an exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarize.models import Usage


_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {
    ord("\n"): "\\n",
    ord("\t"): "\\t",
    127: "\\x7f",
}


def shown(path: Path | str) -> str:
    """A file name as it can be printed, logged and stored: bytes that are not UTF-8 and
    control characters (a newline in a name would forge a log line) written as escapes."""
    text = str(path)
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text.translate(_CONTROL)


class SummarizeError(Exception):
    """Root of all errors raised by summarize."""


class DocumentError(SummarizeError):
    """A document could not be read or is not usable text."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = shown(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class StillWritingError(DocumentError):
    """A document changed while it was read: it is left for a later run, not briefed half."""


class ClaimsInputError(SummarizeError):
    """A claims file given to `verify` is not in a shape we accept."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = shown(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class ConfigError(SummarizeError):
    """Settings are missing or contradictory."""


class OutputError(SummarizeError):
    """An output folder, or a file in it, cannot be written."""


class BackendError(SummarizeError):
    """A backend failed to produce a draft. `unreachable`: the endpoint could not be reached
    (a batch stops after a few in a row); `usage`: what the failed attempts cost."""

    def __init__(self, backend: str, reason: str, *, unreachable: bool = False) -> None:
        self.backend = backend
        self.reason = reason
        self.unreachable = unreachable
        self.usage: Usage | None = None
        super().__init__(f"{backend} backend: {reason}")


def about(path: Path | str, exc: SummarizeError) -> str:
    """The error as one line that names the file it concerns."""
    text = str(exc)
    name = shown(path)
    return text if text.startswith(f"{name}:") else f"{name}: {text}"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so that one handler stops a run for either."""


class RunInterruptedError(SummarizeError):
    """A run stopped by Ctrl-C or SIGTERM; what was done is stored and written."""

    def __init__(self, done: int, left: int, signal_number: int) -> None:
        self.done = done
        self.left = left
        self.signal_number = signal_number
        super().__init__(f"interrupted: {done} done, {left} left")
