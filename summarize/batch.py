"""A folder of documents, briefed in parallel; one bad document never stops the others.

Order of work per document, so that a run killed at any moment loses nothing on rerun:
brief (in a worker) → save the briefing in the store (one transaction) → write its JSON,
Markdown and HTML atomically (temporary file, then rename). A rerun skips every document whose
content the store already briefed with the same backend, model and prompt version, and writes
any output that is missing from the stored briefing, without briefing again.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path

from summarize import interrupts, workers
from summarize.backends import Backend, get_backend
from summarize.config import Settings
from summarize.documents import Document, load, read_limited
from summarize.errors import DocumentError, RunInterruptedError, SummarizeError, Terminated, about
from summarize.files import remove_stale_temporaries, write_atomic
from summarize.models import Briefing, Usage
from summarize.store import BriefingKey, SQLiteStore, Store

STORE_NAME = "summarize.db"
STALE_SECONDS = 600
SUFFIXES = (".json", ".md", ".html")


@dataclass(frozen=True, slots=True)
class Plan:
    """What a folder run covers."""

    root: Path
    out: Path
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force: bool = False
    exclusive: bool = False  # the caller holds the output folder's lock


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """How one document fared: new, skipped (already briefed) or failed."""

    path: str
    status: str
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

    def _with(self, status: str) -> list[DocumentResult]:
        return [r for r in self.results if r.status == status]

    @property
    def failed(self) -> list[DocumentResult]:
        return self._with("failed")

    @property
    def new(self) -> list[DocumentResult]:
        return self._with("new")

    @property
    def skipped(self) -> list[DocumentResult]:
        return self._with("skipped")

    @property
    def usage(self) -> Usage:
        """Model usage summed over the documents briefed in this run."""
        return Usage(
            **{
                name: sum(getattr(r.usage, name) for r in self.results)
                for name in Usage.model_fields
            }
        )


def store_for(out: Path, path: Path | None = None) -> SQLiteStore:
    """The store of an output folder (or the one at `path`)."""
    return SQLiteStore(path or out / STORE_NAME)


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(plan: Plan) -> list[Path]:
    """Documents under the root (or the root itself): hidden files, symlinked folders and the
    output folder skipped; include and exclude globs apply to paths relative to the root."""
    root = plan.root
    if root.is_file():
        return [root]
    skip = plan.out.resolve()

    def walk() -> Iterator[Path]:
        for folder, dirs, files in os.walk(root, followlinks=False):
            here = Path(folder)
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and (here / d).resolve() != skip
            )
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = here / name
                relative = path.relative_to(root).as_posix()
                if plan.include and not _matches(relative, plan.include):
                    continue
                if plan.exclude and _matches(relative, plan.exclude):
                    continue
                yield path

    return list(walk())


def relative_name(plan: Plan, path: Path) -> str:
    return path.name if plan.root.is_file() else path.relative_to(plan.root).as_posix()


def output_paths(plan: Plan, path: Path) -> tuple[Path, ...]:
    """Where a document's JSON, Markdown and HTML go: its path under the root, under `out`."""
    base = plan.out / relative_name(plan, path)
    return tuple(base.with_name(base.name + suffix) for suffix in SUFFIXES)


def render_all(briefing: Briefing, document: Document) -> tuple[str, ...]:
    """The JSON, Markdown and HTML of a briefing, in SUFFIXES order."""
    # Imported on first use: a rerun that skips every document never renders anything.
    from summarize.render import briefing_html, briefing_json, briefing_markdown

    return (
        briefing_json(briefing),
        briefing_markdown(briefing),
        briefing_html(briefing, document.text),
    )


_BACKENDS: dict[str, Backend] = {}


def _backend(settings: Settings) -> Backend:
    """One backend per process and settings, built on first use (the key masks secrets)."""
    key = settings.model_dump_json()
    if key not in _BACKENDS:
        _BACKENDS[key] = get_backend(settings)
    return _BACKENDS[key]


@dataclass(frozen=True, slots=True)
class _Done:
    """A worker's product: the briefing and its rendered outputs, or the error."""

    path: str
    briefing: str | None = None
    rendered: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0


def _brief(path: Path, settings: Settings) -> _Done:
    """Worker: load, brief, render. Every failure becomes the result's error."""
    from summarize.pipeline import brief_document  # workers only: skipped runs never need it

    clock = time.perf_counter()
    name = str(path)
    try:
        document = load(path, max_bytes=settings.max_bytes)
        briefing = brief_document(
            document, _backend(settings), min_quote_score=settings.min_quote_score
        )
        rendered = render_all(briefing, document)
    except SummarizeError as exc:
        return _Done(name, error=about(name, exc), seconds=time.perf_counter() - clock)
    except Exception as exc:  # one document's bug must not stop the batch; it is reported
        reason = f"{name}: internal error: {type(exc).__name__}: {exc}"
        return _Done(name, error=reason, seconds=time.perf_counter() - clock)
    return _Done(name, briefing.model_dump_json(), rendered, seconds=time.perf_counter() - clock)


