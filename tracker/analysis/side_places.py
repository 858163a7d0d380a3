"""Which places a text names, and which of them name a story's side or a third party.

Pure. The judge (:mod:`tracker.analysis.judge`) asks it of titles and bodies: a side is
named by its own places (the story's config: ``RU``, ``city:Europe/Moscow``) and by the
subdivisions and cities of its countries; a third party by any other country, or by the
capital that stands for its government in a headline.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from tracker.analysis.cities import capitals, stored_cities
from tracker.analysis.places import CITY, PlaceIndex, stored_places, territory_of
from tracker.analysis.routes import without_routes
from tracker.analysis.subdivisions import SUBDIVISION, countries_of, country_of, subdivision_index
from tracker.config.story import TermGroup
from tracker.errors import ConfigError


def checked_places(sides: Sequence[TermGroup]) -> tuple[frozenset[str], ...]:
    """Each side's place ids; one that names no place CLDR or GeoNames knows is an error:
    a side written ``places = ["Armenia"]`` or ``"city:Yerevan"`` would otherwise be named
    by none of its names in other languages, silently."""
    known = _known_place_ids()
    for i, side in enumerate(sides):
        for place in side.places:
            if place not in known:
                raise ConfigError(f"story.sides[{i}].places",
                                  f"names no known place: {place!r} (a territory code such "
                                  f'as "AM", or a city id such as "city:Asia/Yerevan")')
    return tuple(frozenset(side.places) for side in sides)


@functools.cache
def _known_place_ids() -> frozenset[str]:
    return frozenset(stored_places()) | {city.place_id for city in stored_cities()}


MIN_STEM = 4
"""The fewest letters of a word that may name a country by its first letters."""


def places_in(side_places: Sequence[frozenset[str]], text: str, *,
              held: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
    """The CLDR places named in ``text``, and the subdivisions of the sides' countries,
    but within the ``held`` word spans: a person's name ("Кабулов" is no Kabul)."""
    countries = countries_of(p for places in side_places for p in places)
    found = PlaceIndex.build().find(text, held=held)
    return found | subdivision_index(countries).find(text, held=held) if countries else found


def of_side(side_places: frozenset[str], found: frozenset[str]) -> set[str]:
    """The places among ``found`` that name a side: its own, and the subdivisions and
    cities of its countries."""
    countries = countries_of(side_places)
    return {p for p in found if p in side_places or (
        p.startswith(CITY) and territory_of(p) in countries) or (
        p.startswith(SUBDIVISION) and country_of(p) in countries)}


def third_countries(side_places: Sequence[frozenset[str]], title: str) -> set[str]:
    """Every country CLDR names in ``title`` in any language that is none of the sides'
    places, or whose capital it names, as headlines name a government (Beijing, 北京,
    Peking: China). Other cities name organisations as often (the Shanghai Cooperation
    Organisation). Countries named as a route ("via Kazakhstan") are none
    (:mod:`tracker.analysis.routes`)."""
    sides = frozenset().union(*side_places)
    return {country for country in _countries(without_routes(title)) if country not in sides}


def third_parties(side_places: Sequence[frozenset[str]], others: Sequence[str],
                  title: str) -> list[str]:
    """The third parties ``title`` names: :func:`third_countries`, and the story's
    ``others`` terms found in it (``others``, as written), less those that name one of
    those countries again: "Россия, Казахстан и Афганистан" names one third party, not
    the term казахстан* and CLDR's KZ as two."""
    countries = third_countries(side_places, title)
    named = {o.lower() for o in others if not _countries(o) & countries}
    return sorted(named | countries)


def venue_country(text: str, other_cities: frozenset[str] = frozenset()) -> str | None:
    """The country of the city ``text`` names, when it names a city and no country
    (:mod:`tracker.analysis.venues`): a CLDR or GeoNames city, or one of the story's
    ``other_cities`` (third parties' cities the place data lacks in some script: Doha),
    whose country is unknown (""). None when it names no such city."""
    places = PlaceIndex.build().find(text)
    if any(is_country(place) for place in places):
        return None
    cities = sorted(place for place in places if place.startswith(CITY))
    if cities:
        return territory_of(cities[0]) or ""
    return "" if text.casefold() in other_cities else None


def one_country(text: str) -> str | None:
    """The country ``text`` names by its name or its capital's, when it names one."""
    found = _countries(text)
    return next(iter(found)) if len(found) == 1 else None


def party_country(party: str) -> str | None:
    """The country a third party of :func:`third_parties` stands for: its code, or the
    country an ``others`` term's word names by its first letters (an adjective or a case
    form: "иранским", "Pakistani"); None for one that names none (NATO)."""
    if is_country(party):
        return party
    for end in range(len(party), MIN_STEM - 1, -1):
        country = one_country(party[:end])
        if country is not None:
            return country
    return None


def is_country(place: str) -> bool:
    """Whether a place id is a country's (a two-letter code)."""
    return len(place) == 2 and place.isupper()


def _countries(text: str) -> set[str]:
    """The countries CLDR names in ``text``, by their names or their capitals'."""
    found: set[str] = set()
    for place in PlaceIndex.build().find(text):
        country = territory_of(place) if place in capitals() else place
        if country is not None and is_country(country):
            found.add(country)
    return found
