"""A folder of documents, briefed in parallel; one bad document never stops the others.

Each document's JSON and Markdown are written atomically (temporary file, then rename), so a
killed run leaves either a whole output or none.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from summarize.backends import Backend, get_backend
from summarize.config import Settings
from summarize.documents import load
from summarize.errors import SummarizeError
from summarize.models import Usage
from summarize.pipeline import brief_document
from summarize.render import briefing_json, briefing_markdown


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """How one document fared."""

    path: str
    error: str | None = None
    outputs: tuple[str, ...] = ()
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    usage: Usage = field(default_factory=Usage)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class RunReport:
    """What a folder run did."""

    backend: str
    model: str | None
    prompt_version: str
    results: list[DocumentResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if not r.ok]

    @property
    def briefed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.ok]

    @property
    def usage(self) -> Usage:
        """Model usage summed over the run."""
        totals = Usage()
        for r in self.results:
            totals = Usage(
                **{
                    name: getattr(totals, name) + getattr(r.usage, name)
                    for name in Usage.model_fields
                }
            )
        return totals


def discover(root: Path, exclude: Path | None = None) -> list[Path]:
    """Documents under `root` (or `root` itself): hidden files and symlinked folders skipped."""
    if root.is_file():
        return [root]
    skip = exclude.resolve() if exclude else None

    def walk() -> Iterator[Path]:
        for folder, dirs, files in os.walk(root, followlinks=False):
            here = Path(folder)
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and (skip is None or (here / d).resolve() != skip)
            )
            for name in sorted(files):
                if not name.startswith("."):
                    yield here / name

    return list(walk())


def output_paths(root: Path, path: Path, out: Path) -> tuple[Path, Path]:
    """Where a document's JSON and Markdown go: its path under `root`, mirrored under `out`."""
    relative = path.name if root.is_file() else str(path.relative_to(root))
    base = out / relative
    return base.with_name(base.name + ".json"), base.with_name(base.name + ".md")


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


@lru_cache(maxsize=4)
def _backend(settings_json: str) -> Backend:
    # One backend per worker process and settings, built on first use.
    return get_backend(Settings.model_validate_json(settings_json))


def brief_to_files(path: Path, root: Path, out: Path, settings: Settings) -> DocumentResult:
    """Brief one file and write its outputs; every failure becomes the result's error."""
    clock = time.perf_counter()
    name = str(path)
    try:
        backend = _backend(settings.model_dump_json())
        document = load(path, max_bytes=settings.max_bytes)
        briefing = brief_document(document, backend, min_quote_score=settings.min_quote_score)
        json_path, md_path = output_paths(root, path, out)
        write_atomic(json_path, briefing_json(briefing))
        write_atomic(md_path, briefing_markdown(briefing))
    except SummarizeError as exc:
        return DocumentResult(name, error=str(exc), seconds=time.perf_counter() - clock)
    except OSError as exc:
        reason = f"{name}: cannot write output: {exc.strerror or exc}"
        return DocumentResult(name, error=reason, seconds=time.perf_counter() - clock)
    except Exception as exc:  # one document's bug must not stop the batch; it is reported
        reason = f"{name}: internal error: {type(exc).__name__}: {exc}"
        return DocumentResult(name, error=reason, seconds=time.perf_counter() - clock)
    verdicts = Counter(
        c.verification.verdict.value for c in briefing.claims if c.verification is not None
    )
    return DocumentResult(
        name,
        outputs=(str(json_path), str(md_path)),
        claims=len(briefing.claims),
        verdicts=dict(verdicts),
        seconds=time.perf_counter() - clock,
        usage=briefing.provenance.usage,
    )


def run_folder(
    root: Path,
    out: Path,
    settings: Settings,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> RunReport:
    """Brief every document under `root` into `out`, `settings.jobs` at a time."""
    clock = time.perf_counter()
    backend = get_backend(settings)
    report = RunReport(backend.name, backend.model, backend.prompt_version)
    paths = discover(root, exclude=out)
    if on_start:
        on_start(len(paths))

    def record(result: DocumentResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)

    if settings.jobs == 1 or len(paths) <= 1:
        for path in paths:
            record(brief_to_files(path, root, out, settings))
    else:
        workers = min(settings.jobs, len(paths))
        # Rules are CPU work (processes sidestep the GIL); a model backend waits (threads).
        pool: Executor = (
            ProcessPoolExecutor(max_workers=workers)
            if backend.cpu_bound
            else ThreadPoolExecutor(max_workers=workers)
        )
        with pool:
            futures = [pool.submit(brief_to_files, p, root, out, settings) for p in paths]
            for future in as_completed(futures):
                record(future.result())
    report.results.sort(key=lambda r: r.path)
    report.seconds = time.perf_counter() - clock
    return report
