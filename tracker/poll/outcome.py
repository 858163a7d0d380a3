"""What one poll of one feed did, and the one log line that says so."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tracker.poll.types import PollResult

# The poll lines keep the logger name they have always had: operators filter on it.
logger = logging.getLogger("tracker.poll.service")


@dataclass(frozen=True)
class FeedOutcome:
    """What one poll of one feed did: the figures of its log line."""

    feed_id: str
    name: str
    outcome: str
    """ok, not-modified, unchanged, error, retired or skipped."""
    http_status: int | None = None
    items: int = 0
    new: int = 0
    relevant: int = 0
    revised: int = 0
    events: int = 0
    reason: str | None = None
    message: str | None = None
    next_check: float | None = None
    elapsed: float = 0.0
    pages: int = 0
    """Article pages fetched for their full text (``fetch.full_text``)."""
    pages_failed: int = 0
    """Of those, the ones whose text could not be had."""

    @classmethod
    def of(cls, poll: PollResult) -> FeedOutcome:
        """The line of a decided and stored poll."""
        failure = poll.failure
        return cls(
            feed_id=poll.feed.id, name=poll.feed.name, outcome=poll.outcome,
            http_status=poll.fetched.result.http_status, items=len(poll.fetched.items),
            new=poll.new, relevant=poll.relevant, revised=poll.revised,
            events=len(poll.events), reason=failure.reason if failure else None,
            message=failure.message if failure else None, next_check=poll.check.wait,
            elapsed=poll.fetched.result.elapsed, pages=len(poll.fetched.pages),
            pages_failed=sum(1 for page in poll.fetched.pages.values() if not page.ok))


def log_outcome(outcome: FeedOutcome) -> None:
    """The poll's one log line."""
    fields = (f"feed={outcome.feed_id} outcome={outcome.outcome} "
              f"status={outcome.http_status if outcome.http_status is not None else '-'} "
              f"items={outcome.items} new={outcome.new} relevant={outcome.relevant} "
              f"revised={outcome.revised} elapsed={outcome.elapsed:.3f}")
    if outcome.pages:
        fields += f" pages={outcome.pages} pages_failed={outcome.pages_failed}"
    if outcome.outcome in ("error", "retired"):
        logger.warning("poll %s reason=%s message=%r name=%r", fields, outcome.reason,
                       outcome.message, outcome.name)
    else:
        logger.info("poll %s next_check=%.0fs name=%r", fields, outcome.next_check or 0,
                    outcome.name)


def log_lost(outcome: FeedOutcome) -> None:
    """The line of a poll the store stored and then lost with its group's commit."""
    logger.warning("poll feed=%s outcome=lost reason=store new=%d events=%d message=%r"
                   " name=%r", outcome.feed_id, outcome.new, outcome.events,
                   "not committed; polled again next time", outcome.name)
