"""Crash safety: the real daemon killed with SIGKILL at random moments, over and over.

Feeds on 127.0.0.1 gain an item on every fetch for a while (and revise one now and
then); a webhook receiver takes the digests, refusing them for some lives of the
daemon. After the kills, one clean run lets everything settle and is stopped with
SIGTERM; then :func:`audit` checks what the store and the receiver hold against what
the server served.

Shared by ``tests/daemon/test_crash.py`` (which asserts on the figures) and
``benchmarks/reliability.py`` (which prints them).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import FeedServer, Request, Response, rss, write_config

from tracker import config
from tracker.eventlog import projections
from tracker.eventlog.store import EventStore

CHANNEL = "webhook:ops"
SECRET_ENV = "CRASH_HOOK_SECRET"

# What the story feeds report: one development per template, each in its own words, so
# that most of them open an update of their own (and so a digest).
DEVELOPMENTS = (
    ("Russia and the Taliban sign a rail corridor deal through Afghanistan",
     "Moscow and Kabul agreed on a railway link from Uzbekistan to Pakistan."),
    ("Taliban delegation visits Kazan for Russia–Islamic World forum",
     "Afghan ministers met Russian officials at the forum in Tatarstan."),
    ("Russia ships wheat to Afghanistan under a new Taliban contract",
     "The Taliban commerce ministry said Russian grain deliveries would double."),
    ("Russian energy firm to supply petrol to Taliban-run Afghanistan",
     "A contract for fuel deliveries was signed in Moscow with the Taliban."),
    ("Taliban ambassador presents credentials in Moscow",
     "Russia accepted the credentials of the Afghan envoy at the Kremlin."),
    ("Russia flies earthquake relief to the Taliban in Kabul",
     "A Russian emergencies ministry aircraft brought tents and food to Afghanistan."),
    ("Russian court lifts the Taliban terrorist designation",
     "Russia's supreme court suspended the ban on the Taliban movement."),
    ("Moscow and Kabul discuss joint fight against ISIS-K",
     "Russian security officials met the Taliban intelligence chief about Islamic State."),
    ("Russia and the Taliban plan direct flights between Moscow and Kabul",
     "An Afghan airline will fly to Russia twice a week, the Taliban said."),
    ("Russian investors tour Afghan lithium and copper mines with the Taliban",
     "Mining firms from Russia signed memoranda on Afghanistan's minerals."),
    ("Taliban buy Russian trucks for Afghan transport ministry",
     "A shipment of KAMAZ lorries left Russia for Kabul, the Taliban said."),
    ("Russia opens trade house in Kabul with Taliban backing",
     "The Russian trade mission will help exporters find Afghan partners."),
    ("Lavrov calls for lifting sanctions on the Taliban at the UN",
     "Russia's foreign minister told the Security Council the sanctions on Afghanistan hurt."),
    ("Shoigu meets Taliban defence minister on border security",
     "Russia's security council secretary discussed the Tajik border with Afghan officials."),
    ("Taliban students enrol at Russian universities on scholarships",
     "Moscow offered places to Afghan students in medicine and engineering."),
    ("Russian doctors open clinic in Afghanistan with Taliban health ministry",
     "A hospital staffed by Russian physicians began treating patients in Herat."),
    ("Taliban and Russia agree on gas pipeline feasibility study",
     "Russian engineers will assess a route for gas through western Afghanistan."),
    ("Moscow format meeting backs Taliban role in regional security",
     "Russia, China, Iran and Pakistan met the Taliban in Moscow for regional talks."),
    ("Russia deports Afghan migrants after agreement with the Taliban",
     "The Taliban refugee ministry said it would receive returnees from Russia."),
    ("Russian bank opens correspondent account with Afghan central bank",
     "Payments between Russia and Taliban-run Afghanistan will settle in roubles."),
    ("Taliban attend Russian army exhibition near Moscow",
     "Afghan officers looked at helicopters and drones at the Army forum in Russia."),
    ("Russia sends flood aid to northern Afghanistan",
     "Russian relief convoys reached Baghlan after the Taliban asked for help."),
    ("Putin says Russia will build power lines to Afghanistan",
     "The Russian president promised electricity links to the Taliban government."),
    ("Taliban ban opium while Russia pledges anti-drug cooperation",
     "Russian police officials will train Afghan counter-narcotics units."),
    ("Russia and the Taliban sign a media cooperation memorandum",
     "RIA Novosti and Afghan state television will exchange news."),
    ("Kabulov says Moscow sees no threat from the Taliban government",
     "Russia's envoy for Afghanistan said relations with the Taliban are growing."),
    ("Russian cotton buyers sign deal with Taliban agriculture ministry",
     "Afghan cotton will be shipped to textile mills in Russia."),
    ("Russia to train Taliban pilots for Ariana Afghan Airlines",
     "Afghan pilots will study at a Russian aviation school in Ulyanovsk."),
    ("Taliban envoy joins Russia's SCO meeting as a guest",
     "Russia invited the Afghan foreign ministry to a Shanghai Cooperation Organisation session."),
    ("Russia and Afghanistan's Taliban launch a joint business council",
     "Chambers of commerce in Moscow and Kabul set up the council on Tuesday."),
)
OTHER_NEWS = (
    ("Markets close higher after a quiet session", "Shares rose in light trading."),
    ("Storm brings heavy rain to the coast", "Forecasters expect the weather to clear."),
    ("City council approves new cycle lanes", "Work starts in the spring."),
    ("Local team wins the cup final", "Fans celebrated late into the night."),
)


class GrowingFeed:
    """One feed whose every fetch adds an item until it holds ``limit``; every seventh
    fetch also rewrites an older item. Answers ``If-None-Match`` with 304 and remembers
    each item it ever served in a 200."""

    def __init__(self, name: str, limit: int, rng: random.Random) -> None:
        self.name = name
        self.limit = limit
        self.rng = rng
        self.items: list[dict[str, str]] = []
        self.served: set[str] = set()
        self.fetches = 0
        self.version = 0
        self.lock = threading.Lock()

    def _item(self, number: int) -> dict[str, str]:
        link = f"https://{self.name}.test/{number:03d}"
        title, text = self.rng.choice(DEVELOPMENTS if self.rng.random() < 0.5 else OTHER_NEWS)
        day = 1 + number % 27
        return {"title": f"{title} ({self.name} {number})", "link": link, "guid": link,
                "description": text,
                "pubDate": f"{_weekday(day)}, {day:02d} Oct 2026 09:00:00 GMT"}

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.fetches += 1
            if len(self.items) < self.limit:
                self.items.append(self._item(len(self.items)))
                if self.fetches % 7 == 0 and len(self.items) > 1:
                    at = self.rng.randrange(len(self.items) - 1)
                    item = self.items[at]
                    self.items[at] = dict(item, description=item["description"]
                                          + f" Updated at fetch {self.fetches}.")
                self.version += 1
            etag = f'"{self.name}-{self.version}"'
            if request.headers.get("if-none-match") == etag:
                return Response(304, b"", {"ETag": etag})
            self.served.update(item["link"] for item in self.items)
            return Response(200, rss(self.items, title=self.name), {"ETag": etag})


def _weekday(day: int) -> str:
    # 1 October 2026 is a Thursday.
    return ("Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed")[(day - 1) % 7]


def notify_config(url: str, quiet_period: str = "0s") -> str:
    return ('[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "1s"\n'
            f'[notify]\nquiet_period = "{quiet_period}"\nmin_interval = "0s"\n'
            'retry_base = "1s"\nretry_max = "2s"\n'
            f'[[notify.webhooks]]\nurl = "{url}"\nname = "ops"\nsecret_env = "{SECRET_ENV}"\n'
            'timeout = "2s"\n')


def launch(config_path: Path, log: Path,
           env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``python -m tracker run`` with its output appended to ``log``; in ``env``, else in
    this one without systemd's variables."""
    if env is None:
        env = {k: v for k, v in os.environ.items()
               if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM")}
        env.update(PYTHONUNBUFFERED="1", **{SECRET_ENV: "crash-secret"})
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tracker", "--config", str(config_path), "run"],
            stdout=out, stderr=subprocess.STDOUT, env=env)


