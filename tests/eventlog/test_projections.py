"""Projections are a pure function of the log: rebuilding gives identical tables."""

from __future__ import annotations

import asyncio
import sqlite3

from conftest import FeedServer, Response, rss

from tracker.eventlog import migrations, projections
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker


def snapshot(store: EventStore) -> dict[str, list[tuple]]:
    conn = store.db.conn
    return {
        name: conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
        for name in [*projections.TABLES, *projections.VIEWS]
    }


def test_rebuild_reproduces_every_projection(feed_server: FeedServer, make_settings):
    story = {"title": "Lavrov meets Muttaqi in Moscow", "guid": "https://n.test/1",
             "link": "https://n.test/1", "description": "Russia and the Taliban discussed trade."}
    other = {"title": "Weather", "guid": "w1", "description": "Rain."}
    a = feed_server.serve("/a.xml", Response(200, rss([story, other])))
    b = feed_server.serve("/b.xml", Response(200, rss([story])))
    broken = feed_server.serve("/broken.xml", Response(500, b"oops"))
    settings = make_settings([a, b, broken])
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
        # The article changes and the broken feed recovers: revision and recovery events.
        revised = dict(story, description="Russia and the Taliban discussed trade and gas.")
        feed_server.serve("/a.xml", Response(200, rss([revised, other])))
        feed_server.serve("/broken.xml", Response(200, rss([other])))
        asyncio.run(tracker.poll())
        before = snapshot(store)
        assert before["articles"], "the test needs articles to compare"
        assert store.db.execute("SELECT revisions FROM articles WHERE url = 'https://n.test/1'"
                                ).fetchone()[0] == 1
        # The same story in two feeds is one article listed under both.
        assert store.db.execute(
            "SELECT count(*) FROM article_feeds f JOIN articles a ON a.id = f.article_id"
            " WHERE a.url = 'https://n.test/1'").fetchone()[0] == 2
        replayed = store.rebuild()
        assert replayed == store.count()
        assert snapshot(store) == before


def test_full_text_search_follows_articles(feed_server: FeedServer, make_settings):
    items = [{"title": "Bagram base in the news", "guid": "b1", "description": "Kabul says no."},
             {"title": "Другая новость", "guid": "b2", "description": "Талибы и Москва."}]
    url = feed_server.serve("/s.xml", Response(200, rss(items)))
    settings = make_settings([url])
    with EventStore(settings.store_path) as store:
        asyncio.run(Tracker(settings, store).poll())

        def search(term: str) -> list[str]:
            return [r["title"] for r in store.db["articles"].search(term)]

        assert search("bagram") == ["Bagram base in the news"]
        assert search("москва") == ["Другая новость"]
        assert full_text_intact(store)
        store.rebuild()
        assert search("bagram") == ["Bagram base in the news"]
        assert full_text_intact(store)


def full_text_intact(store: EventStore) -> bool:
    """FTS5's own check that its index holds exactly the articles' text."""
    try:
        store.db.execute("INSERT INTO articles_fts (articles_fts, rank)"
                         " VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def test_a_store_from_schema_1_indexes_each_new_article_once(
        feed_server: FeedServer, make_settings):
    items = [{"title": "Bagram base in the news", "guid": "b1", "description": "Kabul."}]
    url = feed_server.serve("/m.xml", Response(200, rss(items)))
    settings = make_settings([url])
    # As schema 1 left a store: new articles indexed by an insert trigger.
    with sqlite3.connect(settings.store_path, isolation_level=None) as conn:
        for statement in migrations.V1_SCHEMA:
            conn.execute(statement)
        conn.execute("""CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts (rowid, title, summary, content)
          VALUES (new.rowid, new.title, new.summary, new.content); END""")
        conn.execute("PRAGMA user_version = 1")
    with EventStore(settings.store_path) as store:
        asyncio.run(Tracker(settings, store).poll())
        assert [r["title"] for r in store.db["articles"].search("bagram")] == [
            "Bagram base in the news"]
        assert full_text_intact(store)
        # The check can fail: an article indexed twice is caught.
        store.db.execute("INSERT INTO articles_fts (rowid, title, summary, content)"
                         " SELECT rowid, title, summary, content FROM articles")
        assert not full_text_intact(store)
