"""The story's memory: what is known (baseline facts, recorded updates, recent relevant
articles), kept between polls.

:class:`KnowledgeCache` loads the knowledge from the projections and reloads it only when
another writer changed the store. The analysis itself is part of each poll's pure
decision (:func:`tracker.poll.decide.decide_poll`): the cache supplies the knowledge,
and keeps what the decision learnt once its events are stored.
"""

from __future__ import annotations

from datetime import date

from tracker.analysis.baseline import Baseline
from tracker.analysis.compare import (
    RECENT_LIMIT,
    Knowledge,
    KnownFact,
    KnownUpdate,
    PriorArticle,
)
from tracker.analysis.extract import fact_features
from tracker.eventlog.projections import story
from tracker.eventlog.store import EventStore
from tracker.poll.types import ArticleText, Rules


class KnowledgeCache:
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
        published = date.fromisoformat(baseline.published) if baseline else date.min
        return Knowledge(
            facts=facts,
            # Without a configured cut-off, what the baseline articles knew is the past.
            cutoff=rules.story.cutoff or published,
            baseline_end=date.fromisoformat(baseline.published) if baseline else date.min,
            updates=updates, recent=recent,
            contradictions=baseline.contradictions if baseline else (),
        )