def _summary(
    path: str, status: str, briefing: Briefing, outputs: tuple[Path, ...], seconds: float
) -> DocumentResult:
    verdicts = Counter(
        c.verification.verdict.value for c in briefing.claims if c.verification is not None
    )
    return DocumentResult(
        path,
        status,
        outputs=tuple(str(p) for p in outputs),
        claims=len(briefing.claims),
        verdicts=dict(verdicts),
        seconds=seconds,
        usage=briefing.provenance.usage if status == "new" else Usage(),
    )


def _sha256(path: Path, max_bytes: int) -> str:
    return hashlib.sha256(read_limited(path, max_bytes)).hexdigest()


def _dispatch(
    todo: list[Path], settings: Settings, processes: bool, finish: Callable[[_Done], None]
) -> None:
    """Brief `todo` on a pool, a few documents ahead of the workers: nothing waits in a queue
    that an interruption would have to drain, and the main process stays small."""
    size = min(settings.jobs, len(todo))
    executor = workers.pool(size, processes)
    queue = iter(todo)
    in_flight: set[Future[_Done]] = set()

    def submit() -> None:
        path = next(queue, None)
        if path is not None:
            in_flight.add(executor.submit(_brief, path, settings))

    try:
        for _ in range(2 * size):
            submit()
        while in_flight:
            done, _pending = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                # Let go of each result once written: outputs add up to megabytes per document.
                in_flight.discard(future)
                finish(future.result())
                submit()
    except BaseException:
        workers.stop(executor)
        raise
    executor.shutdown()


def run_folder(
    plan: Plan,
    settings: Settings,
    store: Store,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> RunReport:
    """Brief every document of the plan into its output folder, `settings.jobs` at a time."""
    clock = time.perf_counter()
    backend = get_backend(settings)
    report = RunReport(backend.name, backend.model, backend.prompt_version)
    run_id = store.start_run("run")
    # A writer killed mid-file leaves a hidden temporary; one this old has no live writer.
    remove_stale_temporaries(plan.out, older_than=STALE_SECONDS if not plan.exclusive else 0)
    paths = discover(plan)
    if on_start:
        on_start(len(paths))

    def record(result: DocumentResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)

    def finish(done: _Done) -> None:
        path = Path(done.path)
        if done.error is not None or done.briefing is None:
            record(DocumentResult(done.path, "failed", error=done.error, seconds=done.seconds))
            return
        briefing = Briefing.model_validate_json(done.briefing)
        outputs = output_paths(plan, path)
        with interrupts.deferred():
            store.save_briefing(done.path, briefing, page=str(outputs[-1]))
            try:
                for target, text in zip(outputs, done.rendered, strict=True):
                    write_atomic(target, text)
            except OSError as exc:
                reason = f"{done.path}: cannot write output: {exc.strerror or exc}"
                record(DocumentResult(done.path, "failed", error=reason, seconds=done.seconds))
                return
            record(_summary(done.path, "new", briefing, outputs, done.seconds))

    known = {} if plan.force else store.known(backend.name, backend.model, backend.prompt_version)
    todo: list[Path] = []
    for path in paths:
        try:
            sha = _sha256(path, settings.max_bytes)
        except DocumentError as exc:
            record(DocumentResult(str(path), "failed", error=str(exc)))
            continue
        stored = known.get(sha)
        if stored is None:
            todo.append(path)
            continue
        outputs = output_paths(plan, path)
        if not all(p.is_file() for p in outputs):
            # Killed between the store and the files: write them from the stored briefing.
            key = BriefingKey(sha, backend.name, backend.model, backend.prompt_version)
            try:
                briefing = store.get_briefing(key)
                if briefing is None:
                    raise DocumentError(path, "briefing vanished from the store")
                document = load(path, max_bytes=settings.max_bytes)
                for target, text in zip(outputs, render_all(briefing, document), strict=True):
                    write_atomic(target, text)
            except (SummarizeError, OSError) as exc:
                record(DocumentResult(str(path), "failed", error=str(exc)))
                continue
        record(
            DocumentResult(
                str(path),
                "skipped",
                outputs=tuple(str(p) for p in outputs),
                claims=stored.claims,
                verdicts=stored.verdicts,
            )
        )

    try:
        if settings.jobs == 1 or len(todo) <= 1:
            for path in todo:
                finish(_brief(path, settings))
        else:
            _dispatch(todo, settings, processes=backend.cpu_bound, finish=finish)
    except KeyboardInterrupt as exc:
        # Everything finished so far is stored and written; the rest waits for the next run.
        left = len(paths) - len(report.results)
        _finish(store, run_id, report, clock, interrupted=left)
        number = signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT
        raise RunInterruptedError(len(report.results), left, number) from None
    _finish(store, run_id, report, clock)
    return report


def _finish(
    store: Store, run_id: int, report: RunReport, clock: float, interrupted: int = 0
) -> None:
    report.results.sort(key=lambda r: r.path)
    report.seconds = time.perf_counter() - clock
    counts = {"new": len(report.new), "skipped": len(report.skipped), "failed": len(report.failed)}
    if interrupted:
        counts["interrupted_left"] = interrupted
    store.finish_run(run_id, counts, [r.error for r in report.failed if r.error])
