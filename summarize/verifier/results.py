"""What a check returns: its public `Check` and how much a failure weighs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from summarize.models import Check, CheckName, Outcome


class Severity(IntEnum):
    """ok; minor: overstates or loses context (a dropped hedge, a source named elsewhere);
    major: contradicts the text (another number, a name the text never gives)."""

    ok = 0
    minor = 1
    major = 2


@dataclass(frozen=True, slots=True)
class Result:
    check: Check
    severity: Severity
    contradicts: bool = False  # the claim says the opposite of its evidence in one place


def result(name: CheckName, severity: Severity, reason: str) -> Result:
    outcome = Outcome.passed if severity is Severity.ok else Outcome.failed
    return Result(Check(name=name, outcome=outcome, reason=reason), severity)


def skipped(name: CheckName, reason: str) -> Result:
    return Result(Check(name=name, outcome=Outcome.skipped, reason=reason), Severity.ok)


def contradiction(name: CheckName, reason: str) -> Result:
    """A major failure where the claim puts another direction, role, time, polarity, number or
    name in the place of the evidence's: what lowers even a free claim's score."""
    return Result(Check(name=name, outcome=Outcome.failed, reason=reason), Severity.major, True)
