"""Fetch feeds politely with httpx: conditional GET, redirects, caps and deadlines.

:meth:`Fetcher.fetch` never raises for a feed's own trouble; it returns a
:class:`FetchResult` whose ``outcome`` says what happened, so one bad feed cannot stop
a polling cycle. Bodies are decompressed here, under the size cap, so a small
compressed body cannot expand without bound.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import ssl
import time
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from tracker.config import FetchSettings
from tracker.errors import FetchError
from tracker.ingest.addresses import ensure_public
from tracker.ingest.lanes import Lanes
from tracker.ingest.types import FetchRequest as FetchRequest
from tracker.ingest.types import FetchResult as FetchResult

logger = logging.getLogger(__name__)

REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
          "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")


class Fetcher:
    """Concurrent, bounded fetching; use as ``async with Fetcher(settings) as fetcher``."""

    def __init__(self, settings: FetchSettings,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport
        self._lanes: Lanes | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        # One certificate store for every lane: each client would load its own.
        tls = httpx.create_ssl_context()
        shared = self._client(tls, self._transport) if self._transport else None
        self._lanes = Lanes(s.concurrency, lambda: shared or self._client(tls, None))
        return self

    def _client(self, tls: ssl.SSLContext,
                transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
        s = self.settings
        return httpx.AsyncClient(
            timeout=httpx.Timeout(s.timeout, connect=s.connect_timeout),
            follow_redirects=False, verify=tls,
            headers={"User-Agent": s.user_agent, "Accept": ACCEPT,
                     "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            transport=transport,
            event_hooks={"response": [_check_location]},
        )

    async def __aexit__(self, *exc_info: object) -> None:
        if self._lanes is not None:
            await self._lanes.aclose()

    async def fetch(self, request: FetchRequest) -> FetchResult:
        started = time.monotonic()
        host = urlsplit(request.url).hostname or ""
        per_host = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))
        assert self._lanes is not None, "use Fetcher as an async context manager"
        try:
            # Host slot first: a request queued for a busy host must not hold one of the
            # lanes meanwhile, or a few slow hosts starve all the others.
            async with per_host, self._lanes.take(host) as client:
                async with asyncio.timeout(self.settings.timeout):
                    if request.url.startswith("file:"):
                        result = await asyncio.to_thread(_read_file, request,
                                                         self.settings.max_body_bytes)
                    else:
                        result = await self._fetch_http(client, request)
        except FetchError as failure:
            result = _failed(request, failure)
        except TimeoutError:
            result = _failed(request, FetchError(
                f"no complete answer within {self.settings.timeout:g}s", reason="timeout"))
        except httpx.TimeoutException as exc:
            result = _failed(request, FetchError(f"timed out: {type(exc).__name__}",
                                                 reason="timeout"))
        except (httpx.HTTPError, httpx.StreamError) as exc:
            result = _failed(request, FetchError(_describe(exc), reason="network"))
        except OSError as exc:
            result = _failed(request, FetchError(f"{type(exc).__name__}: {exc}", reason="network"))
        elapsed = time.monotonic() - started
        return _with_elapsed(result, elapsed)

    async def _fetch_http(self, client: httpx.AsyncClient,
                          request: FetchRequest) -> FetchResult:
        url = request.url
        seen = {url}
        permanent = True
        first_redirect: int | None = None
        hops = 0
        headers = {"Accept": request.accept} if request.accept else {}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        while True:
            if request.public_only:
                await ensure_public(url)
            async with client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in REDIRECTS and "location" in response.headers:
                    target = _redirect_target(url, response.headers["location"], status)
                    if target in seen:
                        raise FetchError(f"redirect loop at {target[:200]}",
                                         status=status, reason="redirect-loop")
                    hops += 1
                    if hops > self.settings.max_redirects:
                        raise FetchError(f"more than {self.settings.max_redirects} redirects",
                                         status=status, reason="too-many-redirects")
                    permanent = permanent and status in PERMANENT
                    first_redirect = first_redirect or status
                    seen.add(target)
                    url = target
                    continue
                moved = url if hops and permanent else None
                result = await self._answer(request, url, response, moved)
                return replace(result, redirect_status=first_redirect) if moved else result

    async def _answer(self, request: FetchRequest, url: str, response: httpx.Response,
                      moved: str | None) -> FetchResult:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        retry_after = parse_retry_after(headers.get("retry-after"))
        if status == 304:
            # Read to its end (it has none), or the connection cannot be used again.
            await _read_body(response, self.settings.max_body_bytes)
            return FetchResult(
                url=request.url, outcome="not-modified", final_url=url, http_status=status,
                headers=headers, etag=headers.get("etag") or request.etag,
                last_modified=headers.get("last-modified") or request.last_modified,
                moved_to=moved, max_age=_max_age(headers),
            )
        if status == 410:
            raise FetchError("HTTP 410 Gone: the feed was removed", status=status, reason="gone")
        if status in (429, 503):
            raise FetchError(f"HTTP {status}" + (f", retry after {retry_after:g}s"
                                               if retry_after else ""),
                             reason="rate-limited" if status == 429 else "unavailable",
                             status=status, retry_after=retry_after)
        if status != 200:
            reason = "http-error" if status >= 400 else "unexpected-status"
            raise FetchError(f"HTTP {status} {response.reason_phrase}"[:200],
                             status=status, retry_after=retry_after, reason=reason)
        body = await _read_body(response, request.max_bytes or self.settings.max_body_bytes)
        return FetchResult(
            url=request.url, outcome="ok", final_url=url, http_status=status, body=body,
            headers=headers, etag=headers.get("etag"), last_modified=headers.get("last-modified"),
            moved_to=moved, max_age=_max_age(headers),
        )


def _redirect_target(url: str, location: str, status: int | None = None) -> str:
    """The absolute http(s) address a Location header names, else a failure saying why."""
    try:
        target = urljoin(url, location.strip())
        parts = urlsplit(target)
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
        if parts.scheme in {"http", "https"}:
            httpx.URL(target)
    except (ValueError, httpx.InvalidURL):
        raise FetchError(f"malformed redirect target: {location[:200]!r}",
                         status=status, reason="redirect-invalid") from None
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"redirect to a {parts.scheme or 'relative'} URL "
                         f"refused: {target[:200]}", status=status, reason="redirect-scheme")
    if not parts.hostname:
        raise FetchError(f"redirect target without a host: {target[:200]}",
                         status=status, reason="redirect-invalid")
    return target


async def _check_location(response: httpx.Response) -> None:
    # httpx prepares the next request of every redirect even with follow_redirects off,
    # and a Location it cannot parse raises there (InvalidURL, or an ExceptionGroup from
    # the connect for a port out of range), past our handling: refuse such targets first.
    if response.has_redirect_location:
        _redirect_target(str(response.request.url), response.headers["location"],
                        response.status_code)


async def _read_body(response: httpx.Response, cap: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(f"body of {declared} bytes exceeds the {cap}-byte cap",
                         status=response.status_code, reason="too-large")
    decoder = _Decoder(response.headers.get("content-encoding", ""), cap)
    chunks: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        for piece in decoder.feed(raw):
            size += len(piece)
            if size > cap:
                raise FetchError(f"body exceeds the {cap}-byte cap",
                                 status=response.status_code, reason="too-large")
            chunks.append(piece)
    tail = decoder.flush()
    size += len(tail)
    if size > cap:
        raise FetchError(f"body exceeds the {cap}-byte cap",
                         status=response.status_code, reason="too-large")
    chunks.append(tail)
    return b"".join(chunks)


class _Decoder:
    """Incremental decompression that never produces more than ``cap + 1`` bytes at once."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap = cap
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise FetchError(f"stacked content encodings refused: {encoding}",
                             reason="bad-encoding")
        coding = codings[0] if codings else ""
        self.zlib: zlib._Decompress | None = None
        self._head = b""
        if coding in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding not in ("", "deflate"):
            raise FetchError(f"unsupported content encoding: {coding}", reason="bad-encoding")
        self.coding = coding

    def feed(self, data: bytes) -> list[bytes]:
        if self.coding == "deflate" and self.zlib is None:
            # "deflate" is meant to be zlib-wrapped, but some servers send it raw. The
            # first two bytes tell, and a chunk off the network can be shorter than that.
            self._head += data
            if len(self._head) < 2:
                return []
            data, self._head = self._head, b""
            wrapped = data[0] & 0x0F == 8 and (data[0] * 256 + data[1]) % 31 == 0
            self.zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        if not self.coding:
            return [data]
        assert self.zlib is not None
        out: list[bytes] = []
        produced = 0
        try:
            piece = self.zlib.decompress(data, self.cap + 1)
            out.append(piece)
            produced += len(piece)
            while self.zlib.unconsumed_tail and produced <= self.cap:
                piece = self.zlib.decompress(self.zlib.unconsumed_tail, self.cap + 1)
                out.append(piece)
                produced += len(piece)
        except zlib.error as exc:
            raise FetchError(f"corrupt {self.coding} body: {exc}", reason="bad-encoding") from None
        return out

    def flush(self) -> bytes:
        if not self.coding:
            return b""
        if self.zlib is None:  # not even two bytes of a deflate stream arrived
            raise FetchError(f"truncated {self.coding} body", reason="bad-encoding")
        try:
            tail = self.zlib.flush()
        except zlib.error as exc:
            raise FetchError(f"corrupt {self.coding} body: {exc}", reason="bad-encoding") from None
        # zlib returns what it has from a cut-off stream without complaint; a body cut
        # short (a connection closed early, no Content-Length) must not parse as a feed.
        if not self.zlib.eof:
            raise FetchError(f"truncated {self.coding} body", reason="bad-encoding")
        return tail


