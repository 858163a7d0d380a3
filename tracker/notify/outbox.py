"""The outbox: compose digests and deliver them exactly once, surviving failures.

Composing a digest, starting an attempt, and each attempt's success or failure are
events. A digest is composed (and its updates claimed for its channel) in one
transaction before anything is sent; each attempt is announced with
``DeliveryStarted`` at the digest stream's expected version, so two processes cannot
send the same attempt; a delivered digest is never sent again. Failed attempts are
retried with exponential backoff and jitter, also after a restart, since the schedule
is read back from the events. An attempt whose outcome was never recorded (the process
died mid-send) is retried as soon as its process is known to be gone (it ran on this
host and no longer does), else once its lease runs out; receivers can drop the repeat
by its digest id (webhooks' Idempotency-Key, mail's Message-ID).
"""

from __future__ import annotations

import logging
import os
import random
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from tracker import events as ev
from tracker.analysis.gist import gist_names, gist_text
from tracker.analysis.provenance import publisher_of
from tracker.config import Settings
from tracker.errors import ConcurrencyError, StoreError
from tracker.eventlog.projections import digests, feeds, merges, story
from tracker.eventlog.store import EventStore
from tracker.eventlog.types import stepped_back
from tracker.notify import DeliveryError, mail, webhook
from tracker.notify.digest import (
    FailingFeed,
    PendingContradiction,
    PendingMerge,
    PendingUpdate,
    SourceLine,
    compose,
)

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
"""How long an attempt with no recorded outcome is presumed still in flight, unless its
process is known to be gone."""

Sender = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class DeliveryOutcome:
    digest_id: str
    channel: str
    attempt: int
    ok: bool
    detail: str
    permanent: bool = False


def this_process() -> dict[str, Any] | None:
    """Who makes an attempt: enough for a later process to tell whether this one is gone.

    Host, user and PID namespace say whether a later process can look this one up at
    all; PID and start time (clock ticks after boot) tell it apart from a process that
    reuses the PID. None without Linux's /proc.
    """
    try:
        _, start = _proc_stat("self")
        namespace = os.readlink("/proc/self/ns/pid")
    except (OSError, ValueError, IndexError):
        return None
    return {"host": socket.gethostname(), "uid": os.getuid(), "pidns": namespace,
            "pid": os.getpid(), "start": start}


def sender_gone(sender: Mapping[str, Any] | None) -> bool:
    """True only when the process ``sender`` names certainly runs no more; False when it
    runs, or when this process cannot see it (another host, user or PID namespace,
    no /proc), so that only the lease can tell."""
    me = this_process()
    if not sender or me is None or any(sender.get(k) != me[k]
                                       for k in ("host", "uid", "pidns")):
        return False
    try:
        state, start = _proc_stat(str(int(sender["pid"])))
    except (FileNotFoundError, ProcessLookupError):
        return True
    except (OSError, ValueError, IndexError, KeyError, TypeError):
        return False
    # A zombie has died but keeps its entry until its parent reaps it.
    return start != sender.get("start") or state in ("Z", "X")


def _proc_stat(pid: str) -> tuple[str, int]:
    """A process's state letter and start time, from /proc/<pid>/stat."""
    text = Path(f"/proc/{pid}/stat").read_text()
    # The command name (field 2) may hold spaces and parentheses: split after its end.
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[19])


def retry_delay(attempt: int, base: float, cap: float, rand: float) -> float:
    """Seconds before attempt ``attempt + 1``: exponential, capped, with jitter in
    [half, full] so that many failing deliveries do not retry in step."""
    grown: float = base * 2.0 ** min(attempt - 1, 30)
    return min(cap, grown) * (0.5 + rand / 2)


