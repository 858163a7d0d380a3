"""Hostile feeds: what a feed server can do wrong, and a runner that polls each one.

Every :class:`Case` serves one hostile feed on 127.0.0.1 (with conftest's FeedServer,
RawServer or ResetServer) and :func:`run_case` polls it next to a healthy feed, through
``Tracker.poll()`` into a real SQLite store, once or twice. The :class:`Report` says
what was recorded and what it cost: the feed's outcome and reason, the slowest cycle,
the growth of peak resident memory, and the articles lost or recorded twice.

Shared by ``tests/poll/test_hostile.py`` (which asserts on the reports) and
``benchmarks/reliability.py`` (which prints them).
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import gc
import json
import re
import resource
import sys
import tempfile
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import FeedServer, RawServer, Request, ResetServer, Response, rss, write_config

from tracker import config
from tracker import events as ev
from tracker.config import feed_id_for
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

# A generous deadline: the slow servers below are cut off by it, and nothing else may
# come near it.
CONFIG = '[fetch]\ntimeout = "5s"\nconnect_timeout = "5s"\nper_host = 4\n'
HANG_GUARD = 60.0
"""Seconds one polling cycle may take before the case counts as hung."""
MEMORY_BOUND = 300 * 1024 * 1024
"""Bytes by which one cycle may raise the process's peak resident memory."""

MB = 1024 * 1024
OK = b"HTTP/1.1 200 OK\r\n"
TOKEN = re.compile(r"\b(?:item|healthy)-\d{3}\b")
HEALTHY = rss([{"title": f"healthy-{n:03d} Markets close higher", "guid": f"healthy-{n}",
                "link": f"http://healthy.test/{n}", "description": "Nothing to do with it."}
               for n in range(3)], title="Healthy feed")
HEALTHY_TOKENS = frozenset(f"healthy-{n:03d}" for n in range(3))
RELEVANT = "Russia and the Taliban sign a rail transit accord"


class Kit:
    """The servers cases use: one shared FeedServer, and raw ones started on demand.

    Paths on the FeedServer go under ``prefix``, so that several cases can be served
    side by side.
    """

    def __init__(self, feed: FeedServer | None = None) -> None:
        self._own_feed = feed is None
        if feed is None:
            feed = FeedServer()
            # The test server's default reports a client that hangs up early (as the
            # fetcher does with a body over the cap) with a traceback on stderr.
            feed.httpd.handle_error = lambda request, address: None
            feed.thread.start()
        self.feed = feed
        self.prefix = ""
        self._raw: list[RawServer] = []
        self._scratch = tempfile.TemporaryDirectory(prefix="tracker-hostile-")
        self.scratch = Path(self._scratch.name)

    def serve(self, path: str, response: Response | Callable[[Request], Response]) -> str:
        return self.feed.serve(self.prefix + path, response)

    def path(self, path: str) -> str:
        return self.prefix + path

    def raw(self, script: list[bytes | float] | None,
            kind: type[RawServer] = RawServer) -> RawServer:
        server = kind(script)
        server.thread.start()
        self._raw.append(server)
        return server

    def close(self) -> None:
        for server in self._raw:
            server.close()
        if self._own_feed:
            self.feed.httpd.shutdown()
            self.feed.httpd.server_close()
        self._scratch.cleanup()


Check = Callable[[EventStore, str], list[str]]


@dataclass(frozen=True)
class Case:
    """One class of hostile feed."""

    name: str
    serve: Callable[[Kit], str]
    """Starts what the case needs and returns the hostile feed's URL."""
    reason: str | None
    """The failure the feed's state must record; None when its articles must be read."""
    expect: frozenset[str] = frozenset()
    """Tokens (``item-NNN``) of the articles that must be recorded, once each."""
    polls: int = 2
    check: Check | None = None
    """Further checks on the store: returns what is wrong, if anything."""


