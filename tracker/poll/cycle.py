"""What the polls of one polling cycle share: the thread the store's heavy work runs in,
and the lock that keeps the store's work one at a time wherever it runs."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tracker.poll.types import FeedCheck, FeedState

T = TypeVar("T")

Before = dict[str, tuple[FeedState | None, FeedCheck | None]]
"""Every feed's state and last check when a cycle began, by feed id."""


@dataclass(frozen=True)
class Cycle:
    """What the polls of one cycle share: the thread the store's heavy work runs in, a
    lock that keeps the store's work one at a time wherever it runs, and every feed's
    state and check row as they were when the cycle began (one read, not one per feed;
    a poll that meets a newer state reloads it, see Tracker._record)."""

    writer: Executor
    before: Before
    lock: threading.Lock = field(default_factory=threading.Lock)


class StoreThread(ThreadPoolExecutor):
    """The one thread a polling cycle's store work runs in, in order. On leaving, the
    work it began is finished and the work not begun is dropped (a cancelled cycle's
    polls that never reached the store are lost whole, as if they had not run)."""

    def __init__(self) -> None:
        super().__init__(1, thread_name_prefix="store")

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown(wait=True, cancel_futures=True)


async def store_work(cycle: Cycle | None, call: Callable[..., T], *args: Any,
                      heavy: bool = False) -> T:
    """``call(*args)``: without a cycle here and now. In a cycle, heavy work (articles
    to judge and analyse) goes to the cycle's store thread, so the event loop keeps
    fetching meanwhile; light work is done here when the store is free, since handing
    it to the thread and back costs more than doing it."""
    if cycle is None:
        return call(*args)
    if not heavy and cycle.lock.acquire(blocking=False):
        try:
            return call(*args)
        finally:
            cycle.lock.release()

    def locked() -> T:
        with cycle.lock:
            return call(*args)

    return await asyncio.get_running_loop().run_in_executor(cycle.writer, locked)
