"""The Typer app, shared options, and the one place errors become messages and exit codes."""

from __future__ import annotations

import logging
import os
import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError
from rich.console import Console

from summarize import interrupts
from summarize._version import __version__
from summarize.backends import Backend, get_backend
from summarize.config import Settings
from summarize.errors import RunInterruptedError, SummarizeError, Terminated
from summarize.models import Usage

app = typer.Typer(
    help="Verified briefings of news articles and reports. A backend drafts a summary and "
    "claims; a deterministic verifier checks every claim against the source text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and one-line usage errors, for logs and terminals alike
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 75  # EX_TEMPFAIL: cron and systemd read it as "try again later"


class Format(StrEnum):
    json = "json"
    md = "md"
    html = "html"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


class BackendChoice(StrEnum):
    auto = "auto"
    rules = "rules"
    openai = "openai"
    local = "local"


class ModeChoice(StrEnum):
    tools = "tools"
    json = "json"
    json_schema = "json_schema"


MaxClaims = Annotated[
    int | None,
    typer.Option("--max-claims", help="Most claims per briefing.", min=1, metavar="N"),
]
DocumentArgument = Annotated[
    str,
    typer.Argument(
        help="A file (.txt, .md, .html or .pdf), an http(s) URL, or - for standard input.",
        metavar="DOCUMENT",
    ),
]


def source_name(source: str) -> str:
    """A document argument as it may be printed: a URL's secrets masked, "-" as stdin."""
    from summarize.errors import shown
    from summarize.web.urls import is_url, shown_url

    if source == "-":
        return "stdin"
    return shown_url(source) if is_url(source) else shown(source)


BackendOption = Annotated[
    BackendChoice | None,
    typer.Option(
        "--backend",
        help="auto is openai when a model is set, else rules; local runs a GGUF model here.",
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="Model name (selects the openai backend), or local:PATH.gguf (the local one).",
        metavar="NAME",
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible endpoint (Ollama, vLLM...).", metavar="URL"),
]
ModeOption = Annotated[
    ModeChoice | None,
    typer.Option("--mode", help="How the model returns structure (json_schema: no tools)."),
]
PromptsOption = Annotated[
    Path | None,
    typer.Option("--prompts", help="Folder with your own prompt templates.", metavar="DIR"),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Ask the model again even for unchanged input.")
]


def say(message: str) -> None:
    if err.is_terminal:
        err.print(message, markup=False)
    else:
        # Plain lines for logs: rich measures and wraps each one, which a 1,000-line run feels.
        sys.stderr.write(message + "\n")


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(code)


def settings_from(**overrides: Any) -> Settings:
    """Environment and `.env`, then the given options; a bad value is a one-line error."""
    if overrides.pop("no_cache", False):
        overrides["cache"] = False
    overrides = {k: v.value if isinstance(v, StrEnum) else v for k, v in overrides.items()}
    try:
        return Settings().with_overrides(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        fail(f"configuration: {where}: {first['msg']}", EXIT_USAGE)
    except SettingsError as exc:  # a value the environment gives that is not even JSON
        fail(f"configuration: {str(exc).splitlines()[0]}", EXIT_USAGE)


def backend_from(settings: Settings) -> Backend:
    """The configured backend, announced on stderr with its model and prompt version."""
    try:
        backend = get_backend(settings)
    except SummarizeError as exc:
        fail(str(exc), EXIT_USAGE)
    model = f"model {backend.model}" if backend.model else "no model"
    say(f"summarize {__version__} · backend {backend.name} ({model}) · {backend.prompt_version}")
    return backend


def usage_line(usage: Usage) -> str:
    return (
        f"{usage.calls} model calls, {usage.retries} retries, {usage.reasks} reasks, "
        f"{usage.cache_hits} cached, "
        f"{usage.tokens_in} tokens in, {usage.tokens_out} out, ${usage.cost_usd:.4f}"
    )


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


def interrupted(exc: RunInterruptedError) -> NoReturn:
    """Say what an interrupted run did and leave at once, with the shell's code (130, 143).

    os._exit: a model call still in flight on a worker thread would otherwise hold the exit
    until its deadline; everything done is already committed and written.
    """
    say(str(exc))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(128 + exc.signal_number)


def main() -> None:
    # instructor logs each failed attempt at ERROR; our one-line messages say what matters.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    interrupts.install()
    try:
        app()
    except KeyboardInterrupt as exc:
        say("interrupted")
        sys.exit(128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT))
