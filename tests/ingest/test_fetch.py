"""The fetcher on its own: statuses, redirects, size caps, compression, deadlines, files.

Everything runs against the real loopback ``feed_server`` (or ``silent_server``, which
accepts and never answers); ``httpx.MockTransport`` is used only for two host names,
which a server bound to 127.0.0.1 alone cannot give. Variants of one behaviour are
served side by side and fetched in one concurrent batch, as a polling cycle does.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from conftest import FeedServer, RawServer, Request, Response, chunked, rss

from tracker.config import FetchSettings, Settings
from tracker.ingest.fetch import Fetcher, FetchRequest, FetchResult
from tracker.ingest.parse import parse_feed

FEED = rss([{"title": f"Item {n}", "guid": f"g{n}", "link": f"http://n.test/{n}",
             "description": "text " * 20} for n in range(3)])
NO_LENGTH = {"Content-Length": None, "Connection": "close"}
CHUNKED = {"Content-Length": None, "Transfer-Encoding": "chunked"}


def fetch(settings: FetchSettings, *urls: str, transport: httpx.AsyncBaseTransport | None = None,
          **validators: str) -> list[FetchResult]:
    """Fetch ``urls`` concurrently with one Fetcher, as a polling cycle does."""

    async def run() -> list[FetchResult]:
        async with Fetcher(settings, transport) as fetcher:
            return list(await asyncio.gather(
                *(fetcher.fetch(FetchRequest(f"f{i}", url, **validators))
                  for i, url in enumerate(urls))))

    return asyncio.run(run())


def fetch_one(settings: FetchSettings, url: str, **validators: str) -> FetchResult:
    return fetch(settings, url, **validators)[0]


def fetch_routes(server: FeedServer, settings: FetchSettings,
                 routes: dict[str, Response]) -> dict[str, FetchResult]:
    """Serve ``routes`` and fetch them all at once; results by path."""
    urls = [server.serve(path, response) for path, response in routes.items()]
    return dict(zip(routes, fetch(settings, *urls), strict=True))


def outcomes(results: dict[str, FetchResult]) -> dict[str, tuple[str, str | None]]:
    return {path: (r.outcome, r.error_reason) for path, r in results.items()}


@pytest.fixture
def fetch_settings(make_settings: Callable[..., Settings]) -> Callable[[str], FetchSettings]:
    """FetchSettings as loaded from a ``[fetch]`` table, e.g. ``'max_body_bytes = 2048'``."""

    def make(table: str = "") -> FetchSettings:
        return make_settings([], extra=f"[fetch]\n{table}\n").fetch

    return make


@functools.cache
def bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed: a tiny body that expands without bound."""
    return gzip.compress(bytes(size), compresslevel=9)


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def http_date(when: float) -> str:
    return email.utils.formatdate(when, usegmt=True)


# -- status handling -------------------------------------------------------------------


def test_conditional_headers_are_sent_and_304_is_not_modified(feed_server: FeedServer):
    etag, modified = '"v1"', "Mon, 06 Oct 2025 10:00:00 GMT"

    def route(request: Request) -> Response:
        if request.headers.get("if-none-match") == etag:
            return Response(304, headers={"ETag": etag})
        return Response(200, FEED, {"ETag": etag, "Last-Modified": modified})

    url = feed_server.serve("/feed.xml", route)
    first = fetch_one(FetchSettings(), url)
    assert (first.outcome, first.etag, first.last_modified) == ("ok", etag, modified)
    assert "if-none-match" not in feed_server.hits("/feed.xml")[0].headers
    second = fetch_one(FetchSettings(), url, etag=etag, last_modified=modified)
    sent = feed_server.hits("/feed.xml")[1].headers
    assert sent["if-none-match"] == etag and sent["if-modified-since"] == modified
    assert second.outcome == "not-modified" and second.http_status == 304
    assert second.body == b"" and (second.etag, second.last_modified) == (etag, modified)


