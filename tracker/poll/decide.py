"""Pure decisions of a polling cycle: which events a fetch and its items produce.

Nothing here does I/O. Given what is known (a feed's state, the articles already
recorded, the story's knowledge) and what was just fetched and parsed,
:func:`decide_poll` returns one :class:`~tracker.poll.types.PollResult`: the events to
append (the feed's, the articles', their analyses), the check to record with them and
when to look again. Polling the same unchanged feed twice yields no events.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import replace
from datetime import date

from tracker import events as ev
from tracker.analysis.compare import Knowledge
from tracker.analysis.judge import CompiledStory, Judgement, judge
from tracker.analysis.memory import ArticleInput, analyse, withdrawn_analysis
from tracker.analysis.provenance import publisher_of
from tracker.config import FeedConfig, ScheduleSettings
from tracker.poll.ordering import in_time, published_day, text_of
from tracker.poll.types import (
    ArticleDecision,
    ArticleText,
    CheckRecord,
    Failure,
    FeedState,
    Fetched,
    FetchResult,
    Item,
    Known,
    KnownArticle,
    PageText,
    PollResult,
    RecordedArticle,
    Rejudged,
    Rules,
)

__all__ = [
    # The stage's types, named here too for callers that know them from here.
    "ArticleText", "Failure", "FeedState", "KnownArticle",
    "analyse_articles", "article_analysis", "article_events", "check_record",
    "decide_articles", "decide_poll", "feed_events", "judge_item", "needs_analysis",
    "needs_knowledge", "next_check", "pages_wanted", "poll_outcome", "rejudge_article",
    "to_analyse", "with_pages", "withdrawn_analysis",
]

IRRELEVANT_SUMMARY_LIMIT = 1000
NEAR_THRESHOLD = 0.5
"""In ``relevant`` full-text mode, a teaser scoring this share of the story's threshold
is near enough that its article's page may tip it."""


def decide_poll(feed: FeedConfig, known: Known, fetched: Fetched, rules: Rules,
                today: date, *, defer: bool = False) -> PollResult:
    """Everything one poll of ``feed`` means, against what the store knew.

    The feed's own events, then each item's (recorded, listed, revised, judged), then
    the analysis of the relevant ones against ``known.knowledge``, in that order; the
    check to record with them; and the figures of the poll's log line. ``today`` is
    the day an undated development is taken to have been seen. With ``defer``, the
    analysis is left to the end of the polling cycle: the articles to analyse are
    returned as ``pending``.
    """
    articles = decide_articles(feed.id, with_pages(fetched.items, fetched.pages),
                               known.articles, rules.story, feed_url=feed.url,
                               pages=fetched.pages)
    pending = tuple(a for a in articles if to_analyse(a)) if defer else ()
    analysis, learnt = ([], None) if defer else analyse_articles(
        articles, known.knowledge, rules, today)
    events = (*feed_events(feed, known.state, fetched.result, fetched.failure),
              *(event for article in articles for event in article.events), *analysis)
    return PollResult(
        feed=feed, fetched=fetched, events=events,
        check=check_record(feed, known.state, fetched, rules.schedule),
        new=sum(1 for a in articles if a.new),
        relevant=sum(1 for a in articles if a.new and a.judgement and a.judgement.relevant),
        revised=sum(1 for a in articles if a.revised), knowledge=learnt, pending=pending)


def to_analyse(article: ArticleDecision) -> bool:
    """Whether the article's analysis is to be recorded: new or changed, and relevant
    now or before."""
    return (article.text is not None and article.judgement is not None
            and (article.judgement.relevant or article.was_relevant))


def poll_outcome(fetched: Fetched) -> str:
    """The poll's outcome label: ok, not-modified, unchanged, error or retired."""
    if fetched.failure is None:
        return "unchanged" if fetched.unchanged else fetched.result.outcome
    return "retired" if fetched.failure.reason == "gone" else "error"


def check_record(feed: FeedConfig, state: FeedState | None, fetched: Fetched,
                 schedule: ScheduleSettings) -> CheckRecord:
    """The check row of this poll: its outcome, when to look again and, for a body that
    parsed, the body's hash and the feed's own polling hint."""
    failure = fetched.failure
    failures = (state.failures if state else 0) + 1 if failure else 0
    wait = next_check(schedule, feed.every, failures=failures,
                      retry_after=fetched.result.retry_after, ttl=fetched.ttl,
                      max_age=fetched.result.max_age)
    parsed = fetched.parsed
    return CheckRecord(feed_id=feed.id, outcome=poll_outcome(fetched), ok=failure is None,
                       wait=wait, body_sha256=fetched.body_sha256 if parsed else None,
                       ttl=parsed.ttl if parsed else None)


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


def needs_analysis(feed_id: str, items: Sequence[Item],
                   known: Mapping[str, KnownArticle]) -> bool:
    """Whether any of ``items`` is new or changed, so that deciding on them needs the
    story's knowledge (see :class:`Known`)."""
    seen: set[str] = set()
    for item in items:
        article_id = item.article_id(feed_id)
        if article_id in seen:
            continue
        seen.add(article_id)
        previous = known.get(article_id)
        if previous is None or previous.content_hash != item.content_hash:
            return True
    return False


