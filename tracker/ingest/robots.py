"""robots.txt for article pages (RFC 9309), read once per origin per fetcher.

Feeds are fetched whatever robots.txt says (a feed is published to be polled); an
article page is a crawl, so its site's rules apply. Per RFC 9309: a robots.txt that is
missing or refused (any 4xx) allows everything; one that cannot be read (5xx, network
failure, timeout) disallows everything until the next cycle asks again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from tracker.ingest.types import FetchRequest, FetchResult

ROBOTS_MAX_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt; we read no more."""


@dataclass(frozen=True)
class RobotRules:
    """One origin's rules: a parsed robots.txt, or everything allowed or refused."""

    parser: RobotFileParser | None
    allow_all: bool = True
    why: str = ""
    """Why there is no parsed file, for a refusal's message."""

    def allows(self, user_agent: str, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(user_agent, url)


class RobotsCache:
    """Each origin's rules, fetched on first use with ``fetch`` and shared by every page
    of that origin asked for afterwards (one request even when many ask at once)."""

    def __init__(self, fetch: Callable[[FetchRequest], Awaitable[FetchResult]]) -> None:
        self._fetch = fetch
        self._rules: dict[str, asyncio.Future[RobotRules]] = {}

    async def rules(self, url: str, *, public_only: bool = False) -> RobotRules:
        """The rules of ``url``'s origin; ``public_only`` as the page's own request."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        pending = self._rules.get(origin)
        if pending is None:
            pending = self._rules[origin] = asyncio.ensure_future(
                self._read(origin, public_only))
        return await asyncio.shield(pending)

    async def _read(self, origin: str, public_only: bool) -> RobotRules:
        result = await self._fetch(FetchRequest(
            feed_id="", url=f"{origin}/robots.txt", accept="text/plain",
            max_bytes=ROBOTS_MAX_BYTES, public_only=public_only))
        if result.ok:
            parser = RobotFileParser()
            parser.parse(result.body.decode("utf-8", "replace").splitlines())
            return RobotRules(parser)
        status = result.http_status
        if status is not None and 400 <= status < 500 and status != 429:
            return RobotRules(None, allow_all=True)
        return RobotRules(None, allow_all=False,
                          why=f"robots.txt unreadable ({result.error_reason}): "
                              f"{result.error_message or ''}"[:300])
