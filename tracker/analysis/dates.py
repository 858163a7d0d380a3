"""When did it happen? Event dates from the text of a news item, in many languages.

News ledes date their event in many ways: "on Thursday", "September 5", "15 января",
"am 7. Oktober", "7 de octubre de 2025", "7-oktabr", "10月7日", "١٥ أكتوبر/تشرين الأول",
"۱۵ میزان ۱۴۰۴" (solar hijri, as Afghan media print it), "١٥ ربيع الأول ١٤٤٧ هـ"
(lunar hijri), "2025-10-07", "07.10.2025", "вчера", "دیروز". The words come from CLDR
(see :mod:`tracker.analysis.calendars`); text is compared through
:func:`tracker.analysis.lexkey.key`, so Persian, Arabic-Indic and Devanagari digits and
Arabic-script letter variants meet their table spelling.

:func:`event_date` takes the dates of the first of its texts (headline, then lede) that
gives one and resolves a date without a year against the reference date (when the item
was published), choosing the year that puts the event on or just before that date;
a weekday printed beside it ("Friday, October 4", "جمعه، ۱۳ میزان") says the year
instead (the latest recent one in which the day falls on that weekday), and the date
then counts as printed, not inferred. A full date beats a weekday or "yesterday",
which beats a month alone; within a rank the first mention wins. A date far before
the reference ("since August 2021", "on 15 August 2021") is history told for context,
and one far after it ("by December 2030"), or a month yet to begin ("in February"), a
plan: neither is the event date. In an item with no publication date, a date without
its year is neither: its year is only a guess from when the item was seen, so its day
and month (the ``hint``) are what it says, and the same item read a year later tells
the same. Bare years are ignored.

dateparser is not used: measured on this machine, ``search_dates`` took 16-28 ms per
lede (2.8 s on its first call) and misread "on 7 October 2025" as 10 July and
"۱۵ میزان ۱۴۰۴" as the Gregorian year 1404; even ``parse`` on a short span with its
language given took about 0.9 ms, the whole budget of one article's analysis.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.analysis.ago import recalled_ago
from tracker.analysis.buddhist_era import gregorian_years
from tracker.analysis.date_candidates import candidates
from tracker.analysis.date_tokens import RECALLED, Candidate, DayHint
from tracker.analysis.seasons import recalled_seasons

# A date more than this before the reference is history, not the event; more than
# this after it, a distant plan.
HISTORY = timedelta(days=183)
RECENT_ARTICLES = 256
"""How many articles' dates are remembered: a poll of a large feed's relevant ones."""


@dataclass(frozen=True)
class EventDate:
    value: date
    precision: str
    """``day`` or ``month``."""
    source: str
    """``text`` when the item says it, ``published`` when it is the publication date,
    ``seen`` when it rests only on when the tracker first saw the item (no date printed):
    good enough to show, too weak to contradict a known fact's date."""
    hint: DayHint | None = None
    """For a ``seen`` date the text printed without a year: the day, month or weekday
    it still says (the year, and so the date, rests on when the item was seen)."""

    def iso(self) -> str:
        return self.value.isoformat() if self.precision == "day" else self.value.isoformat()[:7]


def event_date(texts: list[str], reference: date | None, *, seen: date | None = None
               ) -> EventDate | None:
    """The event date of the first of ``texts`` (title, lede, ...) that gives one.

    ``reference`` is the publication date. Without one, ``seen`` (when the item was
    first seen) stands in, and the dates that rest on it are marked ``seen``; with
    neither, dates that lack a year cannot be placed and are skipped.
    """
    return dates_of(texts, reference, seen=seen)[0]


def dates_of(texts: list[str], reference: date | None, *, seen: date | None = None
             ) -> tuple[EventDate | None, tuple[EventDate, ...]]:
    """The event date (see :func:`event_date`) and every date the texts print with its
    year, history included: what a report recalls ("recognised in July 2025") says
    which known events it is about."""
    return _dates_of(tuple(texts), reference, seen)


