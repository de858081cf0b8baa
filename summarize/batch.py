"""A folder of documents, briefed in parallel; one bad document never stops the others.

Order of work per document, so that a run killed at any moment loses nothing on rerun:
brief (in a worker) → save the briefing in the store (one transaction) → write its JSON,
Markdown and HTML atomically (temporary file, then rename). A rerun skips every document whose
content the store already briefed with the same backend, model and prompt version, and writes
any output that is missing from the stored briefing, without briefing again.
"""

from __future__ import annotations

import contextlib
import dataclasses
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
from summarize.errors import (
    BackendError,
    ConfigError,
    DocumentError,
    OutputError,
    RunInterruptedError,
    StillWritingError,
    SummarizeError,
    Terminated,
    about,
    shown,
)
from summarize.files import remove_stale_temporaries, write_atomic
from summarize.inputs import Listing, discover
from summarize.lock import LOCK_NAME, RunLock
from summarize.models import Briefing, Usage
from summarize.pipeline import reverify
from summarize.store import BriefingKey, SQLiteStore, Store, Stored, StoreError, counts_of
from summarize.verifier.version import verifier_version
from summarize.web.remote import Failure, Remote, collect
from summarize.web.urls import output_name

STORE_NAME = "summarize.db"
SUFFIXES = (".json", ".md", ".html")
# Consecutive documents failing to reach the model before the batch stops: the endpoint is
# down, and every further document would only wait for its timeouts.
UNREACHABLE_STOP = 3


@dataclass(frozen=True, slots=True)
class Plan:
    """What a folder run covers."""

    root: Path | None  # a folder or a file; None when only URLs and feeds are briefed
    out: Path
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force: bool = False
    store: Path | None = None  # never read as an input, wherever it is
    follow_symlinks: bool = False  # symlinks to files outside the root
    urls: tuple[str, ...] = ()  # pages to fetch and brief
    feeds: tuple[str, ...] = ()  # RSS or Atom feeds (URLs or files) whose new items are briefed


def check_plan(plan: Plan) -> None:
    """Refuse an output folder that is the folder briefed: its outputs would become inputs."""
    if plan.root is not None and plan.root.is_dir() and plan.out.resolve() == plan.root.resolve():
        raise ConfigError(
            f"{plan.out}: --out is the folder being briefed; its outputs would be read as "
            "documents on the next run: choose another folder (a subfolder is fine)"
        )


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """How one file fared: new, skipped (already briefed), failed, deferred (still being
    written: the next run takes it) or ignored (not a document); `note` says why."""

    path: str
    status: str
    error: str | None = None
    outputs: tuple[str, ...] = ()
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    usage: Usage = field(default_factory=Usage)
    note: str | None = None

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
    stopped: str | None = None  # why the batch stopped early, leaving the rest for later

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
    def deferred(self) -> list[DocumentResult]:
        return self._with("deferred")

    @property
    def ignored(self) -> list[DocumentResult]:
        return self._with("ignored")

    @property
    def documents(self) -> int:
        """Files that are documents: everything but the ignored ones."""
        return len(self.results) - len(self.ignored)

    @property
    def usage(self) -> Usage:
        """Model usage summed over the documents of this run, failed ones included."""
        return Usage(
            **{
                name: sum(getattr(r.usage, name) for r in self.results)
                for name in Usage.model_fields
            }
        )


def store_for(out: Path, path: Path | None = None) -> SQLiteStore:
    """The store of an output folder (or the one at `path`)."""
    return SQLiteStore(path or out / STORE_NAME)


def listing(plan: Plan) -> Listing:
    """The plan's documents, and the files it passes over."""
    if plan.root is None:
        return Listing()
    return discover(
        plan.root,
        out=plan.out,
        store=plan.store,
        include=plan.include,
        exclude=plan.exclude,
        follow_symlinks=plan.follow_symlinks,
    )


