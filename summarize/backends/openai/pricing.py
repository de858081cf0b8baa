"""Estimated cost of a call: USD per million input and output tokens, by model name."""

from __future__ import annotations

# List prices when written; override or extend with SUMMARIZE_PRICES='{"model": [in, out]}'.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
}


def cost(
    model: str, tokens_in: int, tokens_out: int, prices: dict[str, tuple[float, float]]
) -> float:
    """Estimated USD; a model with no known price (e.g. a local one) costs 0."""
    table = {**DEFAULT_PRICES, **prices}
    price = table.get(model)
    if price is None:
        # "gpt-4o-mini-2024-07-18" takes the price of its longest known prefix.
        prefixes = [name for name in table if model.startswith(name)]
        price = table[max(prefixes, key=len)] if prefixes else (0.0, 0.0)
    return round((tokens_in * price[0] + tokens_out * price[1]) / 1e6, 6)
