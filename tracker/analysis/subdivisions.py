"""A country's first-level subdivisions (provinces, republics, regions), named in text.

A region of a side's country names that side: a report of Tatarstan's delegation in
Kabul, or of a Kandahar trade fair in Moscow, is about Russia and Afghanistan. The names
come from ISO 3166-2 as pycountry ships it, never from a typed list:

* the ISO name, a romanised local form; of ``"Tatarstan, Respublika"`` the part before
  the comma (the type of the subdivision follows it);
* every translation pycountry ships (gettext domain ``iso3166-2``: Russian ``Республика
  Татарстан``, Chinese ``鞑靼斯坦共和国``, Turkish ``Tataristan Cumhuriyeti``...), each
  also without its *type words*: a word that opens or closes several of the country's
  names in one language (``Республика``, ``область``, ``Cumhuriyeti``, ``省``) says
  what kind of region it is, not which, and the rest is the name (``Татарстан``);
* an alternative in parentheses or after a semicolon as a name of its own.

:class:`~tracker.analysis.names.NameIndex` finds the names inflected (``в Татарстане``)
and, through transliteration keys, in scripts pycountry has no translation in (Persian
``تاتارستان``, Arabic ``قندهار``). Names that would find what is not there are dropped:
shorter than :data:`~tracker.analysis.places.MIN_CHARS` letters, the name of a place of
another country in CLDR (a region called after a neighbour), or shared with a subdivision
of another country (Punjab is Pakistan's and India's). The index is built only for the
countries asked for, once per process.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

import pycountry

from tracker.analysis.cities import capitals, city_names
from tracker.analysis.names import NameIndex
from tracker.analysis.places import (
    _INDIC,
    _NOT_LETTERS,
    CITY,
    COMMON_WORDS,
    PlaceIndex,
    stored_places,
    territory_of,
)
from tracker.analysis.script import normalise
from tracker.analysis.word_forms import UNSPACED

SUBDIVISION = "sub:"
"""The prefix of a subdivision's id: ``sub:`` and its ISO 3166-2 code (``sub:RU-TA``)."""
DOMAIN = "iso3166-2"
TYPE_WORD_NAMES = 3
"""A word that opens or closes this many of a country's names in a language is a type."""
_ALTERNATIVES = re.compile(r"[;()\[\]]")
# Chinese and Japanese write a region's type as closing Han characters (省, 共和国, 州);
# kana, Thai and Lao letters closing many names are parts of words (-ン, -stan), not types.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
MIN_NAME_CHARS = 5
"""Letters a region's name needs in a spaced script: shorter ones are words as often as
names (Czech ``fara``, Turkish ``saha``, Dutch ``balk``)."""
_MIN_INDIC_CHARS = 4
_MIN_KANA_CHARS = 3
_UNSPACED_TYPE_CHARS = (1, 2, 3)
ADJECTIVE_LETTERS = 3
"""A name without its type that begins a name of the same region this many letters
longer is that name's adjective (Hungarian ``Tatár`` of ``Tatarstan``), also a people's."""


def _translations() -> Iterator[gettext.GNUTranslations]:
    """Every language pycountry translates subdivision names into, one catalog at a
    time: each holds every country's names (megabytes in all), of which a story needs
    its sides' countries', so none is kept (nor left in gettext's own cache)."""
    root = pycountry.LOCALES_DIR
    for language in sorted(os.listdir(root)):
        path = os.path.join(root, language, "LC_MESSAGES", DOMAIN + ".mo")
        if os.path.exists(path):
            with open(path, "rb") as catalog:
                yield gettext.GNUTranslations(catalog)


def first_level(country: str) -> list[tuple[str, str]]:
    """(ISO 3166-2 code, ISO name) of a country's first-level subdivisions."""
    found = pycountry.subdivisions.get(country_code=country) or []  # type: ignore[no-untyped-call]
    return [(s.code, s.name) for s in found if s.parent_code is None]


def _pieces(name: str) -> Iterator[str]:
    """A written name and the alternatives it holds, each without what follows a comma."""
    for piece in [name, *_ALTERNATIVES.split(name)]:
        head = piece.split(",", 1)[0].strip()
        if head:
            yield normalise(head)


