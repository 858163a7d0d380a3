"""Notify, the fifth stage: digests of what changed, delivered exactly once.

* ``digest``: pure. Composes the versioned digest document (``tracker.digest/1``) and
  renders it as text and HTML.
* ``outbox``: composes each channel's digest once and delivers it exactly once through
  failures and restarts; every step is an event.
* ``mail``: the digest as a multipart email over SMTP.
* ``webhook``: the digest as a signed JSON POST.
* ``settings``: when digests go out and to which channels.

Each sender takes a digest document and either returns a short detail of success or
raises :class:`DeliveryError`, whose ``permanent`` flag says whether retrying could help.

May import: eventlog, the earlier stages (ingest, analysis, poll) and the shared
top-level modules; never daemon, views or the entry points (``cli``, ``demo``).
``tests/test_layering.py`` checks.
"""

from __future__ import annotations

from tracker.errors import TrackerError


class DeliveryError(TrackerError):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent
