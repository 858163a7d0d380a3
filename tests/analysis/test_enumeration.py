"""A side named only as one member of a list is a topic, not a party (hand-written items)."""

from __future__ import annotations

import re

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.enumeration import listed_sides
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.side_places import third_countries


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return CompiledStory.compile(config.load(SHIPPED_CONFIG).story)


def _listed(story: CompiledStory, text: str) -> frozenset[int]:
    return listed_sides(text, [side.find(text) for side in story.sides],
                        lambda piece: bool(third_countries(story.side_places, piece)),
                        headline=True)


@pytest.mark.parametrize("title", [
    "Putin and Modi discuss oil, defence and Afghanistan",
    "Лавров и Ван И обсудили Украину, Корею и Афганистан",
    "Putin ve Erdoğan Suriye, Ukrayna ve Afganistan'ı görüştü",
    "Тоқаев пен Путин сауда, көлік және Ауғанстан мәселесін талқылады",
    "普京与莫迪讨论能源、贸易和阿富汗局势",
    "पुतिन और मोदी ने व्यापार, ऊर्जा और अफगानिस्तान पर चर्चा की",
    "بوتين وماكرون يبحثان لبنان وسوريا وأفغانستان",
])
def test_afghanistan_as_one_topic_of_several_is_listed(story: CompiledStory, title: str) -> None:
    assert 1 in _listed(story, title)


@pytest.mark.parametrize("title", [
    "Russia and Afghanistan sign a trade agreement",
    "Russia, Uzbekistan and Afghanistan sign railway roadmap",
    "俄罗斯与塔利班签署能源协议",
    "Россия изучает проекты, предложенные Афганистаном, заявил Оверчук",
    "МИД призвал Афганистан и Пакистан вернуться к переговорам",
    "Делегация талибов посетила форум в Казани и провела встречи",
    "Russia to double wheat exports to Afghanistan and Kazakhstan",
    "Russia and the Taliban sign a rail transit accord",
    "Rússia assina acordo para fornecer gás e trigo ao Afeganistão",
    "The Russian envoy and the Taliban agree on visas",
])
def test_sides_together_or_a_pair_are_not_listed(story: CompiledStory, title: str) -> None:
    assert 1 not in _listed(story, title)


@pytest.mark.parametrize(("title", "body"), [
    ("Putin and Modi discuss oil, defence and Afghanistan",
     "The two leaders discussed oil supplies, defence contracts and the situation in "
     "Afghanistan at their talks in New Delhi."),
    ("Séisme en Afghanistan : la Chine, l'Iran, la Russie et le Qatar envoient de l'aide",
     "La Chine, l'Iran, la Russie et le Qatar ont envoyé des tentes aux victimes à Jalalabad."),
    ("مساعدات شتوية لأفغانستان من اليابان والهند وروسيا وقطر",
     "وصلت طائرات من اليابان والهند وروسيا وقطر إلى هرات محملة بالأغطية."),
    ("Winter aid for Afghanistan from Russia, Japan, India and the EU",
     "Aircraft from Russia, Japan, India and the EU brought blankets to Herat."),
    ("Mirziyoyev va Putin savdo, energetika va Afg‘oniston masalalarini muhokama qildi",
     "Savdo, energetika hamda Afg‘onistondagi vaziyat muhokama qilindi."),
])
def test_a_side_listed_among_others_is_not_the_story(
        story: CompiledStory, title: str, body: str) -> None:
    judgement = judge(story, title, body)
    assert not judgement.relevant
    assert "among others" in judgement.reason


def test_a_sentence_whose_clause_links_the_sides_counts_in_full(story: CompiledStory) -> None:
    judgement = judge(story, "Kabul welcomes new supply deal",
                      "Russia will supply Afghanistan with wheat, fuel and seed this year.")
    assert judgement.relevant and "weight 1" in judgement.reason, judgement.reason


