"""An update's gist: what, who, where and how much, told in the story's language.

Pure. An update whose sources are all in languages its readers do not read is summarised
by a headline they cannot read ("[fa] پوتین اعتبارنامه سفیر طالبان را پذیرفت"). Its
evidence, though, is language-independent: concepts, actors, places and figures, which
the story's config and CLDR name in the story's language. The gist is the evidence most
of its sources share ("credentials, ambassador · Vladimir Putin, Gul Hassan · Moscow"),
so that a reader can tell what an update is about without a translator.
"""

from __future__ import annotations

import functools
import gettext
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_location
from babel.numbers import format_compact_currency, format_compact_decimal, format_percent
from babel.units import format_unit

from tracker.analysis.categories import vocabulary
from tracker.analysis.signals import from_signals
from tracker.config.story import StorySettings

CORE_SHARE = 0.5
"""A piece of evidence is the update's when at least this share of its sources carry it."""
LIMITS = {"what": 4, "who": 4, "where": 3, "figures": 3}
"""At most this many of each, the most carried first: a gist is one line."""

_UNITS = {"tonne": "mass-tonne", "km": "length-kilometer", "m3": "volume-cubic-meter",
          "ha": "area-hectare", "mw": "power-megawatt"}
"""The quantity units of :mod:`tracker.analysis.quantities` as CLDR units."""


@dataclass(frozen=True)
class Gist:
    """The evidence most of an update's sources share, as ids, most carried first."""

    what: tuple[str, ...] = ()
    """Concept ids (``visit``, ``credentials``, a story's ``moscow_format``)."""
    who: tuple[str, ...] = ()
    """Actor ids of the story's config."""
    where: tuple[str, ...] = ()
    """Place ids (``AF``, ``city:Asia/Kabul``, ``sub:RU-TA``, a story's place id)."""
    figures: tuple[str, ...] = ()
    """Quantities as :mod:`tracker.analysis.quantities` writes them (``50000 tonne``)."""


@dataclass(frozen=True)
class GistNames:
    """How the story's readers name what a gist holds: its language, and the display
    names of the story's actors and places (its config's ``name``)."""

    language: str = "en"
    actors: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)
    common_places: frozenset[str] = frozenset()
    """Places nearly every report names (the sides' countries): they tell no update
    apart, so the gist leaves them out."""
    implied: Mapping[str, str] = field(default_factory=dict)
    """The category each concept is one of (``is_a``: the Moscow Format is a conference,
    a summit is talks): named beside it, it says nothing more."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """The subdivisions and cities general data knows that a place of the story's config
    names too (``sub:AZ-NX``: Nakhchivan): one place, named once, by the config's name."""


def gist_names(story: StorySettings) -> GistNames:
    """The names a story's config gives, in its language; its sides' countries are common."""
    return GistNames(
        language=story.language, actors={a.id: a.name for a in story.actors if a.name},
        places={p.id: p.name for p in story.places if p.name},
        common_places=frozenset(p for side in story.sides for p in side.places
                                if ":" not in p),
        implied={**{c.id: c.is_a for c in vocabulary() if c.is_a},
                 **{c.id: c.is_a for c in story.concepts if c.is_a}},
        aliases=_place_aliases(story))


def _place_aliases(story: StorySettings) -> dict[str, str]:
    """``{"sub:AZ-NX": "nakhchivan"}``: a subdivision or city that is the whole of one of
    a config place's names, which a report naming it also gives as the general place."""
    from tracker.analysis.side_places import places_in  # only here: the place indexes
    from tracker.analysis.subdivisions import regional

    side_places = tuple(frozenset(side.places) for side in story.sides)
    found: dict[str, str] = {}
    for place in story.places:
        for variant in place.variants:
            general = places_in(side_places, variant.strip("=*"))
            if len(general) == 1 and regional(alias := next(iter(general))):
                found.setdefault(alias, place.id)
    return found


def gist_of(signals: Iterable[Mapping[str, object]], common_places: Iterable[str] = ()
            ) -> Gist:
    """The gist of an update from its sources' recorded signals (``to_signals``)."""
    sources = [from_signals("", None, source) for source in signals]
    if not sources:
        return Gist()
    counts: dict[str, Counter[str]] = {k: Counter() for k in LIMITS}
    skip = set(common_places)
    for source in sources:
        counts["what"].update(source.weighty)
        counts["who"].update(source.actors)
        counts["where"].update(p for p in source.places if p not in skip and not p.isdigit())
        counts["figures"].update(source.quantities)
    least = max(1, math.ceil(CORE_SHARE * len(sources)))
    return Gist(**{part: _most_carried(found, least, LIMITS[part])
                   for part, found in counts.items()})