def pages_wanted(feed_id: str, items: Sequence[Item], known: Mapping[str, KnownArticle],
                 story: CompiledStory, mode: str) -> tuple[str, ...]:
    """The article pages to fetch for their full text in full-text ``mode``: those of
    items new or changed since recorded (an unchanged entry was decided already), with
    an http(s) address, and in ``relevant`` mode whose teaser is judged about the story
    or near the threshold."""
    if mode == "off":
        return ()
    wanted: dict[str, None] = {}
    for item in items:
        url = item.url
        if not url or not url.startswith(("http://", "https://")) or url in wanted:
            continue
        previous = known.get(item.article_id(feed_id))
        if previous is not None and previous.content_hash == item.content_hash:
            continue
        if mode == "all" or judge_item(story, item).score >= story.threshold * NEAR_THRESHOLD:
            wanted[url] = None
    return tuple(wanted)


def with_pages(items: Sequence[Item], pages: Mapping[str, PageText]) -> tuple[Item, ...]:
    """``items``, each with the main text of its page where one was extracted, and the
    page's date where the feed gave none."""
    if not pages:
        return tuple(items)
    out = []
    for item in items:
        page = pages.get(item.url or "")
        if page is not None and page.ok:
            item = replace(item, full_text=page.text,
                           published=item.published or page.published)
        out.append(item)
    return tuple(out)


def decide_articles(feed_id: str, items: Sequence[Item], known: Mapping[str, KnownArticle],
                    story: CompiledStory, *, feed_url: str | None = None,
                    pages: Mapping[str, PageText] | None = None) -> list[ArticleDecision]:
    """What each item of one fetched feed means, against the articles already known.
    The same entry twice in one feed: the first one counts. ``feed_url`` names the
    publisher of an item whose own address says none; ``pages`` are the article pages
    fetched for this poll, each recorded with its article."""
    decisions: list[ArticleDecision] = []
    done: set[str] = set()
    for item in items:
        article_id = item.article_id(feed_id)
        if article_id in done:
            continue
        done.add(article_id)
        previous = known.get(article_id)
        outlet = publisher_of(item.url, feed_url, feed_id)
        page = (pages or {}).get(item.url or "")
        if previous is None:
            decision = _new_article(article_id, feed_id, item, story, outlet)
        else:
            decision = _known_article(article_id, feed_id, item, previous, story, outlet)
        if page is not None and (decision.new or decision.revised):
            decision = replace(decision, events=_with_page_event(
                decision.events, _page_event(article_id, feed_id, page)))
        decisions.append(decision)
    return decisions


def _page_event(article_id: str, feed_id: str, page: PageText) -> ev.ArticlePageFetched:
    return ev.ArticlePageFetched(article_id=article_id, feed_id=feed_id, url=page.url,
                                 ok=page.ok, chars=len(page.text or ""),
                                 reason=page.reason, message=page.message)


def _with_page_event(events: Sequence[ev.Event],
                     page: ev.ArticlePageFetched) -> tuple[ev.Event, ...]:
    # Right after the ArticleRecorded or ArticleRevised whose content it explains.
    out: list[ev.Event] = []
    for event in events:
        out.append(event)
        if isinstance(event, ev.ArticleRecorded | ev.ArticleRevised):
            out.append(page)
    return tuple(out)


def article_events(feed_id: str, items: Sequence[Item], known: Mapping[str, KnownArticle],
                   story: CompiledStory) -> list[ev.Event]:
    """The events of :func:`decide_articles`, in order."""
    return [event for article in decide_articles(feed_id, items, known, story)
            for event in article.events]


def _new_article(article_id: str, feed_id: str, item: Item, story: CompiledStory,
                 outlet: str) -> ArticleDecision:
    judgement = judge_item(story, item)
    recorded = _recorded(article_id, feed_id, item, judgement)
    return ArticleDecision(article_id, (recorded, _judged(article_id, judgement)), new=True,
                           text=_text(recorded, outlet, bool(item.full_text)),
                           judgement=judgement)


def _known_article(article_id: str, feed_id: str, item: Item, previous: KnownArticle,
                   story: CompiledStory, outlet: str) -> ArticleDecision:
    events: list[ev.Event] = []
    if feed_id not in previous.feeds:
        events.append(ev.ArticleListed(article_id=article_id, feed_id=feed_id))
    if item.content_hash == previous.content_hash:
        return ArticleDecision(article_id, tuple(events), was_relevant=previous.relevant)
    judgement = judge_item(story, item)
    revised = ev.ArticleRevised(
        article_id=article_id, feed_id=feed_id, title=item.title, published=item.published,
        summary=_summary(item, judgement),
        content=item.text if judgement.relevant else None, content_hash=item.content_hash)
    events.append(revised)
    if (judgement.relevant, judgement.score) != (previous.relevant, previous.score):
        events.append(_judged(article_id, judgement))
    return ArticleDecision(article_id, tuple(events), revised=True,
                           text=_text(revised, outlet, bool(item.full_text)),
                           judgement=judgement, was_relevant=previous.relevant)


