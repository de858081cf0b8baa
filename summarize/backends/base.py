"""The one boundary every backend sits behind."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from summarize.documents import Document
from summarize.models import Draft


@runtime_checkable
class Backend(Protocol):
    """Turns a loaded document into a draft briefing; the verifier checks it afterwards."""

    name: str
    model: str | None
    prompt_version: str
    cpu_bound: bool  # True: run documents in processes; False (waits on I/O): in threads

    def extract(self, document: Document) -> Draft:
        """Draft a briefing of `document`; raise BackendError when that is impossible."""
        ...
