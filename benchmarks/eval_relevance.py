"""Measure relevance on the labelled sample, served as a real feed on 127.0.0.1.

    python benchmarks/eval_relevance.py [--items ../shared/eval/items.jsonl]

Prints precision and recall over all items, for English and for other languages, and
lists every disagreement with the labels and the judge's reason.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import threading
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker import config  # noqa: E402
from tracker.analysis.dates import event_date  # noqa: E402
from tracker.eventlog.store import EventStore  # noqa: E402
from tracker.poll.service import Tracker  # noqa: E402


def printed_date(published: str) -> datetime | None:
    """The publication date when the source printed one; inferred dates are left out,
    since a feed would not carry them."""
    text = published.strip()
    if text.startswith("not printed"):
        return None
    numeric = re.match(r"(\d{4})-(\d\d)-(\d\d)|(\d\d)[.-](\d\d)[.-](\d{4})", text)
    if numeric:
        y, m, d = (numeric.group(1), numeric.group(2), numeric.group(3)) if numeric.group(1) \
            else (numeric.group(6), numeric.group(5), numeric.group(4))
        return datetime(int(y), int(m), int(d), 12, tzinfo=UTC)
    found = event_date([text], None)
    if found is None or found.precision != "day":
        return None
    return datetime.combine(found.value, datetime.min.time(), UTC).replace(hour=12)


def items_as_rss(items: list[dict]) -> bytes:
    parts = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
             "<title>eval</title><link>http://127.0.0.1/</link><description>eval</description>"]
    for item in items:
        parts.append(
            f"<item><title>{escape(item['title'])}</title><link>{escape(item['url'])}</link>"
            f"<guid isPermaLink='false'>{escape(item['id'])}</guid>"
            f"<description>{escape(item['summary'] or '')}</description>"
            + (f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
               if (when := printed_date(item["published"])) else "")
            + "</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/eval.xml"


def load_items(items_path: Path) -> list[dict]:
    return [json.loads(line) for line in items_path.read_text("utf-8").splitlines() if line]


def run_tracker(items: list[dict], config_path: Path, sql: str) -> dict[str, dict]:
    """Serve ``items`` as one feed, poll it once into a fresh store, return ``sql``'s rows
    keyed by the item id (``sql`` must select the article ``key``)."""
    server, url = serve(items_as_rss(items))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = replace(config.load(config_path), store_path=Path(tmp) / "eval.db",
                               feeds=(config.FeedConfig(url=url, name="eval"),))
            with EventStore(settings.store_path) as store:
                tracker = Tracker(settings, store)
                tracker.ensure_baseline()
                asyncio.run(tracker.poll())
                return {row["key"].removeprefix("guid:"): row for row in store.db.query(sql)}
    finally:
        server.shutdown()
        server.server_close()


def measure(items_path: Path, config_path: Path) -> dict:
    items = load_items(items_path)
    judged = run_tracker(items, config_path, "SELECT key, relevant, score, reason FROM articles")
    groups: dict[str, dict[str, int]] = {}
    misses = []
    for item in items:
        row = judged[item["id"]]
        predicted, actual = bool(row["relevant"]), bool(item["relevant"])
        for group in ("all", "en" if item["language"] == "en" else "other"):
            g = groups.setdefault(group, {"n": 0, "tp": 0, "fp": 0, "fn": 0, "tn": 0})
            g["n"] += 1
            g["tp" if predicted and actual else "fp" if predicted else
              "fn" if actual else "tn"] += 1
        if predicted != actual:
            misses.append((item["id"], item["language"], actual, row["score"], row["reason"],
                           item["title"]))
    return {"groups": groups, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=Path, default=ROOT.parent / "shared/eval/items.jsonl")
    parser.add_argument("--config", type=Path, default=ROOT / "config/tracker.toml")
    args = parser.parse_args()
    result = measure(args.items, args.config)
    for name, g in result["groups"].items():
        precision = g["tp"] / (g["tp"] + g["fp"]) if g["tp"] + g["fp"] else float("nan")
        recall = g["tp"] / (g["tp"] + g["fn"]) if g["tp"] + g["fn"] else float("nan")
        print(f"{name:<6} items={g['n']:<4} relevant={g['tp'] + g['fn']:<4} "
              f"tp={g['tp']} fp={g['fp']} fn={g['fn']} precision={precision:.3f} "
              f"recall={recall:.3f}")
    for miss in result["misses"]:
        print("MISS", *miss, sep=" | ")


if __name__ == "__main__":
    main()
