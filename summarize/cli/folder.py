"""`summarize run`, `summarize digest` and `summarize nightly`: folders, the store, the digest."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from summarize.batch import (
    STORE_NAME,
    DocumentResult,
    Plan,
    RunReport,
    check_plan,
    run_folder,
    store_for,
)
from summarize.cli.app import (
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_USAGE,
    BackendOption,
    BaseUrlOption,
    MaxClaims,
    ModelOption,
    ModeOption,
    NoCacheOption,
    PromptsOption,
    app,
    backend_from,
    err,
    fail,
    interrupted,
    say,
    settings_from,
    usage_line,
)
from summarize.digest.days import valid_day
from summarize.errors import RunInterruptedError, SummarizeError
from summarize.inputs import DOCUMENT_SUFFIXES
from summarize.lock import LOCK_NAME, RunLock
from summarize.models import Digest
from summarize.render.words import counted

T = TypeVar("T")

Folder = Annotated[
    Path | None,
    typer.Argument(
        help="Folder of documents (searched recursively); optional with --urls or --feed.",
        readable=False,
        metavar="[FOLDER]",
    ),
]
Urls = Annotated[
    Path | None,
    typer.Option("--urls", help="File of URLs to fetch and brief, one a line.", metavar="FILE"),
]
Feeds = Annotated[
    list[str] | None,
    typer.Option(
        "--feed",
        help="RSS or Atom feed, a URL or a file (repeatable): its new items are fetched and"
        " briefed.",
        metavar="FEED",
    ),
]
FeedList = Annotated[
    Path | None,
    typer.Option("--feeds", help="File of feeds (URLs or files), one a line.", metavar="FILE"),
]
Out = Annotated[
    Path,
    typer.Option("--out", "-o", help="Folder for briefings, store and digests.", metavar="DIR"),
]
Jobs = Annotated[
    int | None, typer.Option("--jobs", "-j", help="Documents in parallel.", min=1, metavar="N")
]
Include = Annotated[
    list[str] | None,
    typer.Option("--include", help="Only paths matching this glob (repeatable).", metavar="GLOB"),
]
Exclude = Annotated[
    list[str] | None,
    typer.Option("--exclude", help="Skip paths matching this glob (repeatable).", metavar="GLOB"),
]
Force = Annotated[bool, typer.Option("--force", help="Brief again documents already briefed.")]
FollowSymlinks = Annotated[
    bool,
    typer.Option("--follow-symlinks", help="Brief symlinked files that point outside the folder."),
]
StorePath = Annotated[
    Path | None,
    typer.Option("--store", help="SQLite store (default: OUT/summarize.db).", metavar="FILE"),
]


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return valid_day(value)
    except SummarizeError as exc:
        raise typer.BadParameter(str(exc)) from None


Day = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The digest's day (default: today).",
        callback=_day,
        metavar="YYYY-MM-DD",
    ),
]


def _line(result: DocumentResult) -> str:
    if result.status in ("ignored", "deferred"):
        return f"{result.status} {result.path}: {result.note}"
    if not result.ok:
        return f"failed  {result.error}"
    verdicts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in sorted(result.verdicts.items()))
    label = "new    " if result.status == "new" else "skipped"
    return f"{label} {result.path}: {result.claims} claims ({verdicts or 'none'})"


def _summary(report: RunReport) -> str:
    model = f", model {report.model}" if report.model else ""
    others = "".join(
        f", {len(rs)} {status}"
        for status, rs in (("deferred", report.deferred), ("ignored", report.ignored))
        if rs
    )
    line = (
        f"{counted(report.documents, 'document')}: {len(report.new)} new, "
        f"{len(report.skipped)} skipped, {len(report.failed)} failed{others} "
        f"in {report.seconds:.1f} s (backend {report.backend}{model})"
    )
    line += f"; {usage_line(report.usage)}" if report.model else ""
    return line + (f"\n{report.stopped}" if report.stopped else "")


def _with_progress(
    work: Callable[[Callable[[int], None], Callable[[DocumentResult], None]], T],
) -> T:
    """A progress bar with ETA on a terminal; one plain line per document otherwise."""
    if not err.is_terminal:
        return work(lambda _n: None, lambda r: say(_line(r)))
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("briefing", total=None)

        def advance(result: DocumentResult) -> None:
            if result.status in ("failed", "deferred", "ignored"):
                progress.console.print(_line(result), markup=False)
            progress.advance(task)

        return work(lambda n: progress.update(task, total=n), advance)


def _listed(path: Path | None) -> tuple[str, ...]:
    if path is None:
        return ()
    from summarize.web.feeds import read_list

    try:
        return tuple(read_list(path))
    except SummarizeError as exc:
        fail(str(exc), EXIT_USAGE)


def _plan(
    folder: Path | None,
    out: Path,
    include: list[str] | None,
    exclude: list[str] | None,
    force: bool,
    follow_symlinks: bool,
    store: Path | None,
    urls: Path | None = None,
    feeds: tuple[str, ...] = (),
) -> Plan:
    if folder is not None and not os.path.lexists(folder):
        fail(f"{folder}: no such file or folder", EXIT_USAGE)
    pages = _listed(urls)
    if folder is None and not pages and not feeds:
        fail("nothing to brief: give a FOLDER, --urls FILE or --feed FEED", EXIT_USAGE)
    plan = Plan(
        folder,
        out,
        tuple(include or ()),
        tuple(exclude or ()),
        force,
        store,
        follow_symlinks,
        urls=pages,
        feeds=feeds,
    )
    try:
        check_plan(plan)
    except SummarizeError as exc:
        fail(str(exc), EXIT_USAGE)
    return plan


def _feeds(given: list[str] | None, listed: Path | None) -> tuple[str, ...]:
    return tuple(given or ()) + _listed(listed)


def _waiting(holder: str) -> None:
    say(f"waiting: another run (pid {holder}) is writing this output folder")


def _digest_lines(digest: Digest, html: Path) -> None:
    for warning in digest.warnings:
        say(f"warning: {warning}")
    say(
        f"digest {digest.date}: {counted(len(digest.documents), 'document')}, "
        f"{counted(len(digest.groups), 'story', 'stories')} across documents, "
        f"{counted(len(digest.contradictions), 'contradiction')} → {html}"
    )


@app.command()
def run(
    out: Out,
    folder: Folder = None,
    urls: Urls = None,
    feed: Feeds = None,
    feeds: FeedList = None,
    jobs: Jobs = None,
    include: Include = None,
    exclude: Exclude = None,
    force: Force = False,
    follow_symlinks: FollowSymlinks = False,
    store: StorePath = None,
    max_claims: MaxClaims = None,
    backend: BackendOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    prompts: PromptsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Brief every document in a folder: JSON, Markdown and HTML each under --out.

    Documents already briefed (same content, backend, model and prompts) are skipped; a killed
    run, rerun, finishes the rest. Exits 1 when any document failed, naming file and reason.

    Example: summarize run seeds/ --out briefings/ --include '*.txt' --jobs 4
    (or pages and feeds: summarize run --out briefings/ --urls links.txt --feed FEED_URL)
    """
    plan = _plan(
        folder, out, include, exclude, force, follow_symlinks, store, urls, _feeds(feed, feeds)
    )
    settings = settings_from(
        jobs=jobs,
        max_claims=max_claims,
        backend=backend,
        model=model,
        base_url=base_url,
        mode=mode,
        prompts_dir=prompts,
        no_cache=no_cache,
    )
    backend_from(settings)
    try:
        opened = store_for(out, store)
        report = _with_progress(
            lambda start, result: run_folder(
                plan, settings, opened, on_start=start, on_result=result, on_wait=_waiting
            )
        )
    except RunInterruptedError as exc:
        interrupted(exc)
    except SummarizeError as exc:
        fail(str(exc))
    if not report.results and folder is not None:
        say(f"note: no documents in {folder} (briefed: {' '.join(DOCUMENT_SUFFIXES)})")
    say(_summary(report))
    if report.failed or report.stopped:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def digest(
    out: Out,
    since: Annotated[
        datetime | None,
        typer.Option(
            "--since",
            help="Cover briefings stored after this (default: last digest).",
            metavar="DATE",
        ),
    ] = None,
    day: Day = None,
    store: StorePath = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """Write the dated digest of the briefings stored since the previous digest; with a model
    set, a model-written overview goes on top.

    Example: summarize digest --out briefings/ --since 2026-11-20
    """
    from summarize.digest.publish import make_digest, write_digest  # only this command needs it

    when = day or date.today().isoformat()
    settings = settings_from(model=model, base_url=base_url)
    path = store or out / STORE_NAME
    if not path.is_file():
        fail(f"{path}: no store here yet; brief documents first: summarize run DIR --out {out}")
    try:
        with RunLock(out / LOCK_NAME, wait=True, on_wait=_waiting):
            opened = store_for(out, store)
            start = since.astimezone(UTC) if since else None
            made = make_digest(opened, when, since=start, settings=settings)
            files = write_digest(made, out, opened)
    except SummarizeError as exc:
        fail(str(exc))
    _digest_lines(made, files[2])


@app.command()
def nightly(
    out: Out,
    folder: Folder = None,
    urls: Urls = None,
    feed: Feeds = None,
    feeds: FeedList = None,
    jobs: Jobs = None,
    include: Include = None,
    exclude: Exclude = None,
    follow_symlinks: FollowSymlinks = False,
    day: Day = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for a running nightly instead of exiting 75.")
    ] = False,
    store: StorePath = None,
    max_claims: MaxClaims = None,
    backend: BackendOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    prompts: PromptsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Brief what came in, then write the day's digest (JSON, Markdown, HTML) under OUT/digests.

    Safe under cron and systemd: a lock keeps two runs apart (the second exits 75 unless
    --wait), a line per document, exit 1 when any document failed.

    Example: summarize nightly inbox/ --out briefings/ --feed https://example.org/rss.xml
    """
    from summarize.lock import LockedError
    from summarize.nightly import nightly as run_nightly

    plan = _plan(
        folder, out, include, exclude, False, follow_symlinks, store, urls, _feeds(feed, feeds)
    )
    settings = settings_from(
        jobs=jobs,
        max_claims=max_claims,
        backend=backend,
        model=model,
        base_url=base_url,
        mode=mode,
        prompts_dir=prompts,
        no_cache=no_cache,
    )
    backend_from(settings)
    try:
        result = _with_progress(
            lambda start, each: run_nightly(
                plan, settings, day=day, wait=wait, store_path=store, on_start=start, on_result=each
            )
        )
    except LockedError as exc:
        fail(str(exc), EXIT_LOCKED)
    except RunInterruptedError as exc:
        interrupted(exc)
    except SummarizeError as exc:
        fail(str(exc))
    say(_summary(result.report))
    _digest_lines(result.digest, result.files[2])
    if result.report.failed or result.report.stopped:
        raise typer.Exit(EXIT_FAILED)
