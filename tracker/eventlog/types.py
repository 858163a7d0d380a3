"""The values the event log hands out: stored events and the rows its readers return.

Plain frozen dataclasses, no I/O, so a pure stage can take them without importing the
store (sqlite3).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from tracker.events import Event


@dataclass(frozen=True)
class StoredEvent:
    position: int
    stream: str
    version: int
    recorded_at: str
    event: Event

    @property
    def type(self) -> str:
        return self.event.TYPE


def utcnow() -> str:
    """Now, as the store writes its timestamps (ISO 8601, UTC, microseconds)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def stepped_back(recorded: str | None, now: datetime) -> bool:
    """Whether ``recorded`` (a store timestamp, of when something happened) lies after
    ``now``: only a wall clock stepped back since puts it there. How far back is unknown,
    so a wait measured from that moment counts as over: the tracker would otherwise wait
    for the wall clock to catch up (an hour, for an hour's step) before polling a feed
    or sending a digest again."""
    return recorded is not None and datetime.fromisoformat(recorded) > now


@dataclass(frozen=True)
class FeedState:
    """What the projection knows about a feed before a poll (a ``feed_state`` row)."""

    feed_id: str
    current_url: str
    status: str
    etag: str | None
    last_modified: str | None
    failures: int


@dataclass(frozen=True)
class FeedCheck:
    """A feed's last check as the scheduler paces by it (a ``feed_checks`` row)."""

    feed_id: str
    next_check: str | None
    body_sha256: str | None
    ttl: float | None
    last_checked: str | None = None


@dataclass(frozen=True)
class CheckRecord:
    """One check of one feed, to write to ``feed_checks`` with the poll's events."""

    feed_id: str
    outcome: str
    ok: bool
    """The fetch gave a usable answer (``last_ok`` moves)."""
    wait: float
    """Seconds until the next check."""
    body_sha256: str | None
    """The hash of a body that parsed; None keeps the one recorded."""
    ttl: float | None
    """The feed's own polling hint from a body that parsed; None keeps the one recorded."""


@dataclass(frozen=True)
class KnownArticle:
    """An article already recorded, as a poll compares a fetched item with it."""

    article_id: str
    content_hash: str
    relevant: bool
    score: float | None
    feeds: frozenset[str]


@dataclass(frozen=True)
class RecordedArticle:
    """An article with its latest decisions, as a re-judging pass reads it."""

    article_id: str
    title: str
    summary: str
    content: str | None
    published: str | None
    relevant: bool
    score: float | None
    judged_by: str | None
    analysis: str | None
    """The outcome of its latest analysis; None if it never was analysed."""
    url: str | None = None
    feed: str | None = None
    """The feed it was first recorded from."""
    first_seen: str = ""
    """When it was recorded: the articles one poll recorded share it."""


@dataclass
class CommitRecord:
    """How this connection's writes went: the last COMMIT that succeeded, the last write
    the store refused (at its COMMIT or before: a full disk refuses the insert itself).
    ``tracker status`` reports it through the daemon's heartbeat (a failed commit is
    otherwise one log line among many)."""

    last_ok: str | None = None
    last_failed: str | None = None
    failures: int = 0
    last_error: str | None = None
    ok_order: float = -1.0
    failed_order: float = -1.0
    """When each happened by the monotonic clock: what came first is told by these, not
    by the wall times, which a clock stepped back would put out of order."""

    def caught_up(self) -> bool:
        """No commit failed, or one succeeded since the last that did."""
        return self.last_failed is None or self.ok_order > self.failed_order

    def succeeded(self) -> None:
        self.last_ok, self.ok_order = utcnow(), time.monotonic()

    def failed(self, exc: BaseException) -> None:
        self.last_failed, self.failed_order = utcnow(), time.monotonic()
        self.failures += 1
        self.last_error = str(exc)[:300]

    def merged(self, other: CommitRecord) -> CommitRecord:
        """The record of two connections' commits as one (the daemon's polls and its
        digest jobs write through connections of their own, in the same process)."""
        ok = self if self.ok_order >= other.ok_order else other
        failed = self if self.failed_order >= other.failed_order else other
        return CommitRecord(ok.last_ok, failed.last_failed, self.failures + other.failures,
                            failed.last_error, ok.ok_order, failed.failed_order)
