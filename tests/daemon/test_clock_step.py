"""A wall clock that steps back or forward stalls nothing (issue 14's soak found it).

Before: after a step back of an hour, APScheduler found every job an hour away, polls
found every feed not due for an hour, and the outbox held its retries and its quiet
period as long; the soak's daemon polled nothing more until the wall clock caught up.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import FeedServer, Response, rss, write_config
from test_commit_faults import QUAKE

from tracker import config
from tracker.daemon.clock import STEP_TOLERANCE, StepWatch
from tracker.daemon.scheduler import Daemon
from tracker.eventlog.store import EventStore
from tracker.eventlog.types import FeedCheck, stepped_back
from tracker.notify.outbox import Outbox
from tracker.poll.service import Tracker, is_due

T = datetime(2026, 10, 14, 12, 0, tzinfo=UTC)


def test_a_step_is_the_wall_clock_moving_more_than_the_monotonic_one():
    watch = StepWatch(wall=1000.0, monotonic=50.0)
    assert watch.look(1001.0, 51.0) == 0.0  # a second on both
    assert watch.look(1002.0 + STEP_TOLERANCE / 2, 52.0) == 0.0  # a slew, not a step
    assert watch.look(1003.0 - 3600, 53.0) < -3590  # back an hour
    assert watch.look(1004.0 + 7200, 54.0) > 10790  # then forward three


def test_a_step_schedules_every_job_again(feed_server: FeedServer, tmp_path: Path):
    """Jobs left an hour ahead by a step back are due again within the jitter spread."""
    urls = [feed_server.serve(f"/f{n}.xml", Response(200, rss([QUAKE]))) for n in range(3)]
    settings = config.load(write_config(tmp_path, urls, extra=(
        '[schedule]\nevery = "30m"\njitter = 0\n')))

    async def step_back(daemon: Daemon) -> None:
        daemon.scheduler.start(paused=True)
        try:
            daemon._schedule_feeds(settings.feeds)
            ahead = datetime.now(UTC) + timedelta(hours=1)
            for job in daemon.scheduler.get_jobs():
                job.modify(next_run_time=ahead)
            daemon._clock_stepped(-3600)
            soon = datetime.now(UTC) + timedelta(seconds=5)
            assert all(job.next_run_time <= soon for job in daemon.scheduler.get_jobs())
            assert len(daemon.scheduler.get_jobs()) == 3
        finally:
            daemon.scheduler.shutdown(wait=False)

    with EventStore(settings.store_path) as store:
        asyncio.run(step_back(Daemon(settings, store)))


def test_a_check_recorded_after_now_is_due():
    check = FeedCheck("f", next_check=(T + timedelta(minutes=30)).isoformat(),
                      body_sha256=None, ttl=None, last_checked=T.isoformat())
    assert not is_due(check, T + timedelta(minutes=10))
    assert is_due(check, T + timedelta(minutes=30))
    # The clock went back an hour after that check: its half hour is over, not 90 min off.
    assert is_due(check, T - timedelta(hours=1))
    assert stepped_back(T.isoformat(), T - timedelta(seconds=1))
    assert not stepped_back(T.isoformat(), T) and not stepped_back(None, T)


def test_the_outbox_neither_holds_a_retry_nor_a_quiet_period_after_a_step_back(
        feed_server: FeedServer, tmp_path: Path):
    url = feed_server.serve("/feed.xml", Response(200, rss([QUAKE])))
    settings = config.load(write_config(tmp_path, [url], extra=(
        '[notify]\nquiet_period = "10m"\nmin_interval = "0s"\nretry_base = "5m"\n'
        'retry_max = "30m"\n[[notify.webhooks]]\nurl = "http://127.0.0.1:9/never"\n'
        'name = "hook"\n')))
    answers = ["down", "ok"]

    def send(payload: object) -> str:
        if answers.pop(0) == "down":
            from tracker.notify import DeliveryError
            raise DeliveryError("HTTP 503")
        return "ok"

    now = datetime.now(UTC)
    with EventStore(settings.store_path) as store:
        Tracker(settings, store).ensure_baseline()
        asyncio.run(Tracker(settings, store).poll())

        def outbox_at(moment: datetime) -> Outbox:
            return Outbox(settings, store, senders={"webhook:hook": send},
                          clock=lambda: moment)

        back = now - timedelta(hours=1)
        # The update was recorded "an hour ahead": its quiet period is over.
        assert len(outbox_at(back).compose_due()) == 1
        failed = outbox_at(now + timedelta(minutes=20)).deliver_due()
        assert [o.ok for o in failed] == [False]
        # Its retry is minutes away; after a step back it is not an hour and more away.
        assert outbox_at(now + timedelta(minutes=21)).deliver_due() == []
        assert [o.ok for o in outbox_at(back).deliver_due()] == [True]
