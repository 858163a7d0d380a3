"""A first-level region of a side's country names that side: Tatarstan names Russia,
Kandahar Afghanistan, in any language and script.

The sentences are written for these tests; none is taken from the evaluation sample.
"""

from __future__ import annotations

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.evidence import Article, read
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.reading import reader_for
from tracker.analysis.subdivisions import (
    country_of,
    first_level,
    subdivision_index,
    subdivision_names,
)
from tracker.config import StorySettings

SIDES = frozenset({"RU", "AF"})


@pytest.fixture(scope="module")
def settings() -> StorySettings:
    return config.load(SHIPPED_CONFIG).story


@pytest.fixture(scope="module")
def story(settings: StorySettings) -> CompiledStory:
    return CompiledStory.compile(settings)


def found(text: str) -> frozenset[str]:
    return subdivision_index(SIDES).find(text)


@pytest.mark.parametrize(("text", "region"), [
    # Persian and Arabic: no translation in pycountry; the transliteration key finds them.
    ("هیئتی از تاتارستان به کابل سفر کرد", "sub:RU-TA"),
    ("وصل وفد من تتارستان إلى العاصمة", "sub:RU-TA"),
    ("بازرگانان قندهار در نمایشگاه شرکت کردند", "city:AF/Kandahār"),
    ("افتتح معرض تجاري في قندهار", "city:AF/Kandahār"),
    # Russian, inflected.
    ("Делегация побывала в Татарстане на прошлой неделе", "sub:RU-TA"),
    ("Глава Башкортостана принял гостей", "sub:RU-BA"),
    # English and German.
    ("A trade office will open in Tatarstan next spring", "sub:RU-TA"),
    ("Farmers in Helmand report a poor harvest", "sub:AF-HEL"),
    ("Eine Messe in Tschetschenien zieht Händler an", "sub:RU-CE"),
    # Turkish and Chinese translations, the type word or character gone.
    ("Tataristan heyeti ticaret fuarını ziyaret etti", "sub:RU-TA"),
    ("车臣官员会见了商人", "sub:RU-CE"),
    ("坎大哈的商人参加了展会", "city:AF/Kandahār"),  # the province's name is its city's
])
def test_a_side_countrys_region_is_found_in_many_languages(text: str, region: str) -> None:
    assert region in found(text)


@pytest.mark.parametrize("text", [
    # Regions of a third country.
    "Officials from Punjab and Xinjiang met in the capital",
    "پنجاب و سند در نشست شرکت کردند",
    "新疆官员参加了会议",
    # Type words and common words are no region's name.
    "The republic's regional council approved the province budget",
    "Областной совет республики утвердил бюджет",
    "Cumhuriyeti kuran meclis toplandı",
    "The field office reported on the parish beam repairs",
])
def test_third_countries_and_common_words_name_no_side_region(text: str) -> None:
    assert found(text) == frozenset()


def test_names_come_from_iso_and_its_translations() -> None:
    tatarstan = subdivision_names("RU")["sub:RU-TA"]
    # The ISO name before its comma ("Tatarstan, Respublika"), a translation, and the
    # translation without its type word.
    assert "tatarstan" in tatarstan
    assert "республика татарстан" in tatarstan
    assert "татарстан" in tatarstan
    assert not any(name in {"республика", "respublika", "republic"} for name in tatarstan)


def test_every_first_level_region_is_named() -> None:
    for country in SIDES:
        names = subdivision_names(country)
        codes = {code for code, _ in first_level(country)}
        assert {f"sub:{code}" for code in codes} == set(names)
        assert all(country_of(region) == country for region in names)


def test_a_name_shared_across_borders_is_dropped() -> None:
    # Punjab is a province of Pakistan and a state of India: it names neither.
    pakistan = {n for names in subdivision_names("PK").values() for n in names}
    assert "punjab" not in pakistan


def test_a_region_of_a_side_names_it_in_the_judge(story: CompiledStory) -> None:
    persian = judge(story, "نشست مقامات تاتارستان و اداره طالبان درباره تجارت", "")
    assert persian.relevant, persian.reason
    russian = judge(story, "Талибы обсудили поставки зерна с делегацией Татарстана", "")
    assert russian.relevant, russian.reason


def test_a_region_without_the_other_side_is_not_the_story(story: CompiledStory) -> None:
    judgement = judge(story, "Tatarstan opens a new wheat terminal",
                      "The regional government said exports would grow.")
    assert not judgement.relevant
    assert "Afghanistan" in judgement.reason.split(";")[0]
    # With a Russian term present, the region still does not stand for Afghanistan.
    kremlin = judge(story, "Kremlin praises Tatarstan's wheat exports", "")
    assert not kremlin.relevant
    assert kremlin.reason.startswith("no mention of Afghanistan")


def test_a_third_countrys_region_does_not_name_a_side(story: CompiledStory) -> None:
    judgement = judge(story, "Taliban delegation visits Punjab", "")
    assert not judgement.relevant
    assert "no mention of Russia" in judgement.reason


