"""OPML: read a feed list from another reader, write ours, and add feeds to the config.

Reading and writing OPML are pure. :func:`add_feeds` edits the TOML config with tomlkit,
so the file keeps its comments and layout; it validates the result before replacing the
file, atomically.
"""

from __future__ import annotations

import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import tomlkit

from tracker import config, validate
from tracker.errors import ConfigError
from tracker.errors import OPMLError as OPMLError

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


@dataclass(frozen=True)
class OutlineFeed:
    url: str
    name: str


def read_opml(data: bytes) -> list[OutlineFeed]:
    """The feeds of an OPML document, nested outlines flattened, in document order."""
    if _DOCTYPE.search(data[:4096]):
        # OPML needs no DTD, and a DTD is where entity bombs live.
        raise OPMLError("OPML with a DOCTYPE declaration is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OPMLError(f"not well-formed XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise OPMLError(f"not an OPML document (root element <{root.tag}>)")
    feeds: list[OutlineFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        name = (outline.get("title") or outline.get("text") or "").strip()
        feeds.append(OutlineFeed(url=url, name=name))
    return feeds


def write_opml(feeds: Iterable[config.FeedConfig], title: str) -> str:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        ET.SubElement(body, "outline", type="rss", text=feed.name, title=feed.name,
                      xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        root, encoding="unicode") + "\n"


@dataclass(frozen=True)
class ImportResult:
    added: tuple[OutlineFeed, ...]
    skipped: tuple[tuple[OutlineFeed, str], ...]
    """Feeds not added, with the reason (already configured, or an invalid URL)."""


def add_feeds(config_path: Path, feeds: Sequence[OutlineFeed]) -> ImportResult:
    """Append ``feeds`` to the config's [[feeds]], keeping its comments; skip the ones it
    already has or that are not valid feed URLs."""
    text = config_path.read_text("utf-8")
    document = tomlkit.parse(text)
    table = document.get("feeds")
    if table is None:
        table = tomlkit.aot()
        document["feeds"] = table
    existing = {str(entry.get("url", "")).strip() for entry in table}
    added, skipped = [], []
    for feed in feeds:
        try:
            url = validate.check_url(feed.url, "url")
        except ConfigError as exc:
            skipped.append((feed, str(exc).removeprefix("url: ")))
            continue
        if url in existing:
            skipped.append((feed, "already configured"))
            continue
        entry = tomlkit.table()
        if feed.name:
            entry["name"] = feed.name
        entry["url"] = url
        table.append(entry)
        existing.add(url)
        added.append(feed)
    new_text = tomlkit.dumps(document)
    # Refuse to write a config the tracker would not load.
    config.from_mapping(tomlkit.parse(new_text).unwrap(), base_dir=config_path.resolve().parent)
    if added:
        _replace(config_path, new_text)
    return ImportResult(tuple(added), tuple(skipped))


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
