"""A digest sent through Apprise arrives exactly once across a receiver outage (nothing
listening: retried with backoff) and a daemon restart: real processes, a real HTTP
receiver on 127.0.0.1 reached through Apprise's json:// service."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from conftest import FeedServer, Response, rss, write_config
from receivers import free_port, start_hooks, stop_hooks
from test_daemon import start, wait_for
from test_daemon_digests import ITEM, SECOND, stop

from tracker import config
from tracker.eventlog.store import EventStore


def json_url(port: int) -> str:
    return f"json://127.0.0.1:{port}/digest"


def deliveries(db: Path) -> list[tuple[str, str, int, str | None]]:
    """(digest, status, attempts, next attempt) of every digest, read as a user would."""
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("SELECT id, status, attempts, next_attempt FROM digests"
                                " ORDER BY composed_at").fetchall()
        except sqlite3.OperationalError:
            return []


def failures(db: Path) -> list[dict[str, object]]:
    with sqlite3.connect(db) as conn:
        return [json.loads(data) | {"recorded_at": at} for data, at in conn.execute(
            "SELECT data, recorded_at FROM events WHERE type = 'DeliveryFailed'"
            " ORDER BY position")]


def daemon_config(url_env: str) -> str:
    return ('[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "1s"\n'
            '[notify]\nquiet_period = "1s"\nmin_interval = "0s"\nretry_base = "1s"\n'
            f'retry_max = "4s"\n[[notify.apprise]]\nurl_env = "{url_env}"\nname = "chat"\n')


def test_a_digest_arrives_once_across_an_outage_and_a_restart(feed_server: FeedServer,
                                                               tmp_path: Path):
    port = free_port()  # nothing listens there yet: the receiver is down
    url = feed_server.serve("/feed.xml", Response(200, rss([ITEM])))
    path = write_config(tmp_path, [url], extra=daemon_config("CHAT_URL"))
    db = tmp_path / "tracker.db"
    env = {"CHAT_URL": json_url(port)}
    process = start(path, **env)
    hooks = server = None
    try:
        wait_for(lambda: any(attempts >= 3 for _, _, attempts, _ in deliveries(db)),
                 timeout=40)
        assert stop(process) == 0
        process = start(path, **env)
        # Still down after the restart: the schedule read back from the store goes on.
        seen = len(failures(db))
        wait_for(lambda: len(failures(db)) > seen, timeout=30)
        hooks, server = start_hooks(port)
        wait_for(lambda: len(hooks.accepted()) == 1, timeout=30)
        feed_server.serve("/feed.xml", Response(200, rss([ITEM, SECOND])))
        wait_for(lambda: len(hooks.accepted()) == 2, timeout=30)
        time.sleep(3)  # several more check cycles: nothing else may arrive
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        if server is not None:
            stop_hooks(server)
    assert hooks is not None
    messages = [json.loads(body) for _, body in hooks.accepted()]
    assert [ITEM["title"] in m["message"] for m in messages] == [True, False]
    assert [SECOND["title"] in m["message"] for m in messages] == [False, True]
    failed = failures(db)
    assert all(not f["permanent"] and "connection" in str(f["error"]).lower() for f in failed)
    # Backoff: the waits between attempts grow (jitter keeps each in [half, full]).
    waits = [(time_of(f["retry_at"]) - time_of(f["recorded_at"])) for f in failed[:3]]
    assert 0.4 <= waits[0] <= 1.2 and 0.9 <= waits[1] <= 2.2 and 1.9 <= waits[2] <= 4.2, waits
    with EventStore(config.load(path).store_path) as store:
        states = store.db.execute("SELECT channel, status FROM digests").fetchall()
    assert states == [("apprise:chat", "delivered"), ("apprise:chat", "delivered")]


def time_of(value: object) -> float:
    return datetime.fromisoformat(str(value)).timestamp()
