"""The story: the baseline, the updates, and what each relevant article says; and the
reads of them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from tracker import events as ev
from tracker.eventlog.projections import merges
from tracker.eventlog.projections.base import handles
from tracker.eventlog.types import StoredEvent

TABLES = {
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
            features TEXT NOT NULL,
            summary_language TEXT,
            summary_article TEXT,
            languages TEXT,
            initial_confidence REAL
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
            analysed_at TEXT NOT NULL,
            language TEXT,
            signals TEXT,
            outlet TEXT,
            position INTEGER
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
}

INDEXES = [
    "CREATE INDEX update_links_article ON update_links (article_id)",
    "CREATE INDEX fact_links_article ON fact_links (article_id)",
    "CREATE INDEX update_state_first_seen ON update_state (first_seen)",
]

VIEWS = {
    "updates": """
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
    "update_sources": """
        SELECT l.update_id, l.article_id, a.url, a.title, a.feed, s.name AS feed_name,
               a.published, l.copy_of, l.evidence, l.score, l.linked_at,
               coalesce(x.language, a.language) AS language, x.outlet
        FROM update_links l JOIN articles a ON a.id = l.article_id
        LEFT JOIN feed_state s ON s.id = a.feed
        LEFT JOIN article_analysis x ON x.article_id = l.article_id""",
    "fact_sources": """
        SELECT l.fact_id, f.statement, l.article_id, a.url, a.title, a.feed, l.evidence,
               l.score, l.linked_at
        FROM fact_links l JOIN articles a ON a.id = l.article_id
        JOIN baseline_facts f ON f.id = l.fact_id""",
}


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


@handles(ev.UpdateRecorded)
def _update_recorded(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.UpdateRecorded)
    conn.execute(
        "INSERT INTO update_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.update_id, e.kind, e.summary, e.event_date, item.recorded_at, int(e.background),
         json.dumps(e.actors, ensure_ascii=False), e.evidence, e.article_id, e.confidence,
         e.method, json.dumps(e.features, ensure_ascii=False, sort_keys=True),
         e.summary_language, e.article_id,
         json.dumps([e.summary_language] if e.summary_language else []), e.confidence),
    )


@handles(ev.UpdateRevised)
def _update_revised(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.UpdateRevised)
    conn.execute(
        "UPDATE update_state SET summary = ?, kind = ?, confidence = ?, summary_language = ?,"
        " summary_article = ?, languages = ? WHERE id = ?",
        (e.summary, e.kind, e.confidence, e.summary_language, e.summary_article,
         json.dumps(e.languages), e.update_id))


@handles(ev.ArticleAnalysed)
def _article_analysed(conn: sqlite3.Connection, item: StoredEvent) -> None:
    e = item.event
    assert isinstance(e, ev.ArticleAnalysed)
    # The newest analysis of an article replaces what its earlier ones linked.
    for table in ("update_links", "fact_links", "contradictions"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (e.article_id,))
    conn.execute(
        "INSERT OR REPLACE INTO article_analysis"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.article_id, e.outcome, e.update_id, e.copy_of, e.event_date, e.score, e.reason,
         e.method, item.recorded_at, e.language,
         json.dumps(e.signals, ensure_ascii=False, sort_keys=True) if e.signals else None,
         e.outlet, item.position),
    )
    if e.update_id:
        conn.execute(
            "INSERT INTO update_links VALUES (?, ?, ?, ?, ?, ?)",
            (e.update_id, e.article_id, e.copy_of, e.evidence, e.score, item.recorded_at),
        )
    merges.settle(conn, e.article_id, e.update_id)
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


# -- reading ------------------------------------------------------------------------------


def baseline_facts(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, str, list[str]]]:
    """Every baseline fact by id: id, kind, date, statement, keywords."""
    return [(fact_id, kind, day, statement, json.loads(keywords))
            for fact_id, kind, day, statement, keywords in conn.execute(
                "SELECT id, kind, date, statement, keywords FROM baseline_facts ORDER BY id")]


def corroborated_facts(conn: sqlite3.Connection
                       ) -> list[tuple[str, str, str | None, str, int]]:
    """Every baseline fact by id: id, kind, date, statement, and how many articles
    are linked to it."""
    return list(conn.execute(
        "SELECT f.id, f.kind, f.date, f.statement,"
        " (SELECT count(*) FROM fact_links l WHERE l.fact_id = f.id)"
        " FROM baseline_facts f ORDER BY f.id"))


def fact_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM baseline_facts").fetchone()[0])


def update_ids(conn: sqlite3.Connection) -> set[str]:
    """The id of every update recorded."""
    return {row[0] for row in conn.execute("SELECT id FROM update_state")}


