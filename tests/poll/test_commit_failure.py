"""A polling cycle whose grouped commit fails loses nothing for good (issue 14).

The commit is made to fail by SQLite itself, in the process that goes on running: a
row written just before it (tests/commitfaults.py) leaves a deferred foreign-key violation
in the group's transaction, so its COMMIT is refused, as a full disk would refuse it.
Once the fault is gone, the next cycle must leave the store as a clean run over the same
inputs does: the analysis must not remember the update of the commit that was lost.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from commitfaults import QUAKE, QUAKE_RU, WEATHER, arm, disarm
from conftest import FeedServer, Response, rss

from tracker.errors import StoreError
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker


def poll(tracker: Tracker) -> None:
    asyncio.run(tracker.poll())


def updates(store: EventStore) -> list[tuple[str, int]]:
    return sorted((r["summary"], r["sources"]) for r in store.db.query(
        "SELECT summary, sources FROM updates"))


def test_a_lost_group_commit_is_redone_and_its_update_recorded(
        feed_server: FeedServer, make_settings: Any) -> None:
    first = feed_server.serve("/en.xml", Response(200, rss([QUAKE])))
    other = feed_server.serve("/other.xml", Response(200, rss([WEATHER])))
    with EventStore(make_settings([other]).store_path) as store:
        tracker = Tracker(make_settings([other]), store)
        tracker.ensure_baseline()
        poll(tracker)
        fault = arm(store.db.conn)
        tracker.settings = make_settings([first])
        with pytest.raises(StoreError):
            poll(tracker)
        disarm(store.db.conn)
        assert fault.fired
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        # The same process goes on. An unchanged feed's poll is stored first (it records
        # only its check: a memory that compares store positions takes itself for
        # current again), then the lost feed is polled again, beside another outlet
        # reporting the same development.
        tracker.settings = make_settings([other])
        poll(tracker)
        second = feed_server.serve("/ru.xml", Response(200, rss([QUAKE_RU])))
        tracker.settings = make_settings([first, second])
        poll(tracker)
        after_fault = updates(store)
        unlinked = store.db.execute(
            "SELECT count(*) FROM article_analysis x WHERE x.update_id IS NOT NULL AND NOT"
            " EXISTS (SELECT 1 FROM update_state u WHERE u.id = x.update_id)").fetchone()[0]
    assert unlinked == 0, "an analysis joined an update that was never recorded"
    assert after_fault == [(QUAKE["title"], 2)]
