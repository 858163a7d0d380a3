"""The handler registry shared by the projection modules."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from tracker import events as ev

if TYPE_CHECKING:
    from tracker.eventlog.store import StoredEvent

Handler = Callable[[sqlite3.Connection, "StoredEvent"], None]
HANDLERS: dict[type[ev.Event], Handler] = {}


def handles(event_type: type[ev.Event]) -> Callable[[Handler], Handler]:
    """Register the decorated function as the projection of ``event_type``."""

    def decorate(handler: Handler) -> Handler:
        if event_type in HANDLERS:
            raise TypeError(f"{event_type.TYPE} is projected twice")
        HANDLERS[event_type] = handler
        return handler

    return decorate