def reap(process: subprocess.Popen[bytes]) -> None:
    """Kill a daemon :func:`launch` started if it is still running (a test that failed
    before stopping it), and wait for it."""
    if process.poll() is None:
        process.kill()
        process.wait()


@dataclass
class Run:
    """What a crash run did and found."""

    kills: int = 0
    ready_kills: int = 0
    """Kills timed from the daemon's "started" line rather than from the process's start."""
    seed: int = 0
    items: int = 0
    """Distinct items the feeds served."""
    lost: int = 0
    """Served items with no ArticleRecorded event or no articles row."""
    duplicated: int = 0
    """ArticleRecorded events and articles rows beyond one per served item."""
    updates: int = 0
    digests: int = 0
    """Digests delivered to the webhook (each with its own Idempotency-Key)."""
    accepted: int = 0
    """Requests the receiver answered with 2xx."""
    repeats: int = 0
    """2xx requests beyond one per Idempotency-Key."""
    refused: int = 0
    """Requests the receiver answered with 503 (its outage lives)."""
    events: int = 0
    worker_tracebacks: int = 0
    """Tracebacks of parse worker processes left without their daemon."""
    seconds: float = 0.0
    settle_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"crash kills={self.kills} (timed from start-up {self.ready_kills}) "
                f"items={self.items} events_lost={self.lost} "
                f"events_duplicated={self.duplicated} updates={self.updates} "
                f"digests={self.digests} accepted={self.accepted} repeats={self.repeats} "
                f"refused={self.refused} events={self.events} "
                f"worker_tracebacks={self.worker_tracebacks} seed={self.seed} "
                f"settle={self.settle_seconds:.1f}s elapsed={self.seconds:.1f}s")


