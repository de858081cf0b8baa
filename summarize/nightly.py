"""The nightly job: under a lock, brief what came in, then write the day's digest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from summarize.batch import DocumentResult, Plan, RunReport, run_folder, store_for
from summarize.config import Settings
from summarize.digest.publish import make_digest, write_digest
from summarize.lock import LOCK_NAME, RunLock
from summarize.models import Digest


@dataclass(frozen=True, slots=True)
class NightlyResult:
    report: RunReport
    digest: Digest
    files: tuple[Path, Path, Path]


def nightly(
    plan: Plan,
    settings: Settings,
    *,
    day: str | None = None,
    wait: bool = False,
    store_path: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> NightlyResult:
    """Run the folder, then make and write the digest; raises LockedError if another runs."""
    with RunLock(plan.out / LOCK_NAME, wait=wait):
        store = store_for(plan.out, store_path)
        report = run_folder(plan, settings, store, on_start=on_start, on_result=on_result)
        today = day or datetime.now().astimezone().date().isoformat()
        digest = make_digest(store, today, settings=settings)
        files = write_digest(digest, plan.out, store)
    return NightlyResult(report, digest, files)
