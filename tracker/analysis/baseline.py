"""The story's baseline: the facts known at the start, loaded from a TOML data file.

The baseline is recorded as events before anything else (``tracker init`` or the first
start), so that every later judgement can cite what was already known.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.analysis.text import strip_marks
from tracker.errors import ConfigError
from tracker.events import BaselineArticleRecorded, BaselineFactRecorded, Event

KINDS = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
         "position")


@dataclass(frozen=True)
class ContradictionPattern:
    fact_id: str
    pattern: re.Pattern[str]
    description: str
    unless: re.Pattern[str] | None = None
    """When this matches the same clause, the text agrees with the fact after all."""


@dataclass(frozen=True)
class Baseline:
    story: str
    published: str
    """ISO date of the newest baseline article."""
    cutoff: str
    """ISO date before which a development is background, not news."""
    articles: tuple[BaselineArticleRecorded, ...]
    facts: tuple[BaselineFactRecorded, ...]
    contradictions: tuple[ContradictionPattern, ...] = ()

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
        story, published = str(data["story"]), str(data["baseline_date"])
        cutoff = str(data.get("cutoff", published))
        contradictions = tuple(_contradiction(raw, {f.fact_id for f in facts})
                               for raw in data.get("contradictions", []))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ConfigError(key, f"{path}: {exc}") from None
    fact_ids = [f.fact_id for f in facts]
    if len(set(fact_ids)) != len(fact_ids):
        raise ConfigError(key, f"{path}: duplicate fact ids")
    return Baseline(story=story, published=published, cutoff=cutoff, articles=articles,
                    facts=facts, contradictions=contradictions)


def _contradiction(raw: dict[str, Any], fact_ids: set[str]) -> ContradictionPattern:
    fact_id = str(raw["fact"])
    if fact_id not in fact_ids:
        raise ValueError(f"contradiction names unknown fact {fact_id!r}")
    # Articles are matched folded (lowercase, no accents), so the pattern loses its
    # accents too: "первой" must still find "первои".
    unless = raw.get("unless")
    return ContradictionPattern(fact_id, re.compile(strip_marks(str(raw["pattern"]))),
                                str(raw.get("description", "")),
                                re.compile(strip_marks(str(unless))) if unless else None)


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
