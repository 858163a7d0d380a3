"""The story's baseline: the facts known at the start, loaded from a TOML data file.

The baseline is recorded as events before anything else (``tracker init`` or the first
start), so that every later judgement can cite what was already known.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.errors import ConfigError
from tracker.events import BaselineArticleRecorded, BaselineFactRecorded, Event

KINDS = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
         "position")


@dataclass(frozen=True)
class Baseline:
    story: str
    cutoff: str
    """ISO date after which a development counts as news."""
    articles: tuple[BaselineArticleRecorded, ...]
    facts: tuple[BaselineFactRecorded, ...]

    def events(self) -> list[Event]:
        return [*self.articles, *self.facts]


def load_baseline(path: Path) -> Baseline:
    key = "story.baseline"
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(key, f"cannot read baseline {path}: {exc}") from None
    try:
        articles = tuple(_article(raw) for raw in data.get("articles", []))
        article_ids = {a.article_id for a in articles}
        facts = tuple(_fact(raw, article_ids) for raw in data.get("facts", []))
        story, cutoff = str(data["story"]), str(data["baseline_date"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(key, f"{path}: {exc}") from None
    fact_ids = [f.fact_id for f in facts]
    if len(set(fact_ids)) != len(fact_ids):
        raise ConfigError(key, f"{path}: duplicate fact ids")
    return Baseline(story=story, cutoff=cutoff, articles=articles, facts=facts)


def _article(raw: dict[str, Any]) -> BaselineArticleRecorded:
    return BaselineArticleRecorded(
        article_id=str(raw["id"]), title=str(raw.get("title", "")),
        published=raw.get("published"), summary=str(raw.get("summary", "")),
        file=str(raw["file"]), sha256=str(raw["sha256"]),
    )


def _fact(raw: dict[str, Any], article_ids: set[str]) -> BaselineFactRecorded:
    fact_id = str(raw["id"])
    kind = str(raw["kind"])
    if kind not in KINDS:
        raise ValueError(f"fact {fact_id}: kind {kind!r} is not one of {', '.join(KINDS)}")
    sources = [str(s) for s in raw.get("sources", [])]
    unknown = set(sources) - article_ids
    if unknown:
        raise ValueError(f"fact {fact_id}: unknown source {sorted(unknown)}")
    date = raw.get("date")
    return BaselineFactRecorded(
        fact_id=fact_id, kind=kind, date=None if date is None else str(date),
        statement=str(raw["statement"]), actors=[str(a) for a in raw.get("actors", [])],
        sources=sources,
        keywords=[str(k) for k in (*raw.get("keywords", []), *raw.get("keywords_ru", []))],
    )
