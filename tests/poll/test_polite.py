"""Polite polling end to end: Tracker and a real SQLite store against the loopback server.

What the fetcher reports has to become the right events, projections and schedule:
conditional requests, no events for unchanged feeds, remembered moves, retirement,
Retry-After, backoff and recovery, deadlines and caps recorded as failures, and a
per-host bound the server can see.
"""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import FeedServer, RawServer, Request, Response, chunked, rss

from tracker import events as ev
from tracker.config import Settings, feed_id_for
from tracker.eventlog.store import EventStore
from tracker.poll import service
from tracker.poll.outcome import FeedOutcome
from tracker.poll.service import Tracker

ITEMS = [{"title": f"Story {n}", "guid": f"g{n}", "link": f"http://n.test/{n}",
          "description": "Nothing to do with the tracked story."} for n in range(3)]
FEED = rss(ITEMS)
# Polls every second and a 10 s first backoff, so that Retry-After and backoff, not the
# default half-hour interval, decide the schedule.
QUICK = '[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "10s"\n'


@contextmanager
def tracking(settings: Settings) -> Iterator[tuple[Tracker, EventStore]]:
    with EventStore(settings.store_path) as store:
        yield Tracker(settings, store), store


def poll(tracker: Tracker, *, only_due: bool = False) -> dict[str, FeedOutcome]:
    """One polling cycle; outcomes by configured URL."""
    urls = {feed.id: feed.url for feed in tracker.settings.feeds}
    return {urls[o.feed_id]: o for o in asyncio.run(tracker.poll(only_due=only_due))}


def recorded(store: EventStore, event_type: type[ev.Event]) -> list[Any]:
    return [s.event for s in store.read(types=[event_type.TYPE])]


def feed_row(store: EventStore, url: str) -> dict[str, Any]:
    return next(store.db.query("SELECT * FROM feeds WHERE id = ?", [feed_id_for(url)]))


def due_in(store: EventStore, url: str, since: datetime) -> float:
    """Seconds from ``since`` to the feed's recorded next check."""
    return (datetime.fromisoformat(feed_row(store, url)["next_check"]) - since).total_seconds()


def reasons(outcomes: dict[str, FeedOutcome]) -> dict[str, tuple[str, str | None]]:
    return {url: (o.outcome, o.reason) for url, o in outcomes.items()}


