"""Storage faults: a full disk and a read-only store, produced for real, and recovery.

Each scenario serves a feed on 127.0.0.1, lets the tracker record its first items, then
breaks the store, serves more items, and checks that the tracker says what is wrong in
one line (a log line, or the CLI's ``tracker: ...`` message) without a traceback and
without writing half of anything; then it removes the fault and checks that the next
poll records everything, exactly once, in a store that passes ``integrity_check`` and
whose projections equal a rebuild.

How the faults are made:

* a full disk: a 4 MiB tmpfs holds the store and a filler file takes the rest of it
  (real ENOSPC, SQLITE_FULL); needs permission to mount (root here);
* a read-only file system: the same tmpfs remounted read-only (real EROFS, which binds
  root too); the daemon must not be running, since Linux refuses to remount a file
  system read-only while a file on it is open for writing;
* a read-only database file: chmod 0444 on the file and 0555 on its directory, with the
  tracker run through ``setpriv`` without the capabilities by which root ignores file
  modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so the kernel refuses it
  like any user (EACCES);
* where none of these is possible, SQLite itself, in process: ``PRAGMA max_page_count``
  caps the database's size (SQLITE_FULL) and ``PRAGMA query_only`` refuses writes.

Shared by ``tests/eventlog/test_storage_faults.py`` and ``benchmarks/reliability.py``.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import FeedServer, Request, Response, rss, write_config
from crash import DEVELOPMENTS, check_store, launch, notify_config, reap

from tracker import config
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

SCHEDULE = '[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "1s"\n'
FS_SIZE = "4m"
FULL = re.compile(r"disk is full|no space left", re.IGNORECASE)
READ_ONLY = re.compile(r"read-only|readonly|permission denied|not writable", re.IGNORECASE)


class Skip(Exception):
    """The scenario cannot be produced here (no permission to mount, no setpriv...)."""


@dataclass
class FaultReport:
    name: str
    how: str
    served: int = 0
    recorded: int = 0
    lost: int = 0
    duplicated: int = 0
    said: str = ""
    """The line the tracker gave while the fault lasted."""
    skipped: str | None = None
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def survived(self) -> bool:
        return self.skipped is None and not self.problems


class Feed:
    """A feed whose items can be replaced; remembers every item it served."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []
        self.served: set[str] = set()
        self.lock = threading.Lock()

    def grow(self, count: int, *, long: bool = False) -> None:
        """Serve ``count`` items from now on; ``long`` ones take room in the store."""
        with self.lock:
            self.items = [self._item(n, long) for n in range(count)]

    @staticmethod
    def _item(number: int, long: bool) -> dict[str, str]:
        title, text = DEVELOPMENTS[number % len(DEVELOPMENTS)]
        link = f"https://store.test/{number:03d}"
        body = " ".join([text] * (40 if long else 1)) + f" Item {number}."
        return {"title": f"{title} ({number})", "link": link, "guid": link,
                "description": body, "pubDate": "Thu, 01 Oct 2026 09:00:00 GMT"}

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.served.update(item["link"] for item in self.items)
            return Response(200, rss(self.items, title="store faults"))


# -- producing the faults ----------------------------------------------------------------


@contextmanager
def small_fs(directory: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs at ``directory``; Skip when this process may not mount one."""
    directory.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        raise Skip("no mount command")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={FS_SIZE},mode=0755",
                           "tmpfs", str(directory)], capture_output=True, text=True)
    if made.returncode != 0:
        raise Skip(f"cannot mount a tmpfs: {made.stderr.strip() or made.returncode}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], capture_output=True)


def fill(directory: Path, leave: int = 0) -> Path:
    """Take the free space of ``directory``'s file system, all but ``leave`` bytes."""
    filler = directory / "filler"
    chunk = b"\0" * 65536
    # Unbuffered: a buffered file keeps the part of a chunk the disk refused, and
    # raises ENOSPC again when it is closed.
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
            size = filler.stat().st_size
            handle.truncate(max(0, size - leave))
    return filler


def remount(directory: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(directory)], check=True,
                   capture_output=True)


