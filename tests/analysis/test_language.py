"""language.identify on hand-written headlines and ledes in the languages feeds use."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.analysis.language import MAX_CHARS, _classifier, identify, iso_code

HEADLINES = [
    ("en", "Flights between the two capitals will resume in spring, the airline said"),
    ("en", "Parliament approves budget after a long night of debate"),
    ("ru", "Авиакомпания возобновит рейсы между двумя столицами весной"),
    ("ru", "Парламент утвердил бюджет после долгих ночных дебатов"),
    ("uk", "Авіакомпанія відновить рейси між двома столицями навесні"),
    ("uk", "Парламент ухвалив бюджет після довгих нічних дебатів"),
    ("de", "Die Fluggesellschaft nimmt die Flüge zwischen den Hauptstädten wieder auf"),
    ("fr", "La compagnie aérienne reprendra ses vols entre les deux capitales au printemps"),
    ("it", "La compagnia aerea riprenderà i voli tra le due capitali in primavera"),
    ("es", "La aerolínea reanudará los vuelos entre las dos capitales en primavera"),
    ("pl", "Linia lotnicza wznowi loty między obiema stolicami wiosną"),
    ("tr", "Havayolu şirketi iki başkent arasındaki uçuşlara ilkbaharda yeniden başlayacak"),
    ("uz", "Aviakompaniya ikki poytaxt o‘rtasidagi parvozlarni bahorda qayta tiklaydi"),
    ("kk", "Әуе компаниясы екі астана арасындағы рейстерді көктемде қайта бастайды"),
    ("tg", "Ширкати ҳавопаймоӣ парвозҳоро байни ду пойтахт дар фасли баҳор аз сар мегирад"),
    ("ar", "شركة الطيران تستأنف رحلاتها بين العاصمتين في الربيع"),
    ("ar", "البرلمان يقر الميزانية بعد ليلة طويلة من النقاش"),
    ("fa", "شرکت هواپیمایی پروازها میان دو پایتخت را در بهار از سر می‌گیرد"),
    # Dari (Afghan Persian): reported as Persian.
    ("fa", "سرپرست وزارت امور خارجه در ولایت بلخ با هیئت تجارتی دیدار کرد"),
    ("fa", "به گفته مقامات محلی، سرک میان دو ولسوالی پس از برفباری باز شد"),
    ("ps", "هوايي شرکت به د پسرلي په موسم کې د دواړو پلازمېنو ترمنځ الوتنې بیا پیل کړي"),
    ("ps", "د ولایت والي وویل چې سړک د واورې له امله بند شوی دی"),
    ("ur", "ایئر لائن موسم بہار میں دونوں دارالحکومتوں کے درمیان پروازیں دوبارہ شروع کرے گی"),
    ("ur", "پارلیمنٹ نے طویل بحث کے بعد بجٹ کی منظوری دے دی"),
    ("hi", "एयरलाइन वसंत में दोनों राजधानियों के बीच उड़ानें फिर से शुरू करेगी"),
    ("zh", "航空公司将于春季恢复两国首都之间的航班"),
    ("zh", "议会经过漫长辩论后批准预算"),
]


@pytest.mark.parametrize(("code", "text"), HEADLINES)
def test_headlines_are_identified(code: str, text: str) -> None:
    identified = identify(text)
    assert identified.code == code, identified
    assert 0.5 <= identified.confidence <= 1.0


@pytest.mark.parametrize("text", ["Putin", "12 345", "", "   ", "Taliban", "OK"])
def test_a_name_or_a_number_alone_is_no_language(text: str) -> None:
    assert identify(text).code is None


def test_persian_pashto_and_urdu_are_told_apart_on_the_same_news() -> None:
    codes = {identify(text).code for code, text in HEADLINES if code in ("fa", "ps", "ur")}
    assert codes == {"fa", "ps", "ur"}


def test_long_text_is_cut_and_still_identified() -> None:
    lede = "Die Regierung kündigte am Montag neue Gespräche über den Handel an. " * 30
    assert len(lede) > MAX_CHARS
    assert identify(lede).code == "de"


def test_varieties_report_their_macrolanguage() -> None:
    assert iso_code("uzs") == "uz"
    assert iso_code("yue") == "zh"
    assert iso_code("ru") == "ru"
    assert iso_code("zxx") is None
    assert iso_code("ace") is None


def test_a_close_reading_in_a_language_the_tracker_reads_is_taken() -> None:
    from tracker.analysis.language import identify_among

    german = "Russland schickt 20 Tonnen humanitäre Hilfe nach Afghanistan"
    assert identify_among(german, frozenset({"de", "en", "ru"})).code == "de"
    swahili = "Urusi na Taliban: Moscow yatia saini mkataba wa mafuta na Afghanistan"
    assert identify_among(swahili, frozenset({"de", "en", "ru"})).code == "sw"


def test_a_variety_of_one_macrolanguage_is_read_in_the_member_the_tracker_reads() -> None:
    from tracker.analysis.language import identify, identify_among

    # Serbian in Latin letters and Croatian: the model's best label is often Bosnian.
    serbian = ("Rusija je poslala humanitarnu pomoć Avganistanu posle snažnog "
               "zemljotresa, saopštilo je ministarstvo spoljnih poslova.")
    croatian = ("Rusija je poslala humanitarnu pomoć Afganistanu nakon snažnog potresa, "
                "priopćilo je ministarstvo vanjskih poslova.")
    indonesian = ("Rusia mengirim bantuan kemanusiaan ke Afganistan setelah gempa bumi "
                  "yang kuat, kata kementerian luar negeri.")
    assert identify(serbian).code == "bs"
    assert identify_among(serbian, frozenset({"sr", "hr", "en"})).code in {"sr", "hr"}
    assert identify_among(serbian, frozenset({"sr", "en"})).code == "sr"
    assert identify_among(croatian, frozenset({"hr", "en"})).code == "hr"
    assert identify_among(indonesian, frozenset({"id", "en"})).code == "id"
    # A reader of none of a group's members leaves the model's label alone.
    assert identify_among(croatian, frozenset({"en", "ru"})).code == "bs"
    # Serbian in Cyrillic letters is Serbian; Macedonian is in no group.
    macedonian = "Русија испрати хуманитарна помош во Авганистан по силниот земјотрес."
    assert identify_among(macedonian, frozenset({"sr", "en"})).code == "mk"


def _texts() -> list[str]:
    """Headlines, their ledes joined, pieces of them, and texts without features."""
    texts = [text for _, text in HEADLINES]
    texts += [f"{a}  {b}" for (_, a), (_, b) in zip(HEADLINES, HEADLINES[1:], strict=False)]
    texts += [text[: len(text) // 3] for text in texts]
    return [*texts, "", " ", "12 345", "ШОС", "NATO and the UN", "\u200c\u200d"]


@pytest.fixture(scope="module")
def model() -> Any:
    """py3langid's own identifier, as it loads (about 70 MB)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_identifier_scores_are_py3langids_own(model: Any) -> None:
    """The identifier's compact tables and remembered walk give py3langid's scores to
    the last bit, on the first reading of a text and on later ones."""
    identifier = _classifier()
    for _ in range(2):
        for text in _texts():
            assert identifier.classify(text) == model.classify(text), text
            assert identifier.rank(text) == model.rank(text), text


def test_compact_transitions_are_the_models() -> None:
    from array import array

    from tracker.analysis.language import _Moves

    moves = array("I", [0, 1, 65535, 65536, 65537, 131071, 7, 99_999, 104_582])
    compact = _Moves(moves)
    assert [compact[i] for i in range(len(moves))] == list(moves)
    with pytest.raises(ValueError, match="17 bits"):
        _Moves(array("I", [1 << 17]))


def test_compact_transitions_hold_every_transition_of_the_model(model: Any) -> None:
    import numpy as np

    moves = _classifier()._moves
    full = np.frombuffer(model.tk_nextmove, dtype=np.uint32)
    high = np.unpackbits(np.frombuffer(moves.high, dtype=np.uint8),
                         bitorder="little")[:full.size].astype(np.uint32)
    rebuilt = np.frombuffer(moves.low, dtype=np.uint16).astype(np.uint32) | (high << 16)
    assert np.array_equal(rebuilt, full)
