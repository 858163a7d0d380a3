"""The append-only event store: one SQLite file, one ``events`` table, no update or delete.

``events.position`` (the rowid) is the global order. ``UNIQUE(stream, version)``
catches two writers appending to one stream, and triggers make SQLite itself refuse
UPDATE and DELETE on the table. Projections are written by :mod:`tracker.eventlog.projections`
inside the same transaction as the events they come from, so the two never disagree.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from tracker.errors import ConcurrencyError, StoreError
from tracker.eventlog import migrations, projections, storage
from tracker.eventlog.projections.base import in_chunks as in_chunks
from tracker.eventlog.types import CommitRecord
from tracker.eventlog.types import StoredEvent as StoredEvent
from tracker.eventlog.types import utcnow as utcnow
from tracker.events import Event, decode

logger = logging.getLogger(__name__)


REBUILD_CACHE_KIB = 128 * 1024
"""Page cache a rebuild may use (allocated as needed; the default is 2 MiB)."""


@dataclass
class _Group:
    max_appends: int
    max_seconds: float
    begun: float = 0.0
    appends: int = 0

    def full(self) -> bool:
        return (self.appends >= self.max_appends
                or time.monotonic() - self.begun >= self.max_seconds)


def _read_only_connection(path: str | Path) -> sqlite3.Connection:
    """The store read only, no schema change; where SQLite cannot even share the store's
    lock (its shared-memory file cannot be created, as on a read-only file system), the
    file read as it lies, as nobody can write it then either."""
    location = Path(path).resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{location}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM events").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            conn = sqlite3.connect(f"{location}?immutable=1", uri=True,
                                   isolation_level=None, check_same_thread=False)
            conn.execute("SELECT count(*) FROM events").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read event store {path}: "
                         f"{storage.explain(path, exc)}") from exc
    return conn


class EventStore:
    """Append and read events; keeps the projections in step.

    :param path: the SQLite file, created with its directory when missing; ``":memory:"``
        gives a private in-memory store (tests).
    :param read_only: open an existing store to read only, for a report on a store this
        process may not write (see :func:`_read_only_connection`); writing through it
        fails.
    """

    def __init__(self, path: str | Path, *, busy_timeout: float = 30.0,
                 read_only: bool = False) -> None:
        self.path = path
        self._group: _Group | None = None
        self._committed: Callable[[bool], None] | None = None
        self.commits = CommitRecord()
        if read_only:
            self.db = sqlite_utils.Database(_read_only_connection(path))
            return
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._busy_timeout = busy_timeout
        self.db = self._connect()

    def _connect(self) -> sqlite_utils.Database:
        try:
            conn = sqlite3.connect(
                str(self.path), timeout=self._busy_timeout, isolation_level=None,
                check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            db = sqlite_utils.Database(conn)
            migrations.apply(db)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open event store {self.path}: "
                             f"{storage.explain(self.path, exc)}") from exc
        return db

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------

    def append(
        self, events: Sequence[Event], *, now: str | None = None,
        also: Callable[[sqlite3.Connection], None] | None = None,
        expected: Mapping[str, int] | None = None,
    ) -> list[StoredEvent]:
        """Append ``events`` in order, in one transaction, and project them.

        Each event goes to the end of its own stream. Either every event is stored and
        projected, or none is. ``also`` runs inside the same transaction, for
        operational rows that must not drift from the events (a feed's last check).
        ``expected`` maps streams to the version the caller last saw: if another writer
        appended to one of them since, nothing is written and :class:`ConcurrencyError`
        is raised (optimistic locking).
        """
        if not events and also is None:
            return []
        recorded_at = now or utcnow()
        undo = self._begin()
        try:
            stored = self._write(events, recorded_at, also, expected)
        except sqlite3.IntegrityError as exc:
            self._undo(undo)
            if "events.stream" in str(exc):
                raise ConcurrencyError(f"stream version taken by another writer: {exc}") from exc
            self.commits.failed(exc)
            raise StoreError(f"write refused: {exc}") from exc
        except ConcurrencyError:
            self._undo(undo)
            raise
        except BaseException as exc:
            if self.db.conn.in_transaction:
                self._undo(undo)
            if isinstance(exc, sqlite3.Error):
                self.commits.failed(exc)
                raise StoreError(f"write failed: {exc}") from exc
            raise
        return stored

    def _begin(self) -> str:
        """Start an append: its own transaction, or a savepoint in its group's. Returns
        the statement that undoes the append."""
        conn = self.db.conn
        group = self._group
        try:
            if group is None or not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
                if group is not None:
                    group.begun, group.appends = time.monotonic(), 0
            if group is not None:
                conn.execute("SAVEPOINT append")
        except sqlite3.Error as exc:
            self.commits.failed(exc)
            raise StoreError(f"cannot start a write: {exc}") from exc
        # Within a group, undoing this append must leave the group's earlier ones alone.
        return "ROLLBACK" if group is None else "ROLLBACK TO append"

    def _write(self, events: Sequence[Event], recorded_at: str,
               also: Callable[[sqlite3.Connection], None] | None,
               expected: Mapping[str, int] | None) -> list[StoredEvent]:
        """The body of an append begun by :meth:`_begin`: check, insert, project, run
        ``also``, then commit (or release the savepoint, in a group)."""
        conn = self.db.conn
        group = self._group
        for stream, version in (expected or {}).items():
            if self.stream_version(stream) != version:
                raise ConcurrencyError(f"{stream} moved past version {version}")
        stored = self._insert(events, recorded_at)
        projections.apply(self.db, stored)
        if also is not None:
            also(conn)
        if group is None:
            self._run_commit()
        else:
            conn.execute("RELEASE append")
            group.appends += 1
            if group.full():
                self._commit()
        return stored

    def _undo(self, how: str) -> None:
        conn = self.db.conn
        try:
            conn.execute(how)
            if how != "ROLLBACK":
                conn.execute("RELEASE append")
        except sqlite3.Error:
            # The savepoint is gone with the transaction (a failed COMMIT): all of it,
            # and with it the group's earlier appends.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if self._committed is not None:
                self._committed(False)

    @contextmanager
    def grouped(self, *, appends: int = 100, seconds: float = 0.5,
                committed: Callable[[bool], None] | None = None) -> Iterator[None]:
        """Commit the appends made inside in groups rather than one by one.

        For a polling cycle: a commit costs milliseconds (pages written to the WAL, the
        full-text index flushed), a feed's append about as much again. Each append is
        still all or nothing, and the group commits after ``appends`` appends or
        ``seconds`` (so other writers wait no longer than that for the lock) and at the
        end; a crash loses the uncommitted appends whole, as if those polls had not run.
        ``committed`` is told after each commit whether it succeeded: what the caller
        says of its appends waits for that.
        """
        if self._group is not None:
            yield
            return
        self._group = _Group(appends, seconds)
        self._committed = committed
        try:
            yield
        finally:
            self._group = None
            try:
                self._commit()
            finally:
                self._committed = None

    @property
    def in_group(self) -> bool:
        """Whether appends are being grouped (see :meth:`grouped`)."""
        return self._group is not None

    def flush(self) -> None:
        """Commit the group's appends so far if its time is up: for a caller that may
        append nothing for a while, so the group does not hold the write lock meanwhile."""
        if self._group is not None and self._group.full():
            self._commit()

    def _commit(self) -> None:
        if self.db.conn.in_transaction:
            try:
                self._run_commit()
            except sqlite3.Error as exc:
                # SQLite rolls back by itself on some errors (a full disk, for one).
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                self.commits.failed(exc)
                if self._committed is not None:
                    self._committed(False)
                raise StoreError(f"write failed: {exc}") from exc
        if self._committed is not None:
            self._committed(True)

    def _run_commit(self) -> None:
        """COMMIT, and note its success (its callers note a failure, with the others)."""
        self.db.conn.execute("COMMIT")
        self.commits.succeeded()

    def _insert(self, events: Sequence[Event], recorded_at: str) -> list[StoredEvent]:
        conn = self.db.conn
        streams = [event.stream() for event in events]
        next_version = dict.fromkeys(streams, 1)
        # The streams' current versions in one statement per 500, not one per stream: a
        # feed's new articles are a stream each.
        for chunk, marks in in_chunks(list(next_version)):
            for stream, version in conn.execute(
                    f"SELECT stream, max(version) FROM events WHERE stream IN ({marks})"
                    " GROUP BY stream", chunk):
                next_version[stream] = version + 1
        stored: list[StoredEvent] = []
        for event, stream in zip(events, streams, strict=True):
            version = next_version[stream]
            next_version[stream] = version + 1
            cursor = conn.execute(
                "INSERT INTO events (stream, version, type, schema_version, data, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (stream, version, event.TYPE, event.VERSION, event.to_json(), recorded_at),
            )
            position = cursor.lastrowid
            assert position is not None
            stored.append(StoredEvent(position, stream, version, recorded_at, event))
        return stored

    # -- reading ----------------------------------------------------------------------

    def read(
        self, *, after: int = 0, stream: str | None = None, types: Sequence[str] = (),
        batch: int = 5000,
    ) -> Iterator[StoredEvent]:
        """Events in global order, after position ``after``, optionally filtered."""
        where = ["position > ?"]
        params: list[Any] = []
        if stream is not None:
            where.append("stream = ?")
            params.append(stream)
        if types:
            where.append(f"type IN ({', '.join('?' for _ in types)})")
            params.extend(types)
        sql = (
            "SELECT position, stream, version, type, schema_version, data, recorded_at"
            f" FROM events WHERE {' AND '.join(where)} ORDER BY position LIMIT ?"
        )
        while True:
            rows = self.db.conn.execute(sql, [after, *params, batch]).fetchall()
            for position, stream_, version, type_, schema_version, data, recorded_at in rows:
                yield StoredEvent(
                    position, stream_, version, recorded_at, decode(type_, schema_version, data)
                )
            if len(rows) < batch:
                return
            after = rows[-1][0]

    def stream_version(self, stream: str) -> int:
        """The version of the last event in ``stream``; 0 for an empty stream."""
        row = self.db.conn.execute(
            "SELECT coalesce(max(version), 0) FROM events WHERE stream = ?", (stream,)
        ).fetchone()
        return int(row[0])

    def count(self) -> int:
        row = self.db.conn.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0])

    def last_position(self) -> int:
        row = self.db.conn.execute("SELECT coalesce(max(position), 0) FROM events").fetchone()
        return int(row[0])

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Drop every projection and replay the whole log into it. Returns events replayed.

        ``progress`` is called with the number of events replayed by each chunk.
        """
        conn = self.db.conn
        # The replay inserts into every projection's B-trees in no useful order: with the
        # default 2 MiB page cache, pages go back and forth to the WAL many times over.
        previous_cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = -{REBUILD_CACHE_KIB}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            projections.drop(self.db)
            projections.create(self.db, for_replay=True)
            replayed = 0
            chunk: list[StoredEvent] = []
            for stored in self.read():
                chunk.append(stored)
                if len(chunk) >= 5000:
                    projections.apply(self.db, chunk)
                    replayed += len(chunk)
                    if progress is not None:
                        progress(len(chunk))
                    chunk = []
            projections.apply(self.db, chunk)
            replayed += len(chunk)
            if progress is not None:
                progress(len(chunk))
            projections.complete_replay(self.db)
            self._run_commit()
        except BaseException as exc:
            # SQLite rolls back by itself on some errors (a full disk, for one).
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                self.commits.failed(exc)
                raise StoreError(f"rebuild failed: {storage.explain(self.path, exc)}") from exc
            raise
        finally:
            conn.execute(f"PRAGMA cache_size = {previous_cache}")
        logger.info("rebuild status=ok events=%d", replayed)
        return replayed
