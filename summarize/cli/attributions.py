"""`summarize attributions FILE`: who said what in one document."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from summarize.cli.app import DocumentArgument, app, fail, settings_from, source_name
from summarize.errors import SummarizeError, about, shown


@app.command()
def attributions(
    file: DocumentArgument,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object a line instead of text.")
    ] = False,
) -> None:
    """Print each attribution: source (kind, descriptor), cue and content, with offsets.

    Example: summarize attributions seeds/000_56b9f2641f4315ea.txt
    """
    from summarize import api  # here, not at import: the CLI starts faster

    settings = settings_from()
    try:
        document = api.load(file, settings)
        found = api.attributions(document.text, document.meta.language)
    except SummarizeError as exc:
        fail(about(source_name(file), exc))
    out = sys.stdout
    for a in found:
        if as_json:
            out.write(json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n")
            continue
        who = "(implicit)" if a.source is None else shown(a.name or a.source.text)
        kind = ""
        if a.kind is not None:
            kind = f" ({a.kind.value}" + (f", {shown(a.descriptor)}" if a.descriptor else "") + ")"
        where = f"[{a.content.start}, {a.content.end})"
        out.write(f"{who}{kind} · {shown(a.cue.text)} · {where} {shown(a.content.text)}\n")
