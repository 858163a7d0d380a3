"""Event dates from a title and lede (tracker.analysis.dates), on hand-written ledes.

The first part uses only the public :func:`event_date` and :class:`EventDate`, so it
describes what the dates module promises, whatever it looks like inside. The second
part covers the languages, scripts and calendars the feeds use (issue 13), and the
calendar tables and conversions behind them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis.calendar_systems import (
    GREGORIAN,
    LUNAR_HIJRI,
    SOLAR_HIJRI,
    hijri_calendar_of_year,
    to_gregorian,
)
from tracker.analysis.calendars import calendar_words
from tracker.analysis.date_tokens import DayHint
from tracker.analysis.dates import EventDate, dates_of, event_date
from tracker.analysis.lexkey import key
from tracker.analysis.quantities import quantities

MONDAY = date(2026, 3, 9)


def day(text: str, reference: date | None = MONDAY, **kwargs: date) -> EventDate | None:
    return event_date([text], reference, **kwargs)


@pytest.mark.parametrize(("text", "expected"), [
    ("Talks were held on 2026-03-05 in the capital", date(2026, 3, 5)),
    ("Ministers met on March 5 to sign the accord", date(2026, 3, 5)),
    ("Ministers met on 5 March to sign the accord", date(2026, 3, 5)),
    ("Delegation arrived on the 5th March", date(2026, 3, 5)),
    ("Les ministres se sont rencontrés le 5 mars", date(2026, 3, 5)),
    ("Die Minister trafen sich am 5. März", date(2026, 3, 5)),
    ("Los ministros se reunieron el 5 de marzo", date(2026, 3, 5)),
    ("Министры встретились 5 марта в столице", date(2026, 3, 5)),
    ("Bakanlar 5 Mart tarihinde bir araya geldi", date(2026, 3, 5)),
])
def test_a_day_and_month_in_any_of_several_languages(text: str, expected: date) -> None:
    found = day(text)
    assert found == EventDate(expected, "day", "text")
    assert found.iso() == expected.isoformat()


def test_the_year_is_the_one_that_puts_the_day_on_or_just_before_the_reference() -> None:
    assert day("Signed on December 20", reference=date(2026, 1, 10)) == EventDate(
        date(2025, 12, 20), "day", "text")
    # Two days ahead is still this year (a lede written the evening before, say) ...
    found = day("Talks set for March 11", reference=MONDAY)
    assert found is not None and found.value == date(2026, 3, 11)
    # ... further ahead is read as last year's, which lies a year back: history, not the
    # event (issue 13), so the publication date stands.
    assert day("Talks on March 20", reference=MONDAY) == EventDate(MONDAY, "day", "published")
    found = day("Talks on March 20", reference=date(2026, 4, 2))
    assert found is not None and found.value == date(2026, 3, 20)


def test_a_printed_year_is_taken_as_written() -> None:
    assert day("Talks set for March 20, 2026") == EventDate(date(2026, 3, 20), "day", "text")
    # A date years back is history told for context, not the event (issue 13).
    assert day("The accord of September 5, 2021 still stands") == EventDate(
        MONDAY, "day", "published")


def test_weekdays_and_relative_days_count_back_from_the_reference() -> None:
    assert day("Ministers met on Thursday") == EventDate(date(2026, 3, 5), "day", "text")
    # The publication day named by a weekday or "today" says what the publication does.
    assert day("Ministers meet on Monday") == EventDate(MONDAY, "day", "published")
    assert day("Ministers met yesterday") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Министры встретились вчера") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Die Minister treffen sich heute") == EventDate(MONDAY, "day", "published")
    # The languages read later: Portuguese, Bulgarian, Czech, Greek, Serbian.
    assert day("Os ministros reuniram-se ontem") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Министрите се срещнаха вчера") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Ministři se sešli včera") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Οι υπουργοί συναντήθηκαν χθες") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Министри су се састали јуче") == EventDate(date(2026, 3, 8), "day", "text")


def test_a_short_word_of_another_language_does_not_stand_for_today() -> None:
    # Hungarian "ma" (today) is Italian "but" and Polish "has": Hungarian's day words are
    # not read, so the "ieri" and "wczoraj" after it date these.
    yesterday = EventDate(date(2026, 3, 8), "day", "text")
    assert day("Mosca ha taciuto, ma ieri il ministro ha firmato") == yesterday
    assert day("Rosja ma plan, wczoraj minister podpisał umowę") == yesterday
    # Azerbaijani "sabah" (tomorrow) is Turkish "morning", its "bazar" (Sunday) a market.
    assert day("Bakan bu sabah Kabil'e geldi") == EventDate(MONDAY, "day", "published")
    assert day("En el bazar, ayer el ministro firmó") == yesterday
    # Bulgarian "неделя" (Sunday) is Russian "week".
    assert day("Прошла неделя с начала переговоров") == EventDate(MONDAY, "day", "published")


def test_the_first_mention_in_the_text_wins() -> None:
    found = day("On March 3 envoys met again, after the talks of 2026-01-15")
    assert found is not None and found.value == date(2026, 3, 3)


def test_a_month_alone_has_month_precision() -> None:
    found = day("Trade grew in February, officials said")
    assert found == EventDate(date(2026, 2, 1), "month", "text")
    assert found.iso() == "2026-02"
    assert day("Trade grew in January 2026") == EventDate(date(2026, 1, 1), "month", "text")
    # Two years back: history, not the event (issue 13).
    assert day("Trade grew in April 2024") == EventDate(MONDAY, "day", "published")


def test_the_first_text_that_gives_a_date_decides() -> None:
    found = event_date(["Envoys meet", "They met on March 2. Talks resume on March 6."],
                       MONDAY)
    assert found is not None and found.value == date(2026, 3, 2)
    found = event_date(["Envoys met on March 1", "They met on March 2."], MONDAY)
    assert found is not None and found.value == date(2026, 3, 1)


@pytest.mark.parametrize("text", [
    "Relations have been tense since 2003",
    "A committee of 12 members was formed",
    "The deal was signed on February 30",
    "No date at all",
])
def test_without_a_usable_date_the_publication_date_stands_in(text: str) -> None:
    assert day(text) == EventDate(MONDAY, "day", "published")


def test_without_a_publication_date_the_day_first_seen_stands_in_and_says_so() -> None:
    seen = date(2026, 3, 12)
    # What the text says without the year is kept: the weekday, the day of the year.
    assert day("Ministers met on Thursday", reference=None, seen=seen) == EventDate(
        date(2026, 3, 12), "day", "seen", DayHint(weekday=THURSDAY))
    assert day("Ministers met on March 10", reference=None, seen=seen) == EventDate(
        date(2026, 3, 10), "day", "seen", DayHint(3, 10))
    assert day("No date at all", reference=None, seen=seen) == EventDate(seen, "day", "seen")
    # A full date printed in the text needs neither.
    assert day("Signed 2026-03-01", reference=None, seen=seen) == EventDate(
        date(2026, 3, 1), "day", "text")


def test_with_nothing_to_anchor_a_day_without_a_year_there_is_no_date() -> None:
    assert day("Ministers met on March 5", reference=None) is None
    assert day("Ministers met on Thursday", reference=None) is None
    assert day("Signed 2026-03-01", reference=None) == EventDate(
        date(2026, 3, 1), "day", "text")


# Friday 10 October 2025, the publication date of every lede below.
PUBLISHED = date(2025, 10, 10)


def day_of(text: str, reference: date | None = PUBLISHED) -> date | None:
    found = event_date([text], reference)
    return found.value if found is not None and found.source != "published" else None


@pytest.mark.parametrize(("text", "expected"), [
    ("Lavrov received the Taliban delegation in Moscow on 7 October 2025.", date(2025, 10, 7)),
    ("Talks opened on October 7, 2025 in Kazan", date(2025, 10, 7)),
    ("Делегация талибов прибыла в Москву 7 октября.", date(2025, 10, 7)),
    ("Делегація талібів прибула до Москви 7 жовтня 2025 р.", date(2025, 10, 7)),
    ("Die Delegation traf am 7. Oktober in Moskau ein.", date(2025, 10, 7)),
    ("La délégation est arrivée à Moscou le 7 octobre.", date(2025, 10, 7)),
    ("La delegazione è arrivata a Mosca il 7 ottobre 2025.", date(2025, 10, 7)),
    ("La delegación llegó a Moscú el 7 de octubre de 2025.", date(2025, 10, 7)),
    ("Delegacja przybyła do Moskwy 7 października.", date(2025, 10, 7)),
    ("Heyet 7 Ekim'de Moskova'ya ulaştı.", date(2025, 10, 7)),
    ("Delegatsiya 7-oktabr kuni Moskvaga keldi.", date(2025, 10, 7)),
    ("Делегация 2025 жылғы 7 қазанда Мәскеуге келді.", date(2025, 10, 7)),
    # A Turkic month in the genitive before its day (Azerbaijani, Kazakh, Kyrgyz, Uzbek).
    ("Nümayəndə heyəti oktyabrın 7-də Moskvaya gəlib.", date(2025, 10, 7)),
    ("Heyət Moskvaya sentyabrın 30-da çatıb.", date(2025, 9, 30)),
    ("Делегация қазанның 7-сі күні Мәскеуге келді.", date(2025, 10, 7)),
    ("Делегация октябрдын 7синде Москвага келди.", date(2025, 10, 7)),
    ("Delegatsiya oktyabrning 7-kuni Moskvaga keldi.", date(2025, 10, 7)),
    ("وصل الوفد إلى موسكو في ٧ أكتوبر/تشرين الأول ٢٠٢٥.", date(2025, 10, 7)),
    ("هیئت طالبان ۷ اکتوبر به مسکو رسید", date(2025, 10, 7)),
    ("طالبان کا وفد 7 اکتوبر کو ماسکو پہنچا", date(2025, 10, 7)),
    ("तालिबान का प्रतिनिधिमंडल ७ अक्टूबर को मास्को पहुंचा", date(2025, 10, 7)),
    ("塔利班代表团于2025年10月7日抵达莫斯科", date(2025, 10, 7)),
    ("代表团10月7日抵达莫斯科", date(2025, 10, 7)),
    ("阿洪德7日接见到访的俄罗斯代表团", date(2025, 10, 7)),
    ("阿洪德30日接見到訪的俄羅斯代表團", date(2025, 9, 30)),
    ("Moscow, 2025-10-07: the delegation arrived", date(2025, 10, 7)),
    ("Ҳайат 7 октябри 2025 ба Маскав омад", date(2025, 10, 7)),
    ("Москва, 07.10.2025. Делегация прибыла", date(2025, 10, 7)),
    ("Moscou, 7 out. 2025 - a delegação chegou", date(2025, 10, 7)),
    ("Москва, 7 окт. Делегация прибыла", date(2025, 10, 7)),
])
def test_day_and_month_in_many_languages(text: str, expected: date) -> None:
    assert day_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Afghan media: Dari zodiac months, Persian digits.
    ("هیئت روسی به تاریخ ۱۵ میزان ۱۴۰۴ وارد کابل شد", date(2025, 10, 7)),
    ("۱ میزان ۱۴۰۴ آغاز سال تعلیمی", date(2025, 9, 23)),
    # Iranian month names.
    ("هیئت روسی ۱۵ مهر ۱۴۰۴ وارد کابل شد", date(2025, 10, 7)),
    ("۱۰ مهر ۱۴۰۴", date(2025, 10, 2)),
    # Pashto: "of Tula, the 15th", with the oblique form of the month after د.
    ("روسي پلاوی د تلې ۱۵مه کابل ته ورسید", date(2025, 10, 7)),
    # Without the year: the solar year that puts it on or before publication.
    ("هیئت روسی روز ۱۵ میزان وارد کابل شد", date(2025, 10, 7)),
    # Numeric, year first.
    ("کابل - ۱۴۰۴/۰۷/۱۵", date(2025, 10, 7)),
])
def test_solar_hijri(text: str, expected: date) -> None:
    assert day_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("وصل الوفد في ١٥ ربيع الأول ١٤٤٧ هـ", date(2025, 9, 7)),
    ("١٠ ربيع الآخر ١٤٤٧ هـ", date(2025, 10, 2)),
    ("الأحد 15/3/1447", date(2025, 9, 7)),
])
def test_lunar_hijri(text: str, expected: date) -> None:
    assert day_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Lavrov met Muttaqi on Thursday", date(2025, 10, 9)),
    ("Лавров встретился с Муттаки в среду", date(2025, 10, 8)),
    ("Лавров зустрівся з Муттакі у п’ятницю", date(2025, 10, 10)),
    ("Ławrow spotkał się z Muttakim w środę", date(2025, 10, 8)),
    ("Lavrov am Donnerstag in Moskau", date(2025, 10, 9)),
    ("لاوروف روز پنجشنبه با متقی دیدار کرد", date(2025, 10, 9)),
    ("لافروف التقى متقي يوم الخميس", date(2025, 10, 9)),
    ("俄罗斯外长周四在莫斯科会见塔利班代表", date(2025, 10, 9)),
    ("Yesterday the delegation arrived", date(2025, 10, 9)),
    ("Вчера делегация прибыла", date(2025, 10, 9)),
    ("Делегація прибула учора", date(2025, 10, 9)),
    ("هیئت دیروز وارد مسکو شد", date(2025, 10, 9)),
    ("وصل الوفد أمس إلى موسكو", date(2025, 10, 9)),
    ("Heyet dün Moskova'ya ulaştı", date(2025, 10, 9)),
    ("塔利班代表团昨天抵达莫斯科", date(2025, 10, 9)),
    ("Делегатсия дирӯз ба Маскав омад", date(2025, 10, 9)),
    ("Die Delegation kam vorgestern an", date(2025, 10, 8)),
    ("Переговоры пройдут завтра", date(2025, 10, 11)),
])
def test_weekdays_and_relative_days(text: str, expected: date) -> None:
    found = event_date([text], PUBLISHED)
    # The publication day itself, named by its weekday, is what the publication says.
    assert found == EventDate(expected, "day",
                              "published" if expected == PUBLISHED else "text")


def test_a_date_without_a_year_is_put_on_or_before_the_reference() -> None:
    assert day_of("talks on 28 December", date(2026, 1, 5)) == date(2025, 12, 28)
    assert day_of("talks on 3 January", date(2026, 1, 5)) == date(2026, 1, 3)
    assert day_of("۱۰ جدی", date(2026, 1, 5)) == date(2025, 12, 31)


def test_history_is_not_the_event_date() -> None:
    text = "Since August 2021, when the Taliban took Kabul on 15 August 2021, Moscow has kept " \
        "its embassy open; on Tuesday Lavrov met Muttaqi."
    assert event_date([text], PUBLISHED) == EventDate(date(2025, 10, 7), "day", "text")
    only_history = "Russia has kept its embassy open since August 2021."
    assert event_date([only_history], PUBLISHED) == EventDate(PUBLISHED, "day", "published")
    # The same date is the event when the item is from that time.
    assert day_of("The Taliban took Kabul on 15 August 2021.", date(2021, 8, 16)) == \
        date(2021, 8, 15)


def test_a_distant_plan_is_not_the_event_date() -> None:
    text = "Russia plans to finish the line by December 2030; talks were held on 8 October."
    assert day_of(text) == date(2025, 10, 8)
    assert event_date(["The railway is due by 1 June 2030."], PUBLISHED) == EventDate(
        PUBLISHED, "day", "published")
    assert day_of("Talks are set for 20 November 2025") == date(2025, 11, 20)


def test_the_headline_date_comes_first_and_a_full_date_beats_a_weekday() -> None:
    headline = "Russia and the Taliban sign a transit deal on 6 October"
    lede = "On Thursday officials said the deal signed on Monday would start in 2026."
    assert day_of_texts([headline, lede]) == date(2025, 10, 6)
    assert day_of_texts(["Officials met on Thursday, 2 October"]) == date(2025, 10, 2)
    assert day_of_texts(["No date here", lede]) == date(2025, 10, 9)


def day_of_texts(texts: list[str]) -> date | None:
    found = event_date(texts, PUBLISHED)
    return found.value if found else None


def test_month_precision() -> None:
    assert event_date(["Shipments began in September 2025"], PUBLISHED) == EventDate(
        date(2025, 9, 1), "month", "text")
    assert event_date(["Поставки начались в октябре"], PUBLISHED) == EventDate(
        date(2025, 10, 1), "month", "text")
    assert event_date(["Поставки почалися у вересні 2025 року"], PUBLISHED) == EventDate(
        date(2025, 9, 1), "month", "text")
    assert event_date(["Талибы пришли к власти в августе 2021 года"], PUBLISHED) == EventDate(
        PUBLISHED, "day", "published")  # history
    assert event_date(["Shipments began in September"], PUBLISHED) == EventDate(
        date(2025, 9, 1), "month", "text")


# Sunday 6 December 2026: a weekday printed beside a day and month without a year
# chooses the year among 2026 and the six before (in the date's own calendar).
LATE_2026 = date(2026, 12, 6)
FRIDAY, WEDNESDAY, SUNDAY, MONDAY_, THURSDAY = 4, 2, 6, 0, 3
YEARS = {GREGORIAN: range(2026, 2019, -1), SOLAR_HIJRI: range(1405, 1398, -1),
         LUNAR_HIJRI: range(1448, 1441, -1)}


def on_weekday(calendar: str, month_day: tuple[int, int], weekday: int) -> list[date]:
    """The days ``month_day`` of the seven years up to the reference's (newest first),
    not after it, that fall on ``weekday``: the calendar facts, without the reader."""
    found = [to_gregorian(calendar, year, *month_day) for year in YEARS[calendar]]
    return [d for d in found if d is not None and d <= LATE_2026 + timedelta(days=2)
            and d.weekday() == weekday]


@pytest.mark.parametrize(("text", "calendar", "month_day", "weekday", "expected"), [
    # Afghan media: "Friday, 13 Mizan"; 13 Mizan 1405 is a Monday, 1404 a Sunday.
    ("جمعه، ۱۳ میزان", SOLAR_HIJRI, (7, 13), FRIDAY, date(2024, 10, 4)),
    ("الجمعة 4 أكتوبر", GREGORIAN, (10, 4), FRIDAY, date(2024, 10, 4)),
    ("الأربعاء ١٥ ربيع الأول", LUNAR_HIJRI, (3, 15), WEDNESDAY, date(2024, 9, 18)),
    ("Министры встретились в пятницу, 4 октября", GREGORIAN, (10, 4), FRIDAY,
     date(2024, 10, 4)),
    ("Talks ended on Friday, October 4 in Kazan", GREGORIAN, (10, 4), FRIDAY,
     date(2024, 10, 4)),
    ("Heyet 4 Ekim Cuma günü geldi", GREGORIAN, (10, 4), FRIDAY, date(2024, 10, 4)),
    ("Die Delegation kam am Freitag, 4. Oktober", GREGORIAN, (10, 4), FRIDAY,
     date(2024, 10, 4)),
    ("La delegación llegó el viernes 4 de octubre", GREGORIAN, (10, 4), FRIDAY,
     date(2024, 10, 4)),
    # Six years back is still in range (2026's 9 December is after the reference).
    ("Wednesday, 9 December", GREGORIAN, (12, 9), WEDNESDAY, date(2020, 12, 9)),
])
def test_a_weekday_beside_a_date_without_a_year_chooses_an_earlier_year(
        text: str, calendar: str, month_day: tuple[int, int], weekday: int,
        expected: date) -> None:
    assert on_weekday(calendar, month_day, weekday)[0] == expected
    event, printed = dates_of([text], LATE_2026)
    # The text prints it (weekday and day), so it is among the dates the item recalls.
    assert printed == (EventDate(expected, "day", "text"),)
    # Years back it is history, not the event; and its weekday is no "last Friday".
    assert event == EventDate(LATE_2026, "day", "published")


@pytest.mark.parametrize(("text", "calendar", "month_day", "weekday", "expected"), [
    ("روز دوشنبه ۱۳ میزان", SOLAR_HIJRI, (7, 13), MONDAY_, date(2026, 10, 5)),
    ("الجمعة ١٥ ربيع الأول", LUNAR_HIJRI, (3, 15), FRIDAY, date(2026, 8, 28)),
    ("в воскресенье, 4 октября", GREGORIAN, (10, 4), SUNDAY, date(2026, 10, 4)),
    ("Officials met on Sunday, 4 October", GREGORIAN, (10, 4), SUNDAY, date(2026, 10, 4)),
    ("4 Ekim Pazar", GREGORIAN, (10, 4), SUNDAY, date(2026, 10, 4)),
    # Two days ahead is within the slack a date without a year has.
    ("Talks set for Tuesday, 8 December", GREGORIAN, (12, 8), 1, date(2026, 12, 8)),
])
def test_a_weekday_that_agrees_with_the_reference_year_makes_the_date_printed(
        text: str, calendar: str, month_day: tuple[int, int], weekday: int,
        expected: date) -> None:
    assert on_weekday(calendar, month_day, weekday)[0] == expected
    event, printed = dates_of([text], LATE_2026)
    assert event == EventDate(expected, "day", "text")
    assert printed == (EventDate(expected, "day", "text"),)


def test_a_date_with_its_weekday_is_printed_even_without_a_publication_date() -> None:
    text = "в воскресенье, 4 октября"
    assert dates_of([text], None, seen=LATE_2026)[0] == EventDate(
        date(2026, 10, 4), "day", "text")
    # Without the weekday the year rests on the day first seen.
    assert dates_of(["4 октября"], None, seen=LATE_2026) == (
        EventDate(date(2026, 10, 4), "day", "seen", DayHint(10, 4)), ())
    # Years before: with no publication date, still the event's (see below).
    assert dates_of(["جمعه، ۱۳ میزان"], None, seen=LATE_2026) == (
        EventDate(date(2024, 10, 4), "day", "text"),
        (EventDate(date(2024, 10, 4), "day", "text"),))


@pytest.mark.parametrize(("text", "calendar", "month_day", "weekday", "expected"), [
    # No 4 October of 2020-2026 is a Thursday, no 15 Rabi al-Awwal of 1442-1448 a Monday.
    ("Talks ended on Thursday, October 4", GREGORIAN, (10, 4), THURSDAY, date(2026, 10, 4)),
    ("Переговоры прошли в четверг, 4 октября", GREGORIAN, (10, 4), THURSDAY,
     date(2026, 10, 4)),
    ("الاثنين ١٥ ربيع الأول", LUNAR_HIJRI, (3, 15), MONDAY_, date(2026, 8, 28)),
])
def test_a_weekday_no_recent_year_matches_leaves_the_date_anchored(
        text: str, calendar: str, month_day: tuple[int, int], weekday: int,
        expected: date) -> None:
    assert on_weekday(calendar, month_day, weekday) == []
    assert dates_of([text], LATE_2026) == (EventDate(expected, "day", "text"), ())
    # A lunar day without its year says nothing of the Gregorian day of the year.
    hint = DayHint(*month_day) if calendar == GREGORIAN else None
    assert dates_of([text], None, seen=LATE_2026)[0] == EventDate(
        expected, "day", "seen", hint)


@pytest.mark.parametrize(("text", "expected"), [
    ("On Friday the minister recalled the accord signed on 4 October", date(2026, 10, 4)),
    ("Talks ended on Friday. 4 October was the day of the first round", date(2026, 10, 4)),
    ("وزیر روز جمعه گفت که توافق ۱۳ میزان امضا شد", date(2026, 10, 5)),
    ("В пятницу министр напомнил о соглашении от 4 октября", date(2026, 10, 4)),
])
def test_a_weekday_away_from_the_date_does_not_choose_its_year(
        text: str, expected: date) -> None:
    assert dates_of([text], LATE_2026) == (EventDate(expected, "day", "text"), ())


def test_a_printed_year_stands_whatever_weekday_is_beside_it() -> None:
    # 4 October 2025 was a Saturday.
    assert dates_of(["Friday, October 4, 2025"], LATE_2026)[1] == (
        EventDate(date(2025, 10, 4), "day", "text"),)


def test_bare_years_numbers_and_lookalikes_are_not_dates() -> None:
    for text in ("Trade grew in 2024 to 1404 wagons", "12 martyrs and 20 mayors",
                 "Die Anlage ist hier seit Jahren", "در کل ۲۰ می‌شود", "7 out of 10 voters",
                 "He said 15 people may come"):
        assert event_date([text], PUBLISHED) == EventDate(PUBLISHED, "day", "published"), text


def test_without_a_reference() -> None:
    assert event_date(["on 7 October 2025"], None) == EventDate(date(2025, 10, 7), "day", "text")
    assert event_date(["on Thursday"], None) is None
    seen = event_date(["on Thursday"], None, seen=PUBLISHED)
    assert seen == EventDate(date(2025, 10, 9), "day", "seen", DayHint(weekday=THURSDAY))
    assert event_date(["nothing"], None, seen=PUBLISHED) == EventDate(PUBLISHED, "day", "seen")


def test_iso_of_month_and_day() -> None:
    assert EventDate(date(2025, 9, 1), "month", "text").iso() == "2025-09"
    assert EventDate(date(2025, 9, 7), "day", "text").iso() == "2025-09-07"


def test_calendar_conversions_against_known_dates() -> None:
    assert to_gregorian(SOLAR_HIJRI, 1404, 1, 1) == date(2025, 3, 21)
    assert to_gregorian(SOLAR_HIJRI, 1403, 12, 30) == date(2025, 3, 20)  # leap Esfand
    assert to_gregorian(SOLAR_HIJRI, 1404, 12, 30) is None
    assert to_gregorian(LUNAR_HIJRI, 1446, 9, 1) == date(2025, 3, 1)
    assert to_gregorian(LUNAR_HIJRI, 1447, 1, 1) == date(2025, 6, 26)
    assert hijri_calendar_of_year(1404, PUBLISHED) == SOLAR_HIJRI
    assert hijri_calendar_of_year(1447, PUBLISHED) == LUNAR_HIJRI


def test_words_come_from_cldr() -> None:
    words = calendar_words()
    # Genitive (format) and stand-alone forms, abbreviations in the feed languages.
    assert words.months[key("января")].number == 1
    assert words.months[key("январь")].number == 1
    assert words.months[key("sept")].number == 9
    assert words.months[key("listopada")].number == 11  # Polish wins over Croatian
    assert words.months[key("Tammikuu")].number == 1  # Finnish: every locale's names
    assert words.relative[key("послезавтра")] == 2
    assert words.weekdays[key("Perşembe")] == 3
    assert key("کل") not in words.relative  # too short to be "yesterday"


def test_lookup_key_folds_scripts_and_digits() -> None:
    assert key("۱۵ ميزان") == key("15 میزان") == key("١٥ ميزان")
    assert key("ÉTÉ") == "ete"
    assert key("سه‌شنبه") == "سه شنبه"


_PIECES = ["7", "15", "31", "1404", "1447", "2025", "۱۵", "١٥", "October", "октября", "میزان",
           "ربيع الأول", "هـ", "月", "日", "年", "-", ".", "/", ",", " ", "Thursday", "вчера",
           "de", "th", "2025-13-45", "99.99.9999", "$", "%", "٫", "𝟕", "\u200c", "0", "00"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=14),
       st.dates(min_value=date(1950, 1, 1), max_value=date(2080, 12, 31)))
def test_any_text_reads_without_error(parts: list[str], reference: date) -> None:
    text = "".join(parts)
    found = event_date([text], reference)
    assert found is not None and found.precision in ("day", "month")
    assert found.source in ("text", "published")
    if found.source == "text":
        assert abs((found.value - reference).days) <= 190
    quantities(text)


def test_an_old_date_a_weekday_pins_is_the_event_of_an_item_without_a_date() -> None:
    """With no publication date, "Friday, 13 Mizan" (13 Mizan 1403, 2024-10-04) is when
    the item's event happened, however long before it was seen; a publication date
    says the item was written lately, and then the old date is history it recalls."""
    lede = ["شروع نشست", "این نشست امروز (جمعه، ۱۳ میزان) در مسکو آغاز شد."]
    found, _ = dates_of(lede, None, seen=date(2026, 12, 6))
    assert found is not None and (found.value, found.source) == (date(2024, 10, 4), "text")
    published, printed = dates_of(lede, date(2026, 12, 6))
    assert published is not None and published.value == date(2026, 12, 6)
    assert date(2024, 10, 4) in {p.value for p in printed}


@pytest.mark.parametrize(("text", "expected"), [
    # Published on Friday 10 October 2025: "Saturday" is the next day (a time zone ahead
    # of the publication date, or what is to come), not six days back.
    ("Lavrov and Muttaqi meet on Saturday", date(2025, 10, 11)),
    ("لافروف ومتقي يلتقيان يوم السبت", date(2025, 10, 11)),
    ("Лавров и Муттаки встретятся в субботу", date(2025, 10, 11)),
    ("俄罗斯外长周六会见塔利班代表", date(2025, 10, 11)),
    # Two days ahead is the past week's day again.
    ("Talks ended on Sunday", date(2025, 10, 5)),
])
def test_a_weekday_is_the_day_after_the_reference_or_one_before(
        text: str, expected: date) -> None:
    assert event_date([text], PUBLISHED) == EventDate(expected, "day", "text")


@pytest.mark.parametrize(("text", "expected"), [
    # A wire dateline without its year, and the weekday later in the lede: 4 March 2026
    # was a Wednesday, 5 October 2026 a Monday.
    ("Москва. 4 марта. INTERFAX.RU - Москва призывает Кабул и Исламабад к диалогу, "
     "заявила в среду официальный представитель МИД РФ.", date(2026, 3, 4)),
    ("KABUL, 5 October. The delegation said on Monday that talks would go on.",
     date(2026, 10, 5)),
])
def test_a_weekday_elsewhere_in_the_text_that_agrees_says_the_year(
        text: str, expected: date) -> None:
    # Without a publication date, a day seven or nine months before the day first seen
    # would be history; the weekday the text names says it is the event's date.
    assert dates_of([text], None, seen=LATE_2026)[0] == EventDate(expected, "day", "text")


def test_a_weekday_elsewhere_that_disagrees_leaves_the_year_to_the_anchor() -> None:
    # 4 March 2026 was a Wednesday, not a Friday: nothing confirms the year, so the
    # day and month are all the item says of its date.
    text = "Москва. 4 марта. INTERFAX.RU - Москва призывает к диалогу, заявила в пятницу."
    assert dates_of([text], None, seen=LATE_2026)[0] == EventDate(
        date(2026, 3, 4), "day", "seen", DayHint(month=3, day=4))


@pytest.mark.parametrize("seen", [date(2026, 9, 20), LATE_2026, date(2027, 8, 1)])
def test_a_date_without_its_year_in_an_undated_item_is_no_history(seen: date) -> None:
    # Nothing says when an item without a publication date was written: seen a week or
    # eleven months after "5 September", it still tells of that day, whatever the year.
    for text in ("Kabul, 5. September – Ein Flugzeug mit Hilfsgütern ist gelandet.",
                 "کابل، ۱۴ سنبله – هواپیمای کمک‌های روسیه در کابل نشست.",
                 "Кабул, 5 сентября. Самолёт с гуманитарной помощью приземлился."):
        when, printed = dates_of([text], None, seen=seen)
        assert when is not None and when.source == "seen", (text, when)
        assert when.hint == DayHint(month=9, day=5) and (when.value.month, when.value.day) \
            == (9, 5), (text, when)
        assert printed == ()
    # With a publication date, a day that long before it is history the report recalls.
    text = "Kabul, 5. September – Ein Flugzeug mit Hilfsgütern ist gelandet."
    when, printed = dates_of([text], date(2027, 8, 1))
    assert when == EventDate(date(2027, 8, 1), "day", "published")
    assert printed == (EventDate(date(2026, 9, 5), "day", "text"),)


def test_without_a_publication_date_a_weekday_is_never_after_the_day_first_seen() -> None:
    # Sunday 6 December 2026 first seen: "on Monday" is the Monday before, not the next.
    assert dates_of(["Talks were held on Monday"], None, seen=LATE_2026)[0] == EventDate(
        date(2026, 11, 30), "day", "seen", DayHint(weekday=0))


@pytest.mark.parametrize(("text", "weekday"), [
    ("قالت وزارة الخارجية، اليوم الإثنين، إن موسكو تدعو إلى الحوار", 0),
    ("The ministry said today, Monday, that talks should resume", 0),
    ("Министерство сегодня, в понедельник, призвало к диалогу", 0),
    ("وزارت خارجه امروز دوشنبه خواستار گفتگو شد", 0),
    ("Bakanlık bugün cuma günü yaptığı açıklamada diyalog çağrısı yaptı", 4),
])
def test_today_with_its_weekday_keeps_the_weekday_without_a_publication_date(
        text: str, weekday: int) -> None:
    found = event_date([text], None, seen=LATE_2026)
    assert found is not None and found.source == "seen"
    assert found.hint == DayHint(weekday=weekday)
    # With a publication date, "today" is that date, whatever weekday is beside it.
    assert event_date([text], PUBLISHED) == EventDate(PUBLISHED, "day", "published")


@pytest.mark.parametrize(("hint", "first", "last", "gap"), [
    # The day of the year in whichever year is nearest: 11 October 2025.
    (DayHint(10, 11), date(2025, 10, 13), date(2025, 10, 14), 2),
    (DayHint(10, 11), date(2026, 3, 4), date(2026, 3, 5), 144),
    (DayHint(12, 30), date(2026, 1, 2), date(2026, 1, 3), 3),
    (DayHint(10), date(2025, 10, 28), date(2025, 11, 2), 0),
    (DayHint(10), date(2026, 3, 4), date(2026, 3, 5), 124),
    (DayHint(2, 29), date(2027, 3, 1), date(2027, 3, 2), 364),
    (DayHint(2, 29), date(2026, 3, 1), date(2026, 3, 2), 0),
    (DayHint(weekday=0), date(2026, 3, 4), date(2026, 3, 5), 0),
])
def test_the_gap_between_a_day_without_its_year_and_a_span_of_days(
        hint: DayHint, first: date, last: date, gap: int) -> None:
    assert hint.gap(first, last) == gap


@pytest.mark.parametrize(("weekday", "weekdays", "gap"), [
    (0, {0}, 0), (0, {2, 3}, 2), (0, {6}, 1), (6, {0}, 1), (4, {1}, 3), (0, set(), 0),
])
def test_the_gap_between_a_weekday_and_the_weekdays_of_days(
        weekday: int, weekdays: set[int], gap: int) -> None:
    assert DayHint(weekday=weekday).weekday_gap(weekdays) == gap
    assert DayHint(10, 11).weekday_gap(weekdays) == 0


@pytest.mark.parametrize("text", [
    "2025年7月，俄罗斯成为首个承认塔利班政府的国家",  # Chinese: year, month
    "러시아는 2025년 7월 탈레반 정부를 공식 승인했다",  # Korean, keyed as jamo
    "Oroszország 2025. júliusban ismerte el a tálib kormányt",  # Hungarian -ban
    "Rossiya 2025 yil iyulda Tolibon hukumatini tan oldi",  # Uzbek -da
    "Ресей 2025 жылдың шілдесінде талибтер үкіметін таныды",  # Kazakh
    "რუსეთმა 2025 წლის ივლისში ცნო თალიბების მთავრობა",  # Georgian, nominative -ი dropped
    "Ռուսաստանը 2025 թվականի հուլիսին ճանաչեց թալիբների կառավարությունը",  # Armenian
    "Rusiya 2025-ci ilin iyulunda Talibanı tanıdı",  # Azerbaijani
    "Τον Ιούλιο του 2025 η Μόσχα αναγνώρισε τους Ταλιμπάν",  # Greek accusative, "του"
    "Rosja w lipcu 2025 roku uznała rząd talibów",  # Polish locative from the genitive
    "Rusko v červenci 2025 uznalo vládu Talibanu",  # Czech: July, not June (červen)
    "Русија је у јулу признала талибе, 3. јула 2025",  # Serbian genitive
    "La Russia ha riconosciuto i talebani nel luglio del 2025",  # Italian "del"
])
def test_a_recalled_month_and_year_is_read_in_many_languages(text: str) -> None:
    _, printed = dates_of([text], date(2026, 11, 20))
    assert [(d.value.year, d.value.month) for d in printed] == [(2025, 7)]


@pytest.mark.parametrize("text", [
    "Sənəd 2025-ci il martın 3-də Bakıda imzalanıb",  # the official style
    "Görüş 2025 il martın 3-də keçirilib",
])
def test_an_azerbaijani_year_before_its_genitive_month_and_day_is_one_date(
        text: str) -> None:
    _, printed = dates_of([text], date(2026, 11, 20))
    assert [d.value for d in printed] == [date(2025, 3, 3)]


def test_a_korean_date_with_its_day_is_one_date() -> None:
    when, printed = dates_of(["2025년 7월 3일 러시아는 탈레반 정부를 승인했다"],
                             date(2026, 11, 20))
    assert [d.value for d in printed] == [date(2025, 7, 3)]
    assert when is not None and when.source == "published"  # history, not the event
    assert event_date(["회담은 3일 카불에서 열렸다"], date(2026, 11, 20)) == EventDate(
        date(2026, 11, 3), "day", "text")


@pytest.mark.parametrize(("text", "month"), [
    ("مسکو در سرطان ۱۴۰۴ امارت اسلامی را به رسمیت شناخت", (2025, 7)),  # 22 Jun-22 Jul
    ("در ماه سرطان سال ۱۴۰۴", (2025, 7)),  # "year" between month and year
    ("في رمضان 1446 هـ", (2025, 3)),  # lunar: 1 Mar-29 Mar 2025
    ("مسکو د ۲۰۲۵ کال په جولای کې", (2025, 7)),  # Pashto: year, "year in", month
])
def test_a_month_of_another_calendar_or_order_stands_for_the_gregorian_month_of_its_middle(
        text: str, month: tuple[int, int]) -> None:
    _, printed = dates_of([text], date(2026, 2, 13))
    assert [(d.value.year, d.value.month, d.precision) for d in printed] == [(*month, "month")]


def test_a_month_without_its_year_long_before_the_reference_is_recalled() -> None:
    # "In July", written in February: last July, history the report recalls.
    when, printed = dates_of(["Москва признала талибов в июле"], date(2026, 2, 14))
    assert [(d.value, d.precision) for d in printed] == [(date(2025, 7, 1), "month")]
    assert when is not None and when.source == "published"
    # Written in August, the same words date the event: nothing recalled.
    when, printed = dates_of(["Москва признала талибов в июле"], date(2025, 8, 10))
    assert printed == () and when == EventDate(date(2025, 7, 1), "month", "text")


@pytest.mark.parametrize("text", [
    "Russia recognised the Taliban in July last year",
    "Москва признала талибов в июле прошлого года",  # CLDR: "в прошлом году"
    "Rusya geçen yıl temmuz ayında Taliban'ı tanıdı",
    "Russland hat die Taliban im Juli letzten Jahres anerkannt",
    "La Russie a reconnu les talibans en juillet de l'année dernière",
    "اعترفت روسيا بطالبان في يوليو من السنة الماضية",
    "俄罗斯去年7月承认塔利班政府",
    "러시아는 작년 7월 탈레반 정부를 승인했다",
])
def test_a_month_of_last_year_is_last_years_whatever_the_month_of_publication(
        text: str) -> None:
    # Written in December: "in July" alone would be this year's July.
    when, printed = dates_of([text], date(2026, 12, 5))
    assert [(d.value, d.precision) for d in printed] == [(date(2025, 7, 1), "month")]
    assert when is not None and when.source == "published"


@pytest.mark.parametrize("text", [
    "The last meeting was held in July",  # "last" is no "last year"
    "Last July, Moscow hosted the talks",  # the latest July
])
def test_last_without_year_leaves_the_month_in_its_latest_year(text: str) -> None:
    when, _ = dates_of([text], date(2026, 12, 5))
    assert when is not None
    assert when.value.year == 2026 or when.source == "published"


def test_a_yearless_date_before_a_past_printed_date_is_in_its_year() -> None:
    # The court's April is the April before the July the text prints, not the
    # publication's.
    text = ("Am 3. Juli 2025 hatte Moskau die Taliban anerkannt; im April hatte das "
            "Oberste Gericht sie von der Terrorliste gestrichen.")
    _, printed = dates_of([text], date(2026, 12, 5))
    assert (date(2025, 4, 1), "month") in [(d.value, d.precision) for d in printed]
    # A day after it keeps the publication's year: it may be this year's news.
    when = event_date(["Russia recognised the Taliban on 3 July 2025. On 18 November "
                       "the envoy met Muttaqi."], date(2026, 11, 20))
    assert when == EventDate(date(2026, 11, 18), "day", "text")


@pytest.mark.parametrize("text", [
    "گزشتہ سال 3 جولائی کو ماسکو نے افغان سفیر کی اسناد قبول کی تھیں",
    "On 3 July last year Moscow accepted the ambassador's credentials",
    "3 июля прошлого года Москва приняла верительные грамоты",
    # Azerbaijani and Indonesian, though no feed languages for their day words: keçən il
    # (il, year, of two letters), tahun lalu.
    "Keçən ilin iyulun 3-də Moskva səfirin etimadnaməsini qəbul edib",
    "Pada 3 Juli tahun lalu Moskwa menerima surat kepercayaan duta besar",
])
def test_a_day_of_last_year_is_last_years(text: str) -> None:
    _, printed = dates_of([text], date(2026, 7, 3))
    assert [(d.value, d.precision) for d in printed] == [(date(2025, 7, 3), "day")]


def test_a_pashto_weekday_after_of_is_read_in_its_oblique() -> None:
    # د جمعې په ورځ: on Friday. 5 December 2026 is a Saturday.
    assert event_date(["غنم د جمعې په ورځ کابل ته ورسېدل"], date(2026, 12, 5)) == EventDate(
        date(2026, 12, 4), "day", "text")
    # Without "د", جمعی is Persian "collective" (mass media), no Friday.
    assert event_date(["رسانه های جمعی گزارش دادند"], date(2026, 12, 5)) == EventDate(
        date(2026, 12, 5), "day", "published")


@pytest.mark.parametrize("text", [
    "Russia and the Taliban met last Monday",
    "Встреча прошла в прошлый понедельник",
    "La réunion de lundi dernier à Moscou",
    "Geçen pazartesi Moskova'da görüştüler",
])
def test_last_weekday_is_the_one_before_the_publication(text: str) -> None:
    # Published on Sunday 6 December 2026: "on Monday" would be tomorrow's meeting.
    assert event_date([text], date(2026, 12, 6)) == EventDate(date(2026, 11, 30), "day", "text")
    assert event_date(["They meet on Monday"], date(2026, 12, 6)) == EventDate(
        date(2026, 12, 7), "day", "text")


@pytest.mark.parametrize(("text", "expected"), [
    ("Переговоры прошли 13-го ноября в Москве", date(2026, 11, 13)),  # hyphened ending
    ("阿富汗代表团本月3日抵达莫斯科", date(2026, 12, 3)),  # the 3rd of this month
])
def test_a_day_with_its_ending_or_of_this_month(text: str, expected: date) -> None:
    assert event_date([text], date(2026, 12, 5)) == EventDate(expected, "day", "text")


def test_the_latest_day_a_report_names_is_its_news() -> None:
    # Published on Saturday 14 November 2026: Monday was the meeting, Friday the call.
    text = "Lavrov, who hosted Muttaqi in Moscow on Monday, called him on Friday"
    assert event_date([text], date(2026, 11, 14)) == EventDate(date(2026, 11, 13), "day", "text")


@pytest.mark.parametrize("text", [
    "The protocol Russia and the Taliban signed in Kabul last week",
    "Протокол, подписанный на прошлой неделе в Кабуле",
    "Geçen hafta Kabil'de imzalanan protokol",
    "Le protocole signé la semaine dernière à Kaboul",
    "پروتکل هفته گذشته در کابل امضا شد",
    "上周在喀布尔签署的协议",
])
def test_last_week_is_a_week_before_the_publication(text: str) -> None:
    assert event_date([text], date(2026, 11, 10)) == EventDate(date(2026, 11, 3), "day", "text")


def test_an_urdu_weekday_before_on_is_read_in_its_oblique() -> None:
    # جمعے کو: on Friday; 6 December 2026 is a Sunday.
    assert event_date(["روسی وفد جمعے کو کابل پہنچا"], date(2026, 12, 6)) == EventDate(
        date(2026, 12, 4), "day", "text")


@pytest.mark.parametrize(("text", "expected"), [
    ("د ۲۰۲۵ کال د جولای په ۳مه مسکو طالبان په رسمیت وپېژندل", date(2025, 7, 3)),  # Pashto
    ("د ۱۴۰۴ کال د کب ۱۹مه", date(2026, 3, 10)),  # 19 Kab 1404, solar hijri
    ("Rossiya 2025-yil 3-iyulda Tolibonni tan oldi", date(2025, 7, 3)),  # Uzbek
])
def test_a_year_before_its_day_and_month_dates_them(text: str, expected: date) -> None:
    _, printed = dates_of([text], date(2026, 12, 5))
    assert expected in {d.value for d in printed}
    assert event_date([text], date(2026, 12, 5)).source == "published"  # history


@pytest.mark.parametrize(("text", "expected"), [
    ("نخستین نشست کمیسیون روز ۲۵ حمل ۱۴۰۵ در کابل برگزار شد", date(2026, 4, 14)),
    ("Die Kommission tagte am 14. April 2026 in Kabul", date(2026, 4, 14)),
    ("Комиссия собралась 14 апреля 2026 года", date(2026, 4, 14)),
])
def test_a_date_printed_with_its_year_dates_an_item_first_seen_months_later(
        text: str, expected: date) -> None:
    # Nothing says an item without a publication date was written when first seen: a
    # feed read late (or a backfill) holds items of many months before.
    assert dates_of([text], None, seen=LATE_2026)[0] == EventDate(expected, "day", "text")
    # With the publication date, the same date long before it is history.
    assert dates_of([text], LATE_2026)[0] == EventDate(LATE_2026, "day", "published")


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Russia recognised the Taliban last July", date(2026, 1, 22), date(2025, 7, 1)),
    ("اعتراف روسيا بالإمارة الإسلامية في يوليو الماضي", date(2026, 1, 22), date(2025, 7, 1)),
    # Written in July, "last July" is the year before's.
    ("Russia recognised the Taliban last July", date(2026, 7, 22), date(2025, 7, 1)),
    ("The talks last March went nowhere", date(2026, 7, 22), date(2026, 3, 1)),
])
def test_last_and_a_month_is_the_latest_such_month_before_the_publication(
        text: str, published: date, expected: date) -> None:
    found, printed = dates_of([text], published)
    assert expected in {found.value if found else None, *(d.value for d in printed)}
    assert all(d.value != date(published.year, 7, 1) or published.month != 7 for d in printed)


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("در ۱۲ سرطان سال گذشته روسیه امارت اسلامی را به رسمیت شناخت",
     date(2026, 7, 3), date(2025, 7, 3)),
    # In February 2026 the solar hijri year is still 1404: its last year is 1403.
    ("در ۱۲ سرطان سال گذشته", date(2026, 2, 3), date(2024, 7, 2)),
    ("3 July last year", date(2026, 2, 3), date(2025, 7, 3)),
])
def test_last_year_beside_a_day_counts_in_the_months_own_calendar(
        text: str, published: date, expected: date) -> None:
    assert EventDate(expected, "day", "text") in dates_of([text], published)[1]


def test_last_july_is_recalled_never_the_events_date() -> None:
    published = date(2026, 1, 20)
    found, printed = dates_of(["Trade rose 30 percent compared with last July"], published)
    assert found == EventDate(published, "day", "published")
    assert printed == (EventDate(date(2025, 7, 1), "month", "text"),)


@pytest.mark.parametrize("text", [
    "روس نے پچھلے سال جولائی میں طالبان کو تسلیم کیا",
    "اعترفت روسيا بطالبان في يوليو من العام الماضي",
    "Russland hat die Taliban im Juli vergangenen Jahres anerkannt",
    "Rosja uznała talibów w lipcu ubiegłego roku",
    "Россия признала талибов в июле минувшего года",
])
def test_last_year_as_news_writes_it_beside_cldrs(text: str) -> None:
    # Written in December 2025, "July last year" is July 2024, not this July.
    assert dates_of([text], date(2025, 12, 3))[1] == (
        EventDate(date(2024, 7, 1), "month", "text"),)


@pytest.mark.parametrize(("text", "expected"), [
    # Printed with its year, in any calendar: 21 Aqrab 1404 is 12 November 2025.
    ("همایش تجاری روز ۲۱ عقرب ۱۴۰۴ در کابل برگزار شد", date(2025, 11, 12)),
    ("The forum opened in Kabul on 12 November 2025", date(2025, 11, 12)),
    ("Форум открылся в Кабуле 12 ноября 2025 года", date(2025, 11, 12)),
    # The history the lede recalls comes before the day it tells of.
    ("Since the takeover of 15 August 2021 no forum was held; on 12 November 2025 one "
     "opened in Kabul", date(2025, 11, 12)),
    # Its weekday printed beside it says the same, whatever else the text dates.
    ("روز چهارشنبه ۲۱ عقرب ۱۴۰۴ همایش آغاز شد و تا ۳۰ عقرب ۱۴۰۴ ادامه دارد",
     date(2025, 11, 12)),
])
def test_an_item_without_a_date_seen_long_after_is_dated_by_the_day_it_prints(
        text: str, expected: date) -> None:
    """An item served with no publication date may be first seen a year after it was
    written: the day it prints with its year is its event's, not history."""
    assert dates_of([text], None, seen=LATE_2026)[0] == EventDate(expected, "day", "text")
    # With a publication date a year on, the same day is history it recalls.
    found = dates_of([text], LATE_2026)[0]
    assert found is not None and found.value == LATE_2026


