"""Calendar words for reading dates in many languages.

Gregorian month names, weekday names, the words for "yesterday", "today" and
"tomorrow", and the literal words of date patterns ("7 de octubre de 2025", "2025 г.")
come from CLDR through babel (extracted by :func:`cldr_tables`, stored by
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
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from babel import Locale, localedata

from tracker.analysis.calendar_systems import (
    GREGORIAN,
    Month,
    hijri_months,
)
from tracker.analysis.cldr_data import CALENDAR_FILE, load
from tracker.analysis.lexkey import TOKEN, word_key
from tracker.analysis.word_forms import word_script
from tracker.analysis.year_words import ago_patterns, last_year_words

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

# "Last year" is a phrase of two words ("keçən il", "tahun lalu"), no common word of
# another language: read in the languages left out above for a day word of theirs.
LAST_YEAR_LANGUAGES = FEED_LANGUAGES | {"az", "id"}

# Slavic weekday names after "в/у/w" take the accusative: среда -> в среду,
# п'ятниця -> у п'ятницю, środa -> w środę. CLDR has only the nominative, so the
# ending change is applied to the feminine names of these languages.
_ENDINGS = dict[str, tuple[tuple[str, str], ...]]
_ACCUSATIVE: _ENDINGS = {"ru": (("а", "у"), ("я", "ю")), "uk": (("а", "у"), ("я", "ю")),
                         "pl": (("a", "ę"),)}
# Pashto puts a weekday after "د" (of) in the oblique, Urdu before "کو" (on): جمعه ->
# د جمعې په ورځ, جمعہ -> جمعے کو (on Friday). Read with that word only: alone, جمعې is
# spelled as Persian جمعی (collective), and ہفتے is also "weeks".
_OBLIQUE_PHRASES = {"ps": ("د ", "ه", "ې", ""), "ur": ("", "ہ", "ے", " کو")}
"""Language: (word before, the name's ending, its oblique, word after)."""
# Words that stand without a number and are often a plain word: French "hier"
# (yesterday) is German "here"; German "Morgen" and Spanish "mañana" are "tomorrow" and
# "morning" ("heute Morgen", "esta mañana").
_HOMOGRAPHS = frozenset({"hier", "morgen", "manana"})
# A name of another language shorter than this is too often a word ("out", "me").
_MIN_OTHER_NAME = 4
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
# Abbreviated weekdays ("Do", "mar") are plain words elsewhere, except in the scripts
# written without spaces, where "周四" is how news names Thursday.
_WEEKDAY_WIDTHS = (("format", "wide"), ("stand-alone", "wide"), ("format", "abbreviated"))
UNSPACED_FROM = "\u3040"  # kana, CJK ideographs, Hangul and later: no spaces between words
# Russian and Ukrainian put a month after "в/у" (in) in the locative case: октябрь ->
# в октябре, жовтень -> у жовтні; Tajik joins a month to its year with the izafet -и:
# 7 октябри 2025. CLDR has only the nominative and genitive, so the ending change is
# applied to the stand-alone names (the first matching rule in the name's script).
# Greek puts it in the accusative: Ιούλιος -> τον Ιούλιο; Serbian after its day or
# before its year in the genitive: јул -> 7. јула 2025, септембар -> септембра.
_LOCATIVE: _ENDINGS = {"ru": (("ь", "е"), ("й", "е"), ("", "е")),
                       "uk": (("ень", "ні"), ("ий", "ому"), ("", "і")),
                       "tg": (("", "и"),),
                       "el": (("οσ", "ο"),),
                       "sr": (("бар", "бра"), ("bar", "bra"), ("", "а"), ("", "a"))}
# Polish and Czech make the locative from the genitive CLDR gives (the format names):
# lipca -> w lipcu, lutego -> w lutym, listopada -> w listopadzie; července -> v červenci,
# června -> v červnu.
_GENITIVE_LOCATIVE: _ENDINGS = {"pl": (("ego", "ym"), ("ada", "adzie"), ("a", "u")),
                                "cs": (("ce", "ci"), ("a", "u"))}
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
_QUOTED = re.compile(r"'([^']+)'")
T = TypeVar("T")


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
    """Months' full names of two letters (Hindi मई): see :func:`_short_wide_names`."""
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
        return word in self.last_year or any(
            len(name) >= INFLECTED_FROM and word.startswith(name[:-2])
            and len(word) >= len(name) - 2 for name in self.last_year)

    def is_year(self, word: str) -> bool:
        """Whether a keyed word is one of :attr:`years` with another ending ("года"), or
        a short one in the Turkic genitive ("ўтган йилнинг", "geçen yılın": last year's)."""
        return word in self.years or any(
            len(name) >= 4 and word.startswith(name[:-1]) and len(word) <= len(name) + 2
            or word.startswith(name) and word[len(name):] in GENITIVES for name in self.years)


def cldr_tables() -> dict[str, Any]:
    """The CLDR part of the tables, as stored by :mod:`tracker.analysis.cldr_data`."""
    locales = [Locale.parse(code) for code in localedata.locale_identifiers()]
    feed = [loc for loc in locales if loc.language in FEED_LANGUAGES]
    months = _unambiguous(_gregorian_names(locales))
    connectors = {word_key(lit) for loc in feed for lit in _pattern_literals(loc)} - {""}
    return {
        "months": {name: month.number for name, month in months.items()},
        "dotted": sorted(_dotted_abbreviations(feed)),
        "marked": sorted(_marked_months(locales) & months.keys()),
        "short_wide": sorted(_short_wide_names(feed)),
        "weekdays": _unambiguous({"feed": _weekday_names(feed)}),
        "relative": _unambiguous({"feed": _relative_names(feed)}),
        "connectors": sorted(connectors),
        "last_year": last_year_words(
            [loc for loc in locales if loc.language in LAST_YEAR_LANGUAGES]),
        "ago": ago_patterns(feed),
    }


@functools.cache
def calendar_words() -> CalendarWords:
    """The stored CLDR tables with the hijri month tables, read once at first use."""
    data = load(CALENDAR_FILE)
    months = {name: Month(GREGORIAN, number) for name, number in data["months"].items()}
    months |= hijri_months()
    weekdays: dict[str, int] = data["weekdays"]
    relative: dict[str, int] = data["relative"]
    keys = [*months, *weekdays, *relative]
    last = CalendarWords(months={}, weekdays={}, relative={}, connectors=frozenset(),
                         longest=0, starts=frozenset(), month_starts=frozenset(),
                         day_starts=frozenset(), weekday_ends=frozenset(),
                         unspaced=re.compile(""), dotted=frozenset(),
                         last_year=frozenset(data["last_year"]["beside_year"]).union(
                             map(word_key, SPOKEN_LAST)))
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
                         last_year=last.last_year,
                         last_year_alone=frozenset(data["last_year"]["alone"]),
                         years=frozenset(data["last_year"]["years"]).union(
                             map(word_key, SPOKEN_YEARS)),
                         weeks=_week_words_of(relative, last),
                         unspaced=_alternation(k for k in [*relative, *weekdays]
                                               if is_unspaced(k)))


