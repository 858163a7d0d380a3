"""Projections: read-model tables and views folded from the events.

Every table here can be dropped and rebuilt from the log (``tracker rebuild``); none of
them is a source of truth. :func:`apply` is called by the store inside the transaction
that appends the events, and records the position it reached in ``projection_state``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import sqlite_utils

from tracker import events as ev

if TYPE_CHECKING:
    from tracker.store import StoredEvent

PROJECTION = "main"

TABLES = {
    "projection_state": """
        CREATE TABLE projection_state (name TEXT PRIMARY KEY, position INTEGER NOT NULL)""",
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
    "articles": """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            title TEXT NOT NULL,
            published TEXT,
            feed TEXT NOT NULL,
            relevant INTEGER NOT NULL DEFAULT 0,
            score REAL,
            reason TEXT,
            judged_by TEXT,
            first_seen TEXT NOT NULL,
            last_changed TEXT NOT NULL,
            revisions INTEGER NOT NULL DEFAULT 0,
            summary TEXT NOT NULL,
            content TEXT,
            author TEXT,
            language TEXT,
            key TEXT NOT NULL,
            content_hash TEXT NOT NULL
        )""",
    "article_feeds": """
        CREATE TABLE article_feeds (
            article_id TEXT NOT NULL,
            feed_id TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (article_id, feed_id)
        )""",
    "baseline_articles": """
        CREATE TABLE baseline_articles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            published TEXT,
            summary TEXT NOT NULL,
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL
        )""",
    "baseline_facts": """
        CREATE TABLE baseline_facts (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            date TEXT,
            statement TEXT NOT NULL,
            actors TEXT NOT NULL,
            sources TEXT NOT NULL,
            keywords TEXT NOT NULL
        )""",
    "update_state": """
        CREATE TABLE update_state (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            event_date TEXT,
            first_seen TEXT NOT NULL,
            background INTEGER NOT NULL,
            actors TEXT NOT NULL,
            evidence TEXT NOT NULL,
            article_id TEXT NOT NULL,
            confidence REAL NOT NULL,
            method TEXT NOT NULL,
            features TEXT NOT NULL
        )""",
    "article_analysis": """
        CREATE TABLE article_analysis (
            article_id TEXT PRIMARY KEY,
            outcome TEXT NOT NULL,
            update_id TEXT,
            copy_of TEXT,
            event_date TEXT,
            score REAL NOT NULL,
            reason TEXT NOT NULL,
            method TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        )""",
    "update_links": """
        CREATE TABLE update_links (
            update_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            copy_of TEXT,
            evidence TEXT NOT NULL,
            score REAL NOT NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (update_id, article_id)
        )""",
    "fact_links": """
        CREATE TABLE fact_links (
            fact_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            evidence TEXT NOT NULL,
            score REAL NOT NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (fact_id, article_id)
        )""",
    "contradictions": """
        CREATE TABLE contradictions (
            article_id TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            claim TEXT NOT NULL,
            fact_statement TEXT NOT NULL,
            description TEXT NOT NULL,
            found_at TEXT NOT NULL,
            PRIMARY KEY (article_id, fact_id)
        )""",
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
    "CREATE INDEX articles_relevant ON articles (relevant, first_seen)",
    "CREATE INDEX articles_feed ON articles (feed)",
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX article_feeds_feed ON article_feeds (feed_id)",
    "CREATE INDEX update_links_article ON update_links (article_id)",
    "CREATE INDEX fact_links_article ON fact_links (article_id)",
    "CREATE INDEX update_state_first_seen ON update_state (first_seen)",
    "CREATE INDEX digests_status ON digests (status, channel)",
]

VIEWS = {
    "feeds": """
        SELECT s.id, s.name, s.url, s.current_url, s.status, s.failures, s.last_error,
               s.last_error_reason, s.last_error_at, s.etag, s.last_modified,
               c.last_checked, c.last_ok, c.next_check, c.checks,
               (SELECT count(*) FROM article_feeds f WHERE f.feed_id = s.id) AS articles,
               (SELECT count(*) FROM article_feeds f JOIN articles a ON a.id = f.article_id
                 WHERE f.feed_id = s.id AND a.relevant = 1) AS relevant_articles
        FROM feed_state s LEFT JOIN feed_checks c ON c.feed_id = s.id""",
    "relevant_articles": """
        SELECT id, url, title, published, feed, score, reason, first_seen, summary
        FROM articles WHERE relevant = 1""",
    "updates": """
        SELECT u.id, u.kind, u.summary, u.event_date, u.first_seen,
               (SELECT count(*) FROM update_links l
                 WHERE l.update_id = u.id AND l.copy_of IS NULL) AS sources,
               (SELECT count(*) FROM update_links l WHERE l.update_id = u.id) AS articles,
               (SELECT count(DISTINCT f.feed_id) FROM update_links l
                 JOIN article_feeds f ON f.article_id = l.article_id
                 WHERE l.update_id = u.id) AS outlets,
               u.background, u.confidence, u.actors, u.evidence, u.article_id AS first_article
        FROM update_state u
        WHERE EXISTS (SELECT 1 FROM update_links l WHERE l.update_id = u.id)""",
    "update_sources": """
        SELECT l.update_id, l.article_id, a.url, a.title, a.feed, s.name AS feed_name,
               a.published, l.copy_of, l.evidence, l.score, l.linked_at
        FROM update_links l JOIN articles a ON a.id = l.article_id
        LEFT JOIN feed_state s ON s.id = a.feed""",
    "fact_sources": """
        SELECT l.fact_id, f.statement, l.article_id, a.url, a.title, a.feed, l.evidence,
               l.score, l.linked_at
        FROM fact_links l JOIN articles a ON a.id = l.article_id
        JOIN baseline_facts f ON f.id = l.fact_id""",
    "deliveries": """
        SELECT channel, id AS digest_id, status, attempts, composed_at, delivered_at,
               next_attempt, last_error, updates, subject
        FROM digests""",
    "judgements": """
        SELECT position, json_extract(data, '$.article_id') AS article_id,
               json_extract(data, '$.relevant') AS relevant,
               json_extract(data, '$.score') AS score,
               json_extract(data, '$.reason') AS reason,
               json_extract(data, '$.method') AS method,
               recorded_at
        FROM events WHERE type = 'RelevanceJudged'""",
}


# Full-text search over articles, in the layout sqlite-utils expects, so that
# `sqlite-utils search DB articles "Bagram"` works. The update trigger fires only when
# the text changes, not on every re-judgement.
FTS_COLUMNS = ("title", "summary", "content")
FTS_TRIGGERS = [
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
      INSERT INTO articles_fts (rowid, title, summary, content)
      VALUES (new.rowid, new.title, new.summary, new.content);
    END""",
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


