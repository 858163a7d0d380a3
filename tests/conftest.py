"""Shared fixtures: a real feed server on 127.0.0.1, config files, event stores."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tracker import config
from tracker.config import Settings
from tracker.eventlog.store import EventStore

# The digest receivers (SMTP server, webhook endpoint) are fixtures for every test file.
pytest_plugins = ["receivers"]

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = ROOT / "config" / "tracker.toml"
SHARED = ROOT.parent / "shared"


@dataclass
class Response:
    """What the feed server answers. ``drip`` sends the body one byte per ``drip`` seconds."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drip: float | None = None


@dataclass
class Request:
    path: str
    headers: dict[str, str]


Route = Response | Callable[[Request], Response]


class FeedServer:
    """A real threaded HTTP server; routes map a path (with query) to a Response."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes; without this, Nagle's algorithm
            # and delayed ACKs add ~40 ms to every response.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                server.requests.append(request)
                route = server.routes.get(self.path)
                if route is None:
                    response = Response(404, b"not found")
                elif callable(route):
                    response = route(request)
                else:
                    response = route
                self.send_response(response.status)
                headers = {"Content-Length": str(len(response.body)), **response.headers}
                for name, value in headers.items():
                    if value is not None:
                        self.send_header(name, value)
                self.end_headers()
                try:
                    if response.drip:
                        for byte in response.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(response.drip)
                    else:
                        self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def rss(items: list[dict[str, str]], *, title: str = "Test feed", ttl: int | None = None) -> bytes:
    """A small RSS 2.0 document; each item dict may have title, link, guid, description,
    pubDate."""
    from xml.sax.saxutils import escape

    parts = [f"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>"
             f"<title>{escape(title)}</title><link>http://example.org/</link>"
             f"<description>test</description>"]
    if ttl is not None:
        parts.append(f"<ttl>{ttl}</ttl>")
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "description", "pubDate"):
            if key in item:
                parts.append(f"<{key}>{escape(item[key])}</{key}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def story_toml() -> str:
    """The shipped story section, pointing at the shipped story file by absolute path."""
    data = tomllib.loads(SHIPPED_CONFIG.read_text("utf-8"))["story"]
    return f"[story]\nfile = {json.dumps(str(SHIPPED_CONFIG.parent / data['file']))}\n"


def write_config(directory: Path, feeds: list[str | dict[str, Any]], *, extra: str = "",
                 name: str = "tracker.toml") -> Path:
    """Write a config with the shipped story, ``feeds`` and any ``extra`` TOML tables."""
    # extra first: top-level keys must come before any table header.
    lines = [extra, '[store]', 'path = "tracker.db"', story_toml()]
    for feed in feeds:
        entry = {"url": feed} if isinstance(feed, str) else feed
        lines.append("[[feeds]]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}"
                  for key, value in entry.items()]
    path = directory / name
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def make(feeds: list[str | dict[str, Any]] = (), extra: str = "") -> Settings:  # type: ignore[assignment]
        return config.load(write_config(tmp_path, list(feeds), extra=extra))

    return make


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    with EventStore(tmp_path / "store.db") as opened:
        yield opened


@pytest.fixture
def memory_store() -> Iterator[EventStore]:
    with EventStore(":memory:") as opened:
        yield opened


# -- added for the fetch tests: peers the FeedServer cannot imitate ---------------------


def chunked(body: bytes, size: int = 512) -> bytes:
    """``body`` in HTTP/1.1 chunked framing, for a Response with
    ``headers={"Content-Length": None, "Transfer-Encoding": "chunked"}``."""
    pieces = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


class RawServer:
    """A bare TCP server on 127.0.0.1 for answers http.server cannot shape.

    With no ``script`` it accepts connections and never answers: a peer that hangs.
    Otherwise, after reading each request's head, it plays ``script`` in order, sending
    bytes and sleeping for floats, then closes the connection.
    """

    def __init__(self, script: list[bytes | float] | None = None) -> None:
        self.script = script
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)  # without a script: held open, never answered
            if self.script is not None:
                worker = threading.Thread(target=self._play, args=(conn, self.script),
                                          daemon=True)
                self._workers.append(worker)
                worker.start()

    def _play(self, conn: socket.socket, script: list[bytes | float]) -> None:
        try:
            head = b""
            while b"\r\n\r\n" not in head:
                data = conn.recv(4096)
                if not data:
                    return
                head += data
            for step in script:
                if isinstance(step, bytes):
                    conn.sendall(step)
                elif self._stop.wait(step):
                    return
            self._finish(conn)
        except OSError:
            pass

    def _finish(self, conn: socket.socket) -> None:
        conn.shutdown(socket.SHUT_WR)

    @property
    def base(self) -> str:
        host, port = self.sock.getsockname()[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=5)
        for worker in self._workers:
            worker.join(timeout=5)
        for conn in self.connections:
            conn.close()
        self.sock.close()



SilentServer = RawServer  # its first name here; a RawServer without a script is silent


@pytest.fixture
def silent_server() -> Iterator[RawServer]:
    """Accepts connections on 127.0.0.1 and never answers."""
    server = RawServer()
    server.thread.start()
    yield server
    server.close()


@pytest.fixture
def raw_server() -> Iterator[Callable[[list[bytes | float]], RawServer]]:
    """Start RawServers that play a script: ``raw_server([head, b"x", 0.1, rest])``."""
    started: list[RawServer] = []

    def start(script: list[bytes | float]) -> RawServer:
        server = RawServer(script)
        server.thread.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


# -- added for the hostile-feed tests ----------------------------------------------------


class ResetServer(RawServer):
    """A RawServer that ends its script with a TCP reset instead of a clean close.

    With SO_LINGER at zero, close() sends RST and discards anything unsent: the peer
    sees "connection reset by peer" wherever it was, typically in the middle of a body.
    """

    def _finish(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
