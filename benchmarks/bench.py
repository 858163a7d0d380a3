"""Speed and memory of the tracker, side by side with the feed readers people would use instead.

    .venv/bin/python benchmarks/bench.py                  # everything (about half an hour)
    .venv/bin/python benchmarks/bench.py --repeat 3       # cold cycles: median of three
    .venv/bin/python benchmarks/bench.py --quick          # fewer daemon cycles and events
    .venv/bin/python benchmarks/bench.py --parts cycles --tools tracker,newsboat

Feeds come from :mod:`feedgen` (30 items, about 36 KB each, five languages, about 2 items
in 100 about the story) and are served by :mod:`feedserver` on 127.0.0.1 in a process of
its own. Every measured command runs as a subprocess; its wall time, its CPU time (user
+ system, its waited-for children included, from ``wait4``), its peak resident memory
(``VmHWM``) and the peak of the resident memory of its whole process tree (both sampled
every 20 ms) are reported.

Parts (``--parts``, comma-separated; default all):

* ``cycles``: a cold cycle (fresh state, every item new) over ``--feeds`` feeds (the
  median of ``--repeat`` such cycles, each from a fresh state), then a warm cycle
  (nothing changed) with the server answering 304 to conditional requests, then one
  with the server ignoring validators (200, same body), for each of ``--tools``: the
  tracker (``tracker poll``), rss2email, feed2exec, newsboat and sfeed, installed from
  Debian's packages when missing (root and ``apt-get`` needed; else they are skipped).
* ``judge``: articles per second through judge + extract + store on one core, relevant
  and irrelevant apart, in this process (no fetching, no parsing).
* ``rebuild``: ``tracker rebuild`` of a store of ``--events`` events (a few hundred
  thousand articles from many polls of 1,000 feeds, their judgements and analyses, written
  straight into the log), then typical ``sqlite-utils`` queries on it.
* ``memory``: ``tracker run`` (the daemon) over ``--feeds`` feeds, polled every 3 s, one
  feed in 20 gaining an item on every poll; resident memory after ``--cycles`` cycles.

Every feed is on one host here, where real lists span hundreds: the tracker's per-host
limit (``fetch.per_host``) is raised to its overall one, which the other tools do not have.
"""

from __future__ import annotations

import argparse
import configparser
import hashlib
import os
import random
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tomlkit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import feedgen  # noqa: E402

VENV_BIN = Path(sys.executable).parent
TRACKER = str(VENV_BIN / "tracker")
SQLITE_UTILS = str(VENV_BIN / "sqlite-utils")
CONCURRENCY = 16
TOOLS = ("tracker", "rss2email", "feed2exec", "newsboat", "sfeed")
PACKAGES = {"rss2email": "rss2email", "feed2exec": "feed2exec", "newsboat": "newsboat",
            "sfeed": "sfeed"}
BINARIES = {"rss2email": "r2e", "feed2exec": "feed2exec", "newsboat": "newsboat",
            "sfeed": "sfeed_update"}
PARTS = ("cycles", "judge", "rebuild", "memory")
ROLL = 20
"""In the daemon's run, one feed in ROLL gains an item every time it is fetched."""


# -- measuring a command ------------------------------------------------------------------