def relative_name(plan: Plan, path: Path | str) -> str:
    """A document's name under `out`: its path under the root, or for a URL web/HOST/SLUG."""
    if isinstance(path, str):
        return output_name(path)
    if plan.root is None or plan.root.is_file():
        return path.name
    return path.relative_to(plan.root).as_posix()


def output_paths(plan: Plan, path: Path | str) -> tuple[Path, ...]:
    """Where a document's JSON, Markdown and HTML go: its path under the root (a URL's under
    web/), under `out`."""
    base = plan.out / relative_name(plan, path)
    return tuple(base.with_name(base.name + suffix) for suffix in SUFFIXES)


def digests_of(rendered: tuple[str, ...]) -> dict[str, str]:
    """The sha256 of each rendered output, by suffix, as the store keeps them."""
    return {
        suffix: hashlib.sha256(text.encode("utf-8")).hexdigest()
        for suffix, text in zip(SUFFIXES, rendered, strict=True)
    }


def _file_sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def render_all(briefing: Briefing, document: Document) -> tuple[str, ...]:
    """The JSON, Markdown and HTML of a briefing, in SUFFIXES order."""
    # Imported on first use: a rerun that skips every document never renders anything.
    from summarize.render import briefing_html, briefing_json, briefing_markdown

    return (
        briefing_json(briefing),
        briefing_markdown(briefing),
        briefing_html(briefing, document.text),
    )


@dataclass(frozen=True, slots=True)
class _Done:
    """A worker's product: the briefing and its rendered outputs, or the error."""

    file: Path | str  # a file, or the name of a fetched document (its URL)
    path: str  # as shown and stored
    briefing: str | None = None
    rendered: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    deferred: bool = False
    unreachable: bool = False
    usage: Usage = field(default_factory=Usage)


def _brief(
    source: Path | Remote, settings: Settings, expect: os.stat_result | None = None
) -> _Done:
    """Worker: load (a file; a fetched document comes loaded), brief, render. Every failure
    becomes the result's error."""
    from summarize.pipeline import brief_document  # workers only: skipped runs never need it

    clock = time.perf_counter()
    path: Path | str = source.name if isinstance(source, Remote) else source
    name = shown(path)
    try:
        if isinstance(source, Remote):
            document = source.document
        else:
            document = load(source, max_bytes=settings.max_bytes, expect=expect)
        briefing = brief_document(
            document, get_backend(settings), min_quote_score=settings.min_quote_score
        )
        rendered = render_all(briefing, document)
    except StillWritingError as exc:
        return _Done(path, name, error=str(exc), deferred=True, seconds=time.perf_counter() - clock)
    except BackendError as exc:
        return _Done(
            path,
            name,
            error=about(name, exc),
            seconds=time.perf_counter() - clock,
            unreachable=exc.unreachable,
            usage=exc.usage or Usage(),
        )
    except SummarizeError as exc:
        return _Done(path, name, error=about(name, exc), seconds=time.perf_counter() - clock)
    except Exception as exc:  # one document's bug must not stop the batch; it is reported
        reason = f"{name}: internal error: {type(exc).__name__}: {exc}"
        return _Done(path, name, error=reason, seconds=time.perf_counter() - clock)
    return _Done(
        path, name, briefing.model_dump_json(), rendered, seconds=time.perf_counter() - clock
    )


def _summary(
    path: str, status: str, briefing: Briefing, outputs: tuple[Path, ...], seconds: float
) -> DocumentResult:
    verdicts = Counter(
        c.verification.verdict.value for c in briefing.claims if c.verification is not None
    )
    return DocumentResult(
        path,
        status,
        outputs=tuple(shown(p) for p in outputs),
        claims=len(briefing.claims),
        verdicts=dict(verdicts),
        seconds=seconds,
        usage=briefing.provenance.usage if status == "new" else Usage(),
    )


