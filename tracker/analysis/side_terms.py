"""A story's sides with the names that stand for them: its actors' and places' variants.

Pure. The judge (:mod:`tracker.analysis.judge`) matches a side by its terms and by the
names of the people, institutions and places of the story's config that act for it or lie
in it, and keys every name for scripts the config does not spell it in.
"""

from __future__ import annotations

from tracker.config.story import Actor, Place, StorySettings, TermGroup


def side_names(story: StorySettings) -> dict[str, tuple[str, ...]]:
    """Each side's terms (key ``"0"``) and each of its actors' names (``"0:lavrov"``)."""
    names = {str(i): side.terms for i, side in enumerate(story.sides)}
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
    return TermGroup(side.name, tuple(dict.fromkeys([*side.terms, *extra])))
