"""robots.txt for article pages (RFC 9309), read once per origin per fetcher.

Feeds are fetched whatever robots.txt says (a feed is published to be polled); an
article page is a crawl, so its site's rules apply. Per RFC 9309: a robots.txt that is
missing or refused (any 4xx) allows everything; one that cannot be read (5xx, network
failure, timeout) disallows everything until the next cycle asks again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from tracker.ingest.types import FetchRequest

if TYPE_CHECKING:
    from tracker.ingest.fetch import Fetcher

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


async def robot_rules(fetcher: Fetcher, url: str) -> RobotRules:
    """The rules of ``url``'s origin, fetched on first use and shared by every page of
    that origin this fetcher reads (one request even when many ask at once)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    pending = fetcher.robots.get(origin)
    if pending is None:
        pending = fetcher.robots[origin] = asyncio.ensure_future(_read(fetcher, origin))
    return await asyncio.shield(pending)


async def _read(fetcher: Fetcher, origin: str) -> RobotRules:
    result = await fetcher.fetch(FetchRequest(
        feed_id="", url=f"{origin}/robots.txt", accept="text/plain",
        max_bytes=ROBOTS_MAX_BYTES))
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
