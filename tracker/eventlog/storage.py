"""When the store cannot be written: tell the environment's fault from a bug, and name it.

SQLite says "unable to open database file" for a read-only directory and "disk I/O
error" when a full disk stops it growing its shared-memory file; neither names the
problem. :func:`explain` asks the file system what is wrong, so that a full disk, a
read-only file system or missing permissions read as such in the one line an operator
sees.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tracker.errors import StoreError

LOW_SPACE = 1024 * 1024
"""Free bytes below which a failing store is said to be short of space."""


# SQLite's primary result codes for a store the environment refuses; a bad statement
# (SQLITE_ERROR, also an OperationalError) is a bug and keeps its traceback.
FAULTS = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR,
                    sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_BUSY})


def is_fault(exc: BaseException) -> bool:
    """Whether ``exc`` is a store the environment will not let us use right now (full,
    read-only, an I/O error, locked for too long): nobody's bug, and not a feed's fault;
    a later attempt can succeed once the cause is gone."""
    if isinstance(exc, StoreError):
        exc = exc.__cause__ if exc.__cause__ is not None else exc
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.OperationalError) and code is not None and (
        code & 0xFF) in FAULTS


def explain(path: str | Path, exc: BaseException) -> str:
    """``exc``'s message, with what the file system says about the store at ``path``."""
    message = str(exc)
    if str(path) == ":memory:":
        return message
    reason = _file_system_says(Path(path))
    return f"{message} ({reason})" if reason and reason not in message else message


def _file_system_says(path: Path) -> str | None:
    directory = path.parent
    try:
        stat = os.statvfs(directory)
    except OSError as exc:
        return f"{directory}: {exc.strerror}"
    if stat.f_flag & os.ST_RDONLY:
        return f"read-only file system at {directory}"
    # Asked without opening the store: closing any descriptor of the file drops every
    # POSIX lock this process holds on it, the daemon's SQLite locks with them; another
    # process (``tracker status``) then took itself for the last user, checkpointed and
    # reset the WAL under the daemon, which read "file is not a database" ever after.
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return f"{path}: not readable and writable by this user"
    if not os.access(directory, os.W_OK | os.X_OK):
        # SQLite creates its -wal and -shm files next to the store.
        return f"{directory}: directory not writable"
    free = stat.f_bavail * stat.f_frsize
    if free < LOW_SPACE:
        return f"no space left on the device of {directory}: {free // 1024} KiB free"
    return None
