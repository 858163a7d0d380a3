"""The pieces :mod:`tracker.analysis.date_candidates`, :mod:`tracker.analysis.numeric_dates`
and :mod:`tracker.analysis.day_words` read dates with: a candidate date, a folded text's
words, phrase look-up, and the year of a day and month printed without one.

Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from tracker.analysis.calendar_systems import (
    GREGORIAN,
    LUNAR_HIJRI,
    SOLAR_HIJRI,
    Month,
    to_gregorian,
    year_of,
)
from tracker.analysis.calendars import CalendarWords
from tracker.analysis.lexkey import TOKEN

FULL, NEAR, MONTH_ONLY, RECALLED = 0, 1, 2, 3
"""Ranks of a candidate: a full date, a day word, a month alone; and a month the text
only recalls ("last July"), never the event's date: "trade rose 30 percent compared with
last July" is news of now."""

# A date without a year may fall this far after the reference (time zones, embargoes).
FUTURE_SLACK = timedelta(days=2)
# A day and month fall on a given weekday about once in six or seven years, so a weekday
# printed beside a date without a year pins the year among the anchor's and the six before.
WEEKDAY_YEARS = 7
YEARS = {GREGORIAN: (1900, 2100), SOLAR_HIJRI: (1300, 1500), LUNAR_HIJRI: (1350, 1500)}
"""The years a printed year of each calendar may be."""

# What may stand between the parts of one date: "7. Oktober", "October 7, 2025",
# "7-oktabr", "أكتوبر/تشرين الأول", "d MMMM، y".
_GAP = re.compile(r"[\s.,،\-–—/'’ʼ]{0,4}")
_SPLIT = re.compile(f"({TOKEN.pattern})")
T = TypeVar("T")


@dataclass(frozen=True)
class DayHint:
    """What a date printed without a year still says when nothing gives its year (no
    publication date): the day of the year ("10 October"), the month ("in October") or
    the weekday ("on Monday"). The year is unknown, not the day: a report of "10 October"
    is of no development whose days are all in March."""

    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    """Monday 0."""

    def gap(self, first: date, last: date) -> int:
        """The fewest days between the span ``first``..``last`` and a day of the year
        (or the month) this allows, in any year; 0 when it names only a weekday."""
        if self.month is None:
            return 0
        spans = (_days_of(year, self.month, self.day)
                 for year in range(first.year - 1, last.year + 2))
        # 29 February in no year near the span: nothing to rule out.
        return min((max((first - end).days, (start - last).days, 0)
                    for start, end in filter(None, spans)), default=0)

    def weekday_gap(self, weekdays: Iterable[int]) -> int:
        """The fewest days between the weekday this names and any of ``weekdays``, before
        or after (Sunday and Monday are one day apart); 0 when it names none."""
        if self.weekday is None:
            return 0
        return min((min((w - self.weekday) % 7, (self.weekday - w) % 7) for w in weekdays),
                   default=0)