def test_a_plan_after_the_day_first_seen_does_not_date_an_undated_item() -> None:
    found = dates_of(["The railway is to open by 12 December 2030"], None, seen=LATE_2026)[0]
    assert found == EventDate(LATE_2026, "day", "seen")


@pytest.mark.parametrize("text", [
    "Русия 15 октябри соли 2025 ба Афғонистон гандум фиристод",  # Tajik "of the year"
    "روس نے 15 اکتوبر سنہ 2025 کو افغانستان کو گندم بھیجی",  # Urdu "year"
    "रूस ने 15 अक्टूबर सन 2025 को गेहूं भेजा",  # Hindi "year"
])
def test_a_year_word_between_month_and_year_keeps_the_year(text: str) -> None:
    assert dates_of([text], None, seen=LATE_2026)[0] == EventDate(
        date(2025, 10, 15), "day", "text")


@pytest.mark.parametrize("text", [
    "دا الوتنې به په اونۍ کې یو ځل کېږي",              # Pashto: once a week (اونۍ: Saturday too)
    "وزیر دفاع هفته آینده به مسکو سفر می‌کند",          # Persian: next week
    "روسی وفد اگلے ہفتہ کابل پہنچے گا",                 # Urdu: next week (ہفتہ: Saturday too)
    "Delegacija stiže sledeće nedelje",                 # Serbian: next week (nedelja: Sunday)
])
def test_the_word_for_week_names_no_weekday(text: str) -> None:
    found = event_date([text], None, seen=LATE_2026)
    assert found is None or found.hint is None or found.hint.weekday is None, found


