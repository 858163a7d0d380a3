"""A headline's bare institution is the one its text names in full.

Pure. Headlines drop what the lede says: "МИД призвал Кабул и Исламабад к сдержанности"
over "…заявили в МИД РФ", "Foreign Ministry urges calm" over "Russia's Foreign Ministry
said…". The headline then names one side (Kabul) and a third party (Islamabad), and
reads as if it were about them; its subject is the other side, named in the text.

What an actor of the story *is* comes from general vocabulary, not from a list: the
general concepts most of its names hold ("МИД России", "وزارة الخارجية الروسية" hold
``foreign_ministry``). A headline that names such a concept, with no place name beside
it, and none of that actor's side, names the side when the text names the actor and
no other institution of its kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from tracker.analysis.categories import vocabulary
from tracker.analysis.concepts import Lexicon
from tracker.analysis.places import PlaceIndex
from tracker.analysis.script import unified_letters
from tracker.analysis.text import alternation, is_acronym
from tracker.config.story import StorySettings, TermGroup

SHORT_WORD = 3
"""Letters of a word such as "of", "du", "der" between an institution and its country."""
_WORD_BEFORE = re.compile(r"([\w'’]+)\W*$")
_WORDS_AFTER = re.compile(r"\W*([\w'’]+)(?:\W+([\w'’]+))?")


class Names(Protocol):
    def find(self, text: str) -> list[str]: ...


@dataclass(frozen=True)
class Institution:
    """An actor of the story that is what general concepts name (a ministry, an
    embassy, a minister), and the side it acts for."""

    side: int
    name: str
    what: frozenset[str]
    names: Names
    """The actor's own names (its variants)."""
    bare: tuple[re.Pattern[str], ...]
    """The general terms of what it is: "МИД", "foreign ministry", "الخارجية"."""


def institutions(story: StorySettings, general: Lexicon,
                 compile_names: Callable[[TermGroup], Names]) -> tuple[Institution, ...]:
    """The story's actors whose names hold a general concept, with their side's index."""
    sides = {side.name: index for index, side in enumerate(story.sides)}
    terms = {category.id: category.concept_terms()[1] for category in vocabulary()}
    found = []
    for actor in story.actors:
        what = what_it_is(actor.variants, general)
        if what and actor.side in sides:
            words = [unified_letters(t) for concept in sorted(what) for t in terms.get(concept, ())]
            found.append(Institution(sides[actor.side], actor.name, what,
                                     compile_names(TermGroup(actor.id, actor.variants)),
                                     _patterns(words)))
    return tuple(found)


def _patterns(terms: list[str]) -> tuple[re.Pattern[str], ...]:
    """Terms as expressions, the ones in capitals (acronyms: МИД, MFA) matching case."""
    folded = [t for t in terms if not is_acronym(t)]
    exact = [t for t in terms if is_acronym(t)]
    return tuple(alternation(group, flags) for group, flags in (
        (folded, re.IGNORECASE), (exact, 0)) if group)


def what_it_is(variants: Sequence[str], general: Lexicon) -> frozenset[str]:
    """The general concepts most of an actor's names hold, among those that hold one:
    every name of a foreign ministry says "foreign ministry"; one Turkish name that
    also says "minister" (bakanlığı) does not make it a minister."""
    held = [{c.id for c in general.find(variant) if not c.actor} for variant in variants]
    held = [concepts for concepts in held if concepts]
    counts = Counter(concept for concepts in held for concept in concepts)
    return frozenset(c for c, n in counts.items() if 2 * n > len(held))


def sides_named_bare(known: Sequence[Institution], general: Lexicon, title: str, body: str,
                     missing: set[int]) -> dict[int, str]:
    """For each side in ``missing`` from the title, the actor the title names bare.

    The title holds a term of what the actor is, with no place name beside it
    ("Pakistan's Foreign Ministry", "МИД Пакистана" are someone else's); the body names
    the actor in full, and no other institution of its kind (as many mentions of the
    kind as of the actor)."""
    candidates = [i for i in known if i.side in missing]
    if not candidates:
        return {}
    in_title = {c.id for c in general.find(title)}
    named: dict[int, str] = {}
    for institution in candidates:
        if institution.side in named or not institution.what & in_title:
            continue
        full = institution.names.find(body)
        kinds = sum(1 for c in general.find(body) if c.id in institution.what)
        if full and kinds <= len(full) and _bare(institution.bare, title):
            named[institution.side] = institution.name
    return named


def _bare(patterns: Sequence[re.Pattern[str]], title: str) -> bool:
    """Whether a mention in ``title`` has no place name for a word beside it."""
    places = PlaceIndex.build()
    title = unified_letters(title)  # as the patterns' terms
    return any(not any(places.find(word) for word in _beside(title, match))
               for pattern in patterns for match in pattern.finditer(title))


def _beside(title: str, match: re.Match[str]) -> list[str]:
    """The word before a mention and the word after it, and the next one when that one
    is short ("Ministry of Pakistan", "ministère des Affaires étrangères du Pakistan")."""
    words = []
    before = _WORD_BEFORE.search(title[:match.start()])
    if before:
        words.append(before[1])
    after = _WORDS_AFTER.match(title, match.end())
    if after:
        words.append(after[1])
        if len(after[1]) <= SHORT_WORD and after[2]:
            words.append(after[2])
    return words
