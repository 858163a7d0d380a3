"""The story's baseline: the facts known at the start, loaded from a TOML data file.

The baseline is recorded as events before anything else (``tracker init`` or the first
start), so that every later judgement can cite what was already known.
"""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.analysis.literals import Needs, needed
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
    language: str | None = None
    """The language the pattern reads: its negation cues say when a match is denied.
    None: a pattern for any language, read with every language's cues."""
    scripts: frozenset[str] = frozenset()
    """The scripts of the pattern's own letters: a text in none of them cannot match,
    and is not searched (twenty patterns in a dozen languages are read per article)."""

    def may_match(self, folded: str, text_scripts: TextScripts) -> bool:
        """False only when the pattern cannot match the ``folded`` text: it lacks every
        literal one of which each match holds (:mod:`tracker.analysis.literals`), or a
        letter of the pattern's scripts. The literals are tested first, a substring
        search each: most patterns are ruled out without a look at the scripts."""
        literals = self.literals
        if literals is not None:
            for literal in literals:
                if literal in folded:
                    break
            else:
                return False
        return not self.scripts or text_scripts.meets(self.scripts)

    @functools.cached_property
    def literals(self) -> Needs:
        """The literals one of which every match holds (None: not known)."""
        return needed(self.pattern)


_SCRIPTS = {
    "latin": re.compile(r"[a-zA-Z\u00C0-\u024F]"),
    "cyrillic": re.compile(r"[\u0400-\u052F]"),
    "arabic": re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]"),
    "devanagari": re.compile(r"[\u0900-\u097F]"),
    "cjk": re.compile(r"[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]"),
    "ethiopic": re.compile(r"[\u1200-\u139F]"),
}
_ESCAPE = re.compile(r"\\.")


def scripts_of(text: str) -> frozenset[str]:
    """The scripts (of those the patterns are written in) that ``text`` has letters of."""
    return frozenset(name for name, letters in _SCRIPTS.items() if letters.search(text))


class TextScripts:
    """Which scripts a text has letters of, as :func:`scripts_of` says, each script
    looked for only when a pattern asks: a script the text lacks costs a scan of the
    whole text, and most patterns are ruled out by their literals before."""

    __slots__ = ("_found", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, bool] = {}

    def meets(self, scripts: frozenset[str]) -> bool:
        """Whether the text has letters of one of ``scripts``."""
        for name in scripts:
            found = self._found.get(name)
            if found is None:
                found = self._found[name] = _SCRIPTS[name].search(self._text) is not None
            if found:
                return True
        return False


def _pattern_scripts(pattern: str) -> frozenset[str]:
    # \w, \b, \s are syntax, not letters of the pattern's language.
    return scripts_of(_ESCAPE.sub("", pattern))


@dataclass(frozen=True)
class Baseline:
    story: str
    published: str
    """ISO date of the newest baseline article."""
    articles: tuple[BaselineArticleRecorded, ...]
    facts: tuple[BaselineFactRecorded, ...]
    contradictions: tuple[ContradictionPattern, ...] = ()

    def events(self) -> list[Event]:
        return [*self.articles, *self.facts]


_TOP_KEYS = {"story", "baseline_date", "articles", "facts", "contradictions"}
_ARTICLE_KEYS = {"id", "file", "title", "published", "summary", "sha256"}
_FACT_KEYS = {"id", "kind", "date", "statement", "actors", "sources", "keywords", "once"}
_CONTRADICTION_KEYS = {"fact", "description", "pattern", "unless"}
_KEYWORDS_IN = re.compile(r"^keywords_[a-z]{2,3}$")
"""Keywords may be kept per language: keywords_ru, keywords_fa, keywords_zh, ..."""
_PERIOD = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def load_baseline(path: Path) -> Baseline:
    key = "story.baseline"
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(key, f"cannot read baseline {path}: {exc}") from None
    try:
        _only(data, "", _TOP_KEYS)
        articles = tuple(_article(raw, i) for i, raw in enumerate(data.get("articles", [])))
        article_ids = {a.article_id for a in articles}
        facts = tuple(_fact(raw, i, article_ids) for i, raw in enumerate(data.get("facts", [])))
        story, published = str(data["story"]), str(data["baseline_date"])
        fact_ids = {f.fact_id for f in facts}
        contradictions = tuple(
            rule for i, raw in enumerate(data.get("contradictions", []))
            for rule in _contradictions(raw, i, fact_ids))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ConfigError(key, f"{path}: {_message(exc)}") from None
    if len(fact_ids) != len(facts):
        raise ConfigError(key, f"{path}: duplicate fact ids")
    return Baseline(story=story, published=published, articles=articles, facts=facts,
                    contradictions=contradictions)