def test_a_saturday_that_is_not_the_word_for_week_is_still_read() -> None:
    found = event_date(["وزارت خارجه امروز شنبه خواستار گفتگو شد"], None, seen=LATE_2026)
    assert found is not None and found.hint == DayHint(weekday=5)
    assert "هفته" not in calendar_words().weekdays


@pytest.mark.parametrize("text", [
    "Ўтган йилнинг 3 июлида Россия Афғонистонни расман тан олган биринчи давлатга айланди",
    "Geçen yılın 3 Temmuz günü Rusya Taliban yönetimini tanıdı",
])
def test_a_month_of_last_years_in_the_genitive_is_last_years(text: str) -> None:
    # "Last year's 3 July", a year later: the recognition's date, not the day of writing.
    assert date(2025, 7, 3) in {d.value for d in dates_of([text], date(2026, 7, 3))[1]}


def test_an_uzbek_month_after_its_possessive_is_read() -> None:
    found = event_date(["Rossiya 2025-yil 12-noyabrida Kobulga yordam yubordi"], None)
    assert found is not None and found.value == date(2025, 11, 12)


@pytest.mark.parametrize("text", [
    "Trade reached $1.4 billion in January-August 2025, a trade envoy said.",
    "Товарооборот в январе–августе 2025 года вырос на треть.",
    "دونوں ممالک کی تجارت جنوری سے اگست 2025 تک بڑھی۔",
    "El comercio creció de enero a agosto de 2025.",
])
def test_a_month_that_opens_a_range_takes_the_ranges_year(text: str) -> None:
    # The first month of "January–August 2025" prints no year of its own: it is no
    # month of the year the item was seen in, and no event date of its own.
    when, printed = dates_of([text], None, seen=LATE_2026)
    assert when == EventDate(LATE_2026, "day", "seen")
    assert printed == (EventDate(date(2025, 8, 1), "month", "text"),)


