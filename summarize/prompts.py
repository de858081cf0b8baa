"""Prompt templates: Jinja2 files, strictly rendered; a task's version is its templates' hash."""

from __future__ import annotations

import hashlib
from functools import cached_property
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from summarize.errors import ConfigError

TASKS = {
    "briefing": ("briefing_system.j2", "briefing_user.j2", "merge_system.j2", "merge_user.j2"),
    "judge": ("judge_system.j2", "judge_user.j2"),
    "digest": ("digest_system.j2", "digest_user.j2"),
}


def default_folder() -> Path:
    """The templates shipped with summarize: inside the wheel, or `prompts/` in a checkout."""
    shipped = Path(str(resources.files("summarize") / "prompts"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "prompts"


class Prompts:
    """The templates of one folder (yours via `--prompts DIR`, or the shipped ones)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        needed = sorted({name for names in TASKS.values() for name in names})
        missing = [n for n in needed if not (self.folder / n).is_file()]
        if missing:
            raise ConfigError(f"{self.folder}: missing prompt templates: {', '.join(missing)}")
        self._env = Environment(
            loader=FileSystemLoader(str(self.folder)),
            undefined=StrictUndefined,
            autoescape=False,  # prompts are plain text for a model, not HTML
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

    def render(self, name: str, **values: object) -> str:
        try:
            return self._env.get_template(name).render(**values).strip()
        except TemplateError as exc:
            raise ConfigError(f"{self.folder / name}: {exc}") from None

    @cached_property
    def versions(self) -> dict[str, str]:
        out = {}
        for task, names in TASKS.items():
            digest = hashlib.sha256()
            for name in names:
                digest.update(name.encode() + b"\0" + (self.folder / name).read_bytes() + b"\0")
            out[task] = f"{task}-{digest.hexdigest()[:12]}"
        return out

    def version(self, task: str) -> str:
        """The content hash of a task's templates, recorded in every briefing."""
        return self.versions[task]
