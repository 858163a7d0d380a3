"""A digest listing several stories is read by its story's parts
(tracker.analysis.digests, tracker.analysis.evidence).

Every headline and text is written for these tests, none from the evaluation data.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SHIPPED_CONFIG, FeedServer
from test_multilingual_updates import _poll, _rows

from tracker import config
from tracker.analysis.digests import story_part
from tracker.analysis.evidence import Article, read
from tracker.analysis.reading import reader_for


def _names_afghanistan(text: str) -> bool:
    return any(word in text for word in ("Kabul", "Кабул", "كابول", "Afghan"))


@pytest.mark.parametrize(("headline", "body", "expected"), [
    ("Überblick: Polen wählt | Russische Firma baut Mühle in Kabul | Ölpreis fällt",
     "Polen wählt am Sonntag.\nEine russische Firma baut in Kabul eine Mühle.\n"
     "Der Ölpreis fiel.",
     ("Russische Firma baut Mühle in Kabul", "Eine russische Firma baut in Kabul eine Mühle.")),
    ("Дайджест: Выборы в Польше; Российская компания построит мельницу в Кабуле; Нефть "
     "дешевеет", "Поляки выбирают парламент.\nРоссийская компания построит в Кабуле "
     "мельницу.\nНефть подешевела.",
     ("Российская компания построит мельницу в Кабуле",
      "Российская компания построит в Кабуле мельницу.")),
    ("موجز: انتخابات في بولندا | شركة روسية تبني مطحنة في كابول | تراجع النفط",
     "ينتخب البولنديون برلمانهم.\nشركة روسية تبني مطحنة في كابول.\nتراجعت أسعار النفط.",
     ("شركة روسية تبني مطحنة في كابول", "شركة روسية تبني مطحنة في كابول.")),
])
def test_a_digest_is_read_by_its_storys_parts(headline: str, body: str,
                                             expected: tuple[str, str]) -> None:
    assert story_part(headline, body, _names_afghanistan) == expected


@pytest.mark.parametrize(("headline", "body"), [
    # Two clauses are one headline's.
    ("Russia, Afghanistan sign deal; trade to double", "Line one.\nKabul line.\nLine three."),
    # Every part names the story: a headline about it alone.
    ("Kabul: talks | Kabul: deal | Kabul: visit", "a\nb\nc"),
    # No part names it.
    ("Poland votes | Oil falls | Markets rise", "Poland.\nOil.\nMarkets."),
])
def test_other_headlines_are_read_whole(headline: str, body: str) -> None:
    assert story_part(headline, body, _names_afghanistan) == (headline, body)


def test_a_digests_other_countries_are_not_its_places() -> None:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    evidence = read(reader, Article(
        "Zentralasien kompakt: Usbekistan erhöht Strompreise | Russische Firma baut Mühle "
        "in Kabul | Kasachstan wählt",
        "Usbekistan erhöht die Strompreise.\nEine russische Firma hat in Kabul mit dem Bau "
        "einer Mühle begonnen, sagte das afghanische Handelsministerium.\nKasachstan wählt "
        "im März.", None))
    assert "UZ" not in evidence.places and "KZ" not in evidence.places
    assert "AF" in evidence.places or "city:Asia/Kabul" in evidence.places


MILL = [
    ("en", "Russian firm starts building a flour mill in Kabul",
     "A Russian company has begun building a flour mill in Kabul able to grind 500 tonnes "
     "of wheat a day, Afghanistan's commerce ministry said.", "Tue, 09 Jun 2026 09:00:00 GMT"),
    ("ru", "Российская компания начала строить мукомольный завод в Кабуле",
     "Российская компания приступила к строительству в Кабуле мукомольного завода "
     "мощностью 500 тонн зерна в сутки, сообщило министерство торговли Афганистана.",
     "Tue, 09 Jun 2026 12:00:00 GMT"),
    ("de", "Zentralasien kompakt: Usbekistan erhöht Strompreise | Russische Firma baut "
     "Mühle in Kabul | Kasachstan wählt",
     "Usbekistan erhöht zum Juli die Strompreise für Haushalte.\nRussische Unternehmer "
     "haben in Kabul den Bau einer Getreidemühle begonnen.\nKasachstan wählt im Herbst "
     "ein neues Parlament.",
     "Wed, 10 Jun 2026 07:00:00 GMT"),
]


def test_a_digest_joins_its_storys_update(feed_server: FeedServer,
                                          make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [MILL])
    linked = _rows(settings, "SELECT update_id FROM update_sources")
    assert len(linked) == len(MILL), linked
    assert len({row["update_id"] for row in linked}) == 1
