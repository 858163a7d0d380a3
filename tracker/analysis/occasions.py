"""What tells two occasions of one kind apart, however alike their reports read.

Pure. Used by :mod:`tracker.analysis.grouping`: the same people do the same kind of
thing more than once, and a report's words cannot tell which time it tells of; its
numbers can. The 6th and the 7th meeting, 40 tonnes of aid and 20 tonnes, are two
events (:func:`told_apart`); "the second aid flight" days after reports of a flight
that give no number is the second flight (:func:`numbered_once`); a call days after a
meeting in person is another contact between the same people (:func:`told_by_mode`);
flights from Ufa are not the flights from Yekaterinburg (:func:`elsewhere`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from tracker.analysis.cities import stored_cities

AMOUNT_ROUNDING = 0.05
"""How far apart two amounts in one unit may be and still be one amount told rounded:
reports round a shipment's 12,400 tonnes to "about 12,000", never 40 tonnes to 20."""
COPY_SLACK_DAYS = 2
"""How far apart the days two near-identical texts print may be and still be one story
and its copy."""
CALL = "phone_call"
"""The general concept of a contact at a distance: a call and a meeting in person days
apart are two occasions, however alike their people (see :func:`told_by_mode`)."""
SIDELINE = "sidelines"
"""The general concept of a meeting on a gathering's sidelines: two people's talks at a
conference are not the conference, however alike their reports (the same people, city
and days)."""
GATHERING = frozenset({"conference", "summit", "exhibition"})
"""The general concepts of the gatherings on whose sidelines people meet."""
REMOTE = f"c:{CALL}"
SIDELINES = f"c:{SIDELINE}"
GATHERINGS = tuple(f"c:{concept}" for concept in sorted(GATHERING))
"""The same concepts as evidence features (:meth:`~tracker.analysis.grouping.Evidence.features`)."""
MODES = (REMOTE, SIDELINES)
"""The ways of meeting whose reports and others' may be of two occasions."""


def numbers_and_amounts(features: Iterable[str]) -> dict[str, set[str]]:
    """Occurrence numbers under ``"o"``, amounts under their unit: ``{"o": {"o:7"},
    "tonne": {"q:20 tonne"}}``."""
    found: dict[str, set[str]] = {}
    for key in features:
        if key.startswith("o:"):
            found.setdefault("o", set()).add(key)
        elif key.startswith("q:"):
            found.setdefault(key.rpartition(" ")[2], set()).add(key)
    return found


def told_apart(told: Mapping[str, set[str]], theirs: Mapping[str, set[str]]) -> bool:
    """A number or an amount (in one unit) an update's sources give (``theirs``), but
    never this report (``told``). An amount within :data:`AMOUNT_ROUNDING` of one of
    theirs is the same amount told rounded ("12.4 thousand tonnes", "about 12,000
    tonnes"); an occurrence number is never rounded."""
    return any(kind in theirs and not _agree(keys, theirs[kind], kind)
               for kind, keys in told.items())


def _agree(mine: set[str], theirs: set[str], kind: str) -> bool:
    if mine & theirs:
        return True
    if kind == "o":
        return False
    return any(abs(a - b) <= AMOUNT_ROUNDING * max(a, b)
               for a in map(_amount, mine) for b in map(_amount, theirs))


def _amount(key: str) -> float:
    """The value of an amount's feature key ("q:12400 tonne")."""
    return float(key[2:].partition(" ")[0])


def numbered_once(told: Mapping[str, set[str]], theirs: Mapping[str, set[str]]) -> bool:
    """Whether one side numbers its occurrence and the other does not ("the second aid
    flight" and "Russia sends aid"): then only reports of the same days are of one
    event, since a number says another occurrence came before."""
    return ("o" in told) != ("o" in theirs)


def told_by_mode(features: Mapping[str, float], mode: bool | None) -> bool:
    """A report of a call and an update no source of which tells one (``mode`` False),
    or the reverse (True): days apart, "Lavrov and Muttaqi spoke by phone" is not
    Monday's meeting in Moscow. ``mode`` None: the update's sources tell both."""
    return mode is not None and mode != (REMOTE in features)


def apart_by_mode(mine: bool | None, theirs: bool | None) -> bool:
    """Two updates days apart, one all calls, the other none (see :func:`told_by_mode`)."""
    return mine is not None and theirs is not None and mine != theirs


