"""Resident memory of the daemon's polling over many cycles, against loopback feeds.

    python benchmarks/daemon_memory.py [--feeds 100] [--cycles 200]

A separate process serves ``--feeds`` RSS feeds on 127.0.0.1 (so its memory is not
counted). Three feeds in four gain one item per request and keep the latest 20, one in
five items about the story, so every cycle records, judges and analyses new articles;
the fourth feed never changes. This process then polls every feed ``--cycles`` times
the way the daemon does: one Tracker and one Fetcher for the whole run, each feed through
``Tracker.poll_feed_safely``. Prints the resident set size (VmRSS) after cycles 1, 10,
50, 100, ... and the last, with the peak (VmHWM) and the store's size; ``--trace`` adds
where the Python heap grew after cycle 10.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker import config  # noqa: E402
from tracker.eventlog.store import EventStore  # noqa: E402
from tracker.ingest.fetch import Fetcher  # noqa: E402
from tracker.poll.service import Tracker  # noqa: E402

WINDOW = 20


def feed_body(feed: int, newest: int) -> bytes:
    parts = [f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
             f"<title>bench {feed}</title><link>http://127.0.0.1/</link>"
             f"<description>benchmark feed</description>"]
    for n in range(max(0, newest - WINDOW), newest + 1):
        if n % 5 == 0:
            title = f"Russia and the Taliban agree on rail and energy project {feed}-{n}"
            text = (f"Moscow and Kabul signed agreement number {n} on Thursday, officials "
                    f"of Russia and the Taliban government said.")
        else:
            title = f"City council debates parking rules, item {feed}-{n}"
            text = f"The council met for the {n}th time to discuss parking in district {feed}."
        parts.append(f"<item><title>{escape(title)}</title><guid>b-{feed}-{n}</guid>"
                     f"<link>https://bench.test/{feed}/{n}</link>"
                     f"<description>{escape(text)}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve() -> None:
    """The feed server: /f/<n>.xml, advancing one item per request unless n % 4 == 0."""
    hits: dict[int, int] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
            feed = int(self.path.split("/")[-1].split(".")[0])
            count = hits[feed] = hits.get(feed, 0) + 1
            body = feed_body(feed, 0 if feed % 4 == 0 else count)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    # Serve until the benchmark closes our stdin, which its death does too.
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


def memory() -> tuple[float, float]:
    """Resident and peak resident memory of this process, in MiB (Linux)."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


async def run(settings: config.Settings, cycles: int, trace: bool) -> None:
    marks = {1, 10, 50, cycles} | set(range(100, cycles + 1, 100))
    if trace:
        tracemalloc.start(8)
    first: tracemalloc.Snapshot | None = None
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        async with Fetcher(settings.fetch) as fetcher:
            started = time.monotonic()
            for cycle in range(1, cycles + 1):
                outcomes = await asyncio.gather(*(
                    tracker.poll_feed_safely(fetcher, feed) for feed in settings.feeds))
                if cycle in marks:
                    rss, peak = memory()
                    articles = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
                    updates = store.db.execute("SELECT count(*) FROM updates").fetchone()[0]
                    errors = sum(o.outcome == "error" for o in outcomes)
                    size = os.path.getsize(settings.store_path) / 2**20
                    print(f"cycle={cycle:<4} rss={rss:6.1f}MiB peak={peak:6.1f}MiB "
                          f"articles={articles:<6} updates={updates:<5} errors={errors} "
                          f"store={size:.1f}MiB "
                          f"elapsed={time.monotonic() - started:.0f}s", flush=True)
                if trace and cycle == 10:
                    first = tracemalloc.take_snapshot()
    if first is not None:
        # Where the Python heap grew after warming up: data kept on purpose, or a leak.
        growth = tracemalloc.take_snapshot().compare_to(first, "filename")
        print("python heap growth since cycle 10, by file:")
        for stat in growth[:8]:
            print(f"  {stat.size_diff / 2**20:+7.2f}MiB {stat.count_diff:+8d} blocks "
                  f"{stat.traceback[0].filename}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--trace", action="store_true",
                        help="Also show where the Python heap grew (tracemalloc; slower).")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            # The shipped story and baseline; these feeds, a fresh store, quiet logs.
            data = tomllib.loads((ROOT / "config" / "tracker.toml").read_text("utf-8"))
            data["store"] = {"path": str(Path(tmp) / "tracker.db")}
            data["log"] = {"level": "WARNING"}
            data["feeds"] = [{"url": f"http://127.0.0.1:{port}/f/{n}.xml"}
                             for n in range(args.feeds)]
            settings = config.from_mapping(data, base_dir=ROOT / "config")
            print(f"feeds={len(settings.feeds)} cycles={args.cycles} "
                  f"python={sys.version.split()[0]}")
            asyncio.run(run(settings, args.cycles, args.trace))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
