"""The output folder's lock: one run at a time writes a folder (safe under cron and systemd).

An exclusive `flock` on `OUT/.summarize.lock`, the holder's pid written in it for people. The
kernel frees a flock when its holder dies, so a lock left by a killed run is simply taken by
the next one; the descriptor is neither inherited by exec nor kept by a forked worker. Within a
process the lock is reentrant for the thread that holds it (nightly holds it around its run).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from summarize.errors import OutputError, SummarizeError

LOCK_NAME = ".summarize.lock"


class LockedError(SummarizeError):
    """Another run holds the lock."""


@dataclass
class _Held:
    thread: threading.RLock = field(default_factory=threading.RLock)
    fd: int | None = None
    depth: int = 0


_GUARD = threading.Lock()
_LOCKS: dict[str, _Held] = {}


def _close_held_in_child() -> None:
    # A forked child holds none of its parent's locks: only their holder may, or a dead
    # holder's lock would live on in its orphans.
    for held in _LOCKS.values():
        if held.fd is not None:
            with contextlib.suppress(OSError):
                os.close(held.fd)
    _LOCKS.clear()


os.register_at_fork(after_in_child=_close_held_in_child)


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _holder(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 64).decode(errors="replace").strip() or "unknown"


class RunLock:
    """The lock of one output folder; `wait` blocks until it is free (telling `on_wait` whose
    it is), otherwise a held lock raises LockedError."""

    def __init__(
        self, path: Path, wait: bool = False, on_wait: Callable[[str], None] | None = None
    ) -> None:
        self.path = path
        self.wait = wait
        self.on_wait = on_wait
        with _GUARD:
            self._held = _LOCKS.setdefault(str(path.resolve()), _Held())

    def _busy(self, holder: str) -> LockedError:
        gone = "" if _running(holder) else ", no longer running: a process it left holds it"
        return LockedError(
            f"{self.path}: another run holds the lock (pid {holder}{gone}); "
            "try later, or pass --wait"
        )

    def __enter__(self) -> RunLock:
        held = self._held
        if not held.thread.acquire(blocking=False):
            if not self.wait:
                raise self._busy(str(os.getpid()))
            held.thread.acquire()
        if held.depth:
            held.depth += 1
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            held.thread.release()
            raise OutputError(f"{self.path}: cannot take the lock ({exc.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not self.wait:
                os.close(fd)
                held.thread.release()
                raise self._busy(holder) from None
            if self.on_wait:
                self.on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        held.fd, held.depth = fd, 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        held = self._held
        held.depth -= 1
        if held.depth == 0 and held.fd is not None:
            fd, held.fd = held.fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        held.thread.release()
