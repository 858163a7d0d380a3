"""tracker.poll.backlog: a polling cycle analyses every feed's articles at its end, in the
order their events happened, whichever feed's fetch completes first; what a stopped
cycle left unanalysed is analysed at the start of the next."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from conftest import FeedServer, Response, rss
from test_backlog_items import DATED, UNDATED

from tracker.eventlog.store import EventStore
from tracker.poll import backlog, service
from tracker.poll.backlog import Backlog
from tracker.poll.service import Tracker
from tracker.poll.types import ArticleDecision


class Stopped(Exception):
    """The process stops (a kill, a power cut) at that point."""


def _rows(store: EventStore, sql: str) -> list[dict[str, Any]]:
    return [dict(row) for row in store.db.query(sql)]


def _polled(settings: Any, *queries: str) -> list[list[dict[str, Any]]]:
    """One polling cycle into the settings' store, and what ``queries`` then find."""
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
        return [_rows(store, sql) for sql in queries]


@pytest.mark.parametrize("undated_first", [True, False])
def test_the_order_feeds_are_fetched_in_does_not_decide_the_updates(
        feed_server: FeedServer, make_settings: Any, undated_first: bool) -> None:
    # Each report in a feed of its own; the test server answers one request at a time,
    # in the order the feeds are listed: the undated reports' feeds first, or last.
    items = UNDATED + DATED if undated_first else DATED + UNDATED
    urls = [feed_server.serve(f"/feed-{index}.xml", Response(200, rss([item])))
            for index, item in enumerate(items)]
    outcomes, updates = _polled(make_settings(urls),
                                "SELECT a.title, x.outcome FROM article_analysis x"
                                " JOIN articles a ON a.id = x.article_id",
                                "SELECT sources FROM updates")
    # The earliest dated report opened the update; the undated ones are its sources.
    opened = [o["title"] for o in outcomes if o["outcome"] == "new"]
    assert opened == [DATED[0]["title"]], outcomes
    assert updates == [{"sources": 4}], updates


def test_articles_a_stopped_cycle_left_unanalysed_are_analysed_by_the_next(
        feed_server: FeedServer, make_settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings([feed_server.serve("/dated.xml", Response(200, rss(DATED)))])
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()

        # The cycle stops between recording its articles and analysing them.
        def stopped(store: object, rules: object, memory: object,
                    decisions: list[ArticleDecision], today: object) -> int:
            if decisions:
                raise Stopped
            return 0
        monkeypatch.setattr(service, "analyse_backlog", stopped)
        with pytest.raises(Stopped):
            asyncio.run(tracker.poll())
        monkeypatch.undo()
        recorded = _rows(store, "SELECT count(*) AS n FROM articles WHERE relevant = 1")
        analysed = _rows(store, "SELECT count(*) AS n FROM article_analysis")
        assert (recorded, analysed) == ([{"n": 2}], [{"n": 0}])

        # The feed has not changed: nothing is new in it, yet both are analysed.
        tracker = Tracker(settings, store)
        asyncio.run(tracker.poll())
        analysed = _rows(store, "SELECT count(*) AS n FROM article_analysis")
        updates = _rows(store, "SELECT sources FROM updates")
    assert analysed == [{"n": 2}] and updates == [{"sources": 2}], updates


def test_a_bug_in_one_analysis_leaves_the_others_done(
        feed_server: FeedServer, make_settings: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    settings = make_settings([feed_server.serve("/dated.xml", Response(200, rss(DATED)))])
    real = backlog.article_analysis

    def failing_on_russian(article: ArticleDecision, *args: Any) -> Any:
        if article.text is not None and "Кабулов" in article.text.title:
            raise ValueError("a bug this text triggers")
        return real(article, *args)

    monkeypatch.setattr(backlog, "article_analysis", failing_on_russian)
    [analysed] = _polled(settings, "SELECT a.title FROM article_analysis x"
                                   " JOIN articles a ON a.id = x.article_id")
    assert analysed == [{"title": DATED[0]["title"]}]
    assert "status=crash" in caplog.text


def _decision(article_id: str) -> ArticleDecision:
    return ArticleDecision(article_id, ())


def test_the_backlog_drops_what_a_lost_commit_lost_and_keeps_one_decision_an_article() -> None:
    waiting = Backlog()
    waiting.add([_decision("a"), _decision("b")], committed=False)
    waiting.settle(True)
    waiting.add([_decision("c")], committed=False)
    waiting.settle(False)  # the group holding c's record was lost
    waiting.add([_decision("a"), _decision("d")], committed=True)
    assert [d.article_id for d in waiting.take()] == ["a", "b", "d"]
    assert waiting.take() == []