def test_retry_after_in_seconds_and_as_a_date(feed_server: FeedServer):
    def busy(status: int, date: bool) -> Callable[[Request], Response]:
        def route(request: Request) -> Response:
            after = http_date(time.time() + 120) if date else "120"
            return Response(status, b"slow down", {"Retry-After": after})
        return route

    results = fetch_routes(feed_server, FetchSettings(), {
        "/429s": busy(429, False), "/429d": busy(429, True),  # type: ignore[dict-item]
        "/503s": busy(503, False), "/503d": busy(503, True),  # type: ignore[dict-item]
        "/503-no-header": Response(503), "/429-garbage": Response(429, headers={
            "Retry-After": "soon"}),
    })
    assert outcomes(results) == {
        "/429s": ("error", "rate-limited"), "/429d": ("error", "rate-limited"),
        "/503s": ("error", "unavailable"), "/503d": ("error", "unavailable"),
        "/503-no-header": ("error", "unavailable"), "/429-garbage": ("error", "rate-limited"),
    }
    for path in ("/429s", "/429d", "/503s", "/503d"):
        after = results[path].retry_after
        # An HTTP date has whole seconds only, so up to one second is lost.
        assert after is not None and 118.5 <= after <= 120, (path, after)
        assert results[path].http_status == int(path[1:4])
    assert results["/503-no-header"].retry_after is None
    assert results["/429-garbage"].retry_after is None


def test_other_statuses(feed_server: FeedServer):
    results = fetch_routes(feed_server, FetchSettings(), {
        "/gone": Response(410, b"gone"), "/missing": Response(404), "/broken": Response(500),
        "/empty": Response(204), "/redirect-without-location": Response(301),
    })
    assert outcomes(results) == {
        "/gone": ("error", "gone"), "/missing": ("error", "http-error"),
        "/broken": ("error", "http-error"), "/empty": ("error", "unexpected-status"),
        "/redirect-without-location": ("error", "unexpected-status"),
    }
    assert {p: r.http_status for p, r in results.items()} == {
        "/gone": 410, "/missing": 404, "/broken": 500, "/empty": 204,
        "/redirect-without-location": 301}


# -- redirects ---------------------------------------------------------------------------


def _redirect(status: int, location: str) -> Response:
    return Response(status, b"", {"Location": location})


def test_permanent_and_temporary_redirects(feed_server: FeedServer):
    feed_server.serve("/feed", Response(200, FEED))
    feed_server.serve("/b", _redirect(307, "/c"))
    feed_server.serve("/c", _redirect(308, "/feed"))
    feed_server.serve("/p2", _redirect(308, feed_server.url("/feed")))  # absolute Location
    results = fetch_routes(feed_server, FetchSettings(), {
        "/301": _redirect(301, "/feed"), "/308": _redirect(308, "/feed"),
        "/301-308": _redirect(301, "/p2"),
        "/302": _redirect(302, "/feed"), "/303": _redirect(303, "/feed"),
        "/307": _redirect(307, "/feed"), "/301-307-308": _redirect(301, "/b"),
    })
    new = feed_server.url("/feed")
    assert all(r.ok and r.body == FEED and r.final_url == new for r in results.values())
    assert {p: r.moved_to for p, r in results.items()} == {
        "/301": new, "/308": new, "/301-308": new,
        # One temporary hop anywhere in the chain: the old address stays the one to ask.
        "/302": None, "/303": None, "/307": None, "/301-307-308": None,
    }


def test_conditional_headers_follow_a_redirect(feed_server: FeedServer):
    old = feed_server.serve("/old", _redirect(301, "/new"))
    feed_server.serve("/new", Response(304))
    result = fetch_one(FetchSettings(), old, etag='"x"')
    assert result.outcome == "not-modified" and result.moved_to == feed_server.url("/new")
    assert feed_server.hits("/new")[0].headers["if-none-match"] == '"x"'


