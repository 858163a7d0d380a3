"""The sides named as languages with few resources write them: inflected CLDR names,
Hebrew's joined prefixes. The cases are written for these tests."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.buddhist_era import gregorian_years
from tracker.analysis.dates import event_date
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.places import PlaceIndex
from tracker.analysis.side_terms import inflected_names
from tracker.analysis.word_forms import forms, glued_forms


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return CompiledStory.compile(config.load(SHIPPED_CONFIG).story)


@pytest.mark.parametrize(("title", "body"), [
    # Turkmen glues its cases to CLDR's Russiýa and Owganystan (from, to, of).
    ("Russiýadan ilkinji ýük otly Owganystana bardy", "Otly Hyrada geldi."),
    ("Russiýanyň wekilleri Owganystanyň ministri bilen duşuşdy", ""),
])
def test_inflected_cldr_names_of_both_sides_name_them(story: CompiledStory, title: str,
                                                      body: str) -> None:
    verdict = judge(story, title, body)
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


def test_short_cldr_names_are_no_stems() -> None:
    # German Moschee (mosque) would begin with a stem of Moscow's mosche.
    stems = inflected_names(["RU", "city:Europe/Moscow", "AF"])
    assert "owganystan*" in stems and "russiya*" in stems
    assert "mosche*" not in stems and all(len(s) > 7 for s in stems)


@pytest.mark.parametrize(("word", "bare"), [
    ("בקאבול", "קאבול"),  # in Kabul
    ("הטליבאן", "טליבאן"),  # the Taliban
    ("ומהמוסקבה", None),  # three prefix letters: no stem
])
def test_hebrew_prefixes_come_off_a_name(word: str, bare: str | None) -> None:
    if bare is None:
        assert all(len(form) >= len(word) - 2 for form in forms(word))
    else:
        assert bare in forms(word)


def test_hebrew_prefixes_leave_short_words_whole() -> None:
    # ביוני (in June) is no name יוני; a three-letter remainder is any word.
    assert forms("בעיר") == ("בעיר",)


def test_hebrew_reports_name_kabul_and_the_taliban_with_prefixes(
        story: CompiledStory) -> None:
    assert PlaceIndex.build().find("הטקס נערך בקאבול") == {"city:Asia/Kabul"}
    assert "הטליבאן" in glued_forms("טליבאן")
    verdict = judge(story, "רוסיה והטליבאן חתמו על הסכם סחר", "")
    assert verdict.relevant, verdict.reason
def test_a_german_mosque_names_no_russia(story: CompiledStory) -> None:
    verdict = judge(story, "Neue Moschee in Kabul eröffnet", "Die Moscheegemeinde feierte.")
    assert not verdict.relevant and "no mention of Russia" in verdict.reason, verdict.reason




@pytest.mark.parametrize(("word", "name"), [
    ("रशियाने", "रशिया"),  # Marathi: Russia (ergative)
    ("अफगाणिस्तानला", "अफगाणिस्तान"),  # Marathi: to Afghanistan
    ("અફઘાનિસ્તાનને", "અફઘાનિસ્તાન"),  # Gujarati: to Afghanistan
    ("ஆப்கானிஸ்தானில்", "ஆப்கானிஸ்தான்"),  # Tamil: in Afghanistan, the virama restored
    ("ரஷ்யாவுக்கு", "ரஷ்யா"),  # Tamil: to Russia
])
def test_indic_case_endings_come_off_a_name(word: str, name: str) -> None:
    assert name in forms(word)


def test_a_short_indic_word_keeps_its_ending() -> None:
    # Two letters less the ending would be any word.
    assert forms("घरने") == ("घरने",)


def test_marathi_and_gujarati_reports_name_both_sides(story: CompiledStory) -> None:
    for title in ("रशियाने अफगाणिस्तानला गहू पाठवला", "રશિયાએ અફઘાનિસ્તાનને ઘઉં મોકલ્યા"):
        verdict = judge(story, title, "")
        assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


def test_a_tamil_adjective_names_the_country() -> None:
    assert PlaceIndex.build().find("ரஷ்ய நிறுவனம்") == {"RU"}


@pytest.mark.parametrize("title", [
    "รัสเซีย-ตาลีบันลงนามความตกลงด้านวีซ่า",  # Thai, no spaces: Russia–Taliban
    "Russiýa talybanlaryň hökümeti bilen ylalaşyk baglaşdy",  # Turkmen talyban
])
def test_thai_and_turkmen_name_the_taliban(story: CompiledStory, title: str) -> None:
    verdict = judge(story, title, "")
    assert verdict.relevant and "title names every side" in verdict.reason, verdict.reason


def test_thai_concepts_are_found_inside_a_run_of_text() -> None:
    from tracker.analysis.categories import general_lexicon

    found = {c.id for c in general_lexicon().find("รัสเซียลงนามความตกลงให้นักธุรกิจขอวีซ่า")}
    assert {"agreement", "consular"} <= found


@pytest.mark.parametrize(("text", "expected"), [
    ("ลงนามเมื่อวันที่ 22 กันยายน 2569", "ลงนามเมื่อวันที่ 22 กันยายน 2026"),
    ("ในปี พ.ศ. 2568", "ในปี พ.ศ. 2025"),
    ("ราคา 2569 บาท", "ราคา 2569 บาท"),  # a price, no year
    ("22 September 2569", "22 September 2569"),  # no Thai text
])
def test_thai_buddhist_era_years_are_read_as_gregorian(text: str, expected: str) -> None:
    assert gregorian_years(text) == expected


def test_a_thai_report_is_dated_by_its_buddhist_era_date() -> None:
    found = event_date(["ลงนามเมื่อวันที่ 22 กันยายน 2569"], None, seen=date(2026, 12, 7))
    assert found is not None and found.value == date(2026, 9, 22) and found.source == "text"


@pytest.mark.parametrize(("text", "day"), [
    ("Ylalaşyga 14-nji aprelde Kabulda gol çekildi", date(2026, 4, 14)),  # Turkmen
    ("Otly 5-nji oktýabrda geldi", date(2026, 10, 5)),
])
def test_a_turkic_day_with_its_ordinal_suffix_before_an_inflected_month(
        text: str, day: date) -> None:
    found = event_date([text], day + timedelta(days=2))
    assert found is not None and found.value == day and found.source == "text"


@pytest.mark.parametrize(("title", "relevant"), [
    ("Nga và Taliban ký thỏa thuận thương mại", True),  # Vietnamese Nga: Russia
    ("Ngã ba Kabul bị phong tỏa", False),  # ngã ba: a crossroads
    (unicodedata.normalize("NFD", "Ngã ba Kabul bị phong tỏa"), False),  # decomposed
    ("Xe tải bị lật ở ngã tư Kabul", False),
])
def test_a_term_as_written_keeps_its_capital_and_accents(story: CompiledStory, title: str,
                                                         relevant: bool) -> None:
    verdict = judge(story, title, "Taliban phong tỏa đường.")
    assert verdict.relevant is relevant, verdict.reason


def test_a_term_as_written_is_no_transliteration_key() -> None:
    from tracker.analysis.side_terms import side_names

    names = side_names(config.load(SHIPPED_CONFIG).story)
    assert not any(term.startswith("=") for terms in names.values() for term in terms)