def test_a_region_in_the_headline_is_a_place_of_the_evidence(
        settings: StorySettings) -> None:
    evidence = read(reader_for(settings), Article(
        "Делегация Татарстана прибыла в Кабул", "Стороны обсудили поставки.", None))
    assert "sub:RU-TA" in evidence.places
    plain = read(reader_for(settings), Article("Wheat prices rose", "", None))
    assert not any(p.startswith("sub:") for p in plain.places)


@pytest.mark.parametrize(("text", "absent"), [
    # A given name before the surname the story knows is part of the name, in any script.
    ("Президент Владимир Путин провёл переговоры", "sub:RU-VLA"),
    ("Встреча Владимира Путина с послом", "sub:RU-VLA"),
    ("أعلن الرئيس الروسي فلاديمير بوتين أن بلاده ستواصل الاتصالات", "sub:RU-VLA"),
    ("ولادیمیر پوتین رئیس جمهور روسیه گفت", "sub:RU-VLA"),
    ("Vladimir Putin spoke to reporters", "sub:RU-VLA"),
    # "Khan" is Ghana in one locale's spelling; here it is a minister's middle name.
    ("Amir Khan Muttaqi met the envoy", "GH"),
    # A country in an institution's name says who, not where.
    ("МЧС России отправило самолёт", "RU"),
    # A surname made from a place's name is no visit there.
    ("Кабулов провёл переговоры в Москве", "city:Asia/Kabul"),
])
def test_no_place_is_read_inside_an_actors_name(settings: StorySettings, text: str,
                                                absent: str) -> None:
    reader = reader_for(settings)
    assert absent not in reader.places.find(text)
    assert reader.actors.find(text)


def test_the_place_a_given_name_shares_is_found_on_its_own(settings: StorySettings) -> None:
    reader = reader_for(settings)
    # The region's name is its city's: the city stands for both.
    assert "city:RU/Vladimir" in reader.places.find("Putin visited the Vladimir region")
    assert "sub:RU-VLA" in reader.places.find("Путин посетил Владимирскую область")
    assert "RU" in reader.places.find("МЧС отправило самолёт из России")


@pytest.mark.parametrize("text", [
    # The Romanian "Primorie" and the word "premier" share their looser keys; a region's
    # names come from general data in many spellings, and meet a text by spelling alone.
    "Вице-премьер талибов прибыл в Москву",
    "Пакистанский премьер-министр встретился с послом",
    "The premier met the envoy",
])
def test_a_common_word_is_no_region_by_a_loose_key(text: str) -> None:
    assert not {p for p in found(text) if p.startswith("sub:RU-PRI")}


@pytest.mark.parametrize(("text", "region"), [
    # Adjectival region names inflect; the Latin spelling of their stem meets the text's.
    ("Губернатор Московской области встретился с делегацией", "sub:RU-MOS"),
    ("Делегация посетила Свердловскую область", "sub:RU-SVE"),
    ("В Приморском крае открылась выставка", "sub:RU-PRI"),
])
def test_an_inflected_adjectival_region_is_found(text: str, region: str) -> None:
    assert region in found(text)


def test_a_premier_names_no_side_for_relevance(story: CompiledStory) -> None:
    judgement = judge(story, "Пакистанский премьер провёл переговоры с талибами",
                      "Премьер-министр Пакистана обсудил с талибами ситуацию на границе.")
    assert "no mention of Russia" in judgement.reason, judgement.reason


def test_a_region_named_as_its_city_is_the_city(settings: StorySettings) -> None:
    reader = reader_for(settings)
    # Romanian "Moscova" is Moscow and, less its generic word, Moscow Oblast.
    assert reader.places.find("Moscova a recunoscut guvernul") == {"city:Europe/Moscow"}
    assert reader.places.find("ولایت کابل") == {"city:Asia/Kabul"}
    assert "sub:RU-MOS" in reader.places.find("Делегация из Московской области")


@pytest.mark.parametrize(("text", "city"), [
    # A province called after its city is that city in every language: the Russian,
    # Dari and Chinese names GeoNames does not give the city are the province's.
    ("Изыскатели начали работу в провинции Герат", "city:AF/Herāt"),
    ("Губернатор провинции Кандагар встретил делегацию", "city:AF/Kandahār"),
    ("Herat province's governor met the delegation", "city:AF/Herāt"),
    ("ولایت کندز میزبان هیئت روسی بود", "city:AF/Kunduz"),
])
def test_a_province_named_after_its_city_is_that_city(text: str, city: str) -> None:
    places = found(text)
    assert city in places and not any(p.startswith("sub:AF") for p in places), places


def test_a_province_named_otherwise_keeps_its_own_id() -> None:
    # Moscow Oblast is not Moscow, though Romanian writes both "Moscova"; Helmand has
    # no city of its name.
    assert found("Губернатор Московской области принял гостей") == {"sub:RU-MOS"}
    assert found("Farmers in Helmand report a poor harvest") == {"sub:AF-HEL"}
