"""What a news text says besides its news: datelines and legal notes, taken out before judging.

Pure. Two conventions of news writing name a country without reporting on it:

* a **dateline** opens a report with where (and when, and by which agency) it was filed:
  "МОСКВА, 21 сентября. /ТАСС/.", "KABUL (AP) —", "Moscow, 13 October 2025:". The city
  is where the reporter sat, not a party to the story: a Moscow agency's report on the
  Taliban and Pakistan is not about Russia.
* a **legal note** that Russian law requires beside the name of an organisation banned in
  Russia: "Талибы* (организация запрещена в России)", a footnote line "* запрещена в РФ".
  It names Russia for the law's sake, in every report on the Taliban, whatever it is about.

:func:`without_asides` returns the text with both taken out; what is left is judged.
"""

from __future__ import annotations

import re

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
    rf"(?P<end>{_END})?\s*")
"""A city, then a date, an agency or both, then a stop: "CITY, 21 Sept. /AGENCY/." """
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
    In a script without capitals the date or the agency must be there."""
    match = DATELINE.match(text)
    if match is None or not match.group("end") and not match.group("sep"):
        return text
    city = match.group("city")
    if city[0].islower():  # scripts without capitals (Arabic, Persian) pass on
        return text
    shouting = city.isupper() and sum(ch.isalpha() for ch in city) >= 3
    if not (match.group("date") or match.group("agency") or shouting):
        return text
    rest = text[match.end():]
    if match.group("end") and match.group("end").strip() in "-–—" and not match.group("agency"):
        agency = AGENCY_AFTER_DASH.match(rest)
        rest = rest[agency.end():] if agency else rest
    # A headline that is a dateline and nothing else keeps its words.
    return rest if rest.strip() else text
