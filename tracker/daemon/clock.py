"""Steps of the wall clock.

APScheduler times its jobs by the wall clock: a job due in a minute is due at a wall
time. When the clock steps back an hour (a bad NTP source, a VM restored, an operator),
every job is then an hour and a minute away and the daemon stalled for that hour; when
it steps forward hours, every job is late at once, and APScheduler may see that before
the daemon does and re-arm some of them. The daemon looks at both clocks on each tick of
its keepalive loop; a step is the wall clock moving more than the monotonic clock did,
and the daemon then schedules its jobs again as it does when it starts (see
``Daemon._clock_stepped``).
"""

from __future__ import annotations

from dataclasses import dataclass

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
