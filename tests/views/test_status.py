"""`tracker status`: the daemon's heartbeat, feeds, deliveries and what needs a person."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from conftest import FeedServer, Response, rss, write_config

from tracker import __version__, config
from tracker.cli import cli
from tracker.config import FeedConfig
from tracker.daemon import heartbeat
from tracker.daemon.scheduler import Daemon
from tracker.eventlog.store import EventStore
from tracker.ingest.fetch import Fetcher
from tracker.views.health import delivery_counts


def status(config_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(config_path), "status", *args],
                              catch_exceptions=False)


def polled_config(feed_server: FeedServer, tmp_path: Path) -> Path:
    url = feed_server.serve("/s.xml", Response(200, rss([{"title": "s", "guid": "1"}])))
    path = write_config(tmp_path, [url])
    result = CliRunner().invoke(cli, ["--config", str(path), "poll"], catch_exceptions=False)
    assert result.exit_code == 0
    return path


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def write_beat(tmp_path: Path, beat: heartbeat.Heartbeat) -> None:
    path = heartbeat.path_for(tmp_path / "tracker.db")
    assert path is not None
    assert heartbeat.write(path, beat)


def test_never_run_daemon_is_fine_for_a_one_shot_user(feed_server: FeedServer, tmp_path: Path):
    path = polled_config(feed_server, tmp_path)
    result = status(path)
    assert result.exit_code == 0, result.output
    assert "daemon: not running (never started on this store)" in result.output
    assert "last poll: 20" in result.output
    data = json.loads(status(path, "--json").output)
    assert data["daemon"] == {"state": "never", "running": False}
    assert data["last_poll"] and data["attention"] == [] and data["needs_attention"] == 0
    assert data["deliveries"] == {"pending": 0, "failed": 0}
    assert [f["status"] for f in data["feeds"]] == ["ok"]


def test_running_daemon_is_reported_with_its_pid(feed_server: FeedServer, tmp_path: Path):
    path = polled_config(feed_server, tmp_path)
    beat = heartbeat.start(os.getpid(), 1, __version__)
    write_beat(tmp_path, beat.beat(feeds=1, last_poll=beat.started_at, job_errors=2,
                                   status="feeds ok=1 failing=0"))
    result = status(path)
    assert result.exit_code == 0, result.output
    assert f"daemon: running, pid {os.getpid()}" in result.output
    assert "2 job errors" in result.output
    data = json.loads(status(path, "--json").output)["daemon"]
    assert data["state"] == "running" and data["last_poll"] == beat.started_at


def test_cleanly_stopped_daemon_is_fine(feed_server: FeedServer, tmp_path: Path):
    path = polled_config(feed_server, tmp_path)
    write_beat(tmp_path, heartbeat.start(dead_pid(), 1, __version__).stopped())
    result = status(path)
    assert result.exit_code == 0, result.output
    assert "daemon: not running (stopped cleanly at" in result.output


def test_daemon_that_died_needs_a_person(feed_server: FeedServer, tmp_path: Path):
    path = polled_config(feed_server, tmp_path)
    # Its process is gone, though the heartbeat is fresh: it died a moment ago.
    write_beat(tmp_path, heartbeat.start(dead_pid(), 1, __version__))
    result = status(path)
    assert result.exit_code == 1, result.output
    assert "daemon: NOT RUNNING" in result.output and "daemon died" in result.output
    # Its process may live on (a reused pid), but the heartbeat is stale: dead too.
    old = (datetime.now(UTC) - timedelta(seconds=heartbeat.STALE_AFTER + 5)).isoformat()
    write_beat(tmp_path, replace(heartbeat.start(os.getpid(), 1, __version__), beat_at=old))
    data = json.loads(status(path, "--json").output)
    assert data["daemon"]["state"] == "dead" and data["needs_attention"] == 1


def test_persistently_failing_feeds_over_the_threshold(feed_server: FeedServer,
                                                       tmp_path: Path):
    good = feed_server.serve("/good.xml", Response(200, rss([{"title": "g", "guid": "1"}])))
    bad = feed_server.serve("/bad.xml", Response(500, b"oops"))
    path = write_config(tmp_path, [good, bad])
    for _ in range(3):
        assert CliRunner().invoke(cli, ["--config", str(path), "poll"]).exit_code == 0
    result = status(path)
    assert result.exit_code == 1
    assert "feed failed 3 times in a row" in result.output
    # An operator who lives with a few broken feeds says how many.
    tolerant = status(path, "--max-failing", "1")
    assert tolerant.exit_code == 0, tolerant.output


def test_delivery_counts_hook():
    conn = sqlite3.connect(":memory:")
    assert delivery_counts(conn) == delivery_counts(conn).__class__(0, 0)
    conn.execute("CREATE TABLE deliveries (status TEXT)")
    conn.executemany("INSERT INTO deliveries VALUES (?)",
                     [("pending",), ("retrying",), ("delivered",), ("failed",), ("failed",)])
    counts = delivery_counts(conn)
    assert (counts.pending, counts.failed) == (2, 2)
    conn.close()


def test_heartbeat_file_is_replaced_whole(tmp_path: Path):
    path = tmp_path / "x.db.daemon.json"
    beat = heartbeat.start(123, 4, __version__)
    for _ in range(3):
        assert heartbeat.write(path, beat)
    assert heartbeat.read(path) == beat
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db.daemon.json"]
    path.write_text("{not json")
    assert heartbeat.read(path) is None
    assert heartbeat.assess(None).state == "never"


SCHEDULE = '[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "1s"\n'


async def poll_and_beat(daemon: Daemon, feed: FeedConfig) -> None:
    """One run of the daemon's job for ``feed`` once it is due, then a heartbeat."""
    await asyncio.sleep(1.1)
    async with Fetcher(daemon.settings.fetch) as fetcher:
        daemon._fetcher = fetcher
        await daemon._poll_job(feed)
        daemon._fetcher = None
    daemon._beat()