def test_refused_redirects(feed_server: FeedServer):
    feed_server.serve("/b", _redirect(302, "/a"))
    feed_server.serve("/y?p=1", _redirect(307, "/x"))
    results = fetch_routes(feed_server, FetchSettings(), {
        "/a": _redirect(302, "/b"), "/self": _redirect(301, "/self"),
        "/x": _redirect(308, "/y?p=1"),
        "/file": _redirect(301, "file:///etc/passwd"),
        "/ftp": _redirect(302, "ftp://127.0.0.1/feed.xml"),
        "/js": _redirect(302, "javascript:alert(1)"),
        # These escaped Fetcher.fetch (ValueError, httpx.InvalidURL, or an anyio
        # ExceptionGroup for the port out of range) and so stopped the whole cycle.
        "/port": _redirect(301, "http://127.0.0.1:99999/feed"),
        "/ipv6": _redirect(302, "http://[::1/feed"),
        "/colons": _redirect(302, "http://127.0.0.1:1:2/feed"),
        "/good": Response(200, FEED),
    })
    assert outcomes(results) == {
        "/a": ("error", "redirect-loop"), "/self": ("error", "redirect-loop"),
        "/x": ("error", "redirect-loop"),
        "/file": ("error", "redirect-scheme"), "/ftp": ("error", "redirect-scheme"),
        "/js": ("error", "redirect-scheme"),
        "/port": ("error", "redirect-invalid"), "/ipv6": ("error", "redirect-invalid"),
        "/colons": ("error", "redirect-invalid"),
        "/good": ("ok", None),
    }
    assert "file:///etc/passwd" in (results["/file"].error_message or "")
    # A loop is stopped when it closes, not after max_redirects more requests.
    assert [len(feed_server.hits(p)) for p in ("/a", "/b", "/self", "/x")] == [1, 1, 1, 1]


def test_redirect_limit(feed_server: FeedServer, fetch_settings):
    for n in range(6):
        feed_server.serve(f"/r{n}", _redirect(302, f"/r{n + 1}"))
    feed_server.serve("/r6", Response(200, FEED))
    settings = fetch_settings("max_redirects = 5")
    too_many, just_enough = fetch(settings, feed_server.url("/r0"), feed_server.url("/r1"))
    assert (too_many.outcome, too_many.error_reason) == ("error", "too-many-redirects")
    assert just_enough.ok and just_enough.final_url == feed_server.url("/r6")  # five hops
    assert len(feed_server.hits("/r6")) == 1, "the sixth hop must not be requested"
    none_allowed = fetch_one(fetch_settings("max_redirects = 0"), feed_server.url("/r5"))
    assert none_allowed.error_reason == "too-many-redirects"


# -- body cap ----------------------------------------------------------------------------


def test_body_cap(feed_server: FeedServer, fetch_settings):
    big, edge = b"<rss>" + b"x" * 10_000 + b"</rss>", b"y" * 2048
    small_bomb = bomb(1024 * 1024)
    assert len(small_bomb) < 2048
    results = fetch_routes(feed_server, fetch_settings("max_body_bytes = 2048"), {
        "/big-length": Response(200, big),
        "/big-close": Response(200, big, NO_LENGTH),
        "/big-chunked": Response(200, chunked(big), CHUNKED),
        "/edge-length": Response(200, edge),
        "/edge-close": Response(200, edge, NO_LENGTH),
        "/edge-chunked": Response(200, chunked(edge, 300), CHUNKED),
        "/small-bomb": Response(200, small_bomb, {"Content-Encoding": "gzip"}),
    })
    assert outcomes(results) == {
        "/big-length": ("error", "too-large"), "/big-close": ("error", "too-large"),
        "/big-chunked": ("error", "too-large"),
        "/edge-length": ("ok", None), "/edge-close": ("ok", None), "/edge-chunked": ("ok", None),
        "/small-bomb": ("error", "too-large"),
    }
    assert all(results[p].body == edge for p in ("/edge-length", "/edge-close", "/edge-chunked"))
    assert all(r.body == b"" for r in results.values() if not r.ok)


def test_cap_is_applied_before_the_rest_arrives(raw_server, fetch_settings):
    # Each answer stalls after its first bytes: refusing it at once shows the cap is
    # checked on the declared length and while streaming, not after the download.
    ok = b"HTTP/1.1 200 OK\r\n"
    servers = [
        raw_server([ok + b"Content-Length: 100000\r\n\r\n", b"x" * 10, 5.0, b"x"]),
        raw_server([ok + b"Connection: close\r\n\r\n", b"x" * 4096, 5.0, b"x"]),
        raw_server([ok + b"Transfer-Encoding: chunked\r\n\r\n", chunked(b"x" * 4096)[:-5],
                    5.0, b"0\r\n\r\n"]),
        raw_server([ok + b"Content-Encoding: gzip\r\nConnection: close\r\n\r\n",
                    bomb(1024 * 1024), 5.0, b"x"]),
    ]
    started = time.monotonic()
    results = fetch(fetch_settings("max_body_bytes = 2048\nper_host = 4"),
                    *(server.url("/feed") for server in servers))
    assert [(r.outcome, r.error_reason) for r in results] == [("error", "too-large")] * 4
    assert time.monotonic() - started < 2


