"""What is new in the story: updates, corroboration, copies, background, contradictions.

The news items here are written for these tests; none comes from the evaluation sample.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED, SHIPPED_CONFIG, FeedServer, Response, rss, write_config

from tracker import config
from tracker.cli import cli
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

SEEDS = SHARED / "seeds"

AID_EN = {"title": "Russian emergencies ministry flies tents and flour to flood-hit Afghanistan",
          "guid": "https://wire.test/aid-1", "link": "https://wire.test/aid-1",
          "description": "An Il-76 plane of Russia's EMERCOM carried 30 tonnes of humanitarian "
                         "aid to Kabul after floods in the north, the ministry said.",
          "pubDate": "Tue, 14 Apr 2026 09:00:00 GMT"}
AID_RU = {"title": "МЧС России доставило в Афганистан гуманитарную помощь после наводнения",
          "guid": "https://ru.test/mchs-1", "link": "https://ru.test/mchs-1",
          "description": "Самолет Ил-76 МЧС доставил в Кабул 30 тонн гуманитарной помощи для "
                         "пострадавших от наводнения, сообщили в министерстве.",
          "pubDate": "Tue, 14 Apr 2026 11:00:00 GMT"}
AID_OTHER = {"title": "Russia sends flood relief plane to Afghanistan",
             "guid": "https://other.test/relief", "link": "https://other.test/relief",
             "description": "Russia's emergencies ministry dispatched a plane with humanitarian "
                            "aid for flood victims in Afghanistan on Tuesday.",
             "pubDate": "Wed, 15 Apr 2026 07:00:00 GMT"}
RAIL = {"title": "Russia and Taliban sign rail transit agreement",
        "guid": "https://wire.test/rail", "link": "https://wire.test/rail",
        "description": "Moscow and Kabul signed an agreement on a rail corridor to carry "
                       "Russian freight through Afghanistan, officials said on Monday.",
        "pubDate": "Mon, 09 Mar 2026 10:00:00 GMT"}
OLD_TALKS = {"title": "Taliban delegation and Russian officials discuss wheat supplies",
             "guid": "https://wire.test/old", "link": "https://wire.test/old",
             "description": "Russian and Taliban officials discussed wheat and flour supplies "
                            "to Afghanistan at a meeting in Kazan.",
             "pubDate": "Fri, 16 May 2025 10:00:00 GMT"}
RESTATED = {"title": "Moscow formally recognises the Taliban government",
            "guid": "https://wire.test/recognition", "link": "https://wire.test/recognition",
            "description": "Russia accepted the credentials of the Afghan ambassador and became "
                           "the first country to recognise the Islamic Emirate.",
            "pubDate": "Fri, 04 Jul 2025 08:00:00 GMT"}
CONTRADICTION = {"title": "Moscow rejects report on Taliban recognition",
                 "guid": "https://wire.test/claim", "link": "https://wire.test/claim",
                 "description": "Belarus became the first country to recognise the Taliban "
                                "government, a Minsk paper claimed; Russian officials said the "
                                "report about Afghanistan was wrong.",
                 "pubDate": "Thu, 01 Oct 2026 10:00:00 GMT"}


def poll(settings):
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())


def rows(settings, sql, params=()):
    with EventStore(settings.store_path) as store:
        return [dict(r) for r in store.db.query(sql, params)]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed articles are not present")
def test_the_seed_articles_only_corroborate_the_baseline(feed_server: FeedServer, make_settings):
    items = []
    for path in sorted(SEEDS.glob("*.txt")):
        title, _, body = path.read_text("utf-8").partition("\n")
        items.append({"title": title, "guid": path.name, "description": body})
    url = feed_server.serve("/seeds.xml", Response(200, rss(items)))
    settings = make_settings([url])
    poll(settings)
    analysed = rows(settings, "SELECT outcome, update_id FROM article_analysis")
    assert len(analysed) == 2
    assert all(r["outcome"] == "baseline" and r["update_id"] is None for r in analysed)
    assert rows(settings, "SELECT count(*) AS n FROM updates")[0]["n"] == 0
    corroborated = rows(settings, "SELECT DISTINCT fact_id FROM fact_sources")
    assert len(corroborated) >= 5, "the seeds restate many baseline facts"


def test_one_development_from_several_outlets_and_languages_is_one_update(
        feed_server: FeedServer, make_settings):
    a = feed_server.serve("/a.xml", Response(200, rss([AID_EN, RAIL])))
    b = feed_server.serve("/b.xml", Response(200, rss([AID_RU])))
    c = feed_server.serve("/c.xml", Response(200, rss([AID_OTHER])))
    settings = make_settings([{"url": a, "name": "Wire"}, {"url": b, "name": "RU"},
                              {"url": c, "name": "Other"}])
    poll(settings)
    updates = rows(settings, "SELECT * FROM updates ORDER BY first_seen")
    by_kind = {u["kind"]: u for u in updates}
    assert len(updates) == 2, updates
    assert by_kind["humanitarian"]["sources"] == 3
    assert by_kind["humanitarian"]["outlets"] == 3
    assert by_kind["humanitarian"]["event_date"] == "2026-04-14"
    assert by_kind["humanitarian"]["background"] == 0
    assert by_kind["economy"]["event_date"] == "2026-03-09"  # "on Monday", from the pubDate
    sources = rows(settings, "SELECT update_id, article_id, url FROM update_sources")
    assert {s["url"] for s in sources} >= {AID_EN["link"], AID_RU["link"], AID_OTHER["link"]}
    # Every decision is an event.
    with EventStore(settings.store_path) as store:
        types = {e.type for e in store.read()}
    assert {"UpdateRecorded", "ArticleAnalysed"} <= types


def test_a_syndicated_copy_counts_once_but_stays_visible(feed_server: FeedServer,
                                                         make_settings):
    copy = dict(RAIL, guid="https://mirror.test/rail-copy", link="https://mirror.test/rail-copy")
    a = feed_server.serve("/a.xml", Response(200, rss([RAIL])))
    b = feed_server.serve("/b.xml", Response(200, rss([copy])))
    settings = make_settings([{"url": a, "name": "Wire"}, {"url": b, "name": "Mirror"}])
    poll(settings)
    update, = rows(settings, "SELECT * FROM updates")
    assert (update["sources"], update["articles"], update["outlets"]) == (1, 2, 2)
    copies = rows(settings, "SELECT article_id, copy_of FROM update_sources"
                            " WHERE copy_of IS NOT NULL")
    assert len(copies) == 1


def test_a_development_before_the_cutoff_is_background(feed_server: FeedServer, make_settings):
    url = feed_server.serve("/old.xml", Response(200, rss([OLD_TALKS, RAIL])))
    settings = make_settings([url])
    poll(settings)
    background = {u["summary"]: u["background"] for u in rows(settings, "SELECT * FROM updates")}
    assert background == {OLD_TALKS["title"]: 1, RAIL["title"]: 0}
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(settings.config_path), "story"])
    assert result.exit_code == 0, result.output
    news, _, rest = result.output.partition("Background")
    assert RAIL["title"] in news and OLD_TALKS["title"] not in news
    assert OLD_TALKS["title"] in rest


def test_a_contradiction_is_flagged_with_both_sides(feed_server: FeedServer, make_settings):
    url = feed_server.serve("/c.xml", Response(200, rss([CONTRADICTION])))
    settings = make_settings([url])
    poll(settings)
    found = rows(settings, "SELECT * FROM contradictions")
    assert [c["fact_id"] for c in found] == ["B01"]
    assert "Belarus became the first country" in found[0]["claim"]
    assert "Russia" in found[0]["fact_statement"]


def test_story_as_of_and_json(feed_server: FeedServer, tmp_path: Path):
    url = feed_server.serve("/a.xml", Response(200, rss([RAIL])))
    path = write_config(tmp_path, [url])
    runner = CliRunner()
    assert runner.invoke(cli, ["--config", str(path), "poll"]).exit_code == 0
    now = json.loads(runner.invoke(cli, ["--config", str(path), "story", "--json"]).output)
    assert [u["summary"] for u in now["updates"]] == [RAIL["title"]]
    assert now["updates"][0]["sources"][0]["url"] == RAIL["link"]
    assert len(now["facts"]) >= 20
    before = json.loads(runner.invoke(
        cli, ["--config", str(path), "story", "--json", "--as-of", "2020-01-01"]).output)
    assert before["updates"] == [] and before["facts"] == []
    bad = runner.invoke(cli, ["--config", str(path), "story", "--as-of", "yesterday"])
    assert bad.exit_code == 2 and "--as-of" in bad.output


def test_rebuild_reproduces_the_story(feed_server: FeedServer, make_settings):
    a = feed_server.serve("/a.xml", Response(200, rss([AID_EN, RAIL, CONTRADICTION])))
    b = feed_server.serve("/b.xml", Response(200, rss([AID_RU, OLD_TALKS, RESTATED])))
    settings = make_settings([a, b])
    poll(settings)
    tables = ["update_state", "update_links", "fact_links", "contradictions",
              "article_analysis", "updates", "update_sources", "fact_sources"]
    with EventStore(settings.store_path) as store:
        before = {t: store.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                  for t in tables}
        assert before["update_state"] and before["fact_links"]
        store.rebuild()
        after = {t: store.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                 for t in tables}
    assert after == before


def test_rejudge_appends_new_decisions_and_never_edits_old_ones(feed_server: FeedServer,
                                                                 make_settings):
    url = feed_server.serve("/a.xml", Response(200, rss([AID_EN, RAIL, OLD_TALKS])))
    settings = make_settings([url])
    poll(settings)
    with EventStore(settings.store_path) as store:
        log_before = [(e.position, e.type, e.event) for e in store.read()]
        updates_before = store.db.execute("SELECT id, sources FROM updates ORDER BY id").fetchall()
        counts = Tracker(settings, store).rejudge()
        log_after = [(e.position, e.type, e.event) for e in store.read()]
        updates_after = store.db.execute("SELECT id, sources FROM updates ORDER BY id").fetchall()
    assert counts["analysed"] == 3
    assert log_after[:len(log_before)] == log_before, "old events must stay as they were"
    appended = [t for _, t, _ in log_after[len(log_before):]]
    assert appended.count("ArticleAnalysed") == 3
    assert "UpdateRecorded" not in appended, "same method, same updates: nothing new to open"
    assert updates_after == updates_before


def test_updates_view_has_the_documented_columns(make_settings):
    settings = make_settings([])
    with EventStore(settings.store_path) as store:
        columns = {c.name for c in store.db["updates"].columns}
        sources = {c.name for c in store.db["update_sources"].columns}
    assert {"id", "kind", "summary", "event_date", "first_seen", "sources",
            "background"} <= columns
    assert {"update_id", "article_id", "url"} <= sources


def test_the_shipped_config_loads_its_story():
    settings = config.load(SHIPPED_CONFIG)
    assert settings.story.baseline is not None


def test_a_revised_article_that_reopens_its_update_does_not_break_the_feed(
        feed_server: FeedServer, make_settings):
    url = feed_server.serve("/a.xml", Response(200, rss([RAIL])))
    settings = make_settings([url])
    poll(settings)
    revised = dict(RAIL, description=RAIL["description"] + " The first trains run in May.")
    feed_server.serve("/a.xml", Response(200, rss([revised])))
    poll(settings)
    poll(settings)
    assert [r["sources"] for r in rows(settings, "SELECT sources FROM updates")] == [1]
    state = rows(settings, "SELECT status, failures FROM feed_state")[0]
    assert (state["status"], state["failures"]) == ("ok", 0)
    revisions = rows(settings, "SELECT revisions FROM articles")[0]["revisions"]
    assert revisions == 1
