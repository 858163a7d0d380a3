"""Days a text names by a word: "yesterday", "today", "on Wednesday", "周四".

Pure. A day word is counted from the anchor (the publication date, or the day the item
was first seen); a weekday the text names elsewhere may also confirm the year of a date
printed without one (:func:`confirmed`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tracker.analysis.calendars import DAYS_IN_WEEK, CalendarWords
from tracker.analysis.date_tokens import FULL, NEAR, Candidate, DayHint, Tokens, lookup

WEEKDAY_AHEAD = timedelta(days=1)
"""A weekday is the most recent one on or before the publication date, or the day after
it: a publication date in UTC is often a day behind the local date of an event in Moscow
or Kabul, and a report written on Thursday that names Friday tells what is to come, far
more often than what happened six days ago."""


SHORT_WORD = 2
"""Letters of a preposition that may stand between "today" and its weekday ("в", "on")."""


def day_words(tokens: Tokens, words: CalendarWords, anchor: date, published: bool
              ) -> list[Candidate]:
    """The latest day a "yesterday"/"today" or weekday names, counted from the anchor: a
    report names the days before its news ("Lavrov, who hosted Muttaqi on Monday, called
    him on Friday"), rarely the days after."""
    named = []
    texts = tokens.words
    done = 0
    for index, word in enumerate(texts):
        # A word inside a phrase already read names nothing of its own: Persian
        # "سه شنبه" (Tuesday) ends in "شنبه" (Saturday), "the day before yesterday" in
        # "yesterday".
        if index < done:
            continue
        if word in words.weeks and last_beside(tokens, (index, index + 1), words):
            # "Vergangene Woche", "на минувшей неделе": last week in other words than
            # CLDR's, a week before as its "last week" is.
            named.append(_named_day(anchor - timedelta(days=DAYS_IN_WEEK),
                                    tokens.offset(index), None))
            done = index + 2
            continue
        if word not in words.day_starts:
            continue
        relative = lookup(texts, index, words.relative, words)
        if relative is not None:
            value = anchor + timedelta(days=relative[0])
            beside = _weekday_beside(tokens, relative[1], words)
            named.append(_named_day(value, tokens.offset(index), beside))
            done = relative[1]
            continue
        weekday = lookup(texts, index, words.weekdays, words)
        if weekday is not None:
            done = weekday[1]
            # "Last Monday", "в прошлый понедельник", "lundi dernier": the one before.
            last = last_beside(tokens, (index, weekday[1]), words)
            day = (weekday_near(anchor - timedelta(days=1), weekday[0], published=False)
                   if last else weekday_near(anchor, weekday[0], published))
            named.append(_named_day(day, tokens.offset(index), weekday[0]))
    return [max(named, key=lambda c: c.value)] if named else []


def last_beside(tokens: Tokens, span: tuple[int, int], words: CalendarWords) -> bool:
    """Whether the word before or after a weekday is a "last" word (CLDR's, as in "last
    year": :attr:`CalendarWords.last_year`), in the same phrase."""
    texts = tokens.words
    start, end = span
    before = start > 0 and tokens.joined(start - 1) and words.is_last(texts[start - 1])
    after = end < len(texts) and tokens.joined(end - 1) and words.is_last(texts[end])
    return bool(before or after)


def _weekday_beside(tokens: Tokens, index: int, words: CalendarWords) -> int | None:
    """The weekday right after a day word, or after a preposition after it: "today,
    Monday", "сегодня, в понедельник", "امروز دوشنبه" say which weekday today is."""
    texts = tokens.words
    for start in (index, index + 1):
        if start >= len(texts) or not tokens.joined(start - 1):
            return None
        found = lookup(texts, start, words.weekdays, words)
        if found is not None:
            return found[0]
        if len(texts[start]) > SHORT_WORD:
            return None
    return None


def _named_day(value: date, position: int, weekday: int | None) -> Candidate:
    """A day a day word names; with its weekday, it says that much without the anchor."""
    return Candidate(value, "day", True, NEAR, position, weekday=weekday,
                     hint=DayHint(weekday=weekday) if weekday is not None else None)


def unspaced_day_words(text: str, words: CalendarWords, anchor: date, published: bool
                       ) -> list[Candidate]:
    """"昨天", "周四" inside a run of Chinese, where there are no words to look up."""
    match = words.unspaced.search(text)
    if match is None:
        return []
    found = match.group()
    if found in words.relative:
        value = anchor + timedelta(days=words.relative[found])
        return [_named_day(value, match.start(), None)]
    weekday = words.weekdays[found]
    return [_named_day(weekday_near(anchor, weekday, published), match.start(), weekday)]


def weekday_near(anchor: date, weekday: int, published: bool) -> date:
    """The day named by its weekday: the most recent on or before the anchor, or, when
    the anchor is a publication date, the day after it (see :data:`WEEKDAY_AHEAD`)."""
    ahead = anchor + WEEKDAY_AHEAD if published else anchor
    return ahead - timedelta(days=(ahead.weekday() - weekday) % 7)


def confirmed(dates: list[Candidate], named: list[Candidate]) -> list[Candidate]:
    """A day and month without a year on the weekday the same text names elsewhere
    ("Москва. 4 марта. ... заявила в среду"): the text, not the anchor, says its year.
    A day printed with its year on that weekday ("روز چهارشنبه ۲۱ عقرب ۱۴۰۴", "on
    Wednesday, 12 November 2025") is the day the report tells of, not history it recalls,
    however long before an undated item was seen: the weekday is marked as its own."""
    weekdays = {c.weekday: c.position for c in named if c.weekday is not None}
    if not weekdays:
        return dates
    return [replace(c, anchored=False, weekday_at=weekdays[c.value.weekday()])
            if c.rank == FULL and c.precision == "day" and c.weekday_at is None
            and c.value.weekday() in weekdays else c
            for c in dates]


def unused(named: list[Candidate], dates: list[Candidate]) -> list[Candidate]:
    """The day words but a weekday that dated a day and month ("Friday, 4 October"
    years back is no "last Friday")."""
    used = {c.weekday_at for c in dates}
    return [c for c in named if c.position not in used]
