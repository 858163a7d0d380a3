"""Schema changes, applied in order and recorded in ``PRAGMA user_version``.

Each migration runs in its own transaction. The events table is created here once and
never altered in place; projections can always be dropped and rebuilt from it instead.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from tracker.eventlog import projections

EVENTS_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    recorded_at TEXT NOT NULL,
    UNIQUE (stream, version)
)""",
    "CREATE INDEX IF NOT EXISTS events_type ON events (type, position)",
    """CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END""",
]

# Operational state that is not history: when each feed was last checked and what the
# body looked like, so the scheduler can pace itself. Rewritten on every check; losing
# it costs one extra fetch per feed, never an event.
FEED_CHECKS_SCHEMA = """CREATE TABLE IF NOT EXISTS feed_checks (
    feed_id TEXT PRIMARY KEY,
    last_checked TEXT NOT NULL,
    last_outcome TEXT NOT NULL,
    last_ok TEXT,
    next_check TEXT,
    body_sha256 TEXT,
    ttl REAL,
    checks INTEGER NOT NULL DEFAULT 0
)"""


def _v1(db: sqlite_utils.Database) -> None:
    # Statement by statement: executescript() would commit our transaction.
    for statement in [*EVENTS_SCHEMA, FEED_CHECKS_SCHEMA]:
        db.conn.execute(statement)
    projections.create(db)


def _v2(db: sqlite_utils.Database) -> None:
    # New articles are indexed for full-text search by their projection handler now.
    db.conn.execute("DROP TRIGGER IF EXISTS articles_ai")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2]


def apply(db: sqlite_utils.Database) -> int:
    """Bring the schema up to date; returns the schema version now in force."""
    conn = db.conn
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated between our read and our lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            migration(db)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)
