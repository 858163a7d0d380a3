"""The imperative shell: fetch, parse, decide and store, one feed at a time.

A poll is fetch and parse (a :class:`~tracker.poll.types.Fetched`), read what the store
knows (a :class:`~tracker.poll.types.Known`), decide (the pure
:func:`tracker.poll.decide.decide_poll`, one :class:`~tracker.poll.types.PollResult`),
append the result's events in one transaction together with its check row, and log the
result as one line with stable key=value fields.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from tracker import events as ev
from tracker.analysis.baseline import load_baseline
from tracker.analysis.judge import CompiledStory
from tracker.analysis.lexicon import story_lexicon
from tracker.analysis.reading import reader_for
from tracker.config import FeedConfig, Settings
from tracker.errors import ConcurrencyError, ParseError, StoreError
from tracker.eventlog import checks, storage
from tracker.eventlog.projections import articles, feeds
from tracker.eventlog.store import EventStore
from tracker.eventlog.types import stepped_back
from tracker.ingest.article import fetch_pages
from tracker.ingest.fetch import Fetcher, FetchRequest
from tracker.ingest.parsepool import parse_in_pool
from tracker.ingest.types import Item, Parse
from tracker.poll.backlog import Backlog, analyse_backlog, unanalysed
from tracker.poll.cycle import Before, Cycle, StoreThread, store_work
from tracker.poll.decide import (
    decide_poll,
    needs_analysis,
    pages_wanted,
)
from tracker.poll.knowledge import KnowledgeCache
from tracker.poll.outcome import FeedOutcome, log_lost, log_outcome
from tracker.poll.rejudging import rejudge
from tracker.poll.types import (
    Failure,
    FeedCheck,
    FeedState,
    Fetched,
    Known,
    KnownArticle,
    PollResult,
    Rules,
)

logger = logging.getLogger(__name__)

AHEAD = 32
"""Polls that may have fetched and not yet recorded (see Tracker._ahead)."""
GROUP_SECONDS = 0.5
"""A polling cycle commits at least this often, so other writers wait no longer."""


class Tracker:
    """Polls feeds into the event store for one configured story."""

    def __init__(self, settings: Settings, store: EventStore, *,
                 parse: Parse = parse_in_pool) -> None:
        """:param parse: how fetched bodies are parsed; worker processes by default."""
        self.settings = settings
        self.store = store
        self.rules = Rules(CompiledStory.compile(settings.story), story_lexicon(settings.story),
                           settings.schedule, reader_for(settings.story),
                           settings.story.language)
        self.baseline = (load_baseline(settings.story.baseline)
                         if settings.story.baseline else None)
        self.memory = KnowledgeCache(store, self.rules, self.baseline)
        self.parse = parse
        self._ahead_slots: asyncio.Semaphore | None = None
        self._ahead_loop: asyncio.AbstractEventLoop | None = None
        self._unlogged: list[FeedOutcome] = []
        """Polls of a grouped cycle stored but not yet committed: their lines wait."""
        self._backlog = Backlog()
        """The cycle's articles whose analysis waits for its end (see poll.backlog)."""

    # -- baseline ---------------------------------------------------------------------

    def ensure_baseline(self) -> int:
        """Record the story's baseline as events, once. Returns how many were appended."""
        baseline = self.baseline
        if baseline is None:
            return 0
        recorded: set[str] = set()
        known_articles: set[str] = set()
        for stored in self.store.read(stream=ev.BASELINE_STREAM):
            if isinstance(stored.event, ev.BaselineFactRecorded):
                recorded.add(stored.event.fact_id)
            elif isinstance(stored.event, ev.BaselineArticleRecorded):
                known_articles.add(stored.event.article_id)
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
                await store_work(cycle, self.analyse_waiting, heavy=True)
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
                        await store_work(cycle, self.analyse_waiting, heavy=True)
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
                               only_due: bool = False, cycle: Cycle | None = None,
                               wait: bool = False) -> FeedOutcome:
        """:meth:`poll_feed`, with an unexpected error confined to its feed.

        A bug triggered by one feed's content must not stop the cycle for the others: it
        is logged with its traceback and recorded as that feed's failure when the store
        can still take it.
        """
        try:
            return await self.poll_feed(fetcher, feed, only_due=only_due, cycle=cycle,
                                        wait=wait)
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
                return await store_work(cycle, self._record, feed, state,
                                        Fetched.crashed(feed.url, failure))
            except Exception:
                logger.exception("poll feed=%s outcome=unrecorded", feed.id)
                return FeedOutcome(feed.id, feed.name, "error", reason="internal-error",
                                   message=failure.message)

    async def poll_feed(self, fetcher: Fetcher, feed: FeedConfig, *,
                        only_due: bool = False, cycle: Cycle | None = None,
                        wait: bool = False) -> FeedOutcome:
        """Poll one feed, on its own or as part of a ``cycle``. In a cycle, or with
        ``wait``, its articles' analysis waits (see :meth:`analyse_waiting`)."""
        state, check = cycle.before.get(feed.id, (None, None)) if cycle else (
            self._feed_state(feed.id), self._check(feed.id))
        if state is not None and state.status == "retired":
            return FeedOutcome(feed.id, feed.name, "retired", reason="gone")
        if only_due and not is_due(check, datetime.now(UTC)):
            return FeedOutcome(feed.id, feed.name, "skipped", reason="not-due")
        async with self._ahead():
            fetched = await self._fetch(fetcher, feed, state, check)
            fetched = await self._with_pages(fetcher, feed, fetched, cycle)
            return await store_work(cycle, self._record, feed, state, fetched,
                                    cycle is not None or wait, heavy=bool(fetched.items))

    async def _fetch(self, fetcher: Fetcher, feed: FeedConfig, state: FeedState | None,
                     check: FeedCheck | None) -> Fetched:
        """Fetch the feed and parse a body that is new."""
        result = await fetcher.fetch(FetchRequest(
            feed_id=feed.id, url=state.current_url if state else feed.url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None))
        body_hash = hashlib.sha256(result.body).hexdigest() if result.ok else None
        unchanged = result.ok and check is not None and check.body_sha256 == body_hash
        # The feed's own polling hint, remembered from its last parsed body.
        remembered = check.ttl if check else None
        if result.outcome == "error":
            failure = Failure(result.error_reason or "error", result.error_message or "",
                              result.http_status, result.retry_after)
            return Fetched(result, failure=failure, body_sha256=body_hash, ttl=remembered)
        if not result.ok or unchanged:
            return Fetched(result, body_sha256=body_hash, unchanged=unchanged, ttl=remembered)
        try:
            parsed = await self.parse(result.body, result.headers)
        except ParseError as exc:
            failure = Failure(exc.reason, str(exc)[:500], result.http_status)
            return Fetched(result, failure=failure, body_sha256=body_hash, ttl=remembered)
        return Fetched(result, parsed, body_sha256=body_hash, ttl=parsed.ttl)

    async def _with_pages(self, fetcher: Fetcher, feed: FeedConfig, fetched: Fetched,
                          cycle: Cycle | None) -> Fetched:
        """``fetched`` with the article pages its items need (``fetch.full_text``): the
        pure :func:`~tracker.poll.decide.pages_wanted` names them, against what the store
        knows; they are fetched here; the decision then reads them. Nothing at all is
        done when full text is off."""
        mode = self.settings.fetch.full_text_for(feed)
        if mode == "off" or not fetched.items:
            return fetched
        known = await store_work(cycle, self._known_articles, feed, fetched.items)
        urls = pages_wanted(feed.id, fetched.items, known, self.rules.story, mode)
        if not urls:
            return fetched
        return replace(fetched, pages=await fetch_pages(fetcher, urls, feed.url))

    def _known_articles(self, feed: FeedConfig,
                        items: Sequence[Item]) -> Mapping[str, KnownArticle]:
        return articles.known(self.store.db.conn,
                              (item.article_id(feed.id) for item in items))

    def _ahead(self) -> asyncio.Semaphore:
        """Slots for polls between fetching and recording. Fetching outruns the parsers
        and the store, and every body fetched ahead waits in memory: a thousand feeds at
        once would hold them all."""
        loop = asyncio.get_running_loop()
        if self._ahead_slots is None or self._ahead_loop is not loop:
            self._ahead_slots, self._ahead_loop = asyncio.Semaphore(AHEAD), loop
        return self._ahead_slots

    def _record(self, feed: FeedConfig, state: FeedState | None,
                fetched: Fetched, defer: bool = False) -> FeedOutcome:
        """Decide the poll and store it; decided once more on a state another writer
        changed meanwhile. With ``defer``, the analysis waits (see analyse_waiting)."""
        for attempt in (1, 2):
            try:
                return self._store(self._decide(feed, state, fetched, defer))
            except ConcurrencyError:
                # Another process recorded some of these articles first: reload and retry.
                if attempt == 2:
                    raise
                state = self._feed_state(feed.id)
        raise AssertionError("unreachable")

    def _decide(self, feed: FeedConfig, state: FeedState | None,
                fetched: Fetched, defer: bool) -> PollResult:
        """Read what the store knows of the fetched items, and decide."""
        items = fetched.items
        known = articles.known(self.store.db.conn,
                               (item.article_id(feed.id) for item in items)) if items else {}
        knowledge = (self.memory.knowledge if not defer and needs_analysis(feed.id, items, known)
                     else None)
        try:
            return decide_poll(feed, Known(state, known, knowledge), fetched, self.rules,
                               datetime.now(UTC).date(), defer=defer)
        except BaseException:
            self.memory.forget()  # it may have learnt part of a decision never stored
            raise

    def _store(self, poll: PollResult) -> FeedOutcome:
        """Append the poll's events and its check row in one transaction; log its line
        (once its group is committed, in a grouped cycle)."""
        now = datetime.now(UTC)
        try:
            self.store.append(poll.events,
                              also=lambda conn: checks.record(conn, poll.check, now))
        except BaseException:
            self.memory.forget()  # the store may have lost what it learnt from
            raise
        self.memory.stored(poll.knowledge)
        self._backlog.add(poll.pending, committed=not self.store.in_group)
        outcome = FeedOutcome.of(poll)
        if self.store.in_group:
            self._unlogged.append(outcome)
        else:
            log_outcome(outcome)
        return outcome

    def _committed(self, done: bool) -> None:
        """The store committed a group of polls, or lost it: now say what they did."""
        self._backlog.settle(done)
        if not done:
            # What the knowledge learnt from the lost polls is not in the store.
            self.memory.forget()
        waiting, self._unlogged = self._unlogged, []
        for outcome in waiting:
            if done:
                log_outcome(outcome)
            else:
                log_lost(outcome)

    @property
    def waiting(self) -> int:
        """How many articles recorded by polls that waited are still to be analysed."""
        return len(self._backlog)

    def analyse_waiting(self) -> None:
        """Analyse what polls recorded and left for later (in a cycle, or ``wait``) and
        what a stopped process left unanalysed: together, in the order their events
        happened."""
        decisions = self._backlog.take()
        decisions += unanalysed(self.store, {d.article_id for d in decisions})
        analyse_backlog(self.store, self.rules, self.memory, decisions,
                        datetime.now(UTC).date())

    def rejudge(self, *, batch: int = 500,
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Judge every recorded article again with the current method (see
        :func:`rejudge`)."""
        return rejudge(self.store, self.rules, self.memory, batch=batch, progress=progress)

    # -- reading state ----------------------------------------------------------------

    def _states_and_checks(self) -> Before:
        """Every feed's state and check, as :meth:`_feed_state` and :meth:`_check` read
        them one at a time."""
        conn = self.store.db.conn
        states, last_checks = feeds.states(conn), checks.checks(conn)
        return {feed_id: (states.get(feed_id), last_checks.get(feed_id))
                for feed_id in states.keys() | last_checks.keys()}

    def _feed_state(self, feed_id: str) -> FeedState | None:
        return feeds.states(self.store.db.conn, feed_id).get(feed_id)

    def _check(self, feed_id: str) -> FeedCheck | None:
        return checks.checks(self.store.db.conn, feed_id).get(feed_id)

    def next_due(self, feed_id: str) -> datetime | None:
        """When ``feed_id`` is next due for a check, or None if it never was checked."""
        check = self._check(feed_id)
        if check is None or not check.next_check:
            return None
        now = datetime.now(UTC)
        # After the clock stepped back, the recorded moment is due now, not in an hour.
        return now if stepped_back(check.last_checked, now) else datetime.fromisoformat(
            check.next_check)


def is_due(check: FeedCheck | None, now: datetime) -> bool:
    """Whether a feed's next check has come at ``now``: it has, too, when the wall clock
    stepped back past the last check (that check's wait is over, however long it was)."""
    if check is None or not check.next_check:
        return True
    return datetime.fromisoformat(check.next_check) <= now or stepped_back(
        check.last_checked, now)
