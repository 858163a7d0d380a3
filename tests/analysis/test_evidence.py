"""tracker.analysis.evidence: the headline and lede an article's evidence is read from."""

from __future__ import annotations

from tracker.analysis.evidence import LEDE_MIN_CHARACTERS, Article, main_text


def test_a_dateline_is_no_lede_the_sentence_after_it_is_part_of_it() -> None:
    body = ("Москва. 4 марта. INTERFAX.RU - Москва призывает Афганистан и Пакистан "
            "воздержаться от силовой конфронтации. Второе предложение.")
    headline, lede = main_text(Article("Москва призвала Кабул и Исламабад", body, None))
    assert headline == "Москва призвала Кабул и Исламабад"
    assert lede.startswith("Москва. 4 марта.") and "воздержаться" in lede
    assert "Второе" not in lede


def test_a_long_first_sentence_is_the_lede_alone() -> None:
    first = "Russia sent forty tonnes of aid to the earthquake zone in western Afghanistan."
    assert len(first) >= LEDE_MIN_CHARACTERS
    assert main_text(Article("Aid", f"{first} Officials said more would follow.", None)) == (
        "Aid", first)


def test_without_a_headline_the_lede_is_the_headline() -> None:
    body = "КАБУЛ, 5 сентября. Самолёт МЧС России доставил гуманитарную помощь в Кабул."
    headline, lede = main_text(Article("", body, None))
    assert headline == body and lede == ""
