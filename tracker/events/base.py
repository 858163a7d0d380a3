"""What every event shares: the base class, the registry of type names, and decoding
with upcasts. See :mod:`tracker.events`."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

REGISTRY: dict[str, type[Event]] = {}


@dataclass(frozen=True)
class Event:
    TYPE: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1

    def stream(self) -> str:
        """The stream this event belongs to."""
        raise NotImplementedError

    def to_json(self) -> str:
        # Not dataclasses.asdict: it deep-copies every value on the way, and event fields
        # are JSON values already (no nested dataclasses), so the same document comes out.
        names = _FIELDS.get(type(self))
        if names is None:
            names = _FIELDS[type(self)] = tuple(f.name for f in dataclasses.fields(self))
        state = {name: getattr(self, name) for name in names}
        return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


_FIELDS: dict[type[Event], tuple[str, ...]] = {}


E = TypeVar("E", bound=type[Event])


def register(cls: E) -> E:
    if not cls.TYPE or cls.TYPE in REGISTRY:
        raise TypeError(f"event type {cls.TYPE!r} is empty or already registered")
    REGISTRY[cls.TYPE] = cls
    return cls


def decode(type_name: str, version: int, data: str | Mapping[str, Any]) -> Event:
    """Rebuild an event from its stored form, upcasting older schema versions."""
    cls = REGISTRY[type_name]
    state = dict(json.loads(data) if isinstance(data, str) else data)
    while version < cls.VERSION:
        upcast: Callable[[dict[str, Any]], dict[str, Any]] = getattr(
            cls, f"upcast_v{version}_v{version + 1}"
        )
        state = upcast(state)
        version += 1
    return cls(**state)
