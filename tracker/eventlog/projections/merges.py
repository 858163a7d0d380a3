"""Merges: which update went into which, as the newest analysis stands by it; and the
reads of them.

An ``UpdateMerged`` moves the absorbed update's articles to the update it went into and
records the merge, with the articles it moved (``update_merge_sources``). A later
analysis may not stand by it (``tracker rejudge`` analyses every article again, and a
revised article is analysed again): the merge is dropped from ``update_merges`` once

* an article is linked to the absorbed update again (it was reopened, or an article
  joined it), or
* none of the articles it moved lies any more in the update it went into (nor in one
  that update went into in turn): each has been analysed since into another update, or
  found not to be about the story.

Only what the merge moved is judged, never the articles a later analysis links: a merge
recorded before the moved articles were kept (schema 4) is dropped by the first rule
alone, until ``tracker rebuild`` replays it. Dropping a merge moves no article back: the
newest analysis of each article says where it is, and a rejudge gives every one a new
analysis. Every step reads only the projection's own tables, so a rebuild from the log
gives the tables the live projection has.
"""

from __future__ import annotations

import sqlite3

from tracker import events as ev
from tracker.eventlog.projections.base import handles
from tracker.eventlog.types import StoredEvent

TABLES = {
    "update_merges": """
        CREATE TABLE update_merges (
            update_id TEXT PRIMARY KEY,
            into_update TEXT NOT NULL,
            score REAL NOT NULL,
            reason TEXT NOT NULL,
            merged_at TEXT NOT NULL
        )""",
    "update_merge_sources": """
        CREATE TABLE update_merge_sources (
            update_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (update_id, article_id)
        )""",
}

INDEXES = [
    "CREATE INDEX update_merge_sources_article ON update_merge_sources (article_id)",
]

VIEWS: dict[str, str] = {}

CHAIN_LIMIT = 1000
"""Merges followed at most from one update (a guard: a chain is a handful long)."""


@handles(ev.UpdateMerged)
def _update_merged(conn: sqlite3.Connection, item: StoredEvent) -> None:
    """The absorbed update's articles are the other's from now on; it keeps its row in
    update_state, but with no article linked it leaves the ``updates`` view."""
    e = item.event
    assert isinstance(e, ev.UpdateMerged)
    conn.execute("DELETE FROM update_merge_sources WHERE update_id = ?", (e.update_id,))
    conn.execute("INSERT INTO update_merge_sources (update_id, article_id)"
                 " SELECT ?, article_id FROM update_links WHERE update_id = ?",
                 (e.update_id, e.update_id))
    conn.execute("UPDATE update_links SET update_id = ? WHERE update_id = ?",
                 (e.into, e.update_id))
    conn.execute("UPDATE article_analysis SET update_id = ? WHERE update_id = ?",
                 (e.into, e.update_id))
    conn.execute("INSERT OR REPLACE INTO update_merges VALUES (?, ?, ?, ?, ?)",
                 (e.update_id, e.into, e.score, e.reason, item.recorded_at))


def settle(conn: sqlite3.Connection, article_id: str, update_id: str | None) -> None:
    """After a new analysis linked ``article_id`` to ``update_id`` (None: to none), drop
    the merges it leaves standing no more (see the module's rules)."""
    judged = [row[0] for row in conn.execute(
        "SELECT update_id FROM update_merge_sources WHERE article_id = ?", (article_id,))]
    if update_id is not None:
        judged.append(update_id)
    for absorbed in judged:
        if not _stands(conn, absorbed):
            _drop(conn, absorbed)


def _stands(conn: sqlite3.Connection, absorbed: str) -> bool:
    """Whether the merge of ``absorbed`` (if there is one) still holds by the rules."""
    row = conn.execute("SELECT into_update FROM update_merges WHERE update_id = ?",
                       (absorbed,)).fetchone()
    if row is None:
        return True  # nothing to drop
    if conn.execute("SELECT 1 FROM update_links WHERE update_id = ? LIMIT 1",
                    (absorbed,)).fetchone():
        return False
    held = conn.execute(
        "SELECT l.update_id FROM update_merge_sources s"
        " LEFT JOIN update_links l ON l.article_id = s.article_id"
        " WHERE s.update_id = ?", (absorbed,)).fetchall()
    if not held:
        return True  # recorded before the moved articles were kept
    return not set(_chain(conn, row[0])).isdisjoint(u for (u,) in held)


def _chain(conn: sqlite3.Connection, update_id: str) -> list[str]:
    """``update_id`` and every update it went into in turn, in that order."""
    chain = [update_id]
    while len(chain) < CHAIN_LIMIT and (row := conn.execute(
            "SELECT into_update FROM update_merges WHERE update_id = ?",
            (chain[-1],)).fetchone()) is not None and row[0] not in chain:
        chain.append(row[0])
    return chain


def _drop(conn: sqlite3.Connection, absorbed: str) -> None:
    """Forget the merge of ``absorbed``; merges into it may have stood through it."""
    conn.execute("DELETE FROM update_merges WHERE update_id = ?", (absorbed,))
    conn.execute("DELETE FROM update_merge_sources WHERE update_id = ?", (absorbed,))
    for (earlier,) in conn.execute("SELECT update_id FROM update_merges WHERE into_update = ?",
                                   (absorbed,)).fetchall():
        if not _stands(conn, earlier):
            _drop(conn, earlier)


# -- reading ------------------------------------------------------------------------------


def merged_into(conn: sqlite3.Connection, update_id: str) -> str:
    """The update whose sources ``update_id``'s are now: the update it went into, and
    the one that went into in turn, if it was merged; else ``update_id`` itself."""
    return _chain(conn, update_id)[-1]
