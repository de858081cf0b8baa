"""The command line: parses arguments, calls the library, turns errors into one-line messages."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from summarize import api, schema
from summarize._version import __version__
from summarize.backends import Backend, get_backend
from summarize.batch import DocumentResult, RunReport, run_folder
from summarize.config import Settings
from summarize.errors import ClaimsInputError, SummarizeError
from summarize.models import Usage
from summarize.render import (
    briefing_json,
    briefing_markdown,
    verifications_json,
    verifications_markdown,
)

app = typer.Typer(
    help="Verified briefings of news articles and reports. A backend drafts a summary and "
    "claims; a deterministic verifier checks every claim against the source text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    json = "json"
    md = "md"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
MaxClaims = Annotated[
    int | None, typer.Option("--max-claims", help="Most claims per briefing.", min=1)
]
BackendOption = Annotated[
    str | None,
    typer.Option("--backend", help="rules, openai, or auto (openai when a model is set)."),
]
ModelOption = Annotated[
    str | None, typer.Option("--model", "-m", help="Model name; selects the openai backend.")
]
BaseUrlOption = Annotated[
    str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint (Ollama, vLLM...).")
]
ModeOption = Annotated[
    str | None, typer.Option("--mode", help="tools, json or json_schema (no tool calling).")
]
PromptsOption = Annotated[
    Path | None, typer.Option("--prompts", help="Folder with your own prompt templates.")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Ask the model again even for unchanged input.")
]


def _fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


def _settings(**overrides: Any) -> Settings:
    try:
        return Settings().with_overrides(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        _fail(f"configuration: {where}: {first['msg']}", 2)


def _backend(settings: Settings) -> Backend:
    try:
        backend = get_backend(settings)
    except SummarizeError as exc:
        _fail(str(exc), 2)
    model = f"model {backend.model}" if backend.model else "no model"
    err.print(
        f"summarize {__version__} · backend {backend.name} ({model}) · {backend.prompt_version}",
        markup=False,
    )
    return backend


def _cache(no_cache: bool) -> bool | None:
    return False if no_cache else None


@app.command()
def brief(
    file: Annotated[Path, typer.Argument(help="Document to brief (.txt, .md or .html).")],
    fmt: FormatOption = Format.json,
    max_claims: MaxClaims = None,
    backend: BackendOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    prompts: PromptsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Brief one document and print the verified briefing.

    Example: summarize brief seeds/000_56b9f2641f4315ea.txt --format md
    """
    settings = _settings(
        max_claims=max_claims,
        backend=backend,
        model=model,
        base_url=base_url,
        mode=mode,
        prompts_dir=prompts,
        cache=_cache(no_cache),
    )
    chosen = _backend(settings)
    try:
        briefing = api.brief(file, settings=settings, backend=chosen)
    except SummarizeError as exc:
        _fail(str(exc))
    sys.stdout.write(briefing_json(briefing) if fmt is Format.json else briefing_markdown(briefing))


def _line(result: DocumentResult) -> str:
    if not result.ok:
        return f"failed  {result.error}"
    verdicts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in sorted(result.verdicts.items()))
    return f"ok      {result.path}: {result.claims} claims ({verdicts or 'none'})"


def _usage(usage: Usage) -> str:
    return (
        f"{usage.calls} model calls, {usage.reasks} reasks, {usage.cache_hits} cached, "
        f"{usage.tokens_in} tokens in, {usage.tokens_out} out, ${usage.cost_usd:.4f}"
    )


def _summary(report: RunReport) -> str:
    model = f", model {report.model}" if report.model else ""
    line = (
        f"{len(report.results)} documents: {len(report.briefed)} briefed, "
        f"{len(report.failed)} failed in {report.seconds:.1f} s "
        f"(backend {report.backend}{model})"
    )
    return line + (f"; {_usage(report.usage)}" if report.model else "")


