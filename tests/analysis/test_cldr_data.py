"""The CLDR extract shipped in tracker/data equals a fresh one from the installed babel.

A newer babel may bring newer CLDR data: the extract then stays as shipped (the readers
do not change under the user's feet) and these tests say to regenerate it.
"""

from __future__ import annotations

import json

import babel
import pytest

from tracker.analysis import calendar_extract, ordinals, quantity_words
from tracker.analysis.cldr_data import (
    CALENDAR_FILE,
    ORDINAL_FILE,
    QUANTITY_FILE,
    dump,
    extracted_with,
    load,
)

same_babel = pytest.mark.skipif(
    babel.__version__ != extracted_with(),
    reason=f"extract made with babel {extracted_with()}, installed {babel.__version__}: "
           "regenerate with python -m tracker.analysis.cldr_export")


def fresh(tables: dict[str, object]) -> object:
    # Through dump and back: JSON has no tuples and no integer keys.
    return json.loads(dump(tables | {"babel": babel.__version__}))


@same_babel
def test_stored_calendar_words_are_a_fresh_extract() -> None:
    assert load(CALENDAR_FILE) == fresh(calendar_extract.cldr_tables())


@same_babel
def test_stored_quantity_words_are_a_fresh_extract() -> None:
    assert load(QUANTITY_FILE) == fresh(quantity_words.cldr_tables())


def test_stored_ordinals_are_a_fresh_extract() -> None:
    pytest.importorskip("unicode_rbnf")
    stored, fresh_tables = load(ORDINAL_FILE), ordinals.cldr_tables()
    if stored["unicode_rbnf"] != fresh_tables["unicode_rbnf"]:
        pytest.skip(f"ordinals made with unicode-rbnf {stored['unicode_rbnf']}, installed "
                    f"{fresh_tables['unicode_rbnf']}: regenerate them")
    assert stored == json.loads(dump(fresh_tables))
