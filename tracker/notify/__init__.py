"""Delivering digests: email and signed webhooks.

Each sender takes a digest document and either returns a short detail of success or
raises :class:`DeliveryError`, whose ``permanent`` flag says whether retrying could help.
"""

from __future__ import annotations

from tracker.errors import TrackerError


class DeliveryError(TrackerError):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent
