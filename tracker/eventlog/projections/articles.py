"""Articles: every article seen, where it was listed, and the latest relevance decision."""

from __future__ import annotations

import sqlite3

from tracker import events as ev
from tracker.eventlog.projections.base import handles
from tracker.eventlog.types import StoredEvent

TABLES = {
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
}

INDEXES = [
    "CREATE INDEX articles_relevant ON articles (relevant, first_seen)",
    "CREATE INDEX articles_feed ON articles (feed)",
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX article_feeds_feed ON article_feeds (feed_id)",
]

VIEWS = {
    "relevant_articles": """
        SELECT id, url, title, published, feed, score, reason, first_seen, summary
        FROM articles WHERE relevant = 1""",
    "judgements": """
        SELECT position, json_extract(data, '$.article_id') AS article_id,
               json_extract(data, '$.relevant') AS relevant,
               json_extract(data, '$.score') AS score,
               json_extract(data, '$.reason') AS reason,
               json_extract(data, '$.method') AS method,
               recorded_at
        FROM events WHERE type = 'RelevanceJudged'""",
}


@handles(ev.ArticleRecorded)
def _article_recorded(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.ArticleRecorded)
    row = conn.execute(
        "INSERT INTO articles (id, url, title, published, feed, first_seen, last_changed,"
        " summary, content, author, language, key, content_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.article_id, e.url, e.title, e.published, e.feed_id, item.recorded_at,
         item.recorded_at, e.summary, e.content, e.author, e.language, e.key, e.content_hash),
    ).lastrowid
    # The full-text index, here and not by trigger (see projections.FTS_TRIGGERS).
    conn.execute("INSERT INTO articles_fts (rowid, title, summary, content) VALUES (?, ?, ?, ?)",
                 (row, e.title, e.summary, e.content))
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


@handles(ev.RelevanceJudged)
def _judged(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.RelevanceJudged)
    conn.execute(
        "UPDATE articles SET relevant = ?, score = ?, reason = ?, judged_by = ? WHERE id = ?",
        (int(e.relevant), e.score, e.reason, e.method, e.article_id),
    )
