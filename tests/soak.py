"""A soak, accelerated: the real daemon for minutes with one-second intervals.

Many feeds on 127.0.0.1 gain items as they are polled (about half of them about the
story, in several languages); SIGHUP reloads add and remove feeds; digests go to two
channels, a webhook receiver and an SMTP server (aiosmtpd), each down for a stretch of
the run (the webhook answers 503, the SMTP server 451) and then back. The disk fills for
a stretch: the daemon's files may not grow past their size then (RLIMIT_FSIZE set on
the running daemon with prlimit, so SQLite's writes fail with EFBIG), and ``tracker
status`` must say a commit failed, then that the daemon caught up. The wall clock steps
back an hour, later forward three hours (a test-only start-up hook offsets the daemon's
``time.time`` and ``datetime.now`` from a file, tests/childhooks): polling must go on
through both. The daemon's resident memory, open descriptors and threads are sampled
from /proc at the start, the middle and the end; then growth stops, the daemon settles,
is stopped with SIGTERM, and :func:`crash.audit` and :func:`audit_mail` check every
served item was recorded once and every update went out in exactly one delivered digest
per channel.

Shared by ``tests/daemon/test_soak.py`` (which asserts on the figures) and
``benchmarks/soak.py`` (which prints them).
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from conftest import FeedServer, write_config
from crash import (
    DEVELOPMENTS,
    OTHER_NEWS,
    SECRET_ENV,
    GrowingFeed,
    Run,
    _settled,
    _started,
    _tail,
    _wait,
    _weekday,
    audit,
    merged_updates,
    notify_config,
    reap,
)
from kills import child_env
from receivers import MailSink, free_port

from tracker import config

POLLS_A_DAY = 48
"""Polls of one feed in a day at the default interval (``schedule.every`` = 30 min): the
soak polls every second, so 48 s of it are a simulated day of polling."""

# Story developments in other languages and scripts, written for this soak.
ABROAD = (
    ("Россия и талибы подписали соглашение о поставках зерна",
     "Москва и Кабул договорились удвоить поставки пшеницы в Афганистан."),
    ("Талибан и Россия обсудили строительство железной дороги",
     "Делегация талибов провела переговоры в Москве о транзитном коридоре."),
    ("Russland und die Taliban vereinbaren Energieprojekt in Afghanistan",
     "Moskau will Strom und Treibstoff an die Regierung in Kabul liefern."),
    ("La Russie reçoit une délégation des talibans à Moscou",
     "Les ministres afghans ont discuté de commerce et de sécurité avec le Kremlin."),
    ("Rusia y los talibanes firman un acuerdo comercial",
     "Moscú y Kabul acordaron ampliar el comercio de combustible y trigo."),
    ("روسيا وطالبان توقعان اتفاقا لتوريد الوقود إلى أفغانستان",
     "قالت حكومة طالبان في كابول إن موسكو ستزيد شحنات النفط."),
    ("روسیه و طالبان درباره راه‌آهن افغانستان گفتگو کردند",
     "هیئت طالبان در مسکو با مقام‌های روسی دیدار کرد."),
    ("Rusya ile Taliban arasında buğday anlaşması imzalandı",
     "Moskova ve Kabil, Afganistan'a tahıl sevkiyatını artırma kararı aldı."),
)


class SoakFeed(GrowingFeed):
    """A growing feed whose items are story news in several languages or other news."""

    def _item(self, number: int) -> dict[str, str]:
        link = f"https://{self.name}.test/{number:04d}"
        draw = self.rng.random()
        pool = ABROAD if draw < 0.25 else DEVELOPMENTS if draw < 0.5 else OTHER_NEWS
        title, text = self.rng.choice(pool)
        day = 1 + number % 27
        return {"title": f"{title} ({self.name} {number})", "link": link, "guid": link,
                "description": text,
                "pubDate": f"{_weekday(day)}, {day:02d} Oct 2026 09:00:00 GMT"}


@dataclass(frozen=True)
class Sample:
    """The daemon process's resources at one moment, from /proc."""

    rss_kib: int
    fds: int
    threads: int

    def line(self, label: str) -> str:
        return (f"{label}: rss={self.rss_kib / 1024:.1f}MiB fds={self.fds} "
                f"threads={self.threads}")


def sample(pid: int) -> Sample:
    fields: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "Threads"):
                fields[key] = int(value.split()[0])
    return Sample(fields["VmRSS"], len(os.listdir(f"/proc/{pid}/fd")), fields["Threads"])


