"""Articles: every article seen, where it was listed, and the latest relevance decision;
and the reads of them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tracker import events as ev
from tracker.eventlog.projections.base import handles, in_chunks
from tracker.eventlog.types import KnownArticle, RecordedArticle, StoredEvent

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


# -- reading ------------------------------------------------------------------------------


def known(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, KnownArticle]:
    """The recorded articles among ``article_ids``, with the feeds that list them."""
    ids = list(dict.fromkeys(article_ids))
    found: dict[str, KnownArticle] = {}
    for chunk, marks in in_chunks(ids):
        rows = conn.execute(
            f"SELECT a.id, a.content_hash, a.relevant, a.score,"
            f" (SELECT group_concat(feed_id, ' ') FROM article_feeds f"
            f"  WHERE f.article_id = a.id)"
            f" FROM articles a WHERE a.id IN ({marks})", chunk).fetchall()
        for article_id, content_hash, relevant, score, feeds in rows:
            found[article_id] = KnownArticle(article_id, content_hash, bool(relevant), score,
                                             frozenset((feeds or "").split()))
    return found


def count(conn: sqlite3.Connection, *, relevant: bool = False) -> int:
    """How many articles are recorded (only those judged relevant, with ``relevant``)."""
    where = " WHERE relevant = 1" if relevant else ""
    return int(conn.execute(f"SELECT count(*) FROM articles{where}").fetchone()[0])


def every_article(conn: sqlite3.Connection) -> list[RecordedArticle]:
    """Every recorded article, oldest first (by when it was seen, then as recorded)."""
    return _recorded_articles(conn, "")


def unanalysed(conn: sqlite3.Connection) -> list[RecordedArticle]:
    """The articles judged relevant that no analysis was recorded for, oldest first: a
    polling cycle records them before it analyses them, and may stop in between."""
    return _recorded_articles(conn, " WHERE a.relevant = 1 AND x.article_id IS NULL")


def _recorded_articles(conn: sqlite3.Connection, where: str) -> list[RecordedArticle]:
    return [RecordedArticle(a, t, s, c, p, bool(r), score, j, x, url, feed, seen)
            for a, t, s, c, p, r, score, j, x, url, feed, seen in conn.execute(
                "SELECT a.id, a.title, a.summary, a.content, a.published, a.relevant, a.score,"
                " a.judged_by, x.outcome, a.url, a.feed, a.first_seen FROM articles a"
                f" LEFT JOIN article_analysis x ON x.article_id = a.id{where}"
                " ORDER BY a.first_seen, a.rowid")]


def source(conn: sqlite3.Connection, article_id: str
           ) -> tuple[str, str | None, str | None, str | None, str | None, str | None] | None:
    """Title, address, outlet (the feed's name, else its id), publication date, language
    (identified by the analysis, else the feed's) and the feed's address of
    ``article_id``; None if it is not recorded."""
    row = conn.execute(
        "SELECT a.title, a.url, coalesce(s.name, a.feed), a.published,"
        " coalesce(x.language, a.language), s.current_url FROM articles a"
        " LEFT JOIN feed_state s ON s.id = a.feed"
        " LEFT JOIN article_analysis x ON x.article_id = a.id WHERE a.id = ?",
        (article_id,)).fetchone()
    return None if row is None else (row[0], row[1], row[2], row[3], row[4], row[5])


def relevant_days(conn: sqlite3.Connection) -> list[str]:
    """The day (ISO) of each relevant article: published, else first seen."""
    return [row[0] for row in conn.execute(
        "SELECT substr(coalesce(published, first_seen), 1, 10) FROM articles"
        " WHERE relevant = 1")]
