"""The story's memory: what is known, and the analysis of relevant articles against it.

The :class:`Analyst` keeps the knowledge (baseline facts, recorded updates, recent
relevant articles) in memory between polls and reloads it only when another writer
changed the store; it turns relevant articles into analysis events, and re-judges the
whole store when the method improves.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
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
from tracker.analysis.concepts import Lexicon
from tracker.analysis.extract import fact_features
from tracker.analysis.judge import CompiledStory, judge
from tracker.eventlog.store import EventStore
from tracker.poll.decide import ArticleText, KnownArticle, analysis_events, withdrawn_analysis

logger = logging.getLogger(__name__)


class Analyst:
    def __init__(self, store: EventStore, story: CompiledStory, lexicon: Lexicon,
                 baseline: Baseline | None) -> None:
        self.store = store
        self.story = story
        self.lexicon = lexicon
        self.baseline = baseline
        self._knowledge_cache: Knowledge | None = None
        self._knowledge_position = -1

    def forget(self) -> None:
        """Drop the knowledge: it learnt from events that may not have been stored."""
        self._knowledge_cache = None

    def caught_up(self) -> None:
        """Our own append is already in the knowledge: no reload for it."""
        if self._knowledge_cache is not None:
            self._knowledge_position = self.store.last_position()

    def analyse(self, batch: Sequence[ev.Event], known: dict[str, KnownArticle]
                 ) -> list[ev.Event]:
        """Analyse each article of ``batch`` that is relevant and new or changed."""
        relevance: dict[str, tuple[bool, float]] = {
            a: (k.relevant, k.score or 0.0) for a, k in known.items()}
        texts: dict[str, ArticleText] = {}
        for event in batch:
            if isinstance(event, ev.RelevanceJudged):
                relevance[event.article_id] = (event.relevant, event.score)
            elif isinstance(event, ev.ArticleRecorded | ev.ArticleRevised):
                texts[event.article_id] = ArticleText(event.article_id, event.title,
                                                      event.summary, event.content,
                                                      event.published)
        out: list[ev.Event] = []
        if not texts:
            return out
        knowledge = self.knowledge()
        today = datetime.now(UTC).date()
        for article_id, text in texts.items():
            relevant, score = relevance.get(article_id, (False, 0.0))
            if relevant:
                opened = {u.update_id for u in knowledge.updates}
                events, decision = analysis_events(text, score, self.story, self.lexicon,
                                                   knowledge, today)
                knowledge.learn(article_id, text.lead, decision)
                # A revised article that opens "its" update again reuses the update's id:
                # the update exists, so only the new analysis is recorded.
                out += [e for e in events if not (isinstance(e, ev.UpdateRecorded)
                                                  and e.update_id in opened)]
            elif known.get(article_id) is not None and known[article_id].relevant:
                out.append(withdrawn_analysis(article_id, "no longer judged relevant"))
        return out

    def knowledge(self) -> Knowledge:
        """What the story knows, reloaded only when another writer changed the store."""
        position = self.store.last_position()
        if self._knowledge_cache is not None and self._knowledge_position == position:
            return self._knowledge_cache
        conn = self.store.db.conn
        facts = tuple(
            KnownFact(fact_id, kind, day, statement, fact_features(
                self.story, self.lexicon, statement, json.loads(keywords)))
            for fact_id, kind, day, statement, keywords in conn.execute(
                "SELECT id, kind, date, statement, keywords FROM baseline_facts ORDER BY id"))
        updates = [
            KnownUpdate(update_id, kind, day, summary, json.loads(raw), bool(background))
            for update_id, kind, day, summary, raw, background in conn.execute(
                "SELECT id, kind, event_date, summary, features, background FROM update_state"
                " ORDER BY first_seen, id")]
        recent = [
            PriorArticle(article_id,
                         ArticleText(article_id, title, summary, None, None).lead,
                         update_id, tuple((fact_ids or "").split()))
            for article_id, title, summary, update_id, fact_ids in conn.execute(
                "SELECT a.id, a.title, a.summary, x.update_id,"
                " (SELECT group_concat(fact_id, ' ') FROM fact_links f"
                "  WHERE f.article_id = a.id)"
                " FROM article_analysis x JOIN articles a ON a.id = x.article_id"
                " WHERE x.outcome != 'none' ORDER BY a.first_seen DESC LIMIT ?",
                (RECENT_LIMIT,))][::-1]
        baseline = self.baseline
        published = date.fromisoformat(baseline.published) if baseline else date.min
        self._knowledge_cache = Knowledge(
            facts=facts,
            # Without a configured cut-off, what the baseline articles knew is the past.
            cutoff=self.story.cutoff or published,
            baseline_end=date.fromisoformat(baseline.published) if baseline else date.min,
            updates=updates, recent=recent,
            contradictions=baseline.contradictions if baseline else (),
        )
        self._knowledge_position = position
        return self._knowledge_cache

    def rejudge(self, *, batch: int = 500,
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Judge every recorded article again with the current method, oldest first.

        Appends a new relevance decision where it differs from the last one, and a new
        analysis for every relevant article, compared against the baseline and the
        updates this pass itself finds (so a better method is not anchored to the old
        one's updates). Nothing is edited: the old decisions stay in the log.
        """
        conn = self.store.db.conn
        rows = conn.execute(
            "SELECT a.id, a.title, a.summary, a.content, a.published, a.relevant, a.score,"
            " a.judged_by, x.outcome FROM articles a"
            " LEFT JOIN article_analysis x ON x.article_id = a.id"
            " ORDER BY a.first_seen, a.rowid").fetchall()
        knowledge = self.knowledge()
        knowledge.updates.clear()
        knowledge.recent.clear()
        existing = {row[0] for row in conn.execute("SELECT id FROM update_state")}
        today = datetime.now(UTC).date()
        counts = {"articles": 0, "relevance_changed": 0, "analysed": 0, "events": 0}
        pending: list[ev.Event] = []
        for article_id, title, summary, content, published, relevant, score, method, outcome \
                in rows:
            text = ArticleText(article_id, title, summary, content, published)
            judgement = judge(self.story, title, text.body)
            if (judgement.relevant, judgement.score, judgement.method) != (
                    bool(relevant), score, method):
                pending.append(ev.RelevanceJudged(
                    article_id=article_id, relevant=judgement.relevant, score=judgement.score,
                    reason=judgement.reason, method=judgement.method))
                counts["relevance_changed"] += 1
            if judgement.relevant:
                found, decision = analysis_events(text, judgement.score, self.story,
                                                  self.lexicon, knowledge, today)
                knowledge.learn(article_id, text.lead, decision)
                pending += [e for e in found if not (
                    isinstance(e, ev.UpdateRecorded) and e.update_id in existing)]
                counts["analysed"] += 1
            elif outcome not in (None, "none"):
                pending.append(withdrawn_analysis(article_id, "no longer judged relevant"))
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
