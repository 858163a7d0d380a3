"""Every file of the feed robustness corpus through fetch -> parse -> judge -> store.

The corpus (``../shared/corpus``, see its SOURCES.md) is ~2,800 test feeds from seven
feed-parser projects: valid, ill-formed, mis-encoded and plain broken. None of them may
make the pipeline raise; each must end as a stored article list or a recorded failure.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import SHARED, FeedServer, Response

from tracker.errors import ParseError
from tracker.eventlog.store import EventStore
from tracker.ingest.parse import ParsedFeed, parse_feed
from tracker.poll.service import Tracker

CORPUS = SHARED / "corpus"

# Which files are feeds: the rule is the file name's extension. SOURCES.md lists the feed
# files of every folder as .xml, .json, .rss or .atom; everything else there is licence
# or provenance text (LICENSE, LICENSE-MIT, LICENSE-APACHE, SOURCE.txt, SOURCES.md).
FEED_SUFFIXES = {".xml", ".json", ".rss", ".atom"}

# Feed files per folder, as SOURCES.md counts them: a guard against the rule above
# silently dropping (or picking up) files.
EXPECTED = {
    "feedparser-tests": 2107,
    "gofeed-testdata": 552,
    "feedjira-sample-feeds": 43,
    "rss-parser-input": 31,
    "miniflux-testdata": 18,
    "rust-syndication-rss": 23,
    "rust-syndication-atom": 26,
}

# feedparser's own suite serves these files over HTTP with the response headers named in
# their leading comment; the other folders are read from disk (file:// URLs).
SERVED_FOLDER = "feedparser-tests"
_HEADER_LINE = re.compile(r"^Header:[ \t]*([\w-]+):[ \t]*(.*?)[ \t]*$", re.MULTILINE)

# A fetch-level failure on local files would be a fault of this harness or the fetcher,
# not of the feed: only the parser may turn a corpus file down.
PARSE_REASONS = {"not-a-feed", "empty-body"}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in FEED_SUFFIXES)


def is_served(path: Path) -> bool:
    return path.relative_to(CORPUS).parts[0] == SERVED_FOLDER


def served_headers(body: bytes) -> dict[str, str]:
    """Response headers from the ``Header: Name: value`` lines of the first comment.

    NULs are dropped first so the comment of a UTF-16/32 file reads as ASCII too. As in
    feedparser's suite, Content-Type defaults to text/xml.
    """
    text = body.replace(b"\x00", b"").decode("latin-1")
    start = text.find("<!--")
    end = text.find("-->", start)
    comment = text[start:end] if start >= 0 and end >= 0 else ""
    headers = dict(_HEADER_LINE.findall(comment))
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = "text/xml"
    return headers


def file_headers(path: Path) -> dict[str, str]:
    """What tracker.ingest.fetch reports for a file:// URL."""
    return {"content-type": "application/json" if path.suffix == ".json" else "application/xml"}


def test_corpus_is_complete() -> None:
    found = Counter(p.relative_to(CORPUS).parts[0] for p in corpus_files())
    assert dict(found) == EXPECTED


def test_parse_feed_accepts_or_refuses_every_file() -> None:
    """parse_feed on each file: a ParsedFeed or a ParseError, never another exception."""
    outcomes: Counter[str] = Counter()
    unexpected: list[str] = []
    for path in corpus_files():
        body = path.read_bytes()
        headers = served_headers(body) if is_served(path) else file_headers(path)
        name = str(path.relative_to(CORPUS))
        try:
            parsed = parse_feed(body, headers)
        except ParseError as exc:
            outcomes[exc.reason] += 1
            continue
        except Exception as exc:  # exactly what this test looks for: report, go on
            unexpected.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
            continue
        assert isinstance(parsed, ParsedFeed), name
        assert all(item.key for item in parsed.items), f"{name}: an item without a key"
        outcomes["ok"] += 1
    assert not unexpected, "\n".join(unexpected)
    assert set(outcomes) <= {"ok"} | PARSE_REASONS, outcomes
    print(f"parse_feed: {dict(outcomes)}")


def _feeds(server: FeedServer) -> list[dict[str, Any]]:
    feeds: list[dict[str, Any]] = []
    for path in corpus_files():
        relative = path.relative_to(CORPUS).as_posix()
        if is_served(path):
            body = path.read_bytes()
            url = server.serve("/" + quote(relative), Response(200, body, served_headers(body)))
        else:
            url = path.as_uri()
        feeds.append({"url": url, "name": relative})
    return feeds


def _snapshot(store: EventStore) -> dict[str, list[tuple[Any, ...]]]:
    conn = store.db.conn
    return {
        "articles": conn.execute("SELECT * FROM articles ORDER BY id").fetchall(),
        "feed_state": conn.execute("SELECT * FROM feed_state ORDER BY id").fetchall(),
        "article_feeds": conn.execute(
            "SELECT * FROM article_feeds ORDER BY article_id, feed_id").fetchall(),
    }


def _event_types(store: EventStore, after: int = 0) -> Counter[str]:
    rows = store.db.conn.execute(
        "SELECT type, count(*) FROM events WHERE position > ? GROUP BY type", (after,))
    return Counter(dict(rows.fetchall()))


@pytest.mark.slow
def test_one_poll_over_the_whole_corpus(feed_server: FeedServer, make_settings) -> None:
    # Every served file is on one loopback host: let the per-host limit match the overall
    # one, or two requests at a time would pace the whole cycle.
    settings = make_settings(_feeds(feed_server),
                             extra="[fetch]\nconcurrency = 16\nper_host = 16\n")
    feeds = settings.feed_by_id()
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        started = time.monotonic()
        outcomes = asyncio.run(tracker.poll())
        first_poll = time.monotonic() - started

        assert sorted(o.feed_id for o in outcomes) == sorted(feeds), "a feed without outcome"
        kinds = Counter(o.outcome for o in outcomes)
        assert set(kinds) <= {"ok", "error"}, kinds
        failed = [o for o in outcomes if o.outcome == "error"]
        assert all(o.reason and o.message for o in failed), "a failure without a reason"
        reasons = Counter(o.reason for o in failed)
        assert set(reasons) <= PARSE_REASONS, {
            o.name: f"{o.reason}: {o.message}" for o in failed if o.reason not in PARSE_REASONS}

        # The feed projection agrees with what the poll reported.
        state = dict(store.db.conn.execute(
            "SELECT id, coalesce(last_error_reason, status) FROM feed_state").fetchall())
        assert state == {o.feed_id: o.reason if o.reason else "ok" for o in outcomes}

        assert store.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)

        before = _snapshot(store)
        store.rebuild()
        assert _snapshot(store) == before, "projections differ from a rebuild of the log"

        recorded = _event_types(store)["ArticleRecorded"]
        assert recorded == len(before["articles"])
        position = store.last_position()
        second = asyncio.run(tracker.poll())
        added = _event_types(store, after=position)
        assert added["ArticleRecorded"] == 0, "a second poll recorded articles again"
        # Only the feeds that failed fail again; nothing else has anything new to say.
        assert set(added) <= {"FeedFetchFailed"}, added
        assert added["FeedFetchFailed"] == len(failed)
        assert Counter(o.outcome for o in second)["error"] == len(failed)

    print(f"\ncorpus: {len(outcomes)} files in {first_poll:.1f}s; ok {kinds['ok']}, "
          f"failed {len(failed)} {dict(reasons)}; {recorded} articles recorded")