@dataclass
class Report:
    case: str
    outcome: str = "-"
    """The feed's outcome in the last cycle."""
    outcomes: list[str] = field(default_factory=list)
    reason: str | None = None
    message: str | None = None
    seconds: float = 0.0
    """The slowest polling cycle."""
    memory: int = 0
    """The largest growth of peak resident memory over one cycle, in bytes."""
    served: int = 0
    """Articles the hostile and healthy feeds served that had to be recorded."""
    recorded: int = 0
    lost: int = 0
    duplicated: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def survived(self) -> bool:
        return not self.problems


# -- measuring ---------------------------------------------------------------------------


def _status_kib(field_name: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) to the current RSS; False if impossible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class PeakMemory:
    """Growth of peak resident memory over a block: VmHWM after minus VmRSS before.

    Where VmHWM cannot be reset (not Linux), ru_maxrss is used instead, which sees
    only growth beyond the highest mark so far and so may read low.
    """

    def __enter__(self) -> PeakMemory:
        gc.collect()
        self.resettable = _reset_peak() and _status_kib("VmHWM") is not None
        self.before = self._kib("VmRSS")
        self.growth = 0
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.growth = max(0, self._kib("VmHWM") - self.before) * 1024

    def _kib(self, field_name: str) -> int:
        if self.resettable:
            return _status_kib(field_name) or 0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak  # bytes there, KiB here


# -- running -----------------------------------------------------------------------------


def run_case(case: Case, kit: Kit, directory: Path) -> Report:
    """Poll ``case``'s feed and a healthy one ``case.polls`` times; report what happened."""
    return run_cycles([case], kit, directory)[0]


def run_cycles(cases: list[Case], kit: Kit, directory: Path) -> list[Report]:
    """Serve every case side by side with a healthy feed and poll them all together.

    Each cycle polls the healthy feed and every case that wants another poll. A case's
    report carries the time and memory of the cycles it took part in.
    """
    reports = [Report(case.name) for case in cases]
    urls = []
    for case in cases:
        kit.prefix = f"/{case.name}" if len(cases) > 1 else ""
        urls.append(case.serve(kit))
    kit.prefix = ""
    healthy = kit.serve("/healthy.xml", Response(200, HEALTHY))
    settings = config.load(write_config(directory, [*urls, healthy], extra=CONFIG))
    feeds = {feed.url: feed for feed in settings.feeds}
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        for cycle in range(max(case.polls for case in cases)):
            taking_part = [n for n, case in enumerate(cases) if case.polls > cycle]
            started = time.monotonic()
            try:
                with PeakMemory() as memory:
                    outcomes = {o.feed_id: o for o in asyncio.run(tracker.poll(
                        [feeds[urls[n]] for n in taking_part] + [feeds[healthy]]))}
            except Exception:
                for report in reports:
                    report.problems.append(f"the poll raised: {traceback.format_exc()}")
                return reports
            seconds = time.monotonic() - started
            other = outcomes[feed_id_for(healthy)]
            unhealthy = other.outcome == "error" or (cycle == 0 and other.new != len(
                HEALTHY_TOKENS))
            for n in taking_part:
                report, mine = reports[n], outcomes[feed_id_for(urls[n])]
                report.seconds = max(report.seconds, seconds)
                report.memory = max(report.memory, memory.growth)
                report.outcome, report.reason, report.message = (
                    mine.outcome, mine.reason, mine.message)
                report.outcomes.append(mine.outcome)
                if unhealthy:
                    report.problems.append(f"the healthy feed was not recorded normally: "
                                           f"{other.outcome} {other.reason} new={other.new}")
        recorded = Counter((s.event.feed_id, token)
                           for s in store.read(types=[ev.ArticleRecorded.TYPE])
                           for token in set(TOKEN.findall(s.event.title)))
        for case, report, url in zip(cases, reports, urls, strict=True):
            report.problems += _judge(case, report, store, url, recorded, healthy)
            if case.check is not None:
                report.problems += case.check(store, url)
            if report.seconds > HANG_GUARD:
                report.problems.append(f"a cycle took {report.seconds:.1f}s")
            if report.memory > MEMORY_BOUND:
                report.problems.append(f"peak memory grew by {report.memory / MB:.0f} MB")
    return reports


