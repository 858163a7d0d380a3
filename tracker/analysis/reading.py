"""The reader of one story: its names, places and vocabulary, and general data.

Built once per story (the CLDR place index and the language model load on first use,
once per process). :func:`reader_for` puts together what
:func:`tracker.analysis.evidence.read` reads an article with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from tracker.analysis.categories import LANGUAGES
from tracker.analysis.coreference import what_it_is
from tracker.analysis.evidence import Reader
from tracker.analysis.language import identify_among
from tracker.analysis.lexicon import story_lexicon
from tracker.analysis.names import NameIndex
from tracker.analysis.places import PlaceIndex
from tracker.analysis.quantities import quantities
from tracker.analysis.subdivisions import countries_of, regional, regional_names
from tracker.analysis.term_matcher import Matcher
from tracker.config.story import Actor, StorySettings, TermGroup

READABLE = frozenset(LANGUAGES)
"""The languages the general vocabulary covers: reports in others are unreviewed."""


@lru_cache(maxsize=8)
def reader_for(story: StorySettings | None) -> Reader:
    """What articles of ``story`` are read with (general data alone without a story)."""
    actors = {a.id: _full_names(a) for a in story.actors} if story else {}
    places = {p.id: list(p.variants) for p in story.places} if story else {}
    countries = countries_of(p for side in story.sides for p in side.places) if story else None
    names = _Names(actors, countries or frozenset())
    return Reader(
        # The story's places are in its lexicon already (as words of its story file):
        # the place index adds CLDR's names in every locale.
        lexicon=story_lexicon(story), actors=_Actors(names),
        places=_Places(PlaceIndex.build(), names), identify=language_of,
        quantities=amounts, readable=READABLE, place_ids=frozenset(places),
        institutions=_institutions(story), story_terms=_story_terms(story),
        countries=countries or frozenset())


def _story_terms(story: StorySettings | None) -> Callable[[str], bool]:
    """Whether a phrase is a term of the story's sides or third parties."""
    if story is None:
        return lambda phrase: False
    groups = [*story.sides, *([TermGroup("others", story.others)] if story.others else [])]
    matchers = [Matcher.compile(group) for group in groups]
    return lambda phrase: any(m.find(phrase) for m in matchers)


def _institutions(story: StorySettings | None) -> frozenset[str]:
    """The story's actors that are institutions: as its file says, or as most of their
    names say (a ministry's names hold "foreign ministry")."""
    if story is None:
        return frozenset()
    general = story_lexicon(None)
    return frozenset(a.id for a in story.actors if (
        a.institution if a.institution is not None else bool(what_it_is(a.variants, general))))


def _full_names(actor: Actor) -> list[str]:
    """An actor's variants, its name, and its given names before each one-word variant:
    "Vladimir Putin" and "Владимир путин*" are names, and no region of Vladimir is named
    in them (the given name meets its other scripts by its key)."""
    given = actor.name.rpartition(" ")[0]
    return [actor.name, *actor.variants,
            *(f"{given} {v}" for v in actor.variants if given and " " not in v)]


class _Names:
    """The story's actors and the first-level subdivisions and cities of its side
    countries (``sub:RU-TA``, ``city:AF/Herāt``: where in Russia or Afghanistan it
    happened tells developments apart) in one name index, so that a text is looked up
    once for both. Built at the first text, once per story: the subdivisions' names
    take a second to gather."""

    def __init__(self, actors: dict[str, list[str]], countries: frozenset[str]) -> None:
        self._actors = actors
        self._countries = countries
        self._index: NameIndex | None = None
        self._last: tuple[str, frozenset[str], list[tuple[int, int]]] = ("", frozenset(), [])

    def find(self, text: str) -> tuple[frozenset[str], list[tuple[int, int]]]:
        """The ids named in ``text``, and the word spans of actors' names and of the
        regions' and cities' names of more than one word: no place is named inside one
        ("Khan" in "Amir Khan Muttaqi", "Кабул" in "Кабулов", Indiana's Petersburg in
        "Saint Petersburg")."""
        if text != self._last[0]:
            if self._index is None:
                names = dict(self._actors)
                for country in sorted(self._countries):
                    names.update(regional_names(country))
                self._index = NameIndex.build(names, spelled=names.keys() - self._actors.keys(),
                                              proper=regional)
            spans, unspaced = self._index.found(text)
            held = [(s, e) for s, e, i in spans if not regional(i) or e - s > 1]
            self._last = (text, unspaced.union(i for _, _, i in spans), held)
        return self._last[1], self._last[2]


class _Actors:
    def __init__(self, names: _Names) -> None:
        self._names = names

    def find(self, text: str) -> frozenset[str]:
        return frozenset(i for i in self._names.find(text)[0] if not regional(i))


class _Places:
    def __init__(self, places: PlaceIndex, names: _Names) -> None:
        self._places = places
        self._names = names

    def find(self, text: str) -> frozenset[str]:
        named, held = self._names.find(text)
        regions = [i for i in named if regional(i)]
        return self._places.find(text, held=held).union(regions)


def language_of(text: str) -> str | None:
    return identify_among(text, READABLE).code


def amounts(text: str) -> Iterable[str]:
    """The text's amounts as ``"value unit"`` strings, the form evidence compares. Bare
    counts are left out: a death toll, an article number, a day read as a number say
    little about which event it is and much of what a reader missed."""
    return (f"{q.value:g} {q.unit}" for q in quantities(text) if q.unit != "count")
