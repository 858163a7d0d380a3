"""Which updates a report may join: those whose dates lie within the join window of its.

Pure. A report dated on a day can join only an update with a source dated within
:data:`~tracker.analysis.timing.JOIN_WINDOW_DAYS` of that day, or one none of whose
sources is dated. Comparing each report with every update a story ever had would cost
more with every month the tracker runs; :class:`DayIndex` keeps, for each day, the
updates a report of that day may join, so a comparison looks at a handful of updates
however many the store holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.analysis.grouping import UpdateProfile
from tracker.analysis.timing import JOIN_WINDOW_DAYS

WINDOW = timedelta(days=JOIN_WINDOW_DAYS)


@dataclass
class DayIndex:
    """Update ids by the days a report may be dated to join them."""

    days: dict[date, set[str]] = field(default_factory=dict)
    spans: dict[str, tuple[date, date]] = field(default_factory=dict)
    undated: set[str] = field(default_factory=set)
    filed: dict[str, int] = field(default_factory=dict)
    """The order the updates were filed in (since last removed): the order a story's
    updates are kept in (:attr:`tracker.analysis.compare.Knowledge.updates`), which files
    each update as it opens it and removes it as it merges it away."""
    _filings: int = 0

    def place(self, profile: UpdateProfile) -> None:
        """File (or file again, once its dates moved) an update by its dates."""
        update_id = profile.update_id
        if update_id not in self.filed:
            self.filed[update_id] = self._filings
            self._filings += 1
        if profile.first is None or profile.last is None:
            self.undated.add(update_id)
            return
        self.undated.discard(update_id)
        low, high = profile.first - WINDOW, profile.last + WINDOW
        known = self.spans.get(update_id)
        if known == (low, high):
            return
        self.spans[update_id] = (low, high)
        for day in _days(low, high):
            if known is None or not known[0] <= day <= known[1]:
                self.days.setdefault(day, set()).add(update_id)

    def remove(self, update_id: str) -> None:
        self.filed.pop(update_id, None)
        self.undated.discard(update_id)
        span = self.spans.pop(update_id, None)
        if span is None:
            return
        for day in _days(*span):
            holders = self.days.get(day)
            if holders is not None:
                holders.discard(update_id)
                if not holders:
                    del self.days[day]

    def around(self, day: date) -> set[str]:
        """The updates a report dated ``day`` may join."""
        return self.days.get(day, set()) | self.undated

    def near(self, first: date, last: date) -> list[str]:
        """The updates an update dated from ``first`` to ``last`` may be one development
        with: those within the join window of one of its days, and the undated ones; in
        the order they were filed."""
        found = set(self.undated)
        for day in _days(first, last):
            found.update(self.days.get(day, ()))
        return sorted(found, key=self.filed.__getitem__)


def _days(low: date, high: date) -> Iterator[date]:
    for offset in range((high - low).days + 1):
        yield low + timedelta(days=offset)
