"""Turn fetched bytes into items: feedparser on the body plus its response headers.

Pure: no I/O. Malformed feeds that still yield entries are used; a body from which
nothing feed-like can be read raises :class:`ParseError`. JSON Feed, which feedparser
6 does not read, is handled here directly.

A cheap scan runs before feedparser and refuses markup that would make it slow or
large beyond the body's own size (:func:`check_markup`): entities whose expansion
exceeds a budget, elements with absurd attribute counts, absurd nesting depth, too many
elements or items. feedparser's lenient fallback parser expands declared entities
without limit and its strict parser is quadratic in one element's attributes, and
nothing that reaches it is bounded by anything but these checks.
"""

from __future__ import annotations

import calendar
import hashlib
import html as html_module
import html.entities as html_entities
import io
import json
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
from feedparser.encodings import convert_to_utf8

from tracker.errors import ParseError
from tracker.ingest.headline import without_publisher
from tracker.ingest.prescan import MAX_ELEMENTS, MAX_ITEMS, check_markup
from tracker.ingest.teaser import tidied
from tracker.ingest.types import Item as Item
from tracker.ingest.types import ParsedFeed as ParsedFeed

SUMMARY_LIMIT = 4000
CONTENT_LIMIT = 100_000



def parse_feed(body: bytes, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse ``body`` (the raw bytes as fetched) with the HTTP response ``headers``."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    if not body.strip():
        raise ParseError("empty body", reason="empty-body")
    if _looks_like_json(body, headers):
        return _parse_json_feed(body)
    headers = _wide_charset(body, headers)
    check_markup(_as_feedparser_reads(body, headers))
    try:
        # A stream, never the bytes themselves: feedparser takes a bytes argument that
        # names an existing file for a path and reads that file, so a body of
        # "/dev/zero" would exhaust memory and one naming a local feed would be parsed.
        # No sanitising or resolving of links inside markup: _text keeps only the text
        # (script and style dropped, as the sanitiser would), and that work was half of
        # feedparser's time. Entry links are still resolved against the feed's base.
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers,
                                  sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's failures are not a documented hierarchy
        raise ParseError(f"feed parser failed: {type(exc).__name__}: {exc}") from exc
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    version = parsed.get("version") or ""
    warning = None
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        warning = f"{type(problem).__name__}: {problem}"[:300] if problem else "malformed feed"
    if not version and not entries:
        detail = f" ({warning})" if warning else ""
        raise ParseError(f"not a feed: no RSS, Atom or RDF document found{detail}")
    language = _str(feed.get("language"))
    channel = _text(_str(feed.get("title")))
    items = tuple(_item(entry, language, channel) for entry in entries)
    return ParsedFeed(
        title=channel,
        link=_str(feed.get("link")),
        ttl=_ttl(feed.get("ttl")),
        items=items,
        warning=warning,
    )


def _item(entry: Mapping[str, Any], feed_language: str | None, channel: str) -> Item:
    source = entry.get("source")
    publisher = _text(_str(source.get("title"))) if isinstance(source, Mapping) else ""
    printed_title = _text(_str(entry.get("title")))
    printed_summary = _text(_str(entry.get("summary")))[:SUMMARY_LIMIT]
    title = without_publisher(printed_title, (publisher, channel))
    summary = tidied(printed_summary)
    content = None
    contents = entry.get("content") or []
    if contents and isinstance(contents, list):
        joined = " ".join(_text(_str(c.get("value"))) for c in contents if isinstance(c, dict))
        content = joined[:CONTENT_LIMIT] or None
    if content and content in (summary, printed_summary):
        content = None
    link = _str(entry.get("link"))
    guid = _str(entry.get("id"))
    # Ask for "updated_parsed" only when the entry has one: for a missing one feedparser 6
    # hands back "published_parsed" with a DeprecationWarning (its issue 310), which is an
    # exception wherever warnings are errors. Here "published_parsed" was already empty.
    updated = entry["updated_parsed"] if "updated_parsed" in entry else None
    published = _date(entry.get("published_parsed") or updated)
    language = None
    for detail in ("title_detail", "summary_detail"):
        value = entry.get(detail)
        if isinstance(value, dict) and value.get("language"):
            language = _str(value.get("language"))
            break
    return make_item(
        guid=guid, url=link, title=title, summary=summary, content=content,
        published=published, author=_text(_str(entry.get("author"))) or None,
        language=language or feed_language, printed=(printed_title, printed_summary),
    )


def make_item(
    *, guid: str | None, url: str | None, title: str, summary: str, content: str | None,
    published: str | None, author: str | None = None, language: str | None = None,
    printed: tuple[str, str] | None = None,
) -> Item:
    """An :class:`Item` with its identity: guid, else canonical link, else a content hash.

    ``printed``: the title and summary as the feed printed them, before the publisher's
    name and credit lines were taken off: the hash is of those, so an item keeps its
    identity whatever the tracker's tidying makes of its text from one version to the
    next (a store polled before the tidying saw the item already)."""
    guid = (guid or "").strip() or None
    url = (url or "").strip() or None
    if guid:
        key = f"guid:{guid}"
    elif url:
        key = f"link:{canonical_url(url)}"
    else:
        hashed_title, hashed_summary = printed or (title, summary)
        digest = hashlib.sha256(f"{hashed_title}\n{hashed_summary}\n{content or ''}".encode(
            "utf-8", "surrogatepass")).hexdigest()
        key = f"hash:{digest[:32]}"
    return Item(key=key, guid=guid, url=url, title=title, summary=summary, content=content,
                published=published, author=author, language=language)


_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|yclid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl"
    r"|ref_src|ref_url|cmpid|ocid|spm|share|smid|rss|feature|at_medium|at_campaign)$",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """The URL with tracking parameters, fragment and default port removed."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.match(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


# How a UTF-16 or UTF-32 document starts: its byte order mark, or else "<?" in that encoding
# (XML 1.0, appendix F). The four-byte marks come first: UTF-32LE's begins with UTF-16LE's.
_WIDE_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32be"), (b"\xff\xfe\x00\x00", "utf-32le"),
    (b"\x00\x00\x00\x3c", "utf-32be"), (b"\x3c\x00\x00\x00", "utf-32le"),
    (b"\xfe\xff", "utf-16be"), (b"\xff\xfe", "utf-16le"),
    (b"\x00\x3c\x00\x3f", "utf-16be"), (b"\x3c\x00\x3f\x00", "utf-16le"),
)


def _wide_charset(body: bytes, headers: dict[str, str]) -> dict[str, str]:
    """``headers`` with the charset of a UTF-16 or UTF-32 ``body`` in its Content-Type.

    feedparser follows RFC 3023, where ``text/xml`` without a charset means US-ASCII; a
    UTF-16 body then "decodes" as ASCII with a NUL between letters and nothing is read,
    though servers commonly send text/xml so (RFC 7303, which replaced RFC 3023, makes
    text/xml an alias of application/xml, whose document declares its own encoding).
    No ASCII-compatible document starts with these bytes, so whatever charset the header
    names or implies is wrong and the body's own signature is the one to use.
    """
    content_type = headers.get("content-type")
    sniffed = next((enc for mark, enc in _WIDE_SIGNATURES if body.startswith(mark)), None)
    if sniffed is None or not content_type:
        return headers
    media_type = content_type.split(";", 1)[0].strip()
    return {**headers, "content-type": f"{media_type}; charset={sniffed}"}


def _as_feedparser_reads(body: bytes, headers: Mapping[str, str]) -> bytes:
    """``body`` as UTF-8, decoded as feedparser will decode it, so that the pre-scan sees
    the markup feedparser sees whatever the encoding (UTF-16, UTF-7, EBCDIC, ...)."""
    try:
        data = convert_to_utf8(dict(headers), body, {})
    except Exception:  # the parse proper meets the same trouble and reports it
        return body
    return data if isinstance(data, bytes) else body


def _looks_like_json(body: bytes, headers: Mapping[str, str]) -> bool:
    content_type = headers.get("content-type", "")
    start = body.lstrip()[:1]
    return start == b"{" and ("json" in content_type or b"jsonfeed.org" in body[:2000])


def _parse_json_feed(body: bytes) -> ParsedFeed:
    # Every object or array costs Python ~60 bytes or more, twenty times its two bytes of
    # JSON: count them before loading.
    if body.count(b"{") + body.count(b"[") > MAX_ELEMENTS:
        raise ParseError(f"more than {MAX_ELEMENTS} JSON objects and arrays",
                         reason="too-many-elements")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"not a feed: invalid JSON ({str(exc)[:200]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ParseError("not a feed: JSON without an items list")
    if len(data["items"]) > MAX_ITEMS:
        raise ParseError(f"{len(data['items'])} items, more than {MAX_ITEMS}",
                         reason="too-many-items")
    language = _str(data.get("language"))
    channel = _text(_str(data.get("title")))
    items = []
    for raw in data["items"]:
        if not isinstance(raw, dict):
            continue
        html = _str(raw.get("content_html"))
        text = _str(raw.get("content_text"))
        content = (_text(html) if html else _text(text or ""))[:CONTENT_LIMIT] or None
        printed_summary = _text(_str(raw.get("summary")))[:SUMMARY_LIMIT]
        printed_title = _text(_str(raw.get("title")))
        authors = raw.get("authors") or ([raw["author"]] if isinstance(raw.get("author"),
                                                                        dict) else [])
        author = next((_str(a.get("name")) for a in authors if isinstance(a, dict)), None)
        items.append(make_item(
            guid=_str(raw.get("id")), url=_str(raw.get("url")),
            title=without_publisher(printed_title, (channel,)),
            summary=tidied(printed_summary) or (content or "")[:500],
            content=content, published=_iso(_str(raw.get("date_published"))),
            author=author, language=_str(raw.get("language")) or language,
            printed=(printed_title, printed_summary or (content or "")[:500]),
        ))
    return ParsedFeed(title=channel, link=_str(data.get("home_page_url")),
                      ttl=None, items=tuple(items), warning=None)


def _str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return None


def _ttl(value: object) -> float | None:
    try:
        minutes = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return minutes * 60 if 0 < minutes < 60 * 24 * 366 else None


def _date(value: object) -> str | None:
    if not isinstance(value, time.struct_time | tuple):
        return None
    try:
        stamp = calendar.timegm(tuple(value)[:6] + (0, 0, 0))
        return datetime.fromtimestamp(stamp, UTC).isoformat()
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "applet"}
    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "td", "th", "blockquote", "section", "article", "header", "footer", "table",
              "figure", "figcaption", "pre", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _entity(match: re.Match[str]) -> str:
    """A whole entity decoded; a name HTML does not define ("&notanentity;") kept."""
    entity = match.group()
    if entity[1] != "#" and entity[1:] not in html_entities.html5:
        return entity
    return html_module.unescape(entity)


_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
_ODD_SPACE = re.compile(r"[\t\r\f\v\u00a0]")


def _text(html: str | None) -> str:
    """Plain text from an HTML fragment: tags dropped, entities decoded, spaces folded."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        text = html
    else:
        extractor = _TextExtractor()
        try:
            extractor.feed(html)
            extractor.close()
            text = "".join(extractor.parts)
        except (AssertionError, ValueError):  # HTMLParser on hopeless markup
            text = re.sub(r"<[^>]*>", " ", html)
    if "&" in text:
        # Escaped twice by the publisher ("&amp;nbsp;", "&amp;#8217;"), an entity is
        # still one after the markup's own decoding: decode what reads as an entity.
        text = _ENTITY.sub(_entity, text)
    # Each substitution only when it has something to change: most texts have neither.
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _BLANK_LINES.sub("\n", text)
    return text.strip()
