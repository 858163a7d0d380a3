"""Datelines and legal notes: they name a country without reporting on it.

Written for these tests; none is taken from the evaluation sample.
"""

from __future__ import annotations

import pytest

from tracker.analysis.asides import strip_dateline, without_asides

DATELINES = [
    ("МОСКВА, 3 марта. /ТАСС/. Талибы открыли новый рынок.", "Талибы открыли новый рынок."),
    ("MOSCOW, Feb 2 (Reuters) - Wheat prices rose.", "Wheat prices rose."),
    ("KABUL (AP) — A new bridge opened.", "A new bridge opened."),
    ("Moscow, 14 May 2026: The ministry said.", "The ministry said."),
    ("ISLAMABAD: The talks resumed.", "The talks resumed."),
    ("كابل (رويترز) - قالت الحكومة", "قالت الحكومة"),
    ("Berlin, 5. März (dpa) - Die Regierung", "Die Regierung"),
    # The wires' own ways: the date after a stop, the agency's name after the dash or
    # before it in capitals.
    ("МОСКВА, 27 фев - РИА Новости. Россия обеспокоена", "Россия обеспокоена"),
    ("Москва. 4 марта. INTERFAX.RU - Москва призывает", "Москва призывает"),
    ("KABUL, 3 March - Pajhwok Afghan News. The ministry said", "The ministry said"),
    # After the dash, a sentence with lower-case words is the report's own.
    ("MOSCOW, 27 Feb - Russia is concerned. It said so.", "Russia is concerned. It said so."),
    # Afghan and Pakistani papers: a bracketed agency with no stop; Arab ones: the
    # agency in brackets after the dash.
    ("اسلام آباد (نمائندہ خصوصی) وزیر خارجہ نے کہا", "وزیر خارجہ نے کہا"),
    ("کابل (باختر) وزارت معادن اعلام کرد", "وزارت معادن اعلام کرد"),
    ("إسلام آباد - (وكالات): قالت الحكومة", "قالت الحكومة"),
    # A date whose month is abbreviated or inflected takes the dateline's stop with it.
    ("ТЕРМЕЗ, 6 июля. Первые составы прибыли", "Первые составы прибыли"),
    ("HERAT, 12 Sept. The first train arrived", "The first train arrived"),
    ("ХАЙРАТОН, 3 лип. Перший потяг прибув", "Перший потяг прибув"),
]

NOT_DATELINES = [
    "Moscow, Kabul sign a 3-year deal. Details follow.",
    "Russia Officially Accepts the Envoy in Moscow",
    "Putin: the situation is under control",
    "روسيا: طالبان شريك",  # no capitals, no date, no agency: a headline's colon
    "moscow, 5 May (wire) - lower case is not a city",
    # No stop after the brackets, and no city before them: the sentence's subject.
    "طالبان (افغان حکومت) نے روس سے بات کی",
    # A city and a date with no agency and no capitals: the sentence's own words.
    "Kabul, 6 July talks went well.",
]


@pytest.mark.parametrize(("text", "rest"), DATELINES)
def test_a_dateline_is_taken_out(text: str, rest: str):
    assert strip_dateline(text) == rest


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_a_headline_is_no_dateline(text: str):
    assert strip_dateline(text) == text


def test_a_dateline_alone_keeps_its_words():
    assert strip_dateline("MOSCOW, 3 March (TASS).") == "MOSCOW, 3 March (TASS)."


@pytest.mark.parametrize("text", [
    "Талибы* (организация запрещена в России) заявили о торговле.",
    "Движение «Талибан» (признано террористическим и запрещено в РФ) заявило о торговле.",
    "Талібан (організація заборонена в Росії) заявив про торгівлю.",
    "Талибы* заявили о торговле.\n* Деятельность организации запрещена в России.",
])
def test_a_legal_note_is_taken_out(text: str):
    left = without_asides(text)
    assert "торгов" in left or "торгівл" in left
    assert "Росс" not in left and "РФ" not in left and "Росії" not in left


def test_an_ordinary_parenthesis_stays():
    text = "Талибы (в Кабуле) заявили, что Россия (крупнейший партнёр) поможет."
    assert without_asides(text) == text
