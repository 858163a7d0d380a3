"""A character table applied by replacing only the characters a text holds.

Pure. ``str.translate`` looks every character of a text up; a text holds few of the
characters a normalisation table changes, so replacing each of those is several times
faster (:mod:`tracker.analysis.script` and :mod:`tracker.analysis.lexkey` normalise
every text the analysis reads). Where one replacement brings a character that is itself
replaced (ǿ → ø, ø → o), replacing one after another would change it twice: a text
holding such a character is translated in one pass, so the result is always the
translation's.

Which of the changed characters a text holds is found by a regular expression of those
in the Basic Multilingual Plane, which ``re`` keeps as a bitmap: one scan in C, where a
set of the text's characters made a string of each one outside Latin-1. A text with a
character beyond that plane (rare: emoji, historic scripts) is read character by
character as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
"""A character outside the Basic Multilingual Plane."""


def char_class(chars: Iterable[str]) -> re.Pattern[str]:
    """An expression that finds any one of ``chars`` (never matches for none), with
    runs of consecutive characters written as ranges."""
    runs: list[list[int]] = []
    for code in sorted(set(map(ord, chars))):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    if not runs:
        return re.compile("(?!)")
    return re.compile("[" + "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in runs) + "]")


def beyond_bmp(text: str) -> bool:
    """Whether ``text`` has a character outside the Basic Multilingual Plane."""
    return _BEYOND_BMP.search(text) is not None


@dataclass(frozen=True)
class CharTable:
    table: Mapping[int, str | None]
    """The ``str.translate`` table."""
    changes: Mapping[str, str]
    """Each character the table changes, and what it becomes ("" when dropped)."""
    chained: frozenset[str]
    """The characters whose replacement holds a character that is itself replaced."""
    _in_bmp: re.Pattern[str] = field(default=re.compile("(?!)"), repr=False, compare=False)
    """Finds the changed characters of the Basic Multilingual Plane."""
    _beyond: bool = field(default=False, repr=False, compare=False)
    """Whether the table changes characters beyond that plane."""

    @classmethod
    def of(cls, table: Mapping[int, str | None]) -> CharTable:
        changes = {chr(code): value or "" for code, value in table.items()
                   if value != chr(code)}
        chained = frozenset(k for k, value in changes.items()
                            if any(c in changes for c in value))
        return cls(table, changes, chained, char_class(c for c in changes if c < "\U00010000"),
                   any(c >= "\U00010000" for c in changes))

    def apply(self, text: str) -> str:
        """``text.translate(self.table)``."""
        if self._beyond and beyond_bmp(text):
            present: set[str] = self.changes.keys() & set(text)
        else:
            present = set(self._in_bmp.findall(text))
        if not present:
            return text
        if not self.chained.isdisjoint(present):
            return text.translate(self.table)
        for char in present:
            text = text.replace(char, self.changes[char])
        return text
