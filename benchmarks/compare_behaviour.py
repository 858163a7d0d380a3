"""Run the same polls with one source tree of tracker and write down what they did.

    git archive 7574413 tracker | tar -x -C /tmp/before
    PYTHONHASHSEED=0 python benchmarks/compare_behaviour.py /tmp/before /tmp/old.txt
    PYTHONHASHSEED=0 python benchmarks/compare_behaviour.py . /tmp/new.txt
    diff /tmp/old.txt /tmp/new.txt

For a change that should not change behaviour (a refactoring): two trees that behave
the same write the same file. Generated feeds (benchmarks/feedgen.py) are served as
files and polled one feed at a time, so that the order is fixed: four rounds (new
articles; new and unchanged; unchanged; texts edited so that some articles are revised
and some no longer relevant), with a feed that does not parse, a missing file and a feed
that repeats another's articles; then a re-judging pass and a rebuild. The file holds
every log line (elapsed times masked), every event and every table and view (timestamps
and the files' own validators masked). PYTHONHASHSEED must be fixed: the analysis sums
over sets, whose order (and so the last bits of a score) changes with the hash seed.
"""

from __future__ import annotations

import sys

ROOT, OUT = sys.argv[1], sys.argv[2]
# The tree under test, not the installed one (an editable install finds its own first).
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, ROOT)

import asyncio  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
from dataclasses import replace  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import feedgen  # noqa: E402

import tracker  # noqa: E402
from tracker import config  # noqa: E402
from tracker.config import FeedConfig  # noqa: E402
from tracker.eventlog.store import EventStore  # noqa: E402
from tracker.poll.service import Tracker  # noqa: E402

FEEDS = 80
WORK = Path("/tmp/tracker-compare-behaviour")
CONFIG = Path(__file__).resolve().parent.parent / "config" / "tracker.toml"
EDITS = ((b"Taliban", b"council"), (b"the ", b"The "), (b"Russia", b"Norway"),
         (b"Moscow", b"Oslo"), (b"Kabul", b"Bergen"), (b"Afghan", b"Danish"),
         ("Талибан".encode(), "совет".encode()), ("Росси".encode(), "Норвеги".encode()))
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00)?")
FILE_ETAG = re.compile(r"[0-9a-f]{4,}-[0-9a-f]{16}")
HTTP_DATE = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} [0-9:]{8} GMT")


def write_feeds(first: int, base: datetime, *, edit: bool) -> None:
    for feed in range(FEEDS):
        body = feedgen.document(feed, first + feed % 3, base)
        if edit and feed % 2 == 0:
            for old, new in EDITS:
                body = body.replace(old, new)
        (WORK / f"f{feed}.xml").write_bytes(body)
    (WORK / "dup.xml").write_bytes(feedgen.document(0, first, base))
    (WORK / "broken.xml").write_bytes(b"<html><body>not a feed</body></html>")


def masked(value: object) -> object:
    if not isinstance(value, str):
        return value
    return HTTP_DATE.sub("DATE", FILE_ETAG.sub("ETAG", TIMESTAMP.sub("T", value)))


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = re.sub(r"elapsed=[0-9.]+", "elapsed=X", record.getMessage())
        self.lines.append(f"{record.name} {record.levelname} {masked(message)}")


def run() -> tuple[list[str], Path]:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    names = [f"f{feed}.xml" for feed in range(FEEDS)] + ["broken.xml", "missing.xml", "dup.xml"]
    feeds = tuple(FeedConfig(url=(WORK / name).as_uri(), name=name) for name in names)
    settings = replace(config.load(CONFIG), store_path=WORK / "store.db", feeds=feeds)
    lines = Lines()
    logging.getLogger("tracker").addHandler(lines)
    logging.getLogger("tracker").setLevel(logging.DEBUG)
    base, later = datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 11, 21, tzinfo=UTC)
    with EventStore(settings.store_path) as store:
        poller = Tracker(settings, store)
        poller.ensure_baseline()
        for round_, (first, when) in enumerate([(0, base), (4, base), (4, base), (6, later)]):
            write_feeds(first, when, edit=round_ == 3)
            lines.lines.append(f"--- round {round_}")
            for feed in feeds:
                asyncio.run(poller.poll([feed]))
        lines.lines.append("--- rejudge")
        poller.rejudge()
        store.rebuild()
    return lines.lines, settings.store_path


def main() -> None:
    assert tracker.__file__ and tracker.__file__.startswith(str(Path(ROOT).resolve())), \
        tracker.__file__
    lines, path = run()
    conn = sqlite3.connect(path)
    with open(OUT, "w", encoding="utf-8") as out:
        out.writelines(f"{line}\n" for line in lines)
        for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                " AND name NOT LIKE 'sqlite%' ORDER BY name"):
            rows = [tuple(masked(v) for v in row) for row in conn.execute(
                f"SELECT * FROM [{name}]")]
            if name != "events":
                rows.sort(key=repr)
            out.write(f"=== {name} {len(rows)}\n")
            out.writelines(f"{row!r}\n" for row in rows)
    print(f"{OUT}: {len(lines)} log lines")


if __name__ == "__main__":
    main()
