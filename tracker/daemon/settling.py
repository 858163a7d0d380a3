"""When the daemon analyses what its polls recorded: once they have settled.

The daemon polls each feed on its own schedule, and each poll records its articles as
it comes. Analysing them poll by poll would let the order of the polls decide which
report opens an update (see :mod:`tracker.poll.backlog`): at start-up, or whenever
many feeds fall due together, an undated report polled first would open the update
that a dated one, polled a few seconds later, should have. So the polls leave their
analyses waiting, and the daemon makes them together, in the order their events
happened, once no poll has brought anything for :data:`QUIET_SECONDS`, and at the
latest :data:`LONGEST_WAIT_SECONDS` after the first one waited: news waits seconds,
never a digest's worth.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from tracker.errors import StoreError
from tracker.eventlog import storage

logger = logging.getLogger(__name__)

QUIET_SECONDS = 5.0
"""No poll brought articles for this long: the polls due together have all come."""
LONGEST_WAIT_SECONDS = 60.0
"""Analyses wait no longer than this, however busy the polls."""


class Analyst(Protocol):
    @property
    def waiting(self) -> int: ...

    def analyse_waiting(self) -> None: ...


class Settling:
    """Keeps when polls last brought articles to analyse, and says when to analyse."""

    def __init__(self, analyst: Callable[[], Analyst]) -> None:
        self.analyst = analyst
        """The daemon's tracker of the moment (a reload replaces it)."""
        self._first: float | None = None
        self._last: float | None = None
        self._waiting = 0

    def polled(self, now: float) -> None:
        """A poll finished: note it if it left more articles waiting (a poll of an
        unchanged feed does not keep the others waiting)."""
        waiting = self.analyst().waiting
        if waiting > self._waiting:
            self._first = now if self._first is None else self._first
            self._last = now
        self._waiting = waiting

    def due(self, now: float) -> bool:
        if self._first is None or self._last is None:
            return False
        return now - self._last >= QUIET_SECONDS or now - self._first >= LONGEST_WAIT_SECONDS

    def analyse(self) -> None:
        """Analyse what waits (and what a stopped process left), whatever the time. A
        failure is logged and the daemon goes on: what was recorded and not analysed is
        found in the store the next time."""
        self._first = self._last = None
        self._waiting = 0
        try:
            self.analyst().analyse_waiting()
        except Exception as exc:
            if isinstance(exc, StoreError) or storage.is_fault(exc):
                logger.error("analysis status=failed reason=store message=%r",
                             str(exc)[:500])
            else:
                logger.exception("analysis status=crash")
