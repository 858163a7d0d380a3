"""The parser pool: worker processes give the same feed as parsing here, and contain a
parse that runs over its time or a worker that dies."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import pytest

from tracker.errors import ParseError
from tracker.ingest.parse import parse_feed
from tracker.ingest.parsepool import IDLE_EXIT, ParserPool, _send, _Worker

FEED = (
    "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>"
    "<link>https://example.com/</link><ttl>90</ttl>"
    "<item><title>Россия и талибы</title><guid>g1</guid><link>https://example.com/1</link>"
    "<description>&lt;p&gt;Moscow and Kabul \U0001f600&lt;/p&gt;</description>"
    "<pubDate>Mon, 06 Oct 2025 10:00:00 GMT</pubDate></item>"
    "<item><title>Second</title><link>https://example.com/2?utm_source=x</link></item>"
    "</channel></rss>"
).encode()


def big_feed(items: int) -> bytes:
    body = "".join(f"<item><title>item {n}</title><guid>g{n}</guid><description>"
                   f"{'<b>words</b> ' * 40}</description></item>" for n in range(items))
    return f"<rss version='2.0'><channel><title>t</title>{body}</channel></rss>".encode()


def test_a_worker_parses_as_this_process_does():
    pool = ParserPool(2)
    try:
        parsed = asyncio.run(pool.parse(FEED, {"content-type": "application/rss+xml"}))
    finally:
        pool.close()
    assert parsed == parse_feed(FEED, {"content-type": "application/rss+xml"})
    assert parsed.ttl == 5400
    assert parsed.items[0].title == "Россия и талибы"


def test_a_body_that_is_no_feed_is_a_parse_error_with_its_reason():
    pool = ParserPool(1)
    try:
        with pytest.raises(ParseError) as raised:
            asyncio.run(pool.parse(b"<html><body>hello</body></html>", {}))
    finally:
        pool.close()
    assert raised.value.reason == parse_error_reason(b"<html><body>hello</body></html>")


def parse_error_reason(body: bytes) -> str:
    with pytest.raises(ParseError) as raised:
        parse_feed(body, {})
    return raised.value.reason


def test_a_parse_past_its_time_is_stopped_and_the_next_one_works():
    pool = ParserPool(1, timeout=0.05)
    try:
        started = time.monotonic()
        with pytest.raises(ParseError) as raised:
            asyncio.run(pool.parse(big_feed(3000), {}))
        assert raised.value.reason == "parse-timeout"
        assert time.monotonic() - started < 5
        pool.timeout = 30
        assert len(asyncio.run(pool.parse(FEED, {})).items) == 2
    finally:
        pool.close()


def test_a_worker_that_dies_fails_its_feed_only():
    worker = _Worker(idle=30)
    worker.process.kill()
    worker.process.wait()
    with pytest.raises(ParseError) as raised:
        worker.ask(FEED, {}, timeout=5)
    assert raised.value.reason == "parser-crashed"


def test_idle_workers_stop_and_come_back_when_needed():
    pool = ParserPool(1, idle=0.2)
    try:
        asyncio.run(pool.parse(FEED, {}))
        [first] = pool.started
        assert first.process.wait(timeout=5) == IDLE_EXIT
        assert len(asyncio.run(pool.parse(FEED, {})).items) == 2
        assert [w.process.poll() for w in pool.started] == [None]
    finally:
        pool.close()


def test_a_worker_whose_asker_is_gone_exits_quietly():
    """A daemon killed mid-parse leaves its worker nobody to answer: no traceback."""
    worker = subprocess.Popen([sys.executable, "-m", "tracker.ingest.parsepool", "30"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdout.close()  # the asker's end of the answers, gone
    _send(worker.stdin, json.dumps({}).encode())
    _send(worker.stdin, big_feed(2000))
    _, errors = worker.communicate(timeout=60)
    assert worker.returncode == 0
    assert errors == b""
