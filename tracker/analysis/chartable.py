"""A character table applied by replacing only the characters a text holds.

Pure. ``str.translate`` looks every character of a text up; a text holds few of the
characters a normalisation table changes, so replacing each of those is several times
faster (:mod:`tracker.analysis.script` and :mod:`tracker.analysis.lexkey` normalise
every text the analysis reads). Where one replacement brings a character that is itself
replaced (ǿ → ø, ø → o), replacing one after another would change it twice: a text
holding such a character is translated in one pass, so the result is always the
translation's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class CharTable:
    table: Mapping[int, str | None]
    """The ``str.translate`` table."""
    changes: Mapping[str, str]
    """Each character the table changes, and what it becomes ("" when dropped)."""
    chained: frozenset[str]
    """The characters whose replacement holds a character that is itself replaced."""

    @classmethod
    def of(cls, table: Mapping[int, str | None]) -> CharTable:
        changes = {chr(code): value or "" for code, value in table.items()
                   if value != chr(code)}
        chained = frozenset(k for k, value in changes.items()
                            if any(c in changes for c in value))
        return cls(table, changes, chained)

    def apply(self, text: str) -> str:
        """``text.translate(self.table)``."""
        present = set(text)
        if not self.chained.isdisjoint(present):
            return text.translate(self.table)
        for char in self.changes.keys() & present:
            text = text.replace(char, self.changes[char])
        return text
