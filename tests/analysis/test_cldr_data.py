"""The CLDR extract shipped in tracker/data equals a fresh one from the installed babel."""

from __future__ import annotations

import json

from tracker.analysis import calendars, quantity_words
from tracker.analysis.cldr_data import CALENDAR_FILE, QUANTITY_FILE, dump, load


def test_stored_calendar_words_are_a_fresh_extract() -> None:
    # Through dump and back: JSON has no tuples and no integer keys.
    assert load(CALENDAR_FILE) == json.loads(dump(calendars.cldr_tables()))


def test_stored_quantity_words_are_a_fresh_extract() -> None:
    assert load(QUANTITY_FILE) == json.loads(dump(quantity_words.cldr_tables()))
