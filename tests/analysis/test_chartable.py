"""tracker.analysis.chartable: a table applied to the characters a text holds is the
table's translation, whatever the text holds (hand-written texts)."""

from __future__ import annotations

import pytest

from tracker.analysis import lexkey, script
from tracker.analysis.chartable import CharTable, beyond_bmp, char_class

TEXTS = [
    "",
    "Plain ASCII: nothing to change.",
    "Тали\u0301бан и Росси\u0301я: переговоры в Москве",
    "روسیه و طالبان ۱۴۰۴ – سفارت كابل",
    "Vi\u1ec7t Nam v\u00e0 \u01ff \u00f8 \u00c5ngstr\u00f6m",
    "emoji \U0001f600 and a mathematical digit \U0001d7ce beside \u0661\u0662",
    "\u200bzero\u200dwidth\ufeff and tatweel \u0640\u0640",
]


@pytest.mark.parametrize("table", [lexkey._replacements(), script._replacements()],
                         ids=["lexkey", "script"])
@pytest.mark.parametrize("text", TEXTS)
def test_a_table_applied_is_its_translation(table: CharTable, text: str) -> None:
    assert table.apply(text) == text.translate(table.table)


def test_a_table_changing_characters_beyond_the_first_plane_changes_them() -> None:
    table = CharTable.of({ord("\U0001d7ce"): "0", ord("a"): "b", ord("b"): "c"})
    # "a" becomes "b", itself changed: translated in one pass, not twice.
    assert table.apply("a \U0001d7ce b") == "b 0 c"
    assert table.apply("\U0001d7ce") == "0"


def test_a_class_of_characters_finds_each_and_nothing_else() -> None:
    found = char_class("acdezß-]")
    assert found.findall("abcdefz-]ß^") == ["a", "c", "d", "e", "z", "-", "]", "ß"]
    assert char_class("").search("anything") is None
    assert beyond_bmp("a\U0001f600") and not beyond_bmp("aé")