def sidelines_apart(features: Mapping[str, float], core: Iterable[str],
                    sidelines: bool | None) -> bool:
    """Whether a report of a meeting on a gathering's sidelines and an update of the
    gathering (none of its sources tells the sidelines, its core names the gathering) are
    two occasions; or the reverse, a report that names the gathering and no sidelines and
    an update every source of which tells a meeting on its sidelines; or two meetings on
    the sidelines, told by other people (the update's core names people, the report none
    of them). ``sidelines``: the update's mode (see :func:`told_by_mode`). A report that
    names neither the gathering nor the sidelines may be of either."""
    told = SIDELINES in features
    if sidelines is None:
        return False
    if told == sidelines:
        return told and without_its_people(features, core)
    if told:
        return any(k in core for k in GATHERINGS)
    return any(k in features for k in GATHERINGS)


def without_its_people(features: Iterable[str], core: Iterable[str]) -> bool:
    """Whether an update's core names people (every source of a visit names the
    visitor) and a report names none of them: days away from the update's days, another
    official's visit to the same capital that week."""
    people = [k for k in core if k[0] == "a"]
    return bool(people) and not any(k in features for k in people)


def others_people(features: Mapping[str, float], core: Iterable[str],
                  named: Mapping[str, int]) -> bool:
    """Whether a report that says not when names people, none of whom any of an update's
    sources name (``named``: how many name each feature), while the update's core names
    people none of whom it names: the envoy's talks with the foreign minister are not the
    deputy prime minister's visit of another month, though both agree on something in
    Kabul."""
    mine = [k for k in features if k[0] == "a"]
    return bool(mine) and not any(k in named for k in mine) and without_its_people(
        features, core)


def sideline_meetings_apart(mine: tuple[Iterable[str], bool | None],
                            theirs: tuple[Iterable[str], bool | None]) -> bool:
    """Whether two updates, each a core and its sidelines mode, are two occasions: two
    meetings on one gathering's sidelines whose cores name other people, or a meeting on
    the sidelines and the gathering (see :func:`sidelines_apart`)."""
    (my_core, my_mode), (their_core, their_mode) = mine, theirs
    if my_mode is None or their_mode is None:
        return False
    if my_mode and their_mode:
        my_people = {k for k in my_core if k[0] == "a"}
        return bool(my_people) and without_its_people(my_people, their_core)
    gathering = their_core if my_mode else my_core
    return my_mode != their_mode and any(k in gathering for k in GATHERINGS)


class _Told(Protocol):
    """What an article's evidence says of its numbers and its day."""

    @property
    def when(self) -> date | None: ...
    @property
    def dated_by(self) -> str: ...
    @property
    def ordinals(self) -> frozenset[int]: ...
    @property
    def quantities(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class Occasion:
    """An article's numbers, amounts and day, kept for copy detection."""

    told: tuple[str, ...] = ()
    """Its occurrence numbers and amounts as feature keys (``"o:7"``, ``"q:18 tonne"``)."""
    day: date | None = None
    """The day its text prints; not its publication's: a copy is often re-dated."""

    def apart(self, other: Occasion) -> bool:
        """Whether two nearly identical texts tell two events: a wire template used again
        for the next flight ("доставил в Кабул 18 тонн" a week before "26 тонн"), by
        their numbers or amounts, or by the days their texts print."""
        if self.day is not None and other.day is not None and abs(
                (self.day - other.day).days) > COPY_SLACK_DAYS:
            return True
        mine, theirs = numbers_and_amounts(self.told), numbers_and_amounts(other.told)
        return told_apart(mine, theirs) or told_apart(theirs, mine)


def occasion_of(evidence: _Told) -> Occasion:
    return Occasion(tuple(sorted([*(f"o:{n}" for n in evidence.ordinals),
                                  *(f"q:{q}" for q in evidence.quantities)])),
                    evidence.when if evidence.dated_by == "text" else None)


def elsewhere(features: Mapping[str, float], core: Iterable[str],
              named: Mapping[str, int]) -> bool:
    """Whether a report names a city of a country (not its capital) that none of an
    update's sources name, while the update's core names another city of that country
    and the report none of them: flights from Ufa to Kabul are not the flights from
    Yekaterinburg to Kabul, however alike they read. ``named``: how many of the update's
    sources name each feature."""
    mine = _cities_by_country(k for k in features if k not in named)
    if not mine:
        return False
    theirs = _cities_by_country(core)
    return any(not any(k in features for k in theirs[country])
               for country in mine if country in theirs)


def _cities_by_country(keys: Iterable[str]) -> dict[str, set[str]]:
    countries = city_countries()
    found: dict[str, set[str]] = {}
    for key in keys:
        country = countries.get(key.removeprefix("p:")) if key.startswith("p:city:") else None
        if country is not None:
            found.setdefault(country, set()).add(key)
    return found


@functools.cache
def city_countries() -> Mapping[str, str]:
    """The country of each stored city that is not its country's capital."""
    return {c.place_id: c.country for c in stored_cities() if not c.capital}
