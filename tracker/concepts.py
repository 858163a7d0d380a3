"""The concept lexicon: many languages' words for what a statement is about.

A concept is an id (``aid``, ``credentials``, ``putin``), a kind of update it points
to, and its terms. Two articles in different languages that share concepts are
comparable; the kinds of the concepts found decide the kind of an update. The lexicon
ships in ``tracker/data/concepts.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tracker.text import fold, is_acronym, term_pattern

KINDS = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
         "position")


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str | None
    weight: float
    actor: str | None


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, Concept]
    folded: re.Pattern[str]
    """Lowercase terms, matched on folded text."""
    exact: re.Pattern[str] | None
    """Terms in capitals (acronyms), matched case-sensitively on the raw text."""

    def find(self, text: str) -> list[Concept]:
        """Concepts mentioned in ``text``, once per mention, in no particular order."""
        found = [self.concepts[_concept_of(m)] for m in self.folded.finditer(_fold(text))]
        if self.exact is not None:
            found += [self.concepts[_concept_of(m)] for m in self.exact.finditer(text)]
        return found

    def matched_text(self, text: str) -> list[str]:
        """The words that concepts matched, so callers can set them apart."""
        found = [m.group(0) for m in self.folded.finditer(_fold(text))]
        if self.exact is not None:
            found += [m.group(0) for m in self.exact.finditer(text)]
        return found


def _fold(text: str) -> str:
    return fold(text, transliterate=False)


def _concept_of(match: re.Match[str]) -> str:
    assert match.lastgroup is not None
    return match.lastgroup.removeprefix("c_").rsplit("__", 1)[0]


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    if path is None:
        raw = resources.files("tracker").joinpath("data/concepts.toml").read_text("utf-8")
    else:
        raw = path.read_text("utf-8")
    data = tomllib.loads(raw)
    concepts: dict[str, Concept] = {}
    # One named group per term, longest pattern first, so that a phrase of one concept
    # ("security council") wins over a word of another ("security").
    folded_parts: list[tuple[str, str]] = []
    exact_parts: list[tuple[str, str]] = []
    for concept_id, entry in data.items():
        kind = entry.get("kind", "none")
        if kind != "none" and kind not in KINDS:
            raise ValueError(f"concept {concept_id}: unknown kind {kind!r}")
        concepts[concept_id] = Concept(concept_id, None if kind == "none" else kind,
                                       float(entry.get("weight", 1.0)), entry.get("actor"))
        terms = [str(t) for t in entry["terms"]]
        for index, term in enumerate(terms):
            target = exact_parts if is_acronym(term) else folded_parts
            target.append((f"c_{concept_id}__{index}",
                           term_pattern(term if is_acronym(term) else _fold(term))))
    return Lexicon(concepts=concepts, folded=_groups(folded_parts),
                   exact=_groups(exact_parts) if exact_parts else None)


def _groups(parts: list[tuple[str, str]]) -> re.Pattern[str]:
    ordered = sorted(parts, key=lambda part: len(part[1]), reverse=True)
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in ordered))


