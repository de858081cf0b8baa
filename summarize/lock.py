"""A lock file, so that two nightly runs never overlap (safe under cron and systemd)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from summarize.errors import SummarizeError


class LockedError(SummarizeError):
    """Another run holds the lock."""


class RunLock:
    """An exclusive `flock` on `path`; the holder's pid is written in the file for people."""

    def __init__(self, path: Path, wait: bool = False) -> None:
        self.path = path
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if self.wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise LockedError(
                f"{self.path}: another nightly run holds the lock (pid {holder}); "
                "try later, or pass --wait"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
