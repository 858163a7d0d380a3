"""Places named in text, from CLDR (through babel) in every locale, plus the story's config.

Two kinds of place come from CLDR, each under a stable id:

* territories: every locale's name of every country or region, id the ISO 3166 code
  (``"AF"``, ``"RU"``) or the UN M49 code of a region (``"143"``, Central Asia);
* cities: the exemplar city of every time zone, named in every locale that names it, and
  in English as the zone id spells it; id ``"city:"`` and the zone (``"city:Asia/Kabul"``).
  :func:`territory_of` gives a city's country.

Every country's capital comes from GeoNames too (:mod:`tracker.analysis.cities`), since
CLDR has only those that name a time zone.

Guards against names that would find what is not there:

* a name shorter than :data:`MIN_CHARS` letters is dropped (scripts written without spaces
  excepted, where two characters make a name: 中国, and Indic scripts, where three do:
  रूस);
* a name two unrelated places share (Arabic عمان is Oman and Amman once its vowel marks
  are gone; Russian Южная Африка is South Africa and Southern Africa) is dropped, unless
  the places are one country and its cities (Kuwait, Singapore), or a country and a
  region containing it (the country is kept);
* time zones that are not cities (Etc/*) and Antarctic stations (named after people and
  words: Vostok, Troll, Casey) are left out; :data:`COMMON_WORDS` drops a few CLDR names
  that are everyday words in a major language (Russian ``того``, Togo; ``восток``;
  ``грузи``, Georgia in one locale, whose stem is ``груз``, cargo; ``mosche``, Moscow
  in one locale, Italian flies and German Moschee, mosque, less its ending); and an
  Arabic-script name that is a weekday or a month in a feed language's calendar is not read (دوشنبه,
  Monday in Persian, is also Dushanbe).

Adjectives and demonyms (Afghan, афганский, افغان, russe) are not in CLDR: the story's
config lists them as variants of the place (``PlaceIndex.build(config_places)``).
Reading the names out of babel's ~1,100 locales takes seconds: :func:`cldr_places` does
it once, and :mod:`tracker.analysis.cldr_export` stores the result in
``tracker/data/cldr_places.txt`` (a test checks that the stored file equals a fresh
extract). The index is built from that file once per process, at first use (a few
tenths of a second), and shared by every :class:`PlaceIndex`.
"""

from __future__ import annotations

import functools
import itertools
import pickle
import re
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from typing import Any

from tracker.analysis.calendars import FEED_LANGUAGES, calendar_words
from tracker.analysis.cities import CITY as CITY
from tracker.analysis.cities import capitals
from tracker.analysis.lexkey import key
from tracker.analysis.matching import PhraseIndex
from tracker.analysis.script import normalise
from tracker.analysis.word_forms import UNSPACED, word_script

MIN_CHARS = 4
MIN_OTHER_CHARS = 5
"""Letters of a name from a language the feeds do not use (see :func:`_locale_names`)."""
_MIN_UNSPACED_CHARS = 2
# CLDR territory codes that name no place: unknown, private use, pseudo-locales, and
# groupings that are institutions (the UN) or currencies (eurozone).
_NOT_PLACES = frozenset({"ZZ", "XA", "XB", "QO", "UN", "EZ"})
_NOT_CITY_ZONES = ("Etc/", "Antarctica/")
_NOT_LETTERS = re.compile(r"[^\w\u0900-\u0DFF]|[\d_]")
_INDIC = re.compile(r"[\u0900-\u0DFF]")
_MIN_INDIC_CHARS = 3
_ARABIC = re.compile(r"[\u0600-\u06FF]")
COMMON_WORDS = frozenset({"того", "восток", "male", "nome", "easter", "wake", "грузи",
                          "شام", "کوک", "mosche"})
PLACES_FILE = "cldr_places.txt"
_OBLIQUE_ENDINGS, _NOMINATIVE_ENDING = frozenset(key("یيې")), key("ه")
"""The stored extract of :func:`cldr_places`, in ``tracker/data``."""


def _zone_territories() -> Mapping[str, str]:
    from babel.core import get_global

    return get_global("zone_territories")


