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

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import apprise

from tracker.notify import DeliveryError
from tracker.notify.digest import render_text
from tracker.notify.settings import AppriseSettings

APP_ID = "tracker"
RETRYABLE_4XX = frozenset({408, 409, 425, 429})
_STATUS = re.compile(r"\berror=(\d{3})\b|\b(?:HTTP|status)[ :=]+(\d{3})\b", re.IGNORECASE)


def _asset() -> apprise.AppriseAsset:
    # Sequential sending in the caller's thread (the outbox already runs off the event
    # loop) and no persistent store on disk: the event store is the only state.
    return apprise.AppriseAsset(app_id=APP_ID, async_mode=False, storage_mode="memory")


def scheme_of(url: str) -> str:
    return url.split("://", 1)[0].lower() if "://" in url else ""


def url_problem(url: str) -> str | None:
    """Why Apprise cannot use ``url``, or None. Never repeats the URL (it may hold a
    token), only its scheme."""
    scheme = scheme_of(url)
    if not scheme:
        return "is not an Apprise URL: expected service://..., such as ntfy://topic"
    with _apprise_log():  # Apprise's own complaint quotes the whole URL
        service = apprise.Apprise.instantiate(url, asset=_asset())
    if service is None:
        return (f"Apprise cannot use this {scheme}:// URL: the service is unknown or the "
                "URL lacks a part it needs (see the Apprise wiki for the service)")
    return None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _apprise_log() -> Iterator[list[str]]:
    """Apprise's warnings and errors while the block runs, kept from the process's log:
    some quote the service URL, token included, and the outcome is logged by the
    outbox in one line anyway."""
    handler = _Collect()
    logger = logging.getLogger("apprise")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.propagate = propagate
        logger.removeHandler(handler)


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
    with _apprise_log():
        plugin = apprise.Apprise.instantiate(url, asset=_asset())
    if plugin is None:
        raise DeliveryError(f"Apprise cannot use the {scheme_of(url)}:// URL of "
                            f"{settings.url_key()}", permanent=True)
    if "overflow=" not in url:
        # A digest longer than the service takes (Telegram: 4096 characters) goes out
        # in several messages rather than being refused, which would look permanent.
        plugin.overflow_mode = apprise.OverflowMode.SPLIT
    service = apprise.Apprise(asset=_asset())
    service.add(plugin)
    with _apprise_log() as messages:
        ok = service.notify(body=render_text(payload), title=payload["subject"],
                            body_format=apprise.NotifyFormat.TEXT)
    if not ok:
        raise failure_from(messages)
    return f"sent via {scheme_of(url)}://"