def test_a_month_yet_to_begin_is_the_plan_a_report_announces_not_its_day() -> None:
    # Written on 10 October 2025: the month it announces is no day of what it reports.
    announced = "The ministers agreed that the commission will meet in January 2026."
    assert event_date([announced], PUBLISHED) == EventDate(PUBLISHED, "day", "published")
    assert event_date(["Поставки начнутся в ноябре 2025 года"], PUBLISHED) == EventDate(
        PUBLISHED, "day", "published")
    # The month it was written in, or a past one, still dates it; so does a day ahead.
    assert event_date(["Exports rose in September 2025"], PUBLISHED) == EventDate(
        date(2025, 9, 1), "month", "text")
    assert day_of("Talks are set for 20 November 2025") == date(2025, 11, 20)
    # Undated: whether a month is past or planned rests on when the item was written,
    # which it does not say; the month is what it says of its day (a hint), whether it
    # was seen before that month or long after it.
    planned = "La próxima ronda se celebrará en marzo de 2027"
    for seen_on in (LATE_2026, date(2027, 6, 1)):
        seen = dates_of([planned], None, seen=seen_on)[0]
        assert seen == EventDate(seen_on, "day", "seen", DayHint(3)), seen_on
    past = dates_of(["Exports rose in November 2026"], None, seen=LATE_2026)[0]
    assert past == EventDate(LATE_2026, "day", "seen", DayHint(11))