def crash_run(feed_server: FeedServer, hooks: Any, directory: Path, *, kills: int,
              feeds: int = 3, limit: int = 30, seed: int | None = None,
              delays: tuple[float, float] = (0.05, 1.5), early: float = 0.3,
              settle_timeout: float = 60.0) -> Run:
    """Kill the daemon ``kills`` times at random, then run it clean and audit."""
    started = time.monotonic()
    seed = seed if seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    growing = [GrowingFeed(f"feed{n}", limit, random.Random(rng.random())) for n in range(feeds)]
    # The daemon hangs up in the middle of answers when it is killed: not worth a
    # traceback from the test server.
    feed_server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    urls = [feed_server.serve(f"/{f.name}.xml", f) for f in growing]
    config_path = write_config(directory, urls, extra=notify_config(hooks.url))
    db = Path(config.load(config_path).store_path)
    log = directory / "daemon.log"
    run = Run(seed=seed)
    for _ in range(kills):
        # Some lives of the daemon meet a receiver that is down.
        hooks.status = 503 if rng.random() < 0.2 else 200
        offset = log.stat().st_size if log.exists() else 0
        process = launch(config_path, log)
        # Most kills count from the daemon's start, so they land among polls and
        # digests; the others from the process's, so some land in its start-up.
        if rng.random() >= early and _started(log, offset, process):
            run.ready_kills += 1
        time.sleep(rng.uniform(*delays))
        process.kill()
        process.wait(timeout=10)
        run.kills += 1
    hooks.status = 200
    settling = time.monotonic()
    offset = log.stat().st_size if log.exists() else 0
    process = launch(config_path, log)
    try:
        if not _started(log, offset, process):
            raise AssertionError("the final run did not start:\n" + _tail(log))
        # Settled, and for long enough that every feed was polled by this run.
        since = time.monotonic()
        _wait(lambda: time.monotonic() - since > 2.0 and _settled(db, growing),
              settle_timeout, log)
        run.settle_seconds = time.monotonic() - settling
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=15)
    finally:
        reap(process)
    if code != 0:
        run.problems.append(f"the final run exited {code}")
    audit(run, db, growing, hooks, log)
    run.seconds = time.monotonic() - started
    return run


