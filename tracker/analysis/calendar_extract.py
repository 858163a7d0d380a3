"""The CLDR part of the calendar tables, extracted from babel at export time.

:func:`cldr_tables` reads the Gregorian month names of every locale, and the weekday
names, relative days ("yesterday", "last week") and date patterns' literal words of the
languages the feeds use (:data:`~tracker.analysis.calendars.FEED_LANGUAGES`), with the
inflected forms news writes and CLDR lacks (the locative "в октябре", the accusative "в
среду"). :mod:`tracker.analysis.cldr_export` stores them, and
:mod:`tracker.analysis.calendars` reads them back: babel is needed only here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from babel import Locale, localedata

from tracker.analysis.calendar_systems import GREGORIAN, Month
from tracker.analysis.calendars import (
    DAYS_IN_WEEK,
    FEED_LANGUAGES,
    SHORT_WORD,
    is_unspaced,
)
from tracker.analysis.lexkey import TOKEN, word_key
from tracker.analysis.word_forms import word_script
from tracker.analysis.year_words import ago_patterns, last_year_words

# "Last year" is a phrase of two words ("keçən il", "tahun lalu"), no common word of
# another language: read in the languages left out of FEED_LANGUAGES for a day word of
# theirs.
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
# Abbreviated weekdays ("Do", "mar") are plain words elsewhere, except in the scripts
# written without spaces, where "周四" is how news names Thursday.
_WEEKDAY_WIDTHS = (("format", "wide"), ("stand-alone", "wide"), ("format", "abbreviated"))
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
_QUOTED = re.compile(r"'([^']+)'")
T = TypeVar("T")


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
    that keying folds: an accent, a mark, ł or ß (see
    :attr:`~tracker.analysis.calendars.CalendarWords.marked`)."""
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