def _sha256(path: Path, max_bytes: int) -> tuple[str, os.stat_result]:
    """The content hash, and the file's stat as it was read (a worker checks it is unchanged)."""
    data = read_limited(path, max_bytes)
    return hashlib.sha256(data).hexdigest(), path.stat()


def _dispatch(
    todo: list[tuple[Path | Remote, os.stat_result | None]],
    settings: Settings,
    processes: bool,
    finish: Callable[[_Done], bool],
) -> None:
    """Brief `todo` on a pool, a few documents ahead of the workers: nothing waits in a queue
    that an interruption would have to drain, and the main process stays small."""
    size = min(settings.jobs, len(todo))
    if processes and size > 1:
        # Forked workers inherit the parse pipelines loaded here, instead of each loading
        # them again (French alone takes seconds).
        from summarize.text.nlp import preload

        preload()
    executor = workers.pool(size, processes)
    queue = iter(todo)
    in_flight: set[Future[_Done]] = set()

    def submit() -> None:
        item = next(queue, None)
        if item is not None:
            in_flight.add(executor.submit(_brief, item[0], settings, item[1]))

    try:
        for _ in range(2 * size):
            submit()
        while in_flight:
            done, _pending = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                # Let go of each result once written: outputs add up to megabytes per document.
                in_flight.discard(future)
                if not finish(future.result()):
                    workers.stop(executor)
                    return
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
    on_wait: Callable[[str], None] | None = None,
) -> RunReport:
    """Brief every document of the plan into its output folder, `settings.jobs` at a time.

    Under the output folder's lock (waiting for it, telling `on_wait` the holder's pid): two
    runs never brief a document twice, and every temporary file there is a dead writer's.
    """
    check_plan(plan)
    with RunLock(plan.out / LOCK_NAME, wait=True, on_wait=on_wait):
        clock = time.perf_counter()
        backend = get_backend(settings)
        run_id = store.start_run("run")
        try:
            return _run_recorded(plan, settings, store, run_id, clock, backend, on_start, on_result)
        except (StoreError, OutputError) as exc:
            # The run is recorded as failed when the store still takes writes.
            with contextlib.suppress(StoreError):
                store.finish_run(run_id, {"aborted": 1}, [str(exc)])
            raise