def territory_of(place_id: str) -> str | None:
    """The territory code of a place id (a city's country, or the territory itself)."""
    if place_id.startswith(CITY):
        where = place_id[len(CITY):]
        if where[2:3] == "/" and where[:2].isupper():
            return where[:2]  # a GeoNames city: city:AF/Herat
        return _zone_territories().get(where)
    return place_id


def _locale_data(locale: str) -> dict[str, Any]:
    """One locale's own CLDR data, read from babel's file without entering babel's cache.

    ``localedata.load`` keeps every locale it loads for the life of the process: about
    200 MB for all of them, for names that are needed once.
    """
    from babel import localedata

    with open(localedata.resolve_locale_filename(locale), "rb") as file:
        return pickle.load(file)  # type: ignore[no-any-return]


def _locale_names() -> Iterator[tuple[str, str]]:
    """(place id, name) pairs from every locale's own data; a name only a language the
    feeds do not use gives needs :data:`MIN_OTHER_CHARS` letters (Chiga's "Mari", Mali,
    is Spanish María less its ending)."""
    from babel import localedata

    for locale in localedata.locale_identifiers():
        data = _locale_data(locale)
        short_ok = locale.split("_")[0] in FEED_LANGUAGES
        for code, name in data.get("territories", {}).items():
            if code not in _NOT_PLACES and (short_ok or _letters(name) >= MIN_OTHER_CHARS):
                yield code, name
        for zone, names in data.get("time_zones", {}).items():
            city = names.get("city") if isinstance(names, dict) else None
            if city and not zone.startswith(_NOT_CITY_ZONES) and (
                    short_ok or _letters(city) >= MIN_OTHER_CHARS):
                yield CITY + zone, city


def _letters(name: str) -> int:
    return len(_NOT_LETTERS.sub("", name))


def _zone_id_names() -> Iterator[tuple[str, str]]:
    """The English city name every zone id spells (Asia/Kabul → Kabul)."""
    for zone in _zone_territories():
        if not zone.startswith(_NOT_CITY_ZONES):
            yield CITY + zone, zone.rsplit("/", 1)[-1].replace("_", " ")


def name_variants(name: str) -> list[str]:
    """A CLDR name and, if it has a parenthesised part, the name without it."""
    variants = [normalise(name)]
    if "(" in name:
        variants.append(normalise(name.split("(", 1)[0]))
    return variants


def _long_enough(name: str) -> bool:
    letters = _letters(name)
    if UNSPACED.search(name):
        return letters >= _MIN_UNSPACED_CHARS
    if _INDIC.search(name):
        # An abugida writes a syllable in one or two characters (रूस, Russia).
        return letters >= _MIN_INDIC_CHARS
    return letters >= MIN_CHARS


def usable_name(name: str) -> bool:
    """Long enough to be a name rather than a word, and no everyday word."""
    return _long_enough(name) and name not in COMMON_WORDS


def _compatible(ids: set[str]) -> set[str] | None:
    """The ids a shared name may stand for, or None when it is ambiguous."""
    countries = {i for i in ids if not i.startswith(CITY) and not i.isdigit()}
    if countries:
        # A region sharing a name with a country yields to the country.
        ids = {i for i in ids if not i.isdigit()}
    territories = {territory_of(i) for i in ids}
    if len(territories) == 1 or len(ids) == 1:
        return ids
    return None


def cldr_names() -> dict[str, set[str]]:
    """Every usable CLDR place name, normalised, and the ids of every place it names,
    ambiguous ones included."""
    by_name: dict[str, set[str]] = {}
    for place_id, name in {*_locale_names(), *_zone_id_names()}:
        for variant in name_variants(name):
            if usable_name(variant) or _short_abjad_country(place_id, variant):
                by_name.setdefault(variant, set()).add(place_id)
    return by_name


def _short_abjad_country(place_id: str, name: str) -> bool:
    """A country's name of three letters in Arabic script: an abjad leaves out the short
    vowels, so چین (China), هند (India), قطر (Qatar) are whole names, as Indic रूस is.
    Countries only: a list of them names a meeting's delegations, and cities' short
    names are words more often."""
    return (len(place_id) == 2 and place_id.isupper() and _ARABIC.search(name) is not None
            and _letters(name) == _MIN_INDIC_CHARS and name not in COMMON_WORDS)


