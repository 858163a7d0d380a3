"""Re-judging a store: every recorded article judged and analysed again with the
current method, as ``tracker rejudge`` does."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from tracker import events as ev
from tracker.eventlog.projections import articles, story
from tracker.eventlog.store import EventStore
from tracker.poll.backlog import read_from_pages
from tracker.poll.decide import rejudge_article
from tracker.poll.knowledge import KnowledgeCache
from tracker.poll.ordering import rejudge_order
from tracker.poll.types import Rules

# The rejudge line keeps the logger name it has always had: operators filter on it.
rejudge_logger = logging.getLogger("tracker.poll.analyst")


def rejudge(store: EventStore, rules: Rules, memory: KnowledgeCache, *, batch: int = 500,
            progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Judge every recorded article again with the current method, oldest first.

    Appends a new relevance decision where it differs from the last one, and a new
    analysis for every relevant article, compared against the baseline and the
    updates this pass itself finds (so a better method is not anchored to the old
    one's updates). Nothing is edited: the old decisions stay in the log.
    """
    conn = store.db.conn
    recorded = articles.every_article(conn)
    knowledge = memory.fresh()
    existing = story.update_ids(conn)
    today = datetime.now(UTC).date()
    counts = {"articles": 0, "relevance_changed": 0, "analysed": 0, "events": 0}
    pending: list[ev.Event] = []
    paged = read_from_pages(store)
    for article in rejudge_order(recorded, today, paged):
        rejudged = rejudge_article(article, rules, knowledge, existing, today,
                                   from_page=article.article_id in paged)
        pending += rejudged.events
        counts["relevance_changed"] += rejudged.relevance_changed
        counts["analysed"] += rejudged.analysed
        counts["articles"] += 1
        if len(pending) >= batch:
            counts["events"] += len(store.append(pending))
            pending = []
        if progress is not None:
            progress(1)
    counts["events"] += len(store.append(pending))
    memory.forget()
    rejudge_logger.info("rejudge status=ok %s", " ".join(f"{k}={v}" for k, v in counts.items()))
    return counts
