"""The imperative shell: fetch, parse, decide and store, one feed at a time.

This is the only module of the pipeline that does I/O. Each feed's outcome is
appended in one transaction together with its operational check row, and logged as
one line with stable key=value fields.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tracker import events as ev
from tracker.analysis.baseline import load_baseline
from tracker.analysis.judge import CompiledStory
from tracker.analysis.lexicon import story_lexicon
from tracker.config import FeedConfig, Settings
from tracker.errors import ConcurrencyError, ParseError, StoreError
from tracker.eventlog import storage
from tracker.eventlog.store import EventStore, in_chunks, utcnow
from tracker.ingest import parse, parsepool
from tracker.ingest.fetch import Fetcher, FetchRequest, FetchResult
from tracker.ingest.parse import ParsedFeed, parse_feed
from tracker.poll.analyst import Analyst
from tracker.poll.cycle import Cycle, StoreThread, store_work
from tracker.poll.decide import (
    Failure,
    FeedState,
    KnownArticle,
    article_events,
    feed_events,
    next_check,
)
from tracker.poll.outcome import FeedOutcome, log_lost, log_outcome

logger = logging.getLogger(__name__)

AHEAD = 32
"""Polls that may have fetched and not yet recorded (see Tracker._ahead)."""
GROUP_SECONDS = 0.5
"""A polling cycle commits at least this often, so other writers wait no longer."""


class Tracker:
    """Polls feeds into the event store for one configured story."""

    def __init__(self, settings: Settings, store: EventStore) -> None:
        self.settings = settings
        self.store = store
        self.story = CompiledStory.compile(settings.story)
        self.lexicon = story_lexicon(settings.story)
        self.baseline = (load_baseline(settings.story.baseline)
                         if settings.story.baseline else None)
        self.analyst = Analyst(store, self.story, self.lexicon, self.baseline)
        self._ahead_slots: asyncio.Semaphore | None = None
        self._ahead_loop: asyncio.AbstractEventLoop | None = None
        self._unlogged: list[FeedOutcome] = []
        """Polls of a grouped cycle stored but not yet committed: their lines wait."""

    # -- baseline ---------------------------------------------------------------------

    def ensure_baseline(self) -> int:
        """Record the story's baseline as events, once. Returns how many were appended."""
        baseline = self.baseline
        if baseline is None:
            return 0
        recorded = {
            row[0] for row in self.store.db.conn.execute(
                "SELECT json_extract(data, '$.fact_id') FROM events"
                " WHERE stream = ? AND type = 'BaselineFactRecorded'", (ev.BASELINE_STREAM,))
        }
        known_articles = {
            row[0] for row in self.store.db.conn.execute(
                "SELECT json_extract(data, '$.article_id') FROM events"
                " WHERE stream = ? AND type = 'BaselineArticleRecorded'", (ev.BASELINE_STREAM,))
        }
        missing: list[ev.Event] = [a for a in baseline.articles
                                   if a.article_id not in known_articles]
        missing += [f for f in baseline.facts if f.fact_id not in recorded]
        self.store.append(missing)
        if missing:
            logger.info("baseline status=recorded events=%d facts=%d", len(missing),
                        len(baseline.facts))
        return len(missing)

    # -- polling ----------------------------------------------------------------------

    async def poll(
        self, feeds: Sequence[FeedConfig] | None = None, *, only_due: bool = False,
        progress: Callable[[FeedOutcome], None] | None = None,
    ) -> list[FeedOutcome]:
        """One polling cycle over ``feeds`` (default: every configured feed), concurrently.

        The store's heavy work (judging, analysing and appending new articles) runs in a
        thread of its own, so that the event loop keeps fetching meanwhile and the
        parsers never wait for bodies (see tracker.poll.cycle.store_work); the thread finishes
        what it began before the cycle's last commit.
        """
        feeds = list(self.settings.feeds if feeds is None else feeds)
        # One commit for many feeds: a cycle's thousand small transactions cost more than
        # their writes (see EventStore.grouped).
        with self.store.grouped(seconds=GROUP_SECONDS, committed=self._committed), \
                StoreThread() as writer:
            cycle = Cycle(writer, self._states_and_checks())
            flusher = asyncio.create_task(self._flush_every(GROUP_SECONDS, cycle))
            try:
                async with Fetcher(self.settings.fetch) as fetcher:
                    tasks = [asyncio.create_task(self.poll_feed_safely(
                        fetcher, feed, only_due=only_due, cycle=cycle)) for feed in feeds]
                    try:
                        outcomes = []
                        for task in asyncio.as_completed(tasks):
                            outcome = await task
                            outcomes.append(outcome)
                            if progress is not None:
                                progress(outcome)
                    finally:
                        # A cycle cancelled midway stops its polls while the fetcher is
                        # open and before its last commit: none may write after that.
                        for task in tasks:
                            task.cancel()
                        await asyncio.gather(*tasks, return_exceptions=True)
            finally:
                flusher.cancel()
        return outcomes

    async def _flush_every(self, seconds: float, cycle: Cycle) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await store_work(cycle, self.store.flush)
            except StoreError:
                # The group's polls are lost whole; their feeds stay due, the cycle goes on.
                logger.exception("poll status=commit-failed")

    async def poll_feed_safely(self, fetcher: Fetcher, feed: FeedConfig, *,
                               only_due: bool = False,
                               cycle: Cycle | None = None) -> FeedOutcome:
        """:meth:`poll_feed`, with an unexpected error confined to its feed.

        A bug triggered by one feed's content must not stop the cycle for the others: it
        is logged with its traceback and recorded as that feed's failure when the store
        can still take it.
        """
        try:
            return await self.poll_feed(fetcher, feed, only_due=only_due, cycle=cycle)
        except Exception as exc:
            if storage.is_fault(exc):
                # A full, read-only or failing store: not this feed's fault and no bug, so
                # one line and no failure recorded (the store would refuse it too). The
                # poll's one transaction left nothing behind; the feed stays due.
                message = storage.explain(self.store.path, exc)[:500]
                logger.error("poll feed=%s outcome=error reason=store message=%r name=%r",
                             feed.id, message, feed.name)
                return FeedOutcome(feed.id, feed.name, "error", reason="store",
                                   message=message)
            logger.exception("poll feed=%s outcome=crash name=%r", feed.id, feed.name)
            failure = Failure("internal-error", f"{type(exc).__name__}: {exc}"[:500])
            try:
                state = await store_work(cycle, self._feed_state, feed.id)
                return await store_work(
                    cycle, self._record, feed, state,
                    FetchResult(url=feed.url, outcome="error", final_url=feed.url),
                    None, failure, None, False, None)
            except Exception:
                logger.exception("poll feed=%s outcome=unrecorded", feed.id)
                return FeedOutcome(feed.id, feed.name, "error", reason="internal-error",
                                   message=failure.message)

    async def poll_feed(self, fetcher: Fetcher, feed: FeedConfig, *,
                        only_due: bool = False, cycle: Cycle | None = None) -> FeedOutcome:
        """Poll one feed, on its own or as part of a ``cycle``."""
        if cycle is not None:
            state, check = cycle.before.get(feed.id, (None, None))
        else:
            state, check = self._feed_state(feed.id), self._check_row(feed.id)
        if state is not None and state.status == "retired":
            return FeedOutcome(feed.id, feed.name, "retired", reason="gone")
        due_at = check["next_check"] if check else None
        if only_due and due_at and due_at > utcnow():
            return FeedOutcome(feed.id, feed.name, "skipped", reason="not-due")
        request = FetchRequest(
            feed_id=feed.id,
            url=state.current_url if state else feed.url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        parsed: ParsedFeed | None = None
        failure: Failure | None = None
        async with self._ahead():
            result = await fetcher.fetch(request)
            body_hash = hashlib.sha256(result.body).hexdigest() if result.ok else None
            unchanged = result.ok and check is not None and check["body_sha256"] == body_hash
            if result.outcome == "error":
                failure = Failure(result.error_reason or "error", result.error_message or "",
                                  result.http_status, result.retry_after)
            elif result.ok and not unchanged:
                try:
                    parsed = await _parse(result.body, result.headers)
                except ParseError as exc:
                    failure = Failure(exc.reason, str(exc)[:500], result.http_status)
            ttl = parsed.ttl if parsed else (check or {}).get("ttl")
            return await store_work(cycle, self._record, feed, state, result, parsed,
                                     failure, body_hash, unchanged, ttl,
                                     heavy=bool(parsed and parsed.items))

    def _ahead(self) -> asyncio.Semaphore:
        """Slots for polls between fetching and recording. Fetching outruns the parsers
        and the store, and every body fetched ahead waits in memory: a thousand feeds at
        once would hold them all."""
        loop = asyncio.get_running_loop()
        if self._ahead_slots is None or self._ahead_loop is not loop:
            self._ahead_slots, self._ahead_loop = asyncio.Semaphore(AHEAD), loop
        return self._ahead_slots

    def _record(
        self, feed: FeedConfig, state: FeedState | None, result: FetchResult,
        parsed: ParsedFeed | None, failure: Failure | None, body_hash: str | None,
        unchanged: bool, ttl: float | None,
    ) -> FeedOutcome:
        for attempt in (1, 2):
            try:
                return self._append(feed, state, result, parsed, failure, body_hash, unchanged,
                                    ttl)
            except ConcurrencyError:
                # Another process recorded some of these articles first: reload and retry.
                if attempt == 2:
                    raise
                state = self._feed_state(feed.id)
        raise AssertionError("unreachable")

    def _append(
        self, feed: FeedConfig, state: FeedState | None, result: FetchResult,
        parsed: ParsedFeed | None, failure: Failure | None, body_hash: str | None,
        unchanged: bool, ttl: float | None,
    ) -> FeedOutcome:
        """Append the poll's events and its check row in one transaction; log the outcome.

        ``ttl`` is the feed's own polling hint, remembered from its last parsed body so
        that 304 and unchanged answers keep honouring it.
        """
        new_events = feed_events(feed, state, result, failure)
        items = parsed.items if parsed else ()
        if items:
            known = self._known_articles(item.article_id(feed.id) for item in items)
            article_batch = article_events(feed.id, items, known, self.story)
            new_events += article_batch
            new_events += self.analyst.analyse(article_batch, known)
        failures = (state.failures if state else 0) + 1 if failure else 0
        wait = next_check(self.settings.schedule, feed.every, failures=failures,
                          retry_after=result.retry_after, ttl=ttl,
                          max_age=result.max_age)
        outcome = "error" if failure else ("unchanged" if unchanged else result.outcome)
        if failure and failure.reason == "gone":
            outcome = "retired"
        now = datetime.now(UTC)

        def write_check(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO feed_checks (feed_id, last_checked, last_outcome, last_ok,"
                " next_check, body_sha256, ttl, checks) VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
                " ON CONFLICT (feed_id) DO UPDATE SET last_checked = excluded.last_checked,"
                " last_outcome = excluded.last_outcome,"
                " last_ok = coalesce(excluded.last_ok, feed_checks.last_ok),"
                " next_check = excluded.next_check,"
                " body_sha256 = coalesce(excluded.body_sha256, feed_checks.body_sha256),"
                " ttl = coalesce(excluded.ttl, feed_checks.ttl),"
                " checks = feed_checks.checks + 1",
                (feed.id, now.isoformat(), outcome, None if failure else now.isoformat(),
                 (now + timedelta(seconds=wait)).isoformat(),
                 body_hash if parsed is not None else None, parsed.ttl if parsed else None),
            )

        try:
            stored = self.store.append(new_events, also=write_check)
        except BaseException:
            self.analyst.forget()  # it learnt from events that were not stored
            raise
        self.analyst.caught_up()
        recorded = [s.event for s in stored if isinstance(s.event, ev.ArticleRecorded)]
        judged = {s.event.article_id: s.event.relevant for s in stored
                  if isinstance(s.event, ev.RelevanceJudged)}
        summary = FeedOutcome(
            feed_id=feed.id, name=feed.name, outcome=outcome, http_status=result.http_status,
            items=len(items), new=len(recorded),
            relevant=sum(1 for e in recorded if judged.get(e.article_id)),
            revised=sum(1 for s in stored if isinstance(s.event, ev.ArticleRevised)),
            events=len(stored), reason=failure.reason if failure else None,
            message=failure.message if failure else None, next_check=wait,
            elapsed=result.elapsed,
        )
        if self.store.in_group:
            self._unlogged.append(summary)
        else:
            log_outcome(summary)
        return summary

    def _committed(self, done: bool) -> None:
        """The store committed a group of polls, or lost it: now say what they did."""
        waiting, self._unlogged = self._unlogged, []
        for outcome in waiting:
            if done:
                log_outcome(outcome)
            else:
                log_lost(outcome)

    def rejudge(self, *, batch: int = 500,
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Judge every recorded article again with the current method (see
        :meth:`tracker.poll.analyst.Analyst.rejudge`)."""
        return self.analyst.rejudge(batch=batch, progress=progress)

    # -- reading state ----------------------------------------------------------------

    def _states_and_checks(self) -> dict[str, tuple[FeedState | None, dict[str, Any] | None]]:
        """Every feed's state and check row, as :meth:`_feed_state` and
        :meth:`_check_row` read them one at a time."""
        states, checks = self._feed_states(), self._check_rows()
        return {feed_id: (states.get(feed_id), checks.get(feed_id))
                for feed_id in states.keys() | checks.keys()}

    def _feed_state(self, feed_id: str) -> FeedState | None:
        return self._feed_states(feed_id).get(feed_id)

    def _check_row(self, feed_id: str) -> dict[str, Any] | None:
        return self._check_rows(feed_id).get(feed_id)

    def _feed_states(self, feed_id: str | None = None) -> dict[str, FeedState]:
        """The state of ``feed_id``, or of every feed."""
        rows = self.store.db.conn.execute(
            "SELECT id, current_url, status, etag, last_modified, failures FROM feed_state"
            + (" WHERE id = ?" if feed_id else ""), (feed_id,) if feed_id else ())
        return {row[0]: FeedState(*row) for row in rows}

    def _check_rows(self, feed_id: str | None = None) -> dict[str, dict[str, Any]]:
        """The check row of ``feed_id``, or of every feed."""
        rows = self.store.db.conn.execute(
            "SELECT feed_id, next_check, body_sha256, ttl FROM feed_checks"
            + (" WHERE feed_id = ?" if feed_id else ""), (feed_id,) if feed_id else ())
        return {row[0]: {"next_check": row[1], "body_sha256": row[2], "ttl": row[3]}
                for row in rows}

    def next_due(self, feed_id: str) -> datetime | None:
        """When ``feed_id`` is next due for a check, or None if it never was checked."""
        check = self._check_row(feed_id)
        due = check["next_check"] if check else None
        return datetime.fromisoformat(due) if due else None

    def _known_articles(self, article_ids: Iterable[str]) -> dict[str, KnownArticle]:
        ids = list(dict.fromkeys(article_ids))
        known: dict[str, KnownArticle] = {}
        conn = self.store.db.conn
        for chunk, marks in in_chunks(ids):
            rows = conn.execute(
                f"SELECT a.id, a.content_hash, a.relevant, a.score,"
                f" (SELECT group_concat(feed_id, ' ') FROM article_feeds f"
                f"  WHERE f.article_id = a.id)"
                f" FROM articles a WHERE a.id IN ({marks})", chunk).fetchall()
            for article_id, content_hash, relevant, score, feeds in rows:
                known[article_id] = KnownArticle(article_id, content_hash, bool(relevant), score,
                                                 frozenset((feeds or "").split()))
        return known


async def _parse(body: bytes, headers: dict[str, str]) -> ParsedFeed:
    if parse_feed is parse.parse_feed:
        return await parsepool.shared().parse(body, headers)
    # A replaced parse_feed (tests wrap it to count or break parses) cannot be sent to
    # a worker process by name; it runs here.
    return await asyncio.to_thread(parse_feed, body, headers)
