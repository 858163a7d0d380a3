"""Steps of the wall clock, and the daemon's jobs moved with them.

APScheduler times its jobs by the wall clock: a job due in a minute is due at a wall
time. When the clock steps back an hour (a bad NTP source, a VM restored, an operator),
every job is then an hour and a minute away and the daemon stalls for that hour; when it
steps forward hours, every job is late at once and they all run together. The daemon
looks at both clocks on each tick of its keepalive loop; a step is the wall clock moving
more than the monotonic clock did, and every job is then moved by the step, so that each
keeps the wait it had.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

logger = logging.getLogger(__name__)

STEP_TOLERANCE = 2.0
"""Seconds the wall clock may gain on or lose to the monotonic clock between two looks
before it counts as a step (NTP slewing moves it by milliseconds a second)."""


@dataclass
class StepWatch:
    """The two clocks as last seen."""

    wall: float
    monotonic: float

    def look(self, wall: float, monotonic: float) -> float:
        """Seconds the wall clock stepped since the last look (0.0: it did not)."""
        step = (wall - self.wall) - (monotonic - self.monotonic)
        self.wall, self.monotonic = wall, monotonic
        return step if abs(step) > STEP_TOLERANCE else 0.0


def shift_jobs(scheduler: BaseScheduler, step: float, now: datetime) -> int:
    """Move every scheduled job by ``step`` seconds; a cron job (due at wall times by
    definition) to its next time after ``now`` instead. Returns how many were moved."""
    moved = 0
    for job in scheduler.get_jobs():
        if job.next_run_time is None:
            continue  # paused
        if isinstance(job.trigger, CronTrigger):
            at = job.trigger.get_next_fire_time(None, now)
        else:
            at = job.next_run_time + timedelta(seconds=step)
        if at is not None:
            job.modify(next_run_time=at)
            moved += 1
    scheduler.wakeup()
    logger.warning("clock status=stepped seconds=%.0f jobs_moved=%d", step, moved)
    return moved
