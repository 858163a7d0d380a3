"""`tracker status`: the daemon's heartbeat, feeds, deliveries and what needs a person."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from conftest import FeedServer, Response, rss, write_config

from tracker import __version__
from tracker.cli import cli
from tracker.daemon import heartbeat
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
