"""`summarize verify SOURCE CLAIMS.json`."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from summarize._version import __version__
from summarize.cli.app import (
    EXIT_FAILED,
    EXIT_USAGE,
    BaseUrlOption,
    DocumentArgument,
    Format,
    FormatOption,
    ModelOption,
    ModeOption,
    NoCacheOption,
    PromptsOption,
    app,
    fail,
    say,
    settings_from,
    source_name,
)
from summarize.errors import ClaimsInputError, SummarizeError


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


class FailOn(StrEnum):
    unsupported = "unsupported"
    partially_supported = "partially_supported"


FAIL_ON = {
    FailOn.unsupported: {"unsupported", "quote_not_found"},
    FailOn.partially_supported: {"unsupported", "quote_not_found", "partially_supported"},
}


@app.command()
def verify(
    source: DocumentArgument,
    claims: Annotated[
        Path,
        typer.Argument(
            help="JSON list of claims: strings, or objects with statement and optional quote, "
            "sources, certainty; a briefing JSON works too.",
            readable=False,
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
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when any claim is this bad or worse (partially_supported counts "
            "unsupported and quote_not_found too).",
        ),
    ] = None,
) -> None:
    """Check claims from anywhere (another model's summary, notes) against a source text.

    Example: summarize verify seeds/000_56b9f2641f4315ea.txt claims.json --format md
    """
    from summarize import api  # here, not at import: the CLI starts faster
    from summarize.render import verifications_html, verifications_json, verifications_markdown

    settings = settings_from(
        model=model, base_url=base_url, mode=mode, prompts_dir=prompts, no_cache=no_cache
    )
    if judge and not settings.model:
        fail("--judge needs a model: set SUMMARIZE_MODEL or --model", EXIT_USAGE)
    judged_by = f"judge model {settings.model}" if judge else "no model"
    say(f"summarize {__version__} · verifier ({judged_by})")
    try:
        document = api.load(source, settings)
        items = api.as_claims(_read_claims(claims), origin=str(claims))
        results = api.verify(document, items, settings=settings, judge=judge)
    except SummarizeError as exc:
        fail(str(exc))
    if fmt is Format.json:
        sys.stdout.write(verifications_json(results))
    elif fmt is Format.md:
        sys.stdout.write(verifications_markdown(results, source_name(source)))
    else:
        statements = {c.id: c.statement for c in items}
        sys.stdout.write(
            verifications_html(results, document.text, source_name(source), statements)
        )
    bad = FAIL_ON[fail_on] if fail_on else set()
    if any(r.verdict.value in bad for r in results):
        raise typer.Exit(EXIT_FAILED)
