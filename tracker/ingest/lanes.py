"""HTTP clients of one connection each, one per fetch that may run at once.

An httpx client shares its connections through one pool, and that pool looks over every
connection it holds (is it closed, expired, idle; is its socket readable) for every
request that starts or ends: with sixteen connections this bookkeeping cost more than
the requests themselves, most of a warm cycle's time. A lane is a client whose pool
holds at most one connection, taken by one fetch at a time. A fetch takes a free lane
already connected to its host when there is one, so keep-alive still saves most
connections; otherwise the lane left free longest, whose connection is the stalest.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx


class Lanes:
    def __init__(self, count: int, make_client: Callable[[], httpx.AsyncClient]) -> None:
        self.clients = [make_client() for _ in range(count)]
        self._free = list(range(count))
        self._host: dict[int, str] = {}
        """The host each lane last talked to (whose connection it may keep alive)."""
        self._slots = asyncio.Semaphore(count)

    @asynccontextmanager
    async def take(self, host: str) -> AsyncIterator[httpx.AsyncClient]:
        """A free lane's client for a request to ``host``, waiting for one if need be."""
        async with self._slots:
            lane = self._pick(host)
            try:
                yield self.clients[lane]
            finally:
                self._host[lane] = host
                self._free.append(lane)

    def _pick(self, host: str) -> int:
        for index in range(len(self._free) - 1, -1, -1):
            if self._host.get(self._free[index]) == host:
                return self._free.pop(index)
        return self._free.pop(0)

    async def aclose(self) -> None:
        for client in {id(c): c for c in self.clients}.values():
            await client.aclose()
