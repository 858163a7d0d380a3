"""The analysis a polling cycle leaves to its end: every feed's articles at once, in the
order their events happened.

A cycle polls its feeds concurrently and records each one as its fetch completes: in an
order that has nothing to do with the news. Analysing each feed's articles as they came
would let the order of fetches decide which report opens an update. An undated report
fetched first would open one that the dated reports of its event, fetched later, should
have opened (and a dated report of a past event would then join an update that is
announced as news). So each feed's articles are recorded and judged as it comes, and
their analyses wait for the end of the cycle, where they are made together in the
order their events happened (:func:`tracker.poll.ordering.in_time`).

What waits lives in memory (:class:`Backlog`): an article whose record a failed commit
lost is dropped from it, and an article whose record was committed but whose analysis
never was (the process stopped first, or the analysis' commit failed) is found in the
store by :func:`unanalysed` and analysed with the next ones.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date

from tracker import events as ev
from tracker.analysis.compare import Knowledge
from tracker.analysis.judge import Judgement
from tracker.eventlog.projections import articles
from tracker.eventlog.store import EventStore
from tracker.poll.decide import article_analysis, needs_knowledge
from tracker.poll.knowledge import KnowledgeCache
from tracker.poll.ordering import in_time, text_of
from tracker.poll.types import ArticleDecision, Rules

logger = logging.getLogger("tracker.poll.backlog")


@dataclass
class Backlog:
    """The articles of this cycle whose analysis waits: those whose records are
    committed, and those whose records wait for their group's commit."""

    committed: list[ArticleDecision] = field(default_factory=list)
    waiting: list[ArticleDecision] = field(default_factory=list)

    def add(self, decisions: Iterable[ArticleDecision], *, committed: bool) -> None:
        (self.committed if committed else self.waiting).extend(decisions)

    def settle(self, done: bool) -> None:
        """The store committed the waiting records (``done``), or lost them."""
        if done:
            self.committed += self.waiting
        self.waiting = []

    def __len__(self) -> int:
        return len(self.committed) + len(self.waiting)

    def take(self) -> list[ArticleDecision]:
        """Everything that waits, once an article (its latest decision), and empty."""
        latest = {d.article_id: d for d in [*self.committed, *self.waiting]}
        self.committed, self.waiting = [], []
        return list(latest.values())


def analyse_backlog(store: EventStore, rules: Rules, memory: KnowledgeCache,
                    decisions: Sequence[ArticleDecision], today: date) -> int:
    """Analyse ``decisions`` in the order their events happened and append their events
    in one go; the number of events appended.

    An article whose analysis fails on a bug is logged and left unanalysed (the next
    time tries it again), so that one odd text does not stop the others: what the ones
    before it decided is appended first, then the knowledge is read afresh. A store
    that fails stops it all (what it lost is polled or caught up again next time)."""
    done: list[ev.Event] = []
    learnt: Knowledge | None = None
    appended = 0
    for article in in_time(decisions, today):
        try:
            if learnt is None and needs_knowledge(article):
                learnt = memory.knowledge()
            events = article_analysis(article, learnt, rules, today)
        except Exception:
            logger.exception("analysis article=%s status=crash", article.article_id)
            appended += _append(store, memory, done, learnt)
            done, learnt = [], None
            memory.forget()  # it may have learnt part of a decision never stored
            continue
        done += events
    appended += _append(store, memory, done, learnt)
    if decisions:
        logger.info("analysis status=ok articles=%d events=%d", len(decisions), appended)
    return appended


def _append(store: EventStore, memory: KnowledgeCache, events: list[ev.Event],
            learnt: Knowledge | None) -> int:
    """Append ``events`` (one transaction: many small commits would each write the
    pages they share again) and keep what the knowledge learnt from them."""
    if not events:
        return 0
    try:
        store.append(events)
    except BaseException:
        memory.forget()  # the store may have lost what it learnt from
        raise
    memory.stored(learnt)
    return len(events)


def unanalysed(store: EventStore, known: Set[str] = frozenset()) -> list[ArticleDecision]:
    """The relevant articles recorded without an analysis (a process stopped between
    recording and analysing them), but those ``known`` (waiting already), as decisions
    to analyse."""
    recorded = [a for a in articles.unanalysed(store.db.conn) if a.article_id not in known]
    if not recorded:
        return []
    paged = read_from_pages(store)
    logger.info("analysis status=catching-up articles=%d", len(recorded))
    return [ArticleDecision(
        a.article_id, (), text=text_of(a, from_page=a.article_id in paged),
        judgement=Judgement(True, a.score or 0.0, "as recorded", a.judged_by or ""))
        for a in recorded]


def read_from_pages(store: EventStore) -> set[str]:
    """The articles whose latest page fetch gave their text (``fetch.full_text``)."""
    latest: dict[str, bool] = {}
    for stored in store.read(types=[ev.ArticlePageFetched.TYPE]):
        assert isinstance(stored.event, ev.ArticlePageFetched)
        latest[stored.event.article_id] = stored.event.ok
    return {article_id for article_id, ok in latest.items() if ok}
