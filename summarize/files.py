"""Writing files so that a crash never leaves half of one."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path, older_than: float) -> int:
    """Delete temporary files that a killed writer left behind; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than
    for tmp in folder.rglob(".*.tmp"):
        try:
            if tmp.is_file() and tmp.stat().st_mtime <= cutoff:
                tmp.unlink()
                removed += 1
        except OSError:
            continue  # gone already, or not ours to delete
    return removed
