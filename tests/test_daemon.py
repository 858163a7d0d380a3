"""`tracker run` as a real process: polls on schedule, reloads on SIGHUP, stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import FeedServer, Response, rss, write_config

SCHEDULE = '[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "1s"\n'


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


def titles(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with sqlite3.connect(db) as conn:
        try:
            return {row[0] for row in conn.execute("SELECT title FROM articles")}
        except sqlite3.OperationalError:
            return set()


def start(config_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "tracker", "--config", str(config_path), "run"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_daemon_polls_reloads_and_stops_cleanly(feed_server: FeedServer, tmp_path: Path):
    first = feed_server.serve("/one.xml", Response(200, rss([{"title": "one-a", "guid": "1"}])))
    path = write_config(tmp_path, [first], extra=SCHEDULE)
    db = tmp_path / "tracker.db"
    process = start(path)
    try:
        wait_for(lambda: "one-a" in titles(db))
        # New items are picked up within an interval.
        feed_server.serve("/one.xml", Response(200, rss([{"title": "one-a", "guid": "1"},
                                                         {"title": "one-b", "guid": "2"}])))
        wait_for(lambda: "one-b" in titles(db))
        # SIGHUP with a bad config is refused; the daemon keeps running.
        good = path.read_text()
        path.write_text(good + "\n[fetch]\nbogus = 1\n")
        process.send_signal(signal.SIGHUP)
        time.sleep(1.5)
        assert process.poll() is None
        # SIGHUP with a new feed adds it without a restart.
        second = feed_server.serve("/two.xml", Response(200, rss([{"title": "two-a",
                                                                   "guid": "t"}])))
        write_config(tmp_path, [first, second], extra=SCHEDULE)
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: "two-a" in titles(db))
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    _, stderr = process.communicate()
    assert code == 0, stderr
    assert "reload status=refused" in stderr and "fetch.bogus" in stderr
    assert "reload status=ok" in stderr
    assert "daemon status=stopped" in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
