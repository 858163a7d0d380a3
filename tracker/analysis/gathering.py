"""Sides that are only the subject of a gathering of many states: "Putin attends regional
summit focused on Afghanistan", "ŞİÖ zirvesi: Putin katıldı, gündemde Afganistan var".

Pure. At a summit the parties are the states' leaders and delegations; a side named there
only by its country's name (Afghanistan, Афганистан, افغانستان, 阿富汗: a CLDR territory,
not its government, people or officials) is a subject on the agenda, not a party meeting
the other side. A gathering of the story's own (a concept its config defines, such as the
Moscow Format) is the story's event and does not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from tracker.analysis.categories import vocabulary
from tracker.analysis.concepts import Lexicon, build_lexicon
from tracker.analysis.places import PlaceIndex

DIPLOMACY = "diplomacy"
"""The kind of the story's own gatherings (its config's concepts: the Moscow Format);
its other concepts (the third states it names) say nothing of who meets."""
GATHERINGS = frozenset({"summit"})
"""The general categories that name a gathering of many states' leaders."""
STEPS = frozenset({"economy", "humanitarian"})
"""Kinds of the steps one state takes with another (trade, transit, flights, aid): named
beside a side at a summit ("Putin at SCO summit: Russia will expand trade with
Afghanistan"), the side is a party to the step, not the agenda's subject. A summit's own
agenda is the situation and its security, which these kinds do not name."""


def gathering_subjects(text: str, hits: Sequence[Sequence[str]],
                       story_concepts: Lexicon | None) -> frozenset[int]:
    """The sides (indices into ``hits``, each side's matched strings in ``text``) that
    ``text``, about a gathering of many states, names only by their country's name."""
    subjects = frozenset(i for i, side_hits in enumerate(hits)
                         if side_hits and all(_is_country(hit) for hit in side_hits))
    if not subjects or not _gatherings().find(text) or _steps().find(text):
        return frozenset()
    if story_concepts is not None and any(
            c.kind == DIPLOMACY and c.id not in _general_ids()
            for c in story_concepts.find(text)):
        return frozenset()
    return subjects


@cache
def _gatherings() -> Lexicon:
    """The gathering categories alone: their words are the general talks' words too."""
    return build_lexicon(c.concept_terms() for c in vocabulary() if c.id in GATHERINGS)


@cache
def _steps() -> Lexicon:
    return build_lexicon(c.concept_terms() for c in vocabulary() if c.kind in STEPS)


@cache
def _general_ids() -> frozenset[str]:
    return frozenset(c.id for c in vocabulary())


@cache
def _is_country(name: str) -> bool:
    """Whether ``name`` is a country's name in some CLDR locale (not a city, a people's
    adjective or an official)."""
    found = PlaceIndex.build().find(name)
    return bool(found) and all(len(place) == 2 and place.isupper() for place in found)
