"""Serve labelled items as an RSS feed on 127.0.0.1 and poll them into a fresh store.

Shared by the evaluation scripts (``eval_multilingual.py``, ``eval_relevance.py``,
``eval_updates.py``), so that every figure comes from the same feed.

The feed, one convention for all of them:

* one RSS 2.0 channel with every item in file order (the order decides which article
  opens an update, so the run is deterministic); no channel language: the tracker must
  tell each item's language itself;
* ``<guid>`` is the item's ``id``, ``<link>`` its ``url``, ``<description>`` its
  ``summary``, and ``<source>`` names the publisher (the ``source`` field) with the
  site's address, as aggregators print it;
* ``<pubDate>`` is the ``published`` field's date *as printed*: the text before any
  parenthesis or semicolon (the labeller's notes, which a feed would not carry) when it
  gives a day, a month and a year, as ``YYYY-MM-DD``, ``DD.MM.YYYY``/``DD-MM-YYYY`` or a
  day with a month name in the item's language or English (CLDR names through babel)
  and a year, in any script's digits; printed at 12:00 UTC. "not printed", a month
  alone, a date without a year, a numeric date with slashes (day and month order
  unknown) and a solar hijri date give no ``pubDate``.
"""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

import babel
from babel.dates import get_month_names

from tracker import config
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

_NOTE = re.compile(r"[(;]")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAY_FIRST = re.compile(r"(?<![\d:])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?!\d)")
# Tokens split at spaces and separators only: \w would cut Devanagari words at their
# vowel signs.
_TOKEN = re.compile(r"[^\s,/|\u2013-]+")


def load_items(items_path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in items_path.read_text("utf-8").splitlines() if line]


def _ascii_digits(text: str) -> str:
    """Persian, Arabic-Indic, Devanagari ... digits as ASCII ones."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


@cache
def _month_numbers(language: str) -> dict[str, int]:
    """Month names (wide and abbreviated, format and stand-alone) of ``language`` and of
    English, case-folded and without a final dot, to their month number."""
    names: dict[str, int] = {}
    for locale in dict.fromkeys(("en", language)):
        try:
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for number, name in get_month_names(width, context, locale).items():
                        names.setdefault(name.casefold().rstrip("."), number)
        except (babel.UnknownLocaleError, ValueError):
            continue
    return names


def _named_month_date(text: str, language: str) -> datetime | None:
    day = month = year = None
    months = _month_numbers(language)
    for raw in _TOKEN.findall(text):
        token = raw.rstrip(".")
        if token.isdigit():
            number = int(token)
            if len(token) == 4 and year is None:
                year = number
            elif len(token) <= 2 and 1 <= number <= 31 and day is None:
                day = number
        elif month is None:
            month = months.get(token.casefold())
    if day is None or month is None or year is None:
        return None
    return _noon(year, month, day)


def _noon(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, 12, tzinfo=UTC)
    except ValueError:
        return None


def printed_date(published: str, language: str = "en") -> datetime | None:
    """The publication date as the source printed it (see the module's docstring)."""
    text = published.strip()
    if text.startswith("not printed"):
        return None
    printed = _ascii_digits(_NOTE.split(text, maxsplit=1)[0])
    if found := _ISO.search(printed):
        return _noon(int(found[1]), int(found[2]), int(found[3]))
    if found := _DAY_FIRST.search(printed):
        return _noon(int(found[3]), int(found[2]), int(found[1]))
    return _named_month_date(printed, language)


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _rss_item(item: dict[str, Any]) -> str:
    when = printed_date(item["published"], item.get("language") or "en")
    source = item.get("source")
    return (
        f"<item><title>{escape(item['title'])}</title><link>{escape(item['url'])}</link>"
        f"<guid isPermaLink='false'>{escape(item['id'])}</guid>"
        f"<description>{escape(item['summary'] or '')}</description>"
        + (f"<source url={quoteattr(_site(item['url']))}>{escape(source)}</source>"
           if source else "")
        + (f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>" if when else "")
        + "</item>")


def items_as_rss(items: list[dict[str, Any]]) -> bytes:
    head = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            "<title>eval</title><link>http://127.0.0.1/</link><description>eval</description>")
    return (head + "".join(_rss_item(i) for i in items) + "</channel></rss>").encode()


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    server, urls = serve_feeds({"/eval.xml": body})
    return server, urls[0]


def serve_feeds(bodies: dict[str, bytes]) -> tuple[ThreadingHTTPServer, list[str]]:
    """Serve each body at its path on 127.0.0.1; the feeds' addresses, in order."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, [f"http://127.0.0.1:{server.server_address[1]}{path}" for path in bodies]


@dataclass(frozen=True)
class PolledStore:
    """A fresh store holding one poll of the items, and what the poll cost."""

    store: EventStore
    tracker: Tracker
    poll_seconds: float


@contextmanager
def polled_store(items: list[dict[str, Any]], config_path: Path, *,
                 feed_per_item: bool = False) -> Iterator[PolledStore]:
    """Serve ``items`` as one feed (or, with ``feed_per_item``, each in a feed of its
    own, fetched concurrently in no set order) and poll them once, through the library,
    into a fresh store in a temporary directory that lives as long as the context."""
    bodies = ({f"/item-{n}.xml": items_as_rss([item]) for n, item in enumerate(items)}
              if feed_per_item else {"/eval.xml": items_as_rss(items)})
    server, urls = serve_feeds(bodies)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = replace(config.load(config_path), store_path=Path(tmp) / "eval.db",
                               feeds=tuple(config.FeedConfig(url=url, name=f"eval {n}")
                                           for n, url in enumerate(urls)))
            with EventStore(settings.store_path) as store:
                tracker = Tracker(settings, store)
                tracker.ensure_baseline()
                started = time.perf_counter()
                asyncio.run(tracker.poll())
                yield PolledStore(store, tracker, time.perf_counter() - started)
    finally:
        server.shutdown()
        server.server_close()


def run_tracker(items: list[dict[str, Any]], config_path: Path, sql: str
                ) -> dict[str, dict[str, Any]]:
    """Poll ``items`` into a fresh store and return ``sql``'s rows keyed by the item id
    (``sql`` must select the article ``key``)."""
    with polled_store(items, config_path) as polled:
        return {row["key"].removeprefix("guid:"): row for row in polled.store.db.query(sql)}
