"""Parse feed bodies in worker processes.

feedparser is pure Python: in a thread it holds the interpreter lock, so parsing and
judging take turns on one core. In worker processes they run side by side, and a body
that sends the parser into a spin or a crash costs its own feed, not the cycle: past
``timeout`` its worker is killed and the feed records ``parse-timeout``; a worker that
dies records ``parser-crashed``.

Each worker is a fresh interpreter (``python -m tracker.ingest.parsepool``) that imports only
the parser, fed by one thread of a small thread pool: a request is the headers as JSON
and the body, the answer is the parsed feed as JSON (never a pickle: the worker reads
hostile bytes, and the daemon should not run what it sends back). Not
:mod:`multiprocessing`: its spawn and forkserver modes import the caller's main
module again in every worker (which runs an unguarded script twice), and fork copies a
process that has threads. A worker stops by itself after ``IDLE`` seconds without work,
so a daemon that polls every half hour does not keep them between cycles.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any

from tracker.errors import ParseError
from tracker.ingest.parse import Item, ParsedFeed, parse_feed

TIMEOUT = 60.0
"""Seconds one parse may take: a 10 MiB feed, the largest accepted, takes about 10."""
IDLE = 30.0
"""Seconds a worker waits for work before it exits."""
IDLE_EXIT = 3
"""A worker's exit status when it stopped for want of work."""


class ParserPool:
    def __init__(self, workers: int | None = None, *, timeout: float = TIMEOUT,
                 idle: float = IDLE) -> None:
        self.workers = workers or max(1, min(os.cpu_count() or 1, 4))
        self.timeout = timeout
        self.idle = idle
        self._threads = ThreadPoolExecutor(self.workers, thread_name_prefix="parse")
        self._local = threading.local()
        self._lock = threading.Lock()
        self.started: list[_Worker] = []
        """Every worker this pool started, for :meth:`close` (and tests)."""

    async def parse(self, body: bytes, headers: Mapping[str, str]) -> ParsedFeed:
        loop = asyncio.get_running_loop()
        answer = await loop.run_in_executor(self._threads, self._parse, body, dict(headers))
        return _decode(answer)

    def _parse(self, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
        """In a pool thread: the answer of this thread's worker."""
        for _ in range(2):
            worker: _Worker | None = getattr(self._local, "worker", None)
            if worker is None or worker.process.poll() is not None:
                if worker is not None:
                    worker.stop()
                worker = self._local.worker = _Worker(self.idle)
                with self._lock:
                    self.started = [w for w in self.started if w.process.poll() is None]
                    self.started.append(worker)
            try:
                return worker.ask(body, headers, self.timeout)
            except _Idle:
                continue  # it stopped for want of work just as this request came
        raise AssertionError("a fresh worker stopped at once")

    def close(self) -> None:
        self._threads.shutdown(wait=True)
        for worker in self.started:
            worker.stop()


class _Idle(Exception):
    pass


class _Worker:
    def __init__(self, idle: float) -> None:
        # The caller's import path, so the worker imports this very tracker package.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tracker.ingest.parsepool", str(idle)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, bufsize=0, env=env)

    def stop(self, *, kill: bool = False) -> int:
        """End the worker (its input closes, so it exits) and close its pipes; its status."""
        if kill:
            self.process.kill()
        if self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass  # what it was still to read goes with it
        try:
            status = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        return status

    def ask(self, body: bytes, headers: dict[str, str], timeout: float) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        deadline = time.monotonic() + timeout
        try:
            _send(self.process.stdin, json.dumps(headers).encode())
            _send(self.process.stdin, body)
            answer = _receive(self.process.stdout.fileno(), deadline)
        except TimeoutError:
            self.stop(kill=True)
            raise ParseError(f"parsing took longer than {timeout:g}s",
                             reason="parse-timeout") from None
        except (BrokenPipeError, EOFError):
            status = self.stop()
            if status == IDLE_EXIT:
                raise _Idle() from None
            raise ParseError(f"the parser process died (exit status {status})",
                             reason="parser-crashed") from None
        return dict(json.loads(answer))


def _send(stream: IO[bytes], data: bytes) -> None:
    stream.write(len(data).to_bytes(8, "big"))
    stream.write(data)
    stream.flush()


def _receive(fd: int, deadline: float | None) -> bytes:
    size = int.from_bytes(_read_exactly(fd, 8, deadline), "big")
    return _read_exactly(fd, size, deadline)


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    while size:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and (wait <= 0 or not select.select([fd], [], [], wait)[0]):
            raise TimeoutError
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _encode(parsed: ParsedFeed) -> bytes:
    # Not dataclasses.asdict, which deep-copies every field of every item on the way.
    return json.dumps({
        "title": parsed.title, "link": parsed.link, "ttl": parsed.ttl,
        "warning": parsed.warning, "items": [vars(item) for item in parsed.items],
    }).encode()


def _decode(answer: dict[str, Any]) -> ParsedFeed:
    if "error" in answer:
        if answer["error"] == "parse":
            raise ParseError(answer["message"], reason=answer["reason"])
        # A bug in the parser, not a property of the feed: the poll's crash handling
        # records and logs it as such.
        raise RuntimeError(f"parser failed: {answer['message']}")
    return ParsedFeed(
        title=answer["title"], link=answer["link"], ttl=answer["ttl"],
        items=tuple(Item(**item) for item in answer["items"]), warning=answer["warning"])


def serve(idle: float) -> None:
    """The worker: parse requests from standard input until it closes or stays idle."""
    stdin = sys.stdin.buffer.fileno()
    # Answers go to a private copy of standard output; anything the parser might print
    # goes to standard error instead of into the answers.
    stdout = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    while True:
        if not select.select([stdin], [], [], idle)[0]:
            sys.exit(IDLE_EXIT)
        try:
            headers = json.loads(_receive(stdin, None))
            body = _receive(stdin, None)
        except EOFError:
            return
        try:
            answer = _encode(parse_feed(body, headers))
        except ParseError as exc:
            answer = json.dumps({"error": "parse", "reason": exc.reason,
                                 "message": str(exc)}).encode()
        except Exception as exc:
            answer = json.dumps({"error": "bug",
                                 "message": f"{type(exc).__name__}: {exc}"[:500]}).encode()
        try:
            _send(stdout, answer)
        except BrokenPipeError:
            # Whoever asked is gone (a daemon killed mid-parse): nobody to answer or to
            # tell. Straight out, or the unsent answer fails again on the way out.
            os._exit(0)


_shared: ParserPool | None = None
_shared_workers: int | None = None
_shared_lock = threading.Lock()


def configure(*, workers: int) -> None:
    """How many workers the process's pool will have (before its first use)."""
    global _shared_workers
    _shared_workers = workers


def shared() -> ParserPool:
    """The process's pool, made on first use and closed at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ParserPool(_shared_workers)
            # Workers would exit anyway once this process is gone (their input closes);
            # waiting for them keeps their time in this process's accounts, and no
            # orphan outlives a command.
            atexit.register(_shared.close)
        return _shared


async def parse_in_pool(body: bytes, headers: Mapping[str, str]) -> ParsedFeed:
    """Parse ``body`` in the process's pool (:func:`shared`); a
    :data:`tracker.ingest.types.Parse`."""
    return await shared().parse(body, headers)


if __name__ == "__main__":
    serve(float(sys.argv[1]) if len(sys.argv) > 1 else IDLE)
