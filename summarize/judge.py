"""`verify --judge`: a model's verdict on free claims that the deterministic checks leave open.

The verifier picks the evidence sentences; the model only reads them and answers through the
judge template, validated like everything else. Its verdict and reason become a check.
"""

from __future__ import annotations

from summarize.backends.openai.client import Accounting, InvalidOutputError, ModelClient
from summarize.backends.openai.schema import Judgement
from summarize.cache import ResponseCache, cache_key
from summarize.config import Settings
from summarize.models import Check, CheckName, Claim, Outcome, Usage, Verdict, Verification
from summarize.prompts import Prompts
from summarize.verifier import Verifier
from summarize.verifier.checks import content_stems

EVIDENCE_SENTENCES = 6


class Judge:
    """Asks the configured model about claims given without a quote."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = ModelClient(settings)
        self.prompts = Prompts(settings.prompts_dir)
        self.version = self.prompts.version("judge")
        self.cache = ResponseCache(settings.cache_path) if settings.cache else None
        self.accounting = Accounting()

    def needs_judging(self, claim: Claim, verification: Verification) -> bool:
        return (
            not (claim.quote and claim.quote.strip())
            and verification.verdict is not Verdict.supported
        )

    def judge(self, verifier: Verifier, claim: Claim, verification: Verification) -> Verification:
        index = verifier.index
        ranked = verifier.sentence_index.ranked(
            content_stems(claim.statement, index.language), EVIDENCE_SENTENCES
        )
        sentences = [index.sentences[i].slice(index.text) for i in sorted(ranked)]
        system = self.prompts.render("judge_system.j2")
        user = self.prompts.render("judge_user.j2", claim=claim.statement, sentences=sentences)
        key = cache_key(
            task="judge",
            endpoint=self.settings.base_url or "openai",
            model=self.settings.model,
            prompt=self.version,
            mode=self.settings.mode,
            payload=system + "\0" + user,
        )
        hit = self.cache.get(key) if self.cache else None
        if hit is not None:
            self.accounting.add(cache_hits=1)
            judgement = Judgement.model_validate_json(hit)
        else:
            try:
                judgement, _ = self.client.structured(
                    Judgement, system, user, None, self.accounting
                )
            except InvalidOutputError as exc:
                # No verdict rather than an unchecked one: the deterministic verdict stands.
                skipped = Check(
                    name=CheckName.model_judgement,
                    outcome=Outcome.skipped,
                    reason=f"{self.settings.model} gave no valid judgement: {exc.reason}",
                )
                return verification.model_copy(update={"checks": [*verification.checks, skipped]})
            if self.cache:
                self.cache.put(key, judgement.model_dump_json())
        check = Check(
            name=CheckName.model_judgement,
            outcome=Outcome.passed if judgement.verdict == "supported" else Outcome.failed,
            reason=f"{self.settings.model} judged it {judgement.verdict.replace('_', ' ')}: "
            f"{judgement.reason}",
        )
        return verification.model_copy(
            update={"verdict": Verdict(judgement.verdict), "checks": [*verification.checks, check]}
        )

    def usage(self) -> Usage:
        return self.accounting.usage(self.settings.model or "", self.settings.prices)
