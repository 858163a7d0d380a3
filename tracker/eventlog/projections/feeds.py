"""Feeds: each feed's state, folded from its own stream, and the reads of it."""

from __future__ import annotations

import sqlite3
from typing import Any

from tracker import events as ev
from tracker.eventlog.projections.base import handles
from tracker.eventlog.types import FeedState, StoredEvent

TABLES = {
    "feed_state": """
        CREATE TABLE feed_state (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            url TEXT NOT NULL,
            current_url TEXT NOT NULL,
            status TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            last_error_reason TEXT,
            last_error_at TEXT,
            retry_after REAL,
            failing_since TEXT,
            registered TEXT NOT NULL,
            changed TEXT NOT NULL
        )""",
}

INDEXES: list[str] = []

VIEWS = {
    "feeds": """
        SELECT s.id, s.name, s.url, s.current_url, s.status, s.failures, s.last_error,
               s.last_error_reason, s.last_error_at, s.etag, s.last_modified,
               c.last_checked, c.last_ok, c.next_check, c.checks,
               (SELECT count(*) FROM article_feeds f WHERE f.feed_id = s.id) AS articles,
               (SELECT count(*) FROM article_feeds f JOIN articles a ON a.id = f.article_id
                 WHERE f.feed_id = s.id AND a.relevant = 1) AS relevant_articles
        FROM feed_state s LEFT JOIN feed_checks c ON c.feed_id = s.id""",
}


@handles(ev.FeedRegistered)
def _feed_registered(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.FeedRegistered)
    conn.execute(
        "INSERT INTO feed_state (id, name, url, current_url, status, registered, changed)"
        " VALUES (?, ?, ?, ?, 'ok', ?, ?)",
        (e.feed_id, e.name, e.url, e.url, item.recorded_at, item.recorded_at),
    )


@handles(ev.FeedValidatorsChanged)
def _feed_validators(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.FeedValidatorsChanged)
    conn.execute(
        "UPDATE feed_state SET etag = ?, last_modified = ?, changed = ? WHERE id = ?",
        (e.etag, e.last_modified, item.recorded_at, e.feed_id),
    )


@handles(ev.FeedFetchFailed)
def _feed_failed(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.FeedFetchFailed)
    conn.execute(
        "UPDATE feed_state SET status = 'failing', failures = ?, last_error = ?,"
        " last_error_reason = ?, last_error_at = ?, retry_after = ?, changed = ?,"
        " failing_since = coalesce(failing_since, ?) WHERE id = ?",
        (e.failures, e.message, e.reason, item.recorded_at, e.retry_after, item.recorded_at,
         item.recorded_at, e.feed_id),
    )


@handles(ev.FeedRecovered)
def _feed_recovered(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.FeedRecovered)
    conn.execute(
        "UPDATE feed_state SET status = 'ok', failures = 0, retry_after = NULL,"
        " failing_since = NULL, changed = ? WHERE id = ?",
        (item.recorded_at, e.feed_id),
    )


@handles(ev.FeedMoved)
def _feed_moved(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.FeedMoved)
    # New address, new cache: validators from the old address mean nothing there.
    conn.execute(
        "UPDATE feed_state SET current_url = ?, etag = NULL, last_modified = NULL, changed = ?"
        " WHERE id = ?",
        (e.new_url, item.recorded_at, e.feed_id),
    )


@handles(ev.FeedRetired)
def _feed_retired(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.FeedRetired)
    conn.execute(
        "UPDATE feed_state SET status = 'retired', last_error = ?, last_error_reason = ?,"
        " last_error_at = ?, changed = ? WHERE id = ?",
        (f"HTTP {e.http_status}", e.reason, item.recorded_at, item.recorded_at, e.feed_id),
    )


# -- reading ------------------------------------------------------------------------------


def states(conn: sqlite3.Connection, feed_id: str | None = None) -> dict[str, FeedState]:
    """The state of ``feed_id``, or of every feed, by feed id."""
    rows = conn.execute(
        "SELECT id, current_url, status, etag, last_modified, failures FROM feed_state"
        + (" WHERE id = ?" if feed_id else ""), (feed_id,) if feed_id else ())
    return {row[0]: FeedState(*row) for row in rows}


def statuses(conn: sqlite3.Connection) -> dict[str, str]:
    """Every feed's status (ok, failing, retired), by feed id."""
    return dict(conn.execute("SELECT id, status FROM feed_state"))


def overview(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Every row of the ``feeds`` view (state, last check, article counts), by feed id."""
    cursor = conn.execute("SELECT * FROM feeds")
    columns = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(columns, row, strict=True)) for row in cursor}


def failing_since(conn: sqlite3.Connection, since: str
                  ) -> list[tuple[str, str, str, str | None]]:
    """The feeds failing without a break since ``since`` or longer, by name: name,
    current address, failing since, last error."""
    return list(conn.execute(
        "SELECT name, current_url, failing_since, last_error FROM feed_state"
        " WHERE status = 'failing' AND failing_since <= ? ORDER BY name", (since,)))