@dataclass(frozen=True)
class AnalysedArticle:
    """An article's newest analysis as the story's memory replays it."""

    article_id: str
    title: str
    summary: str
    outcome: str
    update_id: str | None
    fact_ids: tuple[str, ...]
    language: str | None
    signals: dict[str, object]
    outlet: str
    opened: bool
    """This article opened its update."""
    initial_confidence: float
    background: bool


def analysed_articles(conn: sqlite3.Connection) -> list[AnalysedArticle]:
    """Every article analysed as part of the story, in the order of its analysis."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.summary, x.outcome, x.update_id,"
        " (SELECT group_concat(fact_id, ' ') FROM fact_links f WHERE f.article_id = a.id),"
        " x.language, x.signals, coalesce(x.outlet, a.feed), u.article_id = a.id,"
        " coalesce(u.initial_confidence, u.confidence), u.background"
        " FROM article_analysis x JOIN articles a ON a.id = x.article_id"
        " LEFT JOIN update_state u ON u.id = x.update_id"
        " WHERE x.outcome != 'none' ORDER BY x.position, x.analysed_at, a.rowid")
    return [AnalysedArticle(article_id, title, summary, outcome, update_id,
                            tuple((fact_ids or "").split()), language,
                            json.loads(signals) if signals else {}, outlet or "",
                            bool(opened), float(confidence or 0.0), bool(background))
            for (article_id, title, summary, outcome, update_id, fact_ids, language, signals,
                 outlet, opened, confidence, background) in rows]


@dataclass(frozen=True)
class LinkedUpdate:
    """An update with at least one article linked to it."""

    update_id: str
    kind: str
    summary: str
    event_date: str | None
    first_seen: str
    background: bool
    confidence: float
    actors: list[str]


def linked_updates(conn: sqlite3.Connection) -> list[LinkedUpdate]:
    """The updates with linked articles, newest development first."""
    return [LinkedUpdate(u, k, s, d, f, bool(b), c, json.loads(a))
            for u, k, s, d, f, b, c, a in conn.execute(
                "SELECT id, kind, summary, event_date, first_seen, background, confidence,"
                " actors FROM update_state u"
                " WHERE EXISTS (SELECT 1 FROM update_links l WHERE l.update_id = u.id)"
                " ORDER BY coalesce(event_date, substr(first_seen, 1, 10)) DESC,"
                " first_seen DESC")]


def links(conn: sqlite3.Connection, update_id: str) -> list[tuple[str, str | None]]:
    """The articles linked to ``update_id`` in the order they were: id, copy of."""
    return list(conn.execute(
        "SELECT article_id, copy_of FROM update_links WHERE update_id = ?"
        " ORDER BY linked_at, article_id", (update_id,)))


def source_signals(conn: sqlite3.Connection, update_id: str) -> list[str | None]:
    """The recorded evidence (``article_analysis.signals``, JSON) of each article linked
    to ``update_id`` that is no copy of another, in the order they were linked."""
    return [row[0] for row in conn.execute(
        "SELECT x.signals FROM update_links l"
        " JOIN article_analysis x ON x.article_id = l.article_id"
        " WHERE l.update_id = ? AND l.copy_of IS NULL ORDER BY l.linked_at, l.article_id",
        (update_id,))]


def headline(conn: sqlite3.Connection, update_id: str) -> tuple[str, int] | None:
    """An update's summary now and how many outlets carry it (0 with no article linked),
    or None if there is no such update."""
    row = conn.execute("SELECT summary FROM update_state WHERE id = ?",
                       (update_id,)).fetchone()
    if row is None:
        return None
    outlets = conn.execute("SELECT outlets FROM updates WHERE id = ?", (update_id,)).fetchone()
    return str(row[0]), int(outlets[0]) if outlets else 0


def contradiction_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    """Every contradiction of the baseline as found: article, fact, claim, fact
    statement, description."""
    return list(conn.execute(
        "SELECT article_id, fact_id, claim, fact_statement, description"
        " FROM contradictions ORDER BY found_at"))


def update_days(conn: sqlite3.Connection) -> list[str]:
    """The day (ISO) of each update that is news, not background: its development's
    date, else the day it was opened."""
    return [row[0] for row in conn.execute(
        "SELECT substr(coalesce(event_date, first_seen), 1, 10) FROM updates"
        " WHERE background = 0")]


def baseline_date(conn: sqlite3.Connection) -> str | None:
    """The day of the newest baseline article, where the story's timeline starts."""
    value = conn.execute(
        "SELECT max(substr(published, 1, 10)) FROM baseline_articles").fetchone()[0]
    return str(value) if value else None
