"""places: CLDR's territories and cities in every locale, found in hand-written text."""

from __future__ import annotations

import re
from collections.abc import Mapping

import babel
import pytest

from tracker.analysis.places import (
    CITY,
    COMMON_WORDS,
    MIN_CHARS,
    PlaceIndex,
    cldr_places,
    dump_places,
    extracted_with,
    stored_places,
    stored_text,
    territory_of,
)
from tracker.analysis.subdivisions import subdivision_index

KABUL = "city:Asia/Kabul"
MOSCOW = "city:Europe/Moscow"


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex.build()


@pytest.fixture(scope="module")
def fresh() -> Mapping[str, frozenset[str]]:
    """The names read out of the installed babel now (a few seconds)."""
    return cldr_places()


@pytest.mark.parametrize(("text", "expected"), [
    ("Talks in Kabul and Moscow on trade with Afghanistan", {KABUL, MOSCOW, "AF"}),
    ("Делегация прибыла в Кабул из Москвы", {KABUL, MOSCOW}),
    ("Переговоры в Москве с Афганистаном и Россией", {MOSCOW, "AF", "RU"}),
    ("Делегацію Афганістану прийняли в Москві", {"AF", MOSCOW}),
    ("Мәскеу мен Кабул арасындағы рейстер", {MOSCOW, KABUL}),
    ("وصل الوفد إلى موسكو قادما من كابول", {MOSCOW, KABUL}),
    ("بموسكو وأفغانستان", {MOSCOW, "AF"}),
    ("هیئت افغانستان در مسکو با مقامات روسیه دیدار کرد", {"AF", MOSCOW, "RU"}),
    ("ماسکو میں افغانستان کے سفیر", {MOSCOW, "AF"}),
    ("د روسیې سوداګریز پلاوی کابل ته ورسېد", {"RU", KABUL}),  # Pashto: of Russia
    ("Rusya ile Afganistan'ın ilişkileri Moskova'da görüşüldü", {"RU", "AF", MOSCOW}),
    ("Afg‘onistonga Rossiyadan bug‘doy", {"AF", "RU"}),
    ("Die Delegation reiste von Kabul nach Moskau", {KABUL, MOSCOW}),
    ("Les talibans à Moscou, selon l'Afghanistan", {MOSCOW, "AF"}),
    ("Colloqui a Mosca con l'Afghanistan", {MOSCOW, "AF"}),
    ("Rozmowy w Moskwie z Afganistanem", {MOSCOW, "AF"}),
    ("阿富汗代表团抵达莫斯科", {"AF", MOSCOW}),
    ("アフガニスタンとロシア", {"AF", "RU"}),
    ("अफ़ग़ानिस्तान और रूस के बीच व्यापार", {"AF", "RU"}),
    ("Delegations from Kazakhstan and Uzbekistan in Tashkent", {"KZ", "UZ", "city:Asia/Tashkent"}),
])
def test_places_are_found_in_every_language(
        index: PlaceIndex, text: str, expected: set[str]) -> None:
    assert index.find(text) == expected


def test_the_longest_name_wins(index: PlaceIndex) -> None:
    assert index.find("Security in Central Asia") == {"143"}
    assert index.find("Безопасность в Центральной Азии") >= {"143"}
    assert "142" not in index.find("Безопасность в Центральной Азии")


@pytest.mark.parametrize("text", [
    "того же дня",  # Russian "of that": Togo's Russian name
    "на Ближнем Востоке",  # "East": an Antarctic station's Russian name
    "male and female",
    "عمان",  # Oman and Amman once the shadda is gone: ambiguous
    "Nice weather, a good reading and a split decision",
    "доля была мала",  # Мали (Mali) is not stemmed into мал-
])
def test_common_words_and_ambiguous_names_find_nothing(index: PlaceIndex, text: str) -> None:
    assert index.find(text) == frozenset()