def _week_words_of(relative: Mapping[str, int], last: CalendarWords) -> frozenset[str]:
    """The word for "week" of each of CLDR's "last week" phrases: the one word left when
    its "last" word and short prepositions are taken out ("на прошлой неделе": неделе).
    A phrase whose "last" word is no known one says nothing ("la semana pasada")."""
    weeks = set()
    for phrase, days in relative.items():
        if days != -DAYS_IN_WEEK or " " not in phrase:
            continue
        rest = [w for w in phrase.split() if len(w) > SHORT_WORD and not last.is_last(w)]
        if len(rest) == 1:
            weeks.add(rest[0])
    return frozenset(weeks)


def _gregorian_names(locales: Iterable[Locale]) -> dict[str, dict[str, set[Month]]]:
    """Names by origin ("feed" or "other"): wide names everywhere, abbreviations only
    in the feed languages (elsewhere they are too often short common words)."""
    found: dict[str, dict[str, set[Month]]] = {"feed": defaultdict(set),
                                               "other": defaultdict(set)}
    for loc in locales:
        origin = "feed" if loc.language in FEED_LANGUAGES else "other"
        widths = ("wide", "abbreviated") if origin == "feed" else ("wide",)
        for context in ("format", "stand-alone"):
            for width in widths:
                for number, name in loc.months[context][width].items():
                    for name_key in _month_keys(name, loc.language, context, width):
                        too_short = origin == "other" and len(name_key) < _MIN_OTHER_NAME
                        if name_key and not too_short and not any(
                                c.isdigit() for c in name_key):
                            found[origin][name_key].add(Month(GREGORIAN, number))
    return found


def _marked_months(locales: Iterable[Locale]) -> set[str]:
    """The keys of the month names (and their derived forms) CLDR writes with a letter
    that keying folds: an accent, a mark, ł or ß (see :attr:`CalendarWords.marked`)."""
    marked: set[str] = set()
    for loc in locales:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in loc.months[context][width].values():
                    if " ".join(TOKEN.findall(name.casefold())) != word_key(name):
                        marked.update(_month_keys(name, loc.language, context, width))
    return marked


def _month_keys(name: str, language: str, context: str, width: str) -> list[str]:
    """The name's key, and its form after "in" or before the year ("в октябре")."""
    keys = [word_key(name)]
    if width != "wide":
        return keys
    rules = (_LOCATIVE if context == "stand-alone" else _GENITIVE_LOCATIVE).get(language, ())
    folded = name.casefold()
    for ending, locative in rules:
        if folded.endswith(ending) and word_script(locative or folded) == word_script(folded):
            keys.append(word_key(folded[: len(folded) - len(ending)] + locative))
            break
    return keys


