"""Event dates from a title and lede (tracker.analysis.dates), on hand-written ledes.

Only the public :func:`event_date` and :class:`EventDate` are used, so these tests
describe what the dates module promises, whatever it looks like inside.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracker.analysis.dates import EventDate, event_date

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
    # ... further ahead is read as last year's.
    found = day("Talks on March 20", reference=MONDAY)
    assert found is not None and found.value == date(2025, 3, 20)


def test_a_printed_year_is_taken_as_written() -> None:
    assert day("The accord of September 5, 2021 still stands") == EventDate(
        date(2021, 9, 5), "day", "text")


def test_weekdays_and_relative_days_count_back_from_the_reference() -> None:
    assert day("Ministers met on Thursday") == EventDate(date(2026, 3, 5), "day", "text")
    assert day("Ministers meet on Monday") == EventDate(MONDAY, "day", "text")
    assert day("Ministers met yesterday") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Министры встретились вчера") == EventDate(date(2026, 3, 8), "day", "text")
    assert day("Die Minister treffen sich heute") == EventDate(MONDAY, "day", "text")


def test_the_first_mention_in_the_text_wins() -> None:
    found = day("On March 3 envoys met again, after the talks of 2026-01-15")
    assert found is not None and found.value == date(2026, 3, 3)


def test_a_month_alone_has_month_precision() -> None:
    found = day("Trade grew in February, officials said")
    assert found == EventDate(date(2026, 2, 1), "month", "text")
    assert found.iso() == "2026-02"
    assert day("Trade grew in April 2024") == EventDate(date(2024, 4, 1), "month", "text")


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
    assert day("Ministers met on Thursday", reference=None, seen=seen) == EventDate(
        date(2026, 3, 12), "day", "seen")
    assert day("Ministers met on March 10", reference=None, seen=seen) == EventDate(
        date(2026, 3, 10), "day", "seen")
    assert day("No date at all", reference=None, seen=seen) == EventDate(seen, "day", "seen")
    # A full date printed in the text needs neither.
    assert day("Signed 2026-03-01", reference=None, seen=seen) == EventDate(
        date(2026, 3, 1), "day", "text")


def test_with_nothing_to_anchor_a_day_without_a_year_there_is_no_date() -> None:
    assert day("Ministers met on March 5", reference=None) is None
    assert day("Ministers met on Thursday", reference=None) is None
    assert day("Signed 2026-03-01", reference=None) == EventDate(
        date(2026, 3, 1), "day", "text")
