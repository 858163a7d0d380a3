"""What every command shares: the config it was given, read once, and the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tracker import config, log
from tracker.config import Settings
from tracker.eventlog.store import EventStore


class Context:
    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path
        self._settings: Settings | None = None

    def config_file(self) -> Path:
        return config.find_config(self.config_path)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = config.load(self.config_file())
            log.setup(self._settings.log_level)
        return self._settings

    @contextmanager
    def store(self) -> Iterator[EventStore]:
        store = EventStore(self.settings.store_path)
        try:
            yield store
        finally:
            store.close()


pass_context = click.make_pass_decorator(Context)
