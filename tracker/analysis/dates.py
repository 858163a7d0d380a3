"""When did it happen? Event dates from the text of a news item.

News ledes date their event in many ways: "on Thursday", "September 5", "15 января",
"am 7. Oktober", "in April". :func:`event_date` finds the first such mention in a
title or lede and resolves it against the reference date (when the item was
published), choosing the year that puts the event on or just before that date. Bare
years ("since 2003") are context, not the event, and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.analysis.text import fold

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate([
    "january jan januar janvier gennaio enero ocak yanvar yanvarya yanvare sichnya",
    "february feb februar fevrier febbraio febrero subat fevral fevralya fevrale lyutogo",
    "march mar marz mars marzo mart marta marte bereznya",
    "april apr avril aprile abril nisan aprel aprelya aprele kvitnya",
    "may mai maggio mayo mayis maya mae travnya",
    "june jun juni juin giugno junio haziran iyun iyunya iyune chervnya",
    "july jul juli juillet luglio julio temmuz iyul iyulya iyule lypnya lipnya",
    "august aug aout agosto agustos avgust avgusta avguste serpnya",
    "september sep sept septembre settembre septiembre eylul sentyabr sentyabrya "
    "sentyabre veresnya",
    "october oct oktober octobre ottobre octubre ekim oktyabr oktyabrya oktyabre zhovtnya",
    "november nov novembre noviembre kasim noyabr noyabrya noyabre listopada",
    "december dec dezember decembre dicembre diciembre aralik dekabr dekabrya dekabre "
    "grudnya",
], start=1):
    for _name in _names.split():
        _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate([
    "monday montag lundi lunedi lunes pazartesi ponedelnik",
    "tuesday dienstag mardi martedi martes sali vtornik",
    "wednesday mittwoch mercredi mercoledi miercoles carsamba sredu sreda",
    "thursday donnerstag jeudi giovedi jueves persembe chetverg",
    "friday freitag vendredi venerdi viernes cuma pyatnitsu pyatnitsa",
    "saturday samstag samedi sabato sabado cumartesi subbotu subbota",
    "sunday sonntag dimanche domenica domingo pazar voskresene voskresenye",
]):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|\.)?(?:\s+de)?\s+({_MONTH})\.?"
                        rf"(?:,?\s+(20\d\d|19\d\d))?\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
                        rf"(?:,?\s+(20\d\d|19\d\d))?")
_MONTH_YEAR = re.compile(rf"\b(?:in|v|im|nel|en|a)\s+({_MONTH})"
                         rf"(?:\s+(20\d\d|19\d\d))?\b")
_WEEKDAY_MENTION = re.compile(rf"\b({_WEEKDAY})\b")
_RELATIVE = re.compile(r"\b(today|yesterday|segodnya|vchera|heute|gestern|oggi|ieri)\b")


@dataclass(frozen=True)
class EventDate:
    value: date
    precision: str
    """``day`` or ``month``."""
    source: str
    """``text`` when the item says it, ``published`` when it is the publication date,
    ``seen`` when it rests only on when the tracker first saw the item (no date printed):
    good enough to show, too weak to contradict a known fact's date."""

    def iso(self) -> str:
        return self.value.isoformat() if self.precision == "day" else self.value.isoformat()[:7]


def event_date(texts: list[str], reference: date | None, *, seen: date | None = None
               ) -> EventDate | None:
    """The event date of the first of ``texts`` (title, lede, ...) that gives one.

    ``reference`` is the publication date. Without one, ``seen`` (when the item was
    first seen) stands in, and the dates that rest on it are marked ``seen``; with
    neither, dates that lack a year cannot be placed and are skipped.
    """
    anchor = reference or seen
    for text in texts:
        found = _in_text(fold(text), anchor)
        if found is not None:
            if found.source == "anchored":
                return EventDate(found.value, found.precision,
                                 "text" if reference is not None else "seen")
            return found
    if reference is not None:
        return EventDate(reference, "day", "published")
    if seen is not None:
        return EventDate(seen, "day", "seen")
    return None





def _in_text(text: str, reference: date | None) -> EventDate | None:
    candidates: list[tuple[int, EventDate]] = []
    for match in _ISO.finditer(text):
        found = _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found:
            candidates.append((match.start(), found))
    for match in _DAY_MONTH.finditer(text):
        found = _resolve(int(match.group(1)), _MONTHS[match.group(2)], match.group(3), reference)
        if found:
            candidates.append((match.start(), found))
    for match in _MONTH_DAY.finditer(text):
        found = _resolve(int(match.group(2)), _MONTHS[match.group(1)], match.group(3), reference)
        if found:
            candidates.append((match.start(), found))
    if candidates:
        return min(candidates, key=lambda c: c[0])[1]
    if reference is not None:
        relative = _RELATIVE.search(text)
        weekday = _WEEKDAY_MENTION.search(text)
        if relative and (not weekday or relative.start() < weekday.start()):
            back = 0 if relative.group(1) in ("today", "segodnya", "heute", "oggi") else 1
            return EventDate(reference - timedelta(days=back), "day", "anchored")
        if weekday:
            # The most recent such weekday on or before the reference date.
            back = (reference.weekday() - _WEEKDAYS[weekday.group(1)]) % 7
            return EventDate(reference - timedelta(days=back), "day", "anchored")
    month = _MONTH_YEAR.search(text)
    if month:
        year = int(month.group(2)) if month.group(2) else _year_for(
            _MONTHS[month.group(1)], 1, reference)
        if year is not None:
            found = _make(year, _MONTHS[month.group(1)], 1)
            if found:
                return EventDate(found.value, "month",
                                 "text" if month.group(2) else "anchored")
    return None


def _resolve(day: int, month: int, year_text: str | None, reference: date | None
             ) -> EventDate | None:
    if year_text:
        return _make(int(year_text), month, day)
    year = _year_for(month, day, reference)
    found = None if year is None else _make(year, month, day)
    return EventDate(found.value, "day", "anchored") if found else None


def _year_for(month: int, day: int, reference: date | None) -> int | None:
    """The year that puts month/day on or just before the reference date."""
    if reference is None:
        return None
    for year in (reference.year, reference.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference + timedelta(days=2):
            return year
    return None


def _make(year: int, month: int, day: int) -> EventDate | None:
    try:
        return EventDate(date(year, month, day), "day", "text")
    except ValueError:
        return None
