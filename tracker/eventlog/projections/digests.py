"""Digests: the outbox, each digest per channel with its delivery status; and the reads
of it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

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
    # The primary key makes "each update in exactly one digest per channel" a constraint;
    # so too for each contradiction and each merge told of.
    conn.executemany(
        "INSERT INTO digest_items (channel, item, digest_id) VALUES (?, ?, ?)",
        [(e.channel, f"update:{u}", e.digest_id) for u in e.update_ids]
        + [(e.channel, f"contradiction:{c}", e.digest_id) for c in e.contradictions]
        + [(e.channel, f"merge:{m}", e.digest_id) for m in e.merges],
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


# -- reading ------------------------------------------------------------------------------
# What a channel has not been sent yet: an update, a contradiction or a merge is in at
# most one digest per channel (digest_items), so "pending" is "in none of the channel's
# digests". A merge (``merge:<update_id>:<into>``) is news to a channel only when the
# channel was told of the update absorbed: else its sources simply belong to the other.

_PENDING_MERGES = (
    " FROM update_merges m WHERE EXISTS (SELECT 1 FROM digest_items d"
    "  WHERE d.channel = ?1 AND d.item = 'update:' || m.update_id)"
    " AND NOT EXISTS (SELECT 1 FROM digest_items d WHERE d.channel = ?1"
    "  AND d.item = 'merge:' || m.update_id || ':' || m.into_update)")


def newest_pending(conn: sqlite3.Connection, channel: str) -> str | None:
    """When the newest change not yet in a digest for ``channel`` was recorded (an
    update that is news, a contradiction, or a merge to tell of), or None if there is
    none."""
    newest = conn.execute(
        "SELECT max(first_seen) FROM updates u WHERE background = 0 AND NOT EXISTS"
        " (SELECT 1 FROM digest_items d WHERE d.channel = ? AND d.item = 'update:' || u.id)",
        (channel,)).fetchone()[0]
    contradiction = conn.execute(
        "SELECT max(found_at) FROM contradictions c WHERE NOT EXISTS"
        " (SELECT 1 FROM digest_items d WHERE d.channel = ?"
        "  AND d.item = 'contradiction:' || c.article_id || ':' || c.fact_id)",
        (channel,)).fetchone()[0]
    merge = conn.execute("SELECT max(m.merged_at)" + _PENDING_MERGES, (channel,)).fetchone()[0]
    return max(filter(None, (newest, contradiction, merge)), default=None)


def last_composed(conn: sqlite3.Connection, channel: str) -> str | None:
    """When the last digest for ``channel`` was composed, or None."""
    row = conn.execute("SELECT max(composed_at) FROM digests WHERE channel = ?",
                       (channel,)).fetchone()
    return None if row is None else row[0]


def pending_updates(conn: sqlite3.Connection, channel: str
                    ) -> list[tuple[str, str, str, str | None, str, float, int]]:
    """The updates that are news and not yet in a digest for ``channel``, oldest first:
    id, kind, summary, event date, first seen, confidence, outlets."""
    return list(conn.execute(
        "SELECT id, kind, summary, event_date, first_seen, confidence, outlets FROM updates u"
        " WHERE background = 0 AND NOT EXISTS (SELECT 1 FROM digest_items d"
        "  WHERE d.channel = ? AND d.item = 'update:' || u.id)"
        " ORDER BY first_seen, id", (channel,)))


def update_sources(conn: sqlite3.Connection, update_id: str
                   ) -> list[tuple[str | None, str | None, str | None, str | None,
                                   str | None, str | None]]:
    """The articles of ``update_id`` in the order they were linked: outlet (the feed's
    name, else its id), title, address, copy of, language, the feed's address."""
    return list(conn.execute(
        "SELECT coalesce(u.feed_name, u.feed), u.title, u.url, u.copy_of,"
        " coalesce(x.language, a.language), s.current_url FROM update_sources u"
        " JOIN articles a ON a.id = u.article_id"
        " LEFT JOIN article_analysis x ON x.article_id = u.article_id"
        " LEFT JOIN feed_state s ON s.id = u.feed"
        " WHERE u.update_id = ? ORDER BY u.linked_at, u.article_id", (update_id,)))


def pending_contradictions(conn: sqlite3.Connection, channel: str
                           ) -> list[tuple[str, str, str, str, str, str | None, str,
                                           str | None, str | None, str | None]]:
    """The contradictions not yet in a digest for ``channel``, oldest first: article,
    fact, fact statement, claim, description, outlet, article title, address, language,
    the feed's address."""
    return list(conn.execute(
        "SELECT c.article_id, c.fact_id, c.fact_statement, c.claim, c.description,"
        " coalesce(s.name, a.feed), a.title, a.url, coalesce(x.language, a.language),"
        " s.current_url FROM contradictions c"
        " JOIN articles a ON a.id = c.article_id LEFT JOIN feed_state s ON s.id = a.feed"
        " LEFT JOIN article_analysis x ON x.article_id = c.article_id"
        " WHERE NOT EXISTS (SELECT 1 FROM digest_items d WHERE d.channel = ?"
        "  AND d.item = 'contradiction:' || c.article_id || ':' || c.fact_id)"
        " ORDER BY c.found_at", (channel,)))


def pending_merges(conn: sqlite3.Connection, channel: str) -> list[tuple[str, str, str]]:
    """The merges ``channel`` has not been told of although it was told of the update
    absorbed, oldest first: the absorbed update, the update it went into, when."""
    return list(conn.execute(
        "SELECT m.update_id, m.into_update, m.merged_at" + _PENDING_MERGES
        + " ORDER BY m.merged_at, m.update_id", (channel,)))


def announced(conn: sqlite3.Connection, channel: str, update_id: str
              ) -> tuple[str, str | None] | None:
    """When ``update_id`` was announced to ``channel`` (its digest delivered, else
    composed) and the summary it was announced with; None if it never was."""
    row = conn.execute(
        "SELECT coalesce(g.delivered_at, g.composed_at),"
        " (SELECT json_extract(j.value, '$.summary') FROM json_each(g.payload, '$.updates') j"
        "  WHERE json_extract(j.value, '$.id') = ?2)"
        " FROM digest_items d JOIN digests g ON g.id = d.digest_id"
        " WHERE d.channel = ?1 AND d.item = 'update:' || ?2", (channel, update_id)).fetchone()
    return None if row is None else (row[0], row[1])


@dataclass(frozen=True)
class Undelivered:
    """A digest not yet delivered nor given up on."""

    digest_id: str
    channel: str
    attempts: int
    next_attempt: str | None
    started_at: str | None
    payload: dict[str, Any]


def undelivered(conn: sqlite3.Connection) -> list[Undelivered]:
    """The digests pending or being retried, oldest first."""
    return [Undelivered(d, c, a, n, s, json.loads(p)) for d, c, a, n, s, p in conn.execute(
        "SELECT id, channel, attempts, next_attempt, started_at, payload FROM digests"
        " WHERE status IN ('pending', 'retrying') ORDER BY composed_at, id")]


def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many digests are in each delivery status (none when the store predates the
    ``deliveries`` view)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'deliveries' AND type IN ('table', 'view')"
    ).fetchone()
    if not exists:
        return {}
    return dict(conn.execute("SELECT status, count(*) FROM deliveries GROUP BY status"))
