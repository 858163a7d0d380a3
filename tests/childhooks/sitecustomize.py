"""Test-only hooks for a tracker child process (never imported by the library).

A test puts this directory on the child's PYTHONPATH; Python imports ``sitecustomize``
at start-up, before any tracker module, and these hooks act only when their environment
variable is set:

``TRACKER_TEST_KILL_AT_COMMIT=N`` with ``TRACKER_TEST_KILL_WHEN=before|after``
    SIGKILL the process when the Nth COMMIT (counted over every SQLite connection of
    the process) starts (``before``: the transaction is lost) or once it has returned
    (``after``: it is committed, but whatever the process held in memory is lost).
``TRACKER_TEST_KILL_WHERE=text``
    Count only the commits whose stack (see below) contains ``text``: the daemon's
    commits come in an order set by time, a step of it is found by name.
``TRACKER_TEST_KILL_AT_REPLACE=N`` (same ``TRACKER_TEST_KILL_WHEN``)
    The same at the Nth ``os.replace`` (how ``feeds import`` commits the config file).
``TRACKER_TEST_COMMIT_LOG=path``
    Append one line per COMMIT or replace: ``pid kind ordinal where``, ``where`` being
    the tracker functions on the stack, so a test can pick the commits of one step.
``TRACKER_TEST_CLOCK_FILE=path``
    Offset the wall clock (``time.time``, ``time.time_ns``, ``datetime.now``,
    ``datetime.utcnow``) by the seconds written in that file, read again at most every
    0.2 s of monotonic time: a clock step without touching the system clock. Monotonic
    time is left alone, as a real step leaves it.
"""

from __future__ import annotations

import datetime as _datetime
import os
import signal
import sqlite3
import sys
import threading
import time
from typing import Any

_WHEN = os.environ.get("TRACKER_TEST_KILL_WHEN", "before")
_WHERE = os.environ.get("TRACKER_TEST_KILL_WHERE", "")
_LOG = os.environ.get("TRACKER_TEST_COMMIT_LOG")
_counts = {"commit": 0, "replace": 0}
_aimed = {"commit": 0, "replace": 0}
_lock = threading.Lock()


def _target(kind: str) -> int:
    name = "TRACKER_TEST_KILL_AT_COMMIT" if kind == "commit" else "TRACKER_TEST_KILL_AT_REPLACE"
    return int(os.environ.get(name, "0"))


def _where() -> str:
    frame: Any = sys._getframe(3)
    names = []
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("tracker."):
            names.append(f"{module.removeprefix('tracker.')}.{frame.f_code.co_qualname}")
        frame = frame.f_back
    return ">".join(reversed(names[:12])) or "-"


def _count(kind: str) -> bool:
    """Count a commit; True when it is the one to kill at."""
    where = _where() if (_LOG or _WHERE) else ""
    with _lock:
        _counts[kind] += 1
        ordinal = _counts[kind]
        if _WHERE in where:
            _aimed[kind] += 1
        aimed = _WHERE in where and _aimed[kind] == _target(kind)
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {kind} {ordinal} {where}\n")
    return aimed


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _kill_once_committed(conn: sqlite3.Connection) -> None:
    # The COMMIT is running on the caller's thread; kill as soon as it has returned
    # (the connection is back in autocommit), whether it succeeded or not.
    def watch() -> None:
        while True:
            try:
                if not conn.in_transaction:
                    _die()
            except sqlite3.ProgrammingError:
                _die()
            time.sleep(0.0005)
    threading.Thread(target=watch, daemon=True).start()


def _tracer(conn: sqlite3.Connection) -> Any:
    def saw(statement: str) -> None:
        if not statement.lstrip()[:6].upper() == "COMMIT":
            return
        if _count("commit"):
            if _WHEN == "before":
                _die()
            _kill_once_committed(conn)
    return saw


_connect = sqlite3.connect


def _connect_traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    conn = _connect(*args, **kwargs)
    conn.set_trace_callback(_tracer(conn))
    return conn


_replace = os.replace


def _replace_counted(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
    kill = _count("replace")
    if kill and _WHEN == "before":
        _die()
    _replace(src, dst, *args, **kwargs)
    if kill:
        _die()


if _target("commit") or _target("replace") or _LOG:
    sqlite3.connect = _connect_traced
    os.replace = _replace_counted


# -- a wall clock that can step -------------------------------------------------------

_CLOCK = os.environ.get("TRACKER_TEST_CLOCK_FILE")
_offset = [0.0, -1.0]  # seconds, monotonic time of the last read


def _current_offset() -> float:
    now = time.monotonic()
    if now - _offset[1] >= 0.2:
        _offset[1] = now
        try:
            with open(_CLOCK or "", encoding="utf-8") as handle:
                _offset[0] = float(handle.read().strip() or 0)
        except (OSError, ValueError):
            pass
    return _offset[0]


if _CLOCK:
    _time, _time_ns = time.time, time.time_ns
    time.time = lambda: _time() + _current_offset()
    time.time_ns = lambda: _time_ns() + int(_current_offset() * 1e9)

    class _SteppedDatetime(_datetime.datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return super().now(tz) + _datetime.timedelta(seconds=_current_offset())

        @classmethod
        def utcnow(cls) -> Any:
            return super().utcnow() + _datetime.timedelta(seconds=_current_offset())

    _datetime.datetime = _SteppedDatetime  # type: ignore[misc]