@dataclass
class Soak:
    """What a soak did and found."""

    run: Run = field(default_factory=Run)
    samples: dict[str, Sample] = field(default_factory=dict)
    feeds_added: int = 0
    feeds_removed: int = 0
    reloads: int = 0
    store_bytes: int = 0
    wal_running_bytes: int = 0
    """The -wal file's size while the daemon was still running, just before SIGTERM."""
    wal_bytes: int = 0
    """The -wal file's size after the daemon stopped (absent counts as 0)."""
    mail: MailCheck = field(default_factory=lambda: MailCheck())
    disk_full_seconds: float = 0.0
    status_when_full: dict[str, Any] = field(default_factory=dict)
    """``tracker status --json``'s daemon part once a commit had failed, disk still full."""
    status_after: dict[str, Any] = field(default_factory=dict)
    """The same once the daemon said it caught up."""
    polls_after_step: dict[str, int] = field(default_factory=dict)
    """Polls done in the stretch after each clock step (none: polling stalled)."""
    polls: int = 0
    """Polls that fetched, over the run."""
    feeds: int = 0
    """Feeds ever configured."""

    @property
    def simulated_days(self) -> float:
        """Polls per feed over the polls a feed gets in a day at the default interval."""
        return self.polls / max(self.feeds, 1) / POLLS_A_DAY

    def summary(self) -> str:
        run, mail = self.run, self.mail
        lines = [self.samples[k].line(k) for k in ("start", "middle", "end")
                 if k in self.samples]
        lines.append(f"feeds_added={self.feeds_added} feeds_removed={self.feeds_removed} "
                     f"reloads={self.reloads}")
        lines.append(f"items_served={run.items} lost={run.lost} "
                     f"duplicated={run.duplicated} events={run.events}")
        lines.append(f"updates={run.updates} webhook: digests={run.digests} "
                     f"accepted={run.accepted} repeats={run.repeats} refused={run.refused}")
        lines.append(f"updates={mail.updates} email: digests={mail.digests} "
                     f"messages={mail.messages} repeats={mail.repeats} refused={mail.refused}")
        full, after = self.status_when_full, self.status_after
        lines.append(f"disk full {self.disk_full_seconds:.0f}s: status said "
                     f"commit_failed_at={full.get('commit_failed_at')} "
                     f"failures={full.get('commit_failures')} "
                     f"caught_up={full.get('caught_up')}; then caught_up="
                     f"{after.get('caught_up')} last_commit_at={after.get('last_commit_at')}")
        lines.append("clock steps: " + " ".join(f"polls_after_{k}={v}" for k, v
                                                in self.polls_after_step.items()))
        lines.append(f"polls={self.polls} feeds={self.feeds} simulated_days="
                     f"{self.simulated_days:.1f} ({POLLS_A_DAY} polls a feed a day)")
        lines.append(f"store={self.store_bytes / 2**20:.1f}MiB "
                     f"wal_running={self.wal_running_bytes / 2**20:.2f}MiB "
                     f"wal_after_stop={self.wal_bytes / 2**20:.2f}MiB "
                     f"settle={run.settle_seconds:.0f}s elapsed={run.seconds:.0f}s")
        return "\n".join(lines)


@dataclass
class MailCheck:
    """What the SMTP server got against what the store says was delivered by email."""

    updates: int = 0
    digests: int = 0
    """Digests recorded as delivered by email."""
    messages: int = 0
    repeats: int = 0
    refused: int = 0


class DownableSink(MailSink):
    """An SMTP sink that answers 451 (try later) to every message while ``down``."""

    def __init__(self) -> None:
        super().__init__()
        self.refused = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.reply:
            self.refused += 1
        return await super().handle_DATA(server, session, envelope)

    def down(self, down: bool) -> None:
        self.reply = "451 4.3.0 Mailbox busy, try again later" if down else None


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


class PacedFeed(SoakFeed):
    """A SoakFeed that grows with time rather than with fetches: by ``per_feed`` items
    over ``growth`` seconds, however often the daemon polls it; ``freeze`` stops it."""

    def __init__(self, name: str, per_feed: int, growth: float, rng: random.Random) -> None:
        super().__init__(name, 1, rng)
        self.per_feed = per_feed
        self.growth = growth
        self.began = time.monotonic()
        self.frozen = False

    def freeze(self) -> None:
        with self.lock:
            self.frozen = True
            self.limit = len(self.items)

    def __call__(self, request: Any) -> Any:
        with self.lock:
            if not self.frozen:
                share = min(1.0, (time.monotonic() - self.began) / self.growth)
                self.limit = 1 + int(share * self.per_feed)
        return super().__call__(request)