def _judge(case: Case, report: Report, store: EventStore, url: str,
           recorded: Counter[tuple[str, str]], healthy: str) -> list[str]:
    """What is wrong with the feed's recorded state and articles, if anything."""
    problems = []
    state = store.db.conn.execute("SELECT status, last_error_reason FROM feed_state"
                                  " WHERE id = ?", (feed_id_for(url),)).fetchone()
    if state is None:
        return ["the hostile feed has no recorded state"]
    status, last_reason = state
    if case.reason is None:
        if report.outcome not in ("ok", "unchanged", "not-modified") or status != "ok":
            problems.append(f"expected the feed read, got {report.outcome} {report.reason}: "
                            f"{report.message}")
    elif case.reason == "gone":
        if status != "retired" or last_reason != "gone" or report.reason != "gone":
            problems.append(f"expected the feed retired, status {status} "
                            f"({report.outcome} {report.reason}: {report.message})")
    elif last_reason != case.reason or report.reason != case.reason:
        problems.append(f"expected reason {case.reason}, recorded {last_reason} "
                        f"({report.outcome} {report.reason}: {report.message})")
    # Articles by token, for this feed and for the healthy one polled with it.
    expected = {(feed_id_for(url), t) for t in case.expect} | {
        (feed_id_for(healthy), t) for t in HEALTHY_TOKENS}
    mine = {key: n for key, n in recorded.items()
            if key[0] in (feed_id_for(url), feed_id_for(healthy))}
    report.served = len(expected)
    report.recorded = sum(mine.values())
    report.lost = len(expected - set(mine))
    report.duplicated = sum(n - 1 for n in mine.values() if n > 1)
    if report.lost:
        problems.append(f"lost {sorted(t for _, t in expected - set(mine))}")
    if report.duplicated:
        problems.append(f"recorded twice: {sorted(t for (_, t), n in mine.items() if n > 1)}")
    extra = set(mine) - expected
    if extra:
        problems.append(f"recorded articles that should not be: {sorted(t for _, t in extra)}")
    return problems


# -- the feeds ---------------------------------------------------------------------------


def _items(count: int, **extra: str) -> list[dict[str, str]]:
    return [{"title": f"item-{n:03d} Grain prices steady", "guid": f"urn:item:{n}",
             "link": f"http://hostile.test/{n}", **extra} for n in range(count)]


def _tokens(*numbers: int) -> frozenset[str]:
    return frozenset(f"item-{n:03d}" for n in numbers)


def _document(inner: str, prolog: str = "") -> bytes:
    return (f"<?xml version='1.0' encoding='utf-8'?>\n{prolog}\n<rss version='2.0'><channel>"
            f"<title>Hostile</title><link>http://hostile.test/</link>"
            f"<item><title>item-000 Lead</title><guid>urn:item:0</guid></item>"
            f"{inner}</channel></rss>").encode()


def _served(body: bytes, content_type: str = "application/rss+xml",
            **headers: str) -> Callable[[Kit], str]:
    def serve(kit: Kit) -> str:
        return kit.serve("/hostile", Response(200, body, {"Content-Type": content_type,
                                                         **headers}))
    return serve


def _status(status: int, **headers: str) -> Callable[[Kit], str]:
    def serve(kit: Kit) -> str:
        return kit.serve("/hostile", Response(status, b"no feed here", headers))
    return serve


def _raw(script: list[bytes | float] | None,
         kind: type[RawServer] = RawServer) -> Callable[[Kit], str]:
    return lambda kit: kit.raw(script, kind).url("/hostile")


