"""Digest through Apprise: one notification to Slack, Telegram, Matrix, ntfy, Discord or
any other service Apprise knows, named by an Apprise URL.

The notification's title is the digest's subject and its body the digest as plain text
(rendered from the frozen digest document, so a retry sends the same words). Apprise
answers only True or False and says why in its log; the reason is read back from that
log so that a failure is recorded with it, and an HTTP status that will not change on
a retry (a 4xx other than 408, 409, 425, 429) makes the failure permanent. Everything
else (refused connections, timeouts, 5xx, reasons Apprise does not spell out) is
retried by the outbox.
"""

from __future__ import annotations

import re
from typing import Any

import apprise

from tracker.config.apprise_urls import apprise_log, asset, scheme_of
from tracker.config.notify import AppriseSettings
from tracker.notify import DeliveryError
from tracker.notify.digest import render_text

RETRYABLE_4XX = frozenset({408, 409, 425, 429})
_STATUS = re.compile(r"\berror=(\d{3})\b|\b(?:HTTP|status)[ :=]+(\d{3})\b", re.IGNORECASE)


def failure_from(messages: list[str]) -> DeliveryError:
    """The delivery error that Apprise's log lines describe."""
    reason = messages[-1] if messages else "Apprise reported a failure without a reason"
    statuses = [int(a or b) for m in messages for a, b in _STATUS.findall(m)]
    permanent = any(400 <= s < 500 and s not in RETRYABLE_4XX for s in statuses)
    return DeliveryError(f"apprise: {reason}"[:300], permanent=permanent)


def send(payload: dict[str, Any], settings: AppriseSettings) -> str:
    url = settings.service_url()
    if url is None:
        # The variable may be set before the next attempt (a restart with a fixed unit).
        raise DeliveryError(f"environment variable {settings.url_env} is not set",
                            permanent=False)
    with apprise_log():
        plugin = apprise.Apprise.instantiate(url, asset=asset())
    if plugin is None:
        raise DeliveryError(f"Apprise cannot use the {scheme_of(url)}:// URL of "
                            f"{settings.url_key()}", permanent=True)
    if "overflow=" not in url:
        # A digest longer than the service takes (Telegram: 4096 characters) goes out
        # in several messages rather than being refused, which would look permanent.
        plugin.overflow_mode = apprise.OverflowMode.SPLIT
    service = apprise.Apprise(asset=asset())
    service.add(plugin)
    with apprise_log() as messages:
        ok = service.notify(body=render_text(payload), title=payload["subject"],
                            body_format=apprise.NotifyFormat.TEXT)
    if not ok:
        raise failure_from(messages)
    return f"sent via {scheme_of(url)}://"
