"""Steps of the wall clock.

APScheduler times its jobs by the wall clock: a job due in a minute is due at a wall
time. When the clock steps back an hour (a bad NTP source, a VM restored, an operator),
every job is then an hour and a minute away and the daemon stalled for that hour; when
it steps forward hours, every job is late at once, and APScheduler may see that before
the daemon does and re-arm some of them. The daemon looks at both clocks on each tick of
its keepalive loop; a step is the wall clock moving more than the monotonic clock did,
and the daemon then schedules its jobs again as it does when it starts (see
``Daemon._clock_stepped``). :func:`next_run_at` says when a feed's job runs next.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

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


def next_run_at(now: datetime, wait: float, *, jitter: float, max_interval: float,
                rng: random.Random) -> datetime:
    """When a feed's job should run next: ``wait`` seconds from ``now``, never more than
    ``max_interval``, plus up to ``jitter`` seconds at random so hosts are not hit at once."""
    wait = min(max(wait, 0.0), max_interval)
    return now + timedelta(seconds=wait + (rng.uniform(0.0, jitter) if jitter > 0 else 0.0))