def _message(exc: Exception) -> str:
    return f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)


def _only(table: dict[str, Any], where: str, allowed: set[str]) -> None:
    for name in table:
        if name in allowed or (where.startswith("facts[") and _KEYWORDS_IN.match(name)):
            continue
        hint = " (the cut-off is the story's: story.cutoff)" if name == "cutoff" else ""
        raise ValueError(f"{where + '.' if where else ''}{name}: unknown key{hint}")


def _contradictions(raw: dict[str, Any], index: int,
                    fact_ids: set[str]) -> list[ContradictionPattern]:
    where = f"contradictions[{index}]"
    _only(raw, where, _CONTRADICTION_KEYS)
    fact_id = str(raw["fact"])
    if fact_id not in fact_ids:
        raise ValueError(f"{where}.fact names unknown fact {fact_id!r}")
    patterns = _by_language(raw["pattern"], f"{where}.pattern")
    unless = _by_language(raw.get("unless", {}), f"{where}.unless")
    description = str(raw.get("description", ""))
    return [ContradictionPattern(fact_id, _compiled(pattern), description,
                                 _compiled(unless[language]) if language in unless
                                 else (_compiled(unless[None]) if None in unless else None),
                                 language, _pattern_scripts(pattern))
            for language, pattern in patterns.items()]


def _by_language(value: object, where: str) -> dict[str | None, str]:
    """A pattern for any language (a string) or one per language (a table: en = '...')."""
    if isinstance(value, str):
        return {None: value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(language): str(pattern) for language, pattern in value.items()}
    raise ValueError(f"{where} must be a regular expression or a table of them by language")


def _compiled(pattern: str) -> re.Pattern[str]:
    # Articles are matched folded (lowercase, no accents), so the pattern loses its
    # accents too: "первой" must still find "первои".
    return re.compile(strip_marks(pattern))


def _article(raw: dict[str, Any], index: int) -> BaselineArticleRecorded:
    _only(raw, f"articles[{index}]", _ARTICLE_KEYS)
    return BaselineArticleRecorded(
        article_id=str(raw["id"]), title=str(raw.get("title", "")),
        published=raw.get("published"), summary=str(raw.get("summary", "")),
        file=str(raw["file"]), sha256=str(raw["sha256"]),
    )


def _fact(raw: dict[str, Any], index: int, article_ids: set[str]) -> BaselineFactRecorded:
    _only(raw, f"facts[{index}]", _FACT_KEYS)
    fact_id = str(raw["id"])
    kind = str(raw["kind"])
    if kind not in KINDS:
        raise ValueError(f"fact {fact_id}: kind {kind!r} is not one of {', '.join(KINDS)}")
    sources = [str(s) for s in raw.get("sources", [])]
    unknown = set(sources) - article_ids
    if unknown:
        raise ValueError(f"fact {fact_id}: unknown source {sorted(unknown)}")
    date = raw.get("date")
    if date is not None and not _is_period(str(date)):
        raise ValueError(f"fact {fact_id}: date must be a year, month or day such as "
                         f"2025, 2025-07 or 2025-07-03, not {date!r}")
    once = raw.get("once", False)
    if not isinstance(once, bool):
        raise ValueError(f"fact {fact_id}: once must be true or false, not {once!r}")
    for name in ("actors", "sources", *(n for n in raw if n == "keywords"
                                        or _KEYWORDS_IN.match(n))):
        # A string would be read a letter at a time.
        if not isinstance(raw.get(name, []), list):
            raise ValueError(f"fact {fact_id}: {name} must be a list of strings")
    return BaselineFactRecorded(
        fact_id=fact_id, kind=kind, date=None if date is None else str(date),
        statement=str(raw["statement"]), actors=[str(a) for a in raw.get("actors", [])],
        sources=sources,
        keywords=[str(k) for name in sorted(raw) if name == "keywords"
                  or _KEYWORDS_IN.match(name) for k in raw[name]],
        once=once,
    )


def _is_period(value: str) -> bool:
    """Whether ``value`` is an ISO year, month or day (what a fact's period is read from)."""
    if not _PERIOD.fullmatch(value):
        return False
    year, month, day = ([int(p) for p in value.split("-")] + [1, 1])[:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