@pytest.mark.parametrize("text", [
    "La banque centrale maintient son taux directeur malgré le ralentissement",
    "Los ministros se reúnen para hablar de seguridad y comercio",
    "پلاوي د نوې اورګاډي کرښې په اړه تړون لاسلیک کړ",
    "Центральный банк сохранил ключевую ставку на прежнем уровне",
    "Der Minister sagte am Dienstag, die Gespräche seien konstruktiv gewesen",
    "Il governo ha approvato il bilancio dopo una lunga discussione",
    "Rząd przyjął budżet po długiej debacie w nocy",
    "Hükümet uzun bir tartışmanın ardından bütçeyi onayladı",
    "Hukumat uzoq muhokamadan so‘ng byudjetni tasdiqladi",
    "الحكومة توافق على الميزانية بعد نقاش طويل",
    "دولت پس از بحث طولانی بودجه را تصویب کرد",
    "حکومت نے طویل بحث کے بعد بجٹ منظور کر لیا",
    "सरकार ने लंबी बहस के बाद बजट को मंजूरी दी",
    "政府经过长时间讨论后批准了预算",
    "Уряд ухвалив бюджет після тривалої дискусії",
    "Үкімет ұзақ талқылаудан кейін бюджетті бекітті",
    "Ҳукумат пас аз баҳси тӯлонӣ буҷетро тасдиқ кард",
])
def test_ordinary_news_without_places_finds_none(index: PlaceIndex, text: str) -> None:
    assert index.find(text) == frozenset()


def test_a_country_and_its_city_of_the_same_name_both_count(index: PlaceIndex) -> None:
    assert index.find("Kuwait") == {"KW", "city:Asia/Kuwait"}


def test_cities_know_their_country() -> None:
    assert territory_of(KABUL) == "AF"
    assert territory_of(MOSCOW) == "RU"
    assert territory_of("AF") == "AF"


def test_demonyms_come_from_the_config(index: PlaceIndex) -> None:
    assert index.find("The Afghan embassy") == frozenset()
    with_config = PlaceIndex.build({"AF": ["Afghan", "афганский", "افغان"],
                                    "panjshir": ["Panjshir", "Панджшер", "پنجشیر"]})
    assert with_config.find("The Afghan embassy in Panjshir") == {"AF", "panjshir"}
    assert with_config.find("афганский посол в Москве") == {"AF", MOSCOW}
    assert with_config.find("سفیر افغان در پنجشیر") == {"AF", "panjshir"}


def test_the_cldr_table_is_large_and_guarded(fresh: Mapping[str, frozenset[str]]) -> None:
    places = fresh
    assert len(places) > 30_000
    assert {"AF"} == places["afghanistan"] == places["афганистан"] == places["افغانستان"]
    assert places["kabul"] == {KABUL}
    unspaced = re.compile(r"[\u0900-\u0DFF\u0E00-\u0E7F\u2E80-\uD7AF]")
    for name, ids in places.items():
        assert not COMMON_WORDS & {name}
        assert ids and all(not i.startswith("city:Antarctica") for i in ids)
        letters = len(re.sub(r"[\W\d_]", "", name))
        if re.search(r"[\u0600-\u06FF]", name) and letters == MIN_CHARS - 1:
            # چين, هند: an abjad's three letters make a country's name, and only that.
            assert all(len(i) == 2 and i.isupper() for i in ids), name
        elif not unspaced.search(name):
            assert letters >= MIN_CHARS, name
    assert any(i.startswith(CITY) for ids in places.values() for i in ids)


@pytest.mark.skipif(
    babel.__version__ != extracted_with(),
    reason=f"extract made with babel {extracted_with()}, installed {babel.__version__}: "
           "regenerate with python -m tracker.analysis.cldr_export")
def test_stored_places_are_a_fresh_extract(fresh: Mapping[str, frozenset[str]]) -> None:
    assert stored_text() == dump_places(fresh, babel.__version__)


def test_stored_places_read_back_as_names_by_place(
        fresh: Mapping[str, frozenset[str]]) -> None:
    by_id = stored_places()
    assert "afghanistan" in by_id["AF"] and "kabul" in by_id[KABUL]
    names: dict[str, set[str]] = {}
    for place_id, place_names in by_id.items():
        for name in place_names:
            names.setdefault(name, set()).add(place_id)
    if babel.__version__ == extracted_with():
        assert names == fresh


