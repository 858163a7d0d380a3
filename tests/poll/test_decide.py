"""The poll's pure decisions (tracker.poll.decide) on small hand-written values.

No server, no store: a feed's known state and one fetch result go in, events and a
wait come out. The end-to-end behaviour is in test_polite.py and test_service.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tracker import events as ev
from tracker.analysis.judge import CompiledStory
from tracker.config import FeedConfig, ScheduleSettings, StorySettings, TermGroup
from tracker.ingest.fetch import FetchResult
from tracker.ingest.parse import Item
from tracker.poll.decide import (
    IRRELEVANT_SUMMARY_LIMIT,
    Failure,
    FeedState,
    KnownArticle,
    article_events,
    feed_events,
    next_check,
)

FEED = FeedConfig(url="http://127.0.0.1:1/feed.xml", name="Test feed")
MOVED = "http://127.0.0.1:1/new-feed.xml"
STORY = CompiledStory.compile(StorySettings(
    name="Two sides",
    sides=(TermGroup("north", ("Norland", "Nordstadt")),
           TermGroup("south", ("Sudland", "Sudport"))),
))


def fetched(**changes: object) -> FetchResult:
    result = FetchResult(url=FEED.url, outcome="ok", final_url=FEED.url, http_status=200)
    return replace(result, **changes)  # type: ignore[arg-type]


def state(**changes: object) -> FeedState:
    known = FeedState(FEED.id, FEED.url, "ok", etag='"v1"', last_modified=None, failures=0)
    return replace(known, **changes)  # type: ignore[arg-type]


def item(key: str = "guid:a-1", title: str = "Norland and Sudland sign a treaty",
         summary: str = "Officials met.", content: str | None = None) -> Item:
    return Item(key=key, guid=key.removeprefix("guid:"), url=None, title=title,
                summary=summary, content=content, published="2026-03-02T10:00:00+00:00",
                author=None, language="en")


def types(events: list[ev.Event]) -> list[str]:
    return [type(e).__name__ for e in events]


# feed_events: the feed's own stream


def test_a_first_poll_registers_the_feed_and_records_its_validators() -> None:
    events = feed_events(FEED, None, fetched(etag='"v1"'), None)
    assert types(events) == ["FeedRegistered", "FeedValidatorsChanged"]
    registered, validators = events
    assert isinstance(registered, ev.FeedRegistered)
    assert (registered.feed_id, registered.url, registered.name) == (
        FEED.id, FEED.url, "Test feed")
    assert isinstance(validators, ev.FeedValidatorsChanged)
    assert (validators.etag, validators.last_modified) == ('"v1"', None)


def test_an_unchanged_feed_yields_no_events() -> None:
    assert feed_events(FEED, state(), fetched(etag='"v1"'), None) == []
    assert feed_events(FEED, state(), fetched(outcome="not-modified", http_status=304,
                                              etag='"v1"'), None) == []


def test_new_validators_are_recorded_once_they_change() -> None:
    [changed] = feed_events(FEED, state(), fetched(etag='"v2"', last_modified="Mon"), None)
    assert isinstance(changed, ev.FeedValidatorsChanged)
    assert (changed.etag, changed.last_modified) == ('"v2"', "Mon")


def test_a_failure_counts_one_more_and_records_no_validators() -> None:
    failure = Failure("http-error", "HTTP 503", http_status=503, retry_after=120.0)
    [failed] = feed_events(FEED, state(failures=2), fetched(etag='"v9"'), failure)
    assert isinstance(failed, ev.FeedFetchFailed)
    assert (failed.failures, failed.reason, failed.http_status, failed.retry_after) == (
        3, "http-error", 503, 120.0)
    assert failed.url == FEED.url


def test_a_first_poll_that_fails_registers_the_feed_then_the_failure() -> None:
    events = feed_events(FEED, None, fetched(), Failure("parse-error", "not a feed"))
    assert types(events) == ["FeedRegistered", "FeedFetchFailed"]
    assert isinstance(events[1], ev.FeedFetchFailed) and events[1].failures == 1


def test_gone_retires_the_feed_at_its_current_address() -> None:
    [retired] = feed_events(FEED, state(current_url=MOVED),
                            fetched(), Failure("gone", "HTTP 410", http_status=410))
    assert isinstance(retired, ev.FeedRetired)
    assert (retired.url, retired.http_status) == (MOVED, 410)
    [no_status] = feed_events(FEED, state(), fetched(), Failure("gone", "gone"))
    assert isinstance(no_status, ev.FeedRetired) and no_status.http_status == 410


def test_a_success_after_failures_is_a_recovery() -> None:
    events = feed_events(FEED, state(failures=4), fetched(etag='"v1"'), None)
    assert types(events) == ["FeedRecovered"]
    assert isinstance(events[0], ev.FeedRecovered) and events[0].after_failures == 4


def test_a_permanent_move_is_recorded_and_forgets_the_old_validators() -> None:
    events = feed_events(FEED, state(), fetched(moved_to=MOVED, redirect_status=308,
                                                etag='"v1"'), None)
    assert types(events) == ["FeedMoved", "FeedValidatorsChanged"]
    moved = events[0]
    assert isinstance(moved, ev.FeedMoved)
    assert (moved.old_url, moved.new_url, moved.http_status) == (FEED.url, MOVED, 308)
    # The validators belonged to the old address: the new one's are recorded afresh.
    assert isinstance(events[1], ev.FeedValidatorsChanged) and events[1].etag == '"v1"'


def test_a_move_to_where_the_feed_already_is_is_no_move() -> None:
    assert feed_events(FEED, state(current_url=MOVED), fetched(moved_to=MOVED), None) == [
        ev.FeedValidatorsChanged(feed_id=FEED.id, etag=None, last_modified=None)]


# article_events: the items of one fetched feed


def test_a_new_relevant_item_is_recorded_with_its_text_and_judged() -> None:
    events = article_events(FEED.id, [item(content="Full text.")], {}, STORY)
    assert types(events) == ["ArticleRecorded", "RelevanceJudged"]
    recorded, judged = events
    assert isinstance(recorded, ev.ArticleRecorded) and isinstance(judged, ev.RelevanceJudged)
    assert recorded.article_id == judged.article_id == item().article_id(FEED.id)
    assert (recorded.title, recorded.content) == ("Norland and Sudland sign a treaty",
                                                  "Full text.")
    assert judged.relevant is True and judged.score >= 0.5


def test_an_irrelevant_item_keeps_a_short_summary_and_no_content() -> None:
    long = "Nothing about either side. " * 100
    events = article_events(FEED.id, [item(title="Weather", summary=long,
                                           content="body")], {}, STORY)
    recorded, judged = events
    assert isinstance(recorded, ev.ArticleRecorded) and isinstance(judged, ev.RelevanceJudged)
    assert judged.relevant is False
    assert recorded.content is None
    assert recorded.summary == long[:IRRELEVANT_SUMMARY_LIMIT]


def test_the_same_entry_twice_in_one_feed_counts_once() -> None:
    events = article_events(FEED.id, [item(), item(title="Changed title")], {}, STORY)
    assert types(events) == ["ArticleRecorded", "RelevanceJudged"]
    assert isinstance(events[0], ev.ArticleRecorded)
    assert events[0].title == "Norland and Sudland sign a treaty"


def known(entry: Item, *, feeds: frozenset[str] = frozenset({FEED.id}),
          relevant: bool = True, score: float | None = None) -> dict[str, KnownArticle]:
    if score is None:
        [_, judged] = article_events(FEED.id, [entry], {}, STORY)
        assert isinstance(judged, ev.RelevanceJudged)
        score = judged.score
    article_id = entry.article_id(FEED.id)
    return {article_id: KnownArticle(article_id, entry.content_hash, relevant, score, feeds)}


def test_a_known_unchanged_item_yields_nothing() -> None:
    assert article_events(FEED.id, [item()], known(item()), STORY) == []


def test_a_known_item_seen_in_another_feed_is_listed_there() -> None:
    shared = item(key="link:http://example.org/a")
    other = FeedConfig(url="http://127.0.0.1:1/other.xml", name="Other")
    events = article_events(other.id, [shared], known(shared), STORY)
    assert events == [ev.ArticleListed(article_id=shared.article_id(FEED.id),
                                       feed_id=other.id)]


def test_a_revised_item_is_revised_and_judged_again_only_when_the_judgement_moves() -> None:
    before = item()
    same_judgement = replace(before, summary="Officials met again.")
    events = article_events(FEED.id, [same_judgement], known(before), STORY)
    assert types(events) == ["ArticleRevised"]
    revised = events[0]
    assert isinstance(revised, ev.ArticleRevised)
    assert revised.content_hash == same_judgement.content_hash != before.content_hash

    now_irrelevant = replace(before, title="Weather report", summary="Rain.")
    events = article_events(FEED.id, [now_irrelevant], known(before), STORY)
    assert types(events) == ["ArticleRevised", "RelevanceJudged"]
    assert isinstance(events[1], ev.RelevanceJudged) and events[1].relevant is False


# next_check: when to look again (before jitter)

SCHEDULE = ScheduleSettings(every=1800.0, max_interval=86400.0, backoff_base=300.0)


def test_the_configured_interval_then_the_feeds_own() -> None:
    assert next_check(SCHEDULE, None) == 1800.0
    assert next_check(SCHEDULE, 600.0) == 600.0


@pytest.mark.parametrize(("hints", "expected"), [
    ({"ttl": 3600.0}, 3600.0),
    ({"max_age": 7200.0}, 7200.0),
    ({"retry_after": 5000.0}, 5000.0),
    ({"ttl": 3600.0, "max_age": 7200.0, "retry_after": 100.0}, 7200.0),
    # A hint shorter than the interval never makes the tracker poll more often.
    ({"ttl": 60.0, "retry_after": 10.0}, 1800.0),
    ({"ttl": 0.0, "max_age": None}, 1800.0),
])
def test_the_longest_hint_wins(hints: dict[str, float | None], expected: float) -> None:
    assert next_check(SCHEDULE, None, **hints) == expected


def test_failures_back_off_exponentially_above_the_interval() -> None:
    waits = [next_check(SCHEDULE, 60.0, failures=n) for n in range(1, 6)]
    assert waits == [300.0, 600.0, 1200.0, 2400.0, 4800.0]
    # Backoff below the configured interval does not shorten it.
    assert next_check(SCHEDULE, None, failures=1) == 1800.0


@pytest.mark.parametrize("hints", [
    {"ttl": 10 * 86400.0}, {"retry_after": 3 * 86400.0}, {"failures": 40},
    {"failures": 10_000},
])
def test_no_wait_exceeds_the_maximum_interval(hints: dict[str, float]) -> None:
    assert next_check(SCHEDULE, None, **hints) == 86400.0  # type: ignore[arg-type]
    assert next_check(SCHEDULE, 2 * 86400.0) == 86400.0
