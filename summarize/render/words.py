"""Counts in words: "1 document", "2 documents", "0 stories"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`n` and the noun, singular for exactly one."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
