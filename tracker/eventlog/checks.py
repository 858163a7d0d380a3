"""``feed_checks``: when each feed was last checked and what its body looked like.

Operational state, not history and not a projection: rewritten on every check, in the
transaction that appends the check's events, and never rebuilt (losing it costs one
extra fetch per feed, never an event). Its schema is created by migration 1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from tracker.eventlog.types import CheckRecord, FeedCheck


def record(conn: sqlite3.Connection, check: CheckRecord, now: datetime) -> None:
    """Write one check made at ``now`` (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO feed_checks (feed_id, last_checked, last_outcome, last_ok,"
        " next_check, body_sha256, ttl, checks) VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
        " ON CONFLICT (feed_id) DO UPDATE SET last_checked = excluded.last_checked,"
        " last_outcome = excluded.last_outcome,"
        " last_ok = coalesce(excluded.last_ok, feed_checks.last_ok),"
        " next_check = excluded.next_check,"
        " body_sha256 = coalesce(excluded.body_sha256, feed_checks.body_sha256),"
        " ttl = coalesce(excluded.ttl, feed_checks.ttl),"
        " checks = feed_checks.checks + 1",
        (check.feed_id, now.isoformat(), check.outcome,
         now.isoformat() if check.ok else None,
         (now + timedelta(seconds=check.wait)).isoformat(), check.body_sha256, check.ttl),
    )


def checks(conn: sqlite3.Connection, feed_id: str | None = None) -> dict[str, FeedCheck]:
    """The last check of ``feed_id``, or of every feed, by feed id."""
    rows = conn.execute(
        "SELECT feed_id, next_check, body_sha256, ttl, last_checked FROM feed_checks"
        + (" WHERE feed_id = ?" if feed_id else ""), (feed_id,) if feed_id else ())
    return {row[0]: FeedCheck(*row) for row in rows}


def last_checked(conn: sqlite3.Connection, feed_ids: Sequence[str]) -> str | None:
    """When the latest of ``feed_ids`` was checked, or None if none ever was."""
    if not feed_ids:
        return None
    row = conn.execute(
        f"SELECT max(last_checked) FROM feed_checks WHERE feed_id IN"
        f" ({', '.join('?' * len(feed_ids))})", list(feed_ids)).fetchone()
    return None if row is None else row[0]
