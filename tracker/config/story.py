"""The story a tracker follows, read from the ``[story]`` table or from the story's own file.

Everything that belongs to one story lives here and nowhere in the package: its sides,
the people and institutions that act in it (actors) with their names in many languages
and scripts, its places, the event concepts only it needs, its baseline file, its
cut-off date and the language its readers read. The package keeps general vocabulary
only (``tracker/data/categories.toml``), so following another story is writing another
story file.

``[story]`` either holds these keys itself or names a file with ``file = "x.story.toml"``
whose top level holds them; relative paths in a story file resolve against that file.
As everywhere in the configuration, an unknown key is an error naming the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker import validate
from tracker.errors import ConfigError

KINDS = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
         "position")
"""The kinds of development; the general categories and story concepts point to one."""

STORY_KEYS = {"name", "language", "cutoff", "threshold", "baseline", "others", "sides",
              "actors", "places", "concepts", "off_topic"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class TermGroup:
    """A named set of terms (any language) that stand for one actor of the story."""

    name: str
    terms: tuple[str, ...]
    places: tuple[str, ...] = ()
    """Place ids that name it in every language: CLDR territories ("RU") and cities
    ("city:Europe/Moscow"), see :mod:`tracker.analysis.places`."""


@dataclass(frozen=True)
class Actor:
    """A person or an institution of the story, with the names it goes by."""

    id: str
    name: str
    """Display name, in the story's language."""
    variants: tuple[str, ...]
    """Spellings in any language and script, in the story term syntax."""
    side: str | None = None
    """The side (``[[story.sides]]`` name) it belongs to, when it belongs to one."""
    institution: bool | None = None
    """Whether it is an institution (a ministry, an agency), not a person; None: told by
    its names (see :func:`tracker.analysis.coreference.what_it_is`)."""


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    variants: tuple[str, ...]
    side: str | None = None
    """The side (``[[story.sides]]`` name) it lies in, when it lies in one: its variants
    then name that side, as a side actor's do."""


@dataclass(frozen=True)
class StoryConcept:
    """An event concept only this story needs (a named meeting format, a project)."""

    id: str
    kind: str | None
    """One of :data:`KINDS`, or None when it helps matching but says nothing of kind."""
    terms: tuple[str, ...]
    weight: float = 1.0
    is_a: str | None = None
    """A general category this concept is one of (the Moscow Format is a ``conference``):
    its terms then name that category too, so the general rules about it hold (a
    meeting on a conference's sidelines is not the conference)."""


@dataclass(frozen=True)
class StorySettings:
    name: str
    sides: tuple[TermGroup, ...]
    """Every side must be mentioned for an item to be about the story."""
    others: tuple[str, ...] = ()
    """Third parties: when they lead a headline, the item is likely another story."""
    off_topic: tuple[str, ...] = ()
    """General categories (``sport``, ``war_memory``) whose headlines are not the story
    unless they also name a development of the sides' relations."""
    threshold: float = 0.5
    baseline: Path | None = None
    language: str = "en"
    """The language the story's readers read (summaries are chosen in it)."""
    cutoff: date | None = None
    """Developments dated before this are background, not news; None: no cut-off."""
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    concepts: tuple[StoryConcept, ...] = ()
    file: Path | None = None
    """The story file the settings came from, when not inline."""


