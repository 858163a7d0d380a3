"""Apprise URLs: whether Apprise can use one, and Apprise's log kept to ourselves.

Apart from :mod:`tracker.notify.apprise_channel` so that the settings can check a URL at
start without importing the sender (which imports the settings).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import apprise

APP_ID = "tracker"


def asset() -> apprise.AppriseAsset:
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
    with apprise_log():  # Apprise's own complaint quotes the whole URL
        service = apprise.Apprise.instantiate(url, asset=asset())
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
def apprise_log() -> Iterator[list[str]]:
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