@pytest.mark.slow
def test_gzip_bomb_is_refused_without_expanding(feed_server: FeedServer, fetch_settings):
    cap = 1024 * 1024
    body = bomb(50 * 1024 * 1024)
    assert len(body) < cap, "the compressed body itself must fit under the cap"
    for path, response in {
        "/bomb": Response(200, body, {"Content-Encoding": "gzip"}),
        "/bomb-chunked": Response(200, chunked(body, 16 * 1024),
                                  {"Content-Encoding": "gzip", **CHUNKED}),
    }.items():
        feed_server.serve(path, response)
    settings = fetch_settings(f"max_body_bytes = {cap}")
    tracemalloc.start()
    try:
        started = time.monotonic()
        results = fetch(settings, feed_server.url("/bomb"), feed_server.url("/bomb-chunked"))
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(r.outcome, r.error_reason) for r in results] == [("error", "too-large")] * 2
    assert elapsed < 3, "decompression must stop at the cap, not inflate 50 MB"
    assert peak < 8 * cap, f"peak traced memory {peak} bytes: the bomb was expanded"


# -- compression -------------------------------------------------------------------------


def test_compressed_bodies_are_decoded(feed_server: FeedServer):
    results = fetch_routes(feed_server, FetchSettings(), {
        "/gzip": Response(200, gzip.compress(FEED), {"Content-Encoding": "gzip"}),
        "/x-gzip": Response(200, gzip.compress(FEED), {"Content-Encoding": "x-gzip"}),
        # What RFC 9110 means by deflate (zlib-wrapped), and what some servers send.
        "/zlib": Response(200, zlib.compress(FEED), {"Content-Encoding": "deflate"}),
        "/raw": Response(200, raw_deflate(FEED), {"Content-Encoding": "deflate"}),
        "/identity": Response(200, FEED, {"Content-Encoding": "identity"}),
    })
    assert outcomes(results) == {path: ("ok", None) for path in results}
    assert all(r.body == FEED for r in results.values())
    assert "gzip" in feed_server.hits("/gzip")[0].headers["accept-encoding"]
    gzipped = results["/gzip"]
    assert [item.title for item in parse_feed(gzipped.body, gzipped.headers).items] == [
        "Item 0", "Item 1", "Item 2"]


@pytest.mark.parametrize("encode", [zlib.compress, raw_deflate], ids=["zlib", "raw"])
def test_deflate_whose_first_chunk_is_one_byte(raw_server, encode: Callable[[bytes], bytes]):
    # Two bytes tell zlib-wrapped deflate from raw; a chunk off the network can be one.
    body = encode(FEED)
    head = (b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body))
    server = raw_server([head, body[:1], 0.1, body[1:]])
    result = fetch_one(FetchSettings(), server.url("/feed"))
    assert result.ok and result.body == FEED


def test_corrupt_truncated_or_unknown_encodings_are_refused(feed_server: FeedServer):
    results = fetch_routes(feed_server, FetchSettings(), {
        "/corrupt": Response(200, b"not gzip at all", {"Content-Encoding": "gzip"}),
        "/brotli": Response(200, b"\x0b\x01\x80", {"Content-Encoding": "br"}),
        "/stacked": Response(200, gzip.compress(gzip.compress(FEED)),
                             {"Content-Encoding": "gzip, gzip"}),
        # Connection closed early with no length to tell: only the gzip stream knows.
        "/cut": Response(200, gzip.compress(FEED)[:-40],
                         {"Content-Encoding": "gzip", **NO_LENGTH}),
        "/cut-deflate": Response(200, zlib.compress(FEED)[:-30],
                                 {"Content-Encoding": "deflate", **NO_LENGTH}),
    })
    assert outcomes(results) == {path: ("error", "bad-encoding") for path in results}


