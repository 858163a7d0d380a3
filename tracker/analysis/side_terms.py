"""A story's sides with the names that stand for them: its actors' and places' variants.

Pure. The judge (:mod:`tracker.analysis.judge`) matches a side by its terms and by the
names of the people, institutions and places of the story's config that act for it or lie
in it, and keys every name for scripts the config does not spell it in.
"""

from __future__ import annotations

import re

from tracker.analysis.places import stored_places
from tracker.analysis.script import letter_scripts
from tracker.analysis.word_forms import UNSPACED
from tracker.config.story import Actor, Place, StorySettings, TermGroup

STEM_LETTERS = 7
"""Letters of a CLDR name of a side's place that make it a stem of its inflected forms."""
_NOT_LETTER = re.compile(r"[\W\d_]")


def side_names(story: StorySettings) -> dict[str, tuple[str, ...]]:
    """Each side's terms (key ``"0"``) and each of its actors' names (``"0:lavrov"``)."""
    # A term matched only as written ("=Nga") is no name to key for other scripts.
    names = {str(i): tuple(t for t in side.terms if not t.startswith("="))
             for i, side in enumerate(story.sides)}
    sides = {side.name: i for i, side in enumerate(story.sides)}
    for actor in story.actors:
        if actor.side in sides:
            names[f"{sides[actor.side]}:{actor.id}"] = actor.variants
    return names


def with_actors(side: TermGroup, story: StorySettings) -> TermGroup:
    """A side's terms and the names of the actors that act for it and of the places that
    lie in it: naming Lavrov, in any script the story file spells him, names Russia."""
    entries: list[Actor | Place] = [*story.actors, *story.places]
    extra = [v for entry in entries if entry.side == side.name for v in entry.variants]
    places = next((s.places for s in story.sides if s.name == side.name), ())
    # Only in scripts the sides' terms are written in: in another, the judge looks for
    # the places, and the names' transliteration keys, when no term is found.
    scripts = letter_scripts(t for s in story.sides for t in s.terms)
    stems = [n for n in inflected_names(places) if letter_scripts([n]) <= scripts]
    return TermGroup(side.name, tuple(dict.fromkeys([*side.terms, *extra, *stems])))


def inflected_names(place_ids: tuple[str, ...] | list[str]) -> list[str]:
    """The long CLDR names of a side's places as stems (``"owganystan*"``): languages
    that glue their case endings to a name (Turkmen Russiýadan, Owganystana) name the
    side in forms no whole-word term meets, and with no term of the side found the judge
    looks for its places in a headline of another script only. Names of fewer than
    :data:`STEM_LETTERS` letters are left whole (German Moschee would be Moscow's
    mosche*); names in scripts without spaces match anywhere already."""
    stored = stored_places()
    return [name + "*" for place in place_ids for name in stored.get(place, ())
            if len(_NOT_LETTER.sub("", name)) >= STEM_LETTERS and "," not in name
            and not UNSPACED.search(name)]
