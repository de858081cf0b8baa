"""JSON Schema of the public output models, written to `schemas/` and checked for drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from summarize.models import Briefing, Claim, Digest, Verification

_MODELS: dict[str, TypeAdapter[Any]] = {
    "briefing": TypeAdapter(Briefing),
    "digest": TypeAdapter(Digest),
    "claims": TypeAdapter(list[Claim]),
    "verifications": TypeAdapter(list[Verification]),
}


def schemas() -> dict[str, str]:
    """File name to schema text for each public model."""
    return {
        f"{name}.schema.json": json.dumps(adapter.json_schema(), indent=2, ensure_ascii=False)
        + "\n"
        for name, adapter in _MODELS.items()
    }


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def drift(folder: Path) -> list[str]:
    """Names of schema files in `folder` that are missing or differ from the models."""
    return [
        name
        for name, text in schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
