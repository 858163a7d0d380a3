"""The cities a headline names as the place where something happens: "in Tashkent".

A capital in a headline stands for its government ("Beijing urges restraint"), a third
party (:func:`tracker.analysis.side_places.third_countries`); the city where the sides
meet, sign or talk is only where they do it: "Lavrov, Muttaqi meet in Tashkent",
"拉夫罗夫在塔什干会见…", "ラブロフ氏、タシケントで会談", "타슈켄트서 회담", "bertemu … di
Doha", "دیدار … در دوحه", "Toshkentda uchrashdi". Languages mark the place before the
city (a preposition: in, at, в, di, tại, در, дар, 在, ที่), after it (a postposition:
में, میں, で) or on it (a case ending: 에서, -da, -де). Only a word that names a city and
no country is a venue: "in Pakistan" still names a third country, as "in Kyiv" does not.
A lede that names the city's country apart from it ("with his Iranian counterpart in
Tehran", "met Pakistani officials") makes the host a party again; not when it names it
beside its city ("in Tashkent, Uzbekistan", "ウズベキスタンの首都タシケント"), which says
only where the city is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker.analysis.side_places import one_country, party_country, venue_country

# Locative words, as a text's words are after casefolding: only "in" and "at", not "to"
# or "from" (a visit to Beijing is Beijing's too).
PREPOSITIONS = frozenset({
    "in", "at", "à", "en", "em", "a", "в", "во", "у", "w", "we", "v", "ve", "di", "tại",
    "ở", "در", "дар", "في", "په",
})
POSTPOSITIONS = frozenset({"में", "میں", "کې", "で"})
# Case endings of place: Korean, the Turkic locative (Toshkentda, Астанада, Taşkent'te,
# Daşkənddə), Bengali (তাশখন্দে, দোহায়) and Tamil (தாஷ்கண்டில்). The word must still
# name a city to be a venue.
ENDINGS = ("에서", "서", "da", "de", "ta", "te", "də", "tə", "да", "де", "та", "те", "дә",
           "тә", "ে", "য়", "য়", "তে", "ில்")
# Scripts without spaces: Chinese 在/于 before the city, Japanese で after it (the
# katakana or kanji run before it), Thai ที่/ใน before it (and กรุง, "the city of").
_BEFORE_UNSPACED = re.compile("(?:在|于|ที่|ใน)(?:กรุง)?")
_AFTER_UNSPACED = re.compile("([\u30a1-\u30fa\u30fc]+|[\u4e00-\u9fff]+)(?:で|にて)")
_LONGEST_UNSPACED = 12
_WORD = re.compile(r"[^\s,;:،؛.!?()«»\"“”…|/]+")
# In scripts without spaces, a country named just before its city ("の首都", "首都"
# between): how many characters may stand between them, and how long its name may be.
_APPOSED_GAP = 4
_LONGEST_COUNTRY = 8
CityCountry = Callable[[str], str | None]
"""The country of the city a text names (and no country): "" when unknown; None when
the text names no such city."""


def unvenued(parties: list[str], title: str, lede: str, parties_of: Callable[[str], list[str]],
             other_cities: frozenset[str]) -> list[str]:
    """The ``title``'s third ``parties`` (``parties_of`` a text) less a city it names as
    the venue, unless the ``lede`` names that city's country apart from it: the meeting
    was with the host. ``other_cities``: see :func:`venue_country`."""
    def city_country(text: str) -> str | None:
        return venue_country(text, other_cities)

    left = parties_of(without_venues(title, city_country))
    venues = set(parties) - set(left)
    if venues and venues & {party_country(party) for party in parties_of(
            without_venues(lede, city_country, one_country))}:
        return parties
    return left


def without_venues(text: str, city_country: CityCountry,
                   country: Callable[[str], str | None] | None = None) -> str:
    """``text`` with the words that name a city as a venue (a city and no country)
    blanked out; with ``country`` (the one country a text names), also that city's
    country named beside it ("Tashkent, Uzbekistan")."""
    spans = _spaced(text, city_country, country) + _unspaced(text, city_country, country)
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _spaced(text: str, city_country: CityCountry,
            country: Callable[[str], str | None] | None) -> list[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    for index, word in enumerate(words):
        folded = word.group().casefold()
        after = words[index - 1].group().casefold() if index else ""
        before = words[index + 1].group().casefold() if index + 1 < len(words) else ""
        if not (after in PREPOSITIONS or before in POSTPOSITIONS or folded.endswith(ENDINGS)):
            continue
        last = index
        where = city_country(word.group())
        if where is None and after in PREPOSITIONS and index + 1 < len(words):
            # A city of two words ("New Delhi", "Bắc Kinh") after a preposition.
            last = index + 1
            where = city_country(text[word.start():words[last].end()])
        if where is None:
            continue
        spans.append((word.start(), words[last].end()))
        if country is not None and where:
            spans += [words[i].span() for i in (index - 1, last + 1)
                      if 0 <= i < len(words) and country(words[i].group()) == where]
    return spans


def _unspaced(text: str, city_country: CityCountry,
              country: Callable[[str], str | None] | None) -> list[tuple[int, int]]:
    found: list[tuple[int, int, str]] = []
    for marker in _BEFORE_UNSPACED.finditer(text):
        start = marker.end()
        for end in range(start + 2, min(len(text), start + _LONGEST_UNSPACED) + 1):
            where = city_country(text[start:end])
            if where is not None:
                found.append((start, end, where))
                break
    for match in _AFTER_UNSPACED.finditer(text):
        where = city_country(match.group(1))
        if where is not None:
            found.append((*match.span(1), where))
    spans = [(start, end) for start, end, _ in found]
    if country is not None:
        spans += [span for start, _, where in found if where
                  for span in _apposed_before(text, start, where, country)]
    return spans


def _apposed_before(text: str, start: int, where: str,
                    country: Callable[[str], str | None]) -> list[tuple[int, int]]:
    """The country ``where`` named just before ``start`` in a text without spaces."""
    for gap in range(_APPOSED_GAP + 1):
        end = start - gap
        for length in range(2, _LONGEST_COUNTRY + 1):
            if end - length >= 0 and country(text[end - length:end]) == where:
                return [(end - length, end)]
    return []
