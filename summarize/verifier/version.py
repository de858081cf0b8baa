"""The verifier's version: a hash of its own source and of the text layer it reads with.

Stored briefings carry it; a run that finds one verified by another version verifies its stored
claims again (no model call, no new extraction), so that an improved verifier reaches every
briefing in the store.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def verifier_version() -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *(package.parent / "text").glob("*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return "verifier-" + digest.hexdigest()[:12]