def test_status_says_when_a_commit_failed_and_whether_the_daemon_caught_up(
        feed_server: FeedServer, tmp_path: Path):
    url = feed_server.serve("/c.xml", Response(200, rss([{"title": "c", "guid": "1"}])))
    path = write_config(tmp_path, [url], extra=SCHEDULE)
    settings = config.load(path)
    with EventStore(settings.store_path) as store:
        daemon = Daemon(settings, store)
        daemon._heartbeat = heartbeat.start(os.getpid(), 1, __version__)
        asyncio.run(poll_and_beat(daemon, settings.feeds[0]))
        assert "last failed commit" not in status(path).output
        # The feed gains an item while the store refuses writes (as a read-only or full
        # disk does): the poll is lost, the daemon runs on.
        feed_server.serve("/c.xml", Response(200, rss([{"title": "c", "guid": "1"},
                                                       {"title": "d", "guid": "2"}])))
        store.db.conn.execute("PRAGMA query_only = ON")
        asyncio.run(poll_and_beat(daemon, settings.feeds[0]))
        failing = status(path)
        assert failing.exit_code == 1, failing.output
        assert "last failed commit: 20" in failing.output
        assert "NOT caught up: no commit since; 1 feeds' polls lost" in failing.output
        data = json.loads(status(path, "--json").output)["daemon"]
        assert data["caught_up"] is False and data["commit_failures"] >= 1
        assert data["feeds_behind"] == 1 and "readonly" in data["commit_error"]
        failed_at = data["commit_failed_at"]
        # The disk comes back: the next poll stores the lost item, and status says so.
        store.db.conn.execute("PRAGMA query_only = OFF")
        asyncio.run(poll_and_beat(daemon, settings.feeds[0]))
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    recovered = status(path)
    assert recovered.exit_code == 0, recovered.output
    assert f"last failed commit: {failed_at}" in recovered.output
    assert "caught up since: last commit 20" in recovered.output
    data = json.loads(status(path, "--json").output)["daemon"]
    assert data["caught_up"] is True and data["last_commit_at"] > failed_at
    assert data["feeds_behind"] == 0


def test_caught_up_is_told_by_order_not_by_wall_times():
    """A commit that failed after the wall clock stepped back bears an earlier time than
    the last good one before the step: the daemon has not caught up all the same."""
    import time as time_module

    from tracker.daemon import heartbeat
    from tracker.eventlog.types import CommitRecord

    before_step = CommitRecord(last_ok="2026-10-14T12:00:00+00:00",
                               ok_order=time_module.monotonic())
    failing = CommitRecord()
    failing.failed(RuntimeError("disk I/O error"))
    failing.last_failed = "2026-10-14T11:00:05+00:00"  # an hour back
    merged = before_step.merged(failing)
    assert merged.last_ok > (merged.last_failed or "") and not merged.caught_up()
    beat = heartbeat.start(1, 1, "test").beat(feeds=1, last_poll=None, job_errors=0,
                                              status="", commits=merged)
    assert not beat.caught_up
    failing.succeeded()
    assert before_step.merged(failing).caught_up()
