"""tracker.analysis.text: sentences, for the lede the evidence is read from."""

from __future__ import annotations

from tracker.analysis.text import sentences


def test_a_stop_after_a_day_or_ordinal_number_ends_no_sentence() -> None:
    assert sentences("Moskova'da Afganistan konulu 6. toplantı yapıldı. Lavrov konuştu.") == [
        "Moskova'da Afganistan konulu 6. toplantı yapıldı.", "Lavrov konuştu."]
    assert sentences("Am 7. Oktober begann das Treffen. Danach") == [
        "Am 7. Oktober begann das Treffen.", "Danach"]


def test_a_stop_before_a_lower_case_word_ends_no_sentence() -> None:
    assert sentences("U.S. officials met the envoy. They talked.") == [
        "U.S. officials met the envoy.", "They talked."]


def test_sentences_end_at_stops_of_many_scripts_and_at_line_breaks() -> None:
    assert sentences("Первое. Второе! Третье?\nЧетвёртое") == [
        "Первое.", "Второе!", "Третье?", "Четвёртое"]
    assert sentences("کمک رسید؟ بله") == ["کمک رسید؟", "بله"]
    assert sentences("सहायता भेजी गई। अगला") == ["सहायता भेजी गई।", "अगला"]
    assert sentences("Rose to 2025. Then") == ["Rose to 2025.", "Then"]


def test_a_stop_inside_closing_quotes_ends_the_sentence() -> None:
    assert sentences('He said: "Talks went well." Then he left.') == [
        'He said: "Talks went well."', "Then he left."]
    assert sentences("«همکاری شتاب گرفته است.» رئیس جمهور گفت.") == [
        "«همکاری شتاب گرفته است.»", "رئیس جمهور گفت."]
    assert sentences("«Сотрудничество растёт.» Так сказал президент.") == [
        "«Сотрудничество растёт.»", "Так сказал президент."]
    # A quote that goes on in lower case is one sentence.
    assert sentences('"It went well." he said.') == ['"It went well." he said.']


def test_urdu_and_chinese_stops_end_sentences() -> None:
    assert list(sentences("روس نے امداد بھیجی۔ طالبان نے شکریہ ادا کیا۔")) == [
        "روس نے امداد بھیجی۔", "طالبان نے شکریہ ادا کیا۔"]
    # Chinese writes no space after its stop.
    assert list(sentences("俄罗斯向阿富汗运送小麦。双方还讨论了铜矿。")) == [
        "俄罗斯向阿富汗运送小麦。", "双方还讨论了铜矿。"]