def story_settings(raw: Mapping[str, Any], base_dir: Path) -> StorySettings:
    """The story from the ``[story]`` table: inline, or the file its ``file`` key names."""
    if "file" not in raw:
        return _story(raw, "story", base_dir, None)
    for key in raw:
        if key != "file":
            raise ConfigError(f"story.{key}", "unknown key: with story.file set, the story's "
                                              "keys belong in that file")
    path = validate.path(raw, "story", "file", base_dir)
    assert path is not None
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError("story.file", f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError("story.file", f"{path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("story.file", f"{path} is not valid TOML: {exc}") from None
    # Keys inside the story file are named as they are written there, after the file.
    return _story(data, path.name, path.parent, path)


def _story(raw: Mapping[str, Any], where: str, base_dir: Path,
           file: Path | None) -> StorySettings:
    validate.only(raw, where, STORY_KEYS)
    name = validate.string(raw, where, "name", default="")
    if not name:
        raise ConfigError(f"{where}.name", "is required: the story this tracker follows")
    sides = _sides(raw.get("sides"), where)
    side_names = {side.name for side in sides}
    baseline = validate.path(raw, where, "baseline", base_dir)
    if baseline is not None and not baseline.is_file():
        raise ConfigError(f"{where}.baseline", f"file not found: {baseline}")
    actors = tuple(_actor(entry, f"{where}.actors[{i}]", side_names)
                   for i, entry in enumerate(_tables(raw, where, "actors")))
    places = tuple(_place(entry, f"{where}.places[{i}]", side_names)
                   for i, entry in enumerate(_tables(raw, where, "places")))
    concepts = tuple(_concept(entry, f"{where}.concepts[{i}]")
                     for i, entry in enumerate(_tables(raw, where, "concepts")))
    _unique_ids(where, [*actors, *places, *concepts])
    return StorySettings(
        name=name, sides=sides, others=validate.terms(raw, where, "others", required=False),
        threshold=_threshold(raw, where), baseline=baseline,
        language=_language(raw, where), cutoff=_cutoff(raw, where),
        actors=actors, places=places, concepts=concepts, file=file,
        off_topic=_off_topic(raw, where))


def _off_topic(raw: Mapping[str, Any], where: str) -> tuple[str, ...]:
    value = raw.get("off_topic", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and _ID.match(v)
                                              for v in value):
        raise ConfigError(f"{where}.off_topic", 'must be a list of general category ids '
                                                'such as "sport"')
    return tuple(value)


def _sides(raw_sides: object, where: str) -> tuple[TermGroup, ...]:
    if not isinstance(raw_sides, list) or len(raw_sides) < 2:
        raise ConfigError(f"{where}.sides", "must list at least two [[story.sides]] tables")
    sides = []
    for index, side in enumerate(raw_sides):
        key = f"{where}.sides[{index}]"
        if not isinstance(side, dict):
            raise ConfigError(key, "must be a table with name and terms")
        validate.only(side, key, {"name", "terms", "places"})
        side_name = validate.string(side, key, "name", default="")
        if not side_name:
            raise ConfigError(f"{key}.name", "is required")
        sides.append(TermGroup(side_name, validate.terms(side, key, "terms", required=True),
                               _place_ids(side, key)))
    return tuple(sides)


def _place_ids(side: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = side.get("places", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{key}.places", 'must be a list of place ids such as "RU"')
    return tuple(value)


def _tables(raw: Mapping[str, Any], where: str, key: str) -> list[Mapping[str, Any]]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{where}.{key}", f"must be an array of [[{key}]] tables")
    return value


def _identity(entry: Mapping[str, Any], key: str) -> tuple[str, str]:
    entry_id = validate.string(entry, key, "id", default="")
    if not _ID.match(entry_id):
        raise ConfigError(f"{key}.id", f"must be a lowercase id (a-z, 0-9, _ and -), not "
                                       f"{entry_id!r}")
    return entry_id, validate.string(entry, key, "name", default="") or entry_id


def _actor(entry: Mapping[str, Any], key: str, side_names: set[str]) -> Actor:
    validate.only(entry, key, {"id", "name", "side", "variants", "institution"})
    actor_id, name = _identity(entry, key)
    institution = (validate.flag(entry, key, "institution", default=False)
                   if "institution" in entry else None)
    return Actor(actor_id, name, validate.terms(entry, key, "variants", required=True),
                 _side(entry, key, side_names), institution)


def _side(entry: Mapping[str, Any], key: str, side_names: set[str]) -> str | None:
    side = validate.string(entry, key, "side", default="") or None
    if side is not None and side not in side_names:
        raise ConfigError(f"{key}.side", f"names no side: {side!r} (sides: "
                                         f"{', '.join(sorted(side_names))})")
    return side


def _place(entry: Mapping[str, Any], key: str, side_names: set[str]) -> Place:
    validate.only(entry, key, {"id", "name", "side", "variants"})
    place_id, name = _identity(entry, key)
    return Place(place_id, name, validate.terms(entry, key, "variants", required=True),
                 _side(entry, key, side_names))


def _concept(entry: Mapping[str, Any], key: str) -> StoryConcept:
    validate.only(entry, key, {"id", "kind", "terms", "weight", "is_a"})
    concept_id, _ = _identity(entry, key)
    kind = validate.string(entry, key, "kind", default="none")
    if kind != "none" and kind not in KINDS:
        raise ConfigError(f"{key}.kind", f"must be none or one of {', '.join(KINDS)}, "
                                         f"not {kind!r}")
    weight = entry.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 5:
        raise ConfigError(f"{key}.weight", f"must be a number above 0 and at most 5, "
                                           f"not {weight!r}")
    return StoryConcept(concept_id, None if kind == "none" else kind,
                        validate.terms(entry, key, "terms", required=True), float(weight),
                        validate.string(entry, key, "is_a", default="") or None)


def _unique_ids(where: str, entries: list[Actor | Place | StoryConcept]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ConfigError(f"{where}.{type(entry).__name__.lower()}s",
                              f"id {entry.id!r} is used twice (actors, places and concepts "
                              f"share one set of ids)")
        seen.add(entry.id)


def _threshold(raw: Mapping[str, Any], where: str) -> float:
    threshold = raw.get("threshold", 0.5)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise ConfigError(f"{where}.threshold", "must be a number between 0 and 1")
    if not 0 < threshold <= 1:
        raise ConfigError(f"{where}.threshold", f"must be between 0 and 1, not {threshold}")
    return float(threshold)


def _language(raw: Mapping[str, Any], where: str) -> str:
    language = validate.string(raw, where, "language", default="en")
    if not _LANGUAGE.match(language):
        raise ConfigError(f"{where}.language",
                          f"must be a language code such as en, ru or fa, not {language!r}")
    return language


def _cutoff(raw: Mapping[str, Any], where: str) -> date | None:
    value = raw.get("cutoff")
    if value is None:
        return None
    # TOML has dates of its own: both cutoff = 2025-07-01 and cutoff = "2025-07-01" work.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}.cutoff",
                          f"must be a date such as 2025-07-01, not {value!r}") from None