def http_date(when: float) -> str:
    return email.utils.formatdate(when, usegmt=True)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bodies the service parsed, in order."""
    seen: list[bytes] = []
    real = service.parse_feed

    def counting(body: bytes, headers: Any = None) -> Any:
        seen.append(body)
        return real(body, headers)

    monkeypatch.setattr(service, "parse_feed", counting)
    return seen


# -- 1, 2: no news, no events ----------------------------------------------------------


def test_conditional_get_then_304_adds_nothing(feed_server: FeedServer, make_settings,
                                               parses: list[bytes]):
    etag, modified = '"v1"', "Mon, 06 Oct 2025 10:00:00 GMT"

    def route(request: Request) -> Response:
        if request.headers.get("if-none-match") == etag:
            return Response(304, headers={"ETag": etag, "Last-Modified": modified})
        return Response(200, FEED, {"ETag": etag, "Last-Modified": modified})

    url = feed_server.serve("/feed.xml", route)
    with tracking(make_settings([url])) as (tracker, store):
        first = poll(tracker)[url]
        assert (first.outcome, first.new) == ("ok", 3)
        assert [(e.etag, e.last_modified) for e in recorded(store, ev.FeedValidatorsChanged)] == [
            (etag, modified)]
        count = store.count()
        second = poll(tracker)[url]
        sent = feed_server.hits("/feed.xml")[1].headers
        assert sent.get("if-none-match") == etag
        assert sent.get("if-modified-since") == modified
        assert (second.outcome, second.http_status, second.events) == ("not-modified", 304, 0)
        assert store.count() == count, "a 304 must add no events"
        assert len(parses) == 1, "a 304 has nothing to parse"
        row = feed_row(store, url)
        assert (row["etag"], row["checks"], row["status"]) == (etag, 2, "ok")


def test_unchanged_body_without_validators_adds_nothing(feed_server: FeedServer, make_settings,
                                                        parses: list[bytes]):
    url = feed_server.serve("/plain.xml", Response(200, FEED))
    with tracking(make_settings([url])) as (tracker, store):
        assert poll(tracker)[url].new == 3
        count = store.count()
        second = poll(tracker)[url]
        assert (second.outcome, second.events) == ("unchanged", 0)
        assert store.count() == count
        assert len(parses) == 1, "an identical body must not be parsed again"
        assert all("if-none-match" not in r.headers and "if-modified-since" not in r.headers
                   for r in feed_server.hits("/plain.xml"))
        # ...but a changed body is news again.
        feed_server.serve("/plain.xml", Response(200, rss([*ITEMS, {
            "title": "Story 3", "guid": "g3", "link": "http://n.test/3"}])))
        third = poll(tracker)[url]
        assert (third.outcome, third.new) == ("ok", 1)


# -- 3, 4: moved and gone --------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_is_recorded_and_followed_next_time(
        feed_server: FeedServer, make_settings, status: int):
    old = feed_server.serve("/old.xml", Response(status, headers={"Location": "/new.xml"}))
    new = feed_server.serve("/new.xml", Response(200, FEED, {"ETag": '"n1"'}))
    with tracking(make_settings([old])) as (tracker, store):
        first = poll(tracker)[old]
        assert (first.outcome, first.new) == ("ok", 3)
        moves = recorded(store, ev.FeedMoved)
        assert [(m.old_url, m.new_url) for m in moves] == [(old, new)]
        row = feed_row(store, old)
        assert (row["url"], row["current_url"], row["etag"]) == (old, new, '"n1"')
        second = poll(tracker)[old]
        assert second.outcome == "unchanged"
        assert len(feed_server.hits("/old.xml")) == 1, "the old address must not be asked again"
        assert len(feed_server.hits("/new.xml")) == 2
        assert feed_server.hits("/new.xml")[1].headers.get("if-none-match") == '"n1"'
        assert len(recorded(store, ev.FeedMoved)) == 1


def test_feed_moved_records_the_redirect_status(feed_server: FeedServer, make_settings):
    old = feed_server.serve("/old.xml", Response(308, headers={"Location": "/new.xml"}))
    feed_server.serve("/new.xml", Response(200, FEED))
    with tracking(make_settings([old])) as (tracker, store):
        poll(tracker)
        assert [m.http_status for m in recorded(store, ev.FeedMoved)] == [308]


@pytest.mark.parametrize("status", [302, 307])
def test_temporary_redirect_is_followed_but_not_remembered(
        feed_server: FeedServer, make_settings, status: int):
    old = feed_server.serve("/old.xml", Response(status, headers={"Location": "/new.xml"}))
    feed_server.serve("/new.xml", Response(200, FEED))
    with tracking(make_settings([old])) as (tracker, store):
        assert poll(tracker)[old].new == 3
        poll(tracker)
        assert len(feed_server.hits("/old.xml")) == 2
        assert len(feed_server.hits("/new.xml")) == 2
        assert recorded(store, ev.FeedMoved) == []
        assert feed_row(store, old)["current_url"] == old


def test_gone_retires_the_feed_for_good(feed_server: FeedServer, make_settings):
    url = feed_server.serve("/gone.xml", Response(410, b"gone"))
    with tracking(make_settings([url], extra=QUICK)) as (tracker, store):
        first = poll(tracker)[url]
        assert (first.outcome, first.http_status) == ("retired", 410)
        retired = recorded(store, ev.FeedRetired)
        assert [(e.url, e.http_status) for e in retired] == [(url, 410)]
        assert recorded(store, ev.FeedFetchFailed) == []
        assert feed_row(store, url)["status"] == "retired"
        count = store.count()
        for only_due in (False, True):
            assert poll(tracker, only_due=only_due)[url].outcome == "retired"
        assert len(feed_server.hits("/gone.xml")) == 1
        assert store.count() == count


# -- 5, 6: Retry-After and backoff -------------------------------------------------------


def test_retry_after_is_recorded_and_respected(feed_server: FeedServer, make_settings):
    def busy(status: int, date: bool) -> Callable[[Request], Response]:
        def route(request: Request) -> Response:
            after = http_date(time.time() + 7200) if date else "7200"
            return Response(status, b"later", {"Retry-After": after})
        return route

    cases = {(429, False): "rate-limited", (429, True): "rate-limited",
             (503, False): "unavailable", (503, True): "unavailable"}
    urls = {case: feed_server.serve(f"/{case[0]}-{'date' if case[1] else 'seconds'}",
                                    busy(*case)) for case in cases}
    with tracking(make_settings(list(urls.values()), extra=QUICK)) as (tracker, store):
        started = datetime.now().astimezone()
        outcomes = poll(tracker)
        failed = {e.url: e for e in recorded(store, ev.FeedFetchFailed)}
        for case, url in urls.items():
            assert reasons({url: outcomes[url]}) == {url: ("error", cases[case])}
            event = failed[url]
            assert (event.reason, event.http_status, event.failures) == (cases[case], case[0], 1)
            # An HTTP date has whole seconds only, so up to one second is lost.
            assert 7198.9 <= event.retry_after <= 7200, (case, event.retry_after)
            assert event.retry_after <= due_in(store, url, started) <= event.retry_after + 5
        hits = len(feed_server.requests)
        skipped = poll(tracker, only_due=True)
        assert {o.outcome for o in skipped.values()} == {"skipped"}
        assert len(feed_server.requests) == hits, "a feed told to wait must not be asked"


def test_backoff_grows_with_failures_and_resets_on_recovery(feed_server: FeedServer,
                                                            make_settings):
    statuses = [404, 500, 500, 200]

    def route(request: Request) -> Response:
        status = statuses.pop(0)
        return Response(status, FEED if status == 200 else b"oops")

    url = feed_server.serve("/flaky.xml", route)
    with tracking(make_settings([url], extra=QUICK)) as (tracker, store):
        waits, failures, due = [], [], []
        for _ in range(4):
            started = datetime.now().astimezone()
            outcome = poll(tracker)[url]
            waits.append(outcome.next_check)
            failures.append(feed_row(store, url)["failures"])
            due.append(due_in(store, url, started))
        assert waits == [10, 20, 40, 1]
        assert failures == [1, 2, 3, 0]
        assert all(w <= d <= w + 2 for w, d in zip(waits, due, strict=True)), due
        failed = recorded(store, ev.FeedFetchFailed)
        assert [(e.http_status, e.reason, e.failures) for e in failed] == [
            (404, "http-error", 1), (500, "http-error", 2), (500, "http-error", 3)]
        assert [e.after_failures for e in recorded(store, ev.FeedRecovered)] == [3]
        row = feed_row(store, url)
        assert (row["status"], row["articles"]) == ("ok", 3)


def test_only_due_skips_a_feed_in_backoff(feed_server: FeedServer, make_settings):
    url = feed_server.serve("/down.xml", Response(500))
    with tracking(make_settings([url], extra=QUICK)) as (tracker, _store):
        poll(tracker)
        assert poll(tracker, only_due=True)[url].outcome == "skipped"
        assert len(feed_server.hits("/down.xml")) == 1


# -- 7, 8, 9, 10: failures recorded, the cycle carries on ------------------------------


def test_deadline_cuts_off_slow_and_silent_servers_and_spares_the_rest(
        feed_server: FeedServer, silent_server: RawServer, make_settings):
    drip = feed_server.serve("/drip.xml", Response(200, FEED, drip=1.0))
    trickle = feed_server.serve("/trickle.xml", Response(200, FEED, drip=0.3))
    silent = silent_server.url("/feed.xml")
    good = feed_server.serve("/good.xml", Response(200, FEED))
    settings = make_settings([drip, trickle, silent, good],
                             extra='[fetch]\ntimeout = "1s"\nper_host = 4\n')
    with tracking(settings) as (tracker, store):
        started = time.monotonic()
        outcomes = poll(tracker)
        assert time.monotonic() - started < 3
        assert reasons(outcomes) == {drip: ("error", "timeout"), trickle: ("error", "timeout"),
                                     silent: ("error", "timeout"), good: ("ok", None)}
        assert outcomes[good].new == 3 and outcomes[good].elapsed < 0.9
        assert {e.url: e.reason for e in recorded(store, ev.FeedFetchFailed)} == {
            drip: "timeout", trickle: "timeout", silent: "timeout"}
        assert feed_row(store, silent)["last_error_reason"] == "timeout"


def test_oversized_and_compressed_bodies_end_to_end(feed_server: FeedServer, make_settings):
    big = rss([{"title": f"Padding {n}", "guid": f"p{n}", "description": "x" * 200}
               for n in range(20)])
    assert len(big) > 2048

    def feed(tag: str) -> bytes:
        return rss([{"title": f"{tag} {n}", "guid": f"{tag}{n}",
                     "link": f"http://n.test/{tag}/{n}"} for n in range(2)])

    routes = {
        "/length.xml": Response(200, big),
        "/close.xml": Response(200, big, {"Content-Length": None, "Connection": "close"}),
        "/chunked.xml": Response(200, chunked(big),
                                 {"Content-Length": None, "Transfer-Encoding": "chunked"}),
        "/gzip.xml": Response(200, gzip.compress(feed("gz")), {"Content-Encoding": "gzip"}),
        "/zlib.xml": Response(200, zlib.compress(feed("zl")), {"Content-Encoding": "deflate"}),
        "/bomb.xml": Response(200, gzip.compress(bytes(1024 * 1024)),
                              {"Content-Encoding": "gzip"}),
    }
    urls = {path: feed_server.serve(path, response) for path, response in routes.items()}
    settings = make_settings(list(urls.values()), extra="[fetch]\nmax_body_bytes = 2048\n")
    with tracking(settings) as (tracker, store):
        outcomes = poll(tracker)
        assert {p: (outcomes[u].outcome, outcomes[u].reason, outcomes[u].new)
                for p, u in urls.items()} == {
            "/length.xml": ("error", "too-large", 0), "/close.xml": ("error", "too-large", 0),
            "/chunked.xml": ("error", "too-large", 0), "/bomb.xml": ("error", "too-large", 0),
            "/gzip.xml": ("ok", None, 2), "/zlib.xml": ("ok", None, 2),
        }
        titles = {r["title"] for r in store.db.query("SELECT title FROM articles")}
        assert titles == {"gz 0", "gz 1", "zl 0", "zl 1"}


def test_refused_redirects_are_recorded_and_the_cycle_goes_on(feed_server: FeedServer,
                                                              make_settings):
    for n in range(7):
        feed_server.serve(f"/hop{n}", Response(302, headers={"Location": f"/hop{n + 1}"}))
    urls = {
        "redirect-loop": feed_server.serve("/loop", Response(301, headers={"Location": "/loop"})),
        "redirect-scheme": feed_server.serve("/file", Response(
            301, headers={"Location": "file:///etc/passwd"})),
        "too-many-redirects": feed_server.url("/hop0"),
        "redirect-invalid": feed_server.serve("/port", Response(
            302, headers={"Location": "http://127.0.0.1:99999/feed"})),
    }
    good = feed_server.serve("/good.xml", Response(200, FEED))
    with tracking(make_settings([*urls.values(), good])) as (tracker, store):
        outcomes = poll(tracker)
        assert reasons(outcomes) == {
            **{url: ("error", reason) for reason, url in urls.items()}, good: ("ok", None)}
        assert {e.url: e.reason for e in recorded(store, ev.FeedFetchFailed)} == {
            url: reason for reason, url in urls.items()}
        assert recorded(store, ev.FeedMoved) == []


# -- 11: file URLs -----------------------------------------------------------------------


def test_file_feed_then_not_modified_and_a_missing_file(tmp_path: Path, make_settings,
                                                        parses: list[bytes]):
    path = tmp_path / "local.xml"
    path.write_bytes(FEED)
    local, missing = path.as_uri(), (tmp_path / "missing.xml").as_uri()
    with tracking(make_settings([local, missing])) as (tracker, store):
        first = poll(tracker)
        assert (first[local].outcome, first[local].new) == ("ok", 3)
        assert (first[missing].outcome, first[missing].reason) == ("error", "not-found")
        assert [e.reason for e in recorded(store, ev.FeedFetchFailed)] == ["not-found"]
        assert feed_row(store, missing)["status"] == "failing"
        count = store.count()
        second = poll(tracker)
        assert (second[local].outcome, second[local].events) == ("not-modified", 0)
        assert (second[missing].outcome, second[missing].events) == ("error", 1)
        assert store.count() == count + 1, "only the missing file's second failure is new"
        assert parses == [FEED]
        path.write_bytes(rss([*ITEMS, {"title": "Story 3", "guid": "g3"}]))
        assert poll(tracker)[local].new == 1


# -- 12: per-host bound ------------------------------------------------------------------


def test_per_host_bound_seen_by_the_server(feed_server: FeedServer, make_settings):
    lock = threading.Lock()
    active, peak = [0], [0]

    def slow(request: Request) -> Response:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            time.sleep(0.25)
        finally:
            with lock:
                active[0] -= 1
        return Response(200, FEED)

    urls = [feed_server.serve(f"/slow{n}.xml", slow) for n in range(6)]
    with tracking(make_settings(urls, extra="[fetch]\nper_host = 2\n")) as (tracker, _store):
        outcomes = poll(tracker)
        assert [outcomes[u].outcome for u in urls] == ["ok"] * 6
        assert len(feed_server.requests) == 6
        assert peak[0] == 2, f"the server saw {peak[0]} requests at once"


# -- 13: not a feed ----------------------------------------------------------------------


def test_html_page_is_not_a_feed_and_its_validators_are_not_kept(feed_server: FeedServer,
                                                                  make_settings):
    html = b"<!doctype html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
    url = feed_server.serve("/page", Response(200, html, {
        "Content-Type": "text/html; charset=utf-8", "ETag": '"h1"',
        "Last-Modified": "Mon, 06 Oct 2025 10:00:00 GMT"}))
    with tracking(make_settings([url])) as (tracker, store):
        first = poll(tracker)[url]
        assert (first.outcome, first.reason) == ("error", "not-a-feed")
        assert [e.reason for e in recorded(store, ev.FeedFetchFailed)] == ["not-a-feed"]
        assert recorded(store, ev.FeedValidatorsChanged) == []
        row = feed_row(store, url)
        assert (row["etag"], row["last_modified"], row["status"]) == (None, None, "failing")
        # Nothing to be conditional on, and no stored hash to call it "unchanged".
        second = poll(tracker)[url]
        assert (second.outcome, second.reason) == ("error", "not-a-feed")
        assert "if-none-match" not in feed_server.hits("/page")[1].headers
        assert feed_row(store, url)["failures"] == 2


def test_feed_ttl_still_counts_after_304(feed_server: FeedServer, make_settings):
    body = rss([{"title": "t", "guid": "1"}], ttl=120)

    def answer(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Response(304, b"", {"ETag": '"v1"'})
        return Response(200, body, {"ETag": '"v1"'})

    url = feed_server.serve("/ttl.xml", answer)
    settings = make_settings([url], extra='[schedule]\nevery = "1m"\njitter = 0\n')
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        first, = asyncio.run(tracker.poll())
        second, = asyncio.run(tracker.poll())
    assert first.next_check == 7200
    assert second.outcome == "not-modified" and second.next_check == 7200
