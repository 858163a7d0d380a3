"""The exceptions tracker raises, where each is raised and where it is caught.

::

    TrackerError            the daemon's lock is taken; a reload without a config file
    │                       or that would change store.path (tracker.daemon)
    ├── ConfigError         bad or unreadable configuration, naming the key (tracker.config,
    │                       tracker.validate, tracker.config.notify)
    ├── StoreError          the event store cannot be opened, or refused or failed a write
    │   │                   (tracker.eventlog.store); `tracker poll` when feeds went
    │   │                   unrecorded (tracker.cli)
    │   └── ConcurrencyError  another writer appended to the same stream first
    │                       (tracker.eventlog.store)
    ├── FeedError           one feed could not be fetched or parsed; recorded, never fatal
    │   ├── FetchError      transport, HTTP status, size cap, redirect or file trouble
    │   │                   (tracker.ingest.fetch)
    │   └── ParseError      the body is not a readable feed (tracker.ingest.parse,
    │                       prescan, parsepool)
    ├── DeliveryError       a digest could not be sent; ``permanent`` says whether retrying
    │                       could help (tracker.notify.mail, tracker.notify.webhook)
    └── OPMLError           the file is not a usable OPML document (tracker.opml)

Who catches what:

- FeedError never leaves its feed's poll. The fetcher turns a FetchError into a
  FetchResult with outcome ``error`` (tracker.ingest.fetch.Fetcher.fetch); the poll turns
  a ParseError into a failure (tracker.poll.service.Tracker). Both are then
  recorded as the feed's FeedFetchFailed event, and the cycle goes on with other feeds.
- ConcurrencyError: a poll reloads the feed's state and decides once more
  (tracker.poll.service); the outbox leaves the digest to the writer that was first
  (tracker.notify.outbox).
- StoreError: a polling cycle's failed group commit is logged and its feeds stay due
  (tracker.poll.service); ``tracker status`` opens a store it cannot write read-only
  (tracker.views.health).
- DeliveryError: the outbox records a DeliveryFailed event and retries later, or gives
  up when it is permanent (tracker.notify.outbox).
- A reload refused with a TrackerError keeps the running configuration
  (tracker.daemon.scheduler).
- The CLI turns any TrackerError that reaches it into a one-line message and a non-zero
  exit status (tracker.cli.main).
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

    @property
    def message(self) -> str:
        return str(self)


class FetchError(FeedError):
    """A fetch failed. ``status`` is the HTTP status when there was one; ``retry_after``
    the seconds the server asked us to wait."""

    reason = "fetch-error"

    def __init__(self, message: str, *, reason: str | None = None, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message, reason=reason)
        self.status = status
        self.retry_after = retry_after


class ParseError(FeedError):
    reason = "not-a-feed"


class DeliveryError(TrackerError):
    """A digest could not be delivered; ``permanent`` when retrying cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class OPMLError(TrackerError):
    """The file is not a usable OPML document."""
