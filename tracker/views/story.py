"""The story as of a moment: the baseline and the updates known then, with their sources.

For the present the projections answer directly. For a past moment the story's own
events (baseline, updates, analyses) up to that moment are replayed into a private
in-memory copy of the projections, so the answer is what the tracker knew then, not
today's links filtered by date.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from tracker import events as ev
from tracker.analysis.gist import GistNames, gist_text
from tracker.analysis.provenance import distinct, language_tag, publisher_of
from tracker.eventlog import projections
from tracker.eventlog.projections import articles
from tracker.eventlog.projections import story as story_projection
from tracker.eventlog.store import EventStore
from tracker.notify.wording import plural

STORY_EVENTS = (ev.BaselineArticleRecorded.TYPE, ev.BaselineFactRecorded.TYPE,
                ev.UpdateRecorded.TYPE, ev.ArticleAnalysed.TYPE)


@dataclass(frozen=True)
class Source:
    article_id: str
    title: str
    url: str | None
    outlet: str | None
    """The feed's name."""
    published: str | None
    copy_of: str | None
    publisher: str | None = None
    """Who published it (see :mod:`tracker.analysis.provenance`); when not given, derived
    from the URL, else the feed's name (:attr:`publisher_name`)."""
    language: str | None = None
    """The article's language as recorded, or None until one is identified."""

    @property
    def publisher_name(self) -> str:
        return self.publisher or publisher_of(self.url, None, self.outlet)

    @property
    def label(self) -> str:
        """``bbc.co.uk (BBC News – Asia)``: the publisher, and the feed when it differs."""
        name = self.publisher_name
        return f"{name} ({self.outlet})" if self.outlet and self.outlet != name else name


@dataclass(frozen=True)
class UpdateView:
    id: str
    kind: str
    summary: str
    event_date: str | None
    first_seen: str
    background: bool
    confidence: float
    actors: list[str]
    sources: list[Source]
    gist: str = ""
    """What, who, where and how much in the story's language (:mod:`tracker.analysis.gist`)."""

    @property
    def publishers(self) -> list[str]:
        return distinct(s.publisher_name for s in self.sources)

    @property
    def outlets(self) -> int:
        """Publishers, not feeds: one aggregator feed can carry several."""
        return len(self.publishers)

    @property
    def languages(self) -> list[str]:
        return distinct(language_tag(s.language) for s in self.sources)


@dataclass(frozen=True)
class FactView:
    id: str
    kind: str
    date: str | None
    statement: str
    corroborations: int


@dataclass(frozen=True)
class ContradictionView:
    fact_id: str
    fact_statement: str
    claim: str
    description: str
    source: Source


