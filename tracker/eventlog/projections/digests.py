"""Digests: the outbox, each digest per channel with its delivery status."""

from __future__ import annotations

import json
import sqlite3

from tracker import events as ev
from tracker.eventlog.projections.base import handles
from tracker.eventlog.types import StoredEvent

TABLES = {
    "digests": """
        CREATE TABLE digests (
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL,
            composed_at TEXT NOT NULL,
            updates INTEGER NOT NULL,
            contradictions INTEGER NOT NULL,
            subject TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            started_at TEXT,
            last_error TEXT,
            next_attempt TEXT,
            delivered_at TEXT,
            payload TEXT NOT NULL
        )""",
    "digest_items": """
        CREATE TABLE digest_items (
            channel TEXT NOT NULL,
            item TEXT NOT NULL,
            digest_id TEXT NOT NULL,
            PRIMARY KEY (channel, item)
        )""",
}

INDEXES = [
    "CREATE INDEX digests_status ON digests (status, channel)",
]

VIEWS = {
    "deliveries": """
        SELECT channel, id AS digest_id, status, attempts, composed_at, delivered_at,
               next_attempt, last_error, updates, subject
        FROM digests""",
}


@handles(ev.DigestComposed)
def _digest_composed(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.DigestComposed)
    conn.execute(
        "INSERT INTO digests (id, channel, composed_at, updates, contradictions, subject,"
        " status, payload) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
        (e.digest_id, e.channel, item.recorded_at, len(e.update_ids), len(e.contradictions),
         str(e.payload.get("subject", "")),
         json.dumps(e.payload, ensure_ascii=False, sort_keys=True)),
    )
    # The primary key makes "each update in exactly one digest per channel" a constraint.
    conn.executemany(
        "INSERT INTO digest_items (channel, item, digest_id) VALUES (?, ?, ?)",
        [(e.channel, f"update:{u}", e.digest_id) for u in e.update_ids]
        + [(e.channel, f"contradiction:{c}", e.digest_id) for c in e.contradictions],
    )


@handles(ev.DeliveryStarted)
def _delivery_started(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.DeliveryStarted)
    conn.execute("UPDATE digests SET attempts = ?, started_at = ? WHERE id = ?",
                 (e.attempt, item.recorded_at, e.digest_id))


@handles(ev.DeliverySucceeded)
def _delivery_succeeded(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.DeliverySucceeded)
    conn.execute(
        "UPDATE digests SET status = 'delivered', delivered_at = ?, next_attempt = NULL,"
        " started_at = NULL WHERE id = ?", (item.recorded_at, e.digest_id))


@handles(ev.DeliveryFailed)
def _delivery_failed(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.DeliveryFailed)
    conn.execute(
        "UPDATE digests SET status = ?, last_error = ?, next_attempt = ?, started_at = NULL"
        " WHERE id = ?",
        ("failed" if e.permanent else "retrying", e.error, e.retry_at, e.digest_id))