def _started(log: Path, offset: int, process: subprocess.Popen[bytes],
             timeout: float = 15.0) -> bool:
    """Wait until this life of the daemon logs that it started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        with log.open("rb") as handle:
            handle.seek(offset)
            if b"daemon status=started" in handle.read():
                return True
        time.sleep(0.02)
    return False


def _wait(predicate: Callable[[], bool], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the final run did not settle in time:\n" + _tail(log))
        time.sleep(0.25)


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _settled(db: Path, growing: list[GrowingFeed]) -> bool:
    """Every feed full and every served item recorded and, if relevant, analysed (the
    daemon lets analyses wait a few seconds after the polls that recorded them); every
    update in a digest that was delivered."""
    if any(len(f.items) < f.limit for f in growing):
        return False
    served = set().union(*(f.served for f in growing))
    try:
        # closing(): ``with conn`` alone leaves the connection open until it is
        # collected, and an open reader keeps the daemon from removing its WAL on exit.
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            urls = {row[0] for row in conn.execute("SELECT url FROM articles")}
            if projections.articles.unanalysed(conn):
                return False
            undigested = conn.execute(
                "SELECT count(*) FROM updates u WHERE background = 0 AND NOT EXISTS"
                " (SELECT 1 FROM digest_items d WHERE d.channel = ?"
                "  AND d.item = 'update:' || u.id)", (CHANNEL,)).fetchone()[0]
            waiting = conn.execute(
                "SELECT count(*) FROM digests WHERE status != 'delivered'").fetchone()[0]
    except sqlite3.Error:
        return False
    return served <= urls and not undigested and not waiting


def snapshot(store: EventStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every projection table and view, and the full-text index, in a stable order."""
    conn = store.db.conn
    tables = {name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
              for name in [*projections.TABLES, *projections.VIEWS]}
    tables["articles_fts"] = conn.execute(
        "SELECT rowid, title, summary, content FROM articles_fts ORDER BY rowid").fetchall()
    return tables


@dataclass
class StoreCheck:
    """What a store holds against what the feeds served."""

    events: int = 0
    lost: int = 0
    duplicated: int = 0
    problems: list[str] = field(default_factory=list)


def check_store(store: EventStore, served: set[str]) -> StoreCheck:
    """Integrity, every served item recorded exactly once (events and rows, by URL),
    stream versions without gaps, and projections equal to a rebuild of the log."""
    found = StoreCheck()
    problems = found.problems
    conn = store.db.conn
    if (check := conn.execute("PRAGMA integrity_check").fetchone()[0]) != "ok":
        problems.append(f"integrity_check: {check}")
    try:
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    except sqlite3.Error as exc:
        problems.append(f"full-text index: {exc}")
    found.events = store.count()
    # Stream versions run 1, 2, 3... with no gap and no repeat.
    gaps = conn.execute(
        "SELECT stream, count(*), max(version) FROM events GROUP BY stream"
        " HAVING count(*) != max(version) OR min(version) != 1").fetchall()
    if gaps:
        problems.append(f"streams with gaps in their versions: {gaps[:5]}")

    recorded = Counter(url for (url,) in conn.execute(
        "SELECT json_extract(data, '$.url') FROM events WHERE type = 'ArticleRecorded'"))
    rows = Counter(url for (url,) in conn.execute("SELECT url FROM articles"))
    lost = sorted(u for u in served if not recorded[u] or not rows[u])
    extra = sorted(u for u in set(recorded) | set(rows) if u not in served)
    found.lost = len(lost)
    found.duplicated = sum(n - 1 for n in recorded.values() if n > 1) + sum(
        n - 1 for n in rows.values() if n > 1)
    if lost:
        problems.append(f"{len(lost)} served item(s) not recorded: {lost[:5]}")
    if found.duplicated:
        problems.append(f"{found.duplicated} item(s) recorded more than once")
    if extra:
        problems.append(f"recorded but never served: {extra[:5]}")

    before = snapshot(store)
    store.rebuild()
    after = snapshot(store)
    differ = [name for name in before if before[name] != after[name]]
    if differ:
        problems.append(f"projections differ from a rebuild: {differ}")
    return found


def audit(run: Run, db: Path, growing: list[GrowingFeed], hooks: Any, log: Path) -> None:
    problems = run.problems
    served = set().union(*(f.served for f in growing))
    run.items = len(served)
    with EventStore(db) as store:
        found = check_store(store, served)
        run.events, run.lost, run.duplicated = found.events, found.lost, found.duplicated
        problems += found.problems
        conn = store.db.conn
        _audit_deliveries(run, conn, hooks)
    for block in _tracebacks(log.read_text(errors="replace")):
        if "tracker/ingest/parsepool.py\", line" in block and "in <module>" in block:
            # A parse worker (its own process) whose daemon was killed under it, most
            # often BrokenPipeError on its answer: counted, not a failure. Workers share
            # the log, so their lines may interleave.
            run.worker_tracebacks += 1
        else:
            problems.append("a traceback in the daemon's log:\n" + block)


