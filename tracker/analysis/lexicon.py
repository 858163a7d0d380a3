"""The lexicon one story reads with: general categories plus the story's own words.

Pure, built once per story. The general vocabulary (:mod:`tracker.analysis.categories`)
says what kind of event a text reports; the story's configuration adds who (its actors,
whose matches are weighed as actors), where (its places) and its own event concepts
(a named meeting format, for example). A story concept that reuses a general category's
id adds its terms to that category; one that names a category as its ``is_a`` keeps its
own id and names that category too.
"""

from __future__ import annotations

from functools import lru_cache

from tracker.analysis.categories import vocabulary
from tracker.analysis.concepts import Concept, ConceptTerms, Lexicon, build_lexicon
from tracker.config.story import StorySettings
from tracker.errors import ConfigError


def story_entries(story: StorySettings) -> list[ConceptTerms]:
    """The story's actors, places and concepts as lexicon entries."""
    entries: list[ConceptTerms] = [
        (Concept(actor.id, None, 1.0, actor.name), actor.variants) for actor in story.actors]
    entries += [(Concept(place.id, None, 1.0, None), place.variants) for place in story.places]
    entries += [(Concept(c.id, c.kind, c.weight, None, c.is_a), c.terms)
                for c in story.concepts]
    return entries


@lru_cache(maxsize=8)
def story_lexicon(story: StorySettings | None) -> Lexicon:
    """General vocabulary and, when given, the story's words."""
    general = [category.concept_terms() for category in vocabulary()]
    if story is not None:
        _check_categories(story, {concept.id for concept, _ in general})
    return build_lexicon([*general, *(story_entries(story) if story else [])])


def _check_categories(story: StorySettings, categories: set[str]) -> None:
    """Each story concept's ``is_a`` names a general category."""
    for index, concept in enumerate(story.concepts):
        if concept.is_a is not None and concept.is_a not in categories:
            raise ConfigError(f"story.concepts[{index}].is_a",
                              f"names no general category: {concept.is_a!r} "
                              f"(see tracker/data/categories.toml)")
