"""The calendars news dates are printed in, and conversions between them.

Gregorian; solar hijri, the calendar of Iran and Afghanistan, whose months Iran names
after old Persian months and Afghanistan after the signs of the zodiac (in Dari and
Pashto); and lunar hijri (Umm al-Qura), as Arabic, Persian and Urdu print it. babel
ships only the Gregorian calendar's month names, so the hijri months are the documented
tables below; conversion is done by ``jdatetime`` (solar) and ``hijridate`` (lunar).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import jdatetime
from hijridate import Gregorian, Hijri

from tracker.analysis.lexkey import word_key

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar"
LUNAR_HIJRI = "lunar"

# Solar hijri months. Iran names them after old Persian months; Afghanistan (Dari) after
# the signs of the zodiac in Arabic, Pashto after the same signs in Pashto. Month 1 of
# each is the one that starts at the March equinox (1 Hamal 1404 = 21 March 2025).
# Pashto's g is written ګ in its own press and گ as in Dari: both spellings are given.
SOLAR_MONTHS = (
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت",
    "وری غویی غبرگولی|غبرګولی چنگاښ|چنګاښ زمری وږی تله|تلې لړم لیندۍ مرغومی سلواغه|سلواغې کب",
)
# Lunar hijri months as Arabic, Persian and Urdu print them; "|" separates spellings
# of one month ("ربيع الآخر" and "ربيع الثاني" are one month).
LUNAR_MONTHS = (
    "محرم", "صفر", "ربيع الأول|ربيع أول|ربيع الاول", "ربيع الآخر|ربيع الثاني|ربيع ثاني",
    "جمادى الأولى|جمادى الأول|جمادی الاول|جمادى اولى",
    "جمادى الآخرة|جمادى الثانية|جمادی الثانی|جمادى الآخر",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة|ذي القعدة|ذوالقعده|ذیقعده",
    "ذو الحجة|ذي الحجة|ذوالحجه|ذیحجه",
)


@dataclass(frozen=True)
class Month:
    calendar: str
    number: int


def hijri_months() -> dict[str, Month]:
    months: dict[str, Month] = {}
    for names in SOLAR_MONTHS:
        for number, spellings in enumerate(names.split(), start=1):
            # Pashto names ending in -ه take -ې after "د" (of): د تلې ۱۵مه.
            for name in spellings.split("|"):
                months[word_key(name)] = Month(SOLAR_HIJRI, number)
    for number, spellings in enumerate(LUNAR_MONTHS, start=1):
        for name in spellings.split("|"):
            months[word_key(name)] = Month(LUNAR_HIJRI, number)
    return months


def to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a day in ``calendar``, or None if there is no such day."""
    try:
        if calendar == SOLAR_HIJRI:
            result: date = jdatetime.date(year, month, day).togregorian()
            return result
        if calendar == LUNAR_HIJRI:
            converted = Hijri(year, month, day).to_gregorian()
            return date(converted.year, converted.month, converted.day)
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def year_of(calendar: str, day: date) -> int:
    """The year ``day`` falls in, counted in ``calendar``."""
    if calendar == SOLAR_HIJRI:
        return int(jdatetime.date.fromgregorian(date=day).year)
    if calendar == LUNAR_HIJRI:
        try:
            return int(Gregorian(day.year, day.month, day.day).to_hijri().year)
        except (ValueError, OverflowError):
            return round((day.year - 622) * 365.2422 / 354.367)
    return day.year


def hijri_calendar_of_year(year: int, reference: date | None) -> str:
    """Which hijri calendar a bare year such as 1404 or 1447 counts in.

    The two count apart by about 43 years now: the one whose current year is nearer
    to ``year`` (without a reference, the boundary between them in 2000-2040).
    """
    if reference is None:
        return SOLAR_HIJRI if year <= 1420 else LUNAR_HIJRI
    solar = reference.year - 621
    lunar = round((reference.year - 622) * 365.2422 / 354.367)
    return SOLAR_HIJRI if abs(year - solar) <= abs(year - lunar) else LUNAR_HIJRI