def _dotted_abbreviations(locales: Iterable[Locale]) -> frozenset[str]:
    dotted: set[str] = set()
    plain: set[str] = set()
    for loc in locales:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in loc.months[context][width].values():
                    (dotted if width == "abbreviated" and name.endswith(".") else plain).add(
                        word_key(name))
    return frozenset(dotted - plain)


def _short_wide_names(locales: Iterable[Locale]) -> frozenset[str]:
    """The full (wide) month names of exactly two letters: a day before one without its
    year ("14 मई को") dates it, where a two-letter abbreviation ("नव॰", also "new")
    is too often a word."""
    return frozenset(key for loc in locales for context in ("format", "stand-alone")
                     for name in loc.months[context]["wide"].values()
                     if len(key := word_key(name)) == SHORT_WORD)


def _weekday_names(locales: Iterable[Locale]) -> dict[str, set[int]]:
    locales = list(locales)
    weeks = _week_words(locales)
    found: dict[str, set[int]] = defaultdict(set)
    for loc in locales:
        for context, width in _WEEKDAY_WIDTHS:
            for number, name in loc.days[context][width].items():
                if width == "abbreviated" and not is_unspaced(name):
                    continue
                for variant in _with_accusative(name.casefold(), loc.language):
                    if word_key(variant) not in _HOMOGRAPHS | weeks:
                        found[word_key(variant)].add(number)
    return found


def _week_words(locales: Iterable[Locale]) -> frozenset[str]:
    """The word for "week" in each locale (CLDR's unit pattern "{0} weeks"): in Pashto
    and Urdu, Saturday's name is that word (اونۍ, ہفتہ), and so is Persian's week
    (هفته): "next week" names no Saturday."""
    words: set[str] = set()
    for loc in locales:
        units = loc._data.get("unit_patterns", {}).get("duration-week", {})
        for width in ("long", "short"):
            for plural, pattern in units.get(width, {}).items():
                if plural != "per":
                    words.update(word_key(w) for w in pattern.replace("{0}", " ").split())
    return frozenset(words)


def _alternation(names: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def is_unspaced(text: str) -> bool:
    """Whether ``text`` is in a script written without spaces (Chinese, Japanese)."""
    return len(text) >= 2 and min(text) >= UNSPACED_FROM


def _with_accusative(name: str, language: str) -> list[str]:
    variants = [name]
    for ending, accusative in _ACCUSATIVE.get(language, ()):
        if name.endswith(ending):
            variants.append(name[: -len(ending)] + accusative)
    if language in _OBLIQUE_PHRASES:
        before, ending, oblique, after = _OBLIQUE_PHRASES[language]
        if name.endswith(ending):
            variants.append(before + name[: -len(ending)] + oblique + after)
    return variants


def _relative_names(locales: Iterable[Locale]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for loc in locales:
        for field in ("day", "day-short"):
            relative = loc._data["date_fields"].get(field, {}).get("relative", {})
            for offset, name in relative.items():
                name_key = word_key(name)
                # Two letters ("کل") are too short to tell "yesterday" from a word
                # (but for Chinese "昨天", where two characters are a word);
                # "today" costs nothing if wrong, since it is the publication date.
                long_enough = len(name_key) > 2 or is_unspaced(name_key) or offset == 0
                if name_key not in _HOMOGRAPHS and long_enough:
                    found[name_key].add(int(offset))
        # "Last week" ("на прошлой неделе", "geçen hafta", 上周): a week before, give or
        # take the days the join window allows.
        last_week = loc._data["date_fields"].get("week", {}).get("relative", {}).get(-1)
        if last_week and (len(word_key(last_week)) > 2 or is_unspaced(word_key(last_week))):
            found[word_key(last_week)].add(-DAYS_IN_WEEK)
    return found


def _pattern_literals(loc: Locale) -> list[str]:
    return [literal for width in ("full", "long", "medium")
            for literal in _QUOTED.findall(loc.date_formats[width].pattern)]


def _unambiguous(by_origin: Mapping[str, Mapping[str, set[T]]]) -> dict[str, T]:
    """One meaning per key: a feed language's meaning first, else the only one there is.

    A key with two meanings in the same rank is dropped: "listopada" is November in
    Polish and October in Croatian (Polish, a feed language, wins); Urdu کل is both
    "yesterday" and "tomorrow" and so tells neither.
    """
    table: dict[str, T] = {}
    for origin in ("other", "feed"):
        for name, meanings in by_origin.get(origin, {}).items():
            if len(meanings) == 1:
                table[name] = next(iter(meanings))
            elif origin == "feed":
                table.pop(name, None)
    return table


