"""The exceptions tracker raises.

::

    TrackerError
    ├── ConfigError           bad or unreadable configuration (names the key)
    ├── StoreError            the event store refused or failed a write
    │   └── ConcurrencyError  another writer appended to the same stream first
    └── FeedError             one feed could not be fetched or parsed; recorded, never fatal
        ├── FetchError        transport, HTTP status, size cap, redirect trouble
        └── ParseError        the body is not a readable feed

Callers catch at the level they care about: the daemon catches FeedError per feed
and carries on; the CLI turns any TrackerError into a one-line message.
"""

from __future__ import annotations


class TrackerError(Exception):
    """Root of every error tracker raises on purpose."""


class ConfigError(TrackerError):
    """The configuration is invalid. The message starts with the offending key."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(f"{key}: {message}" if key else message)


class StoreError(TrackerError):
    """The event store could not complete a write."""


class ConcurrencyError(StoreError):
    """A (stream, version) pair was taken by another writer."""


class FeedError(TrackerError):
    """A problem with one feed. ``reason`` is a short stable token for logs and state."""

    reason = "feed-error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        if reason is not None:
            self.reason = reason
        super().__init__(message)


class FetchError(FeedError):
    reason = "fetch-error"


class ParseError(FeedError):
    reason = "not-a-feed"
