"""tracker.analysis.gist: what, who, where and how much, in the story's language."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.analysis.gist import (
    Gist,
    GistNames,
    figure_name,
    gist_from_json,
    gist_line,
    gist_names,
    gist_of,
    place_name,
)
from tracker.config import load

ROOT = Path(__file__).resolve().parents[2]


def signals(concepts: dict[str, float] | None = None, actors: tuple[str, ...] = (),
            places: tuple[str, ...] = (), quantities: tuple[str, ...] = ()) -> dict[str, object]:
    return {"concepts": concepts or {}, "actors": list(actors), "places": list(places),
            "quantities": list(quantities)}


def test_the_gist_is_what_at_least_half_of_the_sources_carry_most_carried_first() -> None:
    sources = [
        signals({"wheat": 1.0, "export": 1.0}, ("overchuk",), ("city:Asia/Tashkent",),
                ("30000 tonne",)),
        signals({"wheat": 1.0, "railway": 1.0}, (), ("city:Asia/Tashkent",), ("30000 tonne",)),
        signals({"wheat": 1.0, "statement": 0.5}, ("overchuk",), (), ()),
        signals({"earthquake": 1.0}, ("putin",), ("CN",), ("12 km",)),
    ]
    gist = gist_of(sources)
    assert gist.what == ("wheat",)  # export, railway: one source each; statement: weak
    assert gist.who == ("overchuk",)
    assert gist.where == ("city:Asia/Tashkent",)
    assert gist.figures == ("30000 tonne",)


def test_common_places_and_numeric_regions_are_left_out_and_each_part_is_capped() -> None:
    one = signals({c: 1.0 for c in ("aid", "flight", "medicine", "tent", "water")},
                  places=("AF", "RU", "150", "city:Asia/Kabul"))
    gist = gist_of([one], common_places=("AF", "RU"))
    assert gist.where == ("city:Asia/Kabul",)
    assert len(gist.what) == 4


def test_no_sources_and_unreadable_signals_give_an_empty_gist() -> None:
    assert gist_of([]) == Gist()
    assert gist_from_json([None, "not json", json.dumps([1, 2])]) == Gist()
    assert gist_line(Gist(), GistNames()) == ""


def test_the_line_names_everything_in_the_readers_language() -> None:
    gist = Gist(what=("moscow_format", "talks"), who=("muttaqi",),
                where=("city:Europe/Moscow", "CN", "kazan"), figures=("3e+09 usd",))
    names = GistNames(language="en", actors={"muttaqi": "Amir Khan Muttaqi"},
                      places={"kazan": "Kazan"})
    assert gist_line(gist, names) == (
        "moscow format, talks · Amir Khan Muttaqi · Moscow, China, Kazan · $3B")
    russian = gist_line(gist, GistNames(language="ru"))
    assert "Москва" in russian and "Китай" in russian and "muttaqi" in russian


def test_two_places_that_read_alike_are_named_once() -> None:
    # Kazan the GeoNames city and Kazan the story's place id are one name to a reader.
    gist = Gist(where=("city:RU/Kazan", "kazan", "city:Europe/Moscow"))
    names = GistNames(language="en", places={"kazan": "Kazan"})
    assert gist_line(gist, names) == "Kazan, Moscow"


def test_places_are_named_from_cldr_geonames_and_iso_in_any_language() -> None:
    assert place_name("AF", "de") == "Afghanistan"
    assert place_name("AF", "fa") == "افغانستان"
    assert place_name("city:Asia/Kabul", "ru") == "Кабул"
    assert place_name("city:AE/Abu_Dhabi", "en") == "Abu Dhabi"  # a GeoNames city
    assert place_name("sub:RU-TA", "en") == "Tatarstan"  # ISO's type after the comma dropped
    assert place_name("sub:RU-TA", "ru") == "Республика Татарстан"  # pycountry's translation
    assert place_name("XX", "en") == "XX"
    assert place_name("AF", "not a language") == "AF"


def test_figures_are_written_in_the_readers_notation() -> None:
    assert figure_name("50000 tonne", "en") == "50,000 t"
    assert figure_name("50000 tonne", "ru").replace("\u00a0", " ") == "50 000 т"
    assert figure_name("500 percent", "en") == "500%"
    assert figure_name("3e+09 usd", "en") == "$3B"
    assert figure_name("40 count", "en") == "40"
    assert figure_name("nonsense", "en") == "nonsense"


def test_the_story_config_names_its_actors_and_places_and_its_sides_countries_are_common(
        ) -> None:
    story = load(ROOT / "config/tracker.toml").story
    names = gist_names(story)
    assert names.language == story.language
    assert names.actors["lavrov"] == "Sergei Lavrov"
    assert names.places["tatarstan"] == "Tatarstan"
    assert {"RU", "AF"} <= names.common_places
    assert not any(":" in place for place in names.common_places)  # cities tell where


def test_a_category_its_concept_is_one_of_is_not_named_beside_it() -> None:
    # The Moscow Format is a conference and a summit is talks (their is_a): "moscow
    # format, conference" or "summit, talks" would say one thing twice.
    names = gist_names(load(ROOT / "config/tracker.toml").story)
    assert names.implied["moscow_format"] == "conference" and names.implied["summit"] == "talks"
    gist = Gist(what=("conference", "moscow_format", "talks", "drugs"))
    assert gist_line(gist, names) == "moscow format, talks, drugs"
    assert gist_line(Gist(what=("summit", "talks")), names) == "summit"
    assert gist_line(Gist(what=("conference", "visit")), names) == "conference, visit"


def test_a_config_place_that_general_data_knows_too_is_named_once() -> None:
    # Reports name Nakhchivan by the config's place and by the subdivision GeoNames
    # knows (Naxçıvan, as ISO writes it): one place.
    names = gist_names(load(ROOT / "benchmarks/handwritten/story3/armenia-azerbaijan.toml")
                       .story)
    assert names.aliases["sub:AZ-NX"] == "nakhchivan"
    gist = Gist(where=("nakhchivan", "sub:AZ-NX", "city:AE/Abu_Dhabi"))
    assert gist_line(gist, names) == "Nakhchivan, Abu Dhabi"
    # Only subdivisions and cities: a country a place's name holds is not that place.
    shipped = gist_names(load(ROOT / "config/tracker.toml").story)
    assert shipped.aliases and all(a.startswith(("sub:", "city:")) for a in shipped.aliases)