def _translated(country: str) -> list[dict[str, list[str]]]:
    """Per language (ISO first), each subdivision's names: ``{code: [name, ...]}``."""
    subdivisions = first_level(country)
    languages: list[dict[str, list[str]]] = [
        {code: list(dict.fromkeys(_pieces(name))) for code, name in subdivisions}]
    for translation in _translations():
        translated = [(code, translation.gettext(name), name) for code, name in subdivisions]
        names = {code: list(dict.fromkeys(_pieces(local)))
                 for code, local, name in translated if local != name}
        if names:
            languages.append(names)
    return languages


def _edges(name: str) -> Iterator[str]:
    """The parts of a name that could be a type: its first and last word, or in a
    script without spaces its last few characters."""
    if UNSPACED.search(name):
        yield from ("\t" + name[-n:] for n in _UNSPACED_TYPE_CHARS
                    if len(name) > n + 1 and _HAN.fullmatch(name[-n:]))
        return
    words = name.split()
    if len(words) > 1:
        yield words[0]
        yield words[-1]


def _core(name: str, types: Mapping[str, int]) -> str:
    """A name without its type words, or without its closing type characters: the
    commonest that close it (省, not 尔省 of 喀布尔省), the longest of those."""
    if UNSPACED.search(name):
        closing = [t[1:] for t in types if t.startswith("\t") and name.endswith(t[1:])]
        if not closing:
            return name
        return name[:-len(max(closing, key=lambda t: (types["\t" + t], len(t))))]
    return " ".join(w for w in name.split() if w not in types)


def _is_adjective(core: str, names: list[str]) -> bool:
    if UNSPACED.search(core):
        return False  # 车臣 of 车臣共和国 is the name, its type gone
    # Only one-word names: a name of several words begins with its own core.
    return any(n.startswith(core) and len(n) >= len(core) + ADJECTIVE_LETTERS
               and " " not in n for n in names)


def _without_types(names: list[str], types: Mapping[str, int], others: list[str]
                   ) -> Iterator[str]:
    """Each name, and its core when that is a name of its own (not an adjective of one
    of ``others``, the region's names in every language)."""
    for name in names:
        yield name
        core = _core(name, types)
        if core and core != name and not _is_adjective(core, others):
            yield core


def _language_names(names: Mapping[str, list[str]], every: Mapping[str, list[str]]
                    ) -> Iterator[tuple[str, str]]:
    """(code, name) of one language's names, each also without its type words;
    ``every`` holds each region's names in every language."""
    edges = Counter(edge for variants in names.values()
                    for edge in {e for name in variants for e in _edges(name)})
    types = {edge: count for edge, count in edges.items() if count >= TYPE_WORD_NAMES}
    for code, variants in names.items():
        for name in _without_types(variants, types, every[code]):
            yield code, name


@functools.cache
def _country_names(country: str) -> Mapping[str, frozenset[str]]:
    """Every usable name of the country's subdivisions, mapped to their codes."""
    languages = _translated(country)
    every: dict[str, list[str]] = {}
    for language in languages:
        for code, variants in language.items():
            every.setdefault(code, []).extend(variants)
    by_name: dict[str, set[str]] = {}
    for language in languages:
        for code, name in _language_names(language, every):
            if _long_enough_name(name) and name not in COMMON_WORDS:
                by_name.setdefault(name, set()).add(code)
    return {name: frozenset(codes) for name, codes in by_name.items() if len(codes) == 1}


def _long_enough_name(name: str) -> bool:
    """Long enough to be a name rather than a word (see :data:`MIN_NAME_CHARS`)."""
    letters = len(_NOT_LETTERS.sub("", name))
    if UNSPACED.search(name):
        return letters >= (2 if _HAN.search(name) else _MIN_KANA_CHARS)
    if _INDIC.search(name):
        return letters >= _MIN_INDIC_CHARS
    return letters >= MIN_NAME_CHARS


def _foreign(name: str, country: str, others: Iterable[frozenset[str]]) -> bool:
    """Whether a name is also a place of another country (CLDR) or one of its regions."""
    places = PlaceIndex.build().find(name)
    if any(territory_of(p) not in (country, None) and not p.isdigit() for p in places):
        return True
    return any(name in names for names in others)


