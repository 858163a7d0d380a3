"""The daemon's digest jobs, scheduled by APScheduler next to the feed jobs.

``digest:check`` runs every 30 seconds (more often with a quiet period under a minute:
half of it, at least every second): it composes a digest for each channel whose
changes are due (quiet period and minimum interval passed; only with
``notify.on_change``) and retries failed deliveries whose time has come.
``digest:schedule`` follows the ``notify.schedule`` crontab in ``notify.timezone`` and
sends whatever is pending. Sending blocks (SMTP, HTTP), so each run goes to a worker
thread with its own connection to the store; the store's write lock and the outbox's
expected-version checks keep it consistent with the polls.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from tracker.config import Settings
from tracker.eventlog import storage
from tracker.eventlog.store import EventStore
from tracker.eventlog.types import CommitRecord
from tracker.events import Event
from tracker.notify.outbox import Outbox

logger = logging.getLogger(__name__)

CHECK_EVERY = 30.0


def check_every(quiet_period: float) -> float:
    return max(1.0, min(CHECK_EVERY, quiet_period / 2))
JOB_IDS = ("digest:check", "digest:schedule")


class DigestJobs:
    def __init__(self, scheduler: BaseScheduler, stopping: Callable[[], bool]) -> None:
        self.scheduler = scheduler
        self.stopping = stopping
        self.settings: Settings | None = None
        self.commits = CommitRecord()
        """How the runs' commits went (each run's store is closed after it)."""
        self.unrecorded: list[Event] = []
        """Delivery outcomes a refused commit kept from the store (see Outbox): each run
        opens its own store and outbox, so they are kept here, between runs."""

    def schedule(self, settings: Settings) -> None:
        """Add, change or remove the digest jobs to match ``settings``."""
        self.settings = settings
        notify = settings.notify
        for job_id in JOB_IDS:
            try:
                self.scheduler.remove_job(job_id)
            except JobLookupError:
                pass
        if not notify.channels:
            return
        # Retries of failed deliveries ride on the check job, so it runs even when
        # digests go out on the schedule only.
        self.scheduler.add_job(self.run, "interval", kwargs={"force": False},
                               id="digest:check", name="digest check",
                               seconds=check_every(notify.quiet_period), replace_existing=True,
                               misfire_grace_time=int(CHECK_EVERY))
        if notify.schedule:
            trigger = CronTrigger.from_crontab(notify.schedule, timezone=ZoneInfo(notify.timezone))
            self.scheduler.add_job(self.run, trigger, kwargs={"force": True},
                                   id="digest:schedule", name="digest schedule",
                                   replace_existing=True, misfire_grace_time=3600)

    async def run(self, force: bool) -> None:
        settings = self.settings
        if settings is None or self.stopping():
            return
        try:
            await asyncio.to_thread(self._run_once, settings, force)
        except asyncio.CancelledError:
            if not self.stopping():
                raise
            # The daemon is stopping and its scheduler cancels running jobs. The worker
            # thread cannot be cancelled: it finishes its pass (a send and its record)
            # before the process exits, as asyncio.run waits for it. Not a job error.
            logger.info("digest status=finishing reason=stopping")
        except Exception as exc:
            if not storage.is_fault(exc):
                raise
            # A full or read-only store: one line per check, not a traceback. The next
            # check tries again; an attempt sent but not recorded is retried after its
            # lease, with the same digest id.
            logger.error("digest status=error reason=store message=%r",
                         storage.explain(settings.store_path, exc))

    def _run_once(self, settings: Settings, force: bool) -> None:
        with EventStore(Path(settings.store_path)) as store:
            try:
                outbox = Outbox(settings, store, unrecorded=self.unrecorded)
                if force or settings.notify.on_change:
                    outbox.compose_due(force=force)
                outbox.deliver_due()
            finally:
                self.commits = self.commits.merged(store.commits)
