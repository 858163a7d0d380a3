"""When: how far apart in time a report and an update, or two updates, are.

Pure. Used by :mod:`tracker.analysis.grouping`. Two reports more than
:data:`JOIN_WINDOW_DAYS` apart are of two developments; nearer, the closer the better
(:func:`date_factor`). An undated report may join, at :data:`UNDATED_FACTOR`, unless what
its text says of its day without a year (a :class:`~tracker.analysis.date_tokens.DayHint`:
"10 October", "on Monday") rules the update's days out (:func:`may_be_on`), and weighs
as a dated report when it names a day of the year near them.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import date, timedelta
from typing import Protocol

from tracker.analysis.date_tokens import DayHint

MONTH_REPORTED = timedelta(days=45)
"""A month's events and figures are reported within about six weeks of its end: customs
figures for a half-year or nine months come out five or six weeks after it."""

JOIN_WINDOW_DAYS = 7
"""No two reports more than a week apart are one development."""
WEEKDAY_SLACK_DAYS = 1
"""How far an update's days may lie from the weekday an undated report names ("on
Monday"): a report dated by its publication in UTC may be a day off its event's."""
PLANNED_DAYS = 183
"""How far ahead a month named alone may be planned (as :data:`tracker.analysis.dates.HISTORY`:
a date further ahead is a distant plan, never an event's)."""
UNDATED_FACTOR = 0.75
"""An undated report may join, but needs more agreement than a dated one."""


class Dated(Protocol):
    """What an update's sources say of when: the span of their dates, those dates'
    weekdays, and the day hints of the undated ones
    (:class:`~tracker.analysis.grouping.UpdateProfile`)."""

    @property
    def first(self) -> date | None: ...
    @property
    def last(self) -> date | None: ...
    @property
    def weekdays(self) -> Set[int]: ...
    @property
    def hints(self) -> Set[DayHint]: ...


def date_factor(day: date | None, update: Dated,
                hints: Iterable[DayHint] = (), *, since: date | None = None) -> float:
    """How far apart in time the article and the update's dates are, as a factor;
    ``hints``, what an undated article says of its day without a year; ``since``, the
    first day of the month a dated article's text names as its event's (the event lies
    from then to ``day``): within it, the update may be the event, as an undated
    report's that names the month may."""
    if update.first is None or update.last is None:
        return UNDATED_FACTOR
    if day is None:
        return _hinted_factor(hints, update.first, update.last)
    factor = _gap_factor(max((update.first - day).days, (day - update.last).days, 0))
    if since is not None and since <= update.last and update.first <= day:
        return max(factor, UNDATED_FACTOR)
    return factor


def _hinted_factor(hints: Iterable[DayHint], first: date, last: date) -> float:
    """An undated report's factor: as a dated one's when its text names a day of the
    year ("the clashes of 10 and 11 October") within a day or two of the update's, since
    only the year is unknown and the update gives it; :data:`UNDATED_FACTOR` otherwise
    (a weekday or a month says less)."""
    gaps = [hint.gap(first, last) for hint in hints if hint.day is not None]
    return max(UNDATED_FACTOR, min((_gap_factor(g) for g in gaps), default=0.0))


def _gap_factor(gap: int) -> float:
    """A week apart, two reports are of two events; within a day or two, as close as
    can be; in between, less the further apart."""
    if gap > JOIN_WINDOW_DAYS:
        return 0.0
    return 1.0 if gap <= 1 else 1.0 - 0.1 * gap


def interval_factor(update: Dated, other: Dated) -> float:
    """:func:`date_factor` between two updates' spans of dates."""
    if update.first is None or update.last is None:
        return date_factor(None, other, update.hints)
    if other.first is None or other.last is None:
        return date_factor(None, update, other.hints)
    return _gap_factor(max((other.first - update.last).days,
                           (update.first - other.last).days, 0))


def may_be_on(hint: DayHint, update: Dated) -> bool:
    """Whether the day an undated report names without its year ("10 October", "on
    Monday") may be one of the update's: a day of the year within the join window of
    its days, a weekday within :data:`WEEKDAY_SLACK_DAYS` of one of its days' (not of
    any day between its first and last: reports of two occasions may span a week)."""
    if update.first is None or update.last is None:
        return True
    return ((hint.gap(update.first, update.last) <= JOIN_WINDOW_DAYS
             or _planned(hint, update.last) or _reported(hint, update.first))
            and hint.weekday_gap(update.weekdays) <= WEEKDAY_SLACK_DAYS)


def _planned(hint: DayHint, last: date) -> bool:
    """Whether a month named alone may be the one the update's reports announce for what
    they plan ("wheat to be shipped in December", said in November): a month that begins
    after the update's last day, within :data:`PLANNED_DAYS` (a dated report takes such
    a month for a plan, not its day: :mod:`tracker.analysis.dates`)."""
    if hint.month is None or hint.day is not None:
        return False
    starts = (date(year, hint.month, 1) for year in (last.year, last.year + 1))
    return any(0 < (start - last).days <= PLANNED_DAYS for start in starts)


def _reported(hint: DayHint, first: date) -> bool:
    """Whether a month named alone may be the period the update's reports give figures
    for ("January–June 2026", released in August): a month that ends at most
    :data:`MONTH_REPORTED` before the update's first day, as a dated report's month
    does (:func:`tracker.analysis.evidence._month_holding`)."""
    if hint.month is None or hint.day is not None:
        return False
    ends = (date(year + hint.month // 12, hint.month % 12 + 1, 1)
            for year in (first.year - 1, first.year))
    return any(timedelta(0) <= first - end <= MONTH_REPORTED for end in ends)


def days_fit(update: Dated, other: Dated) -> bool:
    """Whether each update's dated days fit what the other's undated sources say of
    theirs: a report of "10 and 11 October" opens an undated update, which is not the
    development of late February however alike they read."""
    return (all(may_be_on(hint, other) for hint in update.hints)
            and all(may_be_on(hint, update) for hint in other.hints))
