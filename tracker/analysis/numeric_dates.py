"""Dates printed in numbers, and Chinese, Japanese and Korean dates with their counters.

Pure. Part of :mod:`tracker.analysis.date_candidates`: "2025-10-07", "07.10.2025",
"1404/07/15" (a hijri year says its calendar), "2025年7月3日", "2025년 7월", "阿洪德20日接见"
(a day of the current month), "去年7月" (a month of last year). The quantity reader
leaves these spans alone (:data:`DATE_PATTERNS`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, timedelta

from tracker.analysis.calendar_systems import (
    GREGORIAN,
    Month,
    hijri_calendar_of_year,
    to_gregorian,
)
from tracker.analysis.calendars import CalendarWords
from tracker.analysis.date_tokens import (
    FULL,
    FUTURE_SLACK,
    MONTH_ONLY,
    Candidate,
    DayHint,
    anchored,
    is_year,
    printed_day,
)

_NUMERIC_HINT = re.compile(r"\d[-/.]\d")
_YMD = re.compile(r"\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})([-/.])(\d{1,2})\2(\d{4})\b")
# Chinese, Japanese and Korean write a date with a counter after each number. Text is
# read keyed (lexkey.key: NFKD), which spells a Hangul syllable as its letters (jamo).
_HANGUL_YEAR, _HANGUL_MONTH, _HANGUL_DAY = (unicodedata.normalize("NFKD", c) for c in "년월일")
_YEAR_MARK = f"(?:年|{_HANGUL_YEAR})"
_MONTH_MARK = f"(?:月|{_HANGUL_MONTH})"
_DAY_MARK = f"(?:[日号號]|{_HANGUL_DAY})"
_CJK = re.compile(rf"(?:(\d{{4}})\s*{_YEAR_MARK}\s*)?(\d{{1,2}})\s*{_MONTH_MARK}\s*(\d{{1,2}})\s*"
                  rf"{_DAY_MARK}")
# A year and month without a day: "2025年7月", "2025년 7월".
_CJK_MONTH = re.compile(rf"(\d{{4}})\s*{_YEAR_MARK}\s*(\d{{1,2}})\s*{_MONTH_MARK}"
                        rf"(?!\s*\d{{1,2}}\s*{_DAY_MARK})")
# Chinese news names a day of the current month by its number alone: "阿洪德20日接见".
# "本月13日" (the 13th of this month) is one; "7月13日" is the _CJK date's day.
_CJK_DAY = re.compile(rf"(?<!\d)(?<!\d月)(?<!{_HANGUL_MONTH})(?<!{_HANGUL_MONTH}\s)(\d{{1,2}})\s*"
                      rf"{_DAY_MARK}(?![本元])")
MONTH_MARKS = ("月", _HANGUL_MONTH)
_DAY_MARKS = ("日", "号", "號", _HANGUL_DAY)
CJK_MARKS = ("年", _HANGUL_YEAR, *MONTH_MARKS, *_DAY_MARKS)
"""What follows a number of a date in Chinese, Japanese and Korean, keyed."""
DATE_PATTERNS = ((_YMD, ("-", "/", ".")), (_DMY, ("-", "/", ".")), (_CJK, MONTH_MARKS),
                 (_CJK_DAY, _DAY_MARKS))
"""Numeric dates, which the quantity reader leaves alone, each with the characters
without which it cannot match (a cheap test before a slow scan)."""


def numeric(text: str, anchor: date | None) -> list[Candidate]:
    found: list[Candidate] = []
    if _NUMERIC_HINT.search(text) is not None:  # one scan instead of two, mostly in vain
        found += _numeric_dates(text, anchor)
    if any(mark in text for mark in MONTH_MARKS):
        for match in _CJK.finditer(text):
            month, day = int(match[2]), int(match[3])
            if match[1]:
                found += _dated(int(match[1]), month, day, match.start(), anchor)
            else:
                found += anchored(Month(GREGORIAN, month), day, match.start(), anchor)
        found += [Candidate(date(int(m[1]), int(m[2]), 1), "month", False, MONTH_ONLY,
                            m.start()) for m in _CJK_MONTH.finditer(text)
                  if is_year(int(m[1])) and 1 <= int(m[2]) <= 12]
    if anchor is not None and any(mark in text for mark in _DAY_MARKS):
        found += _month_days(text, anchor)
    return found


def _numeric_dates(text: str, anchor: date | None) -> list[Candidate]:
    """"2025-10-07", "1404/07/15", "07.10.2025", "15/3/1447"."""
    found: list[Candidate] = []
    for match in _YMD.finditer(text):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
        found += _dated(year, month, day, match.start(), anchor)
    for match in _DMY.finditer(text):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        # Day first, as in every feed language but American English, whose order
        # shows only when the first number cannot be a month.
        day, month = (second, first) if match[2] == "/" and second > 12 >= first else (
            first, second)
        found += _dated(year, month, day, match.start(), anchor)
    return found


def _month_days(text: str, anchor: date) -> list[Candidate]:
    """"20日": the 20th of the anchor's month, or of the month before if still to come."""
    found: list[Candidate] = []
    for match in _CJK_DAY.finditer(text):
        day = int(match[1])
        for month_start in (anchor.replace(day=1),
                            (anchor.replace(day=1) - timedelta(days=1)).replace(day=1)):
            value = to_gregorian(GREGORIAN, month_start.year, month_start.month, day)
            if value is not None and value <= anchor + FUTURE_SLACK:
                found.append(Candidate(value, "day", True, FULL, match.start()))
                break
    return found


def _dated(year: int, month: int, day: int, position: int, anchor: date | None
           ) -> list[Candidate]:
    """A numeric date with its year; a hijri year (1404, 1447) says which calendar."""
    calendar = GREGORIAN if year >= 1900 else hijri_calendar_of_year(year, anchor)
    return printed_day(calendar, year, month, day, position)


def last_year_months(text: str, words: CalendarWords, anchor: date, published: bool = True
                     ) -> list[Candidate]:
    """"去年7月", "작년 7월": a month of the year before the anchor's; "去年7月3日",
    "昨年7月3日", "작년 7월 3일": a day of it, whose year rests on the anchor as a date's
    without its year does (placed where the month's number is, which the day and month
    alone would otherwise date to the anchor's year). The month's year rests on it too
    when the anchor is no publication date (``published``), as "last July"'s does."""
    found: list[Candidate] = []
    for m in _last_year_month(words.last_year_alone).finditer(text):
        month = int(m[1])
        if not 1 <= month <= 12:
            continue
        if m[2] is None:
            found.append(Candidate(date(anchor.year - 1, month, 1), "month", not published,
                                   MONTH_ONLY, m.start(),
                                   hint=None if published else DayHint(month)))
        elif (value := to_gregorian(GREGORIAN, anchor.year - 1, month, int(m[2]))) is not None:
            found.append(Candidate(value, "day", True, FULL, m.start(1),
                                   hint=DayHint(month, value.day)))
    return found


@functools.cache
def _last_year_month(alone: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(map(re.escape, sorted(alone, key=len, reverse=True)))
    return re.compile(rf"(?:{names})\s*(\d{{1,2}})\s*{_MONTH_MARK}"
                      rf"(?:\s*(\d{{1,2}})\s*{_DAY_MARK})?")
