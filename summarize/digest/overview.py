"""The optional model-written paragraph on top of a digest, held to the digest's own facts."""

from __future__ import annotations

from summarize.backends.openai.client import Accounting, InvalidOutputError, ModelClient
from summarize.backends.openai.schema import Overview
from summarize.config import Settings
from summarize.models import Digest, DigestProvenance
from summarize.prompts import Prompts
from summarize.text.numbers import NumberMention, find_numbers


def with_overview(digest: Digest, settings: Settings) -> Digest:
    """The digest with a paragraph from the configured model; its numbers must be the claims'."""
    prompts = Prompts(settings.prompts_dir)
    system = prompts.render("digest_system.j2", date=digest.date)
    user = prompts.render(
        "digest_user.j2",
        groups=digest.groups,
        stories=digest.top_stories,
        contradictions=digest.contradictions,
    )
    numbers: list[NumberMention] = [
        n for g in digest.groups for c in g.claims for n in find_numbers(c.statement)
    ] + [n for s in digest.top_stories for n in find_numbers(s.headline + " " + s.summary)]
    accounting = Accounting()
    try:
        overview, _ = ModelClient(settings).structured(
            Overview, system, user, {"numbers": numbers}, accounting
        )
        update: dict[str, object] = {"overview": overview.paragraph}
    except InvalidOutputError as exc:
        # Never published unchecked: a paragraph that still fails validation is left out.
        update = {"warnings": [*digest.warnings, f"overview dropped: {exc.reason}"]}
    provenance = DigestProvenance(
        summarize_version=digest.provenance.summarize_version,
        backend="openai",
        model=settings.model,
        seconds=digest.provenance.seconds + accounting.seconds,
        usage=accounting.usage(settings.model or "", settings.prices),
    )
    return digest.model_copy(update={**update, "provenance": provenance})
