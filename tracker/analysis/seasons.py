"""Seasons a report recalls: "last summer", "прошлым летом", "الصيف الماضي", "去年夏天",
"summer 2025", "تابستان ۱۴۰۴".

Pure. A season beside a "last" word (CLDR's, as in "last year") or "last year" is the
latest such season before the publication, not counting the one it is published in
("last summer" written in August is the summer before); beside a year, that year's (a
solar hijri one's in the Gregorian year it falls in). It stands for its middle month,
and is only ever a date the report recalls, never its event's: "Russia, which
recognised the Taliban last summer, sent wheat" is news of the wheat. The words are
general vocabulary (``tracker/data/seasons.toml``): CLDR names no seasons.
"""

from __future__ import annotations

import functools
import re
import tomllib
from datetime import date
from importlib import resources

from tracker.analysis.calendars import (
    UNSPACED_FROM,
    CalendarWords,
    calendar_words,
    is_unspaced,
)
from tracker.analysis.date_candidates import last_year_near
from tracker.analysis.date_tokens import Tokens
from tracker.analysis.day_words import last_beside
from tracker.analysis.lexkey import key, word_key

MIDDLE_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "winter": 1}
"""The month a season stands for (northern hemisphere: the feeds' languages')."""
LAST_MONTH = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}
_PUNCTUATION = ".,;:!?«»\"'()[]…،؛"
"""Stripped from the words a text splits into, to look its season words up at once."""
YEAR_REACH = 3
"""Words from a season to its year ("summer of 2025", "en el verano de 2025")."""
YEAR_DIGITS = 4
GREGORIAN_YEARS = (1900, 2100)
SOLAR_HIJRI_YEARS = (1300, 1500)
SOLAR_HIJRI_OFFSET = 621
"""A solar hijri year's spring, summer and autumn fall in this Gregorian year later."""
_UNSPACED_YEAR = re.compile(r"(\d{4})年的?$")
UNSPACED_GAP = 1
"""Characters that may stand between "去年" and its season ("去年的夏天")."""


LAST = "last"
"""The table of "last" words beside the seasons' in the data file."""


@functools.cache
def _tables() -> dict[str, dict[str, list[str]]]:
    raw = resources.files("tracker").joinpath("data/seasons.toml").read_text("utf-8")
    tables: dict[str, dict[str, list[str]]] = tomllib.loads(raw)
    return tables


@functools.cache
def season_words() -> dict[str, str]:
    """Each season word, keyed as the date reader keys words, and its season."""
    return {word_key(word): season for season, languages in _tables().items()
            if season != LAST for words in languages.values() for word in words}


@functools.cache
def _unspaced_words() -> tuple[str, ...]:
    return tuple(word for word in season_words() if is_unspaced(word))


@functools.cache
def last_words() -> frozenset[str]:
    """The "last" words of the data file, keyed."""
    return frozenset(word_key(word) for words in _tables()[LAST].values() for word in words)


def recalled_seasons(text: str, anchor: date | None) -> list[date]:
    """The first days of the middle months of the seasons ``text`` recalls: the last
    one ("last summer", by ``anchor``), or one of a year ("summer 2025", "летом 2025
    года", "2025 yazında", "تابستان ۱۴۰۴", "2025年夏天")."""
    table = season_words()
    folded = key(text)
    # Elided articles (l'été) and URL slugs (last-summer) join words.
    words_in = folded.replace("'", " ").replace("-", " ").split()
    if table.keys().isdisjoint([w.strip(_PUNCTUATION) for w in words_in]) and not any(
            word in folded for word in _unspaced_words()):
        return []  # most texts name no season: no word-by-word walk
    words = calendar_words()
    found = []
    if max(folded, default="") >= UNSPACED_FROM:
        found += _unspaced(folded, anchor, words)
    tokens = Tokens(folded)
    for index, word in enumerate(tokens.words):
        season = table.get(word)
        if season is None:
            continue
        year = _year_beside(tokens, index)
        if year is not None:
            found += _of_year(season, year)
        elif anchor is not None and _last(tokens, index, words):
            found.append(_latest(season, anchor))
    return found


def _unspaced(folded: str, anchor: date | None, words: CalendarWords) -> list[date]:
    found = []
    for word, season in season_words().items():
        if not is_unspaced(word) or word not in folded:
            continue
        dated = _UNSPACED_YEAR.search(folded[:folded.find(word)])
        if dated is not None:
            found += _of_year(season, int(dated.group(1)))
        elif anchor is not None and _after_last_year(folded, word, words):
            found.append(_latest(season, anchor))
    return found


def _year_beside(tokens: Tokens, index: int) -> int | None:
    """A year printed within :data:`YEAR_REACH` words after the season, or right before
    it, in one phrase."""
    texts = tokens.words
    for at in (*range(index + 1, min(index + 1 + YEAR_REACH, len(texts))), index - 1):
        low, high = min(at, index), max(at, index)
        if at >= 0 and len(texts[at]) == YEAR_DIGITS and texts[at].isdigit() and all(
                tokens.joined(i) for i in range(low, high)):
            return int(texts[at])
    return None


def _of_year(season: str, year: int) -> list[date]:
    """A season of a Gregorian or a solar hijri year (the Afghan and Iranian calendar's
    seasons begin at the equinoxes and solstices, as the Gregorian ones are reckoned)."""
    if SOLAR_HIJRI_YEARS[0] <= year <= SOLAR_HIJRI_YEARS[1]:
        year += SOLAR_HIJRI_OFFSET + (season == "winter")
    elif not GREGORIAN_YEARS[0] <= year <= GREGORIAN_YEARS[1]:
        return []
    return [date(year, MIDDLE_MONTH[season], 1)]


def _last(tokens: Tokens, index: int, words: CalendarWords) -> bool:
    span = (index, index + 1)
    texts, more = tokens.words, last_words()
    before = index > 0 and tokens.joined(index - 1) and texts[index - 1] in more
    after = index + 1 < len(texts) and tokens.joined(index) and texts[index + 1] in more
    return (before or after or last_beside(tokens, span, words)
            or last_year_near(tokens, span, words))


def _after_last_year(folded: str, word: str, words: CalendarWords) -> bool:
    at = folded.find(word)
    return at > 0 and any(
        folded.rfind(last, 0, at) >= at - len(last) - UNSPACED_GAP
        and folded.rfind(last, 0, at) >= 0 for last in words.last_year_alone)


def _latest(season: str, anchor: date) -> date:
    """The latest such season that ended before the publication's month began."""
    middle, last = MIDDLE_MONTH[season], LAST_MONTH[season]
    year = anchor.year if last < anchor.month else anchor.year - 1
    if season == "winter" and anchor.month == 12:
        year = anchor.year  # the winter that ended in February of this year
    return date(year, middle, 1)
