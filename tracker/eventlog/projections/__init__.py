"""Projections: read-model tables and views folded from the events.

Every table here can be dropped and rebuilt from the log (``tracker rebuild``); none of
them is a source of truth. :func:`apply` is called by the store inside the transaction
that appends the events, and records the position it reached in ``projection_state``.

One module per read model: ``feeds`` (each feed's state), ``articles`` (every article,
where it was listed, its relevance), ``story`` (baseline, updates, what each relevant
article says), ``merges`` (which update went into which, as the newest analysis
stands by it), ``digests`` (the outbox); ``base`` holds the handler registry they share.

May import: ``events``, ``errors`` and one another; SQL that reads a projection's tables
belongs in that projection's module. Not the store: the store calls the projections, so
they take its rows as plain values (an import of the store, even under TYPE_CHECKING,
is a cycle that ``tests/test_layering.py`` reports).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from tracker.eventlog.projections import articles, digests, feeds, merges, story
from tracker.eventlog.projections.base import HANDLERS
from tracker.eventlog.types import StoredEvent

PROJECTION = "main"
_MODULES = (feeds, articles, story, merges, digests)

TABLES: dict[str, str] = {
    "projection_state": """
        CREATE TABLE projection_state (name TEXT PRIMARY KEY, position INTEGER NOT NULL)""",
}
INDEXES: list[str] = []
VIEWS: dict[str, str] = {}
for _module in _MODULES:
    TABLES.update(_module.TABLES)
    INDEXES.extend(_module.INDEXES)
    VIEWS.update(_module.VIEWS)

# Full-text search over articles, in the layout sqlite-utils expects, so that
# `sqlite-utils search DB articles "Bagram"` works. The update trigger fires only when
# the text changes, not on every re-judgement. A new article is indexed by its handler
# (articles._article_recorded), not by an insert trigger: a statement that fires a
# trigger runs in a statement savepoint, at which FTS5 writes out its pending terms, so
# a trigger per article cost three times what the handler's own INSERT does.
FTS_COLUMNS = ("title", "summary", "content")
FTS_TRIGGERS = [
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
      INSERT INTO articles_fts (articles_fts, rowid, title, summary, content)
      VALUES ('delete', old.rowid, old.title, old.summary, old.content);
    END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, summary, content ON articles BEGIN
      INSERT INTO articles_fts (articles_fts, rowid, title, summary, content)
      VALUES ('delete', old.rowid, old.title, old.summary, old.content);
      INSERT INTO articles_fts (rowid, title, summary, content)
      VALUES (new.rowid, new.title, new.summary, new.content);
    END""",
]


# Indexes the handlers' own statements need (an analysis first deletes the article's
# earlier links). A replay creates the others after it: one sorted pass per index costs
# a fraction of keeping it up to date row by row.
REPLAY_INDEXES = ("update_links_article", "fact_links_article", "update_merge_sources_article")


def _name(index_sql: str) -> str:
    return index_sql.split()[2]


def create(db: sqlite_utils.Database, *, for_replay: bool = False) -> None:
    """Create the projection tables, indexes and views. ``for_replay`` leaves out the
    indexes :func:`complete_replay` adds once the replay has filled the tables."""
    conn = db.conn
    for sql in TABLES.values():
        conn.execute(sql)
    for sql in INDEXES:
        if not for_replay or _name(sql) in REPLAY_INDEXES:
            conn.execute(sql)
    for name, sql in VIEWS.items():
        conn.execute(f"CREATE VIEW {name} AS {sql}")
    db.table("articles").enable_fts(FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2")
    for sql in FTS_TRIGGERS:
        conn.execute(sql)


def complete_replay(db: sqlite_utils.Database) -> None:
    """The indexes a replay went without."""
    for sql in INDEXES:
        if _name(sql) not in REPLAY_INDEXES:
            db.conn.execute(sql)


def drop(db: sqlite_utils.Database) -> None:
    conn = db.conn
    for name in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {name}")
    conn.execute("DROP TABLE IF EXISTS articles_fts")
    for name in TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {name}")


def apply(db: sqlite_utils.Database, stored: Iterable[StoredEvent]) -> None:
    """Fold ``stored`` events into the projection tables (inside the caller's transaction)."""
    conn = db.conn
    last = 0
    for item in stored:
        handler = HANDLERS.get(type(item.event))
        if handler is not None:
            handler(conn, item)
        last = item.position
    if last:
        conn.execute(
            "INSERT INTO projection_state (name, position) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET position = excluded.position",
            (PROJECTION, last),
        )
