"""The daemon sends digests on its own, and a receiver outage across a restart loses and
repeats nothing."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from conftest import FeedServer, Response, rss, write_config
from test_daemon import start, wait_for

from tracker import config
from tracker.eventlog.store import EventStore

ITEM = {"title": "Russia and Taliban agree on new rail corridor", "guid": "https://w.test/r",
        "link": "https://w.test/r", "pubDate": "Mon, 09 Mar 2026 10:00:00 GMT",
        "description": "Moscow and Kabul agreed to build a rail corridor through Afghanistan."}
SECOND = {"title": "Kabul and Moscow add direct flights", "guid": "https://w.test/f",
          "link": "https://w.test/f", "pubDate": "Tue, 10 Mar 2026 10:00:00 GMT",
          "description": "Afghanistan's ambassador in Russia said a second airline will fly."}


def notify(url: str) -> str:
    return ('[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "1s"\n'
            '[notify]\nquiet_period = "1s"\nmin_interval = "0s"\nretry_base = "1s"\n'
            'retry_max = "2s"\n'
            f'[[notify.webhooks]]\nurl = "{url}"\nname = "ops"\nsecret_env = "OPS_SECRET"\n'
            'timeout = "2s"\n')


def stop(process) -> int:
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=15)  # drains and closes the pipes
    return process.returncode


def test_digests_survive_an_outage_and_a_restart_exactly_once(feed_server: FeedServer,
                                                              hooks, tmp_path: Path):
    url = feed_server.serve("/feed.xml", Response(200, rss([ITEM])))
    path = write_config(tmp_path, [url], extra=notify(hooks.url))
    hooks.status = 503
    process = start(path, OPS_SECRET="k")
    try:
        wait_for(lambda: len(hooks.received) >= 2, timeout=30)  # composed, tried, retried
        assert hooks.accepted() == []
        assert stop(process) == 0
        hooks.status = 200
        process = start(path, OPS_SECRET="k")
        wait_for(lambda: len(hooks.accepted()) == 1, timeout=30)
        # A new development while running: one more digest, with only that update.
        feed_server.serve("/feed.xml", Response(200, rss([ITEM, SECOND])))
        wait_for(lambda: len(hooks.accepted()) == 2, timeout=30)
        time.sleep(3)  # several more check cycles: nothing else may arrive
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    bodies = [json.loads(body) for _, body in hooks.accepted()]
    assert [[u["summary"] for u in b["updates"]] for b in bodies] == [
        [ITEM["title"]], [SECOND["title"]]]
    assert len({b["digest_id"] for b in bodies}) == 2
    with EventStore(config.load(path).store_path) as store:
        states = dict(store.db.execute("SELECT id, status FROM digests").fetchall())
    assert sorted(states.values()) == ["delivered", "delivered"]