@app.command()
def run(
    folder: Annotated[Path, typer.Argument(help="Folder of documents (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the briefings.")],
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Documents in parallel.", min=1)
    ] = None,
    max_claims: MaxClaims = None,
    backend: BackendOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    prompts: PromptsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Brief every document in a folder: one JSON and one Markdown file each under --out.

    Exits 1 when any document failed; each failure is reported with its file and reason.

    Example: summarize run seeds/ --out briefings/
    """
    if not folder.exists():
        _fail(f"{folder}: no such file or folder", 2)
    settings = _settings(
        jobs=jobs,
        max_claims=max_claims,
        backend=backend,
        model=model,
        base_url=base_url,
        mode=mode,
        prompts_dir=prompts,
        cache=_cache(no_cache),
    )
    _backend(settings)
    try:
        if err.is_terminal:
            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
            )
            with Progress(*columns, console=err, transient=True) as progress:
                task = progress.add_task("briefing", total=None)

                def advance(result: DocumentResult) -> None:
                    if not result.ok:
                        progress.console.print(_line(result), markup=False)
                    progress.advance(task)

                report = run_folder(
                    folder,
                    out,
                    settings,
                    on_start=lambda n: progress.update(task, total=n),
                    on_result=advance,
                )
        else:
            report = run_folder(
                folder, out, settings, on_result=lambda r: err.print(_line(r), markup=False)
            )
    except SummarizeError as exc:
        _fail(str(exc))
    err.print(_summary(report), markup=False)
    if report.failed:
        raise typer.Exit(1)


def _read_claims(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClaimsInputError(path, "no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ClaimsInputError(path, f"not valid JSON ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        data = data["claims"]  # a whole briefing: check its claims again
    if not isinstance(data, list):
        raise ClaimsInputError(path, "expected a JSON list of claims or a briefing")
    return data


@app.command()
def verify(
    source: Annotated[Path, typer.Argument(help="The source document.")],
    claims: Annotated[
        Path,
        typer.Argument(
            help="JSON list of claims: strings, or objects with statement and optional quote, "
            "sources, certainty; a briefing JSON works too."
        ),
    ],
    fmt: FormatOption = Format.json,
    judge: Annotated[
        bool,
        typer.Option("--judge", help="Ask the model about free claims the checks leave open."),
    ] = False,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    prompts: PromptsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check claims from anywhere (another model's summary, notes) against a source text.

    Example: summarize verify seeds/000_56b9f2641f4315ea.txt claims.json --format md
    """
    settings = _settings(
        model=model, base_url=base_url, mode=mode, prompts_dir=prompts, cache=_cache(no_cache)
    )
    if judge and not settings.model:
        _fail("--judge needs a model: set SUMMARIZE_MODEL or --model", 2)
    judged_by = f"judge model {settings.model}" if judge else "no model"
    err.print(f"summarize {__version__} · verifier ({judged_by})", markup=False)
    try:
        document = api.load(source, settings)
        items = api.as_claims(_read_claims(claims), origin=str(claims))
        results = api.verify(document, items, settings=settings, judge=judge)
    except SummarizeError as exc:
        _fail(str(exc))
    sys.stdout.write(
        verifications_json(results)
        if fmt is Format.json
        else verifications_markdown(results, str(source))
    )


@app.command("schema")
def schema_command(
    write: Annotated[
        Path | None, typer.Option("--write", help="Write the schema files to this folder.")
    ] = None,
    check: Annotated[
        Path | None, typer.Option("--check", help="Exit 1 if the files here are out of date.")
    ] = None,
) -> None:
    """Print, write or check the JSON Schema of the output models.

    Example: summarize schema --write schemas/
    """
    if write is not None:
        for path in schema.write(write):
            err.print(f"wrote {path}", markup=False)
    elif check is not None:
        stale = schema.drift(check)
        if stale:
            _fail(
                f"{check}: out of date: {', '.join(stale)} (run: summarize schema --write {check})"
            )
        err.print(f"{check}: schemas up to date", markup=False)
    else:
        sys.stdout.write(
            json.dumps({k: json.loads(v) for k, v in schema.schemas().items()}, indent=2)
        )
        sys.stdout.write("\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Verified briefings of news articles and reports."""


def main() -> None:
    # instructor logs each failed attempt at ERROR; our one-line messages say what matters.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