def _run_recorded(
    plan: Plan,
    settings: Settings,
    store: Store,
    run_id: int,
    clock: float,
    backend: Backend,
    on_start: Callable[[int], None] | None,
    on_result: Callable[[DocumentResult], None] | None,
) -> RunReport:
    report = RunReport(backend.name, backend.model, backend.prompt_version)
    remove_stale_temporaries(plan.out)
    found = listing(plan)
    total = len(found.documents) + len(found.ignored)
    if on_start:
        on_start(total)

    def record(result: DocumentResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)

    for path, reason in found.ignored:
        record(DocumentResult(shown(path), "ignored", note=reason))

    unreachable = 0  # documents in a row that could not reach the model

    def finish(done: _Done) -> bool:
        """Store and write one worker's product; False when the batch must stop."""
        nonlocal unreachable
        if done.deferred:
            record(DocumentResult(done.path, "deferred", note=done.error, seconds=done.seconds))
            return True
        if done.error is not None or done.briefing is None:
            record(
                DocumentResult(
                    done.path, "failed", error=done.error, seconds=done.seconds, usage=done.usage
                )
            )
            unreachable = unreachable + 1 if done.unreachable else 0
            if unreachable >= UNREACHABLE_STOP:
                report.stopped = (
                    f"stopped: {UNREACHABLE_STOP} documents in a row could not reach the model;"
                    " the rest is left for the next run"
                )
                return False
            return True
        unreachable = 0
        briefing = Briefing.model_validate_json(done.briefing)
        outputs = output_paths(plan, done.file)
        with interrupts.deferred():
            store.save_briefing(
                done.path, briefing, page=shown(outputs[-1]), outputs=digests_of(done.rendered)
            )
            try:
                for target, text in zip(outputs, done.rendered, strict=True):
                    write_atomic(target, text)
            except OSError as exc:
                reason = f"{done.path}: cannot write output: {exc.strerror or exc}"
                record(DocumentResult(done.path, "failed", error=reason, seconds=done.seconds))
                return True
            if (remote := remotes.get(done.path)) is not None:
                _remember(store, remote)
            record(_summary(done.path, "new", briefing, outputs, done.seconds))
        return True

    known = {} if plan.force else store.known(backend.name, backend.model, backend.prompt_version)
    todo: list[tuple[Path | Remote, os.stat_result | None]] = []
    queued: set[str] = set()  # the content of each document in `todo`

    def reuse(source: Path | Remote, sha: str, stored: Stored) -> None:
        """A document briefed before: verified again if the verifier changed, its outputs
        written again if any is missing or stale."""
        name = source.name if isinstance(source, Remote) else source
        key = BriefingKey(sha, backend.name, backend.model, backend.prompt_version)

        def document() -> Document:
            if isinstance(source, Remote):
                return source.document
            return load(source, max_bytes=settings.max_bytes)

        try:
            if stored.verifier != verifier_version():
                stored = _reverify(plan, name, document, key, store)
            outputs = _refresh_outputs(plan, name, document, key, stored, store)
        except SummarizeError as exc:
            record(DocumentResult(shown(name), "failed", error=about(name, exc)))
            return
        except OSError as exc:
            reason = f"{shown(name)}: cannot write output: {exc.strerror or exc}"
            record(DocumentResult(shown(name), "failed", error=reason))
            return
        if isinstance(source, Remote):
            _remember(store, source)
        record(
            DocumentResult(
                shown(name),
                "skipped",
                outputs=tuple(shown(p) for p in outputs),
                claims=stored.claims,
                verdicts=stored.verdicts,
            )
        )

    for path in found.documents:
        try:
            sha, seen = _sha256(path, settings.max_bytes)
        except StillWritingError as exc:
            record(DocumentResult(shown(path), "deferred", note=str(exc)))
            continue
        except DocumentError as exc:
            record(DocumentResult(shown(path), "failed", error=str(exc)))
            continue
        stored = known.get(sha)
        if stored is None:
            todo.append((path, seen))
            queued.add(sha)
        else:
            reuse(path, sha, stored)

    remotes: dict[str, Remote] = {}
    try:
        for got in _fetched(plan, settings, store):
            total += 1
            if isinstance(got, Failure):
                if got.feed and got.item and got.permanent:
                    store.mark_item(got.feed, got.item)  # a 404 stays one: not asked again
                record(DocumentResult(got.name, "failed", error=got.error))
                continue
            got = _versioned(got, store)
            sha = got.document.meta.sha256
            if sha in queued:  # the same article in two feeds, or listed twice: briefed once
                _remember(store, got)
                total -= 1
                continue
            stored = known.get(sha)
            if stored is None:
                queued.add(sha)
                remotes[got.name] = got
                todo.append((got, None))
            else:
                reuse(got, got.document.meta.sha256, stored)
        if on_start and (plan.urls or plan.feeds):
            on_start(total)

        if settings.jobs == 1 or len(todo) <= 1:
            for source, expect in todo:
                if not finish(_brief(source, settings, expect)):
                    break
        else:
            _dispatch(todo, settings, processes=backend.cpu_bound, finish=finish)
    except KeyboardInterrupt as exc:
        # Everything finished so far is stored and written; the rest waits for the next run.
        left = max(0, total - len(report.results))
        _finish(store, run_id, report, clock, left=left, why="interrupted")
        number = signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT
        raise RunInterruptedError(len(report.results), left, number) from None
    left = max(0, total - len(report.results))
    _finish(store, run_id, report, clock, left=left, why=report.stopped)
    return report


