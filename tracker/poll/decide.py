"""Pure decisions of a polling cycle: which events a fetch and its items produce.

Nothing here does I/O. Given what is known (a feed's state, the articles already
recorded) and what was just fetched and parsed, these functions return the events to
append and when to look again. Polling the same unchanged feed twice yields no events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker import events as ev
from tracker.analysis.compare import METHOD as ANALYSIS_METHOD
from tracker.analysis.compare import Decision, Knowledge, compare
from tracker.analysis.concepts import Lexicon
from tracker.analysis.extract import analyse
from tracker.analysis.judge import CompiledStory, Judgement, judge
from tracker.analysis.text import shingles
from tracker.config import FeedConfig, ScheduleSettings
from tracker.ingest.fetch import FetchResult
from tracker.ingest.parse import Item

IRRELEVANT_SUMMARY_LIMIT = 1000


@dataclass(frozen=True)
class FeedState:
    """What the projection knows about a feed before this poll."""

    feed_id: str
    current_url: str
    status: str
    etag: str | None
    last_modified: str | None
    failures: int


@dataclass(frozen=True)
class KnownArticle:
    article_id: str
    content_hash: str
    relevant: bool
    score: float | None
    feeds: frozenset[str]


@dataclass(frozen=True)
class Failure:
    """A fetch or parse failure, in the shape the feed's events record it."""

    reason: str
    message: str
    http_status: int | None = None
    retry_after: float | None = None


def feed_events(
    feed: FeedConfig, state: FeedState | None, result: FetchResult, failure: Failure | None
) -> list[ev.Event]:
    """Events for the feed's own stream after one poll.

    ``failure`` is set when the fetch failed or the body could not be parsed; cache
    validators are only recorded for bodies that parsed, so a broken body is fetched
    again rather than answered with 304 for ever.
    """
    out: list[ev.Event] = []
    if state is None:
        out.append(ev.FeedRegistered(feed_id=feed.id, url=feed.url, name=feed.name))
        state = FeedState(feed.id, feed.url, "ok", None, None, 0)
    if failure is not None:
        if failure.reason == "gone":
            out.append(ev.FeedRetired(feed_id=feed.id, url=state.current_url,
                                      http_status=failure.http_status or 410,
                                      reason=failure.reason))
        else:
            out.append(ev.FeedFetchFailed(
                feed_id=feed.id, url=state.current_url, reason=failure.reason,
                message=failure.message, http_status=failure.http_status,
                failures=state.failures + 1, retry_after=failure.retry_after))
        return out
    if state.failures:
        out.append(ev.FeedRecovered(feed_id=feed.id, after_failures=state.failures))
    if result.moved_to and result.moved_to != state.current_url:
        out.append(ev.FeedMoved(feed_id=feed.id, old_url=state.current_url,
                                new_url=result.moved_to,
                                http_status=result.redirect_status or 301))
        state = FeedState(feed.id, result.moved_to, state.status, None, None, 0)
    if (result.etag, result.last_modified) != (state.etag, state.last_modified):
        out.append(ev.FeedValidatorsChanged(feed_id=feed.id, etag=result.etag,
                                            last_modified=result.last_modified))
    return out


def article_events(
    feed_id: str, items: Sequence[Item], known: Mapping[str, KnownArticle],
    story: CompiledStory,
) -> list[ev.Event]:
    """Events for the items of one fetched feed, against the articles already known."""
    out: list[ev.Event] = []
    done: set[str] = set()
    for item in items:
        article_id = item.article_id(feed_id)
        if article_id in done:  # the same entry twice in one feed: the first one counts
            continue
        done.add(article_id)
        previous = known.get(article_id)
        if previous is None:
            judgement = judge_item(story, item)
            out.append(_recorded(article_id, feed_id, item, judgement))
            out.append(_judged(article_id, judgement))
            continue
        if feed_id not in previous.feeds:
            out.append(ev.ArticleListed(article_id=article_id, feed_id=feed_id))
        if item.content_hash != previous.content_hash:
            judgement = judge_item(story, item)
            out.append(ev.ArticleRevised(
                article_id=article_id, feed_id=feed_id, title=item.title,
                published=item.published, summary=_summary(item, judgement),
                content=item.content if judgement.relevant else None,
                content_hash=item.content_hash))
            if (judgement.relevant, judgement.score) != (previous.relevant, previous.score):
                out.append(_judged(article_id, judgement))
    return out