def _tracebacks(text: str) -> list[str]:
    """Each traceback in a log: from its first line to the exception's line."""
    blocks = []
    for chunk in text.split("Traceback (most recent call last):")[1:]:
        lines = chunk.splitlines()[1:]
        end = next((i for i, line in enumerate(lines) if not line.startswith(" ")),
                   len(lines) - 1)
        blocks.append("\n".join(lines[:end + 1]))
    return blocks


def merged_updates(conn: sqlite3.Connection) -> set[str]:
    """The updates merged into another since (one development): a receiver may have got
    them before, and they are no updates now."""
    return {u for (u,) in conn.execute("SELECT update_id FROM update_merges")}


def _audit_deliveries(run: Run, conn: sqlite3.Connection, hooks: Any) -> None:
    problems = run.problems
    updates = {u for (u,) in conn.execute("SELECT id FROM updates WHERE background = 0")}
    run.updates = len(updates)
    delivered = {d for (d,) in conn.execute(
        "SELECT id FROM digests WHERE channel = ? AND status = 'delivered'", (CHANNEL,))}
    undelivered = conn.execute(
        "SELECT id, status, attempts, started_at, next_attempt FROM digests"
        " WHERE status != 'delivered'").fetchall()
    if undelivered:
        problems.append(f"digests not delivered: {undelivered[:5]}")
    # What the receiver accepted, by Idempotency-Key; the body names the same digest.
    accepted = hooks.accepted()
    run.accepted = len(accepted)
    run.refused = len(hooks.received) - len(accepted)
    keys = Counter(headers.get("idempotency-key") for headers, _ in accepted)
    bodies: dict[str, dict[str, Any]] = {}
    for headers, body in accepted:
        document = json.loads(body)
        if document["digest_id"] != headers.get("idempotency-key"):
            problems.append(f"Idempotency-Key {headers.get('idempotency-key')} on digest "
                            f"{document['digest_id']}")
        if bodies.setdefault(document["digest_id"], document) != document:
            problems.append(f"digest {document['digest_id']} sent with different bodies")
    run.digests = len(keys)
    run.repeats = sum(n - 1 for n in keys.values())
    if set(keys) != delivered:
        problems.append(f"delivered digests {sorted(delivered)[:5]}... vs accepted keys "
                        f"{sorted(k or '' for k in keys)[:5]}...: "
                        f"{len(delivered)} recorded, {len(keys)} accepted")
    # A repeat is allowed only for an attempt whose outcome was never recorded: the
    # process died between the receiver's answer and recording it.
    attempts = Counter(d for (d,) in conn.execute(
        "SELECT json_extract(data, '$.digest_id') FROM events WHERE type = 'DeliveryStarted'"))
    outcomes = Counter(d for (d,) in conn.execute(
        "SELECT json_extract(data, '$.digest_id') FROM events"
        " WHERE type IN ('DeliverySucceeded', 'DeliveryFailed')"))
    succeeded = Counter(d for (d,) in conn.execute(
        "SELECT json_extract(data, '$.digest_id') FROM events WHERE type = 'DeliverySucceeded'"))
    for digest_id, count in keys.items():
        unrecorded = attempts[digest_id or ""] - outcomes[digest_id or ""]
        if count > 1 + unrecorded:
            problems.append(f"digest {digest_id} accepted {count} times with only "
                            f"{unrecorded} attempt(s) unrecorded")
    if any(n > 1 for n in succeeded.values()):
        problems.append(f"digests recorded as delivered twice: "
                        f"{[d for d, n in succeeded.items() if n > 1]}")
    # Every update went out in exactly one delivered digest, and that digest reached the
    # receiver with it.
    items = dict(conn.execute(
        "SELECT substr(item, 8), digest_id FROM digest_items"
        " WHERE channel = ? AND item LIKE 'update:%'", (CHANNEL,)).fetchall())
    missing = sorted(u for u in updates if items.get(u) not in delivered)
    if missing:
        problems.append(f"updates in no delivered digest: {missing[:5]}")
    sent = Counter(u["id"] for d in bodies.values() for u in d["updates"])
    # An update sent and later found to be one development with another (merged into
    # it) is no longer among the updates; every other one sent must be.
    merged = merged_updates(conn)
    if set(sent) - merged != updates:
        problems.append(f"updates the receiver got {len(set(sent) - merged)} (and "
                        f"{len(set(sent) & merged)} merged since) != updates {len(updates)}")
    if any(n > 1 for n in sent.values()):
        problems.append(f"updates in two digests: {[u for u, n in sent.items() if n > 1]}")