class Fleet:
    """The feeds served and the daemon's config naming the live ones."""

    def __init__(self, server: FeedServer, directory: Path, hooks_url: str, smtp_port: int,
                 per_feed: int, growth: float, rng: random.Random) -> None:
        self.server, self.directory, self.hooks_url = server, directory, hooks_url
        self.smtp_port = smtp_port
        self.per_feed, self.growth, self.rng = per_feed, growth, rng
        self.every: list[PacedFeed] = []
        self.live: list[PacedFeed] = []

    def add(self, count: int) -> None:
        for _ in range(count):
            feed = PacedFeed(f"soak{len(self.every)}", self.per_feed, self.growth,
                             random.Random(self.rng.random()))
            self.server.serve(f"/{feed.name}.xml", feed)
            self.every.append(feed)
            self.live.append(feed)

    def remove(self, count: int) -> None:
        # The oldest first; a removed feed stops growing, what it served must be kept.
        for feed in self.live[:count]:
            feed.freeze()
        self.live = self.live[count:]

    def write(self) -> Path:
        urls: list[str | dict[str, Any]] = [self.server.url(f"/{f.name}.xml") for f in self.live]
        # Quiet period of 2 s: digests gather what a few polls found, as they would in a
        # day. Retries every 2 s at most, and enough of them to outlast the receiver's
        # outage (the default 30 would give a digest up after a minute, as configured).
        extra = notify_config(self.hooks_url, quiet_period="2s").replace(
            'retry_max = "2s"\n', 'retry_max = "2s"\nmax_attempts = 100000\n')
        extra += (f'[notify.email]\nhost = "127.0.0.1"\nport = {self.smtp_port}\n'
                  'sender = "tracker@example.org"\nrecipients = ["desk@example.org"]\n'
                  'timeout = "5s"\n')
        return write_config(self.directory, urls, extra=extra)


def launch(config_path: Path, log: Path,
           clock: Path) -> tuple[subprocess.Popen[bytes], threading.Thread]:
    """``python -m tracker run`` with the test-only clock hook; its output goes through a
    pipe to ``log``, so that a file size limit on the daemon does not cut its log."""
    env = child_env(clock_file=clock)
    env[SECRET_ENV] = "crash-secret"
    log.touch()
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--config", str(config_path), "run"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)

    def copy() -> None:
        assert process.stdout is not None
        with process.stdout as pipe, log.open("ab") as out:
            for line in pipe:
                out.write(line)
                out.flush()
    copier = threading.Thread(target=copy, daemon=True)
    copier.start()
    return process, copier


