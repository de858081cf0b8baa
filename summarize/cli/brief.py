"""`summarize brief FILE`."""

from __future__ import annotations

import sys

from summarize.cli.app import (
    BackendOption,
    BaseUrlOption,
    DocumentArgument,
    Format,
    FormatOption,
    MaxClaims,
    ModelOption,
    ModeOption,
    NoCacheOption,
    PromptsOption,
    app,
    backend_from,
    fail,
    settings_from,
    source_name,
)
from summarize.errors import SummarizeError, about


@app.command()
def brief(
    file: DocumentArgument,
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
    (or a URL: summarize brief https://example.org/article; or stdin: ... | summarize brief -)
    """
    from summarize import api  # here, not at import: the CLI starts faster
    from summarize.render import briefing_html, briefing_json, briefing_markdown

    settings = settings_from(
        max_claims=max_claims,
        backend=backend,
        model=model,
        base_url=base_url,
        mode=mode,
        prompts_dir=prompts,
        no_cache=no_cache,
    )
    chosen = backend_from(settings)
    try:
        document = api.load(file, settings)
        briefing = api.brief(document, settings=settings, backend=chosen)
    except SummarizeError as exc:
        fail(about(source_name(file), exc))
    if fmt is Format.json:
        sys.stdout.write(briefing_json(briefing))
    elif fmt is Format.md:
        sys.stdout.write(briefing_markdown(briefing))
    else:
        sys.stdout.write(briefing_html(briefing, document.text))
