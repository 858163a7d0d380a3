"""The story's memory: what is known (the baseline's evidence, the updates as profiles of
their sources, recent articles), kept between polls.

:class:`KnowledgeCache` builds the knowledge by replaying the analyses recorded in the
store (:func:`tracker.analysis.memory.remember`) and rebuilds it only when another
writer changed the store. The analysis itself is part of each poll's decision
(:func:`tracker.poll.decide.decide_poll`), which learns into the knowledge it is given
(copying it for every poll would cost more than the analysis): when a decision fails,
or its events are not stored (a failed append, a lost group commit), the cache drops
the knowledge and rebuilds it from the store, so what it holds is never ahead of the
log.
"""

from __future__ import annotations

from datetime import date

from tracker.analysis.baseline import Baseline
from tracker.analysis.compare import Knowledge
from tracker.analysis.memory import RecordedAnalysis, StoryFrame, remember
from tracker.eventlog.projections import story
from tracker.eventlog.projections.story import AnalysedArticle
from tracker.eventlog.store import EventStore
from tracker.poll.types import Rules


class KnowledgeCache:
    def __init__(self, store: EventStore, rules: Rules, baseline: Baseline | None) -> None:
        self.store = store
        self.rules = rules
        self.frame = frame_of(rules, baseline)
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
            conn = self.store.db.conn
            self._knowledge_cache = remember(
                self.rules.reader, self.frame,
                (_recorded(row) for row in story.analysed_articles(conn)),
                story.update_ids(conn))
            self._knowledge_position = position
        return self._knowledge_cache

    def fresh(self) -> Knowledge:
        """The baseline's knowledge alone, for re-judging a store from scratch."""
        return remember(self.rules.reader, self.frame)


def frame_of(rules: Rules, baseline: Baseline | None) -> StoryFrame:
    published = date.fromisoformat(baseline.published) if baseline else date.min
    return StoryFrame(
        facts=baseline.facts if baseline else (),
        # Without a configured cut-off, what the baseline articles knew is the past.
        cutoff=rules.story.cutoff or published, baseline_end=published,
        language=rules.language, contradictions=baseline.contradictions if baseline else ())


def _recorded(row: AnalysedArticle) -> RecordedAnalysis:
    return RecordedAnalysis(
        article_id=row.article_id, title=row.title, lead=row.summary, outcome=row.outcome,
        update_id=row.update_id, fact_ids=row.fact_ids, language=row.language,
        signals=row.signals, outlet=row.outlet, opened=row.opened,
        confidence=row.initial_confidence, background=row.background)
