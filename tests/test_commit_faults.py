"""A COMMIT refused at any commit point loses nothing and doubles nothing (issue 14).

For each commit point (a polling cycle with grouped commits, ``rejudge``, digest
composition and delivery, ``rebuild``, the daemon's reload) a clean run counts its
COMMITs; then, for every N up to that count, the same inputs run again on a fresh store
with the Nth COMMIT refused by SQLite (tests/commitfaults.py), the step that failed is
retried in the same process, and the store must equal the clean run's: the same
articles, the same updates with the same sources, the same analyses, the same digests,
each delivered exactly once. ``feeds import`` commits a file, not a transaction: it
replaces the config whole (tracker/opml.py); its write is refused by the kernel (a file
size limit, as a full disk refuses it), then the cycle that polls the imported feeds has
its COMMITs refused in turn. Kills at the Nth commit are in tests/test_commit_kills.py.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from commitfaults import (
    QUAKE,
    QUAKE_RU,
    WEATHER,
    WHEAT_DE,
    WHEAT_DE_2,
    CommitFault,
    arm,
    disarm,
)
from conftest import FeedServer, Response, rss, write_config
from receivers import Hooks

from tracker import config
from tracker.config import Settings
from tracker.daemon.scheduler import Daemon
from tracker.errors import StoreError
from tracker.eventlog.store import EventStore
from tracker.ingest.fetch import Fetcher
from tracker.notify.outbox import Outbox
from tracker.opml import OutlineFeed, add_feeds
from tracker.poll import service
from tracker.poll.service import Tracker

Step = Callable[[], object]


def settings_in(directory: Path, urls: list[str], extra: str = "") -> Settings:
    directory.mkdir(exist_ok=True)
    return config.load(write_config(directory, list(urls), extra=extra))


def hook_config(url: str) -> str:
    return ('[notify]\nquiet_period = "0s"\nmin_interval = "0s"\nretry_base = "1s"\n'
            f'[[notify.webhooks]]\nurl = "{url}"\nname = "hook"\ntimeout = "5s"\n')


def rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(row) for row in conn.execute(sql).fetchall())


def fingerprint(store: EventStore) -> dict[str, Any]:
    """What a run leaves in the store, without its ids and times."""
    conn = store.db.conn
    sources: dict[str, list[str]] = {}
    for update_id, url in conn.execute(
            "SELECT l.update_id, a.url FROM update_links l JOIN articles a"
            " ON a.id = l.article_id").fetchall():
        sources.setdefault(update_id, []).append(url)
    summaries = dict(conn.execute("SELECT id, summary FROM update_state").fetchall())
    digests = []
    for channel, payload, status in conn.execute(
            "SELECT channel, payload, status FROM digests").fetchall():
        items = json.loads(payload)["updates"]
        digests.append((channel, status, tuple(sorted(u["summary"] for u in items))))
    return {
        "articles": rows(conn, "SELECT url, relevant FROM articles"),
        "updates": sorted((summaries[u], tuple(sorted(urls))) for u, urls in sources.items()),
        "empty updates": [u for u in summaries if u not in sources],
        "analyses": rows(conn, "SELECT a.url, x.outcome, x.copy_of IS NOT NULL"
                               " FROM article_analysis x JOIN articles a ON a.id = x.article_id"),
        "baseline": rows(conn, "SELECT count(*) FROM baseline_facts"),
        "digests": sorted(digests),
        "deliveries": rows(conn, "SELECT type, count(*) FROM events WHERE type IN"
                                 " ('DigestComposed', 'DeliverySucceeded') GROUP BY type"),
        "unlinked": rows(conn, "SELECT x.article_id FROM article_analysis x WHERE"
                               " x.update_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
                               " update_state u WHERE u.id = x.update_id)"),
    }


@dataclass
class Run:
    """One run of a scenario: its fingerprint, COMMITs counted, and whether a fault fired."""

    fingerprint: dict[str, Any]
    commits: int
    fired: bool
    retried: int


def run_steps(store: EventStore, steps: list[Step], fault: CommitFault) -> int:
    """Run ``steps`` in order; a step during which the fault fired is run once more, in
    the same process, as an operator or the daemon's next round would."""
    retried = 0
    for step in steps:
        before = len(fault.spoilt)
        try:
            step()
        except StoreError:
            assert len(fault.spoilt) > before, "a store error with no fault injected"
        if len(fault.spoilt) > before:
            retried += 1
            step()
    return retried


@contextmanager
def armed(store: EventStore, nth: int) -> Iterator[CommitFault]:
    fault = arm(store.db.conn, nth)
    try:
        yield fault
    finally:
        disarm(store.db.conn)


NEVER = 10**9
"""A COMMIT ordinal no scenario reaches: arming with it only counts."""