@functools.lru_cache(maxsize=RECENT_ARTICLES)
def _dates_of(texts: tuple[str, ...], reference: date | None, seen: date | None
              ) -> tuple[EventDate | None, tuple[EventDate, ...]]:
    # Remembered: a poll dates its relevant articles to analyse them in the order their
    # events happened, then reads each one's evidence, dates included.
    anchor = reference or seen
    found: Candidate | None = None
    printed: list[EventDate] = []
    for text in map(gregorian_years, texts):  # Thai years of the Buddhist era
        printed_here = candidates(text, anchor, published=reference is not None)
        # A date without its year in an item that gives no publication date is never
        # history: the year is only a guess from when the item was seen, which may be
        # long after it was written.
        printed += [EventDate(c.value, c.precision, "text") for c in printed_here
                    if not c.anchored or (reference is not None and _is_history(c, anchor))]
        # "Last summer", "a year ago": when something the report recalls happened, never
        # its event.
        counted_back = recalled_ago(text, reference)
        printed += [EventDate(d, "month", "text") for d in
                    (*recalled_seasons(text, reference), *counted_back)]
        if counted_back:
            # "A year ago today", "heute vor einem Jahr": the day it counts back from,
            # the day it was written, is no event it tells of.
            printed_here = [c for c in printed_here
                            if not (c.anchored and c.value == anchor)]
        if found is None:
            found = _best(printed_here, anchor, dated=reference is not None)
    if found is not None:
        if found.anchored and reference is None:
            return EventDate(found.value, found.precision, "seen", found.hint), tuple(printed)
        if reference is None and found.precision == "month" and seen is not None:
            # "In February 2027", in an item that prints no publication date: a month
            # past or planned ("will meet in February 2027"), which only the day it was
            # written would tell; the day it was seen tells nothing of it. The month is
            # what the report says of its day, as a yearless date's is.
            return EventDate(seen, "day", "seen", DayHint(found.value.month)), tuple(printed)
        if found.anchored and found.value == reference:
            # "Today", "bis heute", "一年前的今天", "نن یو کال پوره شو", the weekday or the
            # yearless day of publication: the publication day, counted from it, says
            # when the report was written, no more than its date does.
            return EventDate(reference, "day", "published"), tuple(printed)
        return EventDate(found.value, found.precision, "text"), tuple(printed)
    if reference is not None:
        return EventDate(reference, "day", "published"), tuple(printed)
    if seen is not None:
        return EventDate(seen, "day", "seen"), tuple(printed)
    return None, tuple(printed)


def _best(candidates: Sequence[Candidate], anchor: date | None, *, dated: bool = True
          ) -> Candidate | None:
    # "Friday, 13 Mizan" in an item with no publication date: the weekday says which year,
    # and nothing says the item was written lately, so an old date is its event's. So is
    # the latest day it prints with its year ("۲۱ عقرب ۱۴۰۴", "12 November 2025"): an
    # undated item may be seen long after it was written, and history it recalls comes
    # before the day it tells of (a day after the item was seen is a plan).
    latest = None if dated else max(
        (c.value for c in candidates if not c.anchored and c.precision == "day"
         and (anchor is None or c.value <= anchor)), default=None)
    current = [c for c in candidates
               if c.rank != RECALLED and not (dated and _is_plan(c, anchor)) and (
                   not _is_far(c, anchor) or (not dated and (
                       c.anchored or c.weekday_at is not None or c.value == latest)))]
    return min(current, key=lambda c: (c.rank, c.position)) if current else None


def _is_plan(candidate: Candidate, anchor: date | None) -> bool:
    """A month named alone that begins after the report was written:
    the month of what it announces ("the next round will be held in February 2027"),
    not when what it reports happened. A day ahead ("talks set for 11 March") is the
    occasion's own day, which its reports share; a month says no day to share."""
    return (anchor is not None and candidate.precision == "month"
            and candidate.value > anchor)


def _is_history(candidate: Candidate, anchor: date | None) -> bool:
    """A date without its year that lies long before the anchor ("в июле" in a February
    report): history the report recalls, as a dated one would be."""
    return anchor is not None and candidate.value < anchor and _is_far(candidate, anchor)


def _is_far(candidate: Candidate, anchor: date | None) -> bool:
    """History ("since August 2021") or a distant plan ("by December 2030")."""
    if anchor is None:
        return False
    last_day = candidate.value
    if candidate.precision == "month":
        last_day = (last_day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return last_day < anchor - HISTORY or candidate.value > anchor + HISTORY
