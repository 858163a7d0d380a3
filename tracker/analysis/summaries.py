"""How an update is told: its one-line summary, chosen among its sources' headlines.

Pure. The most central headline (the one whose evidence is most typical of the update)
in the story's language; when no source is in that language, the most central headline
with its language named. Never a headline cut mid-word.
"""

from __future__ import annotations

import math

from tracker.analysis.grouping import Headline, UpdateProfile


def centrality(headline: Headline, update: UpdateProfile) -> float:
    """How typical a source's evidence is of its update (the share-weighted overlap)."""
    features = dict(headline.features)
    total = math.fsum(features.values())
    if not total:
        return 0.0
    return math.fsum(w * update.share(k) for k, w in features.items()) / total


def summary_of(update: UpdateProfile, language: str) -> tuple[str, str | None, str | None]:
    """The update's one-line summary, its language and the article it comes from.

    The most central headline in the story's ``language``; when no source is in that
    language, the most central headline, prefixed with its language so a reader knows
    what they are looking at.
    """
    if not update.headlines:
        return "", None, None
    own = [h for h in update.headlines if h.language == language]
    pool = own or update.headlines
    chosen = max(enumerate(pool), key=lambda p: (round(centrality(p[1], update), 6), -p[0]))[1]
    text = one_line(chosen.text)
    if not own and chosen.language:
        text = f"[{chosen.language}] {text}"
    return text, chosen.language, chosen.article_id


def one_line(text: str, limit: int = 200) -> str:
    """A headline on one line, shortened at a word boundary, never mid-word."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