def check_every_fault(build: Callable[[Path, int], Run], tmp_path: Path) -> int:
    """Run the scenario clean, then once per commit point with that COMMIT refused;
    return how many fault points were checked."""
    clean = build(tmp_path / "clean", NEVER)
    assert clean.commits > 0 and not clean.fired
    assert not clean.fingerprint["unlinked"] and not clean.fingerprint["empty updates"]
    for nth in range(1, clean.commits + 1):
        faulted = build(tmp_path / f"fault{nth}", nth)
        assert faulted.fired, f"commit {nth} of {clean.commits} was not refused"
        assert faulted.fingerprint == clean.fingerprint, f"after refusing commit {nth}"
    print(f"fault points checked: {clean.commits}")
    return clean.commits


# -- the scenarios -----------------------------------------------------------------------

def serve_first(feed_server: FeedServer) -> list[str]:
    return [feed_server.serve("/en.xml", Response(200, rss([QUAKE]))),
            feed_server.serve("/wx.xml", Response(200, rss([WEATHER])))]


def polling_steps(feed_server: FeedServer, tracker: Tracker, directory: Path, *,
                  one_by_one: bool = False) -> list[Step]:
    """Three cycles: two outlets, a third joining, then the first gaining an item.
    ``one_by_one``: each feed polled and committed on its own, as the daemon's jobs do."""
    urls = serve_first(feed_server)

    def cycle(feeds: list[str]) -> Step:
        def poll() -> None:
            tracker.settings = settings_in(directory, feeds)
            asyncio.run(tracker.poll() if not one_by_one else each_feed(tracker))
        return poll

    def grow() -> None:
        feed_server.serve("/en.xml", Response(200, rss([QUAKE, WHEAT_DE])))
        cycle(urls + [ru])()

    ru = feed_server.serve("/ru.xml", Response(200, rss([QUAKE_RU])))
    return [tracker.ensure_baseline, cycle(urls), cycle(urls + [ru]), grow]


@pytest.mark.parametrize("group_seconds", [0.5, 0.0], ids=["one-group", "group-per-poll"])
def test_a_polling_cycle_refused_at_any_commit(feed_server: FeedServer, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               group_seconds: float):
    """A cycle commits its polls in groups: one at its end, or (with no time allowed to a
    group) one per poll, so that a group is refused midway while the cycle goes on."""
    monkeypatch.setattr(service, "GROUP_SECONDS", group_seconds)

    def build(directory: Path, nth: int) -> Run:
        settings = settings_in(directory, [])
        with EventStore(settings.store_path) as store, armed(store, nth) as fault:
            tracker = Tracker(settings, store)
            retried = run_steps(store, polling_steps(feed_server, tracker, directory), fault)
            return Run(fingerprint(store), fault.commits, fault.fired, retried)

    assert check_every_fault(build, tmp_path) >= 4


async def each_feed(tracker: Tracker) -> None:
    async with Fetcher(tracker.settings.fetch) as fetcher:
        for feed in tracker.settings.feeds:
            await tracker.poll_feed_safely(fetcher, feed)


def test_the_daemon_s_polls_refused_at_any_commit(feed_server: FeedServer, tmp_path: Path):
    """The daemon's jobs poll a feed at a time, each in its own transaction."""
    def build(directory: Path, nth: int) -> Run:
        settings = settings_in(directory, [])
        with EventStore(settings.store_path) as store, armed(store, nth) as fault:
            tracker = Tracker(settings, store)
            steps = polling_steps(feed_server, tracker, directory, one_by_one=True)
            retried = run_steps(store, steps, fault)
            return Run(fingerprint(store), fault.commits, fault.fired, retried)

    assert check_every_fault(build, tmp_path) >= 6


def refused_after_polling(feed_server: FeedServer, directory: Path, nth: int,
                          later: Callable[[EventStore, Tracker], list[Step]]) -> Run:
    """The scenario's polling cycles, run cleanly; then the steps ``later`` makes, with
    the Nth COMMIT from there refused."""
    settings = settings_in(directory, [])
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        for step in polling_steps(feed_server, tracker, directory):
            step()
        steps = later(store, tracker)
        with armed(store, nth) as fault:
            retried = run_steps(store, steps, fault)
        return Run(fingerprint(store), fault.commits, fault.fired, retried)


def test_rejudge_refused_at_any_commit(feed_server: FeedServer, tmp_path: Path):
    def build(directory: Path, nth: int) -> Run:
        return refused_after_polling(feed_server, directory, nth, lambda store, tracker: [
            lambda: tracker.rejudge(batch=2), lambda: more_news(feed_server, tracker)])

    assert check_every_fault(build, tmp_path) >= 3


