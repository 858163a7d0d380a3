"""What a report recalls by counting back: "a year ago", "год назад", "vor einem Jahr",
"il y a un an", "hace un año", "یک سال پیش" is in the publication's month a year
before; "3 years ago", "8 месяцев назад" counts that many.

Pure. The phrases are CLDR's "{0} years ago" and "{0} months ago" of each feed language
(stored with the calendar tables: :func:`tracker.analysis.calendar_extract.cldr_tables`). The
number is read when printed in digits; where a language's singular differs from its
plural ("год"/"лет", "Jahr"/"Jahren", "an"/"ans"), the singular phrase is one, whatever
word stands for the number ("a", "einem", "un") or none ("год назад"). Like a recalled
season (:mod:`tracker.analysis.seasons`), it is only ever a date the report recalls.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from tracker.analysis.cldr_data import CALENDAR_FILE, load
from tracker.analysis.lexkey import key
from tracker.analysis.word_forms import word_script

MONTHS_IN_YEAR = 12
_GAP = r"[\s-]"
MAX_BACK = 30
"""Years (or months) counted back beyond this are no recall of a recent event."""
_SLOT = r"(?:(\d{1,2})|(\w{1,6}))?"
"""What stands for the number: digits, one short word ("a", "einem", "یک"), or none."""
ONE = ("یک", "ایک", "bir", "бир", "бір", "як", "یو", "एक", "yek")
""""One" in the feed languages whose "{0} years ago" has no singular of its own (Persian,
Urdu, Turkish, Uzbek, Kazakh, Tajik, Pashto, Hindi): "یک سال پیش", "bir yıl önce"."""


@dataclass(frozen=True)
class _Phrase:
    pattern: re.Pattern[str]
    months: int
    """Months one counted unit is."""
    singular: bool


@functools.cache
def _phrases() -> tuple[dict[str, list[_Phrase]], frozenset[str]]:
    """The phrases by their first fixed word, and those words."""
    by_word: dict[str, list[_Phrase]] = {}
    table: dict[str, list[list[str]]] = load(CALENDAR_FILE)["ago"]
    for unit, rows in _with_shared_postpositions(table).items():
        months = MONTHS_IN_YEAR if unit == "year" else 1
        for before, after, one in rows:
            text = (rf"(?<!\w){_words(before)}{_GAP}*" if before else r"(?<!\w)")
            text += _SLOT + (rf"{_GAP}*{_words(after)}(?!\w)" if after else "")
            phrase = _Phrase(re.compile(text), months, one == "1")
            by_word.setdefault((before or after).split()[0], []).append(phrase)
    return by_word, frozenset(by_word)


def _with_shared_postpositions(table: dict[str, list[list[str]]]
                               ) -> dict[str, list[list[str]]]:
    """The rows with every "<unit> <ago>" phrase of the Arabic script also written with
    every other "ago" word the table gives it: CLDR's Persian writes "ماه قبل" but "سال
    پیش", Urdu "سال پہلے", while the press of both writes "سال قبل" and "سال پیش" for
    any unit. The number before the unit is then needed ("یک", "ایک"), as for a plural."""
    def pairs(rows: list[list[str]]) -> list[tuple[str, str]]:
        return [(after.split()[0], after.split()[1]) for before, after, _ in rows
                if not before and len(after.split()) == 2 and word_script(after) == "arabic"]
    postpositions = {ago for rows in table.values() for _, ago in pairs(rows)}
    widened: dict[str, list[list[str]]] = {}
    for unit, rows in table.items():
        held = {(before, after) for before, after, _ in rows}
        nouns = {noun for noun, _ in pairs(rows)}
        phrases = (f"{noun} {ago}" for noun in sorted(nouns) for ago in sorted(postpositions))
        widened[unit] = rows + [["", phrase, "0"] for phrase in phrases
                                if ("", phrase) not in held]
    return widened


def _words(phrase: str) -> str:
    """A phrase's words, apart as in prose or joined as in a URL slug ("a-year-ago")."""
    return _GAP.join(map(re.escape, phrase.split()))


@functools.cache
def _one() -> frozenset[str]:
    return frozenset(map(key, ONE))


def recalled_ago(text: str, anchor: date | None) -> list[date]:
    """The first days of the months ``text`` counts back to from ``anchor``."""
    if anchor is None:
        return []
    by_word, words = _phrases()
    folded = key(text)
    triggers = words.intersection(folded.replace("'", " ").replace("-", " ").split())
    found = []
    for word in triggers:
        for phrase in by_word[word]:
            for match in phrase.pattern.finditer(folded):
                number, word = match.group(1, 2)
                count = int(number) if number else (
                    1 if phrase.singular or word in _one() else 0)
                if 0 < count <= MAX_BACK:
                    found.append(_back(anchor, count * phrase.months))
    return found


def _back(anchor: date, months: int) -> date:
    index = anchor.year * MONTHS_IN_YEAR + anchor.month - 1 - months
    return date(index // MONTHS_IN_YEAR, index % MONTHS_IN_YEAR + 1, 1)
