"""Relevance: about Russia and Afghanistan together, in any language; not merely both named.

The cases are written for these tests; none is taken from the evaluation sample.
"""

from __future__ import annotations

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.config import StorySettings, TermGroup
from tracker.judge import CompiledStory, judge


@pytest.fixture(scope="module")
def story() -> CompiledStory:
    return CompiledStory.compile(config.load(SHIPPED_CONFIG).story)


RELEVANT = [
    ("Kremlin hosts Taliban trade delegation", "Officials discussed wheat and fuel supplies."),
    ("Moscow to expand flights to Kabul", ""),
    ("Lavrov and Muttaqi discuss security", "The ministers met on the sidelines of a forum."),
    ("Joint statement after regional talks",
     "Russia said it would keep working with the Islamic Emirate on counter-narcotics. "
     "Delegates from several countries attended."),
    ("Россия направила в Афганистан гуманитарный груз", "Самолёт МЧС доставил продовольствие."),
    ("Посол талибов вручил верительные грамоты", "Церемония прошла в Кремле в Москве."),
    ("МИД РФ прокомментировал ситуацию на афгано-таджикской границе", ""),
    ("Russland liefert Weizen an die Taliban", "Die Lieferung ging nach Kabul."),
    ("La Russie renforce ses liens avec les talibans", ""),
    ("La Russia apre un centro commerciale a Kabul", ""),
    ("Rusya ile Afganistan arasında yeni ticaret anlaşması", ""),
    ("रूस ने अफगानिस्तान को गेहूं भेजा", ""),
    ("روسیه و طالبان توافقنامه انرژی امضا کردند", ""),
    ("俄罗斯与塔利班签署能源协议", ""),
    ("IEA signs fuel deal with Russian firm", "The agreement covers diesel imports."),
    # The headline names one side; the lede names the other.
    ("Taliban envoy presents credentials", "The ceremony took place in the Kremlin."),
]

NOT_RELEVANT = [
    # Russia and Ukraine, with Afghanistan only as a historical aside.
    ("Ukraine says drones hit Russian fuel depot",
     "Officials in Kyiv said the strike was the deepest yet. One analyst compared the "
     "conflict's length to the Soviet war in Afghanistan."),
    # The Taliban and Pakistan, with Russia only in a list of countries that reacted.
    ("Pakistan and Taliban agree to extend border truce",
     "Talks in Doha ended late on Sunday. Qatar, Turkey, China, Iran and Russia welcomed "
     "the truce between Afghanistan and Pakistan."),
    ("Kazakhstan drops Taliban from list of banned groups",
     "The decision follows a similar step taken by Russia earlier this year."),
    ("Earthquake kills hundreds in eastern Afghanistan", "Rescue teams dig through rubble."),
    # Russia only late, in a list of donors.
    ("Earthquake toll rises in eastern Afghanistan",
     "Rescue teams are still searching villages. Aid has arrived from Iran, China and Russia."),
    ("Putin meets Chinese leader in Beijing", "Trade and energy topped the agenda."),
    ("Taliban ban women from provincial universities", "UN officials condemned the move."),
    ("Russian court jails concert hall attackers", "The defendants were Tajik citizens."),
    ("Kabulov Street renamed in Tashkent", ""),
]


@pytest.mark.parametrize(("title", "body"), RELEVANT)
def test_relevant(story: CompiledStory, title: str, body: str):
    judgement = judge(story, title, body)
    assert judgement.relevant, judgement.reason
    assert judgement.score >= story.threshold


@pytest.mark.parametrize(("title", "body"), NOT_RELEVANT)
def test_not_relevant(story: CompiledStory, title: str, body: str):
    judgement = judge(story, title, body)
    assert not judgement.relevant, judgement.reason


def test_reason_explains_the_decision(story: CompiledStory):
    judgement = judge(story, "Taliban minister visits Moscow", "")
    assert "title names every side" in judgement.reason
    assert "moscow" in judgement.reason and "taliban" in judgement.reason
    missing = judge(story, "Moscow weather", "Snow is expected.")
    assert "no mention of Afghanistan" in missing.reason


def test_term_syntax():
    custom = CompiledStory.compile(StorySettings(
        name="t",
        sides=(TermGroup("A", ("kabul", "росси*", "IEA")), TermGroup("B", ("阿富汗", "x y*"))),
    ))
    a, b = custom.sides
    assert a.find("Kabul airport") == ["Kabul"]
    assert a.find("Kabulov said") == []  # whole word unless the term ends in *
    assert a.find("в России и российских") == ["России", "российских"]
    assert a.find("the IEA said") == ["IEA"] and a.find("an idea") == []  # capitals: exact case
    assert b.find("他说阿富汗局势") == ["阿富汗"]  # no word boundaries in unspaced scripts
    assert b.find("X-Yz and x   yes") == ["X-Yz", "x   yes"]
