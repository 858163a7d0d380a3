"""Logging set-up: one line per outcome, key=value fields, journald-friendly.

Under systemd (``JOURNAL_STREAM`` or ``INVOCATION_ID`` set) lines carry no timestamp of
their own, since the journal adds one; elsewhere they start with an ISO time. When stderr
is the journal's own stream, each line starts with its syslog priority (``<3>`` for an
error, sd-daemon(3)), which journald strips and keeps, so ``journalctl -p warning`` works.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from typing import TextIO


def under_systemd() -> bool:
    return bool(os.environ.get("JOURNAL_STREAM") or os.environ.get("INVOCATION_ID"))


def to_journal(stream: TextIO) -> bool:
    """Whether ``stream`` is the journal's stream connection (``$JOURNAL_STREAM``)."""
    expected = os.environ.get("JOURNAL_STREAM")
    if not expected:
        return False
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
    return expected == f"{info.st_dev}:{info.st_ino}"


class JournalFormatter(logging.Formatter):
    """Prefixes each line with its syslog priority, for journald to take off and keep."""

    def format(self, record: logging.LogRecord) -> str:
        priority = _priority(record.levelno)
        # journald reads the prefix per line; a traceback's lines keep the record's level.
        return "\n".join(f"<{priority}>{line}"
                         for line in super().format(record).splitlines() or [""])


def _priority(levelno: int) -> int:
    for floor, priority in ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4),
                            (logging.INFO, 6)):
        if levelno >= floor:
            return priority
    return 7


def setup(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if to_journal(sys.stderr):
        handler.setFormatter(JournalFormatter("%(levelname)s %(name)s %(message)s"))
    elif under_systemd():
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
    for noisy in ("httpx", "httpcore", "apscheduler.scheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # The daemon logs a job's failure or missed run itself, as one line with its counters.
    logging.getLogger("apscheduler.executors").setLevel(logging.CRITICAL)
