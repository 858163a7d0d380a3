"""The daemon: APScheduler 3.x on asyncio, one job per feed, clean stop on SIGTERM.

Each feed has a job with a stable id (``feed:<feed id>``) on an interval trigger with
jitter; jobs coalesce, never overlap, and tolerate misfires. A job polls its feed only
when the feed is due, so backoff after failures, Retry-After and a feed's TTL stretch
the interval without rescheduling. SIGHUP reloads the configuration; a bad new
configuration is refused and the running one kept.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_ERROR, JobExecutionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from tracker import config
from tracker.config import FeedConfig, Settings
from tracker.errors import TrackerError
from tracker.fetch import Fetcher
from tracker.service import Tracker
from tracker.store import EventStore

logger = logging.getLogger(__name__)

STOP_GRACE = 8.0
"""Seconds in-flight polls get to finish after SIGTERM before they are abandoned."""


class Daemon:
    def __init__(self, settings: Settings, store: EventStore,
                 reload: Callable[[], Settings] | None = None) -> None:
        self.settings = settings
        self.store = store
        self.tracker = Tracker(settings, store)
        self._reload = reload
        self._stop = asyncio.Event()
        self._in_flight: set[asyncio.Task[object]] = set()
        self.job_errors = 0
        self.scheduler = AsyncIOScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1,
        })
        self.scheduler.add_listener(self._on_job_error, EVENT_JOB_ERROR)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self._request_stop, signum)
        loop.add_signal_handler(signal.SIGHUP, self._request_reload)
        self.tracker.ensure_baseline()
        async with Fetcher(self.settings.fetch) as fetcher:
            self._fetcher = fetcher
            self._schedule_feeds(self.settings.feeds)
            self.scheduler.start()
            logger.info("daemon status=started feeds=%d store=%s", len(self.settings.feeds),
                        self.store.path)
            await self._stop.wait()
            self.scheduler.shutdown(wait=False)
            await self._drain()
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.remove_signal_handler(signum)
        logger.info("daemon status=stopped job_errors=%d", self.job_errors)

    def _schedule_feeds(self, feeds: tuple[FeedConfig, ...], *, stagger: bool = True) -> None:
        now = datetime.now(UTC)
        spread = min(self.settings.schedule.jitter, 30.0)
        for index, feed in enumerate(feeds):
            every = feed.every or self.settings.schedule.every
            # Stagger first runs a little so a restart does not hit every host at once.
            first = now + timedelta(seconds=(spread * index / max(len(feeds), 1))
                                    if stagger else 0)
            self.scheduler.add_job(
                self._poll_job, "interval", args=[feed], id=f"feed:{feed.id}",
                name=feed.name, seconds=every, jitter=self.settings.schedule.jitter or None,
                next_run_time=first, replace_existing=True,
                misfire_grace_time=max(1, int(every / 2)),
            )

    async def _poll_job(self, feed: FeedConfig) -> None:
        if self._stop.is_set():
            return
        task = asyncio.current_task()
        assert task is not None
        self._in_flight.add(task)
        try:
            await self.tracker.poll_feed_safely(self._fetcher, feed, only_due=True)
        finally:
            self._in_flight.discard(task)

    def _on_job_error(self, event: JobExecutionEvent) -> None:
        self.job_errors += 1
        logger.error("job status=error job=%s errors=%d exception=%r", event.job_id,
                     self.job_errors, event.exception)

    def _request_stop(self, signum: int) -> None:
        logger.info("daemon status=stopping signal=%s", signal.Signals(signum).name)
        self._stop.set()

    async def _drain(self) -> None:
        pending = {t for t in self._in_flight if not t.done()}
        if not pending:
            return
        _, still = await asyncio.wait(pending, timeout=STOP_GRACE)
        for task in still:
            task.cancel()
        if still:
            await asyncio.wait(still, timeout=1.0)
            logger.warning("daemon status=abandoned polls=%d", len(still))

    def _request_reload(self) -> None:
        if self._reload is None:
            return
        try:
            new = self._reload()
        except TrackerError as exc:
            logger.error("reload status=refused error=%r", str(exc))
            return
        if new.store_path != self.settings.store_path:
            logger.error("reload status=refused error=%r",
                         "store.path cannot change without a restart")
            return
        old_ids = {f.id for f in self.settings.feeds}
        new_ids = {f.id for f in new.feeds}
        for feed_id in old_ids - new_ids:
            self.scheduler.remove_job(f"feed:{feed_id}")
        old_by_id = self.settings.feed_by_id()
        changed = tuple(f for f in new.feeds if old_by_id.get(f.id) != f
                        or new.schedule != self.settings.schedule)
        added = tuple(f for f in new.feeds if f.id not in old_ids)
        self.settings = new
        self.tracker = Tracker(new, self.store)
        self._schedule_feeds(changed, stagger=False)
        logger.info("reload status=ok feeds=%d added=%d removed=%d changed=%d",
                    len(new.feeds), len(added), len(old_ids - new_ids),
                    len(changed) - len(added))


def run(settings: Settings, store: EventStore) -> None:
    """Run the daemon until SIGTERM or SIGINT."""
    path = settings.config_path

    def reload() -> Settings:
        if path is None:
            raise TrackerError("no config file to reload")
        return config.load(path)

    asyncio.run(Daemon(settings, store, reload).run())
