"""A side named only by its country's name at a summit is its subject, not a party
(hand-written items)."""

from __future__ import annotations

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.gathering import gathering_subjects
from tracker.analysis.judge import CompiledStory, judge


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return CompiledStory.compile(config.load(SHIPPED_CONFIG).story)


def _subjects(story: CompiledStory, text: str) -> frozenset[int]:
    return gathering_subjects(text, [side.find(text) for side in story.sides], story.concepts)


@pytest.mark.parametrize("title", [
    "Putin flies to a regional summit where Afghanistan tops the agenda",
    "Саммит в Бишкеке: Путин и лидеры региона обсудят Афганистан",
    "ŞİÖ zirvesi başladı: Putin de katıldı, gündemde Afganistan da var",
    "نشست سران سازمان همکاری شانگهای با حضور پوتین؛ افغانستان در دستور کار",
    "上合组织峰会开幕 普京出席 阿富汗问题受关注",
])
def test_a_country_on_a_summits_agenda_is_its_subject(story: CompiledStory, title: str) -> None:
    assert _subjects(story, title) == {1}


@pytest.mark.parametrize("title", [
    "Putin meets Taliban delegation on the sidelines of the summit",  # the government
    "Moscow Format summit on Afghanistan opens",  # the story's own gathering
    "Russia ships wheat to Afghanistan",  # no gathering
])
def test_parties_and_the_storys_own_gatherings_are_not_subjects(
        story: CompiledStory, title: str) -> None:
    assert 1 not in _subjects(story, title)


@pytest.mark.parametrize("title", [
    "Putin at SCO summit: Russia will expand trade with Afghanistan",
    "Путин на саммите ШОС: Россия расширит торговлю с Афганистаном",
    "پوتین در نشست سران: روسیه کمک‌های بشردوستانه به افغانستان می‌فرستد",
    "ŞİÖ zirvesinde Putin: Rusya Afganistan'a insani yardım gönderecek",
])
def test_a_step_one_side_takes_with_the_other_at_a_summit_makes_it_a_party(
        story: CompiledStory, title: str) -> None:
    # Trade or aid named beside the country: a step between the states, made at the
    # summit, not an item of its agenda.
    assert 1 not in _subjects(story, title)


def test_a_summit_preview_with_afghanistan_on_the_agenda_is_not_the_story(
        story: CompiledStory) -> None:
    judgement = judge(story, "Putin heads to leaders' summit with Afghanistan high on agenda",
                      "Russia and the region's presidents will meet in Astana to discuss "
                      "trade, with Afghanistan expected to dominate the summit.")
    assert not judgement.relevant, judgement.reason


def test_a_summit_where_the_sides_meet_stays_the_story(story: CompiledStory) -> None:
    assert judge(story, "At the summit, Putin meets the Taliban's foreign minister",
                 "Vladimir Putin held talks with Amir Khan Muttaqi in Astana.").relevant


@pytest.mark.parametrize(("title", "body"), [
    ("Polizei in Moskau nimmt afghanische Drogenkuriere fest",
     "Die Männer hatten Heroin aus Afghanistan in einem Lastwagen nach Russland gebracht."),
    ("Полиция Екатеринбурга изъяла партию афганского героина",
     "У курьеров нашли 20 кг наркотиков, произведённых в Афганистане."),
    ("Russian police seize Afghan opium in Moscow warehouse",
     "Officers in Moscow found the drugs among boxes of dried fruit from Afghanistan."),
])
def test_police_work_naming_both_sides_is_not_the_story(
        story: CompiledStory, title: str, body: str) -> None:
    judgement = judge(story, title, body)
    assert not judgement.relevant and "crime" in judgement.reason, judgement.reason


def test_the_sides_agreeing_on_drugs_stays_the_story(story: CompiledStory) -> None:
    assert judge(story, "Russia and the Taliban agree to fight drug trafficking",
                 "Moscow will train Afghan counter-narcotics police, the ministry said.").relevant


def test_a_summit_sentence_naming_third_states_is_still_about_the_summit(
        story: CompiledStory) -> None:
    # The story's concept of third states (China, India, ...) is no gathering of its own.
    assert _subjects(story, "Putin, Xi and Modi meet at the summit to discuss "
                            "Afghanistan") == {1}
