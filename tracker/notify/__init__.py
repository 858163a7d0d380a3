"""Delivering digests: email and signed webhooks.

Each sender takes a digest document and either returns a short detail of success or
raises :class:`DeliveryError`, whose ``permanent`` flag says whether retrying could help.
"""

from __future__ import annotations

# The senders' error lives in the error tree (tracker.errors), named here too.
from tracker.errors import DeliveryError as DeliveryError
