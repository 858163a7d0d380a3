"""Countries named as a route are no third parties (hand-written headlines)."""

from __future__ import annotations

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.routes import without_routes
from tracker.analysis.side_places import third_countries

RUSSIA_AFGHANISTAN = (frozenset({"RU"}), frozenset({"AF"}))


@pytest.mark.parametrize("title", [
    "A freight train from Russia reaches Afghanistan via Kazakhstan and Turkmenistan",
    "Грузовой поезд из России прибыл в Афганистан через Казахстан и Туркменистан",
    "قطار باربری از روسیه از مسیر قزاقستان و ترکمنستان به افغانستان رسید",
    "له روسیې څخه اورګاډی د قزاقستان او ترکمنستان له لارې افغانستان ته ورسېد",
    "روس سے ٹرین قازقستان اور ترکمانستان کے راستے افغانستان پہنچ گئی",
    "قطار من روسيا يصل إلى أفغانستان عبر كازاخستان وتركمانستان",
    "Қатора аз Русия тавассути Қазоқистон ва Туркманистон ба Афғонистон расид",
    "Rossiyadan Qozogʻiston va Turkmaniston orqali Afgʻonistonga poyezd keldi",
])
def test_countries_crossed_on_the_way_are_no_third_parties(title: str) -> None:
    assert third_countries(RUSSIA_AFGHANISTAN, title) == set()


def test_a_destination_after_the_route_is_still_a_third_party() -> None:
    title = "Russian wheat goes via Kazakhstan to China"
    assert third_countries(RUSSIA_AFGHANISTAN, title) == {"CN"}


def test_a_text_naming_no_route_is_left_as_it_is() -> None:
    title = "Lavrov meets Muttaqi and Kazakhstan's foreign minister in Moscow"
    assert without_routes(title) == title
    assert third_countries(RUSSIA_AFGHANISTAN, title) == {"KZ"}


def test_a_transit_headline_naming_one_side_is_relevant() -> None:
    story = CompiledStory.compile(config.load(SHIPPED_CONFIG).story)
    title = "Аввалин қатораи боркаш аз Русия тавассути Қазоқистон ва Туркманистон ба Ҳирот расид"
    body = ("Дар қатора 40 контейнер равғани офтобпараст ва пӯлод бор шудааст, гуфт"
            " сухангӯи вазорати тиҷорати Толибон.")
    assert judge(story, title, body).relevant
