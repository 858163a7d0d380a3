"""What a news text says besides its news: datelines and legal notes, taken out before judging.

Pure. Two conventions of news writing name a country without reporting on it:

* a **dateline** opens a report with where (and when, and by which agency) it was filed:
  "МОСКВА, 21 сентября. /ТАСС/.", "KABUL (AP) —", "Moscow, 13 October 2025:". The city
  is where the reporter sat, not a party to the story: a Moscow agency's report on the
  Taliban and Pakistan is not about Russia.
  Afghan and Pakistani papers print the agency in brackets with no stop after it
  ("کابل (پژواک) ...", "اسلام آباد (نمائندہ خصوصی) ..."), Arab ones after a dash
  ("إسلام آباد - (وكالات):").
* a **legal note** that Russian law requires beside the name of an organisation banned in
  Russia: "Талибы* (организация запрещена в России)", a footnote line "* запрещена в РФ".
  It names Russia for the law's sake, in every report on the Taliban, whatever it is about.

:func:`without_asides` returns the text with both taken out; what is left is judged.
"""

from __future__ import annotations

import functools
import re

from tracker.analysis.cities import stored_cities
from tracker.analysis.lexkey import word_key
from tracker.analysis.places import stored_places

_WORD = r"[^\W\d_][^\W\d_'’.-]*"
_CITY = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
_DATE = (r"(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+[^\W\d_]{3,12}\.?|[^\W\d_]{3,12}\.?\s+\d{1,2})"
         r"(?:,?\s+\d{4})?")
# An agency in brackets or slashes, or its name in capitals before a dash ("INTERFAX.RU -").
_AGENCY = r"(?:\([^()\n]{2,30}\)|/[^/\n]{2,25}/|[A-ZА-ЯЁ][A-ZА-ЯЁ.]{2,}(?=\s*[-–—]))"
_END = r"(?:\s*[.:]|\s+[-–—]|\s*[-–—]\s)"
DATELINE = re.compile(
    rf"^\s*(?P<city>{_CITY})"
    rf"(?:\s*[,.]\s*(?P<date>{_DATE}))?"
    rf"(?P<sep>\s*\.)?"
    rf"(?:\s*(?P<agency>{_AGENCY}))?"
    rf"(?P<end>{_END})?"
    rf"(?:\s*(?P<late>\([^()\n]{{2,30}}\))\s*[.:]?)?\s*")
"""A city, then a date, an agency or both, then a stop: "CITY, 21 Sept. /AGENCY/."; or
a bracketed agency after the stop: "CITY - (AGENCY):"."""
_UNSTOPPED_CITY_WORDS = 2
"""Most words of a city before a bracketed agency with no stop: "اسلام آباد (…)"."""
AGENCY_AFTER_DASH = re.compile(r"[A-ZА-ЯЁ][\w-]*(?:\s+[A-ZА-ЯЁ][\w-]*){0,2}\.\s+")
"""The agency's name as a sentence of its own after the dash: "МОСКВА, 27 фев - РИА
Новости. Россия ..." (every word capitalised: a report's first sentence has more)."""

_BANNED = (r"запрещ[её]н\w*|запрещ\w*|признан\w*\s+террорист\w*|экстремист\w*|"
           r"заборонен\w*")
LEGAL_NOTE = re.compile(
    rf"\((?=[^()\n]{{0,120}}(?:{_BANNED}))[^()\n]{{0,160}}\)"
    rf"|^\s*\*+[^\n]{{0,240}}(?:{_BANNED})[^\n]*$",
    re.IGNORECASE | re.MULTILINE)
"""A parenthesis or a footnote line that says an organisation is banned or listed."""


def without_asides(text: str) -> str:
    """``text`` without its opening dateline and its legal notes."""
    return strip_dateline(LEGAL_NOTE.sub(" ", text))


def strip_dateline(text: str) -> str:
    """``text`` without the dateline it opens with, if it opens with one.

    A dateline needs a city and a stop, and besides them a date or an agency, or a city
    written in capitals ("ISLAMABAD:"): "Moscow, Kabul sign a deal" has none of these.
    In a script without capitals the date or the agency must be there; a bracketed
    agency with no stop after it ("کابل (پژواک) ...") needs a city GeoNames or CLDR
    knows, as "طالبان (…)" opening a sentence is no dateline."""
    match = DATELINE.match(text)
    if match is None:
        return text
    city = match.group("city")
    # The date's own abbreviation stop may be the dateline's ("ТЕРМЕЗ, 6 июля. Первые").
    date_stop = (match.group("date") or "").endswith(".")
    if (not match.group("end") and not match.group("sep") and not date_stop
            and not _unstopped(match)):
        return text
    if city[0].islower():  # scripts without capitals (Arabic, Persian) pass on
        return text
    shouting = city.isupper() and sum(ch.isalpha() for ch in city) >= 3
    if not (match.group("date") or match.group("agency") or match.group("late") or shouting):
        return text
    rest = text[match.end():]
    if match.group("end") and match.group("end").strip() in "-–—" and not match.group("agency"):
        agency = AGENCY_AFTER_DASH.match(rest)
        rest = rest[agency.end():] if agency else rest
    # A headline that is a dateline and nothing else keeps its words.
    return rest if rest.strip() else text


def _unstopped(match: re.Match[str]) -> bool:
    """Whether a dateline with no stop is a known city, in a script without capitals,
    and a bracketed agency: the way Afghan and Pakistani papers print it."""
    city, agency = match.group("city"), match.group("agency")
    return (bool(agency) and agency.startswith("(") and city[0].lower() == city[0].upper()
            and len(city.split()) <= _UNSTOPPED_CITY_WORDS and word_key(city) in _city_keys())


@functools.cache
def _city_keys() -> frozenset[str]:
    """Every city name CLDR (time-zone cities) and the stored GeoNames extract hold."""
    names = [name for place_id, held in stored_places().items()
             if place_id.startswith("city:") for name in held]
    names += [name for city in stored_cities() for name in city.names]
    return frozenset(map(word_key, names))
