"""Where a source comes from: its publisher (for counting outlets) and its language.

A feed is not an outlet: one aggregator feed (a news search, a wire service) carries many
publishers, and one publisher runs many feeds (per region, per section). The publisher of
an article is the registrable domain of its own URL (``www.bbc.co.uk`` and
``news.bbc.co.uk`` are both ``bbc.co.uk``), found with the Public Suffix List, which is
shipped with the ``publicsuffixlist`` package and includes its private section
(``someone.blogspot.com`` is a publisher of its own). An article without a usable URL
falls back to its feed's domain, then to the feed's name.

Pure, apart from loading the list once.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

UNKNOWN = "unknown publisher"


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def registrable_domain(url: str | None) -> str | None:
    """``bbc.co.uk`` for ``https://www.bbc.co.uk/news/x``; the host itself for an IP
    address or a host that is a public suffix; None without an http(s) host."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    host = _unicode_host(host.rstrip("."))
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return _suffixes().privatesuffix(host) or host


def _unicode_host(host: str) -> str:
    """Internationalised names as people read them (``лента.рф``, not ``xn--...``)."""
    if "xn--" not in host:
        return host
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


def publisher_of(article_url: str | None, feed_url: str | None = None,
                 feed_name: str | None = None) -> str:
    return (registrable_domain(article_url) or registrable_domain(feed_url)
            or (feed_name or "").strip() or UNKNOWN)


def distinct(values: Iterable[str | None]) -> list[str]:
    """The values in first-seen order, each once, empties left out."""
    return list(dict.fromkeys(v for v in values if v))


def language_tag(value: str | None) -> str | None:
    """The primary language subtag, lower case (``en`` for ``en-US``, ``ru`` for
    ``ru_RU``), or None when no language was recorded."""
    if not value or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-", 1)[0].lower() or None