def soak_run(feed_server: FeedServer, hooks: Any, directory: Path, *, feeds: int,
             seconds: float, per_feed: int = 30, seed: int | None = None,
             settle_timeout: float = 300.0) -> Soak:
    """Run the daemon for ``seconds`` over ``feeds`` feeds (a tenth of them added by a
    reload and as many removed), then settle, stop and audit."""
    sink = DownableSink()
    smtp = Controller(sink, hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        return _soak(feed_server, hooks, sink, smtp.port, directory, feeds=feeds,
                     seconds=seconds, per_feed=per_feed, seed=seed,
                     settle_timeout=settle_timeout)
    finally:
        smtp.stop()


def _soak(feed_server: FeedServer, hooks: Any, sink: DownableSink, smtp_port: int,
          directory: Path, *, feeds: int, seconds: float, per_feed: int,
          seed: int | None, settle_timeout: float) -> Soak:
    started = time.monotonic()
    seed = seed if seed is not None else random.randrange(2**32)
    soak = Soak(run=Run(seed=seed))
    feed_server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    fleet = Fleet(feed_server, directory, hooks.url, smtp_port, per_feed, seconds * 0.8,
                  random.Random(seed))
    later = max(1, feeds // 10)
    fleet.add(feeds - later)
    config_path = fleet.write()
    db = Path(config.load(config_path).store_path)
    log, clock = directory / "daemon.log", directory / "clock"
    clock.write_text("0")
    process, copier = launch(config_path, log, clock)
    try:
        if not _started(log, 0, process, timeout=60.0):
            raise AssertionError("the daemon did not start:\n" + _tail(log))
        world = World(soak, fleet, process, hooks, sink, db, log, clock, config_path)
        _phases(world, (started, seconds), later)
        for feed in fleet.every:
            feed.freeze()
        settling = time.monotonic()
        _wait(lambda: _settled(db, fleet.every) and _mailed(db), settle_timeout, log)
        soak.run.settle_seconds = time.monotonic() - settling
        soak.samples["end"] = sample(process.pid)
        soak.wal_running_bytes = _size(db.with_name(db.name + "-wal"))
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=60)
    finally:
        reap(process)
        copier.join(timeout=30)
    if code != 0:
        soak.run.problems.append(f"the daemon exited {code}")
    soak.wal_bytes = _size(db.with_name(db.name + "-wal"))
    soak.store_bytes = _size(db)
    soak.polls, soak.feeds = _polls(log.read_text(errors="replace")), len(fleet.every)
    audit(soak.run, db, fleet.every, hooks, log)
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        audit_mail(soak, conn, sink)
    soak.run.seconds = time.monotonic() - started
    return soak


@dataclass
class World:
    """What the soak's phases act on."""

    soak: Soak
    fleet: Fleet
    process: subprocess.Popen[bytes]
    hooks: Any
    sink: DownableSink
    db: Path
    log: Path
    clock: Path
    config_path: Path
    step_at: dict[str, int] = field(default_factory=dict)
    """The log's size when the clock stepped, by step."""
    stepped_at: dict[str, float] = field(default_factory=dict)


def _phases(world: World, span: tuple[float, float], later: int) -> None:
    """The run's events, each at its share of ``seconds``: samples, the receivers'
    outages, the clock's steps, the full disk, and two reloads (one adds feeds and
    removes some, one removes more). A phase that waits (the full disk waits for the
    daemon to say so) delays the ones after it."""
    started, seconds = span
    soak, fleet, process, hooks, sink = (world.soak, world.fleet, world.process,
                                         world.hooks, world.sink)
    steps = [
        (0.1, lambda: soak.samples.__setitem__("start", sample(process.pid))),
        (0.15, lambda: setattr(hooks, "status", 503)),
        (0.2, lambda: sink.down(True)),
        (0.25, lambda: _reload(soak, fleet, process, add=later, remove=later // 2)),
        (0.3, lambda: _step_clock(world, "back", -3600)),
        (0.4, lambda: _count_polls(world, "back")),
        (0.4, lambda: _fill_disk(world)),
        (0.5, lambda: soak.samples.__setitem__("middle", sample(process.pid))),
        (0.5, lambda: _caught_up(world)),
        (0.55, lambda: setattr(hooks, "status", 200)),
        (0.6, lambda: _step_clock(world, "forward", -3600 + 3 * 3600)),
        (0.7, lambda: _count_polls(world, "forward")),
        (0.7, lambda: _reload(soak, fleet, process, add=0, remove=later - later // 2)),
        (0.75, lambda: sink.down(False)),
    ]
    for share, step in steps:
        _sleep_until(started + share * seconds, process, world.log)
        step()
    _sleep_until(started + seconds, process, world.log)


STEP_WINDOW = 4.0
"""Seconds after a clock step over which polls are counted: each live feed is due every
second, so a daemon that goes on polls each of them a few times."""


def _step_clock(world: World, name: str, offset: float) -> None:
    world.clock.write_text(str(offset))
    world.step_at[name] = _size(world.log)
    world.stepped_at[name] = time.monotonic()


def _count_polls(world: World, name: str) -> None:
    """Polls that fetched (not skipped as not due) in the window after the clock stepped."""
    _sleep_until(world.stepped_at[name] + STEP_WINDOW, world.process, world.log)
    with world.log.open("rb") as handle:
        handle.seek(world.step_at[name])
        text = handle.read().decode(errors="replace")
    world.soak.polls_after_step[name] = _polls(text)


def _polls(text: str) -> int:
    return sum(1 for line in text.splitlines() if " poll feed=" in line
               and " outcome=skipped" not in line)


def _heartbeat(world: World) -> dict[str, Any]:
    try:
        beat: dict[str, Any] = json.loads(
            world.db.with_name(world.db.name + ".daemon.json").read_text("utf-8"))
        return beat
    except (OSError, ValueError):
        return {}


def _status(world: World) -> dict[str, Any]:
    """``tracker status --json``'s daemon part (run on the daemon's clock: a step moves
    every process's clock)."""
    env = child_env(clock_file=world.clock)
    done = subprocess.run([sys.executable, "-m", "tracker", "--config",
                           str(world.config_path), "status", "--json"],
                          env=env, capture_output=True, timeout=60)
    daemon: dict[str, Any] = json.loads(done.stdout)["daemon"]
    return daemon


def _fill_disk(world: World) -> None:
    """No file of the daemon may grow past the smaller of the store's and the WAL's
    sizes now, as on a full disk; lifted once ``tracker status`` says a commit failed.
    (Not the larger: the WAL is rewritten from its start after each checkpoint, and
    writes inside a file's size need no new space, so commits could go on.)"""
    wal = world.db.with_name(world.db.name + "-wal")
    limit = min(_size(world.db), _size(wal) or _size(world.db))
    # The soft limit only: raising a hard limit again takes a privilege.
    soft, hard = resource.prlimit(world.process.pid, resource.RLIMIT_FSIZE,
                                  (limit, resource.prlimit(world.process.pid,
                                                           resource.RLIMIT_FSIZE)[1]))
    began = time.monotonic()
    try:
        # The heartbeat is written every 10 s.
        deadline = began + 60
        while not _heartbeat(world).get("commit_failed_at") and time.monotonic() < deadline:
            _sleep_until(time.monotonic() + 0.5, world.process, world.log)
        world.soak.status_when_full = _status(world)
    finally:
        resource.prlimit(world.process.pid, resource.RLIMIT_FSIZE, (soft, hard))
        world.soak.disk_full_seconds = time.monotonic() - began


def _caught_up(world: World) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        beat = _heartbeat(world)
        if beat.get("commit_failed_at") and beat.get("feeds_behind") == 0 \
                and beat.get("commits_caught_up"):
            break
        _sleep_until(time.monotonic() + 0.5, world.process, world.log)
    world.soak.status_after = _status(world)


def _mailed(db: Path) -> bool:
    """Every update in an email digest, and every email digest delivered."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            waiting = conn.execute(
                "SELECT (SELECT count(*) FROM updates u WHERE background = 0 AND NOT EXISTS"
                " (SELECT 1 FROM digest_items d WHERE d.channel = ?"
                "  AND d.item = 'update:' || u.id))"
                " + (SELECT count(*) FROM digests WHERE channel = ? AND status != 'delivered')",
                (MAIL_CHANNEL, MAIL_CHANNEL)).fetchone()[0]
    except sqlite3.Error:
        return False
    return not waiting


MAIL_CHANNEL = "email"


def audit_mail(soak: Soak, conn: sqlite3.Connection, sink: DownableSink) -> None:
    """Every update in exactly one delivered email digest; each of those digests
    received by the SMTP server (by its X-Tracker-Digest header), once."""
    problems, mail = soak.run.problems, soak.mail
    updates = {u for (u,) in conn.execute("SELECT id FROM updates WHERE background = 0")}
    mail.updates = len(updates)
    delivered = {}
    for digest_id, payload in conn.execute(
            "SELECT id, payload FROM digests WHERE channel = ? AND status = 'delivered'",
            (MAIL_CHANNEL,)):
        delivered[digest_id] = [u["id"] for u in json.loads(payload)["updates"]]
    mail.digests = len(delivered)
    received = Counter(str(m["X-Tracker-Digest"]) for m in sink.messages)
    mail.messages, mail.refused = sum(received.values()), sink.refused
    mail.repeats = sum(n - 1 for n in received.values())
    if set(received) != set(delivered):
        problems.append(f"email: {len(delivered)} digests recorded delivered, "
                        f"{len(received)} received")
    if mail.repeats:
        problems.append(f"email: {mail.repeats} digests received more than once")
    sent = Counter(u for ids in delivered.values() for u in ids)
    merged = merged_updates(conn)
    if set(sent) - merged != updates or any(n > 1 for n in sent.values()):
        problems.append(f"email: updates in delivered digests {len(sent)} (most in one "
                        f"update: {max(sent.values(), default=0)}) != updates {len(updates)}")


def _reload(soak: Soak, fleet: Fleet, process: Any, *, add: int, remove: int) -> None:
    fleet.add(add)
    fleet.remove(remove)
    fleet.write()
    process.send_signal(signal.SIGHUP)
    soak.feeds_added += add
    soak.feeds_removed += remove
    soak.reloads += 1


def _sleep_until(moment: float, process: Any, log: Path) -> None:
    while time.monotonic() < moment:
        if process.poll() is not None:
            raise AssertionError(f"the daemon exited {process.returncode}:\n" + _tail(log))
        time.sleep(min(0.5, max(0.0, moment - time.monotonic())))
