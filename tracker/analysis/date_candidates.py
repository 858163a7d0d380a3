"""Dates printed in one text, as candidates for the event date, in many languages.

Pure. :func:`candidates` reads every date a text prints: numeric ("2025-10-07",
"07.10.2025", "10月7日"), a named month with its day and year in any order and any
calendar the CLDR tables know ("September 5", "15 января", "۱۵ میزان ۱۴۰۴",
"١٥ ربيع الأول ١٤٤٧ هـ"), a month alone after a preposition ("in April"), and day
words ("yesterday", "on Thursday") resolved against an anchor date. A date without
its year takes the anchor's year or the one before, unless a weekday printed beside it
("Friday, October 4", "جمعه، ۱۳ میزان", "4 Ekim Cuma") says which year. Each carries its
rank (a full date, a day word, a month alone) and where it stands;
:mod:`tracker.analysis.dates` chooses the event date among them. Day words are read by
:mod:`tracker.analysis.day_words`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from tracker.analysis.calendar_systems import GREGORIAN, Month, to_gregorian, year_of
from tracker.analysis.calendars import (
    UNSPACED_FROM,
    CalendarWords,
    calendar_words,
)
from tracker.analysis.date_tokens import (
    MONTH_ONLY,
    RECALLED,
    YEARS,
    Candidate,
    DayHint,
    Tokens,
    anchored,
    anchored_hint,
    lookup,
    printed_day,
)
from tracker.analysis.day_words import (
    confirmed,
    day_words,
    last_beside,
    unspaced_day_words,
    unused,
)
from tracker.analysis.lexkey import TOKEN, key
from tracker.analysis.month_parts import (
    after_month,
    day_before,
    day_number,
    genitive_month,
    inflected_month,
    month_word,
    ordinal_day_after,
    weekday_beside,
)
from tracker.analysis.numeric_dates import MONTH_MARKS, last_year_months, numeric
from tracker.analysis.word_forms import word_script

_HAS_DIGIT = re.compile(r"\d")
# A character of a script written without spaces, or a later one: max(text) >= UNSPACED_FROM
# without making a string of each character.
_UNSPACED_CHARACTER = re.compile(f"[{UNSPACED_FROM}-\U0010ffff]")
# A month without day or year ("in April", "в апреле") is read only after one of these
# prepositions (a documented table: CLDR has no prepositions).
_MONTH_PREPOSITIONS = frozenset("in im nel en a v в у w au".split())

YEAR_WORDS = 2
"""Words that may stand between a year and its month ("2025 жылдың шілдесінде")."""
MID_MONTH = 15
"""The day of a hijri month whose Gregorian month the whole month stands for."""
LAST_YEAR_REACH = 4
"""How many words from a month "last year" may stand ("в июле прошлого года")."""


LATIN_END = 0x250
"""Where the Latin letters (with their extensions A and B and IPA's) end."""


def candidates(text: str, anchor: date | None, *, published: bool = True) -> list[Candidate]:
    """The dates ``text`` prints; ``published`` says the anchor is a publication date
    (not only the day the item was first seen, which no event of it follows)."""
    folded = key(text)
    words = calendar_words()
    tokens = Tokens(folded)
    if not text.isascii():
        _unmonth(tokens, text, words)
    has_digit = _HAS_DIGIT.search(folded) is not None
    found = numeric(folded, anchor) if has_digit else []
    # Most words are no calendar word: one set operation skips the word-by-word walk.
    if has_digit or not words.month_starts.isdisjoint(tokens.words):
        found += _named(tokens, words, anchor, published)
    if has_digit:
        found += _year_first(tokens, words)
        # A day and month the year before them dates is no yearless date as well.
        dated = {c.position for c in found if not c.anchored and c.precision == "day"}
        found = [c for c in found if not (c.anchored and c.position in dated)]
        if anchor is not None and any(mark in folded for mark in MONTH_MARKS):
            last = last_year_months(folded, words, anchor, published)
            # "去年7月3日": the day of last year, not "7月3日" of the anchor's year.
            days = {c.position for c in last if c.precision == "day"}
            found = [c for c in found if not (c.anchored and c.position in days)] + last
        found = _in_context(found, anchor)
    named: list[Candidate] = []
    if anchor is not None and not (words.day_starts.isdisjoint(tokens.words)
                                   and words.weeks.isdisjoint(tokens.words)):
        named = day_words(tokens, words, anchor, published)
    elif anchor is not None and _UNSPACED_CHARACTER.search(folded) is not None:
        named = unspaced_day_words(folded, words, anchor, published)
    if named:
        found = confirmed(found, named)
        found += unused(named, found)
    return found


def _unmonth(tokens: Tokens, text: str, words: CalendarWords) -> None:
    """Blank each word of a Latin-script text that keys as a month but is written with
    a letter no CLDR name of that month has (Polish "się 14" is no 14 August, "sie"):
    keying folds the letter that tells them apart. Only when the text's words line up
    with the folded ones."""
    if words.month_starts.isdisjoint(tokens.words):
        return  # Perf only: most texts name no month; one set operation says so.
    months = words.months
    spots = [i for i, word in enumerate(tokens.words)
             if word in months and word not in words.marked]
    if not spots:
        return
    written = TOKEN.findall(text.casefold())
    if len(written) != len(tokens.words):
        return
    for index in spots:
        word = written[index]
        if word != tokens.words[index] and ord(word[0]) < LATIN_END:
            tokens.words[index] = ""


def _in_context(found: list[Candidate], anchor: date | None) -> list[Candidate]:
    """A day or month printed without its year after a past date printed with one, and
    falling before it in that year, is in that year: "Am 3. Juli 2025 ... im April hatte
    das Oberste Gericht" is April 2025, whenever the report is published. A later day
    keeps the year the publication gives it ("... 3 July 2025. On 18 November the envoy"
    may be this November's news), and a plan ("by December 2030") is no context."""
    dated = sorted((c for c in found if not c.anchored and anchor is not None
                    and c.value <= anchor), key=lambda c: c.position)
    if not dated or all(not c.anchored for c in found):
        return found
    placed = []
    for c in found:
        before = [d.value for d in dated if d.position < c.position]
        month = c.hint.month if c.anchored and c.hint is not None else None
        if before and month is not None:
            try:
                earlier = c.value.replace(year=before[-1].year)
            except ValueError:  # 29 February
                earlier = None
            if earlier is not None and earlier <= before[-1]:
                c = Candidate(earlier, c.precision, False, c.rank, c.position)
        placed.append(c)
    return placed


def last_year_near(tokens: Tokens, span: tuple[int, int], words: CalendarWords) -> bool:
    """Whether "last year" stands within :data:`LAST_YEAR_REACH` words of a month, in one
    phrase: "in July last year", "в июле прошлого года", "geçen yıl temmuz", "تیر سال
    گذشته", "πέρσι τον Ιούλιο". "Last July" alone is the latest July, as "in July" is."""
    start, end = span
    texts = tokens.words
    near = [at for at in range(start - 1, max(start - 1 - LAST_YEAR_REACH, -1), -1)
            if all(tokens.joined(i) for i in range(at, start))]
    near += [at for at in range(end, min(end + LAST_YEAR_REACH, len(texts)))
             if all(tokens.joined(i) for i in range(end - 1, at))]
    for at in near:
        word = texts[at]
        if word in words.last_year_alone:
            return True
        if words.is_last(word) and any(
                0 <= beside < len(texts) and words.is_year(texts[beside])
                for beside in (at - 1, at + 1)):
            return True
    return False


def _year_first(tokens: Tokens, words: CalendarWords) -> list[Candidate]:
    """A year, then its month, often with a case ending: "2025. júliusban", "2025 yil
    iyulda", "2025 жылдың шілдесінде", "2025 წლის ივლისში", "2025 թվականի հուլիսին",
    "2025-ci ilin iyulunda", "د ۲۰۲۵ کال په جولای کې" (in July 2025), or in the genitive
    before its day ("2026-cı il martın 3-də"); with its day after it, a full date in any
    calendar (Pashto "د ۱۴۰۴ کال د کب ۱۹مه", 19 Kab 1404). Up to two words ("year", "of
    the year", "year in") may stand between, in one phrase."""
    texts = tokens.words
    found: list[Candidate] = []
    for index, word in enumerate(texts):
        if len(word) != 4 or not word.isdigit():
            continue
        for at in range(index + 1, min(index + 1 + YEAR_WORDS + 1, len(texts))):
            if not tokens.joined(at - 1):
                break
            if texts[at].isdigit():  # Uzbek "2025-yil 3-iyul": the day before its month
                found += _year_day_month(tokens, (index, at), words)
                break
            # Or in the Turkic genitive before its day ("2026-cı il martın 3-də").
            genitive = genitive_month(tokens, at, words)
            month = month_word(texts[at], words) or (genitive[0] if genitive else None)
            if month is not None:
                found += _year_month(tokens, (at, int(word)), month, words)
                break
    return found


def _year_day_month(tokens: Tokens, where: tuple[int, int], words: CalendarWords
                    ) -> list[Candidate]:
    year_at, at = where
    texts = tokens.words
    day = day_number(texts[at])
    # In one sentence: "… on 3 July 2025. On 18 November …" is no 18 November 2025.
    if day is None or at + 1 >= len(texts) or not tokens.joined(at) or not all(
            tokens.beside(i) for i in range(year_at, at)):
        return []
    month = month_word(texts[at + 1], words)
    if month is None:
        return []
    return printed_day(month.calendar, int(texts[year_at]), month.number, day,
                       tokens.offset(at))


def _year_month(tokens: Tokens, where: tuple[int, int], month: Month, words: CalendarWords
                ) -> list[Candidate]:
    """The date a year printed before its month gives: the day after the month, or the
    month alone (Gregorian only: a hijri month straddles two Gregorian ones)."""
    at, year = where
    low, high = YEARS[month.calendar]
    if not low <= year <= high:
        return []
    day, _, _ = after_month(tokens, at + 1, month, words)
    if day is not None:
        return printed_day(month.calendar, year, month.number, day, tokens.offset(at))
    if month.calendar != GREGORIAN:
        return []
    return [Candidate(date(year, month.number, 1), "month", False, MONTH_ONLY,
                      tokens.offset(at))]


def _named(tokens: Tokens, words: CalendarWords, anchor: date | None, published: bool = True
           ) -> list[Candidate]:
    texts = tokens.words
    starts = words.month_starts
    # Where a month may be: a word that begins a month name, or the word after a day
    # number (a Turkic month with a case ending). Found with list comprehensions, since
    # a Python-level walk word by word costs more than all the rest.
    spots = [index for index, word in enumerate(texts) if word in starts]
    spots += [index + 1 for index, word in enumerate(texts[:-1])
              if word.isdigit() and len(word) <= 2 and texts[index + 1] not in starts]
    # Or after the day's ordinal suffix (Turkmen "14-nji aprelde").
    spots += [index + 2 for index, word in enumerate(texts[:-2])
              if word.isdigit() and len(word) <= 2 and tokens.glued_suffix(index)
              and texts[index + 2] not in starts]
    # And the word before a day number (a Turkic month in the genitive: "oktyabrın 14").
    spots += [index - 1 for index, word in enumerate(texts)
              if index and word.isdigit() and len(word) <= 2 and texts[index - 1] not in starts
              and not texts[index - 1].isdigit()]
    found: list[Candidate] = []
    done = 0
    for index in sorted(spots):
        if index < done:
            continue
        looked = (lookup(texts, index, words.months, words) if texts[index] in starts
                  else inflected_month(tokens, index, words)
                  or genitive_month(tokens, index, words))
        if looked is not None:
            found += _around_month(tokens, (index, looked[1]), looked[0], words, anchor,
                                   published)
            done = looked[1]
    return found


def _around_month(tokens: Tokens, span: tuple[int, int], month: Month,
                  words: CalendarWords, anchor: date | None, published: bool = True
                  ) -> list[Candidate]:
    start, end = span
    before = day_before(tokens, start, words)
    day_after, year, last = after_month(tokens, end, month, words)
    day, first = before if before is not None else (day_after, start)
    name = " ".join(tokens.words[start:end])
    if len(name) <= 2 and year is None and not ordinal_day_after(tokens, end, words) and not (
            before is not None and _full_short_name(name, words)):
        return []  # "مه", "می": too short to be a month without its year
    if name in words.dotted and not tokens.dotted(end - 1):
        return []
    position = tokens.offset(start)
    if day is None:
        return _month_only(tokens, (start, end), month, year, anchor, words, published)
    if year is None and anchor is not None and last_year_near(tokens, (first, last), words):
        # "گزشتہ سال 3 جولائی", "3 July last year", "۱۲ سرطان سال گذشته" (in the
        # month's own calendar: last solar hijri year). Its year is counted from the
        # anchor, as a date's without its year is: it rests on the anchor (in an item
        # that prints no publication date, on when it was seen).
        return [replace(c, anchored=True, hint=anchored_hint(month, c.value))
                for c in printed_day(month.calendar, year_of(month.calendar, anchor) - 1,
                                     month.number, day, position)]
    if year is None:
        # Looked for only here, with a yearless day and month found: most texts have none.
        weekday = (weekday_beside(tokens, (first, last), words) if anchor is not None
                   else None)
        return anchored(month, day, position, anchor, weekday)
    return printed_day(month.calendar, year, month.number, day, position)


def _full_short_name(name: str, words: CalendarWords) -> bool:
    """Whether a month's name of two letters is its full name outside the Arabic script
    (Hindi मई): after a day ("14 मई को") it is that month. Arabic-script ones (مه, می)
    are also particles and verb prefixes ("به ۱۰ می‌رسد", reaches 10)."""
    return name in words.short_wide and word_script(name) != "arabic"


def _month_only(tokens: Tokens, span: tuple[int, int], month: Month, year: int | None,
                anchor: date | None, words: CalendarWords, published: bool = True
                ) -> list[Candidate]:
    """"in August 2025", or "in August" after a preposition: the month as the date. A
    hijri month with its year ("سرطان ۱۴۰۴") straddles two Gregorian ones: it stands for
    the one its middle falls in."""
    start, end = span
    position = tokens.offset(start)
    if year is not None:
        low, high = YEARS[month.calendar]
        if not low <= year <= high:
            return []
        if month.calendar == GREGORIAN:
            return [Candidate(date(year, month.number, 1), "month", False, MONTH_ONLY, position)]
        middle = to_gregorian(month.calendar, year, month.number, MID_MONTH)
        return ([Candidate(middle.replace(day=1), "month", False, MONTH_ONLY, position)]
                if middle is not None else [])
    if month.calendar != GREGORIAN or _opens_range(tokens, end, words):
        return []
    # Both count their year from the anchor: from a publication date, a year as good as
    # a printed one; from when an item that prints none was seen, a guess that moves
    # with the clock, as a month's without its year does (it rests on the anchor).
    rests = not published
    hint = DayHint(month.number) if rests else None
    if anchor is not None and last_year_near(tokens, (start, end), words):
        return [Candidate(date(anchor.year - 1, month.number, 1), "month", rests, MONTH_ONLY,
                          position, hint=hint)]
    if anchor is not None and last_beside(tokens, (start, end), words):
        # "last July", "يوليو الماضي", "juillet dernier": the latest July before this month.
        year = anchor.year if month.number < anchor.month else anchor.year - 1
        return [Candidate(date(year, month.number, 1), "month", rests, RECALLED, position,
                          hint=hint)]
    if start == 0 or tokens.words[start - 1] not in _MONTH_PREPOSITIONS or not tokens.joined(
            start - 1):
        return []
    return [Candidate(c.value, "month", True, MONTH_ONLY, position, hint=DayHint(month.number))
            for c in anchored(month, 1, position, anchor)]


RANGE_WORDS = 2
"""Words that may stand between the months of a range ("January to August 2025",
"جنوری سے اگست 2025", "с января по август 2025 года")."""


def _opens_range(tokens: Tokens, end: int, words: CalendarWords) -> bool:
    """Whether a month without its year opens a range whose last month prints one
    ("January–August 2025"): the range's year is its last month's, which dates it."""
    texts = tokens.words
    for at in range(end, min(end + RANGE_WORDS + 1, len(texts))):
        if not tokens.joined(at - 1):
            return False
        month = month_word(texts[at], words) if texts[at] in words.month_starts else None
        if month is not None:
            return after_month(tokens, at + 1, month, words)[1] is not None
    return False
