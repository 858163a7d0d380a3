"""One article's texts are normalised by several readers: remember the last few.

The headline and lede of an article are folded, normalised and keyed by the concept,
name, place, date, quantity and ordinal readers in turn, each for its own reasons.
:func:`remembered` keeps the results for the last texts long enough for it to matter;
short strings (words, phrases of the tables) are computed again, cheaper than a lookup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

LONG = 48
"""Texts at least this long are remembered."""
TEXTS = 32
"""How many: the texts of one article, and a few of the one before."""


def remembered(function: Callable[[str], str]) -> Callable[[str], str]:
    """``function`` of a text, remembered for the last :data:`TEXTS` long texts."""
    cached = functools.lru_cache(maxsize=TEXTS)(function)

    @functools.wraps(function)
    def choose(text: str) -> str:
        return cached(text) if len(text) >= LONG else function(text)

    return choose
