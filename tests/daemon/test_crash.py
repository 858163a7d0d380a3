"""Crash safety: the real daemon, killed with SIGKILL at random moments and restarted
each time, records every served item once, keeps a sound store whose projections equal
a rebuild, and loses no digest; a digest reaches the receiver twice only when the
process died between the receiver's answer and recording it, with the same key. And a
delivery whose process died mid-send is retried at once, not after its lease."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FeedServer, Response, rss, write_config
from crash import DEVELOPMENTS, SECRET_ENV, crash_run, notify_config

from tracker import config
from tracker.eventlog.store import EventStore
from tracker.notify.outbox import Outbox, sender_gone, this_process
from tracker.poll.service import Tracker

KILLS = 50


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_and_repeats_nothing(feed_server: FeedServer, hooks,
                                                             tmp_path: Path):
    run = crash_run(feed_server, hooks, tmp_path, kills=KILLS)
    print(run.summary())
    assert run.kills >= KILLS
    assert not run.problems, "\n".join(run.problems) + "\n" + run.summary()
    assert run.items > 0 and run.updates > 0 and run.digests > 0, run.summary()
    assert run.lost == 0 and run.duplicated == 0


# A process that delivers the pending digest with the real webhook sender, then either
# kills itself before it can record the receiver's answer ("die") or waits for a go-ahead
# file before recording it ("hold").
SENDER = """
import os, signal, sys, time
from pathlib import Path
from tracker import config
from tracker.notify import webhook
from tracker.notify.outbox import Outbox
from tracker.eventlog.store import EventStore

settings = config.load(sys.argv[1])
mode, flag = sys.argv[2], Path(sys.argv[3])
hook = settings.notify.webhooks[0]

def send(payload):
    answer = webhook.send(payload, settings=hook)
    if mode == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    flag.write_text("sent")
    while not flag.with_suffix(".go").exists():
        time.sleep(0.05)
    return answer

with EventStore(settings.store_path) as store:
    Outbox(settings, store, senders={hook.channel: send}).run(force=True)
"""


def _pending_digest(feed_server: FeedServer, hooks, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(SECRET_ENV, "s")
    title, text = DEVELOPMENTS[0]
    url = feed_server.serve("/one.xml", Response(200, rss([
        {"title": title, "guid": "https://one.test/1", "link": "https://one.test/1",
         "description": text, "pubDate": "Thu, 01 Oct 2026 09:00:00 GMT"}])))
    path = write_config(tmp_path, [url], extra=notify_config(hooks.url))
    settings = config.load(path)
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
    return path


def _sender(path: Path, mode: str, flag: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SENDER, str(path), mode, str(flag)],
                            env={**os.environ, SECRET_ENV: "s"})


def test_a_delivery_whose_process_died_is_retried_at_once_with_the_same_key(
        feed_server: FeedServer, hooks, tmp_path: Path, monkeypatch, caplog):
    path = _pending_digest(feed_server, hooks, tmp_path, monkeypatch)
    dying = _sender(path, "die", tmp_path / "flag")
    assert dying.wait(timeout=30) == -9
    assert len(hooks.accepted()) == 1  # the receiver said 2xx; nobody recorded it
    settings = config.load(path)
    with EventStore(settings.store_path) as store, caplog.at_level(logging.INFO):
        outcomes = Outbox(settings, store).deliver_due()
        assert [(o.ok, o.attempt) for o in outcomes] == [(True, 2)]
        assert Outbox(settings, store).deliver_due() == []
        status = store.db.conn.execute("SELECT status FROM digests").fetchall()
    assert status == [("delivered",)]
    assert any("delivery status=abandoned" in r.getMessage() and "reason=sender-gone"
               in r.getMessage() for r in caplog.records)
    keys = [headers["idempotency-key"] for headers, _ in hooks.accepted()]
    assert len(keys) == 2 and keys[0] == keys[1]


def test_a_delivery_in_flight_in_a_live_process_is_left_alone(
        feed_server: FeedServer, hooks, tmp_path: Path, monkeypatch):
    path = _pending_digest(feed_server, hooks, tmp_path, monkeypatch)
    flag = tmp_path / "flag"
    holding = _sender(path, "hold", flag)
    try:
        deadline = time.monotonic() + 30
        while not flag.exists():
            assert time.monotonic() < deadline and holding.poll() is None
            time.sleep(0.05)
        settings = config.load(path)
        with EventStore(settings.store_path) as store:
            assert Outbox(settings, store).deliver_due() == []
        flag.with_suffix(".go").write_text("go")
        assert holding.wait(timeout=30) == 0
    finally:
        if holding.poll() is None:
            holding.kill()
            holding.wait()
    with EventStore(settings.store_path) as store:
        assert Outbox(settings, store).deliver_due() == []
        status = store.db.conn.execute("SELECT status, attempts FROM digests").fetchall()
    assert status == [("delivered", 1)]
    assert len(hooks.accepted()) == 1


@pytest.mark.skipif(this_process() is None, reason="needs Linux's /proc")
def test_a_sender_is_gone_only_when_this_host_can_tell():
    me = this_process()
    assert me is not None
    assert not sender_gone(me)
    assert not sender_gone(None)
    # The same PID with another start time is a later process that reused it.
    assert sender_gone({**me, "start": me["start"] + 1})
    assert sender_gone({**me, "pid": 2**22 + 1})  # above Linux's largest PID
    # Another host, user or PID namespace: only the lease can tell.
    assert not sender_gone({**me, "pid": 2**22 + 1, "host": me["host"] + "-other"})
    assert not sender_gone({**me, "pid": 2**22 + 1, "uid": me["uid"] + 1})
    assert not sender_gone({**me, "pid": 2**22 + 1, "pidns": "pid:[1]"})
