"""Feed noise taken off at parsing: the outlet's name after a headline, a credit line
before a summary's lede, a "read more" link after it, entities escaped twice.

Every headline, summary and outlet here is written for these tests (none comes from
the evaluation data), in twelve languages and four scripts.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from conftest import FeedServer, Response, rss

from tracker.eventlog.store import EventStore
from tracker.ingest.headline import without_publisher
from tracker.ingest.parse import make_item, parse_feed
from tracker.ingest.teaser import tidied
from tracker.poll.service import Tracker


@pytest.mark.parametrize(("title", "publisher", "expected"), [
    ("Lavrov lands in Kabul for talks - Hindukush Herald", "Hindukush Herald",
     "Lavrov lands in Kabul for talks"),
    ("Россия и Афганистан подписали протокол | Вестник Степи", "Вестник Степи",
     "Россия и Афганистан подписали протокол"),
    ("روسیه و افغانستان تفاهم‌نامه امضا کردند - صدای بلخ", "صدای بلخ",
     "روسیه و افغانستان تفاهم‌نامه امضا کردند"),
    ("俄阿签署铁路协议_西域日报", "西域日报", "俄阿签署铁路协议"),
    ("俄阿签署铁路协议-西域日报", "西域日报", "俄阿签署铁路协议"),
    ("Rossiya va Afg'oniston shartnoma imzoladi — Samarqand Sadosi", "Samarqand Sadosi",
     "Rossiya va Afg'oniston shartnoma imzoladi"),
    # The channel's title with a tagline after its name signs headlines with the name.
    ("Rusya ile Afganistan anlaştı - Bozkır Postası", "Bozkır Postası - Son Dakika",
     "Rusya ile Afganistan anlaştı"),
    # A headline's own last clause, or another outlet's name, stays.
    ("Moscow, Kabul sign rail deal - report", "Hindukush Herald",
     "Moscow, Kabul sign rail deal - report"),
    ("Талибы: Москва — надежный партнер", "Вестник Степи",
     "Талибы: Москва — надежный партнер"),
    # A headline that is the outlet's name and nothing else keeps it.
    ("Hindukush Herald", "Hindukush Herald", "Hindukush Herald"),
])
def test_a_headline_loses_its_publishers_name_only(title: str, publisher: str,
                                                   expected: str) -> None:
    assert without_publisher(title, [publisher, None]) == expected


LEDE_EN = "KABUL - Russia and Afghanistan signed a railway protocol on Monday, officials said."
LEDE_RU = "Россия и Афганистан подписали в понедельник протокол о железной дороге."
LEDE_ZH = "俄罗斯与阿富汗周一签署铁路议定书，双方将共同开展可行性研究。"
LEDE_FA = "روسیه و افغانستان روز دوشنبه پروتکل راه آهن را امضا کردند."


@pytest.mark.parametrize(("summary", "expected"), [
    (f"Photo: Ministry of Transport\n{LEDE_EN}", LEDE_EN),
    (f"By Our Correspondent\n{LEDE_EN}", LEDE_EN),
    (f"Фото: пресс-служба РЖД\n{LEDE_RU}", LEDE_RU),
    (f"عکس: وزارت فواید عامه\n{LEDE_FA}", LEDE_FA),
    (f"Fotoğraf: Ulaştırma Bakanlığı\n{LEDE_EN}", LEDE_EN),
    (f"{LEDE_EN} Read more…", LEDE_EN),
    (f"{LEDE_RU} Подробнее", LEDE_RU),
    (f"{LEDE_FA}\nادامه مطلب", LEDE_FA),
    (f"{LEDE_RU} Читати далі »", LEDE_RU),
    (f"{LEDE_ZH}\n阅读全文", LEDE_ZH),
    (f"Foto: Verkehrsministerium\n{LEDE_EN} Weiterlesen", LEDE_EN),
])
def test_a_summary_loses_credit_lines_and_read_more_links(summary: str,
                                                          expected: str) -> None:
    assert tidied(summary) == expected


@pytest.mark.parametrize("summary", [
    # A first line that is a sentence, or long, is the lede.
    f"Russia and the Taliban signed a deal.\n{LEDE_EN}",
    f"Россия и талибы договорились о поставках пшеницы в Кабул\n{LEDE_RU}",
    # A last sentence, a Chinese one with no spaces, and a post's hashtags are text.
    f"{LEDE_EN} Kabul welcomed the protocol.",
    "俄罗斯与阿富汗周一签署铁路议定书。双方将共同开展可行性研究并在明年动工建设铁路",
    f"{LEDE_RU} #Россия #Афганистан",
    # A short text is all lede.
    "Photo: Kabul\nConsulate opens.",
])
def test_a_summary_keeps_its_text(summary: str) -> None:
    assert tidied(summary) == summary


def test_entities_escaped_twice_are_decoded() -> None:
    body = rss([{"title": "Russia &amp; Afghanistan", "guid": "a",
                 "description": "<p>Kabul&amp;nbsp;&amp;#8211; talks&amp;hellip; AT&amp;T "
                                "&amp;notanentity;</p>"}])
    item = parse_feed(body, {"content-type": "application/rss+xml"}).items[0]
    assert item.summary == "Kabul – talks… AT&T &notanentity;"


def test_a_polled_item_is_stored_without_the_noise(feed_server: FeedServer,
                                                   make_settings: Any) -> None:
    item = {"title": "Russia and Afghanistan sign a railway protocol - Hindukush Herald",
            "guid": "https://hindukush-herald.test/1", "link": "https://hindukush-herald.test/1",
            "description": "<p>Photo: Ministry of Transport</p><p>KABUL (HH) - Russia and "
                           "Afghanistan signed a railway protocol on Monday, the Taliban's "
                           "transport ministry said.&amp;nbsp;Read more…</p>"}
    url = feed_server.serve("/hh.xml", Response(200, rss([item], title="Hindukush Herald")))
    settings = make_settings([url])
    with EventStore(settings.store_path) as store:
        asyncio.run(Tracker(settings, store).poll())
        rows = [dict(r) for r in store.db.query("SELECT title, summary FROM articles")]
    assert rows == [{"title": "Russia and Afghanistan sign a railway protocol",
                     "summary": "KABUL (HH) - Russia and Afghanistan signed a railway "
                                "protocol on Monday, the Taliban's transport ministry said."}]


def test_a_json_feeds_headlines_lose_the_channels_name() -> None:
    body = ('{"version": "https://jsonfeed.org/version/1.1", "title": "Вестник Степи", '
            '"items": [{"id": "1", "title": "Россия и Афганистан подписали протокол — '
            'Вестник Степи", "summary": "Фото: РЖД<br>Россия и Афганистан подписали '
            'протокол о железной дороге. Подробнее"}]}').encode()
    item = parse_feed(body, {"content-type": "application/feed+json"}).items[0]
    assert item.title == "Россия и Афганистан подписали протокол"
    assert item.summary == "Россия и Афганистан подписали протокол о железной дороге."


def test_an_item_without_guid_or_link_keeps_its_identity_whatever_the_tidying() -> None:
    # Its key is a hash of the text as the feed printed it: a store polled before the
    # publisher's name and the credit line were taken off holds the same key.
    title = "Russia and Afghanistan sign a railway protocol - Hindukush Herald"
    summary = "Photo: Ministry of Transport\nKABUL - The two sides signed a protocol."
    body = rss([{"title": title, "description": summary.replace("\n", "<br>")}],
               title="Hindukush Herald")
    item = parse_feed(body, {"content-type": "application/rss+xml"}).items[0]
    assert item.title == "Russia and Afghanistan sign a railway protocol"
    printed = make_item(guid=None, url=None, title=title, summary=summary, content=None,
                        published=None)
    assert item.key == printed.key