@dataclass(frozen=True)
class ArticleText:
    """The text of an article as the judging stages read it."""

    article_id: str
    title: str
    summary: str
    content: str | None
    published: str | None

    @property
    def body(self) -> str:
        return self.summary if not self.content else f"{self.summary}\n{self.content}"

    @property
    def lead(self) -> frozenset[str]:
        """Shingles of the headline and the start of the text, for copy detection."""
        return shingles(f"{self.title}\n{self.summary[:400]}")


def analysis_events(
    article: ArticleText, relevance: float, story: CompiledStory, lexicon: Lexicon,
    knowledge: Knowledge, today: date,
) -> tuple[list[ev.Event], Decision]:
    """The analysis of one relevant article against ``knowledge``, as events."""
    analysis = analyse(story, lexicon, article.title, article.body, _day(article.published),
                       seen=today)
    decision = compare(article.article_id, analysis, article.lead,
                       f"{article.title}\n{article.body}", knowledge, relevance=relevance)
    out: list[ev.Event] = []
    if decision.new_update is not None:
        n = decision.new_update
        out.append(ev.UpdateRecorded(
            update_id=n.update_id, kind=n.kind, summary=n.summary, event_date=n.event_date,
            actors=list(n.actors), evidence=n.evidence, article_id=article.article_id,
            confidence=n.confidence, background=n.background, features=dict(n.features),
            method=ANALYSIS_METHOD))
    out.append(ev.ArticleAnalysed(
        article_id=article.article_id, method=ANALYSIS_METHOD, outcome=decision.outcome,
        update_id=decision.update_id, copy_of=decision.copy_of,
        facts=[{"fact_id": f.fact_id, "score": f.score, "evidence": f.evidence}
               for f in decision.facts],
        contradictions=[{"fact_id": c.fact_id, "claim": c.claim,
                         "fact_statement": c.fact_statement, "description": c.description}
                        for c in decision.contradictions],
        event_date=(analysis.event_date.iso() if analysis.event_date
                    and analysis.event_date.source != "seen" else None),
        evidence=analysis.main.text, score=decision.score, reason=decision.reason))
    return out, decision


def withdrawn_analysis(article_id: str, reason: str) -> ev.ArticleAnalysed:
    """An analysis that unlinks an article no longer judged relevant."""
    return ev.ArticleAnalysed(
        article_id=article_id, method=ANALYSIS_METHOD, outcome="none", update_id=None,
        copy_of=None, facts=[], contradictions=[], event_date=None, evidence="", score=0.0,
        reason=reason)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def judge_item(story: CompiledStory, item: Item) -> Judgement:
    body = item.summary if not item.content else f"{item.summary}\n{item.content}"
    return judge(story, item.title, body)


def next_check(
    schedule: ScheduleSettings, every: float | None, *, failures: int = 0,
    retry_after: float | None = None, ttl: float | None = None, max_age: float | None = None,
) -> float:
    """Seconds until the feed should be polled again (before jitter).

    The largest of the configured interval, the feed's own TTL and Cache-Control
    max-age, any Retry-After and, after failures, an exponential backoff; never more
    than ``schedule.max_interval``.
    """
    wait = every or schedule.every
    for hint in (ttl, max_age, retry_after):
        if hint:
            wait = max(wait, hint)
    if failures:
        wait = max(wait, schedule.backoff_base * 2 ** min(failures - 1, 20))
    return min(wait, schedule.max_interval)


def _recorded(article_id: str, feed_id: str, item: Item, judgement: Judgement) -> ev.Event:
    return ev.ArticleRecorded(
        article_id=article_id, feed_id=feed_id, key=item.key, url=item.url,
        title=item.title, published=item.published, summary=_summary(item, judgement),
        content=item.content if judgement.relevant else None, author=item.author,
        language=item.language, content_hash=item.content_hash)


def _judged(article_id: str, judgement: Judgement) -> ev.Event:
    return ev.RelevanceJudged(article_id=article_id, relevant=judgement.relevant,
                              score=judgement.score, reason=judgement.reason,
                              method=judgement.method)


def _summary(item: Item, judgement: Judgement) -> str:
    # Irrelevant articles keep enough text to audit and re-judge the decision, no more.
    return item.summary if judgement.relevant else item.summary[:IRRELEVANT_SUMMARY_LIMIT]