def _text(event: ev.ArticleRecorded | ev.ArticleRevised, outlet: str,
          from_page: bool = False) -> ArticleText:
    # The text as recorded (an irrelevant article's summary cut short), not as fetched.
    return ArticleText(event.article_id, event.title, event.summary, event.content,
                       event.published, outlet, from_page=from_page)


def analyse_articles(articles: Sequence[ArticleDecision],
                     knowledge: Callable[[], Knowledge] | None, rules: Rules, today: date
                     ) -> tuple[list[ev.Event], Knowledge | None]:
    """Each article's :func:`article_analysis`, in the order things happened (a feed
    lists its newest entry first; the first report of a development opens its update).
    The knowledge is asked for at the first relevant article, and returned with what it
    learnt in place (None when not needed): whoever keeps it drops it if the events are
    not stored (see :class:`tracker.poll.knowledge.KnowledgeCache`)."""
    learnt: Knowledge | None = None
    out: list[ev.Event] = []
    for article in in_time(articles, today):
        if not to_analyse(article):
            continue
        if learnt is None and knowledge is not None and needs_knowledge(article):
            learnt = knowledge()
        out += article_analysis(article, learnt, rules, today)
    return out, learnt


def needs_knowledge(article: ArticleDecision) -> bool:
    return article.judgement is not None and article.judgement.relevant  # compared


def article_analysis(article: ArticleDecision, knowledge: Knowledge | None, rules: Rules,
                     today: date) -> list[ev.Event]:
    """The analysis of one article :func:`to_analyse`: against ``knowledge`` (which
    learns it) when it is relevant, else one that unlinks it."""
    assert article.text is not None and article.judgement is not None
    if not article.judgement.relevant:
        return [withdrawn_analysis(article.article_id, "no longer judged relevant")]
    if knowledge is None:
        raise ValueError("a relevant article needs the story's knowledge")
    return analyse(rules.reader, knowledge, _input(article.text, today))[0]


def _input(text: ArticleText, today: date) -> ArticleInput:
    return ArticleInput(text.article_id, text.title, text.body,
                        published_day(text.published), today, text.outlet)


def rejudge_article(article: RecordedArticle, rules: Rules, knowledge: Knowledge,
                    existing_updates: Set[str], today: date, *,
                    from_page: bool = False) -> Rejudged:
    """Judge a recorded article again with the current method: a new relevance decision
    where it differs from the last one, and a new analysis against ``knowledge`` (which
    learns it) if it is relevant, or one that unlinks it if it no longer is. Updates in
    ``existing_updates`` are revised, not recorded again. ``from_page``: its recorded
    content is its page's main text (``fetch.full_text``)."""
    text = text_of(article, from_page=from_page)
    # Judged on the same text, in the same order, as judge_item judged it when polled.
    judgement = judge(rules.story, article.title,
                      _joined(article.summary, article.content, from_page))
    events: list[ev.Event] = []
    changed = (judgement.relevant, judgement.score, judgement.method) != (
        article.relevant, article.score, article.judged_by)
    if changed:
        events.append(_judged(article.article_id, judgement))
    if judgement.relevant:
        events += analyse(rules.reader, knowledge, _input(text, today), existing_updates)[0]
    elif article.analysis not in (None, "none"):
        events.append(withdrawn_analysis(article.article_id, "no longer judged relevant"))
    return Rejudged(tuple(events), changed, judgement.relevant)


def judge_item(story: CompiledStory, item: Item) -> Judgement:
    return judge(story, item.title, _joined(item.summary, item.text, bool(item.full_text)))


def _joined(summary: str, text: str | None, from_page: bool) -> str:
    # The judge weighs the first sentence as the lede: a page's own lede, not a teaser.
    if not text:
        return summary
    return f"{text}\n{summary}" if from_page else f"{summary}\n{text}"


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


def _recorded(article_id: str, feed_id: str, item: Item,
              judgement: Judgement) -> ev.ArticleRecorded:
    return ev.ArticleRecorded(
        article_id=article_id, feed_id=feed_id, key=item.key, url=item.url,
        title=item.title, published=item.published, summary=_summary(item, judgement),
        content=item.text if judgement.relevant else None, author=item.author,
        language=item.language, content_hash=item.content_hash)


def _judged(article_id: str, judgement: Judgement) -> ev.Event:
    return ev.RelevanceJudged(article_id=article_id, relevant=judgement.relevant,
                              score=judgement.score, reason=judgement.reason,
                              method=judgement.method)


def _summary(item: Item, judgement: Judgement) -> str:
    # Irrelevant articles keep enough text to audit and re-judge the decision, no more.
    return item.summary if judgement.relevant else item.summary[:IRRELEVANT_SUMMARY_LIMIT]