def cldr_places() -> Mapping[str, frozenset[str]]:
    """Every CLDR place name, normalised, mapped to its id(s); ambiguous names left out.

    Not cached: the index built from it is, and keeping both would double the memory.
    """
    kept: dict[str, frozenset[str]] = {}
    for name, ids in cldr_names().items():
        compatible = _compatible(ids)
        if compatible is not None:
            kept[name] = frozenset(compatible)
    return kept


def _invert(names: Mapping[str, frozenset[str]]) -> dict[str, list[str]]:
    by_id: dict[str, list[str]] = {}
    for name, ids in names.items():
        for place_id in ids:
            by_id.setdefault(place_id, []).append(name)
    return by_id


def dump_places(names: Mapping[str, frozenset[str]], babel_version: str) -> str:
    """The stored form of :func:`cldr_places`: a line naming the babel version, then one
    line a place, its id and its names, tab-separated (normalised names hold no tab),
    sorted, so that a new extract reads as a diff."""
    lines = [f"# babel {babel_version}"]
    lines += ["\t".join([place_id, *sorted(place_names)])
              for place_id, place_names in sorted(_invert(names).items())]
    return "\n".join(lines) + "\n"


def _stored_file() -> Any:
    return resources.files("tracker").joinpath("data", PLACES_FILE)


def stored_text() -> str:
    """The stored extract as written (see :func:`dump_places`)."""
    text: str = _stored_file().read_text(encoding="utf-8")
    return text


def _stored_lines() -> Iterator[tuple[str, list[str]]]:
    """The stored extract a place at a time, read line by line: a copy of the whole
    file, held while the index is built, would stay behind as scattered free memory."""
    with _stored_file().open(encoding="utf-8") as file:
        for line in file:
            if not line.startswith("#"):
                place_id, *names = line.rstrip("\n").split("\t")
                yield place_id, names


def stored_places() -> dict[str, list[str]]:
    """The stored extract, as ``{place id: [normalised name, ...]}``."""
    return dict(_stored_lines())


def extracted_with() -> str:
    """The babel version the stored extract was made with (its first line)."""
    with _stored_file().open(encoding="utf-8") as file:
        first: str = file.readline()
    return first.rstrip("\n").removeprefix("# babel ")


@functools.cache
def _cldr_index() -> PhraseIndex:
    calendar = calendar_words()
    day_words = {*calendar.weekdays, *calendar.months}
    places = itertools.chain(_stored_lines(), capitals().items())
    return PhraseIndex(((place_id, [n for n in names if not _calendar_word(n, day_words)])
                        for place_id, names in places), normalised=True,
                       proper=_any_place)


def _any_place(place_id: str) -> bool:
    return True


def _calendar_word(name: str, day_words: set[str]) -> bool:
    """An Arabic-script name the feed languages' calendars read as a weekday or month:
    Persian writes Monday as it writes the city of Dushanbe (دوشنبه), and Dari news
    names Monday far more often; Urdu's October (اکتوبر) begins with Aqtobe's name;
    Pashto's oblique Monday (د دوشنبې) is spelled as the Arabic دوشنبي."""
    if word_script(name) != "arabic":
        return False
    keyed = key(name)
    return keyed in day_words or (keyed[-1:] in _OBLIQUE_ENDINGS
                                  and keyed[:-1] + _NOMINATIVE_ENDING in day_words)


def preload() -> None:
    """Build the CLDR index now (a daemon may do it at start rather than on first use)."""
    _cldr_index()


class PlaceIndex:
    """CLDR's places in every locale, plus the story's own places and their variants."""

    def __init__(self, extra: PhraseIndex | None) -> None:
        self._extra = extra

    @classmethod
    def build(cls, places: Mapping[str, Sequence[str]] | None = None) -> PlaceIndex:
        """An index of CLDR's places and ``{id: [variant, ...]}`` from the config.

        Config ids may be CLDR ids (``"AF"`` with ``["Afghan", "афганский"]``) or new ones.
        """
        return cls(PhraseIndex(places) if places else None)

    def find(self, text: str, *, held: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
        """Ids of the places named in ``text``, but within the ``held`` word spans: a
        person's name ("Vladimir" in "Vladimir Putin", "Khan" in "Amir Khan Muttaqi")."""
        found = _cldr_index().find(text, held=held)
        if self._extra is not None:
            found |= self._extra.find(text, held=held)
        return found
