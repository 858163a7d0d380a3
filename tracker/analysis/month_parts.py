"""The parts of a printed date around a month name, in many languages.

Pure. Where :mod:`tracker.analysis.date_candidates` finds a month name, these read what
stands beside it: the day number before or after it ("7 October", "October 7, 2025",
"7 de octubre de 2025"), its year, a weekday ("Friday, October 4", "4 Ekim Cuma"), and
a month written with a Turkic case or genitive ending ("7 қазанда", "oktyabrın 14-də")
or the Georgian nominative ending dropped before one (ივლისში).
"""

from __future__ import annotations

from tracker.analysis.calendar_systems import Month
from tracker.analysis.calendars import (
    CASE_ENDINGS,
    GEORGIAN_NOMINATIVE,
    MONTH_GENITIVES,
    CalendarWords,
)
from tracker.analysis.date_tokens import Tokens, lookup

LONGEST_ENDING = max(map(len, CASE_ENDINGS))
LONGEST_GENITIVE = max(map(len, MONTH_GENITIVES))


def inflected_month(tokens: Tokens, index: int, words: CalendarWords
                     ) -> tuple[Month, int] | None:
    """A month name with a Turkic case ending, right after its day ("7 қазанда"), or
    after the day's ordinal suffix (Turkmen "14-nji aprelde")."""
    day = index - 1
    if day >= 1 and is_suffix(tokens, day - 1):
        day -= 1
    if day_number(tokens.words[day]) is None or not tokens.joined(index - 1):
        return None
    month = month_with_ending(tokens.words[index], words)
    return (month, index + 1) if month is not None else None


def genitive_month(tokens: Tokens, index: int, words: CalendarWords
                    ) -> tuple[Month, int] | None:
    """A month name in the Turkic genitive, right before its day ("oktyabrın 14-də")."""
    texts = tokens.words
    if index + 1 >= len(texts) or day_number(texts[index + 1]) is None or not tokens.joined(index):
        return None
    word = texts[index]
    for size in range(2, min(LONGEST_GENITIVE, len(word) - 3) + 1):
        if word[-size:] in MONTH_GENITIVES:
            month = words.months.get(word[:-size])
            if month is not None:
                return month, index + 1
    return None


def month_word(word: str, words: CalendarWords) -> Month | None:
    """The month a word names, as written or with a case ending."""
    return words.months.get(word) or month_with_ending(word, words)


def month_with_ending(word: str, words: CalendarWords) -> Month | None:
    """The month a word names with one of :data:`CASE_ENDINGS` glued to it; a Georgian
    month loses its nominative -ი before the ending (ივლისი, ივლისში)."""
    for size in range(1, min(LONGEST_ENDING, len(word) - 3) + 1):
        if word[-size:] in CASE_ENDINGS:
            stem = word[:-size]
            month = words.months.get(stem) or words.months.get(stem + GEORGIAN_NOMINATIVE)
            if month is not None:
                return month
    return None


def day_before(tokens: Tokens, index: int, words: CalendarWords
                ) -> tuple[int, int] | None:
    """The day number before a month name and where it stands: "7 October", "7. Oktober",
    "7 de octubre" ("7th", "1er", "۱۵مه": a suffix glued to the number is skipped)."""
    texts = tokens.words
    at = index - 1
    if at >= 1 and texts[at] in words.connectors and tokens.joined(at):
        at -= 1
    if at < 0 or not tokens.joined(at):
        return None
    if at >= 1 and is_suffix(tokens, at - 1):
        at -= 1
    day = day_number(texts[at])
    return (day, at) if day is not None else None


def after_month(tokens: Tokens, end: int, month: Month, words: CalendarWords
                 ) -> tuple[int | None, int | None, int]:
    """The day and year after a month name: "October 7, 2025", "Oktober 2025",
    "أكتوبر/تشرين الأول 2025" (the month named twice), "7 de octubre de 2025"; and
    where the month and day end."""
    texts = tokens.words
    at = end
    if at < len(texts) and texts[at] in words.month_starts and tokens.joined(at - 1):
        twin = lookup(texts, at, words.months, words)
        if twin is not None and twin[0].number == month.number:
            at = twin[1]
    last = at
    at = skip_connector(tokens, at, words)
    day = None
    if at < len(texts) and tokens.joined(at - 1):
        day = day_number(texts[at])
        if day is not None:
            at += 2 if is_suffix(tokens, at) else 1
            last = at
            at = skip_connector(tokens, at, words)
    year = None
    if at < len(texts) and tokens.joined(at - 1):
        candidate = texts[at]
        year = int(candidate) if len(candidate) == 4 and candidate.isdigit() else None
    return day, year, last


def skip_connector(tokens: Tokens, at: int, words: CalendarWords) -> int:
    if at < len(tokens.words) and tokens.words[at] in words.connectors and tokens.joined(at - 1):
        return at + 1
    return at


def weekday_beside(tokens: Tokens, span: tuple[int, int], words: CalendarWords
                    ) -> tuple[int, int] | None:
    """The weekday printed right before or after the date in words ``span``, with its
    position: "Friday, October 4", "в пятницу, 4 октября", "4 Ekim Cuma"; one connector
    ("de") may stand between, but no sentence stop ("... on Friday. 4 October ...")."""
    first, last = span
    texts = tokens.words
    end = first
    if end >= 2 and texts[end - 1] in words.connectors and tokens.joined(end - 1):
        end -= 1
    if end >= 1 and texts[end - 1] in words.weekday_ends and tokens.beside(end - 1):
        for start in range(max(0, end - words.longest), end):
            found = lookup(texts, start, words.weekdays, words)
            if found is not None and found[1] == end:
                return found[0], tokens.offset(start)
    at = skip_connector(tokens, last, words)
    if at < len(texts) and texts[at] in words.day_starts and tokens.beside(at - 1):
        found = lookup(texts, at, words.weekdays, words)
        return (found[0], tokens.offset(at)) if found is not None else None
    return None


def is_suffix(tokens: Tokens, number: int) -> bool:
    """Whether the word after ``number`` is a short suffix glued to it ("7th"), or
    hyphened as Russian writes it ("13-го ноября")."""
    after = number + 1
    return (after < len(tokens.words) and tokens.words[number].isdigit()
            and not tokens.words[after].isdigit()
            and tokens.parts[2 * number + 2] in ("", "-") and len(tokens.words[after]) <= 3)


def day_number(text: str) -> int | None:
    if len(text) <= 2 and text.isdigit() and 1 <= int(text) <= 31:
        return int(text)
    return None


def ordinal_day_after(tokens: Tokens, end: int, words: CalendarWords) -> bool:
    """Whether a day number with an ordinal suffix glued to it follows the month that
    ends at ``end``: Pashto "د کب په ۱۲مه" (on the 12th of Kab), which no common word of
    two letters is followed by, so that the month's short name is a month there."""
    at = skip_connector(tokens, end, words)
    return (at < len(tokens.words) and tokens.joined(at - 1)
            and day_number(tokens.words[at]) is not None and tokens.glued(at)
            and is_suffix(tokens, at))