def create(db: sqlite_utils.Database) -> None:
    conn = db.conn
    for sql in TABLES.values():
        conn.execute(sql)
    for sql in INDEXES:
        conn.execute(sql)
    for name, sql in VIEWS.items():
        conn.execute(f"CREATE VIEW {name} AS {sql}")
    db.table("articles").enable_fts(FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2")
    for sql in FTS_TRIGGERS:
        conn.execute(sql)


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


Handler = Callable[[sqlite3.Connection, "StoredEvent"], None]
HANDLERS: dict[type[ev.Event], Handler] = {}


def handles(event_type: type[ev.Event]) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        HANDLERS[event_type] = handler
        return handler

    return decorate


@handles(ev.BaselineArticleRecorded)
def _baseline_article(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.BaselineArticleRecorded)
    conn.execute(
        "INSERT OR REPLACE INTO baseline_articles VALUES (?, ?, ?, ?, ?, ?)",
        (e.article_id, e.title, e.published, e.summary, e.file, e.sha256),
    )


@handles(ev.BaselineFactRecorded)
def _baseline_fact(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.BaselineFactRecorded)
    conn.execute(
        "INSERT OR REPLACE INTO baseline_facts VALUES (?, ?, ?, ?, ?, ?, ?)",
        (e.fact_id, e.kind, e.date, e.statement, json.dumps(e.actors, ensure_ascii=False),
         json.dumps(e.sources), json.dumps(e.keywords, ensure_ascii=False)),
    )


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


@handles(ev.ArticleRecorded)
def _article_recorded(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.ArticleRecorded)
    conn.execute(
        "INSERT INTO articles (id, url, title, published, feed, first_seen, last_changed,"
        " summary, content, author, language, key, content_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.article_id, e.url, e.title, e.published, e.feed_id, item.recorded_at,
         item.recorded_at, e.summary, e.content, e.author, e.language, e.key, e.content_hash),
    )
    _listed(conn, e.article_id, e.feed_id, item.recorded_at)


@handles(ev.ArticleRevised)
def _article_revised(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.ArticleRevised)
    conn.execute(
        "UPDATE articles SET title = ?, published = ?, summary = ?, content = ?,"
        " content_hash = ?, last_changed = ?, revisions = revisions + 1 WHERE id = ?",
        (e.title, e.published, e.summary, e.content, e.content_hash, item.recorded_at,
         e.article_id),
    )


@handles(ev.ArticleListed)
def _article_listed(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.ArticleListed)
    _listed(conn, e.article_id, e.feed_id, item.recorded_at)


def _listed(conn: sqlite3.Connection, article_id: str, feed_id: str, when: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO article_feeds (article_id, feed_id, first_seen) VALUES (?, ?, ?)",
        (article_id, feed_id, when),
    )


@handles(ev.UpdateRecorded)
def _update_recorded(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.UpdateRecorded)
    conn.execute(
        "INSERT INTO update_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.update_id, e.kind, e.summary, e.event_date, item.recorded_at, int(e.background),
         json.dumps(e.actors, ensure_ascii=False), e.evidence, e.article_id, e.confidence,
         e.method, json.dumps(e.features, ensure_ascii=False, sort_keys=True)),
    )


@handles(ev.ArticleAnalysed)
def _article_analysed(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.ArticleAnalysed)
    # The newest analysis of an article replaces what its earlier ones linked.
    for table in ("update_links", "fact_links", "contradictions"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (e.article_id,))
    conn.execute(
        "INSERT OR REPLACE INTO article_analysis VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.article_id, e.outcome, e.update_id, e.copy_of, e.event_date, e.score, e.reason,
         e.method, item.recorded_at),
    )
    if e.update_id:
        conn.execute(
            "INSERT INTO update_links VALUES (?, ?, ?, ?, ?, ?)",
            (e.update_id, e.article_id, e.copy_of, e.evidence, e.score, item.recorded_at),
        )
    conn.executemany(
        "INSERT OR REPLACE INTO fact_links VALUES (?, ?, ?, ?, ?)",
        [(f["fact_id"], e.article_id, f["evidence"], f["score"], item.recorded_at)
         for f in e.facts],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO contradictions VALUES (?, ?, ?, ?, ?, ?)",
        [(e.article_id, c["fact_id"], c["claim"], c["fact_statement"], c["description"],
          item.recorded_at) for c in e.contradictions],
    )


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


@handles(ev.RelevanceJudged)
def _judged(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.RelevanceJudged)
    conn.execute(
        "UPDATE articles SET relevant = ?, score = ?, reason = ?, judged_by = ? WHERE id = ?",
        (int(e.relevant), e.score, e.reason, e.method, e.article_id),
    )
