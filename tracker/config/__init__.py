"""Load and validate the TOML configuration into frozen settings.

Validation happens once, at load: every problem raises :class:`ConfigError` whose
message starts with the dotted key at fault, so the CLI can print one line and exit 2
before anything is written. Secrets never live in the file; options that need one name
an environment variable instead.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker import validate
from tracker.config.notify import NotifySettings, notify_settings
from tracker.config.story import Actor as Actor  # re-exported: the story is configuration
from tracker.config.story import Place as Place
from tracker.config.story import StoryConcept as StoryConcept
from tracker.config.story import StorySettings as StorySettings
from tracker.config.story import TermGroup as TermGroup
from tracker.config.story import story_settings
from tracker.errors import ConfigError

ENV_CONFIG = "TRACKER_CONFIG"
DEFAULT_PATHS = (Path("config/tracker.toml"), Path("/etc/tracker/tracker.toml"))



@dataclass(frozen=True)
class FeedConfig:
    """One configured feed. ``id`` derives from the configured URL, so it survives renames."""

    url: str
    name: str
    every: float | None = None
    full_text: str | None = None
    """This feed's ``fetch.full_text`` mode; None follows the global one."""

    @property
    def id(self) -> str:
        return feed_id_for(self.url)


def feed_id_for(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 30.0
    """Seconds for the whole request, body included."""
    connect_timeout: float = 10.0
    max_body_bytes: int = 10 * 1024 * 1024
    """Bodies larger than this, compressed or not, are refused."""
    concurrency: int = 16
    """Requests in flight at once, over all hosts."""
    per_host: int = 2
    """Requests in flight at once to one host."""
    max_redirects: int = 5
    user_agent: str = "tracker/0.1 (news story tracker; +https://pypi.org/project/feedparser/)"
    full_text: str = "off"
    """Fetch each item's article page for its main text: ``off``, ``relevant`` (items
    whose teaser is judged about the story or near the threshold) or ``all``."""
    article_max_bytes: int = 2 * 1024 * 1024
    """Article pages larger than this once decompressed are refused."""
    private_pages: bool = False
    """Fetch article pages on private, loopback and link-local addresses too (by default
    only their feed's own host may be one)."""

    def full_text_for(self, feed: FeedConfig) -> str:
        """The full-text mode of ``feed``: its own, else the global one."""
        return feed.full_text or self.full_text


FULL_TEXT_MODES = ("off", "relevant", "all")


@dataclass(frozen=True)
class ScheduleSettings:
    every: float = 1800.0
    """Default seconds between two polls of a feed."""
    jitter: float = 60.0
    """Up to this many seconds are added at random to each poll, to spread load."""
    max_interval: float = 86400.0
    """No feed waits longer than this, whatever its TTL or Retry-After say."""
    backoff_base: float = 300.0
    """First wait after a failure; doubles with every consecutive failure."""


@dataclass(frozen=True)
class Settings:
    config_path: Path | None
    store_path: Path
    story: StorySettings
    feeds: tuple[FeedConfig, ...] = ()
    fetch: FetchSettings = field(default_factory=FetchSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    log_level: str = "INFO"
    notify: NotifySettings = field(default_factory=NotifySettings)

    def feed_by_id(self) -> dict[str, FeedConfig]:
        return {feed.id: feed for feed in self.feeds}


def find_config(explicit: str | os.PathLike[str] | None) -> Path:
    """The config file to use: the explicit path, else $TRACKER_CONFIG, else the defaults."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(ENV_CONFIG)
    if from_env:
        return Path(from_env)
    for candidate in DEFAULT_PATHS:
        if candidate.exists():
            return candidate
    raise ConfigError("", "no config file: pass --config PATH or set TRACKER_CONFIG")


def load(path: str | os.PathLike[str]) -> Settings:
    """Read and validate the TOML file at ``path``."""
    config_path = Path(path)
    try:
        raw = config_path.read_bytes()
    except OSError as exc:
        raise ConfigError("", f"cannot read config {config_path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("", f"{config_path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("", f"{config_path} is not valid TOML: {exc}") from None
    return from_mapping(data, base_dir=config_path.resolve().parent, config_path=config_path)


def from_mapping(
    data: Mapping[str, Any], *, base_dir: Path, config_path: Path | None = None
) -> Settings:
    """Validate an already-parsed config mapping; relative paths resolve against ``base_dir``."""
    validate.only(data, "", {"store", "fetch", "schedule", "story", "feeds", "log", "notify"})

    store = validate.table(data, "store")
    validate.only(store, "store", {"path"})
    store_path = validate.path(store, "store", "path", base_dir) or base_dir / "tracker.db"

    fetch = _fetch_settings(validate.table(data, "fetch"))
    schedule = _schedule_settings(validate.table(data, "schedule"))
    story = story_settings(validate.table(data, "story"), base_dir)

    log = validate.table(data, "log")
    validate.only(log, "log", {"level"})
    level = validate.string(log, "log", "level", default="INFO").upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ConfigError("log.level", f"must be DEBUG, INFO, WARNING or ERROR, not {level!r}")

    feeds = _feeds(data.get("feeds", []))
    notify = notify_settings(validate.table(data, "notify"))
    return Settings(
        config_path=config_path,
        store_path=store_path,
        story=story,
        feeds=feeds,
        fetch=fetch,
        schedule=schedule,
        log_level=level,
        notify=notify,
    )


def _fetch_settings(raw: Mapping[str, Any]) -> FetchSettings:
    validate.only(raw, "fetch", {"timeout", "connect_timeout", "max_body_bytes", "concurrency",
                                 "per_host", "max_redirects", "user_agent", "full_text",
                                 "article_max_bytes", "private_pages"})
    defaults = FetchSettings()
    return FetchSettings(
        timeout=validate.duration(raw, "fetch", "timeout", defaults.timeout),
        connect_timeout=validate.duration(raw, "fetch", "connect_timeout",
                                          defaults.connect_timeout),
        max_body_bytes=validate.whole(raw, "fetch", "max_body_bytes", defaults.max_body_bytes,
                                      1024),
        concurrency=validate.whole(raw, "fetch", "concurrency", defaults.concurrency, 1),
        per_host=validate.whole(raw, "fetch", "per_host", defaults.per_host, 1),
        max_redirects=validate.whole(raw, "fetch", "max_redirects", defaults.max_redirects, 0),
        user_agent=validate.string(raw, "fetch", "user_agent", default=defaults.user_agent),
        full_text=_full_text_mode(raw, "fetch") or defaults.full_text,
        article_max_bytes=validate.whole(raw, "fetch", "article_max_bytes",
                                         defaults.article_max_bytes, 1024),
        private_pages=validate.flag(raw, "fetch", "private_pages", defaults.private_pages),
    )


def _full_text_mode(raw: Mapping[str, Any], prefix: str) -> str | None:
    if "full_text" not in raw:
        return None
    mode = validate.string(raw, prefix, "full_text", default="off")
    if mode not in FULL_TEXT_MODES:
        raise ConfigError(f"{prefix}.full_text",
                          f"must be one of {', '.join(FULL_TEXT_MODES)}, not {mode!r}")
    return mode


def _schedule_settings(raw: Mapping[str, Any]) -> ScheduleSettings:
    validate.only(raw, "schedule", {"every", "jitter", "max_interval", "backoff_base"})
    defaults = ScheduleSettings()
    jitter = raw.get("jitter", defaults.jitter)
    settings = ScheduleSettings(
        every=validate.duration(raw, "schedule", "every", defaults.every),
        jitter=(0.0 if jitter in (0, "0", "0s")
                else validate.parse_duration(jitter, "schedule.jitter")),
        max_interval=validate.duration(raw, "schedule", "max_interval", defaults.max_interval),
        backoff_base=validate.duration(raw, "schedule", "backoff_base", defaults.backoff_base),
    )
    if settings.max_interval < settings.every:
        raise ConfigError("schedule.max_interval", "must not be shorter than schedule.every")
    return settings


def _feeds(raw: object) -> tuple[FeedConfig, ...]:
    if not isinstance(raw, list):
        raise ConfigError("feeds", "must be an array of [[feeds]] tables")
    feeds: list[FeedConfig] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw):
        key = f"feeds[{index}]"
        if not isinstance(entry, dict):
            raise ConfigError(key, "must be a table with at least url")
        validate.only(entry, key, {"url", "name", "every", "full_text"})
        if "url" not in entry:
            raise ConfigError(f"{key}.url", "is required")
        url = validate.check_url(entry["url"], f"{key}.url")
        if url in seen:
            raise ConfigError(f"{key}.url", f"duplicates feeds[{seen[url]}].url: {url}")
        seen[url] = index
        every = entry.get("every")
        feeds.append(FeedConfig(
            url=url,
            name=validate.string(entry, key, "name", default="") or (urlsplit(url).hostname or url),
            every=None if every is None else validate.parse_duration(every, f"{key}.every"),
            full_text=_full_text_mode(entry, key),
        ))
    return tuple(feeds)
