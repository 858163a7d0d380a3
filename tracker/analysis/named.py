"""Where the names of two reports meet, across scripts with and without capitals.

Pure. A report's names (:attr:`~tracker.analysis.grouping.Evidence.names`) are of two
kinds (:mod:`tracker.analysis.proper_names`): a capitalised name's vowel-kept key
(``v:faratanakaf`` for Veretennikov, Веретенников) and the consonant skeleton of every
word of a caseless script (``c:frtnkf`` for ورتنیکوف, but also ``c:tfmnm`` for the word
"memorandum"). A skeleton is a name only where it meets a capitalised name's
(:func:`~tracker.analysis.names.skeleton`) on the other side; two skeletons meeting are
two reports sharing a word. :func:`resolved` puts a report's names in the update's terms
before they are weighed: a skeleton the update has as a name becomes that name's key,
and a skeleton that meets no name is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Protocol

from tracker.analysis.names import skeleton

NAME = "k:"
CAPITALISED = "k:v:"
SPELT = "k:c:"


def spellings(features: Iterable[str]) -> dict[str, str]:
    """The skeleton feature of each capitalised name among ``features``, to its key."""
    return {NAME + skeleton(k[len(NAME):]): k for k in features if k.startswith(CAPITALISED)}


def resolved(features: Mapping[str, float], spelt: Mapping[str, str]) -> Mapping[str, float]:
    """``features`` with their names as an update has them (``spelt``: its capitalised
    names by skeleton, :func:`spellings`): a skeleton that is one of its names becomes
    that name's key; one that is not the update does not count (it counts its sources'
    skeletons apart, :func:`count_names`)."""
    # A skeleton that meets no name needs no dropping: the update does not count it.
    meeting = spelt.keys() & features.keys()
    if not meeting:
        return features
    found = dict(features)
    for key in meeting:
        found[spelt[key]] = found.pop(key)
    return found


class Counted(Protocol):
    """An update's counts of its sources' features and names
    (:class:`~tracker.analysis.grouping.UpdateProfile`)."""

    @property
    def counts(self) -> Counter[str]: ...
    @property
    def spelt(self) -> dict[str, str]: ...
    @property
    def words(self) -> Counter[str]: ...
    @property
    def tongues(self) -> dict[str, set[str]]: ...
    @property
    def persons(self) -> set[str]: ...


class Source(Protocol):
    """A source's language and full names (:class:`~tracker.analysis.grouping.Evidence`)."""

    @property
    def language(self) -> str | None: ...
    @property
    def people(self) -> frozenset[str]: ...


def count_names(features: Mapping[str, float], source: Source, update: Counted
                ) -> dict[str, float]:
    """Count one more source's features and full names in ``update``, names as names:
    a caseless script's word that is one of the update's capitalised names (or becomes
    one, once a source writes it with a capital) counts as that name, and the rest of
    those words apart (:attr:`~tracker.analysis.grouping.UpdateProfile.words`). Gives
    the features without those words, for the update to weigh."""
    spelt, words, counts = update.spelt, update.words, update.counts
    for bare, name in spellings(features).items():
        if bare not in spelt:
            spelt[bare] = name
            counts[name] += words.get(bare, 0)
    kept = {k: w for k, w in features.items() if not k.startswith(SPELT)}
    named = {k for k in kept if k.startswith(CAPITALISED)}
    for key in features:
        if key.startswith(SPELT):
            if key in spelt:
                named.add(spelt[key])
            words[key] += 1
    counts.update({*kept, *named})
    for key in named:
        update.tongues.setdefault(key, set()).add(source.language or "")
    update.persons.update(NAME + key for key in source.people)
    return kept


def people_of(update: Counted, least: float) -> frozenset[str]:
    """The names at least ``least`` of an update's sources give, each in two languages
    or more and as a full name by one: a person's name, which every language writes, not
    a word one language capitalises ("Format", "Ministry"), an agency's ("Reuters") nor a
    place's that no table knows in two languages ("Мазар-и-Шариф")."""
    counts, persons = update.counts, update.persons
    return frozenset(k for k, tongues in update.tongues.items()
                     if len(tongues) > 1 and counts[k] >= least and k in persons)


class Named(Protocol):
    """An update as far as its names go (:class:`~tracker.analysis.grouping.UpdateProfile`)."""

    @property
    def spelt(self) -> Mapping[str, str]: ...
    def people(self) -> frozenset[str]: ...


def meets(features: Mapping[str, float], spelt: Mapping[str, str],
          names: AbstractSet[str]) -> bool:
    """Whether a report's features name one of ``names`` (capitalised names' keys), in
    any script (``spelt``: the skeletons of those names' update)."""
    if not names:
        return False
    return not names.isdisjoint(features) or any(
        spelt[k] in names for k in spelt.keys() & features.keys())


def named_apart(features: Mapping[str, float], update: Named) -> bool:
    """Whether a report that names someone (a person's full name, or a name another
    update is about) names none of the people of an update's core, named there in two
    languages or more: another deputy minister's visit to the same city that week,
    another businessman's contract. A name it shares that is no person's (a place
    written as no table knows it, "Mazar-i-Sharif") does not make it the update's. The
    caller says whether the report names someone."""
    people = update.people()
    return bool(people) and not meets(features, update.spelt, people)
