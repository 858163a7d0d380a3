"""tracker.analysis.windows: which updates a report of a given day may join."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.analysis.grouping import Evidence, UpdateProfile
from tracker.analysis.timing import JOIN_WINDOW_DAYS
from tracker.analysis.windows import DayIndex


def _profile(update_id: str, *days: date) -> UpdateProfile:
    profile = UpdateProfile(update_id, None, None, False)
    for day in days:
        profile.add(update_id, Evidence("", "en", {"aid": 1.0}, {}, when=day,
                                        dated_by="published"))
    return profile


def test_a_report_sees_the_updates_within_the_window_and_the_undated() -> None:
    index = DayIndex()
    march, may = _profile("march", date(2026, 3, 9)), _profile("may", date(2026, 5, 1))
    undated = _profile("undated")
    for profile in (march, may, undated):
        index.place(profile)
    window = timedelta(days=JOIN_WINDOW_DAYS)
    assert index.around(date(2026, 3, 9) + window) == {"march", "undated"}
    assert index.around(date(2026, 3, 9) + window + timedelta(days=1)) == {"undated"}
    assert index.around(date(2026, 4, 25)) == {"may", "undated"}


def test_an_update_is_filed_again_as_its_dates_move_and_removed_whole() -> None:
    index = DayIndex()
    profile = _profile("u", date(2026, 3, 9))
    index.place(profile)
    assert "u" not in index.around(date(2026, 3, 30))
    profile.add("later", Evidence("", "en", {"aid": 1.0}, {}, when=date(2026, 3, 25),
                                  dated_by="published"))
    index.place(profile)
    assert "u" in index.around(date(2026, 3, 30)) and "u" in index.around(date(2026, 3, 2))
    index.remove("u")
    assert index.days == {} and index.spans == {}


def test_an_update_sees_the_updates_it_may_merge_with_those_a_week_off_its_span_too() -> None:
    # An update's span from 9 to 12 March: another whose days lie up to the join window
    # off either end may be one development with it (interval_factor is not 0), one a
    # day further is not; an undated one always may.
    index = DayIndex()
    window = timedelta(days=JOIN_WINDOW_DAYS)
    first, last = date(2026, 3, 9), date(2026, 3, 12)
    profiles = (_profile("before", first - window), _profile("too-early", first - window
                                                                - timedelta(days=1)),
                _profile("after", last + window), _profile("too-late", last + window
                                                           + timedelta(days=1)),
                _profile("undated"), _profile("itself", first, last))
    for profile in profiles:
        index.place(profile)
    assert index.near(first, last) == ["before", "after", "undated", "itself"]
    # An update merged away (removed) and opened again is filed last, as a dict keeps it.
    index.remove("before")
    index.place(profiles[0])
    assert index.near(first, last) == ["after", "undated", "itself", "before"]
