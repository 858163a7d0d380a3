"""Readers and a writer on one store: sqlite-utils queries while polls are appended.

A writer thread polls a feed that grows with every poll (Tracker.poll() into a real
SQLite file); meanwhile two threads keep running the sqlite-utils command line against
the same file, as a user would: counts, the feeds view, full-text search, a query that
holds its read transaction open for a while. WAL mode promises that readers never block
the writer: no reader may fail, the writer's appends may not stall, and every reader
must see a consistent store (the articles projection agrees with the log in the same
snapshot; counts never go backwards).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conftest import FeedServer, Request, Response, rss

from tracker.eventlog.store import EventStore, StoredEvent
from tracker.poll.service import Tracker

POLLS_ALONE = 8
POLLS_WITH_READERS = 30
NEW_PER_POLL = 20
STALL = 2.0
"""Seconds an append may take with readers about, before it counts as stalled: far above
what one takes alone (milliseconds), far below the store's 30 s busy timeout."""

LONG_READ = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000)"
             " SELECT count(*) AS n, (SELECT count(*) FROM events) AS events FROM c")
CONSISTENT = ("SELECT (SELECT count(*) FROM articles) AS articles,"
              " (SELECT count(*) FROM events WHERE type = 'ArticleRecorded') AS recorded,"
              " (SELECT count(*) FROM events) AS events")


class TimedStore(EventStore):
    """The real store, timing each append (one transaction: events, projections, check)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.latencies: list[float] = []

    def append(self, events: Sequence[Any], **kwargs: Any) -> list[StoredEvent]:
        started = time.perf_counter()
        try:
            return super().append(events, **kwargs)
        finally:
            self.latencies.append(time.perf_counter() - started)


def growing_feed() -> Any:
    """A feed that gains NEW_PER_POLL items at each request, a few about the story."""
    served = [0]

    def answer(request: Request) -> Response:
        served[0] += 1
        items = [{"title": (f"Russia and the Taliban discuss rail link, report {n}" if n % 5 == 0
                            else f"Markets report {n}"), "guid": f"urn:grow:{n}",
                  "link": f"http://grow.test/{n}",
                  "description": f"Report number {n}: officials in Moscow and Kabul met."}
                 for n in range(served[0] * NEW_PER_POLL)]
        return Response(200, rss(items[-200:]))  # a window, as real feeds keep

    return answer


class Reader(threading.Thread):
    """Runs sqlite-utils commands in a loop until told to stop; records what went wrong."""

    def __init__(self, db: Path, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.db, self.stop = db, stop
        self.runs = 0
        self.slowest = 0.0
        self.errors: list[str] = []
        self.last_events = 0

    def sqlite_utils(self, *args: str) -> Any:
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "sqlite_utils", *args],
                              capture_output=True, text=True, timeout=60)
        self.slowest = max(self.slowest, time.monotonic() - started)
        self.runs += 1
        if done.returncode != 0:
            self.errors.append(f"{args[0]} exited {done.returncode}: {done.stderr.strip()}")
            return None
        return json.loads(done.stdout) if done.stdout.strip() else None

    def run(self) -> None:
        db = str(self.db)
        commands: list[tuple[str, ...]] = [
            ("tables", db, "--counts"), (db, CONSISTENT), ("rows", db, "feeds", "-c", "name",
                                                           "-c", "status", "-c", "articles"),
            ("search", db, "articles", "Taliban", "-c", "title"), (db, LONG_READ),
        ]
        while not self.stop.is_set():
            for command in commands:
                rows = self.sqlite_utils(*command)
                if command[1:] == (CONSISTENT,) and rows:
                    row = rows[0]
                    if row["articles"] != row["recorded"]:
                        self.errors.append(f"projection and log disagree: {row}")
                    if row["events"] < self.last_events:
                        self.errors.append(f"event count went back: {row}")
                    self.last_events = row["events"]


def test_sqlite_utils_readers_do_not_block_the_writer(feed_server: FeedServer, make_settings):
    url = feed_server.serve("/grow.xml", growing_feed())
    settings = make_settings([url])
    with TimedStore(settings.store_path) as store:
        tracker = Tracker(settings, store)

        def polls(count: int) -> list[float]:
            seconds = []
            for _ in range(count):
                started = time.monotonic()
                outcome, = asyncio.run(tracker.poll())
                seconds.append(time.monotonic() - started)
                assert (outcome.outcome, outcome.new) == ("ok", NEW_PER_POLL), outcome
            return seconds

        polls(POLLS_ALONE)
        alone = max(store.latencies)
        store.latencies.clear()

        stop = threading.Event()
        readers = [Reader(settings.store_path, stop) for _ in range(2)]
        for reader in readers:
            reader.start()
        try:
            cycles = polls(POLLS_WITH_READERS)
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=120)
        worst = max(store.latencies)

        assert not any(r.is_alive() for r in readers), "a reader hung"
        assert [e for r in readers for e in r.errors] == []
        assert sum(r.runs for r in readers) >= 10, "the readers hardly ran"
        assert worst < STALL, f"an append took {worst:.3f}s with readers about"
        recorded = store.db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert recorded == NEW_PER_POLL * (POLLS_ALONE + POLLS_WITH_READERS)
    print(f"\nreaders/writer: {sum(r.runs for r in readers)} sqlite-utils runs (slowest "
          f"{max(r.slowest for r in readers):.2f}s); worst append {alone * 1000:.0f} ms alone, "
          f"{worst * 1000:.0f} ms with readers over {len(store.latencies)} appends; "
          f"slowest poll {max(cycles):.2f}s")
