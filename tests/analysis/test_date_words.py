"""Days as news in several languages writes them, read by :mod:`tracker.analysis.dates`.

Hand-written inputs (Persian, Pashto, Urdu, Russian, English, Arabic) for the day words,
month names and "last year" that the event dates of undated items rest on.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracker.analysis.date_tokens import DayHint
from tracker.analysis.dates import EventDate, dates_of, event_date

SUNDAY = date(2026, 12, 6)
"""Seen on a Sunday: the last Saturday is the day before, the last Tuesday five days
before, so a Tuesday read as Saturday would be the latest day the text names."""


@pytest.mark.parametrize(("text", "weekday"), [
    ("وزارت زراعت روسیه روز سه‌شنبه در کابل توافق‌نامه امضا کرد", 1),   # ZWNJ
    ("هیئت روسی روز سه شنبه وارد کابل شد", 1),                            # a space
    ("متقی روز پنج شنبه با سفیر روسیه دیدار کرد", 3),
    ("وزیر خارجه امروز پنج‌شنبه به مسکو رفت", 3),
    ("وزیر خارجه روز شنبه به مسکو رفت", 5),                                # Saturday itself
])
def test_a_weekday_of_two_words_is_not_the_weekday_its_last_word_names(
        text: str, weekday: int) -> None:
    found = event_date([text], None, seen=SUNDAY)
    assert found is not None and found.hint == DayHint(weekday=weekday), found


@pytest.mark.parametrize(("text", "month", "day"), [
    ("د کرنې وزارت وايي کمباینونه د چنګاښ په ۱۸مه کندز ته ورسېدل", 7, 9),  # ګ
    ("کمباینونه د چنگاښ په ۱۸مه کندز ته ورسېدل", 7, 9),                    # گ as in Dari
    ("الوتکه د غبرګولي په ۶مه هرات ته ورسېده", 5, 27),
    ("وزیر د کب په ۱۲مه په مسکو کې نندارتون پرانیست", 3, 3),              # two letters
    ("د لړم په ۲۶مه په مسکو کې تړون لاسلیک شو", 11, 17),
])
def test_pashto_solar_months_in_its_own_spelling_and_of_two_letters(
        text: str, month: int, day: int) -> None:
    found = event_date([text], None, seen=SUNDAY)
    assert found is not None and found.source == "seen"
    assert found.hint == DayHint(month, day), found


@pytest.mark.parametrize("text", [
    "یہ اجلاس کب 12 بجے ہوگا",          # Urdu: when, at 12 o'clock
    "تاسو کب ۱۲ بجې راځئ؟",              # a question with کب and a number
    "د مه ۱۲ ورځې وروسته",               # مه and a number, no ordinal ending
    "وزیر می ۱۲ نفر را پذیرفت",           # Persian می and a number
])
def test_a_two_letter_month_needs_its_year_or_an_ordinal_day(text: str) -> None:
    found = event_date([text], None, seen=SUNDAY)
    assert found is None or found.hint is None, found


@pytest.mark.parametrize("text", [
    "3 июля прошлого года Россия первой признала правительство талибов",
    "On 3 July last year Russia became the first country to recognise the Taliban",
    "گزشتہ سال 3 جولائی کو روس طالبان حکومت کو تسلیم کرنے والا پہلا ملک بنا",
    "روسیه در ۱۲ سرطان سال گذشته امارت اسلامی را به رسمیت شناخت",
])
def test_last_year_in_an_undated_item_says_its_day_not_a_year_from_when_it_was_seen(
        text: str) -> None:
    # Seen in December 2026 or in June 2027, the item says the same: the day of the
    # year, whose year rests on when it was written, which it does not print.
    read = [dates_of([text], None, seen=seen) for seen in (SUNDAY, date(2027, 6, 1))]
    for when, printed in read:
        assert when is not None and when.source == "seen"
        assert when.hint is not None and (when.hint.month, when.hint.day) in {(7, 3), (7, 2)}
        assert printed == ()


def test_last_year_in_a_dated_item_is_last_years_history() -> None:
    when, printed = dates_of(["3 июля прошлого года Россия признала талибов"],
                             date(2026, 7, 3))
    assert [d.value for d in printed] == [date(2025, 7, 3)]
    assert when is not None and when.value == date(2026, 7, 3) and when.source == "published"


@pytest.mark.parametrize("text", [
    "Vergangene Woche haben Russland und die Taliban in Kabul einen Tausch vereinbart",
    "In der vergangenen Woche unterzeichneten beide Seiten das Protokoll",
    "На минувшей неделе в Кабуле подписали протокол",
    "W ubiegłym tygodniu podpisano protokół w Kabulu",
])
def test_last_week_in_other_words_than_cldrs_is_a_week_before(text: str) -> None:
    assert event_date([text], date(2025, 10, 21)) == EventDate(date(2025, 10, 14), "day", "text")


@pytest.mark.parametrize("text", [
    "Die nächste Woche bringt neue Gespräche in Kabul",
    "За минувшую неделю в Кабул прибыли три самолёта",    # over the past week: a span
    "وزیر دفاع هفته آینده به مسکو سفر می‌کند",               # next week
    "Nach drei vergangenen Wochen voller Gespräche",       # weeks
])
def test_a_week_word_beside_no_last_word_is_no_date(text: str) -> None:
    assert event_date([text], date(2025, 10, 21)) == EventDate(
        date(2025, 10, 21), "day", "published")


@pytest.mark.parametrize("text", [
    "रूस और तालिबान ने 14 मई को कज़ान में समझौते पर हस्ताक्षर किए",
    "14 मई को मॉस्को में बैठक हुई",
])
def test_a_full_month_name_of_two_letters_after_its_day_is_that_month(text: str) -> None:
    assert event_date([text], date(2026, 5, 16)) == EventDate(date(2026, 5, 14), "day", "text")


@pytest.mark.parametrize("text", [
    "5 नव निर्वाचित सदस्यों ने शपथ ली",          # नव: November's abbreviation, and "new"
    "14 जन प्रतिनिधि मॉस्को पहुंचे",               # जन: January's abbreviation, and "people"
    "تعداد کشته‌ها به ۱۰ می‌رسد",                 # می: May in Persian, and a verb prefix
])
def test_a_two_letter_abbreviation_or_arabic_script_name_after_a_number_is_no_month(
        text: str) -> None:
    assert event_date([text], date(2026, 5, 16)) == EventDate(
        date(2026, 5, 16), "day", "published")


@pytest.mark.parametrize("text", [
    "俄罗斯去年7月3日承认了塔利班政府。",
    "ロシアは昨年7月3日、タリバン暫定政権を承認した。",
    "작년 7월 3일 러시아는 탈레반 정부를 승인했다",
])
def test_a_day_of_last_year_in_chinese_japanese_and_korean_is_that_day(text: str) -> None:
    when, printed = dates_of([text], date(2026, 7, 3))
    assert [(d.value, d.precision) for d in printed] == [(date(2025, 7, 3), "day")]
    assert when == EventDate(date(2026, 7, 3), "day", "published")
    undated, _ = dates_of([text], None, seen=date(2027, 6, 1))
    assert undated is not None and undated.source == "seen"
    assert undated.hint == DayHint(7, 3)
