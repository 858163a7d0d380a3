"""End to end over a real loopback server and a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time

from conftest import FeedServer, Request, Response, rss, write_config

from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

ITEMS = [
    {"title": "Russia and the Taliban sign a rail transit accord", "link": "http://n.test/a1",
     "guid": "a1", "description": "Moscow and Kabul agreed on cargo transit to Pakistan.",
     "pubDate": "Mon, 06 Oct 2025 10:00:00 GMT"},
    {"title": "Local football results", "link": "http://n.test/a2", "guid": "a2",
     "description": "The home side won 2-1."},
]


def poll(tracker: Tracker):
    return asyncio.run(tracker.poll())


def test_poll_records_each_article_once(feed_server: FeedServer, make_settings, tmp_path):
    url = feed_server.serve("/feed.xml", Response(200, rss(ITEMS)))
    settings = make_settings([url])
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        first = poll(tracker)
        assert [o.outcome for o in first] == ["ok"]
        assert first[0].new == 2 and first[0].relevant == 1
        count = store.count()
        second = poll(tracker)
        assert second[0].new == 0
        assert store.count() == count, "polling an unchanged feed must add no events"
        rows = list(store.db.query("SELECT title, relevant, feed FROM articles ORDER BY title"))
        assert [(r["title"], r["relevant"]) for r in rows] == [
            ("Local football results", 0),
            ("Russia and the Taliban sign a rail transit accord", 1),
        ]


def test_a_crash_on_one_feed_is_confined_to_it(feed_server: FeedServer, make_settings,
                                               monkeypatch):
    good = feed_server.serve("/good.xml", Response(200, rss(ITEMS)))
    bad = feed_server.serve("/bad.xml", Response(200, rss([{"title": "boom", "guid": "x"}])))
    settings = make_settings([good, bad])
    import tracker.poll.service as service

    real_parse = service.parse_feed

    def parse_or_crash(body, headers):
        if b"boom" in body:
            raise KeyError("a bug in a parser")
        return real_parse(body, headers)

    monkeypatch.setattr(service, "parse_feed", parse_or_crash)
    with EventStore(settings.store_path) as store:
        outcomes = poll(Tracker(settings, store))
        assert sorted(o.outcome for o in outcomes) == ["error", "ok"]
        by_reason = dict(store.db.execute(
            "SELECT url, last_error_reason FROM feed_state").fetchall())
        assert by_reason[bad] == "internal-error"
        assert by_reason[good] is None


def test_a_cycle_cancelled_midway_keeps_whole_polls_only(feed_server: FeedServer,
                                                         make_settings):
    """The store's work runs in a thread of its own: cancelling the cycle lets the append
    it began finish, drops the ones not begun, and commits what was done."""
    urls = [feed_server.serve(f"/c{n}.xml", Response(200, rss([
        {"title": f"Item {n}.{k}", "guid": f"c{n}-{k}", "description": "Weather."}
        for k in range(20)]))) for n in range(40)]
    settings = make_settings(urls)
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        seen: list[str] = []

        async def cancelled_cycle() -> None:
            task = asyncio.current_task()
            assert task is not None

            def progress(outcome) -> None:
                seen.append(outcome.feed_id)
                if len(seen) == 5:
                    task.cancel()

            try:
                await tracker.poll(progress=progress)
            except asyncio.CancelledError:
                pass

        asyncio.run(cancelled_cycle())
        per_feed = dict(store.db.execute(
            "SELECT feed, count(*) FROM articles GROUP BY feed").fetchall())
        assert 5 <= len(per_feed) < len(urls), "the cycle should stop partway"
        assert set(per_feed.values()) == {20}, "every recorded poll is whole"
        checked = {row[0] for row in store.db.execute("SELECT feed_id FROM feed_checks")}
        assert checked == set(per_feed), "a feed's check row goes with its articles"
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == \
            store.db.execute("SELECT count(*) FROM events WHERE type = 'ArticleRecorded'"
                             ).fetchone()[0]


def test_tracker_poll_says_a_poll_is_done_only_once_it_is_committed(
        feed_server: FeedServer, tmp_path):
    """A cycle commits its polls in groups: a poll's log line waits for its group's
    commit, so a `tracker poll` killed midway never logged a poll the store lost."""
    def slow(body: bytes):
        def answer(_: Request) -> Response:
            time.sleep(0.05)
            return Response(200, body)
        return answer

    urls = [feed_server.serve(f"/k{n}.xml", slow(rss([
        {"title": f"Kill {n}.{k}", "guid": f"k{n}-{k}", "description": "Weather."}
        for k in range(5)]))) for n in range(80)]
    path = write_config(tmp_path, urls)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "tracker", "--config", str(path), "poll"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               env=env)
    assert process.stderr is not None
    logged: list[str] = []
    for line in process.stderr:
        if "outcome=ok" in line:
            logged.append(line.split("feed=")[1].split()[0])
            process.kill()
            break
    rest, _ = process.communicate()[1], process.wait()
    logged += [line.split("feed=")[1].split()[0] for line in (rest or "").splitlines()
               if "outcome=ok" in line]
    assert logged, "the poll logged no feed before it was killed"
    with sqlite3.connect(tmp_path / "tracker.db") as conn:
        stored = {row[0] for row in conn.execute("SELECT feed_id FROM feed_checks")}
        articles = dict(conn.execute("SELECT feed, count(*) FROM articles GROUP BY feed"))
    assert len(stored) < len(urls), "the kill should land before the cycle's end"
    assert set(logged) <= stored
    assert all(articles.get(feed_id) == 5 for feed_id in logged)
