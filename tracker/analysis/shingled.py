"""Recent articles by the shingles of their leads, for copy detection.

Pure. :meth:`tracker.analysis.compare.Knowledge.original_of` finds the recent articles
that share a lead's rarest shingles; :class:`ShingleIndex` keeps, for each shingle, the
recent articles whose leads hold it.

Most shingles are one article's: their entry is that article's id, not a set of one.
An index of a few thousand recent articles holds tens of thousands of shingles, and so
many sets of one were as many objects to make and free with every article, and for the
garbage collector to look through at each of its passes. A shingle's entry is a set
from its second article on, until it holds none: every set is built by the same steps
as when each entry was a set, and so iterates in the same order (which article is the
original among equally close ones depends on that order).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from itertools import repeat


class ShingleIndex:
    """The ids of the recent articles whose leads hold each shingle."""

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held: dict[str, str | set[str]] = {}

    def __len__(self) -> int:
        """How many shingles some recent article holds."""
        return len(self._held)

    def add(self, article_id: str, shingles: Iterable[str]) -> None:
        held = self._held
        for shingle in shingles:
            holders = held.get(shingle)
            if holders is None:
                held[shingle] = article_id
            elif isinstance(holders, str):
                held[shingle] = {holders, article_id}
            else:
                holders.add(article_id)

    def remove(self, article_id: str, shingles: Iterable[str]) -> None:
        held = self._held
        for shingle in shingles:
            holders = held.get(shingle)
            if isinstance(holders, str):
                if holders == article_id:
                    del held[shingle]
            elif holders is not None:
                holders.discard(article_id)
                if not holders:
                    del held[shingle]

    def counts(self, shingles: Sequence[str]) -> list[int]:
        """How many recent articles hold each of ``shingles``, in their order."""
        held = self._held
        return [1 if isinstance(h, str) else len(h) for h in map(held.get, shingles, repeat(()))]

    def holders(self, shingles: Iterable[str]) -> set[str]:
        """The recent articles that hold one of ``shingles``."""
        held = self._held
        return set().union(*(_ids(held.get(s, ())) for s in shingles))


def _ids(held: str | Collection[str]) -> Collection[str]:
    return (held,) if isinstance(held, str) else held