def _fetched(plan: Plan, settings: Settings, store: Store) -> Iterator[Remote | Failure]:
    """The plan's URLs and its feeds' new items, fetched one by one (politely: see web.fetch)."""
    if not (plan.urls or plan.feeds):
        return
    from summarize.web.fetch import Fetcher  # only runs that fetch need an HTTP client

    with Fetcher(
        max_bytes=settings.max_bytes,
        timeout=settings.fetch_timeout,
        interval=settings.fetch_interval,
    ) as fetcher:
        yield from collect(
            list(plan.urls),
            list(plan.feeds),
            fetcher,
            max_bytes=settings.max_bytes,
            seen=store.seen_items,
        )


def _versioned(remote: Remote, store: Store) -> Remote:
    """`remote` naming the earlier version of its URL, when its content is new."""
    versions = store.versions(remote.name)
    meta = remote.document.meta
    earlier = [v.sha256 for v in versions if v.sha256 != meta.sha256]
    if not earlier or any(v.sha256 == meta.sha256 for v in versions):
        return remote
    document = dataclasses.replace(
        remote.document, meta=meta.model_copy(update={"previous": earlier[-1]})
    )
    return dataclasses.replace(remote, document=document)


def _remember(store: Store, remote: Remote) -> None:
    """A fetched document is stored: its URL's version, and its feed item as taken."""
    meta = remote.document.meta
    store.saw_version(remote.name, meta.sha256, meta.http_date)
    if remote.feed and remote.item:
        store.mark_item(remote.feed, remote.item)


def _reverify(
    plan: Plan, path: Path | str, document: Callable[[], Document], key: BriefingKey, store: Store
) -> Stored:
    """A stored briefing whose claims another verifier checked, verified again from its stored
    draft (no model call) and stored with fresh outputs."""
    briefing = store.get_briefing(key)
    if briefing is None:
        raise DocumentError(path, "briefing vanished from the store")
    loaded = document()
    again = reverify(briefing, loaded)
    rendered = render_all(again, loaded)
    outputs = output_paths(plan, path)
    with interrupts.deferred():
        store.save_briefing(
            shown(path), again, page=shown(outputs[-1]), outputs=digests_of(rendered)
        )
        for target, text in zip(outputs, rendered, strict=True):
            write_atomic(target, text)
    claims, verdicts = counts_of(again)
    return Stored(claims, verdicts, digests_of(rendered), verifier_version())


def _refresh_outputs(
    plan: Plan,
    path: Path | str,
    document: Callable[[], Document],
    key: BriefingKey,
    stored: Stored,
    store: Store,
) -> tuple[Path, ...]:
    """A stored document's outputs, rewritten from its briefing when any is missing or differs
    from what was written (a write that failed, a file edited or truncated since)."""
    outputs = output_paths(plan, path)
    stale = [
        i
        for i, (suffix, target) in enumerate(zip(SUFFIXES, outputs, strict=True))
        if _file_sha256(target) != stored.outputs.get(suffix)
    ]
    if not stale:
        return outputs
    briefing = store.get_briefing(key)
    if briefing is None:
        raise DocumentError(path, "briefing vanished from the store")
    rendered = render_all(briefing, document())
    with interrupts.deferred():
        for i in stale:
            write_atomic(outputs[i], rendered[i])
        store.set_outputs(key, digests_of(rendered))
    return outputs


def _finish(
    store: Store, run_id: int, report: RunReport, clock: float, left: int, why: str | None
) -> None:
    report.results.sort(key=lambda r: r.path)
    report.seconds = time.perf_counter() - clock
    counts = {
        status: len(report._with(status))
        for status in ("new", "skipped", "failed", "deferred", "ignored")
    }
    if why:
        counts["left"] = left
    errors = [r.error for r in report.failed if r.error] + ([why] if why else [])
    store.finish_run(run_id, counts, errors)