def test_everyday_words_that_are_cldr_cities_name_no_place() -> None:
    """"In the wake of" is no trip to Wake Island, nor "male" one to the Maldives."""
    index = PlaceIndex.build()
    assert index.find("Aid flows in the wake of the earthquake") == frozenset()
    assert index.find("Male and female refugees") == frozenset()
    assert index.find("самолет с 20 тоннами гуманитарного груза") == frozenset()
    assert index.find("делегация Грузии") == {"GE"}


@pytest.mark.parametrize(("text", "place"), [
    # Hungarian case endings: into, from, with.
    ("Afgán menekültek érkeztek Németországba", "DE"),
    ("A küldöttség Oroszországból érkezett", "RU"),
    ("Tárgyalások Pakisztánnal", "PK"),
])
def test_hungarian_case_endings_are_read(text: str, place: str) -> None:
    assert place in PlaceIndex.build().find(text)


def test_an_ending_that_ends_common_names_is_not_stripped() -> None:
    # Hungarian "-ban" (in) would make "Taliban" a stem one locale names Italy by.
    assert PlaceIndex.build().find("The Taliban government in Kabul") == {"city:Asia/Kabul"}


def test_a_short_stem_is_not_left_by_an_ending() -> None:
    # Portuguese "talibã" less Hungarian "-ba" would be "tali", Italy in one locale.
    assert PlaceIndex.build().find("Rússia reconhece o governo talibã") == {"RU"}


def test_an_arabic_script_weekday_or_month_is_no_place() -> None:
    index = PlaceIndex.build()
    # Persian writes Monday as the city of Dushanbe; Urdu's October begins with Aqtobe.
    assert index.find("هیئت روز دوشنبه وارد کابل شد") == frozenset({"city:Asia/Kabul"})
    assert index.find("۱۰ اکتوبر کو سرحد پر جھڑپیں ہوئیں") == frozenset()
    # Pashto's oblique Monday (د دوشنبې) is spelled as Arabic's Dushanbe.
    assert index.find("د دوشنبې په ورځ پلاوی کابل ته ورسېد") == frozenset({"city:Asia/Kabul"})
    # In Cyrillic and Latin the city keeps its name.
    assert "city:Asia/Dushanbe" in index.find("саммит в Душанбе")
    assert "city:Asia/Dushanbe" in index.find("a summit in Dushanbe")


@pytest.mark.parametrize(("text", "common"), [
    # Russian gas, in the genitive, is spelt as Gaza; china is also a country.
    ("Поставки газа в Афганистан выросли вдвое", "city:Asia/Gaza"),
    ("Imports of china and glassware from Turkey rose", "CN"),
    # Spanish "salta" (jumps) is Salta, a city of Argentina.
    ("El comercio con Rusia salta un 30 % en un año", "city:America/Argentina/Salta"),
])
def test_a_place_name_written_in_lower_case_is_a_common_word(text: str, common: str) -> None:
    found = PlaceIndex.build().find(text)
    assert common not in found
    assert found  # the sentence's real place is still found


@pytest.mark.parametrize(("text", "place"), [
    ("Израиль нанёс удар по сектору Газа", "city:Asia/Gaza"),
    ("ГАЗА: ПЕРЕГОВОРЫ ВОЗОБНОВЛЕНЫ", "city:Asia/Gaza"),
    # A headline rebuilt from a URL slug has no capitals to tell by.
    ("los talibanes respaldan el interes de rusia de conectar ambos paises", "RU"),
    # Each sentence is judged on its own: the slug line above a cased lede.
    ("rusia y afganistan firman un acuerdo\nEl acuerdo se firmó en Kabul.", "RU"),
])
def test_a_lower_case_name_counts_where_the_text_has_no_case_to_tell(
        text: str, place: str) -> None:
    assert place in PlaceIndex.build().find(text)


