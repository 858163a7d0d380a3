"""Seasons a report recalls: "last summer", "прошлым летом", "الصيف الماضي", "去年夏天".

Pure. A season beside a "last" word (CLDR's, as in "last year") or "last year" is the
latest such season before the publication, not counting the one it is published in
("last summer" written in August is the summer before). It stands for its middle month,
and is only ever a date the report recalls, never its event's: "Russia, which
recognised the Taliban last summer, sent wheat" is news of the wheat. The words are
general vocabulary (``tracker/data/seasons.toml``): CLDR names no seasons.
"""

from __future__ import annotations

import functools
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
    """The first days of the middle months of the seasons ``text`` recalls."""
    if anchor is None:
        return []
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
        found += [_latest(season, anchor) for word, season in table.items()
                  if is_unspaced(word) and _after_last_year(folded, word, words)]
    tokens = Tokens(folded)
    for index, word in enumerate(tokens.words):
        season = table.get(word)
        if season is not None and _last(tokens, index, words):
            found.append(_latest(season, anchor))
    return found


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