@functools.cache
def _block() -> bytes:
    return b"<!-- padding -->" * (MB // 16)


def _far_over_cap(head: bytes, chunked: bool = False) -> Callable[[Kit], str]:
    # 100 MB from one 1 MB block sent again and again: the server holds 1 MB only.
    block = b"%x\r\n%s\r\n" % (MB, _block()) if chunked else _block()
    return _raw([OK + head + b"\r\n", *([block] * 100)])


@functools.cache
def _gzip_bomb() -> bytes:
    """A gzip stream of 200 MB of zeros, about 200 KB long."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MB)
    return b"".join([*(packer.compress(zeros) for _ in range(200)), packer.flush()])


def _redirects(kit: Kit, hops: int, status: int) -> str:
    for n in range(hops):
        kit.serve(f"/hop{n}", Response(status, headers={"Location": kit.path(f"/hop{n + 1}")}))
    kit.serve(f"/hop{hops}", Response(200, rss(_items(2))))
    return kit.feed.url(kit.path("/hop0"))


def _redirect_loop(kit: Kit) -> str:
    kit.serve("/loop-a", Response(302, headers={"Location": kit.path("/loop-b")}))
    kit.serve("/loop-b", Response(302, headers={"Location": kit.path("/loop-c")}))
    return kit.serve("/loop-c", Response(302, headers={"Location": kit.path("/loop-a")}))


def _moved(kit: Kit) -> str:
    kit.serve("/new-home", Response(200, rss(_items(2))))
    return kit.serve("/hostile", Response(301, headers={"Location": kit.path("/new-home")}))


def _check_moved(store: EventStore, url: str) -> list[str]:
    moves = [s.event for s in store.read(types=[ev.FeedMoved.TYPE])
             if s.event.feed_id == feed_id_for(url)]
    new = url.replace("/hostile", "/new-home")
    if [(m.old_url, m.new_url, m.http_status) for m in moves] != [(url, new, 301)]:
        return [f"expected one FeedMoved to {new}, got {moves}"]
    return []


def _check_retired(store: EventStore, url: str) -> list[str]:
    status = store.db.conn.execute("SELECT status FROM feed_state WHERE id = ?",
                                   (feed_id_for(url),)).fetchone()[0]
    retired = [s.event for s in store.read(types=[ev.FeedRetired.TYPE])
               if s.event.feed_id == feed_id_for(url)]
    return [] if status == "retired" and len(retired) == 1 else [
        f"expected the feed retired once, status {status}, {len(retired)} FeedRetired"]


def _check_retry_after(seconds: float) -> Check:
    def check(store: EventStore, url: str) -> list[str]:
        failed = [s.event for s in store.read(types=[ev.FeedFetchFailed.TYPE])
                  if s.event.url == url]
        # An HTTP date has whole seconds, and a cycle may take a few.
        if not failed or not all(f.retry_after is not None
                                 and seconds - 10 <= f.retry_after <= seconds
                                 for f in failed):
            return [f"expected Retry-After of ~{seconds:g}s recorded, got "
                    f"{[f.retry_after for f in failed]}"]
        return []
    return check


def _retry_after_date(kit: Kit) -> str:
    def answer(request: Request) -> Response:
        when = email.utils.formatdate(time.time() + 7200, usegmt=True)
        return Response(503, b"maintenance", {"Retry-After": when})
    return kit.serve("/hostile", answer)


def _articles(store: EventStore, url: str, columns: str) -> list[tuple[Any, ...]]:
    """Columns of the articles the feed at ``url`` carried."""
    return store.db.conn.execute(
        f"SELECT {columns} FROM articles a JOIN article_feeds f ON f.article_id = a.id"
        " WHERE f.feed_id = ? ORDER BY a.title", (feed_id_for(url),)).fetchall()


def _titles(store: EventStore, url: str) -> dict[str, str]:
    """Current titles of the feed's articles, by token."""
    return {token: title for (title,) in _articles(store, url, "a.title")
            for token in TOKEN.findall(title)}


def _check_titles(wanted: dict[str, str]) -> Check:
    def check(store: EventStore, url: str) -> list[str]:
        titles = _titles(store, url)
        return [f"{token}: title {titles.get(token)!r}, expected {title!r}"
                for token, title in wanted.items() if titles.get(token) != title]
    return check


CYRILLIC = "item-001 Россия и Талибан"


def _utf16_without_bom(kit: Kit) -> str:
    text = rss([{"title": CYRILLIC, "guid": "urn:item:1"}]).decode().replace(
        "encoding='utf-8'", "encoding='utf-16'")
    body = text.encode("utf-16-le")
    assert not body.startswith((b"\xff\xfe", b"\xfe\xff"))
    return kit.serve("/hostile", Response(200, body, {"Content-Type": "text/xml"}))


def _wrong_charset(kit: Kit) -> str:
    # Says UTF-8, is windows-1251: invalid UTF-8 from the first Cyrillic letter on.
    body = rss([{"title": f"item-{n:03d} Талибан", "guid": f"urn:item:{n}"}
                for n in range(3)]).replace(b"encoding='utf-8'", b"")
    cp1251 = body.decode().encode("cp1251")
    return kit.serve("/hostile", Response(200, cp1251, {
        "Content-Type": "application/rss+xml; charset=utf-8"}))


def _check_readable_tokens(store: EventStore, url: str) -> list[str]:
    titles = _titles(store, url)
    return [] if all(t.startswith(tok) for tok, t in titles.items()) else [
        f"titles garbled beyond their ASCII part: {titles}"]


def _billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return _document("<item><title>item-001 &lol9;</title><guid>urn:item:1</guid></item>",
                     "<!DOCTYPE rss [\n" + "\n".join(entities) + "\n]>")


def _large_entity() -> bytes:
    # 100 KB, referenced 1,000 times: 100 MB of text from a 105 KB document. Each
    # declaration on its own line, where feedparser's lenient parser keeps it.
    return _document("<item><title>item-001 " + "&big;" * 1000 + "</title>"
                     "<guid>urn:item:1</guid></item>",
                     "<!DOCTYPE rss [\n<!ENTITY big \"" + "x" * 100_000 + "\">\n]>")


def _many_attributes() -> bytes:
    attributes = " ".join(f'a{n}="v"' for n in range(100_000))
    return _document(f"<item {attributes}><title>item-001</title><guid>urn:item:1</guid>"
                     "</item>")


def _deep_nesting() -> bytes:
    return _document("<item><title>item-001</title><guid>urn:item:1</guid>"
                     + "<div>" * 100_000 + "</div>" * 100_000 + "</item>")


def _many_items() -> bytes:
    return _document("".join(f"<item><title>t{n}</title><guid>urn:many:{n}</guid></item>"
                             for n in range(100_000)))


def _element_flood() -> bytes:
    return _document("<item><title>item-001</title><guid>urn:item:1</guid>"
                     + "<x/>" * 1_100_000 + "</item>")


MALFORMED = (
    b"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel><title>Broken"
    b" & bent</title>"
    b"<item><title>item-000 Fish & chips</title><guid>urn:item:0</guid>"
    b"<description>An <b>unclosed tag<br> and a stray </i> end</description></item>"
    b"<item><title>item-001 Second</title><guid>urn:item:1</guid></item>"
    b"<item><title>item-002 Third &nbsp; &bogus;</title><guid>urn:item:2</guid></item>"
    b"<item><title>item-003 Cut off"
)

def _local_feed(kit: Kit) -> str:
    # A body that is a path on the tracker's own machine, to a file that is a feed.
    path = kit.scratch / f"{kit.prefix.strip('/') or 'local'}.xml"
    path.write_bytes(rss(_items(2)))
    return kit.serve("/hostile", Response(200, str(path).encode(), {
        "Content-Type": "application/rss+xml"}))


HTML = (b"<!doctype html><html><head><title>Welcome</title></head><body><h1>Our news</h1>"
        b"<p>Subscribe to our <a href='/feed'>feed</a>.</p></body></html>")


def _duplicate_guids() -> bytes:
    return rss([
        {"title": "item-000 first copy", "guid": "urn:dup:0"},
        {"title": "item-001 first copy", "guid": "urn:dup:1"},
        {"title": "item-000 second copy", "guid": "urn:dup:0"},
        {"title": "item-001 second copy", "guid": "urn:dup:1"},
        {"title": "item-002 only copy", "guid": "urn:dup:2"},
    ])


def _check_first_copies(store: EventStore, url: str) -> list[str]:
    wrong = {t: v for t, v in _titles(store, url).items() if "second" in v}
    return [f"the second copy won: {wrong}"] if wrong else []


NO_IDENTITY = rss([{"title": f"item-{n:03d} No guid, link or date",
                    "description": f"Body {n}"} for n in range(3)])


def _check_hash_keys(store: EventStore, url: str) -> list[str]:
    keys = [s.event.key for s in store.read(types=[ev.ArticleRecorded.TYPE])
            if s.event.feed_id == feed_id_for(url)]
    return [] if keys and all(k.startswith("hash:") for k in keys) else [
        f"expected content-hash keys, got {keys}"]


EXTREME_DATES = rss([
    {"title": "item-000 From the epoch", "guid": "urn:item:0",
     "pubDate": "Thu, 01 Jan 1970 00:00:00 GMT"},
    {"title": "item-001 From the far future", "guid": "urn:item:1",
     "pubDate": "Fri, 31 Dec 2999 23:59:59 GMT"},
    {"title": f"item-002 {RELEVANT}", "guid": "urn:item:2",
     "description": "Moscow and Kabul agreed on a rail link.",
     "pubDate": "Sat, 01 Jan 2500 00:00:00 GMT"},
])


def _check_dates(store: EventStore, url: str) -> list[str]:
    published = {token: p for title, p in _articles(store, url, "a.title, a.published")
                 for token in TOKEN.findall(title)}
    wanted = {"item-000": "1970-01-01T00:00:00+00:00", "item-001": "2999-12-31T23:59:59+00:00",
              "item-002": "2500-01-01T00:00:00+00:00"}
    problems = [f"{t}: published {published.get(t)}, expected {w}"
                for t, w in wanted.items() if published.get(t) != w]
    analysed = store.db.conn.execute(
        "SELECT count(*) FROM article_analysis x JOIN article_feeds f"
        " ON f.article_id = x.article_id WHERE f.feed_id = ?", (feed_id_for(url),)).fetchone()[0]
    if analysed != 1:
        problems.append(f"expected the relevant future-dated article analysed, got {analysed}")
    return problems


JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "JSON",
    "items": [{"id": f"urn:item:{n}", "url": f"http://hostile.test/{n}",
               "title": f"item-{n:03d} From JSON", "content_text": "Text.",
               "date_published": "2025-10-06T10:00:00Z"} for n in range(3)],
}).encode()


