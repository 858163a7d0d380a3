"""The reader of one story: its names, places and vocabulary, and general data.

Built once per story (the CLDR place index and the language model load on first use,
once per process). :func:`reader_for` puts together what
:func:`tracker.analysis.evidence.read` reads an article with.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from tracker.analysis.categories import LANGUAGES
from tracker.analysis.evidence import Finder, Reader
from tracker.analysis.language import identify_among
from tracker.analysis.lexicon import story_lexicon
from tracker.analysis.names import NameIndex
from tracker.analysis.places import PlaceIndex
from tracker.analysis.quantities import quantities
from tracker.analysis.subdivisions import countries_of, subdivision_index
from tracker.config.story import StorySettings

READABLE = frozenset(LANGUAGES)
"""The languages the general vocabulary covers: reports in others are unreviewed."""


@lru_cache(maxsize=8)
def reader_for(story: StorySettings | None) -> Reader:
    """What articles of ``story`` are read with (general data alone without a story)."""
    actors = {a.id: list(a.variants) for a in story.actors} if story else {}
    places = {p.id: list(p.variants) for p in story.places} if story else {}
    return Reader(
        # The story's places are in its lexicon already (as words of its story file):
        # the place index adds CLDR's names in every locale.
        lexicon=story_lexicon(story), actors=NameIndex.build(actors),
        places=_places(story), identify=language_of, quantities=amounts,
        readable=READABLE, place_ids=frozenset(places))


class WithSubdivisions:
    """CLDR's places, and the first-level subdivisions of the story's side countries
    (``sub:RU-TA``): where in Russia or Afghanistan it happened tells developments
    apart. The subdivisions' index is built at the first text, once per process."""

    def __init__(self, places: Finder, countries: frozenset[str]) -> None:
        self._places = places
        self._countries = countries

    def find(self, text: str) -> frozenset[str]:
        return self._places.find(text) | subdivision_index(self._countries).find(text)


def _places(story: StorySettings | None) -> Finder:
    countries = countries_of(p for side in story.sides for p in side.places) if story else None
    places = PlaceIndex.build()
    return WithSubdivisions(places, countries) if countries else places


def language_of(text: str) -> str | None:
    return identify_among(text, READABLE).code


def amounts(text: str) -> Iterable[str]:
    """The text's amounts as ``"value unit"`` strings, the form evidence compares. Bare
    counts are left out: a death toll, an article number, a day read as a number say
    little about which event it is and much of what a reader missed."""
    return (f"{q.value:g} {q.unit}" for q in quantities(text) if q.unit != "count")
