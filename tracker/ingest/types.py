"""The values the ingest stage hands on: what was asked and fetched, and what was parsed.

Plain frozen dataclasses, no I/O, so a pure stage can take them without importing the
fetcher (httpx) or the parser (feedparser).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FetchRequest:
    feed_id: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    accept: str | None = None
    """The Accept header, when not the feed fetcher's own (an article page)."""
    max_bytes: int | None = None
    """The size cap of this body, when not the fetcher's own."""
    public_only: bool = False
    """Refuse the URL and every redirect whose host is not on the global internet (an
    article link from a feed; see :mod:`tracker.ingest.addresses`)."""


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced. ``outcome`` is ``ok``, ``not-modified`` or ``error``."""

    url: str
    outcome: str
    final_url: str
    http_status: int | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    """The new address when every redirect on the way was permanent."""
    redirect_status: int | None = None
    """The status of the first permanent redirect, when ``moved_to`` is set."""
    retry_after: float | None = None
    max_age: float | None = None
    error_reason: str | None = None
    error_message: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


@dataclass(frozen=True)
class Item:
    """One entry of a feed, reduced to plain text and a stable identity ``key``."""

    key: str
    guid: str | None
    url: str | None
    title: str
    summary: str
    content: str | None
    published: str | None
    author: str | None
    language: str | None
    full_text: str | None = None
    """The main text of the article's own page, when fetched (``fetch.full_text``);
    it stands in for the feed's content in what is judged and recorded, but not in
    ``content_hash``, which says whether the feed's entry changed."""

    @property
    def text(self) -> str | None:
        """The article's text beyond its summary: the page's, else the feed's."""
        return self.full_text or self.content

    @property
    def global_key(self) -> bool:
        """Keys that are URLs name the same article in any feed; others only in their own."""
        return self.key.startswith(("link:", "guid:http://", "guid:https://"))

    def article_id(self, feed_id: str) -> str:
        scope = "" if self.global_key else feed_id
        return hashlib.sha256(f"{scope}\n{self.key}".encode()).hexdigest()[:20]

    @property
    def content_hash(self) -> str:
        text = "\n".join((self.title, self.summary, self.content or ""))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str | None
    ttl: float | None
    """Seconds the publisher asks us to wait between polls (RSS ``<ttl>``)."""
    items: tuple[Item, ...]
    warning: str | None
    """Why the feed was not well-formed, when it was still readable."""


@dataclass(frozen=True)
class PageText:
    """What fetching one article page and extracting its main text produced.

    ``text`` is None when it failed; ``reason`` and ``message`` then say why (a fetch
    failure's reason, ``private-address``, ``robots``, ``not-html``, ``no-text`` or
    ``extract-error``).
    """

    url: str
    text: str | None = None
    published: str | None = None
    """The page's own publication date (ISO), when its metadata gives one."""
    reason: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.text is not None


Parse = Callable[[bytes, Mapping[str, str]], Awaitable[ParsedFeed]]
"""How a poll parses a fetched body: :func:`tracker.ingest.parsepool.parse_in_pool` in
production (worker processes), anything of the same shape in a test."""