def more_news(feed_server: FeedServer, tracker: Tracker) -> None:
    """A cycle after a rejudge: the story's memory must be what the store holds."""
    url = feed_server.serve("/de.xml", Response(200, rss([WHEAT_DE_2])))
    known = [feed.url for feed in tracker.settings.feeds]
    tracker.settings = settings_in(Path(tracker.settings.store_path).parent,
                                   list(dict.fromkeys([*known, url])))
    asyncio.run(tracker.poll())


def test_digests_refused_at_any_commit(feed_server: FeedServer, hooks: Hooks,
                                       tmp_path: Path):
    """Composing a digest and recording each delivery step: every digest is delivered
    once per channel, and the receiver gets it once."""
    received: list[int] = []

    def deliver(store: EventStore, directory: Path) -> list[Step]:
        outbox = Outbox(settings_in(directory, [], extra=hook_config(hooks.url)), store)
        before = len(hooks.accepted())
        return [lambda: outbox.run(force=True),
                lambda: received.append(len(hooks.accepted()) - before)]

    def build(directory: Path, nth: int) -> Run:
        return refused_after_polling(feed_server, directory, nth,
                                     lambda store, _: deliver(store, directory))

    assert check_every_fault(build, tmp_path) >= 3
    assert received[0] >= 1 and set(received) == {received[0]}, received


def test_rebuild_refused_at_its_commit(feed_server: FeedServer, tmp_path: Path):
    def build(directory: Path, nth: int) -> Run:
        return refused_after_polling(feed_server, directory, nth,
                                     lambda store, tracker: [store.rebuild])

    assert check_every_fault(build, tmp_path) == 1


def test_a_reload_whose_commit_is_refused_changes_nothing(feed_server: FeedServer,
                                                          tmp_path: Path):
    """The daemon's reload records the story's baseline before it changes anything: a
    refused commit refuses the reload whole, and the next SIGHUP applies it."""
    urls = serve_first(feed_server)
    before = settings_in(tmp_path, urls[:1])
    after = config.load(write_config(tmp_path, list(urls), name="new.toml"))
    with EventStore(before.store_path) as store:
        daemon = Daemon(before, store, lambda: after)
        jobs = {job.id for job in daemon.scheduler.get_jobs()}
        with armed(store, 1) as fault:
            daemon.reload()
        assert fault.fired
        assert daemon.settings is before and daemon.tracker.settings is before
        assert {job.id for job in daemon.scheduler.get_jobs()} == jobs
        assert store.count() == 0
        daemon.reload()
        assert daemon.settings is after
        recorded = store.count()
        daemon.reload()
        assert store.count() == recorded > 0


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Files this process writes may not grow past ``limit`` bytes, as on a full disk:
    the kernel answers EFBIG (CPython ignores SIGXFSZ). Kept to one call: pytest's own
    capture files are written by this process too."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def import_feeds(config_path: Path, feeds: list[OutlineFeed], refused: bool) -> None:
    """``feeds import``: with ``refused``, its write fails once, and leaves the config as
    it was (no temporary file either); then it is run again, as an operator would."""
    if refused:
        before = config_path.read_bytes()
        with pytest.raises(OSError), file_size_limit(len(before)):
            add_feeds(config_path, feeds)
        assert config_path.read_bytes() == before
        assert [p.name for p in config_path.parent.iterdir()
                if p.name.startswith(f".{config_path.name}.")] == []
    add_feeds(config_path, feeds)


def test_feeds_import_refused_at_any_commit(feed_server: FeedServer, tmp_path: Path):
    """Commit point 1 is the import's write of the config; the others, the COMMITs of
    the cycle that polls what it added. A second import of the same list adds nothing."""
    urls = serve_first(feed_server)
    # Another development than the first feed's: feeds polled at once are analysed in
    # the order the network gives, and two reports of one development would make which
    # one opens the update depend on it.
    de = feed_server.serve("/de.xml", Response(200, rss([WHEAT_DE])))
    outlines = [OutlineFeed(de, "German wire"), OutlineFeed(urls[0], "duplicate"),
                OutlineFeed(urls[1], "")]

    def build(directory: Path, nth: int) -> Run:
        directory.mkdir()
        config_path = write_config(directory, urls[:1])
        import_feeds(config_path, outlines, refused=nth == 1)
        import_feeds(config_path, outlines, refused=False)
        settings = config.load(config_path)
        with EventStore(settings.store_path) as store, \
                armed(store, nth - 1 if nth > 1 else NEVER) as fault:
            tracker = Tracker(settings, store)
            retried = run_steps(store, [tracker.ensure_baseline,
                                        lambda: asyncio.run(tracker.poll())], fault)
            found = fingerprint(store)
            found["feeds"] = [(f.url, f.name) for f in settings.feeds]
            return Run(found, fault.commits + 1, fault.fired or nth == 1, retried)

    assert check_every_fault(build, tmp_path) >= 3