# Root ignores file modes only through these capabilities; without them in its bounding
# set, a root process (and every process it starts) is held to the modes like any user.
BOUND = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def bound_by_modes(directory: Path) -> list[str]:
    """The command prefix that runs a process held to file modes; Skip if impossible."""
    if shutil.which("setpriv") is None:
        raise Skip("no setpriv to drop the capabilities that bypass file modes")
    probe = directory / "probe"
    probe.write_text("")
    probe.chmod(0o444)
    try:
        tried = subprocess.run(BOUND + [sys.executable, "-c", f"open({str(probe)!r}, 'a')"],
                               capture_output=True, text=True)
    finally:
        probe.unlink()
    if "PermissionError" not in tried.stderr:
        raise Skip(f"file modes do not bind this process: {tried.stderr.strip()[-200:]}")
    return BOUND


# -- running the tracker -----------------------------------------------------------------


def tracker(config_path: Path, *args: str, prefix: list[str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    command = [*(prefix or []), sys.executable, "-m", "tracker", "--config", str(config_path),
               *args]
    env = {k: v for k, v in os.environ.items()
           if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM")}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


def reads(result: subprocess.CompletedProcess[str], db: Path, problems: list[str],
          what: str) -> None:
    """``tracker status --json`` read the store it may not write: its report counts the
    articles the store holds (read here directly, which needs no writing either)."""
    with sqlite3.connect(f"{db.resolve().as_uri()}?immutable=1", uri=True) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    try:
        counted = json.loads(result.stdout)["counts"]["articles"]
    except (ValueError, KeyError, TypeError):
        problems.append(f"{what}: no report (exit {result.returncode}): "
                        f"{result.stderr.strip()[-300:]}")
        return
    if counted != articles or "Traceback" in result.stderr:
        problems.append(f"{what}: counted {counted} articles of {articles}")


def said(result: subprocess.CompletedProcess[str], pattern: re.Pattern[str],
         problems: list[str], what: str) -> str:
    """The CLI's one-line error, checked: exit 1, ``tracker: ...`` naming the problem,
    no traceback."""
    lines = [line for line in result.stderr.splitlines() if line.startswith("tracker: ")]
    line = lines[-1] if lines else ""
    if result.returncode != 1:
        problems.append(f"{what}: exit {result.returncode}, expected 1")
    if "Traceback" in result.stderr:
        problems.append(f"{what}: a traceback:\n{result.stderr[-2500:]}")
    if len(lines) != 1 or not pattern.search(line):
        problems.append(f"{what}: no one-line error naming the problem; stderr:\n"
                        f"{result.stderr[-1500:]}")
    return line


def recovered(result: subprocess.CompletedProcess[str], problems: list[str],
              what: str) -> None:
    if result.returncode != 0 or "Traceback" in result.stderr:
        problems.append(f"{what}: exit {result.returncode}:\n{result.stderr[-2500:]}")


def audit(report: FaultReport, db: Path, feed: Feed) -> None:
    report.served = len(feed.served)
    with EventStore(db) as store:
        found = check_store(store, feed.served)
        report.recorded = store.db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    report.lost, report.duplicated = found.lost, found.duplicated
    report.problems += found.problems


def _setup(feed_server: FeedServer, directory: Path, store_dir: str,
           extra: str = SCHEDULE) -> tuple[Feed, Path, Path]:
    feed = Feed()
    feed.grow(3)
    url = feed_server.serve(f"/{directory.name}.xml", feed)
    path = write_config(directory, [url], extra=extra)
    path.write_text(path.read_text().replace('path = "tracker.db"',
                                             f'path = "{store_dir}/tracker.db"'))
    return feed, path, Path(config.load(path).store_path)


def scenario(name: str, how: str) -> Callable[[Callable[..., None]], Callable[..., FaultReport]]:
    """Run a scenario into a FaultReport; a Skip becomes the report's ``skipped``. Every
    scenario takes a feed server, a webhook receiver (most leave it alone) and a
    directory of its own."""
    def wrap(body: Callable[..., None]) -> Callable[..., FaultReport]:
        def run(*args: Any) -> FaultReport:
            report = FaultReport(name, how)
            started = time.monotonic()
            try:
                body(report, *args)
            except Skip as exc:
                report.skipped = str(exc)
            report.seconds = time.monotonic() - started
            return report
        run.__name__ = body.__name__
        return run
    return wrap


# -- the scenarios -----------------------------------------------------------------------


@scenario("full disk, daemon running", "4 MiB tmpfs filled by a file (ENOSPC)")
def full_disk_daemon(report: FaultReport, feed_server: FeedServer, hooks: Any,
                     directory: Path) -> None:
    """The disk fills while the daemon runs: it logs one line per poll, keeps running,
    and records everything once the space is back; a ``tracker poll`` meanwhile says
    the same in one line and exits 1."""
    problems = report.problems
    with small_fs(directory / "fs") as fs:
        feed, path, db = _setup(feed_server, directory, "fs",
                                extra=notify_config(hooks.url))
        log = directory / "daemon.log"
        process = launch(path, log)
        try:
            _wait(lambda: _articles(db) >= 3, 30, "the first items were not recorded")
            filler = fill(fs)
            feed.grow(40, long=True)
            mark = log.stat().st_size
            _wait(lambda: _since(log, mark).count("outcome=error reason=store") >= 2, 30,
                  "the daemon did not report the full disk")
            if process.poll() is not None:
                problems.append(f"the daemon exited {process.returncode} on a full disk")
            lines = [line for line in _since(log, mark).splitlines()
                     if "poll feed=" in line and "reason=store" in line]
            report.said = lines[0]
            if not FULL.search(report.said):
                problems.append(f"the daemon's line does not name the full disk: {report.said}")
            polled = tracker(path, "poll")
            said(polled, FULL, problems, "tracker poll on a full disk")
            filler.unlink()
            _wait(lambda: feed.served <= _urls(db) and _undelivered(db) == 0, 30,
                  "the daemon did not recover once the disk had room")
            process.send_signal(signal.SIGTERM)
            if (code := process.wait(timeout=15)) != 0:
                problems.append(f"the daemon exited {code} on SIGTERM")
        finally:
            reap(process)
        text = log.read_text(errors="replace")
        if "Traceback" in text:
            at = text.index("Traceback")
            problems.append("a traceback in the daemon's log:\n" + text[at - 200:at + 2000])
        audit(report, db, feed)


@scenario("full disk, tracker poll", "4 MiB tmpfs filled by a file (ENOSPC)")
def full_disk_poll(report: FaultReport, feed_server: FeedServer, hooks: Any,
                   directory: Path) -> None:
    """``tracker poll`` on a full disk, then on one that fills up during the poll: one
    line and exit 1 each time, nothing half-written; with room again, everything."""
    problems = report.problems
    with small_fs(directory / "fs") as fs:
        feed, path, db = _setup(feed_server, directory, "fs")
        recovered(tracker(path, "poll"), problems, "the first poll")
        feed.grow(40, long=True)
        filler = fill(fs)
        report.said = said(tracker(path, "poll"), FULL, problems, "poll on a full disk")
        filler.unlink()
        # Room to open the store, not to record 40 long items.
        filler = fill(fs, leave=160 * 1024)
        said(tracker(path, "poll"), FULL, problems, "poll on a disk that fills up")
        filler.unlink()
        recovered(tracker(path, "poll"), problems, "the poll once the disk had room")
        audit(report, db, feed)


@scenario("read-only file system", "tmpfs remounted read-only (EROFS, binds root too)")
def read_only_fs(report: FaultReport, feed_server: FeedServer, hooks: Any,
                 directory: Path) -> None:
    """``tracker poll`` and ``tracker run`` on a read-only file system say so in one line
    and exit 1; remounted read-write, the next poll records everything."""
    problems = report.problems
    with small_fs(directory / "fs") as fs:
        feed, path, db = _setup(feed_server, directory, "fs")
        recovered(tracker(path, "poll"), problems, "the first poll")
        feed.grow(40)
        remount(fs, "ro")
        try:
            report.said = said(tracker(path, "poll"), READ_ONLY, problems,
                               "poll on a read-only file system")
            said(tracker(path, "run", timeout=30), READ_ONLY, problems,
                 "run on a read-only file system")
            reads(tracker(path, "status", "--json"), db, problems,
                  "status on a read-only file system")
        finally:
            remount(fs, "rw")
        recovered(tracker(path, "poll"), problems, "the poll once read-write again")
        audit(report, db, feed)


@scenario("read-only database file",
          "chmod 0444 file, 0555 dir; tracker held to file modes (setpriv)")
def read_only_file(report: FaultReport, feed_server: FeedServer, hooks: Any,
                   directory: Path) -> None:
    """The store's file and directory lose their write permission: ``tracker poll`` and
    ``tracker run`` say so in one line and exit 1; with the permissions back, the next
    poll records everything."""
    problems = report.problems
    bound = bound_by_modes(directory)
    store_dir = directory / "store"
    store_dir.mkdir()
    feed, path, db = _setup(feed_server, directory, "store")
    recovered(tracker(path, "poll", prefix=bound), problems, "the first poll")
    feed.grow(40)
    db.chmod(0o444)
    store_dir.chmod(0o555)
    try:
        report.said = said(tracker(path, "poll", prefix=bound), READ_ONLY, problems,
                           "poll on a read-only store")
        said(tracker(path, "run", prefix=bound, timeout=30), READ_ONLY, problems,
             "run on a read-only store")
        reads(tracker(path, "status", "--json", prefix=bound), db, problems,
              "status on a read-only store")
    finally:
        store_dir.chmod(0o755)
        db.chmod(0o644)
    recovered(tracker(path, "poll", prefix=bound), problems, "the poll once writable")
    audit(report, db, feed)


@scenario("store full (SQLite's own cap)", "PRAGMA max_page_count at the store's size")
def full_store_in_process(report: FaultReport, feed_server: FeedServer, hooks: Any,
                          directory: Path) -> None:
    """Without a small file system: SQLite refuses to grow the database past its page
    cap, exactly as on a full disk (SQLITE_FULL)."""
    _in_process(report, feed_server, directory, FULL,
                lambda conn: conn.execute("PRAGMA max_page_count = " + str(
                    conn.execute("PRAGMA page_count").fetchone()[0])),
                lambda conn: conn.execute("PRAGMA max_page_count = 1073741823"))


@scenario("store read-only (SQLite's own switch)", "PRAGMA query_only")
def read_only_in_process(report: FaultReport, feed_server: FeedServer, hooks: Any,
                         directory: Path) -> None:
    """Without another user: SQLite refuses every write (SQLITE_READONLY)."""
    _in_process(report, feed_server, directory, READ_ONLY,
                lambda conn: conn.execute("PRAGMA query_only = ON"),
                lambda conn: conn.execute("PRAGMA query_only = OFF"))


def _in_process(report: FaultReport, feed_server: FeedServer, directory: Path,
                pattern: re.Pattern[str], break_it: Callable[[sqlite3.Connection], Any],
                mend: Callable[[sqlite3.Connection], Any]) -> None:
    problems = report.problems
    feed, path, db = _setup(feed_server, directory, ".")
    settings = config.load(path)
    with EventStore(db) as store:
        poller = Tracker(settings, store)
        poller.ensure_baseline()
        asyncio.run(poller.poll())
        feed.grow(40, long=True)
        conn = store.db.conn
        before = store.count(), conn.execute("SELECT * FROM feed_checks").fetchall()
        break_it(conn)
        try:
            outcomes = asyncio.run(poller.poll())
        finally:
            mend(conn)
        outcome = outcomes[0]
        report.said = f"outcome={outcome.outcome} reason={outcome.reason} {outcome.message}"
        if outcome.reason != "store" or not pattern.search(outcome.message or ""):
            problems.append(f"the poll did not report the store's fault: {report.said}")
        if (store.count(), conn.execute("SELECT * FROM feed_checks").fetchall()) != before:
            problems.append("the failed poll left something behind")
        after = asyncio.run(poller.poll())
        if after[0].outcome != "ok":
            problems.append(f"the poll after the fault: {after[0]}")
    audit(report, db, feed)


SCENARIOS = (full_disk_daemon, full_disk_poll, read_only_fs, read_only_file,
             full_store_in_process, read_only_in_process)


# -- reading the store while the daemon runs ---------------------------------------------


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(what)
        time.sleep(0.2)


def _since(log: Path, offset: int) -> str:
    with log.open("rb") as handle:
        handle.seek(offset)
        return handle.read().decode(errors="replace")


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.Error:
        return []


def _articles(db: Path) -> int:
    rows = _query(db, "SELECT count(*) FROM articles")
    return int(rows[0][0]) if rows else 0


def _urls(db: Path) -> set[str]:
    return {url for (url,) in _query(db, "SELECT url FROM articles")}


def _undelivered(db: Path) -> int:
    rows = _query(db, "SELECT (SELECT count(*) FROM updates u WHERE background = 0 AND NOT"
                      " EXISTS (SELECT 1 FROM digest_items d WHERE d.item = 'update:' || u.id))"
                      " + (SELECT count(*) FROM digests WHERE status != 'delivered')")
    return int(rows[0][0]) if rows else 1
