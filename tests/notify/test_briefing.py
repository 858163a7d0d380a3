"""Digests read like a briefing: outlets are publishers, counts are plural only when they
should be, each update says its outlets and languages, and the subject names the most
important development."""

from __future__ import annotations

import pytest

from tracker.analysis.provenance import language_tag, publisher_of, registrable_domain
from tracker.notify.digest import (
    SUBJECT_MAX,
    PendingContradiction,
    PendingUpdate,
    SourceLine,
    compose,
    render_html,
    render_text,
)
from tracker.notify.wording import plural


def source(url: str | None, feed: str = "Feed", language: str | None = None,
           feed_url: str | None = None) -> SourceLine:
    return SourceLine(feed, f"title at {url}", url, False, publisher_of(url, feed_url, feed),
                      language)


def update(uid: str, summary: str, sources: list[SourceLine], *, confidence: float = 0.8,
           event_date: str | None = "2026-03-01", kind: str = "diplomacy") -> PendingUpdate:
    return PendingUpdate(uid, kind, summary, event_date, f"{event_date or '2026-03-05'}T10:00",
                         confidence, len({s.outlet for s in sources}), tuple(sources))


@pytest.mark.parametrize(("url", "domain"), [
    ("https://www.bbc.co.uk/news/world-asia-1", "bbc.co.uk"),
    ("https://news.bbc.co.uk/x", "bbc.co.uk"),
    ("http://feeds.example.com.au/rss", "example.com.au"),
    ("https://someone.blogspot.com/2026/03/post.html", "someone.blogspot.com"),
    ("https://xn--80ajrjz.xn--p1ai/news/1", "лента.рф"),
    ("https://ТАСС.ru/politika/1", "тасс.ru"),
    ("http://127.0.0.1:8080/a", "127.0.0.1"),
    ("ftp://files.example.org/a", None),
    ("not a url", None),
    (None, None),
])
def test_the_publisher_is_the_registrable_domain(url, domain):
    assert registrable_domain(url) == domain


def test_without_a_usable_url_the_feed_names_the_publisher():
    assert publisher_of(None, "https://feeds.wire.example/rss", "Wire") == "wire.example"
    assert publisher_of("urn:uuid:1", None, "Wire desk") == "Wire desk"
    assert publisher_of(None, None, None) == "unknown publisher"


@pytest.mark.parametrize(("raw", "tag"), [("en-US", "en"), ("ru_RU", "ru"), ("FA", "fa"),
                                          ("", None), ("  ", None), (None, None)])
def test_language_tags_group_by_primary_language(raw, tag):
    assert language_tag(raw) == tag


@pytest.mark.parametrize(("count", "text"), [(0, "0 outlets"), (1, "1 outlet"),
                                             (2, "2 outlets"), (21, "21 outlets")])
def test_plurals(count, text):
    assert plural(count, "outlet") == text


def test_an_aggregator_counts_each_publisher_and_a_publisher_counts_once():
    aggregator = [source("https://www.wire.example/a", "News search"),
                  source("https://kabul-times.example/b", "News search"),
                  source("https://tass.example/c", "News search")]
    two_feeds = [source("https://www.bbc.co.uk/news/1", "BBC Asia", "en-GB"),
                 source("https://www.bbc.co.uk/news/1?at=world", "BBC World", "en")]
    payload = compose("email", "Story", [update("u-1", "Many report it", aggregator),
                                         update("u-2", "One reports it", two_feeds)],
                      [], [], "2026-03-10T12:00:00+00:00")
    assert payload is not None
    by_id = {u["id"]: u for u in payload["updates"]}
    assert by_id["u-1"]["outlets"] == 3
    assert by_id["u-1"]["publishers"] == ["wire.example", "kabul-times.example", "tass.example"]
    assert by_id["u-2"]["outlets"] == 1 and by_id["u-2"]["publishers"] == ["bbc.co.uk"]
    assert by_id["u-2"]["languages"] == ["en"]
    assert by_id["u-1"]["languages"] == [], "no language recorded yet"
    assert [s["language"] for s in by_id["u-1"]["sources"]] == [None, None, None]
    text = render_text(payload)
    assert "3 outlets: wire.example, kabul-times.example, tass.example" in text
    assert "1 outlet: bbc.co.uk · language: en" in text
    assert "language not recorded" in text
    assert "bbc.co.uk (BBC World, en)" in text
    assert "(s)" not in text and "(s)" not in render_html(payload)


def test_the_subject_names_the_most_important_development():
    wide = update("u-wide", "Three outlets carry this", [
        source("https://a.example/1"), source("https://b.example/1"),
        source("https://c.example/1")], confidence=0.6, event_date="2026-01-01")
    sure = update("u-sure", "Very confident single report", [source("https://d.example/1")],
                  confidence=0.99, event_date="2026-03-01")
    payload = compose("email", "Story", [sure, wide], [], [], "2026-03-10T12:00:00+00:00")
    assert payload is not None
    assert payload["subject"] == "Story: Three outlets carry this (+1 more update)"
    assert payload["lead"] == "u-wide" and payload["updates"][0]["id"] == "u-wide"
    text = render_text(payload)
    body = text.split("\n\n", 1)[1]
    assert body.index("MOST IMPORTANT") < body.index("Three outlets") < body.index("ALSO NEW")
    # Same outlets: the more confident leads; same confidence too: the newer.
    older = update("u-old", "Older", [source("https://e.example/1")], confidence=0.99,
                   event_date="2025-12-01")
    payload = compose("email", "Story", [older, sure], [], [], "2026-03-10T12:00:00+00:00")
    assert payload is not None and payload["lead"] == "u-sure"


def test_a_long_subject_is_cut_in_the_summary_not_in_the_counts():
    long = update("u-1", "word " * 80, [source("https://a.example/1")])
    other = update("u-2", "short", [source("https://b.example/1")], confidence=0.1)
    contradiction = PendingContradiction("a:B01", "B01", "fact", "claim", "disputes B01",
                                         source("https://c.example/1"))
    payload = compose("email", "Story", [long, other], [contradiction], [],
                      "2026-03-10T12:00:00+00:00")
    assert payload is not None
    subject = payload["subject"]
    assert len(subject) <= SUBJECT_MAX
    assert subject.endswith("… (+1 more update, 1 contradiction of the baseline)")


def test_a_digest_of_contradictions_only_names_the_first():
    contradiction = PendingContradiction("a:B01", "B01", "fact", "claim",
                                         "Outlet disputes the date of B01",
                                         source("https://c.example/1"))
    payload = compose("email", "Story", [], [contradiction], [], "2026-03-10T12:00:00+00:00")
    assert payload is not None and payload["lead"] is None
    assert payload["subject"] == ("Story: contradicts the baseline: Outlet disputes the date "
                                  "of B01")
    assert "1 contradiction of the baseline." in render_text(payload)
