"""Writing files so that a crash never leaves half of one, with the permissions the umask gives."""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
from pathlib import Path

from summarize.inputs import walk

# A temporary file names its writer: ".<name>.<pid>.<random>.tmp".
_TEMPORARY = re.compile(r"\A\..+\.(?P<pid>\d+)\.[^.]+\.tmp\Z")
# Temporaries of an older layout, without a pid: only this old can they be a dead writer's.
LEGACY_STALE_SECONDS = 600

_umask_lock = threading.Lock()
_umask: int | None = None


def _file_mode() -> int:
    """0666 less the process's umask, as `open` would create a file (mkstemp gives 0600)."""
    global _umask
    with _umask_lock:
        if _umask is None:
            _umask = os.umask(0o022)
            os.umask(_umask)
        return 0o666 & ~_umask


def make_folders(folder: Path) -> None:
    """`mkdir -p` without recursion (os.makedirs and Path.mkdir recurse once a level)."""
    missing = []
    here = folder
    while not here.is_dir():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            if not path.is_dir():
                raise


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one."""
    make_folders(path.parent)
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        os.fchmod(fd, _file_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files that killed writers left under `folder`; a live writer's
    (its pid still running) is never touched. Returns how many were removed."""
    if not folder.is_dir():
        return 0
    removed = 0
    cutoff = time.time() - LEGACY_STALE_SECONDS
    for entry in walk(folder, hidden=True):
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        match = _TEMPORARY.match(entry.name)
        try:
            if match:
                if _alive(int(match["pid"])):
                    continue
            elif entry.stat(follow_symlinks=False).st_mtime > cutoff:
                continue
            if entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink()
                removed += 1
        except OSError:
            continue  # gone already, or not ours to delete
    return removed
