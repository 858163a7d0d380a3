"""Validation helpers for configuration tables.

Every helper raises :class:`ConfigError` naming the dotted key at fault, so that a bad
value anywhere in the file becomes one line that says where to look.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker.errors import ConfigError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}


def parse_duration(value: object, key: str) -> float:
    """Seconds from a number or a string like ``"90s"``, ``"15m"``, ``"2h"``, ``"1d"``."""
    if isinstance(value, bool):
        raise ConfigError(key, "must be a duration such as 30m, not a boolean")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    else:
        raise ConfigError(key, f"must be a duration such as 90s, 15m, 2h or 1d, not {value!r}")
    if seconds <= 0:
        raise ConfigError(key, f"must be longer than zero, not {value!r}")
    return seconds


def check_url(value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(key, "must be a URL string")
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "file"}:
        raise ConfigError(key, f"must be an http, https or file URL, not {url!r}")
    if parts.scheme != "file" and not parts.hostname:
        raise ConfigError(key, f"has no host: {url!r}")
    if parts.scheme == "file" and not parts.path:
        raise ConfigError(key, f"has no path: {url!r}")
    try:
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError:
        raise ConfigError(key, f"has an invalid port: {url!r}") from None
    if any(ch.isspace() for ch in url):
        raise ConfigError(key, f"contains white space: {url!r}")
    return url


def only(table: Mapping[str, Any], prefix: str, allowed: set[str]) -> None:
    for key in table:
        if key not in allowed:
            where = f"{prefix}.{key}" if prefix else key
            raise ConfigError(where, f"unknown key (expected one of: {', '.join(sorted(allowed))})")


def table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(key, "must be a table")
    return value


def string(table: Mapping[str, Any], prefix: str, key: str, *, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"{prefix}.{key}", f"must be a string, not {type(value).__name__}")
    return value.strip()


def whole(table: Mapping[str, Any], prefix: str, key: str, default: int, minimum: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{prefix}.{key}", f"must be a whole number, not {value!r}")
    if value < minimum:
        raise ConfigError(f"{prefix}.{key}", f"must be at least {minimum}, not {value}")
    return value


def flag(table: Mapping[str, Any], prefix: str, key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{prefix}.{key}", f"must be true or false, not {value!r}")
    return value


def duration(table: Mapping[str, Any], prefix: str, key: str, default: float) -> float:
    return parse_duration(table[key], f"{prefix}.{key}") if key in table else default


def path(table: Mapping[str, Any], prefix: str, key: str, base_dir: Path) -> Path | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{prefix}.{key}", "must be a non-empty path string")
    path = Path(os.path.expanduser(value.strip()))
    return path if path.is_absolute() else (base_dir / path).resolve()


def terms(table: Mapping[str, Any], prefix: str, key: str, *, required: bool) -> tuple[str, ...]:
    value = table.get(key, [])
    where = f"{prefix}.{key}"
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise ConfigError(where, "must be a list of non-empty strings")
    if required and not value:
        raise ConfigError(where, "must name at least one term")
    # A term of no letter or digit ("*", "=*") would match every word of every text.
    bare = next((t for t in value if not any(ch.isalnum() for ch in t)), None)
    if bare is not None:
        raise ConfigError(where, f"a term needs a letter or a digit, not {bare.strip()!r}")
    return tuple(t.strip() for t in value)
