"""A side named only to recall the baseline's recognition links nothing.

The cases are written for these tests (invented wording in many languages); none is
taken from the evaluation sample.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.baseline import load_baseline
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.lexicon import story_lexicon
from tracker.analysis.recalled import once_events, only_recalls, unnamed
from tracker.analysis.term_matcher import Matcher
from tracker.config import TermGroup


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return CompiledStory.compile(config.load(SHIPPED_CONFIG).story)


def test_the_one_time_events_are_read_from_the_baseline() -> None:
    settings = config.load(SHIPPED_CONFIG).story
    assert settings.baseline is not None
    story = CompiledStory.compile(settings)
    events = once_events(load_baseline(settings.baseline).facts, story_lexicon(settings),
                         story.sides)
    # What the recognition, the credentials and the court's delisting were; not who took
    # part in them (an ambassador), nor facts that name one side (the Soviet withdrawal).
    # The credentials' copy, their acceptance and the recognition are one event.
    assert {frozenset({"credentials", "recognition"}),
            frozenset({"court", "terror_list"})} == set(events)
    assert not frozenset().union(*events) & {"ambassador", "terrorism", "army", "support"}
    assert story.once_events == events
    assert not CompiledStory.compile(replace(settings, baseline=None)).once_events


@pytest.mark.parametrize(("title", "body"), [
    ("Taliban bar women from city parks",
     "The Taliban, whose government only Russia has recognised so far, issued the order."),
    ("Taliban verbieten Frauen den Besuch von Parks",
     "Die Taliban, deren Regierung bislang nur Russland anerkannt hat, erließen die Regel."),
    ("Талибы запретили женщинам посещать парки",
     "Движение «Талибан», правительство которого Россия признала в 2025 году, ввело запрет."),
    ("Taliban kadınların parklara girmesini yasakladı",
     "Rusya'nın tanıdığı Taliban yönetimi yeni bir karar yayımladı."),
    ("طالبان تمنع النساء من دخول الحدائق",
     "أصدرت حكومة طالبان، التي اعترفت بها روسيا العام الماضي، القرار يوم الأحد."),
    ("塔利班禁止女性进入公园", "获俄罗斯承认的塔利班政府周日发布了这项禁令。"),
    # An Arabic relative clause without commas: its verb first, its subject after.
    ("طالبان تمنع النساء من العمل في المصارف",
     "أصدرت حكومة طالبان التي اعترفت بها روسيا مؤخرا قرارا جديدا بشأن المصارف."),
    ("Russia raises its grain export quota",
     "Russia, which last year became the first country to recognise the Taliban, set the "
     "new quota on Monday."),
])
def test_a_side_named_only_to_recall_the_recognition_links_nothing(
        story: CompiledStory, title: str, body: str) -> None:
    verdict = judge(story, title, body)
    assert not verdict.relevant, verdict.reason
    assert "only to recall the baseline" in verdict.reason


@pytest.mark.parametrize(("title", "body"), [
    # The other side as the actor of what the headline reports, the clause apart.
    ("Kabul receives first wheat shipment",
     "Russia, which recognised the Taliban government last year, sent 25,000 tonnes of "
     "wheat to Kabul."),
    # Named again outside the clause that recalls the recognition.
    ("Taliban erhalten erste Weizenlieferung",
     "Die von Moskau anerkannte Taliban-Regierung hat 30.000 Tonnen Weizen aus Russland "
     "erhalten."),
    # The headline names the event's kind: a new envoy's credentials are news.
    ("Taliban envoy presents credentials",
     "The Islamic Emirate's new ambassador handed his credentials to Putin on Thursday."),
    # A headline on the recognition, a lede on the credentials that made it.
    ("Anerkennung: Moskau zieht Bilanz",
     "Vor einem Jahr nahm Moskau das Beglaubigungsschreiben des Botschafters der Taliban an."),
    # A restatement of the recognition whose headline names it and one side.
    ("Taliban mark a year since recognition",
     "Russia became the first country to recognise the Taliban government in July 2025."),
    # The sentence's main clause restates the recognition, far from the side's name.
    ("Талибы год спустя: что изменилось",
     "Россия в июле 2025 года первой в мире официально признала правительство талибов."),
    # Chinese without spaces: the recognition's word is far from Russia's name.
    ("喀布尔迎来新任大使", "俄罗斯新任驻阿富汗大使周二在喀布尔向塔利班最高领导人递交了国书。"),
    # The other side heads the phrase that recalls the recognition (a participle before
    # its noun) and is the subject of the sentence's news.
    ("Kabil'e buğday sevkiyatı başladı",
     "Taliban yönetimini tanıyan ilk ülke olan Rusya, Kabil'e 40 bin ton buğday gönderdi."),
    ("Талибы получили первую партию пшеницы",
     "Признавшая талибов Россия отправила в Кабул 40 тысяч тонн пшеницы."),
    ("喀布尔收到首批小麦", "承认塔利班政府的俄罗斯向喀布尔运送了四万吨小麦。"),
    # Russia outside the Arabic relative clause that recalls the recognition.
    ("طالبان تتسلم أول شحنة قمح", "أرسلت روسيا التي اعترفت بحكومة طالبان شحنة قمح إلى كابول."),
])
def test_a_one_side_headline_keeps_a_lede_whose_other_side_is_a_party(
        story: CompiledStory, title: str, body: str) -> None:
    verdict = judge(story, title, body)
    assert verdict.relevant, verdict.reason
    assert "only to recall" not in verdict.reason


def test_a_russian_participle_names_the_recognition(story: CompiledStory) -> None:
    # "признавшая" (who recognised) is no form of признан*, признал* or признава*.
    assert "recognition" in {c.id for c in story_lexicon(None).find("признавшая")}
    verdict = judge(story, "Россия увеличила экспорт подсолнечного масла",
                    "Россия, первой признавшая правительство талибов, увеличила экспорт.")
    assert not verdict.relevant, verdict.reason


@pytest.mark.parametrize("body", [
    "Rossiya tomonidan rasman tan olingan Tolibon hukumati yangi farmon chiqardi.",
    "Россия томонидан расман тан олинган Толибон ҳукумати янги фармон чиқарди.",
])
def test_an_uzbek_passive_participle_names_the_recognition(story: CompiledStory,
                                                           body: str) -> None:
    # "tan olingan" (recognised, passive) is no form of tan olish, tan oldi, tan olgan.
    assert "recognition" in {c.id for c in story_lexicon(None).find(body)}
    verdict = judge(story, "Tolibon ayollarga yangi cheklov joriy qildi", body)
    assert not verdict.relevant, verdict.reason


def test_a_headline_naming_one_concept_of_an_event_takes_them_all_out() -> None:
    # The credentials Moscow accepted were the recognition: a headline on the
    # recognition reads a sentence on those credentials as its subject, not an aside.
    events = (frozenset({"credentials", "recognition"}), frozenset({"court", "terror_list"}))
    assert unnamed(events, ["recognition", "trade"]) == {"court", "terror_list"}
    assert unnamed(events, ["credentials"]) == {"court", "terror_list"}
    assert unnamed(events, ["trade"]) == frozenset().union(*events)


def test_a_side_named_by_no_term_of_its_own_is_not_placed() -> None:
    lexicon = story_lexicon(None)
    side = Matcher.compile(TermGroup("Russia", ("russia*", "moscow")))
    events = frozenset({"recognition"})
    assert only_recalls("Kabul, recognised by Moscow, banned it.", side, events, lexicon)
    assert not only_recalls("Kabul, recognised last year, banned it.", side, events, lexicon)
    # Named twice: once in the recalling clause, once as the one who sends.
    assert not only_recalls("Kabul, recognised by Moscow, got wheat from Russia.", side,
                            events, lexicon)


def test_a_recognition_of_two_words_at_the_windows_edge_is_read_whole(
        story: CompiledStory) -> None:
    # Urdu recognises with a noun and a verb (تسلیم کیا); here the noun is the fifth word
    # after Russia's name and the verb the sixth: the phrase has a word in the window.
    verdict = judge(story, "طالبان نے نجی اسکولوں کے لیے نئے قواعد جاری کر دیے",
                    "طالبان حکومت، جسے روس نے باضابطہ طور پر تسلیم کیا ہے، نے کابل میں نیا "
                    "حکم جاری کیا۔")
    assert not verdict.relevant, verdict.reason
    assert "only to recall the baseline" in verdict.reason
