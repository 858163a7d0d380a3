"""Thai years of the Buddhist era, as Thai news prints them: "22 กันยายน 2569" is
22 September 2026.

Pure. The Thai solar calendar's months are the Gregorian ones (CLDR's Thai month names,
through babel); its years, the Buddhist era (พ.ศ.), run 543 ahead. A four-digit year
right after a Thai month name or the era's abbreviation is read as the Gregorian year it
stands for, before the date reader sees the text.
"""

from __future__ import annotations

import functools
import re

OFFSET = 543
"""Buddhist-era years ahead of the Gregorian ones."""
_ERA = "พ.ศ."
_YEARS = (1900 + OFFSET, 2100 + OFFSET)
"""The Buddhist-era years of the Gregorian years the date reader takes."""
_THAI = re.compile(r"[\u0e00-\u0e7f]")


@functools.cache
def _pattern() -> re.Pattern[str]:
    from babel.dates import get_month_names

    names = {name for width in ("wide", "abbreviated")
             for name in get_month_names(width, locale="th").values()} | {_ERA}
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"((?:{alternatives})\s*)(\d{{4}})(?!\d)")


def gregorian_years(text: str) -> str:
    """``text`` with each Buddhist-era year after a Thai month name (or พ.ศ.) written as
    its Gregorian year; any other text as it is."""
    if not _THAI.search(text):
        return text
    return _pattern().sub(_shifted, text)


def _shifted(match: re.Match[str]) -> str:
    year = int(match.group(2))
    if not _YEARS[0] <= year <= _YEARS[1]:
        return match.group(0)
    return match.group(1) + str(year - OFFSET)