@pytest.mark.parametrize(("text", "expected"), [
    # Polish "się" keys as "sie", August's CLDR abbreviation: written with its ogonek it
    # is "oneself", and the day is the one the month name after it gives.
    ("Ławrow spotkał się 14 października z Muttakim", date(2026, 10, 14)),
    ("Rozmowy odbędą się 3 marca w Moskwie", date(2026, 3, 3)),
    # The abbreviation as CLDR writes it is still a month; so are names with their marks.
    ("Umowę podpisano 14 sie 2026", date(2026, 8, 14)),
    ("Umowę podpisano 14 paź 2026", date(2026, 10, 14)),
    ("Der Vertrag wurde am 3. März unterzeichnet", date(2026, 3, 3)),
    ("L'accord a été signé le 14 août", date(2026, 8, 14)),
    ("Acordul a fost semnat pe 3 martie", date(2026, 3, 3)),
])
def test_a_word_written_with_a_letter_no_month_name_has_is_no_month(
        text: str, expected: date) -> None:
    published = expected + timedelta(days=3)
    assert event_date([text], published) == EventDate(expected, "day", "text")


def test_every_marked_month_key_is_a_month_key() -> None:
    words = calendar_words()
    assert words.marked >= {key("paź"), key("März"), key("août")}
    assert key("sie") not in words.marked and key("sie") in words.months


@pytest.mark.parametrize("text", [
    "Товарооборот в июле прошлого года составил 1,2 млрд долларов",
    "Trade reached $1.2 billion last July",
    "بلغ حجم التجارة 1.2 مليار دولار في يوليو الماضي",
    "Le commerce a atteint 1,2 milliard de dollars en juillet dernier",
    "去年7月双边贸易额达到12亿美元",
])
def test_last_july_in_an_item_without_a_publication_date_rests_on_when_it_was_seen(
        text: str) -> None:
    # Its year is a guess from the day the item was seen, which moves with the clock:
    # a month hint, as "in July" is, and no date the text prints.
    for seen in (LATE_2026, date(2027, 6, 1)):
        found, printed = dates_of([text], None, seen=seen)
        assert found is not None and found.source == "seen"
        assert found.hint in (None, DayHint(7))
        assert printed == ()
    # With a publication date, its year is as good as a printed one.
    assert [(d.value.month, d.source) for d in dates_of([text], LATE_2026)[1]] == [(7, "text")]
