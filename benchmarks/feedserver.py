"""A fast loopback server for the generated feeds (:mod:`feedgen`), run as its own process.

    python benchmarks/feedserver.py --feeds 1000 --base 1767225600

Serves ``/f/<n>`` on 127.0.0.1 with HTTP/1.1 keep-alive, an ``ETag`` and a
``Last-Modified`` per feed version, and prints its port. Commands on standard input, one
a line, each answered with one line on standard output:

* ``mode 304``: honour ``If-None-Match`` and ``If-Modified-Since`` (the default);
* ``mode 200``: ignore validators and always send the whole body;
* ``roll K``: from now on every feed whose number is a multiple of K gains one item per
  request (``roll 0`` stops that);
* ``count``: requests served so far, and how many of them were answered with 304.

It stops when its standard input closes. Bodies are built once per feed version, so a
request costs a dictionary look-up and a write; the server's CPU is not what is measured.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import feedgen  # noqa: E402


class Feeds:
    def __init__(self, count: int, base: datetime) -> None:
        self.count = count
        self.base = base
        self.first = [0] * count
        self.cache: dict[int, tuple[int, bytes, bytes, bytes]] = {}
        self.mode = 304
        self.roll = 0
        self.requests = 0
        self.not_modified = 0

    def response(self, feed: int, etag: bytes | None, since: bytes | None) -> bytes:
        self.requests += 1
        if self.roll and feed % self.roll == 0:
            self.first[feed] += 1
        cached = self.cache.get(feed)
        if cached is None or cached[0] != self.first[feed]:
            cached = self._build(feed)
            self.cache[feed] = cached
        _, tag, modified, whole = cached
        if self.mode == 304 and ((etag is not None and etag == tag)
                                 or (etag is None and since == modified)):
            self.not_modified += 1
            return (b"HTTP/1.1 304 Not Modified\r\nETag: " + tag + b"\r\nLast-Modified: "
                    + modified + b"\r\nContent-Length: 0\r\n\r\n")
        return whole

    def _build(self, feed: int) -> tuple[int, bytes, bytes, bytes]:
        first = self.first[feed]
        body = feedgen.document(feed, first, self.base)
        tag = f'"{feed}-{first}"'.encode()
        modified = format_datetime(self.base + timedelta(minutes=first), usegmt=True).encode()
        kind = b"application/atom+xml" if feedgen.is_atom(feed) else b"application/rss+xml"
        head = (b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"; charset=utf-8\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\nETag: " + tag
                + b"\r\nLast-Modified: " + modified + b"\r\n\r\n")
        return first, tag, modified, head + body


NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


class Connection(asyncio.Protocol):
    def __init__(self, feeds: Feeds) -> None:
        self.feeds = feeds
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            self._answer(head)

    def _answer(self, head: bytes) -> None:
        assert self.transport is not None
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ")
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        path = parts[1] if len(parts) > 1 else b""
        feed = -1
        if path.startswith(b"/f/"):
            digits = path[3:].split(b".")[0]
            feed = int(digits) if digits.isdigit() else -1
        if 0 <= feed < self.feeds.count:
            answer = self.feeds.response(feed, headers.get(b"if-none-match"),
                                         headers.get(b"if-modified-since"))
        else:
            answer = NOT_FOUND
        self.transport.write(answer)
        close = (headers.get(b"connection", b"").lower() == b"close"
                 or (len(parts) > 2 and parts[2] == b"HTTP/1.0"))
        if close:
            self.transport.close()


def control(feeds: Feeds, loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["mode"]:
            feeds.mode = int(words[1])
            print(f"ok mode={feeds.mode}", flush=True)
        elif words[:1] == ["roll"]:
            feeds.roll = int(words[1])
            print(f"ok roll={feeds.roll}", flush=True)
        elif words[:1] == ["count"]:
            print(f"{feeds.requests} {feeds.not_modified}", flush=True)
        else:
            print(f"error unknown command {line.strip()!r}", flush=True)
    loop.call_soon_threadsafe(stop.set)


async def serve(count: int, base: datetime) -> None:
    feeds = Feeds(count, base)
    for feed in range(count):  # build every body before the first client comes
        feeds.cache[feed] = feeds._build(feed)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Connection(feeds), "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    threading.Thread(target=control, args=(feeds, loop, stop), daemon=True).start()
    async with server:
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, required=True)
    parser.add_argument("--base", type=int, required=True,
                        help="Publication time of item 0, Unix seconds.")
    args = parser.parse_args()
    asyncio.run(serve(args.feeds, datetime.fromtimestamp(args.base, UTC)))


if __name__ == "__main__":
    main()
