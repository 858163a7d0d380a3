"""``tracker status``: is the daemon running, how are the feeds, does anything need a person.

A report is a plain JSON-able dict, so ``--json`` and the text view show the same facts.
What needs a person (the exit status of ``tracker status``):

* a feed retired (410 Gone), or more than ``max_failing`` feeds that failed
  ``FAILURE_THRESHOLD`` times in a row;
* a delivery given up for good;
* a daemon that died: its heartbeat went stale without a clean stop.

A daemon that never ran or stopped cleanly is not a problem: ``tracker poll`` from cron
or by hand is a supported way to run the tracker.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tracker.config import Settings
from tracker.daemon import heartbeat
from tracker.errors import StoreError
from tracker.eventlog import checks, storage
from tracker.eventlog.projections import articles, digests, story
from tracker.eventlog.projections import feeds as feeds_projection
from tracker.eventlog.store import EventStore

FAILURE_THRESHOLD = 3
"""Consecutive failures from which a feed counts as persistently failing."""


@dataclass(frozen=True)
class Deliveries:
    pending: int = 0
    """Waiting for their first attempt or for a retry."""
    failed: int = 0
    """Given up: they will not be retried."""


# The outbox's delivery states (see tracker.notify.outbox); `deliveries` is a view over digests.
PENDING_STATES = ("pending", "retrying")
FAILED_STATES = ("failed",)


def delivery_counts(db: sqlite3.Connection) -> Deliveries:
    """Pending and failed deliveries, or zeros when the store has no ``deliveries``."""
    counts = digests.status_counts(db)
    return Deliveries(pending=sum(counts.get(s, 0) for s in PENDING_STATES),
                      failed=sum(counts.get(s, 0) for s in FAILED_STATES))


def open_store(path: Path) -> EventStore:
    """The store to report on: as every command opens it, or, where this process may
    not write it (a read-only file system, the service's file), read only: a report
    needs no writing."""
    try:
        return EventStore(path)
    except StoreError as exc:
        if not storage.is_fault(exc) or not path.exists():
            raise
        return EventStore(path, read_only=True)


def report(settings: Settings, store: EventStore, *, max_failing: int = 0,
           now: datetime | None = None) -> dict[str, Any]:
    """Everything ``tracker status`` shows, as JSON-able data."""
    now = now or datetime.now(UTC)
    conn = store.db.conn
    known = feeds_projection.overview(conn)
    counts = {
        "events": store.count(),
        "articles": articles.count(conn),
        "relevant_articles": articles.count(conn, relevant=True),
        "baseline_facts": story.fact_count(conn),
    }
    feeds = []
    for feed in settings.feeds:
        state = known.get(feed.id, {})
        feeds.append({
            "id": feed.id, "name": feed.name, "url": feed.url,
            "status": state.get("status", "new"), "failures": state.get("failures") or 0,
            "last_checked": state.get("last_checked"), "last_ok": state.get("last_ok"),
            "next_check": state.get("next_check"), "articles": state.get("articles", 0),
            "relevant": state.get("relevant_articles", 0),
            "last_error": state.get("last_error"),
        })
    last_poll = checks.last_checked(conn, [feed.id for feed in settings.feeds])
    daemon = heartbeat.assess(heartbeat.read(heartbeat.path_for(settings.store_path)), now)
    deliveries = delivery_counts(conn)
    attention = _attention(feeds, deliveries, daemon, max_failing)
    return {
        "store": str(settings.store_path),
        "daemon": _daemon_json(daemon),
        "last_poll": last_poll,
        "counts": counts,
        "deliveries": {"pending": deliveries.pending, "failed": deliveries.failed},
        "feeds": feeds,
        "attention": attention,
        "needs_attention": len(attention),
    }


def _attention(feeds: list[dict[str, Any]], deliveries: Deliveries,
               daemon: heartbeat.DaemonState, max_failing: int) -> list[str]:
    reasons = [f"feed retired: {f['name']} ({f['url']})" for f in feeds
               if f["status"] == "retired"]
    failing = [f for f in feeds if f["status"] != "retired"
               and f["failures"] >= FAILURE_THRESHOLD]
    if len(failing) > max_failing:
        reasons += [f"feed failed {f['failures']} times in a row: {f['name']} ({f['url']})"
                    for f in failing]
    if deliveries.failed:
        reasons.append(f"{deliveries.failed} deliveries failed for good "
                       "(see the deliveries view)")
    if daemon.state == "dead" and daemon.heartbeat is not None:
        reasons.append(f"daemon died: pid {daemon.heartbeat.pid} on {daemon.heartbeat.host} "
                       f"last seen {_ago(daemon.age)} without a clean stop")
    beat = daemon.heartbeat
    if daemon.running and beat is not None and not beat.caught_up:
        # Polls and digests it cannot store: a full or read-only disk, most likely.
        reasons.append(f"the daemon's commits fail: last at {beat.commit_failed_at}"
                       f" ({beat.commit_error}); not caught up since")
    return reasons


def _daemon_json(daemon: heartbeat.DaemonState) -> dict[str, Any]:
    out: dict[str, Any] = {"state": daemon.state, "running": daemon.running}
    beat = daemon.heartbeat
    if beat is not None:
        out.update(pid=beat.pid, host=beat.host, version=beat.version,
                   started_at=beat.started_at, heartbeat_at=beat.beat_at,
                   heartbeat_age=round(daemon.age or 0.0, 1), last_poll=beat.last_poll,
                   job_errors=beat.job_errors, status=beat.status, stopped_at=beat.stopped_at,
                   last_commit_at=beat.last_commit_at, commit_failed_at=beat.commit_failed_at,
                   commit_failures=beat.commit_failures, commit_error=beat.commit_error,
                   feeds_behind=beat.feeds_behind, caught_up=beat.caught_up)
    return out


def render_text(data: dict[str, Any]) -> list[str]:
    """The report as lines for a terminal."""
    daemon = data["daemon"]
    state = daemon["state"]
    if state == "running":
        line = (f"daemon: running, pid {daemon['pid']} on {daemon['host']} since "
                f"{daemon['started_at']}; heartbeat {_ago(daemon['heartbeat_age'])} ago")
        if daemon["job_errors"]:
            line += f"; {daemon['job_errors']} job errors"
    elif state == "stopped":
        line = f"daemon: not running (stopped cleanly at {daemon['stopped_at']})"
    elif state == "dead":
        line = (f"daemon: NOT RUNNING: pid {daemon['pid']} on {daemon['host']} last seen "
                f"{_ago(daemon['heartbeat_age'])} ago, without a clean stop")
    else:
        line = "daemon: not running (never started on this store)"
    lines = [line, *_commit_lines(daemon), f"last poll: {data['last_poll'] or 'never'}",
             f"deliveries: pending={data['deliveries']['pending']} "
             f"failed={data['deliveries']['failed']}",
             f"store: {data['store']}",
             "  " + "  ".join(f"{k}={v}" for k, v in data["counts"].items())]
    for r in data["feeds"]:
        checked = (r["last_checked"] or "never")[:19]
        lines.append(f"{r['status']:<8} fail={r['failures']:<3} art={r['articles']:<5} "
                     f"rel={r['relevant']:<4} checked={checked:<19} {r['name']}")
        if r["status"] != "ok" and r["last_error"]:
            lines.append(f"         last error: {r['last_error'][:120]}")
    if data["attention"]:
        lines.append(f"needs attention ({len(data['attention'])}):")
        lines += [f"  - {reason}" for reason in data["attention"]]
    return lines


def _commit_lines(daemon: dict[str, Any]) -> list[str]:
    """What the heartbeat says of the daemon's commits, when one failed."""
    failed = daemon.get("commit_failed_at")
    if not failed:
        return []
    line = (f"  last failed commit: {failed} ({daemon['commit_failures']} since start): "
            f"{daemon['commit_error']}")
    if daemon["caught_up"]:
        return [line, f"  caught up since: last commit {daemon['last_commit_at']}"]
    behind = (f"; {daemon['feeds_behind']} feeds' polls lost, to be polled again"
              if daemon["feeds_behind"] else "")
    return [line, f"  NOT caught up: no commit since{behind}" if
            (daemon["last_commit_at"] or "") <= failed else f"  NOT caught up{behind}"]


def _ago(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = max(0.0, seconds)
    if seconds < 120:
        return f"{seconds:.0f}s"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m"
    if seconds < 172800:
        return f"{seconds / 3600:.0f}h"
    return f"{seconds / 86400:.0f}d"
