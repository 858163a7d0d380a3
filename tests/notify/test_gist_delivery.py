"""An update none of whose sources is in the story's language still reads without a
translator: its digest and `tracker story` carry its gist in the story's language.

Real parts: a feed server on 127.0.0.1 with reports written for this test in Russian,
Dari and Arabic, a real store, the real analysis, a real webhook receiver.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from conftest import FeedServer, Response, rss, write_config
from receivers import Hooks

from tracker import config
from tracker.analysis.gist import gist_names
from tracker.eventlog.store import EventStore
from tracker.notify.digest import render_text
from tracker.notify.outbox import Outbox
from tracker.poll.service import Tracker
from tracker.views.story import render_text as render_story
from tracker.views.story import story

# One delivery of fuel by rail through Turkmenistan, told in three languages, none of
# them the story's (English).
FUEL = [
    ("Россия отправила в Афганистан 40 тысяч тонн дизельного топлива",
     "Российская компания отправила в Афганистан 40 тысяч тонн дизельного топлива по "
     "железной дороге через Туркменистан, сообщило в среду министерство торговли талибов.",
     "Wed, 11 Nov 2026 09:00:00 GMT"),
    ("ارسال ۴۰ هزار تن دیزل روسیه به افغانستان",
     "وزارت تجارت طالبان روز چهارشنبه گفت که ۴۰ هزار تن دیزل روسیه از راه آهن ترکمنستان "
     "به افغانستان رسیده است.",
     "Wed, 11 Nov 2026 12:00:00 GMT"),
    ("روسيا ترسل 40 ألف طن من الديزل إلى أفغانستان",
     "قالت وزارة التجارة في حكومة طالبان يوم الأربعاء إن روسيا أرسلت 40 ألف طن من الديزل "
     "إلى أفغانستان عبر السكك الحديدية في تركمانستان.",
     "Wed, 11 Nov 2026 14:00:00 GMT"),
]
ARABIC_OR_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")


@pytest.fixture
def polled(feed_server: FeedServer, hooks: Hooks, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> config.Settings:
    monkeypatch.setenv("HOOK_SECRET", "s")
    items = [{"title": title, "guid": f"https://news-{n}.test/fuel", "link":
              f"https://news-{n}.test/fuel", "description": text, "pubDate": published}
             for n, (title, text, published) in enumerate(FUEL)]
    url = feed_server.serve("/fuel.xml", Response(200, rss(items, title="desk")))
    notify = ("[notify]\nquiet_period = \"0s\"\nmin_interval = \"0s\"\n"
              f"[[notify.webhooks]]\nurl = \"{hooks.url}\"\nname = \"desk\"\n"
              "secret_env = \"HOOK_SECRET\"\ntimeout = \"2s\"\n")
    settings = config.load(write_config(tmp_path, [url], extra=notify))
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
    return settings


def test_the_delivered_digest_tells_the_update_in_the_storys_language(
        polled: config.Settings, hooks: Hooks) -> None:
    with EventStore(polled.store_path) as store:
        Outbox(polled, store).run(force=True)
    [(_, body)] = hooks.accepted()
    [update] = json.loads(body)["updates"]
    assert update["summary"].startswith("[")  # no source in English: its language named
    gist = update["gist"]
    assert "40,000 t" in gist and "Turkmenistan" in gist, gist
    assert not ARABIC_OR_CYRILLIC.search(gist), gist
    assert "Afghanistan" not in gist  # a side's country: in every report, it tells nothing
    text = render_text(json.loads(body))
    assert f"  gist: {gist}" in text


def test_the_story_view_shows_the_gist_now_and_as_of_a_moment(polled: config.Settings) -> None:
    names = gist_names(polled.story)
    with EventStore(polled.store_path) as store:
        now = story(store, names=names)
        later = story(store, "2099-01-01", names=names)
        plain = story(store)
    [update] = now.updates
    assert "40,000 t" in update.gist
    assert later.updates[0].gist == update.gist
    assert plain.updates[0].gist == ""  # no names given: no gist
    assert f"gist: {update.gist}" in render_story(now, polled.story.name)
