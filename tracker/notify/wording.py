"""Words for counts, so that text reads "1 outlet" and "2 outlets", never "outlet(s)"."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 outlet``, ``2 outlets``; ``nouns`` for an irregular plural."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
