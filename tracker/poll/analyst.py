"""The story's memory: what is known, kept between polls, and the re-judging of the store.

The :class:`Analyst` keeps the knowledge (baseline facts, recorded updates, recent
relevant articles) in memory between polls and reloads it only when another writer
changed the store. The analysis itself is part of each poll's pure decision
(:func:`tracker.poll.decide.decide_poll`): the analyst supplies the knowledge, and keeps
what the decision learnt once its events are stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime

from tracker import events as ev
from tracker.analysis.baseline import Baseline
from tracker.analysis.compare import (
    RECENT_LIMIT,
    Knowledge,
    KnownFact,
    KnownUpdate,
    PriorArticle,
)
from tracker.analysis.extract import fact_features
from tracker.eventlog.projections import articles, story
from tracker.eventlog.store import EventStore
from tracker.poll.decide import rejudge_article
from tracker.poll.types import ArticleText, Rules

logger = logging.getLogger(__name__)


class Analyst:
    def __init__(self, store: EventStore, rules: Rules, baseline: Baseline | None) -> None:
        self.store = store
        self.rules = rules
        self.baseline = baseline
        self._knowledge_cache: Knowledge | None = None
        self._knowledge_position = -1

    def forget(self) -> None:
        """Drop the knowledge: the store may have lost events it learnt from."""
        self._knowledge_cache = None

    def stored(self, learnt: Knowledge | None) -> None:
        """A poll's events are stored: keep what its decision learnt (when it analysed
        anything); our own append needs no reload."""
        if learnt is not None:
            self._knowledge_cache = learnt
        if self._knowledge_cache is not None:
            self._knowledge_position = self.store.last_position()

    def knowledge(self) -> Knowledge:
        """What the story knows, reloaded only when another writer changed the store."""
        position = self.store.last_position()
        if self._knowledge_cache is None or self._knowledge_position != position:
            self._knowledge_cache = self._load()
            self._knowledge_position = position
        return self._knowledge_cache

    def _load(self) -> Knowledge:
        conn = self.store.db.conn
        rules = self.rules
        facts = tuple(
            KnownFact(fact_id, kind, day, statement,
                      fact_features(rules.story, rules.lexicon, statement, keywords))
            for fact_id, kind, day, statement, keywords in story.baseline_facts(conn))
        updates = [KnownUpdate(*row) for row in story.known_updates(conn)]
        recent = [
            PriorArticle(article_id, ArticleText(article_id, title, summary, None, None).lead,
                         update_id, fact_ids)
            for article_id, title, summary, update_id, fact_ids
            in story.recent_analysed(conn, RECENT_LIMIT)]
        baseline = self.baseline
        return Knowledge(
            facts=facts,
            cutoff=date.fromisoformat(baseline.cutoff) if baseline else date.min,
            baseline_end=date.fromisoformat(baseline.published) if baseline else date.min,
            updates=updates, recent=recent,
            contradictions=baseline.contradictions if baseline else (),
        )

    def rejudge(self, *, batch: int = 500,
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Judge every recorded article again with the current method, oldest first.

        Appends a new relevance decision where it differs from the last one, and a new
        analysis for every relevant article, compared against the baseline and the
        updates this pass itself finds (so a better method is not anchored to the old
        one's updates). Nothing is edited: the old decisions stay in the log.
        """
        conn = self.store.db.conn
        recorded = articles.every_article(conn)
        knowledge = self.knowledge()
        knowledge.updates.clear()
        knowledge.recent.clear()
        existing = story.update_ids(conn)
        today = datetime.now(UTC).date()
        counts = {"articles": 0, "relevance_changed": 0, "analysed": 0, "events": 0}
        pending: list[ev.Event] = []
        for article in recorded:
            rejudged = rejudge_article(article, self.rules, knowledge, existing, today)
            pending += rejudged.events
            counts["relevance_changed"] += rejudged.relevance_changed
            counts["analysed"] += rejudged.analysed
            counts["articles"] += 1
            if len(pending) >= batch:
                counts["events"] += len(self.store.append(pending))
                pending = []
            if progress is not None:
                progress(1)
        counts["events"] += len(self.store.append(pending))
        self.forget()
        logger.info("rejudge status=ok %s", " ".join(f"{k}={v}" for k, v in counts.items()))
        return counts
