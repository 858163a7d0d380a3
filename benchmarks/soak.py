"""A soak of the real daemon, accelerated: many growing feeds for minutes.

    python benchmarks/soak.py [--feeds 200] [--minutes 10] [--per-feed 30] [--seed N]

Runs ``tracker run`` as its own process with one-second polling and a two-second digest
quiet period against ``--feeds`` RSS feeds on 127.0.0.1 that gain ``--per-feed`` items
each over the run (about half about the story, a quarter of those in other languages).
Two SIGHUP reloads add and remove feeds; digests go to a webhook receiver (503 from 15 %
to 55 % of the run) and an SMTP server (451 from 20 % to 75 %); the disk fills at 40 %
until ``tracker status`` says a commit failed, then frees; the wall clock steps back an
hour at 30 % and forward three hours at 60 %. A simulated day is 48 polls of each feed
(the default interval, 30 minutes), 48 seconds here: ten minutes are about twelve days.
Prints the daemon's resident memory, open descriptors and threads at the start, middle
and end; items served, lost and duplicated; updates and digests delivered per channel;
what ``tracker status`` said during and after the full disk; polls after each clock
step; and the store and WAL sizes. The scenario is ``tests/soak.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import FeedServer  # noqa: E402
from receivers import start_hooks, stop_hooks  # noqa: E402
from soak import soak_run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--per-feed", type=int, default=30)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    server = FeedServer()
    server.thread.start()
    hooks, hook_server = start_hooks()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"feeds={args.feeds} minutes={args.minutes} per_feed={args.per_feed}",
                  flush=True)
            soak = soak_run(server, hooks, Path(tmp), feeds=args.feeds,
                            seconds=args.minutes * 60, per_feed=args.per_feed,
                            seed=args.seed, settle_timeout=max(300.0, args.minutes * 60))
            print(f"seed={soak.run.seed}")
            print(soak.summary())
            for problem in soak.run.problems:
                print("PROBLEM:", problem[:2000])
    finally:
        stop_hooks(hook_server)
        server.httpd.shutdown()
        server.httpd.server_close()


if __name__ == "__main__":
    main()
