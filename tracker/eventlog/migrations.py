"""Schema changes, applied in order and recorded in ``PRAGMA user_version``.

Each migration runs in its own transaction. The events table is created here once and
never altered in place; projections can always be dropped and rebuilt from it instead.

Migrations are history: each one creates or changes exactly what it did when it was
written, as literal SQL, and never calls today's projection code (which may have
changed since). ``tracker rebuild`` brings the projections to today's shape.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

V1_SCHEMA = (
    """CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    recorded_at TEXT NOT NULL,
    UNIQUE (stream, version)
)""",
    """CREATE INDEX events_type ON events (type, position)""",
    """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END""",
    """CREATE TABLE feed_checks (
    feed_id TEXT PRIMARY KEY,
    last_checked TEXT NOT NULL,
    last_outcome TEXT NOT NULL,
    last_ok TEXT,
    next_check TEXT,
    body_sha256 TEXT,
    ttl REAL,
    checks INTEGER NOT NULL DEFAULT 0
)""",
    """CREATE TABLE projection_state (name TEXT PRIMARY KEY, position INTEGER NOT NULL)""",
    """CREATE TABLE feed_state (
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
    """CREATE TABLE articles (
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
    """CREATE TABLE article_feeds (
            article_id TEXT NOT NULL,
            feed_id TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (article_id, feed_id)
        )""",
    """CREATE TABLE baseline_articles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            published TEXT,
            summary TEXT NOT NULL,
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL
        )""",
    """CREATE TABLE baseline_facts (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            date TEXT,
            statement TEXT NOT NULL,
            actors TEXT NOT NULL,
            sources TEXT NOT NULL,
            keywords TEXT NOT NULL
        )""",
    """CREATE TABLE update_state (
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
    """CREATE TABLE article_analysis (
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
    """CREATE TABLE update_links (
            update_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            copy_of TEXT,
            evidence TEXT NOT NULL,
            score REAL NOT NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (update_id, article_id)
        )""",
    """CREATE TABLE fact_links (
            fact_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            evidence TEXT NOT NULL,
            score REAL NOT NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (fact_id, article_id)
        )""",
    """CREATE TABLE contradictions (
            article_id TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            claim TEXT NOT NULL,
            fact_statement TEXT NOT NULL,
            description TEXT NOT NULL,
            found_at TEXT NOT NULL,
            PRIMARY KEY (article_id, fact_id)
        )""",
    """CREATE TABLE digests (
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
    """CREATE TABLE digest_items (
            channel TEXT NOT NULL,
            item TEXT NOT NULL,
            digest_id TEXT NOT NULL,
            PRIMARY KEY (channel, item)
        )""",
    """CREATE INDEX articles_relevant ON articles (relevant, first_seen)""",
    """CREATE INDEX articles_feed ON articles (feed)""",
    """CREATE INDEX articles_published ON articles (published)""",
    """CREATE INDEX article_feeds_feed ON article_feeds (feed_id)""",
    """CREATE INDEX update_links_article ON update_links (article_id)""",
    """CREATE INDEX fact_links_article ON fact_links (article_id)""",
    """CREATE INDEX update_state_first_seen ON update_state (first_seen)""",
    """CREATE INDEX digests_status ON digests (status, channel)""",
    """CREATE VIEW feeds AS 
        SELECT s.id, s.name, s.url, s.current_url, s.status, s.failures, s.last_error,
               s.last_error_reason, s.last_error_at, s.etag, s.last_modified,
               c.last_checked, c.last_ok, c.next_check, c.checks,
               (SELECT count(*) FROM article_feeds f WHERE f.feed_id = s.id) AS articles,
               (SELECT count(*) FROM article_feeds f JOIN articles a ON a.id = f.article_id
                 WHERE f.feed_id = s.id AND a.relevant = 1) AS relevant_articles
        FROM feed_state s LEFT JOIN feed_checks c ON c.feed_id = s.id""",
    """CREATE VIEW relevant_articles AS 
        SELECT id, url, title, published, feed, score, reason, first_seen, summary
        FROM articles WHERE relevant = 1""",
    """CREATE VIEW judgements AS 
        SELECT position, json_extract(data, '$.article_id') AS article_id,
               json_extract(data, '$.relevant') AS relevant,
               json_extract(data, '$.score') AS score,
               json_extract(data, '$.reason') AS reason,
               json_extract(data, '$.method') AS method,
               recorded_at
        FROM events WHERE type = 'RelevanceJudged'""",
    """CREATE VIEW updates AS 
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
    """CREATE VIEW update_sources AS 
        SELECT l.update_id, l.article_id, a.url, a.title, a.feed, s.name AS feed_name,
               a.published, l.copy_of, l.evidence, l.score, l.linked_at
        FROM update_links l JOIN articles a ON a.id = l.article_id
        LEFT JOIN feed_state s ON s.id = a.feed""",
    """CREATE VIEW fact_sources AS 
        SELECT l.fact_id, f.statement, l.article_id, a.url, a.title, a.feed, l.evidence,
               l.score, l.linked_at
        FROM fact_links l JOIN articles a ON a.id = l.article_id
        JOIN baseline_facts f ON f.id = l.fact_id""",
    """CREATE VIEW deliveries AS 
        SELECT channel, id AS digest_id, status, attempts, composed_at, delivered_at,
               next_attempt, last_error, updates, subject
        FROM digests""",
    """CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
    "title", "summary", "content",
    tokenize='unicode61 remove_diacritics 2',
    content="articles"
)""",
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
)
"""Schema 1, statement by statement, in the order it was created: the events table and
its guards; ``feed_checks``, operational state that is not history (when each feed was
last checked and what the body looked like, so the scheduler can pace itself; losing
it costs one extra fetch per feed, never an event); then the projections (tables,
indexes, views, the articles' full-text index in the layout sqlite-utils expects and
the triggers that keep it in step with edits)."""


def _v1(db: sqlite_utils.Database) -> None:
    # Statement by statement: executescript() would commit our transaction.
    for statement in V1_SCHEMA:
        db.conn.execute(statement)


def _v2(db: sqlite_utils.Database) -> None:
    # New articles are indexed for full-text search by their projection handler now.
    db.conn.execute("DROP TRIGGER IF EXISTS articles_ai")


V3_SCHEMA = (
    "ALTER TABLE update_state ADD COLUMN summary_language TEXT",
    "ALTER TABLE update_state ADD COLUMN summary_article TEXT",
    "ALTER TABLE update_state ADD COLUMN languages TEXT",
    "ALTER TABLE update_state ADD COLUMN initial_confidence REAL",
    "ALTER TABLE article_analysis ADD COLUMN language TEXT",
    "ALTER TABLE article_analysis ADD COLUMN signals TEXT",
    "ALTER TABLE article_analysis ADD COLUMN outlet TEXT",
    "ALTER TABLE article_analysis ADD COLUMN position INTEGER",
    "DROP VIEW updates",
    """CREATE VIEW updates AS 
        SELECT u.id, u.kind, u.summary, u.event_date, u.first_seen,
               (SELECT count(*) FROM update_links l
                 WHERE l.update_id = u.id AND l.copy_of IS NULL) AS sources,
               (SELECT count(*) FROM update_links l WHERE l.update_id = u.id) AS articles,
               (SELECT count(DISTINCT coalesce(x.outlet, f.feed_id)) FROM update_links l
                 JOIN article_feeds f ON f.article_id = l.article_id
                 LEFT JOIN article_analysis x ON x.article_id = l.article_id
                 WHERE l.update_id = u.id) AS outlets,
               u.background, u.confidence, u.actors, u.evidence, u.article_id AS first_article,
               u.languages, u.summary_language
        FROM update_state u
        WHERE EXISTS (SELECT 1 FROM update_links l WHERE l.update_id = u.id)""",
    "DROP VIEW update_sources",
    """CREATE VIEW update_sources AS 
        SELECT l.update_id, l.article_id, a.url, a.title, a.feed, s.name AS feed_name,
               a.published, l.copy_of, l.evidence, l.score, l.linked_at,
               coalesce(x.language, a.language) AS language, x.outlet
        FROM update_links l JOIN articles a ON a.id = l.article_id
        LEFT JOIN feed_state s ON s.id = a.feed
        LEFT JOIN article_analysis x ON x.article_id = l.article_id""",
)
"""Schema 3: the analysis on language-independent evidence (issue 13). An article's
analysis keeps its language, its evidence (``signals``), its publisher and its place in
the log; an update keeps the language of its summary, its sources' languages and the
confidence it opened with. The ``updates`` view counts outlets by publisher and lists
languages; ``update_sources`` gives each source's language and publisher. Old rows keep
NULL in the new columns: their events carried none of it."""


def _v3(db: sqlite_utils.Database) -> None:
    for statement in V3_SCHEMA:
        db.conn.execute(statement)


V4_SCHEMA = (
    """CREATE TABLE update_merges (
            update_id TEXT PRIMARY KEY,
            into_update TEXT NOT NULL,
            score REAL NOT NULL,
            reason TEXT NOT NULL,
            merged_at TEXT NOT NULL
        )""",
)
"""Schema 4: updates found to be one development are merged (``UpdateMerged``); the
table says which update went into which, with the score and the reason."""


def _v4(db: sqlite_utils.Database) -> None:
    for statement in V4_SCHEMA:
        db.conn.execute(statement)


V5_SCHEMA = (
    """CREATE TABLE update_merge_sources (
            update_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (update_id, article_id)
        )""",
    "CREATE INDEX update_merge_sources_article ON update_merge_sources (article_id)",
)
"""Schema 5: the articles each merge moved, so that ``update_merges`` shows only the merges
the newest analysis stands by (see ``projections/merges.py``). Merges recorded before
have none until ``tracker rebuild`` replays them."""


def _v5(db: sqlite_utils.Database) -> None:
    for statement in V5_SCHEMA:
        db.conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5]


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