@dataclass
class Measured:
    label: str
    command: str
    wall: float
    cpu: float
    maxrss: float
    """MiB: the peak resident memory of the process itself (its VmHWM, sampled; not
    ru_maxrss, which on Linux counts the benchmark's own memory forked before exec)."""
    tree: float
    """MiB: the peak of the summed resident memory of the whole tree, sampled."""
    status: int
    items: int | None = None
    note: str = ""


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MiB."""
    tree = _children()
    total = 0
    todo = [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(tree.get(current, ()))
    return total / 2**20


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0.0
        self.done = threading.Event()
        self.hwm = 0.0

    def run(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, tree_rss(self.pid))
            try:
                self.hwm = max(self.hwm, proc_status(self.pid)["VmHWM"])
            except (OSError, KeyError):
                pass  # gone, or a zombie


def measure(label: str, command: Sequence[str], *, cwd: Path, env: dict[str, str],
            log: Path, items: Callable[[], int | None] = lambda: None,
            note: str = "") -> Measured:
    shown = shlex.join(command)
    print(f"  $ (cd {cwd} && {shown})", flush=True)
    with open(log, "ab") as out:
        out.write(f"\n$ {shown}\n".encode())
        out.flush()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sampler = Sampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    sampler.done.set()
    sampler.join()
    result = Measured(label, shown, wall, usage.ru_utime + usage.ru_stime,
                      sampler.hwm, sampler.peak, process.returncode, items(), note)
    print(f"    {label}: wall {result.wall:.2f}s cpu {result.cpu:.2f}s "
          f"rss {result.maxrss:.0f}MiB tree {result.tree:.0f}MiB exit {result.status}"
          + (f" items {result.items}" if result.items is not None else ""), flush=True)
    return result


# -- the feed server ----------------------------------------------------------------------

class Server:
    def __init__(self, feeds: int, base: int, log: Path) -> None:
        self.log = open(log, "ab")
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "feedserver.py"), "--feeds", str(feeds),
             "--base", str(base)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True)
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())
        self.feeds = feeds

    def url(self, feed: int) -> str:
        return f"http://127.0.0.1:{self.port}/f/{feed}"

    def command(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def requests(self) -> int:
        return int(self.command("count").split()[0])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        self.log.close()


# -- the tools ----------------------------------------------------------------------------

def plain_env(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin", "HOME": str(home),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "dumb"}
    if "PYTHONPATH" in os.environ:  # to measure another checkout with this venv
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def maildir_count(path: Path) -> int:
    return sum(len(os.listdir(path / sub)) for sub in ("new", "cur") if (path / sub).is_dir())


class Tool:
    name = ""
    note = ""

    def __init__(self, workdir: Path, urls: list[str]) -> None:
        self.dir = workdir / self.name
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.urls = urls
        self.env = plain_env(self.dir / "home")
        self.setup()

    def setup(self) -> None:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError

    def items(self) -> int | None:
        return None


def tracker_config(urls: list[str], store: Path, extra: dict[str, Any] | None = None) -> str:
    """The shipped story and baseline with these feeds, this store and quiet logs."""
    data: dict[str, Any] = tomllib.loads((ROOT / "config" / "tracker.toml").read_text("utf-8"))
    story = data["story"]
    for key in ("file", "baseline"):  # the story's own file, or an inline story's baseline
        if key in story:
            story[key] = str(ROOT / "config" / story[key])
    data["store"] = {"path": str(store)}
    data["log"] = {"level": "WARNING"}
    data["fetch"]["concurrency"] = CONCURRENCY
    data["fetch"]["per_host"] = CONCURRENCY
    data["feeds"] = [{"url": url, "name": f"outlet {n}"} for n, url in enumerate(urls)]
    data.update(extra or {})
    return tomlkit.dumps(data)


class TrackerTool(Tool):
    name = "tracker"
    note = f"tracker poll, fetch.concurrency {CONCURRENCY}"

    def setup(self) -> None:
        self.store = self.dir / "tracker.db"
        self.config = self.dir / "tracker.toml"
        self.config.write_text(tracker_config(self.urls, self.store), "utf-8")

    def command(self) -> list[str]:
        return [TRACKER, "--config", str(self.config), "poll"]

    def items(self) -> int | None:
        with sqlite3.connect(self.store) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


class Rss2Email(Tool):
    name = "rss2email"
    note = "r2e run, one feed at a time, mail to a maildir"

    def setup(self) -> None:
        self.config, self.data = self.dir / "r2e.cfg", self.dir / "r2e.json"
        subprocess.run(["r2e", "-c", str(self.config), "-d", str(self.data), "new",
                        "bench@example.invalid"], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(self.config, encoding="utf-8")
        parser["DEFAULT"].update({
            "email-protocol": "maildir", "maildir-path": str(self.dir / "Maildir"),
            "maildir-mailbox": "INBOX", "same-server-fetch-interval": "0",
            "verbose": "warning"})
        for n, url in enumerate(self.urls):
            parser[f"feed.outlet-{n:05d}"] = {"url": url}
        with open(self.config, "w", encoding="utf-8") as handle:
            parser.write(handle)
        for sub in ("new", "cur", "tmp"):
            (self.dir / "Maildir" / "INBOX" / sub).mkdir(parents=True, exist_ok=True)

    def command(self) -> list[str]:
        return ["r2e", "-c", str(self.config), "-d", str(self.data), "run"]

    def items(self) -> int | None:
        return maildir_count(self.dir / "Maildir" / "INBOX")


class Feed2Exec(Tool):
    name = "feed2exec"
    note = "feed2exec fetch --parallel (parses in a pool), maildir output"

    def setup(self) -> None:
        self.config, self.db = self.dir / "feed2exec.ini", self.dir / "feed2exec.db"
        parser = configparser.ConfigParser(interpolation=None)
        for n, url in enumerate(self.urls):
            parser[f"outlet-{n:05d}"] = {"url": url, "output": "feed2exec.plugins.maildir",
                                         "mailbox": str(self.dir / "Maildir"),
                                         "folder": "bench"}
        with open(self.config, "w", encoding="utf-8") as handle:
            parser.write(handle)

    def command(self) -> list[str]:
        return ["feed2exec", "--config", str(self.config), "--database", str(self.db),
                "fetch", "--parallel"]

    def items(self) -> int | None:
        return maildir_count(self.dir / "Maildir" / "bench")


class Newsboat(Tool):
    name = "newsboat"
    note = f"newsboat -x reload, reload-threads {CONCURRENCY}"

    def setup(self) -> None:
        self.config, self.urlfile = self.dir / "config", self.dir / "urls"
        self.cache = self.dir / "cache.db"
        self.config.write_text(f"reload-threads {CONCURRENCY}\n", "utf-8")
        self.urlfile.write_text("".join(f"{url}\n" for url in self.urls), "utf-8")

    def command(self) -> list[str]:
        return ["newsboat", "-C", str(self.config), "-u", str(self.urlfile), "-c",
                str(self.cache), "-x", "reload"]

    def items(self) -> int | None:
        with sqlite3.connect(self.cache) as conn:
            return int(conn.execute("SELECT count(*) FROM rss_item").fetchone()[0])


class Sfeed(Tool):
    name = "sfeed"
    note = f"sfeed_update, maxjobs {CONCURRENCY}, no conditional requests"

    def setup(self) -> None:
        self.rc = self.dir / "sfeedrc"
        lines = [f'sfeedpath="{self.dir / "feeds"}"', f"maxjobs={CONCURRENCY}", "feeds() {"]
        lines += [f'\tfeed "outlet-{n:05d}" "{url}"' for n, url in enumerate(self.urls)]
        lines.append("}")
        self.rc.write_text("\n".join(lines) + "\n", "utf-8")
        (self.dir / "feeds").mkdir()

    def command(self) -> list[str]:
        return ["sfeed_update", str(self.rc)]

    def items(self) -> int | None:
        total = 0
        for path in (self.dir / "feeds").iterdir():
            with open(path, "rb") as handle:
                total += sum(1 for _ in handle)
        return total


TOOL_CLASSES: dict[str, type[Tool]] = {
    "tracker": TrackerTool, "rss2email": Rss2Email, "feed2exec": Feed2Exec,
    "newsboat": Newsboat, "sfeed": Sfeed}


def ensure_installed(tools: list[str]) -> list[str]:
    """Install the Debian packages of ``tools`` that are missing; returns those usable."""
    missing = [t for t in tools if t in PACKAGES and shutil.which(BINARIES[t]) is None]
    if missing:
        command = ["apt-get", "install", "-y", "-q", *(PACKAGES[t] for t in missing)]
        print(f"installing: {shlex.join(command)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
    usable = [t for t in tools if t not in PACKAGES or shutil.which(BINARIES[t])]
    for tool in tools:
        if tool not in usable:
            print(f"skipping {tool}: {BINARIES[tool]} is not installed and could not be",
                  flush=True)
    return usable


def versions(tools: list[str]) -> dict[str, str]:
    found = {"tracker": "this checkout", "python": sys.version.split()[0],
             "sqlite": sqlite3.sqlite_version}
    for tool in tools:
        if tool in PACKAGES:
            answer = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", PACKAGES[tool]],
                                    capture_output=True, text=True)
            found[tool] = answer.stdout.strip() or "?"
    return found


# -- part: cycles -------------------------------------------------------------------------

def part_cycles(args: argparse.Namespace, server: Server, work: Path,
                results: list[Measured]) -> None:
    urls = [server.url(n) for n in range(args.feeds)]
    for name in args.tools:
        print(f"\n{name}: {TOOL_CLASSES[name].note}", flush=True)
        log = work / f"{name}.log"
        server.command("mode 304")
        # The cold cycle --repeat times, each from a fresh state; the median counts.
        colds = []
        for _ in range(args.repeat):
            tool = TOOL_CLASSES[name](work, urls)
            colds.append(_cycle(server, tool, f"{name} cold", log))
        cold = sorted(colds, key=lambda run: run.wall)[len(colds) // 2]
        if len(colds) > 1:
            cold.note += "; median of " + ", ".join(f"{run.wall:.2f}" for run in colds)
        results.append(cold)
        for label, mode in (("warm 304", 304), ("warm 200", 200)):
            server.command(f"mode {mode}")
            results.append(_cycle(server, tool, f"{name} {label}", log))
        server.command("mode 304")


def _cycle(server: Server, tool: Tool, label: str, log: Path) -> Measured:
    before = server.requests()
    run = measure(label, tool.command(), cwd=tool.dir, env=tool.env, log=log,
                  items=tool.items, note=tool.note)
    run.note = f"{server.requests() - before} requests"
    return run


# -- part: judge --------------------------------------------------------------------------

def part_judge(args: argparse.Namespace, work: Path, results: list[Measured]) -> None:
    from tracker import config
    from tracker.eventlog.store import EventStore
    from tracker.ingest.fetch import FetchResult
    from tracker.ingest.parse import ParsedFeed, make_item
    from tracker.poll.service import Tracker
    from tracker.poll.types import Fetched

    base = datetime.now(UTC) - timedelta(days=2)
    wanted = {"news": args.judge_items, "story": max(args.judge_items // 5, 30)}
    found: dict[str, list[Any]] = {"news": [], "story": []}
    feed, n = 0, 0
    while any(len(found[k]) < wanted[k] for k in found):
        it = feedgen.item(feed, n, base)
        if it.kind in found and len(found[it.kind]) < wanted[it.kind]:
            found[it.kind].append(make_item(
                guid=it.guid, url=it.link, title=it.title, summary=it.summary,
                content="\n".join(it.paragraphs), published=it.published.isoformat(),
                author=it.author, language=it.language))
        n += 1
        if n == 1000:
            feed, n = feed + 1, 0
    for kind, label in (("news", "irrelevant"), ("story", "relevant")):
        items = found[kind]
        directory = work / f"judge-{kind}"
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        urls = [f"http://127.0.0.1:9/{kind}/{i}" for i in range(len(items) // 30 + 1)]
        text = tracker_config(urls, directory / "tracker.db")
        settings = config.from_mapping(tomllib.loads(text), base_dir=ROOT / "config")
        with EventStore(settings.store_path) as store:
            tracker = Tracker(settings, store)
            tracker.ensure_baseline()
            started, cpu = time.perf_counter(), time.process_time()
            for index, feed_config in enumerate(settings.feeds):
                batch = tuple(items[index * 30:(index + 1) * 30])
                if not batch:
                    break
                result = FetchResult(url=feed_config.url, outcome="ok",
                                     final_url=feed_config.url, http_status=200)
                parsed = ParsedFeed(f"feed {index}", None, None, batch, None)
                # The poll's own recording step: judge, analyse, append and project.
                tracker._record(feed_config, None,
                                Fetched(result, parsed, body_sha256=f"{index}"))
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            relevant = store.db.execute(
                "SELECT count(*) FROM articles WHERE relevant = 1").fetchone()[0]
        rate = len(items) / wall
        print(f"  judge {label}: {len(items)} articles in {wall:.2f}s ({rate:.0f}/s), "
              f"{relevant} judged relevant", flush=True)
        results.append(Measured(f"judge+extract+store {label}", "(in process)", wall, cpu,
                                0.0, 0.0, 0, len(items),
                                f"{rate:,.0f} articles/s; {relevant} judged relevant"))


# -- part: rebuild ------------------------------------------------------------------------

def generate_log(path: Path, events: int, feeds: int) -> dict[str, int]:
    """A store of about ``events`` events: many polls of ``feeds`` feeds, written straight
    into the log (the projections are left to ``tracker rebuild``)."""
    from tracker import config
    from tracker import events as ev
    from tracker.analysis.judge import CompiledStory, judge
    from tracker.eventlog.store import EventStore
    from tracker.poll.service import Tracker

    urls = [f"http://127.0.0.1:9/f/{n}" for n in range(feeds)]
    text = tracker_config(urls, path)
    settings = config.from_mapping(tomllib.loads(text), base_dir=ROOT / "config")
    base = datetime(2025, 9, 1, tzinfo=UTC)
    # A pool of real texts, judged once, reused under fresh identities.
    pool = [feedgen.item(f, n, base) for f in range(100) for n in range(30)]
    story = CompiledStory.compile(settings.story)
    verdicts = [judge(story, it.title, f"{it.summary}\n" + "\n".join(it.paragraphs))
                for it in pool]
    rng = random.Random(7)
    counts: dict[str, int] = {}
    with EventStore(path) as store:
        Tracker(settings, store).ensure_baseline()
        conn = store.db.conn
        versions: dict[str, int] = {}
        rows: list[tuple[str, int, str, int, str, str]] = []
        clock = base
        written = 0
        updates: list[str] = []

        def add(event: ev.Event) -> None:
            stream = event.stream()
            version = versions.get(stream, 0) + 1
            versions[stream] = version
            rows.append((stream, version, event.TYPE, event.VERSION, event.to_json(),
                         clock.isoformat(timespec="microseconds")))
            counts[event.TYPE] = counts.get(event.TYPE, 0) + 1

        def flush() -> None:
            nonlocal written
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO events (stream, version, type, schema_version, data,"
                " recorded_at) VALUES (?, ?, ?, ?, ?, ?)", rows)
            conn.execute("COMMIT")
            written += len(rows)
            rows.clear()

        feed_ids = [f.id for f in settings.feeds]
        for feed, url in zip(feed_ids, urls, strict=True):
            add(ev.FeedRegistered(feed_id=feed, url=url, name=f"feed {feed}"))
        poll = 0
        article = 0
        recent: list[str] = []
        while written + len(rows) < events:
            poll += 1
            for index, feed in enumerate(feed_ids):
                clock += timedelta(milliseconds=300)
                if rng.random() < 0.01:
                    add(ev.FeedFetchFailed(feed_id=feed, url=urls[index], reason="timeout",
                                           message="no complete answer within 30s",
                                           http_status=None, failures=1, retry_after=None))
                    add(ev.FeedRecovered(feed_id=feed, after_failures=1))
                add(ev.FeedValidatorsChanged(feed_id=feed, etag=f'"{feed}-{poll}"',
                                             last_modified=clock.strftime(
                                                 "%a, %d %b %Y %H:%M:%S GMT")))
                for _ in range(30 if poll == 1 else rng.randint(1, 6)):
                    article += 1
                    pick = rng.randrange(len(pool))
                    it, verdict = pool[pick], verdicts[pick]
                    article_id = hashlib.sha256(f"{feed}:{article}".encode()).hexdigest()[:20]
                    content = "\n".join(it.paragraphs)
                    add(ev.ArticleRecorded(
                        article_id=article_id, feed_id=feed,
                        key=f"link:https://www.outlet.example/{article}", url=it.link,
                        title=it.title, published=clock.isoformat(),
                        summary=it.summary if verdict.relevant else it.summary[:1000],
                        content=content if verdict.relevant else None, author=it.author,
                        language=it.language,
                        content_hash=hashlib.sha256(content.encode()).hexdigest()[:20]))
                    add(ev.RelevanceJudged(article_id=article_id, relevant=verdict.relevant,
                                           score=verdict.score, reason=verdict.reason,
                                           method=verdict.method))
                    if verdict.relevant:
                        update = None
                        if not updates or rng.random() < 0.2:
                            update = f"u-{article:012x}"
                            updates.append(update)
                            add(ev.UpdateRecorded(
                                update_id=update, kind="economy", summary=it.title,
                                event_date=clock.date().isoformat(), actors=["Russia",
                                                                             "Afghanistan"],
                                evidence=it.summary, article_id=article_id, confidence=0.8,
                                background=False, features={"trade": 1.0, "wheat": 0.6},
                                method="bench"))
                        add(ev.ArticleAnalysed(
                            article_id=article_id, method="bench",
                            outcome="new" if update else "joined",
                            update_id=update or rng.choice(updates[-50:]), copy_of=None,
                            facts=[{"fact_id": "B01", "score": 0.4, "evidence": it.title}],
                            contradictions=[], event_date=clock.date().isoformat(),
                            evidence=it.summary, score=verdict.score, reason="bench"))
                    recent.append(article_id)
                    if rng.random() < 0.05 and len(recent) > 100:
                        add(ev.ArticleListed(article_id=rng.choice(recent[-100:]),
                                             feed_id=feed_ids[(index + 1) % len(feed_ids)]))
                del recent[:-200]
                if len(rows) >= 50_000:
                    flush()
                if written + len(rows) >= events:
                    break
        flush()
    counts["articles"] = article
    counts["polls"] = poll
    return counts


def part_rebuild(args: argparse.Namespace, work: Path, results: list[Measured]) -> None:
    directory = work / "rebuild"
    directory.mkdir(parents=True, exist_ok=True)
    store = directory / f"events-{args.events}.db"
    config_path = directory / "tracker.toml"
    config_path.write_text(tracker_config([], store), "utf-8")
    if not store.exists():
        started = time.perf_counter()
        partial = store.with_suffix(".partial")
        for leftover in directory.glob(f"{partial.name}*"):
            leftover.unlink()
        counts = generate_log(partial, args.events, 1000)
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.rename(store)
        print(f"  generated {sum(v for k, v in counts.items() if k[0].isupper()):,} events "
              f"({counts['articles']:,} articles, {counts['polls']} polls of 1,000 feeds) "
              f"in {time.perf_counter() - started:.0f}s", flush=True)
    env = plain_env(directory / "home")
    log = work / "rebuild.log"
    with sqlite3.connect(store) as conn:
        total = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    results.append(measure(f"rebuild {total:,} events",
                           [TRACKER, "--config", str(config_path), "rebuild"],
                           cwd=directory, env=env, log=log, note=f"{total:,} events"))
    queries = [
        ("query: relevant per feed",
         [SQLITE_UTILS, str(store), "select feed, count(*) as articles, sum(relevant) as "
          "relevant from articles group by feed order by relevant desc limit 10", "--table"]),
        ("query: full-text search",
         [SQLITE_UTILS, "search", str(store), "articles", "Kabul", "-c", "title", "-c", "url",
          "--limit", "20", "--table"]),
        ("query: latest relevant",
         [SQLITE_UTILS, str(store), "select first_seen, title, url from relevant_articles "
          "order by first_seen desc limit 20", "--table"]),
        ("query: events by type",
         [SQLITE_UTILS, str(store), "select type, count(*) from events group by type",
          "--table"]),
    ]
    for label, command in queries:
        results.append(measure(label, command, cwd=directory, env=env, log=log))


# -- part: memory -------------------------------------------------------------------------

def proc_status(pid: int) -> dict[str, float]:
    fields: dict[str, float] = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields


def part_memory(args: argparse.Namespace, server: Server, work: Path,
                results: list[Measured]) -> None:
    directory = work / "daemon"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    # The daemon starts on an empty store: its first cycle is a cold one.
    urls = [server.url(n) for n in range(args.feeds)]
    config_path = directory / "tracker.toml"
    config_path.write_text(tracker_config(urls, directory / "tracker.db", {
        "schedule": {"every": "3s", "jitter": 0, "backoff_base": "3s"}}), "utf-8")
    env = plain_env(directory / "home")
    command = [TRACKER, "--config", str(config_path), "run"]
    print(f"  $ (cd {directory} && {shlex.join(command)})", flush=True)
    server.command("mode 304")
    server.command(f"roll {ROLL}")
    start_requests = server.requests()
    marks = sorted({1, 10, 50, args.cycles} | set(range(100, args.cycles + 1, 100)))
    marks = [m for m in marks if m <= args.cycles]
    seen: dict[int, dict[str, float]] = {}
    with open(work / "daemon.log", "ab") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=directory, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            deadline = started + args.cycles * 60 + 600
            while marks and time.perf_counter() < deadline and process.poll() is None:
                time.sleep(0.25)
                cycles = (server.requests() - start_requests) / args.feeds
                while marks and cycles >= marks[0]:
                    status = proc_status(process.pid)
                    status["tree"] = tree_rss(process.pid)
                    seen[marks[0]] = status
                    print(f"    after cycle {marks[0]}: rss {status['VmRSS']:.0f}MiB "
                          f"peak {status['VmHWM']:.0f}MiB with parser {status['tree']:.0f}MiB"
                          f" ({time.perf_counter() - started:.0f}s)", flush=True)
                    marks.pop(0)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            server.command("roll 0")
    wall = time.perf_counter() - started
    last = max(seen) if seen else 0
    final = seen.get(last, {"VmRSS": 0.0, "VmHWM": 0.0, "tree": 0.0})
    with sqlite3.connect(directory / "tracker.db") as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    size = (directory / "tracker.db").stat().st_size / 2**20
    trail = ", ".join(f"{c}: {s['VmRSS']:.0f}" for c, s in sorted(seen.items()))
    results.append(Measured(
        f"daemon after {last} cycles", shlex.join(command), wall,
        usage.ru_utime + usage.ru_stime, final["VmRSS"], final["tree"], process.returncode,
        articles, f"RSS MiB by cycle: {trail}; peak {final['VmHWM']:.0f}; store {size:.0f} MiB"))


# -- report -------------------------------------------------------------------------------

def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) if i == 0 or i == len(row) - 1 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def report(args: argparse.Namespace, results: list[Measured], found: dict[str, str]) -> None:
    print("\n" + "=" * 100)
    print(f"feeds={args.feeds} parts={','.join(args.parts)} tools={','.join(args.tools)} "
          f"quick={args.quick} cycles={args.cycles} events={args.events:,}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in found.items()))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    rows = [["measurement", "wall s", "cpu s", "rss MiB", "tree MiB", "exit", "items", "note"]]
    for r in results:
        rows.append([r.label, f"{r.wall:.2f}", f"{r.cpu:.2f}",
                     f"{r.maxrss:.0f}" if r.maxrss else "-", f"{r.tree:.0f}" if r.tree else "-",
                     str(r.status), "-" if r.items is None else f"{r.items:,}", r.note])
    print(table(rows))
    by_label = {r.label: r for r in results}
    if "tracker cold" in by_label:
        base = {label: by_label[f"tracker {label}"]
                for label in ("cold", "warm 304", "warm 200") if f"tracker {label}" in by_label}
        rows = [["tool", "cold s", "cold x", "warm304 s", "warm304 x", "warm200 s",
                 "warm200 x", "note"]]
        for tool in args.tools:
            cells = [tool]
            for label in ("cold", "warm 304", "warm 200"):
                run = by_label.get(f"{tool} {label}")
                if run is None:
                    cells += ["-", "-"]
                    continue
                cells += [f"{run.wall:.2f}", f"{run.wall / base[label].wall:.1f}"]
            cells.append(TOOL_CLASSES[tool].note)
            rows.append(cells)
        print("\nwall time against the tracker's (x = tool's time / tracker's time):")
        print(table(rows))
        cold = base["cold"].wall
        print(f"\ntracker cold / warm: {cold / base['warm 304'].wall:.1f}x (304), "
              f"{cold / base['warm 200'].wall:.1f}x (200)")
    print("\ncommands:")
    for r in results:
        print(f"  {r.label}: {r.command}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--quick", action="store_true",
                        help="10 daemon cycles and 250,000 events unless given.")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"comma-separated, of: {', '.join(PARTS)}")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help=f"comma-separated, of: {', '.join(TOOLS)} (the tracker is "
                             "always measured when another tool is)")
    parser.add_argument("--cycles", type=int, help="daemon cycles (default 100; 10 quick)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="cold cycles per tool, each from a fresh state; the median "
                             "is reported (default 1)")
    parser.add_argument("--events", type=int,
                        help="events in the rebuilt store (default 1,000,000; 250,000 quick)")
    parser.add_argument("--judge-items", type=int, default=3000,
                        help="irrelevant articles judged (relevant: a fifth as many)")
    parser.add_argument("--workdir", type=Path,
                        help="keep state here (the generated event log is reused)")
    args = parser.parse_args()
    args.parts = [p for p in args.parts.split(",") if p]
    args.tools = [t for t in args.tools.split(",") if t]
    for part in args.parts:
        if part not in PARTS:
            parser.error(f"unknown part {part!r}")
    for tool in args.tools:
        if tool not in TOOLS:
            parser.error(f"unknown tool {tool!r}")
    if args.tools and "tracker" not in args.tools:
        args.tools.insert(0, "tracker")
    args.cycles = args.cycles or (10 if args.quick else 100)
    args.events = args.events or (250_000 if args.quick else 1_000_000)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work directory: {work}", flush=True)
    print(f"command: {shlex.join([sys.executable, *sys.argv])}", flush=True)
    if "cycles" in args.parts:
        args.tools = ensure_installed(args.tools)
    found = versions(args.tools)
    results: list[Measured] = []
    server: Server | None = None
    base = int(time.time()) // 86400 * 86400 - 3 * 86400
    try:
        if {"cycles", "memory"} & set(args.parts):
            started = time.perf_counter()
            server = Server(args.feeds, base, work / "server.log")
            print(f"serving {args.feeds} feeds on 127.0.0.1:{server.port} "
                  f"(built in {time.perf_counter() - started:.1f}s)", flush=True)
        if "cycles" in args.parts:
            assert server is not None
            part_cycles(args, server, work, results)
        if "judge" in args.parts:
            print("\njudging throughput", flush=True)
            part_judge(args, work, results)
        if "rebuild" in args.parts:
            print("\nrebuild", flush=True)
            part_rebuild(args, work, results)
        if "memory" in args.parts:
            assert server is not None
            print(f"\ndaemon memory over {args.cycles} cycles", flush=True)
            part_memory(args, server, work, results)
    finally:
        if server is not None:
            server.close()
    report(args, results, found)
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