def _days_of(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    """The first and last day of the day (or the whole month, ``day`` None) in ``year``;
    None for 29 February in a common year."""
    if day is not None:
        try:
            value = date(year, month, day)
        except ValueError:
            return None
        return value, value
    start = date(year, month, 1)
    return start, (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class Candidate:
    """A date one text prints."""

    value: date
    precision: str
    anchored: bool
    """It rests on the reference date: no year printed (and no weekday beside the day
    and month to say it), a weekday alone, "yesterday"."""
    rank: int
    position: int
    weekday_at: int | None = None
    """Where the weekday that chose its year stands: part of this date, no day word."""
    weekday: int | None = None
    """The weekday a day word names ("on Wednesday"), Monday 0."""
    hint: DayHint | None = None
    """What it says without the anchor's year, when it rests on the anchor."""


class Tokens:
    """The words of a folded text and what stands between them.

    Built with one ``re.split`` (words and gaps alternate in ``parts``), since
    making an object per word cost more than all the reading.
    """

    __slots__ = ("parts", "words")

    def __init__(self, text: str) -> None:
        self.parts = _SPLIT.split(text)
        self.words: list[str] = self.parts[1::2]

    def joined(self, index: int) -> bool:
        """Whether word ``index`` and the next belong to one phrase ("7. Oktober")."""
        return _GAP.fullmatch(self.parts[2 * index + 2]) is not None

    def beside(self, index: int) -> bool:
        """Whether word ``index`` and the next are joined within one sentence."""
        gap = self.parts[2 * index + 2]
        return "." not in gap and _GAP.fullmatch(gap) is not None

    def glued(self, index: int) -> bool:
        """Whether word ``index`` and the next touch ("15th", "۱۵مه")."""
        return not self.parts[2 * index + 2]

    def glued_suffix(self, index: int) -> bool:
        """Whether word ``index`` takes a short suffix glued or hyphened to it ("7th",
        "14-nji")."""
        after = index + 1
        return (after < len(self.words) and self.parts[2 * index + 2] in ("", "-")
                and len(self.words[after]) <= 3 and not self.words[after].isdigit())

    def dotted(self, index: int) -> bool:
        """Whether a period follows word ``index`` ("out.", "окт.")."""
        return self.parts[2 * index + 2].startswith(".")

    def offset(self, index: int) -> int:
        return sum(len(part) for part in self.parts[: 2 * index + 1])


def lookup(texts: Sequence[str], index: int, table: Mapping[str, T], words: CalendarWords
           ) -> tuple[T, int] | None:
    """The table entry of the longest phrase starting at ``index``, with where it ends."""
    first = texts[index]
    if first in words.starts:
        for size in range(min(words.longest, len(texts) - index), 1, -1):
            phrase = " ".join(texts[index:index + size])
            if phrase in table:
                return table[phrase], index + size
    value = table.get(first)
    return (value, index + 1) if value is not None else None


def is_year(number: int) -> bool:
    """Whether a number is a Gregorian year a date may print."""
    low, high = YEARS[GREGORIAN]
    return low <= number <= high


def printed_day(calendar: str, year: int, month: int, day: int, position: int
                ) -> list[Candidate]:
    """A day printed with its year, in ``calendar``; none when the year is out of the
    calendar's range (:data:`YEARS`) or the day does not exist."""
    low, high = YEARS[calendar]
    value = to_gregorian(calendar, year, month, day) if low <= year <= high else None
    return [Candidate(value, "day", False, FULL, position)] if value else []


def anchored(month: Month, day: int, position: int, anchor: date | None,
              weekday: tuple[int, int] | None = None) -> list[Candidate]:
    """A day and month without a year: the year that puts it on or before the anchor,
    or the latest recent year in which it falls on the weekday printed beside it
    (``weekday``: its number and position; then the text, not the anchor, says the year)."""
    if anchor is None:
        return []
    if weekday is not None:
        pinned = next((value for value in recent(month, day, anchor, WEEKDAY_YEARS)
                       if value.weekday() == weekday[0]), None)
        if pinned is not None:
            return [Candidate(pinned, "day", False, FULL, position, weekday[1])]
    value = next(recent(month, day, anchor, 2), None)
    if value is None:
        return []
    return [Candidate(value, "day", True, FULL, position, hint=anchored_hint(month, value))]


def anchored_hint(month: Month, value: date) -> DayHint | None:
    """What a day whose year rests on the anchor still says: its Gregorian day of the
    year. A solar hijri day falls on the same Gregorian day every year, give or take one;
    a lunar one moves eleven days a year, so without its year it says nothing of the day."""
    return DayHint(value.month, value.day) if month.calendar != LUNAR_HIJRI else None


def recent(month: Month, day: int, anchor: date, years: int) -> Iterator[date]:
    """The day and month in the anchor's year and the ``years - 1`` before (in the
    month's calendar), latest first, where it is not after the anchor."""
    this_year = year_of(month.calendar, anchor)
    for year in range(this_year, this_year - years, -1):
        value = to_gregorian(month.calendar, year, month.number, day)
        if value is not None and value <= anchor + FUTURE_SLACK:
            yield value