def gist_from_json(signals: Iterable[str | None], common_places: Iterable[str] = ()) -> Gist:
    """:func:`gist_of` over signals as the store keeps them (JSON text, or nothing)."""
    parsed = []
    for text in signals:
        try:
            value = json.loads(text) if text else None
        except ValueError:
            value = None
        if isinstance(value, dict):
            parsed.append(value)
    return gist_of(parsed, common_places)


def gist_text(signals: Iterable[str | None], names: GistNames) -> str:
    """The line of an update whose sources' signals the store keeps as ``signals``
    (JSON text): what digests and views show."""
    return gist_line(gist_from_json(signals, names.common_places), names)


def gist_line(gist: Gist, names: GistNames) -> str:
    """The gist as one line: ``credentials, ambassador · Vladimir Putin · Moscow``."""
    language = names.language
    implied = {names.implied.get(concept) for concept in gist.what}
    parts = [
        [concept.replace("_", " ") for concept in gist.what if concept not in implied],
        [names.actors.get(actor, actor) for actor in gist.who],
        [names.places.get(place) or place_name(place, language)
         for place in dict.fromkeys(names.aliases.get(p, p) for p in gist.where)],
        [figure_name(figure, language) for figure in gist.figures],
    ]
    # Two ids may read alike (Kazan the city, and its time zone's city): named once.
    return " · ".join(", ".join(dict.fromkeys(part)) for part in parts if part)


@functools.lru_cache(maxsize=4096)
def place_name(place_id: str, language: str) -> str:
    """A place id as the story's readers name it: CLDR's name of a territory or of a
    time zone's city in their language; a GeoNames city's or a subdivision's own name."""
    kind, _, rest = place_id.partition(":")
    locale = _locale(language)
    if not rest:
        return locale.territories.get(place_id, place_id) if locale else place_id
    if kind == "city" and "/" in rest:
        zone_city = _zone_city(rest, locale)
        if zone_city:
            return zone_city
        return rest.split("/", 1)[1].replace("_", " ")
    if kind == "sub":
        return _subdivision_name(rest, language)
    return rest


def figure_name(figure: str, language: str) -> str:
    """A quantity (``3e+09 usd``, ``50000 tonne``) in the readers' notation."""
    number, _, unit = figure.partition(" ")
    try:
        value = float(number)
    except ValueError:
        return figure
    locale = _locale(language) or Locale("en")
    if unit == "percent":
        return format_percent(value / 100, locale=locale)
    if unit in _UNITS:
        return format_unit(value, _UNITS[unit], length="short", locale=locale)
    if unit == "count" or not unit:
        return format_compact_decimal(value, fraction_digits=1, locale=locale)
    if len(unit) == 3 and unit.isalpha():  # an ISO 4217 currency code
        return format_compact_currency(value, unit.upper(), fraction_digits=1, locale=locale)
    return f"{format_compact_decimal(value, fraction_digits=1, locale=locale)} {unit}"


def _most_carried(found: Counter[str], least: int, limit: int) -> tuple[str, ...]:
    ranked = sorted((key for key, n in found.items() if n >= least),
                    key=lambda key: (-found[key], key))
    return tuple(ranked[:limit])


@functools.lru_cache(maxsize=16)
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def _zone_city(zone: str, locale: Locale | None) -> str | None:
    try:
        name = get_timezone_location(zone, locale=locale or "en", return_city=True)
    except LookupError:
        return None
    return str(name) if name else None


def _subdivision_name(code: str, language: str) -> str:
    """ISO 3166-2's name, translated as pycountry translates it, else as ISO writes it
    without the type it puts after the name ("Tatarstan, Respublika")."""
    import pycountry  # only here: most gists name no subdivision

    subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    name = str(getattr(subdivision, "name", code))
    translated = gettext.translation("iso3166-2", pycountry.LOCALES_DIR,
                                     languages=[language], fallback=True).gettext(name)
    return translated if translated != name else name.split(",", 1)[0]