@dataclass(frozen=True)
class Story:
    as_of: str | None
    facts: list[FactView]
    updates: list[UpdateView]
    contradictions: list[ContradictionView]
    baseline_date: str | None = None
    """When the newest article the baseline was written from was published."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def story(store: EventStore, as_of: str | None = None, names: GistNames | None = None
          ) -> Story:
    """The story now, or as it stood at ``as_of`` (an ISO date or time, UTC); with
    ``names`` (the story's, see :func:`~tracker.analysis.gist.gist_names`), each update
    with its gist."""
    if as_of is None:
        return _read(store.db.conn, store.db.conn, None, names)
    memory = sqlite_utils.Database(memory=True)
    memory.conn.isolation_level = None
    projections.create(memory)
    cutoff = as_of if "T" in as_of else f"{as_of}T23:59:59.999999+00:00"
    batch = [e for e in store.read(types=STORY_EVENTS) if e.recorded_at <= cutoff]
    projections.apply(memory, batch)
    return _read(memory.conn, store.db.conn, as_of, names)


def _read(story_db: sqlite3.Connection, articles_db: sqlite3.Connection,
          as_of: str | None, names: GistNames | None) -> Story:
    def source(article_id: str, copy_of: str | None) -> Source:
        row = articles.source(articles_db, article_id)
        if row is None:
            return Source(article_id, "", None, None, None, copy_of)
        title, url, outlet, published, language, feed_url = row
        return Source(article_id, title, url, outlet, published, copy_of,
                      publisher_of(url, feed_url, outlet), language)

    def gist(update_id: str) -> str:
        if names is None:
            return ""
        return gist_text(story_projection.source_signals(story_db, update_id), names)

    facts = [FactView(*row) for row in story_projection.corroborated_facts(story_db)]
    updates = [
        UpdateView(id=u.update_id, kind=u.kind, summary=u.summary, event_date=u.event_date,
                   first_seen=u.first_seen, background=u.background, confidence=u.confidence,
                   actors=u.actors,
                   sources=[source(article_id, copy_of) for article_id, copy_of
                            in story_projection.links(story_db, u.update_id)],
                   gist=gist(u.update_id))
        for u in story_projection.linked_updates(story_db)]
    contradictions = [
        ContradictionView(fact_id, statement, claim, description, source(article_id, None))
        for article_id, fact_id, claim, statement, description
        in story_projection.contradiction_rows(story_db)]
    return Story(as_of=as_of, facts=facts, updates=updates, contradictions=contradictions,
                 baseline_date=story_projection.baseline_date(story_db))


@dataclass(frozen=True)
class CoveragePoint:
    week: str
    """ISO date of the Monday that starts the week."""
    articles: int
    """Relevant articles published that week (first seen, when undated)."""
    updates: int
    """Updates whose development happened that week (opened, when undated)."""


MAX_WEEKS = 520


def coverage(store: EventStore) -> list[CoveragePoint]:
    """Weekly counts of relevant articles and updates, every week between the first and
    the last, empty ones included (at most the last ten years)."""
    conn = store.db.conn
    relevant = _weekly(articles.relevant_days(conn))
    updates = _weekly(story_projection.update_days(conn))
    weeks = sorted(relevant.keys() | updates.keys())
    if not weeks:
        return []
    first = max(date.fromisoformat(weeks[0]),
                date.fromisoformat(weeks[-1]) - timedelta(weeks=MAX_WEEKS))
    points = []
    week = first
    while week <= date.fromisoformat(weeks[-1]):
        key = week.isoformat()
        points.append(CoveragePoint(key, relevant.get(key, 0), updates.get(key, 0)))
        week += timedelta(weeks=1)
    return points


def _weekly(days: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for day in days:
        try:
            moment = date.fromisoformat(day[:10]) if len(day) >= 10 else date.fromisoformat(
                f"{day[:7]}-01")
        except ValueError:
            continue
        monday = (moment - timedelta(days=moment.weekday())).isoformat()
        counts[monday] = counts.get(monday, 0) + 1
    return counts


def render_text(view: Story, name: str) -> str:
    """The story as plain text for a terminal."""
    lines = [f"{name}" + (f" (as of {view.as_of})" if view.as_of else "")]
    news = [u for u in view.updates if not u.background]
    background = [u for u in view.updates if u.background]
    lines.append(f"\nUpdates since the baseline: {len(news)}, newest first")
    for update in news:
        lines += _update_lines(update)
    if background:
        lines.append(f"\nBackground (dated before the baseline): {len(background)}")
        for update in background:
            lines += _update_lines(update)
    if view.contradictions:
        lines.append(f"\nContradictions of the baseline: {len(view.contradictions)}")
        for c in view.contradictions:
            lines.append(f"  {c.fact_id}: {c.description}")
            lines.append(f"    known: {c.fact_statement}")
            lines.append(f"    claim: {c.claim}  [{c.source.outlet}: {c.source.url}]")
    lines.append(f"\nBaseline: {len(view.facts)} facts")
    for fact in view.facts:
        lines.append(f"  {fact.id} {fact.date or '':<10} {fact.kind:<13} {fact.statement}"
                     f"  [corroborated by {fact.corroborations}]")
    return "\n".join(lines)


def _update_lines(update: UpdateView) -> list[str]:
    originals = [s for s in update.sources if s.copy_of is None]
    lines = [f"  {update.event_date or update.first_seen[:10]:<10} {update.kind:<13} "
             f"{update.summary}",
             *([f"    gist: {update.gist}"] if update.gist else []),
             f"    {update.id}; {plural(len(originals), 'source')}, "
             f"{plural(update.outlets, 'outlet')} ({', '.join(update.publishers)}); "
             f"{', '.join(update.languages) or 'language not recorded'}; "
             f"confidence {update.confidence:.2f}"]
    for s in update.sources:
        copy = " (copy)" if s.copy_of else ""
        lines.append(f"    - {s.label}: {s.title}{copy} <{s.url or s.article_id}>")
    return lines
