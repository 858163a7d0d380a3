"""General event categories of news, in many languages: what kind of event a text reports.

Pure. The vocabulary ships with the package (``tracker/data/categories.toml``) and holds
no story: diplomacy (recognition, credentials, embassies, talks, visits), trade and the
economy (energy, transit, flights, minerals, agriculture, telecommunications, labour,
water, construction, factories), security (terrorism, arms, bases, borders, drugs), aid
and society (humanitarian aid, disasters, refugees, education, health, rights, culture),
law (courts, sanctions, ban lists), international bodies (the UN, the SCO, ...),
statements of position and other subjects (sport, religion), each in at least the
languages of :data:`LANGUAGES`. A story's own actors,
places and concepts come from its configuration (:mod:`tracker.analysis.lexicon`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tracker.analysis.concepts import KINDS, Concept, ConceptTerms, Lexicon, build_lexicon
from tracker.analysis.uzbek import both_scripts

LANGUAGES = ("en", "ru", "uk", "ar", "fa", "ps", "ur", "tr", "zh", "hi", "de", "fr", "it",
             "es", "pl", "uz", "kk", "tg", "pt", "bg", "nl", "cs", "ro", "el", "hu", "sr", "hr",
             "az", "hy", "ka", "bn", "sw", "id", "ja", "ko", "mk", "ky", "tk", "he", "th", "ta",
             "mr", "te", "vi")
"""Languages every kind of event has words in (the tests hold the data to this)."""

_FIELDS = {"kind", "weight", "is_a"}
UZBEK = "uz"


@dataclass(frozen=True)
class Category:
    id: str
    kind: str | None
    """One of :data:`KINDS`; None when the category helps matching but has no kind."""
    weight: float
    terms: Mapping[str, tuple[str, ...]]
    """Terms by language code."""
    is_a: str | None = None
    """Another category this one is one of, which its terms name too (a summit is talks)."""

    def concept_terms(self) -> ConceptTerms:
        every = [term for terms in self.terms.values() for term in terms]
        return Concept(self.id, self.kind, self.weight, None, self.is_a), every


@cache
def vocabulary() -> tuple[Category, ...]:
    """The general categories, read once from the package data."""
    raw = resources.files("tracker").joinpath("data/categories.toml").read_text("utf-8")
    found = tuple(_category(name, entry) for name, entry in tomllib.loads(raw).items())
    ids = {category.id for category in found}
    for category in found:
        if category.is_a is not None and category.is_a not in ids:
            raise ValueError(f"categories.{category.id}.is_a: no category {category.is_a!r}")
    return found


def _category(name: str, entry: dict[str, object]) -> Category:
    kind = entry.get("kind", "none")
    if kind != "none" and kind not in KINDS:
        raise ValueError(f"categories.{name}.kind: unknown kind {kind!r}")
    weight = entry.get("weight", 1.0)
    if not isinstance(weight, int | float):
        raise ValueError(f"categories.{name}.weight: must be a number")
    terms: dict[str, tuple[str, ...]] = {}
    for key, value in entry.items():
        if key in _FIELDS:
            continue
        if not (key.isalpha() and key.islower() and len(key) in (2, 3)):
            raise ValueError(f"categories.{name}.{key}: unknown key (kind, weight or a "
                             f"language code)")
        if not isinstance(value, list) or not all(isinstance(t, str) and t for t in value):
            raise ValueError(f"categories.{name}.{key}: must be a list of terms")
        # Uzbek is written in Latin and in Cyrillic: each term is read in both.
        terms[key] = both_scripts(value) if key == UZBEK else tuple(value)
    is_a = entry.get("is_a")
    if is_a is not None and not isinstance(is_a, str):
        raise ValueError(f"categories.{name}.is_a: must be a category's id")
    return Category(name, None if kind == "none" else str(kind), float(weight), terms, is_a)


@cache
def general_lexicon() -> Lexicon:
    """The lookup of the general categories alone."""
    return build_lexicon(c.concept_terms() for c in vocabulary())


def categories(text: str) -> Mapping[str, float]:
    """The kinds of event ``text`` speaks of, each with the weight of its words found.

    Matching folds the text (lowercase, accents and combining marks dropped), so
    inflected and accented forms meet the listed terms."""
    totals: dict[str, float] = {}
    for concept in general_lexicon().find(text):
        if concept.kind is not None:
            totals[concept.kind] = totals.get(concept.kind, 0.0) + concept.weight
    return totals
