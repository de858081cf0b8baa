"""A digest's day: a real calendar date written YYYY-MM-DD, since it names files and rows."""

from __future__ import annotations

import re
from datetime import date

from summarize.errors import ConfigError

_DAY = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


def valid_day(text: str) -> str:
    """`text` when it is a real YYYY-MM-DD date; ConfigError otherwise."""
    try:
        if _DAY.match(text):
            date.fromisoformat(text)
            return text
    except ValueError:
        pass
    raise ConfigError(f"{text!r} is not a date written YYYY-MM-DD (e.g. 2026-11-26)")