@pytest.mark.parametrize(("text", "place"), [
    # Arabic adjectives of a place (nisba): feminine -iyya, plural -iyyin / -iyyun.
    ("وفد من الشركات الباكستانية يزور كابل", "PK"),
    ("التقى المسؤولون الإيرانيون بنظرائهم", "IR"),
    ("اجتماع مع الدبلوماسيين الطاجيكستانيين", "TJ"),
])
def test_arabic_place_adjectives_name_the_place(text: str, place: str) -> None:
    assert place in PlaceIndex.build().find(text)


@pytest.mark.parametrize(("text", "place"), [
    # Russian and Ukrainian adjectives of a place: -ск-/-ськ- and a case ending.
    ("В Кабульском университете открылся новый центр", "city:Asia/Kabul"),
    ("Иранская делегация прибыла в Кабул", "IR"),
    ("пакистанские военные открыли огонь", "PK"),
    ("у кабульському аеропорту", "city:Asia/Kabul"),
])
def test_slavic_place_adjectives_name_the_place(text: str, place: str) -> None:
    assert place in PlaceIndex.build().find(text)


def test_a_word_ending_like_a_place_adjective_names_no_place() -> None:
    assert PlaceIndex.build().find("поиск и риск, отпуск и диск") == frozenset()


def test_arabic_adjectives_of_common_nouns_name_no_place() -> None:
    text = "العلاقات الاقتصادية والدبلوماسية والإنسانية والعسكرية والإسلامية"
    assert PlaceIndex.build().find(text) == frozenset()


@pytest.mark.parametrize(("text", "place"), [
    ("A küldöttség Kabulban tárgyalt", "city:Asia/Kabul"),  # Hungarian -ban, in
    ("Oroszországban nőtt a kereskedelem", "RU"),
    ("রাশিয়ার উপপ্রধানমন্ত্রী কাবুলে পৌঁছেছেন", "RU"),  # Bengali genitive -র
    ("রাশিয়ার উপপ্রধানমন্ত্রী কাবুলে পৌঁছেছেন", "city:Asia/Kabul"),  # locative -ে
    ("পাকিস্তানের সঙ্গে আলোচনা", "PK"),  # genitive -ের
    ("Rusiya Əfqanıstana yardım göndərib", "AF"),  # Azerbaijani dative, after ə
    ("Nümayəndə heyəti Kabildə danışıqlar aparıb", "city:Asia/Kabul"),  # -də, in
    ("Россия Афғонистонга ёрдам юборди", "AF"),  # Uzbek Cyrillic dative -га
])
def test_glued_case_endings_are_read(text: str, place: str) -> None:
    assert place in PlaceIndex.build().find(text)


@pytest.mark.parametrize(("text", "place"), [
    ("Emiratul Islamic al Afganistanului", "AF"),  # Romanian genitive -ului
    ("vizita delegației Rusiei", "RU"),  # -ei
])
def test_romanian_case_endings_are_read(text: str, place: str) -> None:
    assert place in PlaceIndex.build().find(text)


def test_a_place_inside_a_dotted_foreign_name_is_no_place() -> None:
    regions = subdivision_index(frozenset({"AF", "RU"}))
    # 古尔 is Ghor; 古尔·哈桑 is Gul Hassan, the ambassador.
    assert "sub:AF-GHO" in regions.find("古尔省发生地震")
    assert "sub:AF-GHO" not in regions.find("塔利班驻俄大使古尔·哈桑递交国书")
    # 弗拉基米尔 is Vladimir, the city, and Putin's given name.
    assert "city:RU/Vladimir" in regions.find("代表团访问了弗拉基米尔市")
    assert "city:RU/Vladimir" not in regions.find("弗拉基米尔·普京在会上说")


def test_a_short_name_only_a_language_the_feeds_do_not_use_gives_is_no_place() -> None:
    # Chiga and Nyankole name Mali "Mari": Spanish María, less its ending, was Mali.
    index = PlaceIndex.build()
    assert "ML" not in index.find("María Zajárova dijo que Rusia mantiene su postura")
    assert "ML" in index.find("Malí y Rusia firmaron un acuerdo")
