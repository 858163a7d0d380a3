"""Logging set-up: one line per outcome, key=value fields, journald-friendly.

Under systemd (``JOURNAL_STREAM`` or ``INVOCATION_ID`` set) lines carry no timestamp of
their own, since the journal adds one; elsewhere they start with an ISO time.
"""

from __future__ import annotations

import logging
import os
import sys


def under_systemd() -> bool:
    return bool(os.environ.get("JOURNAL_STREAM") or os.environ.get("INVOCATION_ID"))


def setup(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if under_systemd():
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S%z"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    # Libraries log every request at INFO; our own poll line already says what happened.
    for noisy in ("httpx", "httpcore", "apscheduler.executors", "apscheduler.scheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
