"""The digest outbox's events: a digest composed for a channel, and each delivery
attempt's start and outcome (see :mod:`tracker.notify.outbox`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.events.base import Event, register

# -- digests: an outbox in the event store --------------------------------------------


def digest_stream(digest_id: str) -> str:
    return f"digest:{digest_id}"


@dataclass(frozen=True)
class DigestEvent(Event):
    digest_id: str
    channel: str

    def stream(self) -> str:
        return digest_stream(self.digest_id)


@register
@dataclass(frozen=True)
class DigestComposed(DigestEvent):
    """A digest for one channel, with the content every attempt will send unchanged."""

    TYPE = "DigestComposed"
    VERSION = 2
    update_ids: list[str]
    contradictions: list[str]
    """``article_id:fact_id`` of each contradiction it reports."""
    payload: dict[str, Any]
    """The digest as the versioned JSON document webhooks receive; mail renders from it."""
    merges: list[str] = field(default_factory=list)
    """``update_id:into`` of each merge it tells of: an update announced to the channel
    before that turned out to be one development with another (version 2)."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "merges": []}


@register
@dataclass(frozen=True)
class DeliveryStarted(DigestEvent):
    """An attempt to deliver began; appended at the digest's expected stream version, so
    two processes can never send the same attempt. ``sender`` identifies the process
    making the attempt (see :func:`tracker.notify.outbox.this_process`), so that an attempt
    whose process died is retried without waiting out its lease; None where the
    process cannot be identified."""

    TYPE = "DeliveryStarted"
    VERSION = 2
    attempt: int
    sender: dict[str, Any] | None = None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "sender": None}


@register
@dataclass(frozen=True)
class DeliverySucceeded(DigestEvent):
    TYPE = "DeliverySucceeded"
    attempt: int
    detail: str


@register
@dataclass(frozen=True)
class DeliveryFailed(DigestEvent):
    """An attempt failed. ``permanent`` failures are not retried; others are, at
    ``retry_at``."""

    TYPE = "DeliveryFailed"
    attempt: int
    error: str
    permanent: bool
    retry_at: str | None
