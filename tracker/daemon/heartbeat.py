"""The daemon's heartbeat: a small JSON state file next to the event store.

The daemon rewrites it every few seconds and once more when it stops, so ``tracker
status`` can tell a running daemon from one that stopped cleanly or died. It is a file
rather than a table so that a heartbeat never waits for the store's write lock, and it
is replaced atomically (write, then rename), so a reader never sees half of one.

Beside it, the daemon's lock (:func:`only_daemon`): one daemon per store.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from tracker.errors import TrackerError
from tracker.eventlog.types import CommitRecord

logger = logging.getLogger(__name__)

EVERY = 10.0
"""Seconds between two heartbeats of a running daemon."""
STALE_AFTER = 3 * EVERY
"""A heartbeat older than this means the daemon is no longer running."""


@dataclass(frozen=True)
class Heartbeat:
    pid: int
    host: str
    version: str
    started_at: str
    beat_at: str
    feeds: int
    last_poll: str | None = None
    job_errors: int = 0
    status: str = ""
    stopped_at: str | None = None
    last_commit_at: str | None = None
    """When the daemon's last commit to the store succeeded."""
    commit_failed_at: str | None = None
    """When its last commit failed (None: none failed since it started)."""
    commit_failures: int = 0
    commit_error: str | None = None
    feeds_behind: int = 0
    """Feeds whose last poll a failed commit lost, not polled and stored since."""
    commits_caught_up: bool | None = None
    """A commit succeeded after the last that failed, told by the daemon's monotonic
    clock (None in heartbeats written before it was kept: compare the times)."""

    def beat(self, *, feeds: int, last_poll: str | None, job_errors: int,
             status: str, commits: CommitRecord | None = None,
             feeds_behind: int = 0) -> Heartbeat:
        commits = commits or CommitRecord()
        return replace(self, beat_at=_now(), feeds=feeds, last_poll=last_poll,
                       job_errors=job_errors, status=status,
                       last_commit_at=commits.last_ok, commit_failed_at=commits.last_failed,
                       commit_failures=commits.failures, commit_error=commits.last_error,
                       feeds_behind=feeds_behind, commits_caught_up=commits.caught_up())

    @property
    def caught_up(self) -> bool:
        """No commit failed, or one succeeded since and every poll lost was done again."""
        if self.commit_failed_at is None:
            return True
        committed = self.commits_caught_up if self.commits_caught_up is not None else (
            (self.last_commit_at or "") > self.commit_failed_at)
        return committed and self.feeds_behind == 0

    def stopped(self) -> Heartbeat:
        now = _now()
        return replace(self, beat_at=now, stopped_at=now)


@dataclass(frozen=True)
class DaemonState:
    """What a heartbeat file says about the daemon, judged at one moment."""

    state: str
    """running, stopped (cleanly), dead (stale heartbeat, no clean stop) or never."""
    heartbeat: Heartbeat | None
    age: float | None
    """Seconds since the last heartbeat."""

    @property
    def running(self) -> bool:
        return self.state == "running"


def path_for(store_path: str | Path) -> Path | None:
    """Where the daemon of the store at ``store_path`` keeps its heartbeat."""
    if str(store_path) == ":memory:":
        return None
    return Path(f"{store_path}.daemon.json")


def start(pid: int, feeds: int, version: str) -> Heartbeat:
    now = _now()
    return Heartbeat(pid=pid, host=socket.gethostname(), version=version, started_at=now,
                     beat_at=now, feeds=feeds)


def write(path: Path, heartbeat: Heartbeat) -> bool:
    """Replace the file at ``path`` with ``heartbeat``; False (logged) when that failed."""
    data = json.dumps(asdict(heartbeat), indent=1).encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        logger.warning("heartbeat status=unwritten path=%s error=%r", path, str(exc))
        return False
    return True


def read(path: Path | None) -> Heartbeat | None:
    if path is None:
        return None
    try:
        data = json.loads(path.read_bytes())
        return Heartbeat(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        logger.warning("heartbeat status=unreadable path=%s error=%r", path, str(exc))
        return None


def assess(heartbeat: Heartbeat | None, now: datetime | None = None) -> DaemonState:
    """Judge a heartbeat: fresh and its process alive means running."""
    if heartbeat is None:
        return DaemonState("never", None, None)
    now = now or datetime.now(UTC)
    age = (now - datetime.fromisoformat(heartbeat.beat_at)).total_seconds()
    if heartbeat.stopped_at is not None:
        return DaemonState("stopped", heartbeat, age)
    if age <= STALE_AFTER and _alive(heartbeat):
        return DaemonState("running", heartbeat, age)
    return DaemonState("dead", heartbeat, age)


def _alive(heartbeat: Heartbeat) -> bool:
    if heartbeat.host != socket.gethostname():
        return True  # another machine's process: only the heartbeat's age can tell
    try:
        os.kill(heartbeat.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user (the service's dynamic user)
    return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def only_daemon(store_path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the store's daemon lock, a file beside it: the kernel lets it go with the
    process however it ends, so a crashed daemon never blocks the next one."""
    if str(store_path) == ":memory:":
        yield
        return
    lock_path = f"{store_path}.daemon.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise TrackerError(f"cannot take the daemon lock {lock_path}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise TrackerError(f"another tracker daemon is running on this store "
                               f"(it holds {lock_path})") from None
        yield
    finally:
        os.close(fd)


def status_line(states: Sequence[str], last_poll: datetime | None, job_errors: int) -> str:
    """The daemon's one short line (systemd's STATUS=, the heartbeat): its feeds by state
    (``ok``, ``failing``, ``retired``, ``new``), its last poll, its job errors."""
    counts = {"ok": 0, "failing": 0, "retired": 0, "new": 0}
    for state in states:
        counts[state if state in counts else "new"] += 1
    line = f"feeds ok={counts['ok']} failing={counts['failing']}"
    line += "".join(f" {k}={counts[k]}" for k in ("retired", "new") if counts[k])
    line += f"; last poll {last_poll:%H:%M:%S}Z" if last_poll else "; no poll yet"
    if job_errors:
        line += f"; job errors {job_errors}"
    return line
