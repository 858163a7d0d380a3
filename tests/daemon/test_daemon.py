"""The daemon: as a real process (polls on schedule, reloads on SIGHUP, stops on SIGTERM,
speaks systemd's notify protocol) and in-process for pacing, failing jobs and draining."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import FeedServer, RawServer, Request, Response, rss, write_config

from tracker import config
from tracker.daemon import heartbeat
from tracker.daemon.clock import next_run_at
from tracker.daemon.scheduler import Daemon
from tracker.daemon.systemd import Notifier
from tracker.eventlog.store import EventStore

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


def start(config_path: Path, **env_extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM")}
    env.update(PYTHONUNBUFFERED="1", **env_extra)
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
        # `tracker status` sees the daemon running and both feeds polled.
        report = status_json(path)
        assert report["daemon"]["state"] == "running"
        assert report["daemon"]["pid"] == process.pid
        assert {f["status"] for f in report["feeds"]} == {"ok"}
        # SIGHUP without the first feed removes it: it is not fetched any more.
        write_config(tmp_path, [second], extra=SCHEDULE)
        process.send_signal(signal.SIGHUP)
        time.sleep(0.5)  # a reload takes milliseconds; then count
        removed_at = len(feed_server.hits("/one.xml"))
        seen_two = len(feed_server.hits("/two.xml"))
        wait_for(lambda: len(feed_server.hits("/two.xml")) >= seen_two + 2)
        assert len(feed_server.hits("/one.xml")) == removed_at
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)
        assert time.monotonic() - stopping < 10
    finally:
        if process.poll() is None:
            process.kill()
    _, stderr = process.communicate()
    assert code == 0, stderr
    assert "reload status=refused" in stderr and "fetch.bogus" in stderr
    assert "reload status=ok feeds=2 added=1 removed=0" in stderr
    assert "reload status=ok feeds=1 added=0 removed=1" in stderr
    assert "daemon status=stopped" in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # A clean stop is recorded, and is no reason for `tracker status` to fail.
    result = subprocess.run([sys.executable, "-m", "tracker", "--config", str(path), "status"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "daemon: not running (stopped cleanly" in result.stdout


def status_json(config_path: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "tracker", "--config", str(config_path),
                             "status", "--json"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


class NotifyListener:
    """A real unix datagram socket in the abstract namespace, as systemd would offer."""

    def __init__(self) -> None:
        self.name = f"@tracker-test-{uuid.uuid4().hex}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + self.name[1:])
        self.sock.settimeout(0.2)
        self.messages: list[str] = []

    def collect(self, until, timeout: float = 20.0) -> list[str]:
        """Receive until ``until(messages)`` holds; returns every message so far."""
        deadline = time.monotonic() + timeout
        while not until(self.messages):
            if time.monotonic() > deadline:
                raise AssertionError(f"not received in time; got {self.messages!r}")
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except TimeoutError:
                pass
        return self.messages

    def close(self) -> None:
        self.sock.close()


def has(prefix: str, count: int = 1):
    return lambda messages: sum(
        1 for m in messages for line in m.splitlines() if line.startswith(prefix)) >= count


def test_daemon_speaks_the_systemd_notify_protocol(feed_server: FeedServer, tmp_path: Path):
    url = feed_server.serve("/n.xml", Response(200, rss([{"title": "n-a", "guid": "1"}])))
    path = write_config(tmp_path, [url], extra=SCHEDULE)
    listener = NotifyListener()
    process = start(path, NOTIFY_SOCKET=listener.name, WATCHDOG_USEC="1000000")
    try:
        listener.collect(has("READY=1"))
        # STATUS= follows the first poll; the watchdog is pinged twice a second.
        listener.collect(lambda m: has("STATUS=feeds ok=1 failing=0; last poll")(m)
                         and has("WATCHDOG=1", 4)(m))
        process.send_signal(signal.SIGHUP)
        messages = listener.collect(has("READY=1", 2))
        reload_at = next(i for i, m in enumerate(messages) if "RELOADING=1" in m)
        assert "MONOTONIC_USEC=" in messages[reload_at]
        assert any("READY=1" in m for m in messages[reload_at + 1:])
        process.send_signal(signal.SIGTERM)
        listener.collect(has("STOPPING=1"))
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        listener.close()
    _, stderr = process.communicate()
    assert code == 0, stderr
    assert "notify=yes watchdog=0.5" in stderr
    # Every message is well formed: KEY=value lines.
    for message in listener.messages:
        for line in message.splitlines():
            assert "=" in line, message


def test_sigterm_abandons_a_stuck_poll_and_exits_0_within_10_seconds(
        silent_server: RawServer, feed_server: FeedServer, tmp_path: Path):
    good = feed_server.serve("/ok.xml", Response(200, rss([{"title": "ok-a", "guid": "1"}])))
    path = write_config(tmp_path, [good, silent_server.url("/stuck.xml")],
                        extra=SCHEDULE + '[fetch]\ntimeout = "60s"\n')
    db = tmp_path / "tracker.db"
    process = start(path)
    try:
        wait_for(lambda: "ok-a" in titles(db))
        wait_for(lambda: silent_server.connections)
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)
        took = time.monotonic() - stopping
    finally:
        if process.poll() is None:
            process.kill()
    _, stderr = process.communicate()
    assert code == 0, stderr
    assert took < 10
    assert "outcome=abandoned reason=stopping" in stderr
    assert "daemon status=abandoned polls=1" in stderr
    assert "Traceback" not in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- in-process: pacing, failing jobs, draining -------------------------------------------


def test_next_run_at_is_the_wait_capped_plus_bounded_jitter():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rng = random.Random(5)
    for wait, cap in ((90.0, 3600.0), (7200.0, 3600.0), (-5.0, 3600.0)):
        for _ in range(200):
            at = next_run_at(now, wait, jitter=60.0, max_interval=cap, rng=rng)
            low = min(max(wait, 0.0), cap)
            assert now + timedelta(seconds=low) <= at <= now + timedelta(seconds=low + 60)
    assert next_run_at(now, 30.0, jitter=0.0, max_interval=60.0, rng=rng) == \
        now + timedelta(seconds=30)


def run_in_process(settings, until, *, timeout: float = 20.0, prepare=None,
                   signals: int = 1) -> Daemon:
    """Run a Daemon on ``settings`` until ``until(daemon)`` holds, then stop it (as if
    sent ``signals`` SIGTERMs)."""
    store = EventStore(settings.store_path)
    daemon = Daemon(settings, store, lambda: config.load(settings.config_path),
                    notifier=Notifier(None))
    if prepare is not None:
        prepare(daemon)

    async def main() -> None:
        task = asyncio.create_task(daemon.run())
        deadline = time.monotonic() + timeout
        while not until(daemon):
            assert not task.done(), task.exception() if task.done() else None
            assert time.monotonic() < deadline, "condition not met in time"
            await asyncio.sleep(0.05)
        for _ in range(signals):
            daemon.stop()
            await asyncio.sleep(0.1)
        await asyncio.wait_for(task, 10)

    try:
        asyncio.run(main())
    finally:
        store.close()
    return daemon


def timed(route: Response, log: list[float]):
    def answer(request: Request) -> Response:
        log.append(time.monotonic())
        return route
    return answer


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_next_check_honours_max_age_and_retry_after_up_to_the_cap(feed_server: FeedServer,
                                                                   make_settings):
    cached: list[float] = []
    limited: list[float] = []
    a = feed_server.serve("/cached.xml", timed(Response(
        200, rss([{"title": "c", "guid": "c"}]), {"Cache-Control": "max-age=2"}), cached))
    b = feed_server.serve("/limited.xml", timed(Response(
        503, b"busy", {"Retry-After": "100"}), limited))
    settings = make_settings([a, b], extra='[schedule]\nevery = "1s"\njitter = "0.3s"\n'
                                           'backoff_base = "1s"\nmax_interval = "3s"\n')
    run_in_process(settings, lambda d: len(cached) >= 3 and len(limited) >= 2)
    # The interval is 1 s, but max-age asks for 2 s and Retry-After for 100 s, capped at 3 s;
    # jitter adds at most 0.3 s (and the scheduler's own latency a little).
    assert all(2.0 <= gap <= 2.6 for gap in gaps(cached)), gaps(cached)
    assert all(3.0 <= gap <= 3.6 for gap in gaps(limited)), gaps(limited)
    # A restart honours the next check recorded in the store instead of polling at once.
    store = EventStore(settings.store_path)
    due = datetime.fromisoformat(store.db.conn.execute(
        "SELECT next_check FROM feed_checks WHERE feed_id = ?",
        (config.feed_id_for(b),)).fetchone()[0])
    store.close()
    before = len(limited)
    run_in_process(settings, lambda d: len(limited) > before)
    assert datetime.now(UTC) >= due


def test_a_job_that_raises_is_logged_counted_and_the_daemon_goes_on(
        feed_server: FeedServer, make_settings, caplog):
    url = feed_server.serve("/j.xml", Response(200, rss([{"title": "j", "guid": "1"}])))
    settings = make_settings([url], extra=SCHEDULE)
    calls = []

    def prepare(daemon: Daemon) -> None:
        real = daemon.tracker.poll_feed_safely

        async def flaky(*args, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("boom")
            return await real(*args, **kwargs)

        daemon.tracker.poll_feed_safely = flaky  # type: ignore[method-assign]

    with caplog.at_level(logging.INFO):
        daemon = run_in_process(settings, lambda d: len(calls) >= 3, prepare=prepare)
    assert daemon.job_errors == 1
    assert "job errors 1" in daemon.status_line()
    errors = [r for r in caplog.records if r.getMessage().startswith("job status=error")]
    assert len(errors) == 1 and "RuntimeError('boom')" in errors[0].getMessage()
    assert errors[0].exc_info is not None  # with its traceback, in the same record
    assert "j" in titles(settings.store_path)


def test_sigterm_lets_an_in_flight_poll_finish_within_the_grace(feed_server: FeedServer,
                                                                 make_settings):
    body = rss([{"title": "slow-a", "guid": "1"}])
    url = feed_server.serve("/slow.xml", Response(200, body, drip=1.5 / len(body)))
    settings = make_settings([url], extra=SCHEDULE)
    started = time.monotonic()
    run_in_process(settings, lambda d: bool(feed_server.hits("/slow.xml")))
    # Stopped while the body was still arriving: the poll was allowed to finish.
    assert time.monotonic() - started < 8
    assert "slow-a" in titles(settings.store_path)


def test_a_second_signal_abandons_in_flight_polls_at_once(silent_server: RawServer,
                                                           make_settings):
    settings = make_settings([silent_server.url("/stuck.xml")],
                             extra=SCHEDULE + '[fetch]\ntimeout = "60s"\n')
    started = time.monotonic()
    run_in_process(settings, lambda d: bool(silent_server.connections), signals=2)
    assert time.monotonic() - started < 4  # not the 6 s grace


def test_heartbeat_file_says_running_then_stopped(feed_server: FeedServer, make_settings):
    url = feed_server.serve("/h.xml", Response(200, rss([{"title": "h", "guid": "1"}])))
    settings = make_settings([url], extra=SCHEDULE)
    beat_path = heartbeat.path_for(settings.store_path)
    seen: list[str] = []

    def polled(daemon: Daemon) -> bool:
        state = heartbeat.assess(heartbeat.read(beat_path))
        seen.append(state.state)
        return daemon.last_poll is not None

    run_in_process(settings, polled)
    assert "running" in seen
    final = heartbeat.read(beat_path)
    assert final is not None and final.pid == os.getpid() and final.stopped_at
    assert heartbeat.assess(final).state == "stopped"
    assert final.status.startswith("feeds ok=1 failing=0; last poll ")



def test_reload_applies_new_fetch_settings_without_a_restart(feed_server: FeedServer,
                                                             make_settings, tmp_path: Path):
    url = feed_server.serve("/ua.xml", Response(200, rss([{"title": "ua", "guid": "1"}])))
    settings = make_settings([url], extra=SCHEDULE + '[fetch]\nuser_agent = "old-agent"\n')
    agents = lambda: [r.headers.get("user-agent") for r in feed_server.hits("/ua.xml")]  # noqa: E731

    def until(daemon: Daemon) -> bool:
        if agents() and daemon.settings.fetch.user_agent == "old-agent":
            write_config(tmp_path, [url], extra=SCHEDULE + '[fetch]\nuser_agent = "new-agent"\n')
            daemon.reload()
        return "new-agent" in agents()

    daemon = run_in_process(settings, until)
    assert daemon.settings.fetch.user_agent == "new-agent"
    assert agents()[0] == "old-agent"


def test_a_second_daemon_on_the_same_store_is_refused(feed_server: FeedServer,
                                                      tmp_path: Path):
    url = feed_server.serve("/only.xml", Response(200, rss([{"title": "only-a", "guid": "1"}])))
    path = write_config(tmp_path, [url], extra=SCHEDULE)
    first = start(path)
    try:
        wait_for(lambda: "only-a" in titles(tmp_path / "tracker.db"))
        second = start(path)
        _, said = second.communicate(timeout=30)
        assert second.returncode == 1
        assert said.strip().splitlines()[-1].startswith(
            "tracker: another tracker daemon is running on this store")
        assert first.poll() is None, "the running daemon goes on"
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=10) == 0
        # Stopped (or killed: the kernel drops the lock with the process), it is free.
        third = start(path)
        try:
            beat = heartbeat.path_for(tmp_path / "tracker.db")
            wait_for(lambda: (found := heartbeat.read(beat)) is not None
                     and found.pid == third.pid and found.stopped_at is None)
        finally:
            third.send_signal(signal.SIGTERM)
            third.communicate(timeout=10)
        assert third.returncode == 0
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate()
