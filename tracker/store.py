"""The append-only event store: one SQLite file, one ``events`` table, no update or delete.

``events.position`` (the rowid) is the global order. ``UNIQUE(stream, version)``
catches two writers appending to one stream, and triggers make SQLite itself refuse
UPDATE and DELETE on the table. Projections are written by :mod:`tracker.projections`
inside the same transaction as the events they come from, so the two never disagree.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from tracker import migrations, projections
from tracker.errors import ConcurrencyError, StoreError
from tracker.events import Event, decode

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredEvent:
    position: int
    stream: str
    version: int
    recorded_at: str
    event: Event

    @property
    def type(self) -> str:
        return self.event.TYPE


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class EventStore:
    """Append and read events; keeps the projections in step.

    :param path: the SQLite file, created with its directory when missing; ``":memory:"``
        gives a private in-memory store (tests).
    """

    def __init__(self, path: str | Path, *, busy_timeout: float = 30.0) -> None:
        self.path = path
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(
                str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self.db = sqlite_utils.Database(conn)
            migrations.apply(self.db)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open event store {path}: {exc}") from exc

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
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot start a write: {exc}") from exc
        try:
            for stream, version in (expected or {}).items():
                if self.stream_version(stream) != version:
                    raise ConcurrencyError(f"{stream} moved past version {version}")
            stored = self._insert(events, recorded_at)
            projections.apply(self.db, stored)
            if also is not None:
                also(conn)
            conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            conn.execute("ROLLBACK")
            if "events.stream" in str(exc):
                raise ConcurrencyError(f"stream version taken by another writer: {exc}") from exc
            raise StoreError(f"write refused: {exc}") from exc
        except ConcurrencyError:
            conn.execute("ROLLBACK")
            raise
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"write failed: {exc}") from exc
            raise
        return stored

    def _insert(self, events: Sequence[Event], recorded_at: str) -> list[StoredEvent]:
        conn = self.db.conn
        next_version: dict[str, int] = {}
        stored: list[StoredEvent] = []
        for event in events:
            stream = event.stream()
            if stream not in next_version:
                row = conn.execute(
                    "SELECT coalesce(max(version), 0) FROM events WHERE stream = ?", (stream,)
                ).fetchone()
                next_version[stream] = row[0] + 1
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
        conn.execute("BEGIN IMMEDIATE")
        try:
            projections.drop(self.db)
            projections.create(self.db)
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
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        logger.info("rebuild status=ok events=%d", replayed)
        return replayed
