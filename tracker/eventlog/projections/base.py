"""What the projection modules share: the handler registry, and chunked ``IN (...)``
lookups."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence

from tracker import events as ev
from tracker.eventlog.types import StoredEvent

Handler = Callable[[sqlite3.Connection, StoredEvent], None]
HANDLERS: dict[type[ev.Event], Handler] = {}


def handles(event_type: type[ev.Event]) -> Callable[[Handler], Handler]:
    """Register the decorated function as the projection of ``event_type``."""

    def decorate(handler: Handler) -> Handler:
        if event_type in HANDLERS:
            raise TypeError(f"{event_type.TYPE} is projected twice")
        HANDLERS[event_type] = handler
        return handler

    return decorate


def in_chunks(values: Sequence[str], size: int = 500) -> Iterator[tuple[Sequence[str], str]]:
    """``values`` in chunks, each with the placeholders of an ``IN (...)`` for it: SQLite
    caps the parameters of one statement."""
    for start in range(0, len(values), size):
        chunk = values[start:start + size]
        yield chunk, ", ".join("?" for _ in chunk)
