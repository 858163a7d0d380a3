"""Seasons a report recalls (tracker.analysis.seasons), on hand-written sentences."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.analysis.dates import EventDate, dates_of
from tracker.analysis.seasons import recalled_seasons

LAST_SUMMER = date(2025, 7, 1)


@pytest.mark.parametrize(("text", "published"), [
    ("Moscow recognised the Taliban last summer", date(2026, 2, 11)),
    ("решение признать талибов прошлым летом было прагматичным", date(2026, 2, 11)),
    ("признание талибов летом прошлого года", date(2026, 5, 1)),
    ("Mit der Anerkennung im vergangenen Sommer wollte der Kreml", date(2025, 12, 9)),
    ("une décision prise l'été dernier", date(2026, 3, 1)),
    ("anunciado el verano pasado", date(2026, 3, 1)),
    ("اعتراف روسيا في الصيف الماضي", date(2026, 1, 2)),
    ("شناسایی امارت اسلامی در تابستان گذشته", date(2026, 5, 1)),
    ("Rusya geçen yaz Taliban'ı tanıdı", date(2026, 1, 2)),
    ("去年夏天，俄羅斯正式承認塔利班政府", date(2026, 3, 8)),
    ("روس نے پچھلی گرمیوں میں طالبان کو تسلیم کیا", date(2026, 3, 8)),
    # Written in August, "last summer" is the summer before.
    ("a step it took last summer", date(2026, 8, 20)),
])
def test_last_summer_is_the_latest_summer_before_the_publication(
        text: str, published: date) -> None:
    expected = LAST_SUMMER if published < date(2026, 9, 1) else date(2026, 7, 1)
    assert recalled_seasons(text, published) == [expected]


def test_a_season_is_recalled_only_beside_a_last_word_and_never_dates_the_event() -> None:
    assert recalled_seasons("the summer heat in Kabul", date(2026, 1, 2)) == []
    assert recalled_seasons("last summer", None) == []
    assert recalled_seasons("last winter", date(2026, 1, 10)) == [date(2025, 1, 1)]
    assert recalled_seasons("last winter", date(2026, 3, 10)) == [date(2026, 1, 1)]
    published = date(2026, 2, 11)
    found, printed = dates_of(["Russia, which recognised the Taliban last summer, sent wheat"],
                              published)
    assert found == EventDate(published, "day", "published")
    assert printed == (EventDate(LAST_SUMMER, "month", "text"),)


def test_a_url_slug_recalls_its_season_as_prose_does() -> None:
    assert recalled_seasons("russia-taliban-recognition-last-summer",
                            date(2026, 2, 1)) == [LAST_SUMMER]


@pytest.mark.parametrize("text", [
    "Russia recognised the Taliban in summer 2025",
    "Россия признала талибов летом 2025 года",
    "Russland erkannte die Taliban im Sommer 2025 an",
    "en el verano de 2025",
    "2025 yazında Rusya Taliban yönetimini tanıdı",
    "اعترفت روسيا بطالبان في صيف 2025",
    "روسیه در تابستان ۱۴۰۴ طالبان را به رسمیت شناخت",  # solar hijri 1404
    "俄罗斯2025年夏天承认塔利班",
])
def test_a_season_of_a_year_is_recalled_with_or_without_a_publication_date(text: str) -> None:
    assert recalled_seasons(text, None) == [LAST_SUMMER]
    assert recalled_seasons(text, date(2026, 3, 3)) == [LAST_SUMMER]