class Outbox:
    def __init__(self, settings: Settings, store: EventStore, *,
                 senders: dict[str, Sender] | None = None,
                 clock: Callable[[], datetime] | None = None,
                 rng: random.Random | None = None,
                 unrecorded: list[ev.Event] | None = None) -> None:
        """:param unrecorded: outcomes of deliveries made whose record a refused commit
        lost, shared by the outboxes of one process (see :meth:`_record_outcome`)."""
        self.settings = settings
        self.notify = settings.notify
        self.store = store
        self.senders = senders if senders is not None else self._default_senders()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.rng = rng or random.Random()
        self._gist_names = gist_names(settings.story)
        self.unrecorded = unrecorded if unrecorded is not None else []

    def _default_senders(self) -> dict[str, Sender]:
        senders: dict[str, Sender] = {}
        email = self.notify.email
        if email is not None:
            senders[email.channel] = partial(mail.send, settings=email)
        for hook in self.notify.webhooks:
            senders[hook.channel] = partial(webhook.send, settings=hook)
        if self.notify.apprise:
            from tracker.notify import apprise_channel  # Apprise takes ~0.3 s to import

            for service in self.notify.apprise:
                senders[service.channel] = partial(apprise_channel.send, settings=service)
        return senders

    # -- composing --------------------------------------------------------------------

    def preview(self) -> list[dict[str, Any]]:
        """The digests that would be composed now, composing nothing."""
        now = self.clock()
        return [p for channel in self.senders
                if (p := self._compose_for(channel, now)) is not None]

    def compose_due(self, *, force: bool = False) -> list[dict[str, Any]]:
        """Compose a digest for each channel whose pending changes are due.

        Due means: something new, the quiet period passed since the newest change, and
        the minimum interval since the channel's last digest. ``force`` skips both waits
        (``tracker digest`` and the cron schedule).
        """
        now = self.clock()
        composed = []
        for channel in self.senders:
            if not force and not self._due(channel, now):
                continue
            payload = self._compose_for(channel, now)
            if payload is None:
                continue
            event = ev.DigestComposed(
                digest_id=payload["digest_id"], channel=channel,
                update_ids=[u["id"] for u in payload["updates"]],
                contradictions=[c["key"] for c in payload["contradictions"]],
                payload=payload, merges=[m["key"] for m in payload["merges"]])
            try:
                self.store.append([event], expected={event.stream(): 0})
            except ConcurrencyError:
                continue  # another process composed the same digest first
            logger.info("digest status=composed digest=%s channel=%s updates=%d "
                        "contradictions=%d merges=%d", payload["digest_id"], channel,
                        len(payload["updates"]), len(payload["contradictions"]),
                        len(payload["merges"]))
            composed.append(payload)
        return composed

    def _due(self, channel: str, now: datetime) -> bool:
        conn = self.store.db.conn
        latest = digests.newest_pending(conn, channel)
        if latest is None:
            return False
        # A moment after now: the clock stepped back since; that wait is over.
        if not stepped_back(latest, now) and now - datetime.fromisoformat(latest) < timedelta(
                seconds=self.notify.quiet_period):
            return False
        last = digests.last_composed(conn, channel)
        return last is None or stepped_back(last, now) or now - datetime.fromisoformat(
            last) >= timedelta(seconds=self.notify.min_interval)

    def _compose_for(self, channel: str, now: datetime) -> dict[str, Any] | None:
        return compose(channel, self.settings.story.name, self._pending_updates(channel),
                       self._pending_contradictions(channel), self._failing_feeds(now),
                       now.isoformat(timespec="seconds"), self._pending_merges(channel))

    def _pending_updates(self, channel: str) -> list[PendingUpdate]:
        conn = self.store.db.conn
        return [PendingUpdate(update_id, kind, summary, event_date, first_seen, confidence,
                              outlets, self._sources(update_id),
                              gist_text(story.source_signals(conn, update_id),
                                        self._gist_names))
                for update_id, kind, summary, event_date, first_seen, confidence, outlets
                in digests.pending_updates(conn, channel)]

    def _sources(self, update_id: str) -> tuple[SourceLine, ...]:
        return tuple(SourceLine(outlet or "", title or "", url, copy_of is not None,
                                publisher_of(url, feed_url, outlet), language)
                     for outlet, title, url, copy_of, language, feed_url
                     in digests.update_sources(self.store.db.conn, update_id))

    def _pending_merges(self, channel: str) -> list[PendingMerge]:
        """The merges to tell ``channel`` of: each update it was told of that went into
        another, with the update its sources belong to now (followed through merges)."""
        conn = self.store.db.conn
        found = []
        for absorbed, into, merged_at in digests.pending_merges(conn, channel):
            told = digests.announced(conn, channel, absorbed)
            now_in = merges.merged_into(conn, into)
            own, other = story.headline(conn, absorbed), story.headline(conn, now_in)
            if told is None or own is None or other is None:
                continue  # a merge of an update the store no longer has: nothing to say
            into_told = digests.announced(conn, channel, now_in)
            found.append(PendingMerge(
                f"{absorbed}:{into}", absorbed, told[1] or own[0], told[0], now_in,
                other[0], into_told[0] if into_told else None, other[1],
                self._sources(now_in), merged_at))
        return found

    def _pending_contradictions(self, channel: str) -> list[PendingContradiction]:
        return [PendingContradiction(f"{article_id}:{fact_id}", fact_id, statement, claim,
                                     description, SourceLine(
                                         outlet or "", title, url, False,
                                         publisher_of(url, feed_url, outlet), language))
                for (article_id, fact_id, statement, claim, description, outlet, title, url,
                     language, feed_url)
                in digests.pending_contradictions(self.store.db.conn, channel)]

    def _failing_feeds(self, now: datetime) -> list[FailingFeed]:
        since = (now - timedelta(seconds=self.notify.failing_after)).isoformat()
        return [FailingFeed(name, url, failing, error) for name, url, failing, error
                in feeds.failing_since(self.store.db.conn, since)]

    # -- delivering -------------------------------------------------------------------

    def deliver_due(self, *, force: bool = False) -> list[DeliveryOutcome]:
        """Attempt every undelivered digest whose retry time has come (all, with
        ``force``), oldest first."""
        self._record_unrecorded()
        now = self.clock()
        outcomes = []
        for digest in digests.undelivered(self.store.db.conn):
            if not self._may_attempt(digest, now, force):
                continue
            sender = self.senders.get(digest.channel)
            if sender is None:
                continue  # the channel was removed from the config; keep it for later
            outcome = self._attempt(digest.digest_id, digest.channel, digest.attempts + 1,
                                    digest.payload, sender)
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    def _abandoned(self, digest_id: str, channel: str, attempt: int) -> bool:
        """Whether the unfinished attempt on ``digest_id`` was made by a process that is
        gone (it died between starting the attempt and recording its outcome)."""
        started = [s.event for s in self.store.read(stream=ev.digest_stream(digest_id),
                                                    types=(ev.DeliveryStarted.TYPE,))]
        last = started[-1] if started else None
        if not isinstance(last, ev.DeliveryStarted) or not sender_gone(last.sender):
            return False
        logger.warning("delivery status=abandoned digest=%s channel=%s attempt=%d "
                       "reason=sender-gone sender_pid=%s", digest_id, channel, attempt,
                       (last.sender or {}).get("pid"))
        return True

    def _attempt(self, digest_id: str, channel: str, attempt: int,
                 payload: dict[str, Any], sender: Sender) -> DeliveryOutcome | None:
        stream = ev.digest_stream(digest_id)
        try:
            self.store.append([ev.DeliveryStarted(digest_id=digest_id, channel=channel,
                                                  attempt=attempt, sender=this_process())],
                              expected={stream: self.store.stream_version(stream)})
        except ConcurrencyError:
            return None
        try:
            detail = sender(payload)
        except DeliveryError as exc:
            return self._failed(digest_id, channel, attempt, str(exc), exc.permanent)
        except Exception as exc:  # a sender bug must not lose the digest
            logger.exception("delivery status=crash digest=%s channel=%s", digest_id, channel)
            return self._failed(digest_id, channel, attempt, f"{type(exc).__name__}: {exc}",
                                False)
        self._record_outcome(ev.DeliverySucceeded(digest_id=digest_id, channel=channel,
                                                  attempt=attempt, detail=detail))
        logger.info("delivery status=ok digest=%s channel=%s attempt=%d detail=%r",
                    digest_id, channel, attempt, detail)
        return DeliveryOutcome(digest_id, channel, attempt, True, detail)

    def _may_attempt(self, digest: digests.Undelivered, now: datetime, force: bool) -> bool:
        """Not while another process is sending it (its lease), nor before its retry time.
        A lease or retry time set before the wall clock stepped back is over: a retry is
        set at most ``retry_max`` ahead, so one further ahead than that is such a one."""
        if digest.started_at and not stepped_back(digest.started_at, now) \
                and now - datetime.fromisoformat(digest.started_at) < LEASE \
                and not self._abandoned(digest.digest_id, digest.channel, digest.attempts):
            return False  # another process is sending it now
        latest_retry = now + timedelta(seconds=self.notify.retry_max)
        return force or not digest.next_attempt or not (
            now < datetime.fromisoformat(digest.next_attempt) <= latest_retry)

    def _failed(self, digest_id: str, channel: str, attempt: int, error: str,
                permanent: bool) -> DeliveryOutcome:
        if attempt >= self.notify.max_attempts:
            permanent, error = True, f"gave up after {attempt} attempts: {error}"
        retry_at = None
        if not permanent:
            delay = retry_delay(attempt, self.notify.retry_base, self.notify.retry_max,
                                self.rng.random())
            retry_at = (self.clock() + timedelta(seconds=delay)).isoformat()
        self._record_outcome(ev.DeliveryFailed(digest_id=digest_id, channel=channel,
                                               attempt=attempt, error=error[:500],
                                               permanent=permanent, retry_at=retry_at))
        logger.warning("delivery status=%s digest=%s channel=%s attempt=%d retry_at=%s "
                       "error=%r", "rejected" if permanent else "failed", digest_id, channel,
                       attempt, retry_at or "-", error)
        return DeliveryOutcome(digest_id, channel, attempt, False, error, permanent)

    def _record_outcome(self, event: ev.Event) -> None:
        """Record what an attempt did. The digest went out (or was refused) whether or
        not the store takes the record: when its commit is refused, the outcome is kept to
        be recorded first thing next pass, not forgotten (the attempt's lease would let
        the digest go out again)."""
        try:
            self.store.append([event])
        except StoreError:
            self.unrecorded.append(event)
            raise

    def _record_unrecorded(self) -> None:
        """Record the outcomes a refused commit kept from the store, before any new
        attempt; one still refused stops the pass (nothing is sent meanwhile)."""
        while self.unrecorded:
            # Taken off before its append (pop is atomic): the daemon's two digest jobs
            # may share the list from two threads, and each outcome is recorded once.
            try:
                event = self.unrecorded.pop(0)
            except IndexError:
                return
            try:
                self.store.append([event])
            except StoreError:
                self.unrecorded.insert(0, event)
                raise
            logger.info("delivery status=recorded-late type=%s", event.TYPE)

    def run(self, *, force: bool = False) -> tuple[list[dict[str, Any]], list[DeliveryOutcome]]:
        """Compose what is due and deliver what is waiting: one pass of the outbox."""
        composed = self.compose_due(force=force)
        return composed, self.deliver_due(force=force)