def test_a_listed_pair_of_sides_stays_relevant(story: CompiledStory) -> None:
    assert judge(story, "Russia, Uzbekistan and Afghanistan sign railway roadmap",
                 "Russia will help build the line to Kabul.").relevant


def test_afghans_recruited_to_fight_for_russia_are_off_topic(story: CompiledStory) -> None:
    judgement = judge(story, "Former Afghan soldiers recruited to fight for Russia",
                      "Men who served in the old Afghan army say Russia offered them money.")
    assert not judgement.relevant and "fighters" in judgement.reason


@pytest.mark.parametrize(("title", "body"), [
    ("Afghan migrants in Russia recruited to fight in Ukraine",
     "Recruiters offer Afghan migrants money to join the army, the Taliban say."),
    ("مهاجران افغان در روسیه برای جنگ در اوکراین جذب می شوند",
     "طالبان می گویند مهاجران افغان در روسیه برای جنگ استخدام می شوند."),
    ("Rusya'daki Afgan göçmenler Ukrayna'da savaşmak için askere alınıyor",
     "Taliban, Rusya'daki Afgan göçmenlerin orduya alındığını söyledi."),
])
def test_migrants_recruited_for_the_war_are_off_topic(story: CompiledStory, title: str,
                                                       body: str) -> None:
    # Migrants are whom the report is about, not a step between the two states: the
    # headline's subject stays the fighters the story leaves out.
    judgement = judge(story, title, body)
    assert not judgement.relevant and "fighters" in judgement.reason


def test_migrants_deported_are_a_step_between_the_sides(story: CompiledStory) -> None:
    judgement = judge(story, "Russia to deport Afghan migrants who refused to fight",
                      "Russia will deport 500 Afghan migrants to Kabul, the Taliban said.")
    assert judgement.relevant


_MINISTRY_WORDS = re.compile(r"(?i)\bthe ministry of|министерство|وزارت|vazirligi")


@pytest.mark.parametrize("sentence", [
    "وزارت صنعت و تجارت روسیه اعلام کرد که صادرات گندم افزایش یافت",
    "Министерство промышленности и торговли России сообщило о росте поставок",
    "The Ministry of Industry and Trade of Russia said wheat shipments rose",
    "Shartnomani Afg'oniston kon va neft vazirligi hamda rossiyalik kompaniya imzoladi",
])
def test_a_side_in_a_ministrys_name_is_not_listed(story: CompiledStory, sentence: str) -> None:
    # A ministry's name lists what it is for; the country it belongs to is no topic of a
    # list: the sentence names that side as a party.
    hits = [side.find(sentence) for side in story.sides]
    assert any(hits)
    assert listed_sides(sentence, hits) == frozenset()
    # The same list without the ministry is one of topics.
    assert listed_sides(_MINISTRY_WORDS.sub("", sentence), hits) != frozenset()


def test_a_list_of_topics_without_a_ministry_still_is_one(story: CompiledStory) -> None:
    sentence = "Путин и Моди обсудили нефть, оборону и торговлю России с Индией"
    hits = [side.find(sentence) for side in story.sides]
    assert listed_sides(sentence, hits) == {0}


@pytest.mark.parametrize(("title", "listed"), [
    # Spanish and French en (in), Polish na (to) before a side: a preposition.
    ("Rusia inaugura un almacén de grano en Kabul", frozenset()),
    ("La Russie installe un centre logistique en Afghanistan", frozenset()),
    ("rusia abre oficina de turismo en kabul", frozenset()),
    # Dutch en (and) between two parties, or after a list's comma, is the conjunction.
    ("Rusland en Afghanistan tekenen een graanakkoord", frozenset()),
    ("Poetin en Modi bespreken olie, defensie en Afghanistan", frozenset({1})),
])
def test_en_before_a_side_is_a_preposition_unless_it_ends_a_list(
        story: CompiledStory, title: str, listed: frozenset[int]) -> None:
    assert _listed(story, title) == listed