def _read_file(request: FetchRequest, cap: int) -> FetchResult:
    parts = urlsplit(request.url)
    path = Path(unquote(parts.path))
    if parts.netloc not in ("", "localhost"):
        raise FetchError(f"file URL with a remote host: {request.url}", reason="bad-url")
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise FetchError(f"no such file: {path}", reason="not-found") from None
    except OSError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc.strerror}", reason="file-error") from None
    modified = email.utils.format_datetime(
        datetime.fromtimestamp(int(stat.st_mtime), UTC), usegmt=True)
    etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
    if request.etag == etag:
        return FetchResult(url=request.url, outcome="not-modified", final_url=request.url,
                           etag=etag, last_modified=modified)
    if stat.st_size > cap:
        raise FetchError(f"file of {stat.st_size} bytes exceeds the {cap}-byte cap",
                         reason="too-large")
    try:
        with open(path, "rb") as handle:
            body = handle.read(cap + 1)
    except OSError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc.strerror}", reason="file-error") from None
    if len(body) > cap:
        raise FetchError(f"file exceeds the {cap}-byte cap", reason="too-large")
    content_type = "application/json" if path.suffix == ".json" else "application/xml"
    return FetchResult(url=request.url, outcome="ok", final_url=request.url, body=body,
                       headers={"content-type": content_type, "last-modified": modified},
                       etag=etag, last_modified=modified)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, delta)


def _max_age(headers: dict[str, str]) -> float | None:
    for directive in headers.get("cache-control", "").split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() == "max-age" and value.strip().isdigit():
            return float(value.strip())
    return None


def _failed(request: FetchRequest, failure: FetchError) -> FetchResult:
    return FetchResult(url=request.url, outcome="error", final_url=request.url,
                       http_status=failure.status, retry_after=failure.retry_after,
                       error_reason=failure.reason, error_message=failure.message)


def _with_elapsed(result: FetchResult, elapsed: float) -> FetchResult:
    return replace(result, elapsed=round(elapsed, 4))


def _describe(exc: httpx.HTTPError | httpx.StreamError) -> str:
    # httpx's network errors often have no text of their own ("ReadError: "); the
    # operating system's reason ("Connection reset by peer") is further down the chain.
    text = str(exc)
    cause = exc.__cause__ or exc.__context__
    for _ in range(10):  # a bounded walk: chains are short, but nothing promises it
        if text or cause is None:
            break
        text = str(cause)
        if text and isinstance(cause, OSError) and cause.strerror:
            text = f"{type(cause).__name__}: {cause.strerror}"
        cause = cause.__cause__ or cause.__context__
    return f"{type(exc).__name__}: {text or 'no detail'}"[:300]