# -- deadlines ---------------------------------------------------------------------------


def test_slow_and_silent_servers_are_cut_off_by_the_overall_deadline(
        feed_server: FeedServer, silent_server: RawServer, fetch_settings):
    # One byte a second; and one every 0.3 s, which never trips httpx's per-read timeout,
    # so only the overall deadline can stop it. Either would take minutes for FEED.
    drip = feed_server.serve("/drip", Response(200, FEED, drip=1.0))
    trickle = feed_server.serve("/trickle", Response(200, FEED, drip=0.3))
    good = feed_server.serve("/good", Response(200, FEED))
    settings = fetch_settings('timeout = "1s"\nper_host = 4')
    started = time.monotonic()
    results = fetch(settings, drip, trickle, silent_server.url("/feed"), good)
    elapsed = time.monotonic() - started
    assert [(r.outcome, r.error_reason) for r in results] == [("error", "timeout")] * 3 + [
        ("ok", None)]
    assert all(0.9 <= r.elapsed < 2.0 for r in results[:3]), [r.elapsed for r in results]
    assert results[3].body == FEED and results[3].elapsed < 0.9
    assert elapsed < 2.5
    assert silent_server.connections, "the silent server must have been reached"


# -- concurrency bounds ------------------------------------------------------------------


class Concurrency:
    """A route that holds each request for ``hold`` seconds and counts overlaps."""

    def __init__(self, hold: float, body: bytes = FEED) -> None:
        self.hold, self.body = hold, body
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            time.sleep(self.hold)
        finally:
            with self.lock:
                self.active -= 1
        return Response(200, self.body)


def test_per_host_bound_at_the_transport(feed_server: FeedServer, fetch_settings):
    probe = Concurrency(0.25)
    urls = [feed_server.serve(f"/f{n}", probe) for n in range(6)]
    results = fetch(fetch_settings("per_host = 2"), *urls)
    assert all(r.ok for r in results)
    assert probe.peak == 2


class Body(httpx.AsyncByteStream):
    """A streamed mock body: ``content=`` would be read ahead, and aiter_raw refuses that."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data


def test_a_slow_host_does_not_hold_up_other_hosts(fetch_settings):
    # Two host names on one loopback server are not possible here, hence MockTransport.
    finished: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "slow.test":
            await asyncio.sleep(0.3)
        finished.append(str(request.url))
        return httpx.Response(200, stream=Body(FEED))

    settings = fetch_settings("per_host = 1\nconcurrency = 2")
    urls = [f"http://slow.test/{n}" for n in range(3)] + ["http://fast.test/feed"]
    results = fetch(settings, *urls, transport=httpx.MockTransport(handler))
    assert all(r.ok for r in results)
    # Requests queued for the slow host must not sit on the overall slots meanwhile.
    assert finished[0] == "http://fast.test/feed", finished
    assert results[3].elapsed < 0.25


# -- file URLs ---------------------------------------------------------------------------


def test_file_url_is_read_and_then_not_modified(tmp_path: Path):
    path = tmp_path / "local feed.xml"
    path.write_bytes(FEED)
    first = fetch_one(FetchSettings(), path.as_uri())
    assert first.ok and first.body == FEED and first.etag and first.last_modified
    again = fetch_one(FetchSettings(), path.as_uri(), etag=first.etag)
    assert again.outcome == "not-modified" and again.body == b""
    path.write_bytes(FEED + b"\n")
    changed = fetch_one(FetchSettings(), path.as_uri(), etag=first.etag)
    assert changed.ok and changed.etag != first.etag and changed.body == FEED + b"\n"


def test_missing_oversized_or_remote_file_is_a_failure(tmp_path: Path, fetch_settings):
    missing = fetch_one(FetchSettings(), (tmp_path / "nope.xml").as_uri())
    assert (missing.outcome, missing.error_reason) == ("error", "not-found")
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 4096)
    too_large = fetch_one(fetch_settings("max_body_bytes = 2048"), big.as_uri())
    assert (too_large.outcome, too_large.error_reason) == ("error", "too-large")
    remote = fetch_one(FetchSettings(), "file://example.org/etc/feed.xml")
    assert (remote.outcome, remote.error_reason) == ("error", "bad-url")
