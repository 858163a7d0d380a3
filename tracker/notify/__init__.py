"""Notify, the fifth stage: digests of what changed, delivered exactly once.

* ``digest``: pure. Composes the versioned digest document (``tracker.digest/1``) and
  renders it as text and HTML.
* ``outbox``: composes each channel's digest once and delivers it exactly once through
  failures and restarts; every step is an event.
* ``mail``: the digest as a multipart email over SMTP.
* ``webhook``: the digest as a signed JSON POST.
* ``apprise_channel``: the digest as one notification to any service Apprise knows
  (Slack, Telegram, Matrix, ntfy, ...); ``tracker.config.apprise_urls`` checks its URL.
* ``merge_notices``: pure. The digest's "Merged" section: updates announced before that
  turned out to be one development with another.
* ``wording``: counts in words ("1 outlet", "2 outlets").

When digests go out and to which channels is configured in ``tracker.config.notify``.

Each sender takes a digest document and either returns a short detail of success or
raises :class:`DeliveryError`, whose ``permanent`` flag says whether retrying could help.

May import: eventlog, the earlier stages (ingest, analysis, poll) and the shared
top-level modules; never daemon, views or the entry points (``cli``, ``demo``).
``tests/test_layering.py`` checks.
"""

from __future__ import annotations

# The senders' error lives in the error tree (tracker.errors), named here too.
from tracker.errors import DeliveryError as DeliveryError
