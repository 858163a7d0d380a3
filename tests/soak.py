"""A soak, accelerated: the real daemon for minutes with one-second intervals.

Many feeds on 127.0.0.1 gain items as they are polled (about half of them about the
story, in several languages); SIGHUP reloads add and remove feeds; the webhook receiver
is down for a stretch of the run and then back. The daemon's resident memory, open
descriptors and threads are sampled from /proc at the start, the middle and the end;
then growth stops, the daemon settles, is stopped with SIGTERM, and :func:`crash.audit`
checks every served item was recorded once and every update went out in exactly one
delivered digest.

Shared by ``tests/daemon/test_soak.py`` (which asserts on the figures) and
``benchmarks/soak.py`` (which prints them). Not covered: a full disk and a clock step
(the daemon runs on the real clock), and an SMTP server (webhook only).
"""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import FeedServer, write_config
from crash import (
    DEVELOPMENTS,
    OTHER_NEWS,
    GrowingFeed,
    Run,
    _settled,
    _started,
    _tail,
    _wait,
    _weekday,
    audit,
    launch,
    notify_config,
)

from tracker import config

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

    def summary(self) -> str:
        run = self.run
        lines = [self.samples[k].line(k) for k in ("start", "middle", "end")
                 if k in self.samples]
        lines.append(f"feeds_added={self.feeds_added} feeds_removed={self.feeds_removed} "
                     f"reloads={self.reloads}")
        lines.append(f"items_served={run.items} lost={run.lost} "
                     f"duplicated={run.duplicated} events={run.events}")
        lines.append(f"updates={run.updates} digests={run.digests} accepted={run.accepted} "
                     f"repeats={run.repeats} refused={run.refused}")
        lines.append(f"store={self.store_bytes / 2**20:.1f}MiB "
                     f"wal_running={self.wal_running_bytes / 2**20:.2f}MiB "
                     f"wal_after_stop={self.wal_bytes / 2**20:.2f}MiB "
                     f"settle={run.settle_seconds:.0f}s elapsed={run.seconds:.0f}s")
        return "\n".join(lines)


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

    def __init__(self, server: FeedServer, directory: Path, hooks_url: str,
                 per_feed: int, growth: float, rng: random.Random) -> None:
        self.server, self.directory, self.hooks_url = server, directory, hooks_url
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
        return write_config(self.directory, urls, extra=extra)


def soak_run(feed_server: FeedServer, hooks: Any, directory: Path, *, feeds: int,
             seconds: float, per_feed: int = 30, seed: int | None = None,
             settle_timeout: float = 300.0) -> Soak:
    """Run the daemon for ``seconds`` over ``feeds`` feeds (a tenth of them added by a
    reload and as many removed), then settle, stop and audit."""
    started = time.monotonic()
    seed = seed if seed is not None else random.randrange(2**32)
    soak = Soak(run=Run(seed=seed))
    feed_server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    fleet = Fleet(feed_server, directory, hooks.url, per_feed, seconds * 0.8,
                  random.Random(seed))
    later = max(1, feeds // 10)
    fleet.add(feeds - later)
    config_path = fleet.write()
    db = Path(config.load(config_path).store_path)
    log = directory / "daemon.log"
    process = launch(config_path, log)
    try:
        if not _started(log, 0, process, timeout=60.0):
            raise AssertionError("the daemon did not start:\n" + _tail(log))
        _phases(soak, fleet, process, hooks, (started, seconds), later, log)
        for feed in fleet.every:
            feed.freeze()
        settling = time.monotonic()
        _wait(lambda: _settled(db, fleet.every), settle_timeout, log)
        soak.run.settle_seconds = time.monotonic() - settling
        soak.samples["end"] = sample(process.pid)
        soak.wal_running_bytes = _size(db.with_name(db.name + "-wal"))
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if code != 0:
        soak.run.problems.append(f"the daemon exited {code}")
    soak.wal_bytes = _size(db.with_name(db.name + "-wal"))
    soak.store_bytes = _size(db)
    audit(soak.run, db, fleet.every, hooks, log)
    soak.run.seconds = time.monotonic() - started
    return soak


def _phases(soak: Soak, fleet: Fleet, process: Any, hooks: Any,
            span: tuple[float, float], later: int, log: Path) -> None:
    """The run's events, each at its share of ``seconds``: samples, the receiver's
    outage, and two reloads (one adds feeds and removes some, one removes more)."""
    started, seconds = span
    steps = [
        (0.15, lambda: soak.samples.__setitem__("start", sample(process.pid))),
        (0.25, lambda: setattr(hooks, "status", 503)),
        (0.35, lambda: _reload(soak, fleet, process, add=later, remove=later // 2)),
        (0.5, lambda: soak.samples.__setitem__("middle", sample(process.pid))),
        (0.6, lambda: setattr(hooks, "status", 200)),
        (0.7, lambda: _reload(soak, fleet, process, add=0, remove=later - later // 2)),
    ]
    for share, step in steps:
        _sleep_until(started + share * seconds, process, log)
        step()
    _sleep_until(started + seconds, process, log)


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
