"""Calendar words for reading dates in many languages.

Gregorian month names, weekday names, the words for "yesterday", "today" and
"tomorrow", and the literal words of date patterns ("7 de octubre de 2025", "2025 г.")
come from CLDR through babel (extracted by
:func:`~tracker.analysis.calendar_extract.cldr_tables`, stored by
:mod:`tracker.analysis.cldr_export`, read back by :mod:`tracker.analysis.cldr_data`):
months from every locale, the words that stand without a number (weekdays, relative
days) only from the languages the story's feeds use, because a weekday name of one
language is too often a plain word in another.

CLDR also names the months of the Persian and Islamic calendars, but babel ships only
the Gregorian calendar's names (``Locale.months``; there is no calendar argument), so
those two calendars' month names, and the conversions, are in
:mod:`tracker.analysis.calendar_systems`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tracker.analysis.calendar_systems import (
    GREGORIAN,
    Month,
    hijri_months,
)
from tracker.analysis.cldr_data import CALENDAR_FILE, load
from tracker.analysis.lexkey import word_key

# The languages the story's feeds use (issue 13): their names win a conflict with
# another language's, and only their weekday and relative-day words are read. Some
# languages the vocabulary reads (tracker/data/categories.toml) are left out: Croatian,
# whose "listopad" is October where Polish and Czech "listopad" is November (a feed
# language's month has one number); Hungarian, whose "ma" (today) is Italian "but" and
# Polish "has" and would stand for "today" before the "ieri" or "wczoraj" after it;
# Azerbaijani, whose "sabah" (tomorrow) is Turkish "morning" ("bu sabah") and whose
# "bazar" (Sunday) is a market in Spanish, Portuguese and Russian; Swahili, whose "jana"
# (yesterday) is Polish "Jana" (of John) and whose "leo" (today) is a name; Indonesian,
# whose "lusa" (the day after tomorrow) is Portugal's news agency, Lusa; Romanian, whose
# "liră" names the pound as well as the Turkish lira, so that Turkish "500 milyon lira"
# (quantity words come from the same set) would lose its currency; Bulgarian, whose
# "неделя" (Sunday) is Russian "week" ("прошла неделя" is no Sunday).
FEED_LANGUAGES = frozenset(
    "en ru uk ar fa ps ur tr zh hi de fr it es pl uz kk tg ky tk pt nl cs el sr hy ka bn ja"
    " ko mk".split())

# Turkic languages glue case endings to a month after its day: Kazakh "7 қазанда",
# Uzbek "7-oktabrda", Turkish "7 Ekimde" (on 7 October). Locative and ablative endings
# (a documented table: CLDR has no inflections), tried only right after a day number.
CASE_ENDINGS = frozenset("da de ta te dan den tan ten nda nde да де та те дан ден нда "
                         "нде ында інде дағы дегі ндағы ндегі".split()
    # And the same "in" of the languages that put the year first (see
    # date_candidates._year_first): Kazakh after a possessive (шілдесінде), Azerbaijani
    # (iyulunda), Hungarian (júliusban, júliusában), Georgian (ივლისში; ივლისს, on),
    # Armenian (հուլիսին), and Uzbek after its possessive ("yilning 3-iyulida").
    + "сінде сында unda ında ində undə ban ben aban eben ში ს ին ida ида".split())
GEORGIAN_NOMINATIVE = "\u10d8"
"""Georgian ი, which a noun drops before a case ending."""
UNSPACED_FROM = "\u3040"  # kana, CJK ideographs, Hangul and later: no spaces between words
# Words news writes between a month and its year that no CLDR date pattern has: Greek
# "τον Ιούλιο του 2025" (of the), Italian and Spanish "luglio del 2025", "julio del 2025",
# Persian and Pashto "year" (سرطان سال ۱۴۰۴), Pashto "on" (د جولای په ۳مه), Tajik "of
# the year" (15 октябри соли 2025), Urdu and Hindi "year" (15 اکتوبر سنہ 2025, सन 2025).
SPOKEN_CONNECTORS = frozenset({"του", "del", "سال", "کال", "په", "соли", "سنہ", "سن", "सन"})
# "Last" and "year" as news writes them beside CLDR's ("گزشتہ سال", "السنة الماضية",
# "letztes Jahr", "w zeszłym roku"): Urdu پچھلے سال, Arabic العام الماضي, German im
# vergangenen Jahr, Russian в минувшем году, Polish w ubiegłym roku. (Hindi's पिछले साल
# is split by the date reader's tokens at its vowel signs.)
SPOKEN_LAST = frozenset({"پچھلے", "پچھلی", "vergangenen", "vergangenes", "минувшем",
                         "минувшего", "ubiegłym", "ubiegłego"})
SPOKEN_YEARS = frozenset({"العام", "عام", "jahres"})
GENITIVES = frozenset("ning нинг ın in nın nin ның нің дың дің тың тің".split())
# A month before its day is in the genitive in Azerbaijani, Turkish, Kazakh, Kyrgyz and
# Uzbek: "oktyabrın 14-də", "iyulun 3-də", "шілденің 22-сі", "июлдун 22-си",
# "iyulning 3-kuni" (the genitive's vowel follows the month's: un, ün after u, ü).
MONTH_GENITIVES = GENITIVES | frozenset(
    "un ün nun nün ning нинг ның нің нің дың дің тың тің нын нин нун нүн дын дин дун дүн "
    "тын тин тун түн ынын".split())
INFLECTED_FROM = 7
"""A "last year" word this long is also read with another case ending ("прошлом")."""
DAYS_IN_WEEK = 7
SHORT_WORD = 2
"""Letters of a preposition in a "last week" phrase ("на", "la")."""


@dataclass(frozen=True)
class CalendarWords:
    """Word tables keyed by :func:`~tracker.analysis.lexkey.word_key`."""

    months: Mapping[str, Month]
    weekdays: Mapping[str, int]
    """Monday is 0, as in :meth:`datetime.date.weekday`."""
    relative: Mapping[str, int]
    """Days from the reference date: yesterday -1, today 0, tomorrow 1."""
    connectors: frozenset[str]
    """Literal words of CLDR date patterns that sit between day, month and year."""
    longest: int
    """The most words any table key has."""
    starts: frozenset[str]
    """The first words of the keys of more than one word."""
    month_starts: frozenset[str]
    """The first words of the month keys."""
    day_starts: frozenset[str]
    """The first words of the weekday and relative-day keys."""
    weekday_ends: frozenset[str]
    """The last words of the weekday keys (a weekday before a date is found from its end)."""
    unspaced: re.Pattern[str]
    """The weekday and relative-day names of scripts written without spaces."""
    dotted: frozenset[str]
    """Month abbreviations CLDR always writes with a period ("out." for outubro): read
    only with it, since without it they are words ("7 out of 10")."""
    marked: frozenset[str] = frozenset()
    """The month keys some CLDR name writes with a letter its key folds (paź, März, май):
    a word of the text written with such a letter is a month only if its key is one of
    these (Polish się, "oneself", is not sie, August's abbreviation)."""
    short_wide: frozenset[str] = frozenset()
    """Months' full names of two letters (Hindi मई): see
    :func:`~tracker.analysis.calendar_extract.cldr_tables`."""
    last_year: frozenset[str] = frozenset()
    """The words of "last year" that stand beside a word for "year" ("last", "прошлом",
    "الماضية", "گذشته", "geçen"): see :func:`~tracker.analysis.year_words.last_year_words`."""
    last_year_alone: frozenset[str] = frozenset()
    """The words that are "last year" by themselves ("去年", "πέρσι", "былтыр", "작년")."""
    years: frozenset[str] = frozenset()
    """The words for "year" in those phrases ("year", "году", "سال", "yıl", "Jahr")."""
    weeks: frozenset[str] = frozenset()
    """The words for "week" in CLDR's "last week" ("woche", "неделе", "هفته"): beside
    another "last" word (:meth:`is_last`) they are last week too ("vergangene Woche",
    "на минувшей неделе")."""

    def is_last(self, word: str) -> bool:
        """Whether a keyed word is one of :attr:`last_year`, or an inflected form of a
        long one ("прошлого" for CLDR's "прошлом", "الماضي" for "الماضية")."""
        return _is_last(word, self.last_year)

    def is_year(self, word: str) -> bool:
        """Whether a keyed word is one of :attr:`years` with another ending ("года"), or
        a short one in the Turkic genitive ("ўтган йилнинг", "geçen yılın": last year's)."""
        return word in self.years or any(
            len(name) >= 4 and word.startswith(name[:-1]) and len(word) <= len(name) + 2
            or word.startswith(name) and word[len(name):] in GENITIVES for name in self.years)


@functools.cache
def calendar_words() -> CalendarWords:
    """The stored CLDR tables with the hijri month tables, read once at first use."""
    data = load(CALENDAR_FILE)
    months = {name: Month(GREGORIAN, number) for name, number in data["months"].items()}
    months |= hijri_months()
    weekdays: dict[str, int] = data["weekdays"]
    relative: dict[str, int] = data["relative"]
    keys = [*months, *weekdays, *relative]
    last_year = frozenset(data["last_year"]["beside_year"]).union(map(word_key, SPOKEN_LAST))
    return CalendarWords(months=months, weekdays=weekdays, relative=relative,
                         connectors=frozenset(data["connectors"]).union(
                             map(word_key, SPOKEN_CONNECTORS)),
                         longest=max(len(k.split()) for k in keys),
                         starts=frozenset(k.split()[0] for k in keys if " " in k),
                         month_starts=frozenset(k.split()[0] for k in months),
                         day_starts=frozenset(k.split()[0] for k in [*weekdays, *relative]),
                         weekday_ends=frozenset(k.split()[-1] for k in weekdays),
                         dotted=frozenset(data["dotted"]),
                         # The hijri tables are no CLDR names: never told apart so.
                         marked=frozenset(data["marked"]).union(hijri_months()),
                         short_wide=frozenset(data["short_wide"]),
                         last_year=last_year,
                         last_year_alone=frozenset(data["last_year"]["alone"]),
                         years=frozenset(data["last_year"]["years"]).union(
                             map(word_key, SPOKEN_YEARS)),
                         weeks=_week_words_of(relative, last_year),
                         unspaced=_alternation(k for k in [*relative, *weekdays]
                                               if is_unspaced(k)))


def _is_last(word: str, last_year: frozenset[str]) -> bool:
    """:meth:`CalendarWords.is_last` with the "last" words ``last_year``."""
    return word in last_year or any(
        len(name) >= INFLECTED_FROM and word.startswith(name[:-2])
        and len(word) >= len(name) - 2 for name in last_year)


def _week_words_of(relative: Mapping[str, int], last_year: frozenset[str]) -> frozenset[str]:
    """The word for "week" of each of CLDR's "last week" phrases: the one word left when
    its "last" word and short prepositions are taken out ("на прошлой неделе": неделе).
    A phrase whose "last" word is no known one says nothing ("la semana pasada")."""
    weeks = set()
    for phrase, days in relative.items():
        if days != -DAYS_IN_WEEK or " " not in phrase:
            continue
        rest = [w for w in phrase.split()
                if len(w) > SHORT_WORD and not _is_last(w, last_year)]
        if len(rest) == 1:
            weeks.add(rest[0])
    return frozenset(weeks)


def _alternation(names: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def is_unspaced(text: str) -> bool:
    """Whether ``text`` is in a script written without spaces (Chinese, Japanese)."""
    return len(text) >= 2 and min(text) >= UNSPACED_FROM
