"""script.normalise: spellings readers take for the same word compare equal."""

from __future__ import annotations

import pytest

from tracker.analysis.script import normalise


@pytest.mark.parametrize(("one", "other"), [
    # Arabic and Persian yeh and kaf: Dari/Persian writes ی ک, Arabic ي ك.
    ("متقی", "متقي"),
    ("کابل", "كابل"),
    ("افغانستان کی", "افغانستان كى"),
    # Urdu yeh barree and heh goal, Arabic teh marbuta and heh.
    ("ماسکو کے", "ماسکو کي"),
    ("وزارۃ", "وزارة"),
    ("ہمارا", "همارا"),
    ("وزارة الخارجية", "وزاره الخارجيه"),
    # Pashto e and gaf with ring, against Persian spellings.
    ("ګډون", "گډون"),
    ("کېږي", "کيږي"),
    # Urdu writes a hamza seat before the yeh of a vowel run (Shoigu, Sergei, Mikhail)
    # where Persian and Arabic write one yeh.
    ("شوئیگو", "شویگو"),
    ("سرگئی", "سرگی"),
    ("میخائیل", "ميخايل"),
    # Alef variants, harakat, tatweel.
    ("الأمم المتحدة", "الامم المتحده"),
    ("إسلام آباد", "اسلام اباد"),
    ("مُحَمَّد", "محمد"),
    ("كـــابـــل", "کابل"),
    # Presentation forms (what some PDFs and old sites carry).
    ("ﻛﺎﺑﻞ", "کابل"),
    # Zero-width non-joiner: a Persian morpheme boundary, as a space.
    ("روسیه‌ها", "روسیه ها"),
    ("می\u200cکند", "می کند"),
    # Joiners, BOM, bidi marks and soft hyphens change rendering only.
    ("\ufeffКабул\u200d", "Кабул"),
    ("Tali\u00adban", "Taliban"),
    ("\u200fطالبان\u200e", "طالبان"),
    # Digits of every script.
    ("۱۴۰۴", "1404"),
    ("٢٠٢٥", "2025"),
    ("२०२५", "2025"),
    ("১২৩", "123"),
    ("５０ 톤", "50 톤"),
    ("٣٫٥", "3.5"),
    # Uzbek o‘ and g‘ with every apostrophe writers use.
    ("Afg‘oniston", "Afg'oniston"),
    ("Afgʻoniston", "Afg'oniston"),
    ("Afg’oniston", "Afg'oniston"),
    ("Afgʼoniston", "Afg'oniston"),
    ("Afg`oniston", "Afg'oniston"),
    ("Afg´oniston", "Afg'oniston"),
    ("O‘zbekiston", "o'zbekiston"),
    # Turkish apostrophe before a suffix.
    ("Putin’in", "putin'in"),
    # Case folding and accents.
    ("MOSKOVA", "moskova"),
    ("Straße", "strasse"),
    ("Kasım İSTANBUL", "kasim istanbul"),
    ("Łódź Ørsted Đakovo", "lodz orsted dakovo"),
    ("négociations à Doha", "negociations a doha"),
    ("Ελλάδα", "ελλαδα"),
    # Russian ё is written е as often as not; Russian stress marks are dropped.
    ("Ёлки, её", "елки, ее"),
    ("Моско́вский", "московский"),
    # Hindi writers add or leave out the nukta.
    ("वीज़ा", "वीजा"),
    # Spaces of every kind, and runs of them.
    ("Kabul\u00a0\u2003 talks\n", "kabul talks"),
])
def test_variants_normalise_to_the_same_form(one: str, other: str) -> None:
    assert normalise(one) == normalise(other)


@pytest.mark.parametrize(("distinct", "other"), [
    # Letters of their own stay apart.
    ("йод", "иод"),
    ("їжак", "іжак"),
    ("چای", "جای"),
    ("پوتین", "بوتین"),
    ("ڼ", "ن"),
    # A hamza seat before any other letter is a letter of the word (masā'il, issues).
    ("مسائل", "مسل"),
    ("қала", "кала"),
])
def test_distinct_letters_stay_distinct(distinct: str, other: str) -> None:
    assert normalise(distinct) != normalise(other)


def test_the_result_is_stable_and_keeps_words_readable() -> None:
    text = "Ташкент: وزير الخارجية الأفغاني ۱۵ میزان ۱۴۰۴ — Kabul’s 50 t, 普京会见"
    once = normalise(text)
    assert normalise(once) == once
    assert once == "ташкент: وزير الخارجيه الافغاني 15 ميزان 1404 — kabul's 50 t, 普京会见"


def test_ascii_takes_the_same_path_as_unicode() -> None:
    assert normalise("  Kabul`s  TALKS ") == normalise("Kabul’s talks") == "kabul's talks"
    assert normalise("") == ""
