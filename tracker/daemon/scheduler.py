"""The daemon: APScheduler 3.x on asyncio, one job per feed, clean stop on SIGTERM.

Each feed has a job with a stable id (``feed:<feed id>``) on an interval trigger with
jitter; jobs coalesce, never overlap, and tolerate misfires. After each poll the job is
moved to the feed's next check (the largest of its interval, TTL, Cache-Control max-age,
Retry-After and backoff, capped at ``schedule.max_interval``) plus jitter; the interval
is only the fallback. A job also polls its feed only when the feed is due, so a restart
or a reload honours the next check recorded in the store.

SIGTERM or SIGINT stop it: in-flight polls get ``STOP_GRACE`` seconds to finish, then
are abandoned (a poll writes in one transaction at its end: nothing is half-written); a
second signal abandons them at once. SIGHUP reloads the configuration, or refuses a bad
one. It speaks systemd's notify protocol (``systemd``), keeps a heartbeat file for
``tracker status`` (``heartbeat``) and analyses once polls settle (``settling``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from tracker import __version__, config, log
from tracker.config import FeedConfig, Settings
from tracker.daemon import clock, heartbeat
from tracker.daemon.clock import next_run_at
from tracker.daemon.digest_jobs import DigestJobs
from tracker.daemon.settling import Settling
from tracker.daemon.systemd import Notifier
from tracker.errors import TrackerError
from tracker.eventlog.projections import feeds as feeds_projection
from tracker.eventlog.store import EventStore
from tracker.ingest import parsepool
from tracker.ingest.fetch import Fetcher
from tracker.poll.outcome import FeedOutcome
from tracker.poll.service import Tracker

logger = logging.getLogger(__name__)

STOP_GRACE = 6.0
"""Seconds in-flight polls get after SIGTERM: the daemon exits well within 10 seconds."""
TICK = 1.0
"""Seconds between two rounds of the keepalive loop (status, watchdog, heartbeat)."""
DAEMON_PARSERS = 1
"""Parser worker processes of the daemon (see :mod:`tracker.ingest.parsepool`)."""

# A poll's outcome as the state of its feed; a skipped poll changes nothing.
FEED_STATE = {"ok": "ok", "not-modified": "ok", "unchanged": "ok", "error": "failing",
              "retired": "retired"}


class Daemon:
    def __init__(self, settings: Settings, store: EventStore,
                 reload: Callable[[], Settings] | None = None, *,
                 notifier: Notifier | None = None) -> None:
        self.settings = settings
        self.store = store
        self.tracker = Tracker(settings, store)
        # One parser process: the daemon's polls are spread over the interval, so more
        # would only add their memory to a long-running service.
        parsepool.configure(workers=DAEMON_PARSERS)
        self.notifier = notifier if notifier is not None else Notifier.from_environ()
        self._reload = reload
        self._stop = asyncio.Event()
        self._hurry = asyncio.Event()
        self._in_flight: set[asyncio.Task[object]] = set()
        self._background: set[asyncio.Task[None]] = set()
        self._fetcher: Fetcher | None = None
        self._feed_states: dict[str, str] = {}
        self._behind: set[str] = set()
        """Feeds whose last poll a failed commit lost (for the heartbeat)."""
        self._status_dirty = False
        self._heartbeat: heartbeat.Heartbeat | None = None
        self._heartbeat_path = heartbeat.path_for(store.path)
        self._rng = random.Random()
        self.job_errors = 0
        self.last_poll: datetime | None = None
        self.scheduler = AsyncIOScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1,
        })
        self.scheduler.add_listener(self._on_job_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
        self.digests = DigestJobs(self.scheduler, self._stop.is_set)
        self.settling = Settling(lambda: self.tracker)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.stop, signum)
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        try:
            await self._run()
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                loop.remove_signal_handler(signum)
            self.notifier.close()
        logger.info("daemon status=stopped job_errors=%d", self.job_errors)

    async def _run(self) -> None:
        self.tracker.ensure_baseline()
        self.settling.analyse()  # what a stopped daemon recorded and did not analyse
        self._feed_states = feeds_projection.statuses(self.store.db.conn)
        self._fetcher = await Fetcher(self.settings.fetch).__aenter__()
        try:
            self._schedule_feeds(self.settings.feeds)
            self.digests.schedule(self.settings)
            self.scheduler.start()
            self._heartbeat = heartbeat.start(os.getpid(), len(self.settings.feeds),
                                              __version__)
            self._beat()
            self.notifier.ready(self.status_line())
            logger.info("daemon status=started feeds=%d store=%s notify=%s watchdog=%s",
                        len(self.settings.feeds), self.store.path,
                        "yes" if self.notifier.enabled else "no",
                        self.notifier.watchdog_interval() or "no")
            keepalive = asyncio.create_task(self._keepalive())
            await self._stop.wait()
            # Pause, not shut down: shutting APScheduler's asyncio executor down cancels
            # the running jobs at once, and they are owed their grace period first.
            self.scheduler.pause()
            await self._drain()
            self.settling.analyse()
            self.scheduler.shutdown(wait=False)
            keepalive.cancel()
            await asyncio.wait([keepalive])
            if self._background:
                await asyncio.wait(self._background)
        finally:
            if self.scheduler.running:
                self.scheduler.shutdown(wait=False)
            await self._fetcher.__aexit__(None, None, None)
        # Only a clean stop says so; a crash leaves the heartbeat to go stale.
        self._beat(stopped=True)

    # -- scheduling -------------------------------------------------------------------

    def _schedule_feeds(self, feeds: tuple[FeedConfig, ...], *, stagger: bool = True) -> None:
        now = datetime.now(UTC)
        schedule = self.settings.schedule
        spread = min(schedule.jitter, 30.0)
        for index, feed in enumerate(feeds):
            every = feed.every or schedule.every
            # Stagger first runs a little so a restart does not hit every host at once.
            first = now + timedelta(seconds=(spread * index / max(len(feeds), 1))
                                    if stagger else 0)
            due = self.tracker.next_due(feed.id)
            if due is not None and due > first:
                # Not due yet (Retry-After, TTL, backoff...): wake when it is.
                first = next_run_at(now, (due - now).total_seconds(), jitter=schedule.jitter,
                                    max_interval=schedule.max_interval, rng=self._rng)
            self.scheduler.add_job(
                self._poll_job, "interval", args=[feed], id=f"feed:{feed.id}",
                name=feed.name, seconds=every, jitter=schedule.jitter or None,
                next_run_time=first, replace_existing=True,
                misfire_grace_time=max(1, int(every / 2)),
            )

    async def _poll_job(self, feed: FeedConfig) -> None:
        if self._stop.is_set() or self._fetcher is None:
            return
        fetcher = self._fetcher
        task = asyncio.current_task()
        assert task is not None
        self._in_flight.add(task)
        try:
            outcome = await self.tracker.poll_feed_safely(fetcher, feed, only_due=True,
                                                          wait=True)
        except asyncio.CancelledError:
            if not self._stop.is_set():
                raise
            # Abandoned at shutdown. A poll writes everything in one transaction after
            # its last await, so nothing of it was stored; it stays due for next time.
            logger.warning("poll feed=%s outcome=abandoned reason=stopping name=%r",
                           feed.id, feed.name)
            return
        finally:
            self._in_flight.discard(task)
        self._observe(feed, outcome)
        self._reschedule(feed, outcome)
        self.settling.polled(asyncio.get_running_loop().time())

    def _observe(self, feed: FeedConfig, outcome: FeedOutcome) -> None:
        if outcome.reason == "store":
            self._behind.add(feed.id)
        elif outcome.outcome != "skipped":
            self._behind.discard(feed.id)
        state = FEED_STATE.get(outcome.outcome)
        if state is None:
            return
        self._feed_states[feed.id] = state
        self.last_poll = datetime.now(UTC)
        self._status_dirty = True

    def _reschedule(self, feed: FeedConfig, outcome: FeedOutcome) -> None:
        """Move the feed's job to its next check, so hints longer than the interval are
        honoured to the second instead of at the next interval after them."""
        now = datetime.now(UTC)
        schedule = self.settings.schedule
        wait: float | None
        if outcome.outcome == "skipped":
            due = self.tracker.next_due(feed.id)
            wait = (due - now).total_seconds() if due else None
        elif outcome.outcome == "retired":
            wait = schedule.max_interval  # never fetched again; an occasional look is enough
        else:
            wait = outcome.next_check
        if wait is None:
            return  # the interval trigger stays in charge
        at = next_run_at(now, wait, jitter=schedule.jitter, max_interval=schedule.max_interval,
                         rng=self._rng)
        try:
            self.scheduler.modify_job(f"feed:{feed.id}", next_run_time=at)
        except JobLookupError:
            pass  # a reload removed the feed while it was being polled

    def _on_job_event(self, event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_MISSED:
            logger.warning("job status=missed job=%s scheduled=%s", event.job_id,
                           event.scheduled_run_time.isoformat())
            return
        self.job_errors += 1
        self._status_dirty = True
        logger.error("job status=error job=%s errors=%d exception=%r", event.job_id,
                     self.job_errors, event.exception, exc_info=event.exception)

    # -- stopping ---------------------------------------------------------------------

    def stop(self, signum: int = signal.SIGTERM) -> None:
        """Stop (the SIGTERM and SIGINT handler); a second call abandons in-flight polls."""
        name = signal.Signals(signum).name
        if self._stop.is_set():
            logger.warning("daemon status=hurrying signal=%s", name)
            self._hurry.set()
            return
        logger.info("daemon status=stopping signal=%s", name)
        self.notifier.stopping("stopping")
        self._stop.set()

    async def _drain(self) -> None:
        pending = {t for t in self._in_flight if not t.done()}
        if not pending:
            return
        logger.info("daemon status=draining polls=%d grace=%gs", len(pending), STOP_GRACE)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STOP_GRACE
        hurry = asyncio.create_task(self._hurry.wait())
        while pending and not self._hurry.is_set() and loop.time() < deadline:
            _, pending = await asyncio.wait({*pending, hurry}, timeout=deadline - loop.time(),
                                            return_when=asyncio.FIRST_COMPLETED)
            pending.discard(hurry)
        hurry.cancel()
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=1.0)
            logger.warning("daemon status=abandoned polls=%d", len(pending))

    # -- reloading --------------------------------------------------------------------

    def reload(self) -> None:
        """Reload the configuration (the SIGHUP handler); a bad one is refused and logged."""
        if self._reload is None or self._stop.is_set():
            return
        self.notifier.reloading()
        try:
            self._apply(self._reload())
        except TrackerError as exc:
            logger.error("reload status=refused error=%r", str(exc))
        except Exception:
            logger.exception("reload status=refused error=unexpected")
        finally:
            self._status_dirty = False
            self.notifier.ready(self.status_line())

    def _apply(self, new: Settings) -> None:
        old = self.settings
        if new.store_path != old.store_path:
            raise TrackerError("store.path cannot change without a restart")
        # Everything that can refuse the new configuration comes before the first change.
        new.notify.check_secrets()
        tracker = Tracker(new, self.store)
        tracker.ensure_baseline()
        self.settling.analyse()  # the polls so far, by the tracker that made them
        old_by_id = old.feed_by_id()
        new_ids = {f.id for f in new.feeds}
        removed = [feed_id for feed_id in old_by_id if feed_id not in new_ids]
        added = tuple(f for f in new.feeds if f.id not in old_by_id)
        changed = tuple(f for f in new.feeds if f.id in old_by_id
                        and (old_by_id[f.id] != f or new.schedule != old.schedule))
        self.settings, self.tracker = new, tracker
        for feed_id in removed:
            try:
                self.scheduler.remove_job(f"feed:{feed_id}")
            except JobLookupError:
                pass
            self._feed_states.pop(feed_id, None)
            self._behind.discard(feed_id)
        self._schedule_feeds(added + changed, stagger=False)
        if new.notify != old.notify:
            self.digests.schedule(new)
        if new.fetch != old.fetch:
            task = asyncio.get_running_loop().create_task(self._replace_fetcher(new))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        if new.log_level != old.log_level:
            log.setup(new.log_level)
        logger.info("reload status=ok feeds=%d added=%d removed=%d changed=%d",
                    len(new.feeds), len(added), len(removed), len(changed))

    async def _replace_fetcher(self, settings: Settings) -> None:
        """New polls use a fetcher with the new settings; the old one closes once the
        polls that still use it are done."""
        fresh = await Fetcher(settings.fetch).__aenter__()
        old, self._fetcher = self._fetcher, fresh
        users = {t for t in self._in_flight if not t.done()}
        if users:
            await asyncio.wait(users)
        if old is not None:
            await old.__aexit__(None, None, None)

    # -- telling the world ------------------------------------------------------------

    def status_line(self) -> str:
        """One short line for systemd's STATUS= and the heartbeat."""
        return heartbeat.status_line([self._feed_states.get(f.id, "new")
                                      for f in self.settings.feeds],
                                     self.last_poll, self.job_errors)

    async def _keepalive(self) -> None:
        """Status after polls, watchdog pings and heartbeats, from the event loop itself:
        if the loop stalls, the pings stop and systemd's watchdog restarts the daemon."""
        loop = asyncio.get_running_loop()
        watchdog = self.notifier.watchdog_interval()
        tick = min(TICK, watchdog / 2) if watchdog else TICK
        next_ping = loop.time()
        next_beat = loop.time() + heartbeat.EVERY
        steps = clock.StepWatch(time.time(), loop.time())
        while True:
            now = loop.time()
            if step := steps.look(time.time(), now):
                self._clock_stepped(step)
            healthy = self.scheduler.running and self._fetcher is not None
            if watchdog and now >= next_ping and healthy:
                self.notifier.watchdog()
                next_ping = now + watchdog
            if self._status_dirty:
                self._status_dirty = False
                self.notifier.status(self.status_line())
            if now >= next_beat:
                self._beat()
                next_beat = now + heartbeat.EVERY
            if self.settling.due(now):
                self.settling.analyse()
            await asyncio.sleep(tick)

    def _clock_stepped(self, step: float) -> None:
        """Schedule every job again, as at start-up: each feed at its next check (due
        now when the clock went back past its last one, see ``stepped_back``), spread a
        little; the digest jobs afresh. Moving each job by the step would not do: after
        a step forward APScheduler may have re-armed some already, by the new clock."""
        logger.warning("clock status=stepped seconds=%.0f feeds=%d", step,
                       len(self.settings.feeds))
        self._schedule_feeds(self.settings.feeds)
        self.digests.schedule(self.settings)
        self.scheduler.wakeup()

    def _beat(self, *, stopped: bool = False) -> None:
        if self._heartbeat is None or self._heartbeat_path is None:
            return
        self._heartbeat = self._heartbeat.beat(
            feeds=len(self.settings.feeds), job_errors=self.job_errors,
            last_poll=self.last_poll.isoformat(timespec="seconds") if self.last_poll else None,
            status=self.status_line(),
            commits=self.store.commits.merged(self.digests.commits),
            feeds_behind=len(self._behind))
        if stopped:
            self._heartbeat = self._heartbeat.stopped()
        heartbeat.write(self._heartbeat_path, self._heartbeat)


def run(settings: Settings, store: EventStore) -> None:
    """Run the daemon until SIGTERM or SIGINT; refused while another daemon runs on the
    same store (two would both poll every feed)."""
    path = settings.config_path

    def reload() -> Settings:
        if path is None:
            raise TrackerError("no config file to reload")
        return config.load(path)

    with heartbeat.only_daemon(store.path):
        asyncio.run(Daemon(settings, store, reload).run())
