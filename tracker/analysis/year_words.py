"""CLDR's words for "last year" and "N years (months) ago", in the feed languages.

Pure, read at export time by :func:`tracker.analysis.calendar_extract.cldr_tables`: which words
make a month last year's ("в июле прошлого года", "geçen yıl temmuz", "去年7月") and
which phrases count back from the day a report was written ("год назад", "vor einem
Jahr", "منذ عامين"), for :mod:`tracker.analysis.date_candidates` and
:mod:`tracker.analysis.ago`.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale

from tracker.analysis.lexkey import TOKEN, key


def last_year_words(locales: Iterable[Locale]) -> dict[str, list[str]]:
    """The words of CLDR's "last year" in each feed language: those that its "this year"
    and "next year" lack ("last", "прошлом", "الماضية", "geçen") and those they share
    ("year", "году", "السنة", "yıl"); a phrase of one word is "last year" alone ("去年",
    "πέρσι"). A month near the phrase is last year's: "in July last year", "в июле
    прошлого года", "geçen yıl temmuz", "تیر سال گذشته", "去年7月"."""
    beside: set[str] = set()
    alone: set[str] = set()
    years: set[str] = set()
    for loc in locales:
        relative = loc._data["date_fields"].get("year", {}).get("relative", {})
        if -1 not in relative:
            continue
        # Whole words only: a word the date reader's tokens split (Devanagari vowel
        # signs, an Uzbek apostrophe) would stand as a fragment.
        phrase = key(relative[-1]).split()
        others = {w for offset in (0, 1) for w in key(relative.get(offset, "")).split()}
        distinct = [w for w in phrase if w not in others and len(w) > 1 and TOKEN.fullmatch(w)]
        (alone if len(phrase) == 1 else beside).update(distinct)
        # A word of two letters is "year" only where "this year" and "next year" both
        # have it (Azerbaijani il: bu il, gələn il), not an article one of them has (el).
        years.update(part for w in phrase if w in others for part in TOKEN.findall(w)
                     if len(part) > 2 or len(part) == 2 and all(
                         part in key(relative.get(offset, "")).split() for offset in (0, 1)))
    return {"beside_year": sorted(beside), "alone": sorted(alone), "years": sorted(years)}


def ago_patterns(locales: Iterable[Locale]) -> dict[str, list[list[str]]]:
    """CLDR's "{0} years ago" and "{0} months ago" of each feed language, keyed, as
    [before the number, after it, "1" when the pattern is the singular one of a language
    that tells it from the plural ("год назад", "vor einem Jahr": one year, whatever
    stands for the number) else "0" (the number must be printed in digits)]."""
    found: dict[str, set[tuple[str, str, str]]] = {"year": set(), "month": set()}
    for loc in locales:
        for unit, patterns in found.items():
            past = loc._data["date_fields"].get(unit, {}).get("past", {})
            other = past.get("other", "")
            for form, pattern in past.items():
                if "{0}" not in pattern:
                    continue
                before, after = (key(part).strip() for part in pattern.split("{0}", 1))
                singular = "1" if form == "one" and pattern != other else "0"
                if max(len(before), len(after)) > 2:  # not "-{0} y"
                    patterns.add((before, after, singular))
    # A pattern both forms share ("pre {0} godine") needs its number in digits.
    return {unit: sorted([b, a, one] for b, a, one in patterns
                         if one == "0" or (b, a, "0") not in patterns)
            for unit, patterns in found.items()}
