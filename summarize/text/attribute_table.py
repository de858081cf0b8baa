"""spaCy's attribute ruler with its rules looked up in tables instead of matched.

The small pipelines' attribute ruler maps tags to parts of speech and fixes a few words' lemmas
with about two hundred patterns; spaCy's Matcher tries every pattern at every token, which cost
a third of the parse. Here each rule is filed under the values its first token must have (its
tag, its lowercase form, its dependency...), so that a token finds the rules that may apply to
it with a few dictionary lookups; only those are then tested in full. Rules apply exactly as
the ruler applies them: all matched on the parse's own values first, then set in pattern
order, so the annotations are the same (checked in the tests against the stock component).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

# The token attributes a rule may test, in the order of `_values`.
_ATTRIBUTES = ("TAG", "POS", "DEP", "LOWER", "ORTH", "IS_SPACE")


def _values(token: Token) -> tuple[object, ...]:
    return (token.tag_, token.pos_, token.dep_, token.lower_, token.text, token.is_space)


@dataclass(frozen=True, slots=True)
class _Test:
    """One attribute of one token: equal to a value, in or not in a set, or matching a regex."""

    at: int  # index into `_values`
    kind: str  # "=", "IN", "NOT_IN" or "REGEX"
    value: Any

    def passes(self, values: tuple[object, ...]) -> bool:
        got = values[self.at]
        if self.kind == "=":
            return bool(got == self.value)
        if self.kind == "IN":
            return got in self.value
        if self.kind == "NOT_IN":
            return got not in self.value
        return isinstance(got, str) and self.value.search(got) is not None


def _tests(spec: dict[str, Any]) -> list[_Test] | None:
    """The tests of one token's pattern, or None if it uses what the table does not read."""
    tests = []
    for key, value in spec.items():
        if key not in _ATTRIBUTES:
            return None
        at = _ATTRIBUTES.index(key)
        if isinstance(value, (str, bool)):
            tests.append(_Test(at, "=", value))
        elif isinstance(value, dict) and len(value) == 1:
            ((kind, operand),) = value.items()
            if kind in ("IN", "NOT_IN") and isinstance(operand, list):
                tests.append(_Test(at, kind, frozenset(operand)))
            elif kind == "REGEX" and isinstance(operand, str):
                tests.append(_Test(at, kind, re.compile(operand)))
            else:
                return None
        else:
            return None
    return tests


@dataclass(frozen=True, slots=True)
class _Rule:
    number: int  # the ruler's pattern number: later numbers win
    tokens: tuple[tuple[_Test, ...], ...]
    index: int  # which of the matched tokens gets the attributes


class AttributeTable:
    """Applies an `AttributeRuler`'s rules to a Doc, as the ruler would."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._attrs = ruler.attrs
        # For each set of attributes tested by value, the rules by the values they require of
        # a first token (an IN test files its rule under each of its values).
        tables: dict[tuple[int, ...], dict[object, list[_Rule]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for number, entry in enumerate(ruler.patterns):
            patterns: Any = entry["patterns"]
            for pattern in patterns:
                specs = [_tests(spec) for spec in pattern]
                if not specs or any(
                    s is None or "OP" in p for s, p in zip(specs, pattern, strict=True)
                ):
                    raise ValueError(f"attribute rule {number} is not a plain pattern: {pattern}")
                rule = _Rule(number, tuple(tuple(s or ()) for s in specs), ruler.indices[number])
                first = [t for t in rule.tokens[0] if t.kind in ("=", "IN")]
                keys = tuple(sorted({t.at for t in first}))
                choices = [
                    [
                        v
                        for t in first
                        if t.at == at
                        for v in ([t.value] if t.kind == "=" else t.value)
                    ]
                    for at in keys
                ]
                for values in itertools.product(*choices):
                    tables[keys][values if len(keys) != 1 else values[0]].append(rule)
        self._lookups: list[tuple[Callable[[Sequence[object]], Any], dict[object, list[_Rule]]]] = [
            (operator.itemgetter(*keys) if keys else (lambda _: ()), dict(table))
            for keys, table in tables.items()
        ]

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        values = [_values(token) for token in doc]
        matches: list[tuple[int, int, int]] = []  # (rule, start, token set)
        for start, first in enumerate(values):
            for key, table in self._lookups:
                for rule in table.get(key(first), ()):
                    end = start + len(rule.tokens)
                    if end <= len(values) and all(
                        test.passes(values[i])
                        for i, tests in zip(range(start, end), rule.tokens, strict=True)
                        for test in tests
                    ):
                        matches.append((rule.number, start, range(start, end)[rule.index]))
        # Later rules win, as in the ruler: sorted by rule, then position.
        matches.sort()
        for number, _, at in matches:
            set_token_attrs(doc[at], self._attrs[number])
        return doc
