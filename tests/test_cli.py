"""The CLI end to end, in subprocesses, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCli

COMMANDS = ["brief", "run", "verify", "schema"]


def test_brief_prints_json_and_names_the_backend(run_cli: RunCli, seed_path: Path) -> None:
    proc = run_cli("brief", seed_path)
    assert proc.returncode == 0, proc.stderr
    briefing = json.loads(proc.stdout)
    assert "backend rules (no model)" in proc.stderr
    names = {s["name"] for c in briefing["claims"] for s in c["sources"]}
    assert {"NHK", "RBC-Ukraine"} <= names
    assert all(c["verification"]["verdict"] for c in briefing["claims"])


def test_brief_markdown(run_cli: RunCli, seed_path: Path) -> None:
    proc = run_cli("brief", seed_path, "--format", "md")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# ")
    assert "NHK (media, média japonais" in proc.stdout
    assert "upper\\_bound\\_number" in proc.stdout or "upper_bound_number" in proc.stdout
    # The evidence quote ends its line; the checks follow as list items of their own.
    evidence = [ln for ln in proc.stdout.splitlines() if ln.startswith("- Evidence [")]
    assert evidence and all(ln.endswith("”") for ln in evidence)


def test_brief_bad_file_is_one_line_no_traceback(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "image.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    proc = run_cli("brief", bad)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    [line] = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert str(bad) in line and ".png files are not supported" in line


def test_run_folder_writes_outputs_and_reports_failures(
    run_cli: RunCli, seed_path: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "seed.txt").write_bytes(seed_path.read_bytes())
    (docs / "sub" / "english.md").write_text(
        "# Drones\n\nRussia could host up to 25,000 North Korean workers, NHK reported.\n"
    )
    (docs / "empty.txt").write_bytes(b"")
    (docs / "archive.zip").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    out = tmp_path / "out"
    proc = run_cli("run", docs, "--out", out, "--jobs", "2")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "3 documents: 2 new, 0 skipped, 1 failed, 1 ignored" in proc.stderr
    assert f"{docs / 'empty.txt'}: empty file" in proc.stderr
    assert f"ignored {docs / 'archive.zip'}: not a document type (.zip" in proc.stderr
    briefing = json.loads((out / "seed.txt.json").read_text())
    assert briefing["document"]["sha256"]
    assert (out / "seed.txt.md").read_text().startswith("# ")
    english = json.loads((out / "sub" / "english.md.json").read_text())
    assert english["document"]["language"] == "en"
    assert not list(out.rglob("*.tmp"))


def test_run_succeeds_with_exit_zero(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("run", ROOT / "seeds", "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert "1 document: 1 new, 0 skipped, 0 failed" in proc.stderr


def test_run_missing_folder(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("run", tmp_path / "nope", "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert "no such file or folder" in proc.stderr


@pytest.mark.parametrize(
    ("statement", "check"),
    [
        (
            "La Russie pourrait accueillir jusqu’à 35 000 travailleurs nord-coréens.",
            "numbers_agree",
        ),
        ("La Russie va accueillir 25 000 travailleurs nord-coréens.", "certainty_kept"),
    ],
)
def test_verify_catches_changed_number_and_dropped_hedge(
    run_cli: RunCli, seed_path: Path, tmp_path: Path, statement: str, check: str
) -> None:
    quote = (
        "D’après des informations récentes du média japonais NHK, la Russie pourrait accueillir "
        "jusqu’à 25 000 travailleurs nord-coréens."
    )
    claims = tmp_path / "claims.json"
    claims.write_text(
        json.dumps(
            [
                {"statement": statement, "quote": quote, "sources": ["NHK"]},
                {"statement": statement},
            ],
            ensure_ascii=False,
        )
    )
    proc = run_cli("verify", seed_path, claims)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert len(results) == 2
    for result in results:
        assert result["verdict"] != "supported"
        failed = {c["name"] for c in result["checks"] if c["outcome"] == "failed"}
        assert check in failed
    assert results[0]["evidence"]["match"] == "exact"


def test_verify_accepts_a_briefing(run_cli: RunCli, seed_path: Path, tmp_path: Path) -> None:
    briefing = tmp_path / "b.json"
    briefing.write_text(run_cli("brief", seed_path).stdout)
    proc = run_cli("verify", seed_path, briefing, "--format", "md")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("· supported") >= 2
    assert "\n\n- ✓ quote found" in proc.stdout  # a blank line after the evidence paragraph


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"a": 1}', "expected a JSON list"), ("[42]", "claim 1")],
)
def test_verify_bad_claims_file(
    run_cli: RunCli, seed_path: Path, tmp_path: Path, content: str, message: str
) -> None:
    claims = tmp_path / "claims.json"
    claims.write_text(content)
    proc = run_cli("verify", seed_path, claims)
    assert proc.returncode == 1
    assert message in proc.stderr and str(claims) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_configuration_is_a_clear_error(run_cli: RunCli, seed_path: Path) -> None:
    proc = run_cli("brief", seed_path, SUMMARIZE_MAX_CLAIMS="lots")
    assert proc.returncode == 2
    assert "configuration: max_claims" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_env_file_is_read(run_cli: RunCli, seed_path: Path, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SUMMARIZE_MAX_CLAIMS=2\n")
    proc = run_cli("brief", seed_path, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["claims"]) == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run_cli: RunCli, command: str) -> None:
    proc = run_cli(command, "--help")
    assert proc.returncode == 0
    assert "Example: summarize " + command in " ".join(proc.stdout.split())


def test_schema_check_passes_on_the_committed_schemas(run_cli: RunCli) -> None:
    proc = run_cli("schema", "--check", ROOT / "schemas")
    assert proc.returncode == 0, proc.stderr
