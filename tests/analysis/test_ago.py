"""Counting back from the publication (tracker.analysis.ago), on hand-written sentences."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.analysis.ago import recalled_ago
from tracker.analysis.dates import EventDate, dates_of

PUBLISHED = date(2026, 7, 3)
A_YEAR_BEFORE = date(2025, 7, 1)


@pytest.mark.parametrize("text", [
    "A year ago Moscow became the first capital to recognise the Taliban",
    "решение о признании Исламского Эмирата, принятое год назад",
    "Рік тому Росія визнала уряд талібів",
    "Vor einem Jahr erkannte Russland die Taliban an",
    "Il y a un an, la Russie reconnaissait le régime taliban",
    "Hace un año, Moscú reconoció al Emirato Islámico",
    "یک سال پیش روسیه امارت اسلامی را به رسمیت شناخت",
    "ایک سال پہلے روس نے طالبان کو تسلیم کیا",
    "Rusya bir yıl önce Taliban'ı tanıdı",
])
def test_a_year_ago_is_the_publications_month_a_year_before(text: str) -> None:
    assert recalled_ago(text, PUBLISHED) == [A_YEAR_BEFORE]


@pytest.mark.parametrize("text", [
    "ایک سال قبل آج ہی کے دن روس نے طالبان حکومت کو تسلیم کیا",  # Urdu press: قبل
    "یک سال قبل روسیه امارت اسلامی را به رسمیت شناخت",  # CLDR's Persian: سال پیش
])
def test_ago_in_another_word_the_press_of_the_script_uses_counts_back(text: str) -> None:
    assert recalled_ago(text, PUBLISHED) == [A_YEAR_BEFORE]


def test_a_number_counts_back_only_when_it_is_read() -> None:
    assert recalled_ago("3 years ago", PUBLISHED) == [date(2023, 7, 1)]
    assert recalled_ago("8 месяцев назад", PUBLISHED) == [date(2025, 11, 1)]
    # A spelled number other than one is not guessed.
    assert recalled_ago("two years ago", PUBLISHED) == []
    assert recalled_ago("два года назад", PUBLISHED) == []
    assert recalled_ago("a year ago", None) == []


def test_what_is_counted_back_to_is_recalled_never_the_event() -> None:
    found, printed = dates_of(["Russia, which recognised the Taliban a year ago, sent wheat"],
                              PUBLISHED)
    assert found == EventDate(PUBLISHED, "day", "published")
    assert printed == (EventDate(A_YEAR_BEFORE, "month", "text"),)


@pytest.mark.parametrize("slug", ["a-year-ago-russia-recognised-taliban",
                                  "vor-einem-jahr-russland-erkennt-taliban-an"])
def test_a_url_slug_counts_back_as_prose_does(slug: str) -> None:
    assert recalled_ago(slug, PUBLISHED) == [A_YEAR_BEFORE]


@pytest.mark.parametrize("text", [
    "A year ago today Russia became the first country to recognise the Taliban",
    "Heute vor einem Jahr erkannte Russland die Taliban an",
    "Hoy hace un año Moscú reconoció al Emirato Islámico",
    "Сегодня год назад Россия признала правительство талибов",
])
def test_the_day_an_anniversary_counts_back_from_is_no_event_date(text: str) -> None:
    # "Today" here is when the anniversary piece was written: the report is dated by its
    # publication, as a restatement is, not by its text, as news of the day is.
    found, printed = dates_of([text], PUBLISHED)
    assert found == EventDate(PUBLISHED, "day", "published")
    assert EventDate(A_YEAR_BEFORE, "month", "text") in printed


def test_today_without_counting_back_dates_the_event_as_its_publication_does() -> None:
    # "Today" names the publication day and says no more than the publication date:
    # "bis heute" (to this day) and "نن یو کال پوره شو" (a year is complete today) in
    # anniversary pieces as much as "today" in news of the day.
    for text in ("Russia today sent wheat to Afghanistan",
                 "Russland erkennt die Taliban an, bis heute als einziges Land",
                 "نن یو کال پوره شو چې روسیې اسلامي امارت په رسمیت وپېژانده"):
        found, _ = dates_of([text], PUBLISHED)
        assert found == EventDate(PUBLISHED, "day", "published"), text
    # A day word for another day still dates the event by the text.
    found, _ = dates_of(["Russia yesterday sent wheat to Afghanistan"], PUBLISHED)
    assert found == EventDate(PUBLISHED - timedelta(days=1), "day", "text")
