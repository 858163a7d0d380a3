"""Which literal text a regular expression cannot match without: a cheap test first.

A regular expression of alternatives (``(?:revoc\\w*|ritir\\w*|...)\\s+...riconosc\\w*``)
is tried at every position of a text, and most texts hold no match. Every match of
such an expression holds one of a few literal strings (here ``riconosc``), and a
substring test in C rules a text out in a fraction of the time. :func:`may_match` says
False only when the expression cannot match, so a caller that skips the search then
finds exactly what the search would have found.

The literals are read from the expression's parse tree (``re._parser``): a run of
literal characters in a sequence must appear as written; an alternation needs one of
its branches' literals; a group, or a repeat of at least one, needs its content's.
Anything else (classes, lookarounds, back references, case-insensitive parts, a parser
that changed) contributes nothing, so an expression whose literals are not known is
always searched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

Needs = frozenset[str] | None
"""Literals one of which every match holds, or None when nothing is known."""

MIN_LITERAL = 3
"""Shorter literals are in nearly every text: testing for them rules nothing out."""


_KNOWN: dict[int, tuple[re.Pattern[str], Needs]] = {}
"""Patterns met, by identity (the pattern is kept, so that its id is not reused)."""
_KNOWN_SIZE = 1024


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when ``pattern`` cannot match anywhere in ``text``."""
    known = _KNOWN.get(id(pattern))
    if known is None or known[0] is not pattern:
        if len(_KNOWN) >= _KNOWN_SIZE:
            _KNOWN.clear()
        known = _KNOWN[id(pattern)] = (pattern, needed(pattern))
    needs = known[1]
    if needs is None:
        return True
    for literal in needs:
        if literal in text:
            return True
    return False


def needed(pattern: re.Pattern[str]) -> Needs:
    """The literals one of which every match of ``pattern`` holds (None if unknown)."""
    # Remembered by the expression's text: a compiled pattern hashes its whole program.
    return _needed(pattern.pattern, pattern.flags)


@functools.lru_cache(maxsize=256)
def _needed(source: str, flags: int) -> Needs:
    if flags & re.IGNORECASE or not isinstance(source, str):
        return None
    try:
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(source, flags)
        needs = _sequence(list(tree))
    except Exception:  # noqa: BLE001 -- an unknown parser: search as before
        return None
    if needs is None or min(len(literal) for literal in needs) < MIN_LITERAL:
        return None
    return needs


def _sequence(items: Sequence[tuple[Any, Any]]) -> Needs:
    """What a sequence of parsed items needs: the best of its literal runs and of what
    its items need each."""
    from re import _constants as c  # type: ignore[attr-defined]

    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is c.LITERAL:
            run.append(chr(value))
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        found = _item(op, value)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset(["".join(run)]))
    # Any one set is needed; the one whose shortest literal is longest rules out most.
    return max(options, key=lambda needs: min(map(len, needs)), default=None)


def _item(op: Any, value: Any) -> Needs:
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.SUBPATTERN:
        _, add_flags, del_flags, content = value
        return None if add_flags or del_flags else _sequence(list(content))
    if op is c.ATOMIC_GROUP:
        return _sequence(list(value))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        least, _, content = value
        return _sequence(list(content)) if least >= 1 else None
    if op is c.BRANCH:
        branches = [_sequence(list(branch)) for branch in value[1]]
        if any(needs is None for needs in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None
