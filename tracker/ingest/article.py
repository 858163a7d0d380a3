"""Article pages: fetched like feeds, then their main text extracted with trafilatura.

:func:`fetch_page` never raises for a page's own trouble (too large, a gzip bomb, a
redirect loop, a drip, no text, refused by robots.txt): it returns a
:class:`~tracker.ingest.types.PageText` with a reason, so a hostile page costs only its
article's full text, never the feed's poll.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from tracker.errors import FetchError
from tracker.ingest.addresses import ensure_public
from tracker.ingest.fetch import Fetcher
from tracker.ingest.robots import RobotsCache
from tracker.ingest.types import FetchRequest, PageText

logger = logging.getLogger(__name__)

ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_TEXT_CHARS = 80
"""Less than this is a cookie notice or a paywall line, not an article's text."""

_robots: WeakKeyDictionary[Fetcher, RobotsCache] = WeakKeyDictionary()
"""robots.txt rules, kept as long as their fetcher (a polling cycle): asked once per
origin per cycle, and asked again by the next."""


async def fetch_pages(fetcher: Fetcher, urls: Sequence[str], feed_url: str = ""
                      ) -> dict[str, PageText]:
    """Each of ``urls`` (the links of the feed at ``feed_url``) fetched and extracted, at
    once (within the fetcher's limits)."""
    feed_host = urlsplit(feed_url).hostname
    pages = await asyncio.gather(*(fetch_page(fetcher, url, feed_host) for url in urls))
    return {page.url: page for page in pages}


async def fetch_page(fetcher: Fetcher, url: str, feed_host: str | None = None) -> PageText:
    """The main text of the article page at ``url``, or why there is none.

    The page must be on the open internet (:mod:`tracker.ingest.addresses`) unless it is
    on its feed's host ``feed_host`` or ``fetch.private_pages`` is set."""
    public_only = not (fetcher.settings.private_pages
                       or (feed_host is not None and urlsplit(url).hostname == feed_host))
    if public_only:
        try:
            await ensure_public(url)
        except FetchError as refused:
            return _failed(url, refused.reason, str(refused))
    robots = _robots.get(fetcher)
    if robots is None:
        robots = _robots[fetcher] = RobotsCache(fetcher.fetch)
    rules = await robots.rules(url, public_only=public_only)
    user_agent = fetcher.settings.user_agent
    if not rules.allows(user_agent, url):
        return _failed(url, "robots", rules.why or "disallowed by robots.txt")
    result = await fetcher.fetch(FetchRequest(
        feed_id="", url=url, accept=ACCEPT_HTML,
        max_bytes=fetcher.settings.article_max_bytes, public_only=public_only))
    if not result.ok:
        return _failed(url, result.error_reason or "error", result.error_message or "")
    media_type = result.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        return _failed(url, "not-html", f"content type {media_type[:100]}")
    try:
        text, published = await asyncio.to_thread(extract_main_text, result.body,
                                                  result.final_url)
    except Exception as exc:  # noqa: BLE001 -- any page may trip the extractor; never the poll
        return _failed(url, "extract-error", f"{type(exc).__name__}: {exc}"[:300])
    if text is None or len(text) < MIN_TEXT_CHARS:
        return _failed(url, "no-text", f"{len(text or '')} characters of main text")
    logger.debug("page url=%s outcome=ok chars=%d", url, len(text))
    return PageText(url, text, published)


def extract_main_text(html: bytes, url: str) -> tuple[str | None, str | None]:
    """The main text of an HTML page and its publication date, as trafilatura finds them."""
    # Imported here: trafilatura (lxml, its date and language helpers) is loaded only by
    # a tracker that fetches full text.
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                           include_comments=False, include_tables=False)
    if document is None:
        return None, None
    text = getattr(document, "text", None)
    title = getattr(document, "title", None)
    date = getattr(document, "date", None)
    if not isinstance(text, str):
        return None, None
    text = _without_heading(text.strip(), title if isinstance(title, str) else "")
    return text or None, date if isinstance(date, str) else None


def _without_heading(text: str, title: str) -> str:
    """``text`` without the page's headline at its start: the item has its own title,
    and the analysis reads the first sentence of the text as the lede."""
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.strip()
    return text


def _failed(url: str, reason: str, message: str) -> PageText:
    logger.info("page url=%s outcome=failed reason=%s message=%r", url, reason, message)
    return PageText(url, reason=reason, message=message)
