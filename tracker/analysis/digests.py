"""A digest's own story: the headline's and the text's parts that name the story.

A newsletter or a morning briefing lists several stories in one item: its headline
joins their headlines with bars or semicolons ("Zentralasien kompakt: Usbekistan erhöht
Gaspreise | Russische Firmen schließen Verträge in Kabul | Kirgisistan wählt"), its
text gives each a line or a list item. The other stories' countries are not the places
of the story's report, nor their subjects its concepts: read whole, a digest looks like
news of its own. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

DIGEST_PARTS = 3
"""A headline of this many parts lists stories: two may be one headline's clauses
("Moscow, Kabul sign deal; trade to double")."""
_PARTS = re.compile(r"\s+\|\s+|\s*;\s+")


def story_part(headline: str, body: str, names_story: Callable[[str], bool]
               ) -> tuple[str, str]:
    """``headline`` and ``body`` narrowed to the parts that name the story, when the
    headline lists :data:`DIGEST_PARTS` or more stories and some, not all, name it;
    the text is narrowed to its lines that name it, when some, not all, do."""
    parts = _PARTS.split(headline)
    if len(parts) < DIGEST_PARTS:
        return headline, body
    kept = [part for part in parts if names_story(part)]
    if not kept or len(kept) == len(parts):
        return headline, body
    lines = [line for line in body.split("\n") if line.strip()]
    told = [line for line in lines if names_story(line)]
    if told and len(told) < len(lines):
        body = "\n".join(told)
    return " | ".join(kept), body
