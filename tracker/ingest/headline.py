"""A feed headline without the publisher's name that the feed appends to it.

Aggregators and many news sites end each headline with the outlet's name after a
separator: "Lavrov arrives in Kabul - Tolo News", "… | Kabul Frontier Times",
"… — Схід-Захід", "标题_亚洲时讯网", "标题-中亚观察". The name is no part of the news: an
outlet called "Kabul Times" or "Termiz Tongi" would otherwise make every headline name a
city, and a restatement would look new by the outlet's words. The feed says who the
publisher is (the item's ``<source>``, else the channel's title), so only a trailing
segment that is that name is taken off: a headline's own last clause ("Moscow, Kabul
sign deal - report") stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SEPARATOR = re.compile(r"(?:\s+[-–—|:~•·]+\s+|\s*[|_｜]\s*|(?<=[^\W\d_])[-–—](?=[^\W\d_]))")
"""Between headline and name: a spaced dash, bar or bullet; a bar or an underscore with
or without spaces; an unspaced dash between letters (Chinese sites: "开馆-中亚观察")."""


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def without_publisher(title: str, publishers: Iterable[str | None]) -> str:
    """``title`` without a trailing separator and one of ``publishers``' names.

    A name matches when it is the whole last segment, or the last segment is the name's
    first part before its own separator (the channel "Tolo News - Latest" signs its
    headlines "- Tolo News"). A headline that would be left empty keeps its words."""
    keys = set()
    for name in publishers:
        if not name or not name.strip():
            continue
        keys.add(_key(name))
        first = _SEPARATOR.split(name.strip(), maxsplit=1)[0]
        keys.add(_key(first))
    keys.discard("")
    if not keys:
        return title
    for match in reversed(list(_SEPARATOR.finditer(title))):
        head, tail = title[:match.start()], title[match.end():]
        if _key(tail) in keys and head.strip():
            return head.rstrip()
    return title
