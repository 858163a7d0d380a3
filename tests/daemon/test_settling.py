"""tracker.daemon.settling: the daemon analyses what its polls recorded once they settle."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import FeedServer, Response, rss, write_config
from test_backlog_items import DATED, UNDATED
from test_daemon import run_in_process

from tracker import config
from tracker.daemon.scheduler import Daemon
from tracker.daemon.settling import LONGEST_WAIT_SECONDS, QUIET_SECONDS, Settling
from tracker.errors import StoreError
from tracker.eventlog.store import EventStore


class Analyst:
    """Counts what waits, as the tracker does; analysing empties it."""

    def __init__(self) -> None:
        self.waiting = 0
        self.analysed = 0
        self.fails: Exception | None = None

    def analyse_waiting(self) -> None:
        if self.fails is not None:
            raise self.fails
        self.analysed += self.waiting
        self.waiting = 0


def test_the_analysis_waits_until_no_poll_brought_articles_for_a_while() -> None:
    analyst = Analyst()
    settling = Settling(lambda: analyst)
    assert not settling.due(0.0)
    analyst.waiting = 2
    settling.polled(0.0)
    analyst.waiting = 3
    settling.polled(2.0)
    # Polls of unchanged feeds bring nothing: they keep nothing waiting longer.
    settling.polled(3.0)
    settling.polled(4.0)
    assert not settling.due(2.0 + QUIET_SECONDS - 0.5)
    assert settling.due(2.0 + QUIET_SECONDS)
    settling.analyse()
    assert analyst.analysed == 3 and not settling.due(100.0)


def test_busy_polls_keep_no_analysis_waiting_longer_than_the_longest_wait() -> None:
    analyst = Analyst()
    settling = Settling(lambda: analyst)
    now = 0.0
    while now < LONGEST_WAIT_SECONDS:
        analyst.waiting += 1
        settling.polled(now)
        assert not settling.due(now)
        now += QUIET_SECONDS / 2
    assert settling.due(now)


def test_a_failing_store_is_logged_and_the_daemon_goes_on(
        caplog: pytest.LogCaptureFixture) -> None:
    analyst = Analyst()
    settling = Settling(lambda: analyst)
    analyst.waiting = 1
    settling.polled(0.0)
    analyst.fails = StoreError("disk full")
    settling.analyse()
    assert "analysis status=failed reason=store" in caplog.text
    analyst.fails = ValueError("a bug")
    with caplog.at_level(logging.ERROR):
        settling.analyse()
    assert "analysis status=crash" in caplog.text
    analyst.fails = None
    settling.analyse()
    assert analyst.analysed == 1


def test_the_daemon_opens_an_update_by_its_earliest_dated_report_whatever_feed_came_first(
        feed_server: FeedServer, tmp_path: Path) -> None:
    # The undated reports' feeds come first in the config and are polled first.
    urls = [feed_server.serve(f"/feed-{i}.xml", Response(200, rss([item])))
            for i, item in enumerate(UNDATED + DATED)]
    settings = config.load(write_config(tmp_path, urls, extra=(
        '[schedule]\nevery = "1h"\njitter = 0\n')))

    def analysed(daemon: Daemon) -> bool:
        rows = daemon.store.db.execute("SELECT count(*) FROM article_analysis").fetchone()
        return bool(rows[0] == 4)

    run_in_process(settings, analysed, timeout=30.0)
    with EventStore(settings.store_path) as store:
        opened = [r[0] for r in store.db.execute(
            "SELECT a.title FROM article_analysis x JOIN articles a ON a.id = x.article_id"
            " WHERE x.outcome = 'new'")]
        sources = [r[0] for r in store.db.execute("SELECT sources FROM updates")]
    assert opened == [DATED[0]["title"]] and sources == [4], (opened, sources)