@functools.cache
def _neighbours() -> tuple[str, ...]:
    """Every country with subdivisions, to tell a name shared across borders."""
    return tuple(sorted({s.country_code for s in pycountry.subdivisions}))


@functools.cache
def _iso_names(country: str) -> frozenset[str]:
    """The ISO names of a country's first-level subdivisions (before any comma).

    Other countries' regions are compared by these alone: reading every country's
    translations would take a second and more, and their ISO names are the ones
    shared across a border (Punjab)."""
    return frozenset(piece for _, name in first_level(country) for piece in _pieces(name))


@functools.cache
def subdivision_names(country: str) -> Mapping[str, list[str]]:
    """``{"sub:RU-TA": [name, ...]}``: each first-level subdivision's names, normalised,
    without names that another country's place or subdivision bears. Gathered once per
    process (the judge's index and the reader's both ask), not to be changed."""
    others = [_iso_names(c) for c in _neighbours() if c != country]
    found: dict[str, list[str]] = {}
    for name, codes in _country_names(country).items():
        if not _foreign(name, country, others):
            for code in codes:
                found.setdefault(SUBDIVISION + code, []).append(name)
    return found


def regional_names(country: str) -> dict[str, list[str]]:
    """A country's first-level subdivisions and its cities beyond CLDR's
    (:func:`tracker.analysis.cities.city_names`): where in it something happened.

    A subdivision is not named by a name of one of the country's cities: Romanian
    "Moscova" is Moscow and, with its generic word gone, Moscow Oblast; "Kabul" the city
    more often than the province. A report that names the city names one place. So does
    a report that names a province called after its city (:func:`_named_after_cities`):
    the Russian "Герат", a name GeoNames does not give the city, is the Herat an English
    report names, not another place that would keep the two reports apart."""
    cities = {place: list(names) for place, names in city_names(country).items()}
    taken = _city_names(country) | {name for names in cities.values() for name in names}
    named_after = _named_after_cities(country, cities)
    subdivisions: dict[str, list[str]] = {}
    for sub, names in subdivision_names(country).items():
        own = [name for name in names if name not in taken]
        city = named_after.get(sub)
        if city is None:
            subdivisions[sub] = own
        else:
            cities[city].extend(own)
    return {**subdivisions, **cities}


def _named_after_cities(country: str, cities: Mapping[str, list[str]]) -> dict[str, str]:
    """``{"sub:AF-HER": "city:AF/Herāt"}``: the subdivisions whose ISO name (the
    romanised local one) is a name of exactly one of the country's cities. Only the ISO
    name: Moscow Oblast, "Moscova" in Romanian without its type word, is not Moscow."""
    by_name: dict[str, set[str]] = {}
    for place, names in cities.items():
        for name in names:
            by_name.setdefault(name, set()).add(place)
    found: dict[str, str] = {}
    for code, name in first_level(country):
        places = {p for piece in _pieces(name) for p in by_name.get(piece, ())}
        if len(places) == 1:
            found[SUBDIVISION + code] = places.pop()
    return found


@functools.cache
def _city_names(country: str) -> frozenset[str]:
    """The names of a country's CLDR cities and its capital."""
    return frozenset(name for place_id, names in (*stored_places().items(), *capitals().items())
                     if place_id.startswith(CITY) and territory_of(place_id) == country
                     for name in names)


def regional(place_id: str) -> bool:
    """Whether a place id is one of :func:`regional_names`'."""
    return place_id.startswith((SUBDIVISION, CITY))


@functools.cache
def subdivision_index(countries: frozenset[str]) -> NameIndex:
    """The subdivisions and cities of ``countries`` (:func:`regional_names`), found by
    their names and transliteration keys."""
    names: dict[str, list[str]] = {}
    for country in sorted(countries):
        names.update(regional_names(country))
    return NameIndex.build(names, spelled=names.keys(), proper=regional)


def country_of(subdivision_id: str) -> str:
    """The country of a subdivision id (``sub:RU-TA`` → ``RU``)."""
    return subdivision_id.removeprefix(SUBDIVISION).split("-", 1)[0]


def countries_of(place_ids: Iterable[str]) -> frozenset[str]:
    """The countries among place ids (``"RU"``; not cities or numeric regions)."""
    return frozenset(p for p in place_ids if len(p) == 2 and p.isalpha() and p.isupper())
