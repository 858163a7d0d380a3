"""tracker.analysis.speakers: the parts of a headline that name who it quotes."""

from __future__ import annotations

from tracker.analysis.speakers import opening, spans

REPORTING = {"says", "said", "заявил", "a déclaré"}


def says(text: str) -> bool:
    return any(verb in text.lower().split() or verb in text.lower() for verb in REPORTING)


def test_the_opening_before_a_colon_names_the_speaker() -> None:
    assert opening("Захарова: Россия не намерена отзывать признание") == "Захарова"
    assert opening("专家：俄罗斯将继续合作") == "专家"
    # A long first clause before a colon is no speaker.
    assert opening("Russia and the Taliban agree on five points for trade: wheat") == ""


def test_the_closing_after_the_quote_names_the_speaker() -> None:
    assert "کابلوف" in spans("روس طالبان کو معلومات دے گا: کابلوف", says)
    assert "زاخاروفا" in spans("الاعتراف باق - زاخاروفا", says)
    # A long closing part is the quote itself, not who said it.
    assert spans("Moscow Format: next round will be held in February with the Taliban", says) \
        == ["Moscow Format"]


def test_a_short_clause_with_a_reporting_verb_names_the_speaker() -> None:
    assert "Kabulov says" in spans("Russia to share intelligence, Kabulov says", says)
    assert "заявил Лавров" in spans("Признание остается в силе, заявил Лавров", says)
    assert "Lavrov" in spans("Lavrov says Russia will propose lifting sanctions", says)
    assert "Sergueï Lavrov" in spans("Sergueï Lavrov a déclaré que la Russie aidera", says)


def test_a_headline_with_no_reporting_verb_names_no_speaker() -> None:
    assert spans("Lavrov arrives in Kabul for talks with Muttaqi", says) == []
    assert spans("Russia, Taliban to hold first counter-narcotics talks in April", says) == []


def test_the_words_after_a_reporting_verb_that_opens_the_headline_may_name_the_speaker(
        ) -> None:
    def says_ar(text: str) -> bool:
        return text.split()[0] in {"قال", "أعلن"} if text.split() else False

    found = spans("قال لافروف إن روسيا باقية", says_ar)
    assert "لافروف" in found and "لافروف إن روسيا باقية" in found
    # A headline that opens with no reporting verb, or with two, gives no such run.
    assert spans("لافروف يلتقي متقي في موسكو", says_ar) == []
    assert not any("لافروف" in span for span in spans("قال أعلن لافروف", says_ar))
