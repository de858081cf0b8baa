"""`summarize schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from summarize import schema
from summarize.cli.app import app, fail, say


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
            say(f"wrote {path}")
    elif check is not None:
        stale = schema.drift(check)
        if stale:
            fail(
                f"{check}: out of date: {', '.join(stale)} (run: summarize schema --write {check})"
            )
        say(f"{check}: schemas up to date")
    else:
        combined = {k: json.loads(v) for k, v in schema.schemas().items()}
        sys.stdout.write(json.dumps(combined, indent=2) + "\n")