def _changing(kit: Kit) -> str:
    versions = [rss([{"title": f"item-000 {RELEVANT}", "guid": "urn:item:0",
                      "description": f"Moscow and Kabul agreed on a rail link{tail}."}])
                for tail in ("", ", officials said on Monday")]
    hits = [0]

    def answer(request: Request) -> Response:
        hits[0] += 1
        return Response(200, versions[min(hits[0], 2) - 1])
    return kit.serve("/hostile", answer)


def _check_revised(store: EventStore, url: str) -> list[str]:
    revised = [s.event for s in store.read(types=[ev.ArticleRevised.TYPE])
               if s.event.feed_id == feed_id_for(url)]
    rows = _articles(store, url, "a.revisions, a.summary")
    if len(revised) != 1 or rows != [(1, revised[0].summary)] or "Monday" not in rows[0][1]:
        return [f"expected one revision to the new text, got {len(revised)}: {rows}"]
    return []


CASES = [
    # -- bodies that are not a readable feed
    Case("malformed-xml", _served(MALFORMED), None, _tokens(0, 1, 2)),
    Case("html-page", _served(HTML, "text/html; charset=utf-8"), "not-a-feed"),
    Case("empty-body", _served(b"", "application/rss+xml"), "empty-body"),
    Case("body-names-dev-zero", _served(b"/dev/zero", "text/plain"), "not-a-feed"),
    Case("body-names-a-local-feed", _local_feed, "not-a-feed"),
    # -- size and compression
    Case("over-cap-with-length", _far_over_cap(b"Content-Length: %d\r\n" % (100 * MB)),
         "too-large"),
    Case("over-cap-chunked", _far_over_cap(b"Transfer-Encoding: chunked\r\n", chunked=True),
         "too-large"),
    Case("over-cap-until-close", _far_over_cap(b"Connection: close\r\n"), "too-large"),
    Case("gzip-bomb", lambda kit: kit.serve("/hostile", Response(
        200, _gzip_bomb(), {"Content-Encoding": "gzip"})), "too-large"),
    # -- slow, silent and broken connections
    Case("one-byte-a-second", lambda kit: kit.serve("/hostile", Response(
        200, rss(_items(3)), drip=1.0)), "timeout", polls=1),
    Case("accepts-never-answers", _raw(None), "timeout", polls=1),
    Case("reset-mid-body", _raw([OK + b"Content-Length: 5000\r\n\r\n", rss(_items(3))[:300],
                                 0.1], ResetServer), "network"),
    Case("closed-mid-body", _raw([OK + b"Content-Length: 5000\r\n\r\n",
                                  rss(_items(3))[:300]]), "network"),
    Case("not-http", _raw([b"SSH-2.0-OpenSSH_9.6\r\n" + b"\x00\xff" * 64]), "network"),
    Case("header-flood", _raw([OK + b"X-Filler: abc\r\n" * 100_000 + b"\r\n"]), "network"),
    # -- redirects
    Case("redirect-loop", _redirect_loop, "redirect-loop"),
    Case("redirect-chain-too-long", lambda kit: _redirects(kit, 10, 302),
         "too-many-redirects"),
    Case("redirect-chain-followed", lambda kit: _redirects(kit, 3, 307), None,
         _tokens(0, 1)),
    Case("redirect-to-file-scheme", lambda kit: kit.serve("/hostile", Response(
        302, headers={"Location": "file:///etc/passwd"})), "redirect-scheme"),
    Case("moved-permanently-301", _moved, None, _tokens(0, 1), check=_check_moved),
    # -- statuses
    Case("status-404", _status(404), "http-error"),
    Case("status-410", _status(410), "gone", check=_check_retired),
    Case("status-500", _status(500), "http-error"),
    Case("status-429-retry-seconds", _status(429, **{"Retry-After": "3600"}), "rate-limited",
         check=_check_retry_after(3600)),
    Case("status-503-retry-date", _retry_after_date, "unavailable",
         check=_check_retry_after(7200)),
    # -- encodings
    Case("wrong-charset", _wrong_charset, None, _tokens(0, 1, 2), check=_check_readable_tokens),
    Case("utf-16-without-bom", _utf16_without_bom, None, _tokens(1),
         check=_check_titles({"item-001": CYRILLIC})),
    # -- markup that costs far more than its size
    Case("entities-nested", _served(_billion_laughs()), "entity-expansion"),
    Case("entity-large-repeated", _served(_large_entity()), "entity-expansion"),
    Case("attributes-100000", _served(_many_attributes()), "too-many-attributes"),
    Case("nesting-100000", _served(_deep_nesting()), "too-deep"),
    Case("items-100000", _served(_many_items()), "too-many-items"),
    Case("elements-1100000", _served(_element_flood()), "too-many-elements"),
    Case("json-nesting-100000", _served(b'{"items": ' + b"[" * 100_000 + b"]" * 100_000
                                        + b"}", "application/feed+json"), "not-a-feed"),
    # -- odd items
    Case("duplicate-guids", _served(_duplicate_guids()), None, _tokens(0, 1, 2),
         check=_check_first_copies),
    Case("no-guid-link-or-date", _served(NO_IDENTITY), None, _tokens(0, 1, 2),
         check=_check_hash_keys),
    Case("dates-1970-and-future", _served(EXTREME_DATES), None, _tokens(0, 1, 2),
         check=_check_dates),
    Case("json-feed", _served(JSON_FEED, "application/feed+json"), None, _tokens(0, 1, 2)),
    Case("content-changes-between-polls", _changing, None, _tokens(0), check=_check_revised),
]
