"""The JSON Schema files in `schemas/` must match the models."""

from __future__ import annotations

import json
from pathlib import Path

from summarize import schema
from tests.conftest import ROOT


def test_committed_schemas_match_the_models() -> None:
    stale = schema.drift(ROOT / "schemas")
    assert not stale, f"run `summarize schema --write schemas/`: {stale} out of date"


def test_drift_is_detected(tmp_path: Path) -> None:
    schema.write(tmp_path)
    assert schema.drift(tmp_path) == []
    path = tmp_path / "briefing.schema.json"
    data = json.loads(path.read_text())
    data["properties"].pop("headline")
    path.write_text(json.dumps(data))
    assert schema.drift(tmp_path) == ["briefing.schema.json"]


def test_a_briefing_validates_against_its_schema(seed_path: Path) -> None:
    import jsonschema

    import summarize

    briefing = json.loads(summarize.brief(seed_path).model_dump_json())
    jsonschema.validate(
        briefing, json.loads((ROOT / "schemas" / "briefing.schema.json").read_text())
    )
