"""The story in configuration: the shipped story file, inline stories, and one-line errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tracker import config
from tracker.analysis.baseline import load_baseline
from tracker.analysis.evidence import Article, read
from tracker.analysis.judge import CompiledStory, judge
from tracker.analysis.lexicon import story_lexicon
from tracker.analysis.reading import reader_for
from tracker.analysis.term_matcher import Matcher
from tracker.errors import ConfigError

CONFIG = Path(__file__).resolve().parent.parent / "config"

INLINE = """
[store]
path = "t.db"
[story]
name = "A and B"
language = "de"
cutoff = 2024-01-31
[[story.sides]]
name = "A"
terms = ["alpha*"]
[[story.sides]]
name = "B"
terms = ["beta*"]
[[story.actors]]
id = "smith"
name = "Jane Smith"
side = "A"
variants = ["smith", "Смит", "سمیت"]
[[story.places]]
id = "port"
name = "Portville"
side = "B"
variants = ["portville"]
[[story.concepts]]
id = "accord_x"
kind = "diplomacy"
weight = 2
terms = ["x accord"]
"""


def load_text(tmp_path: Path, text: str, name: str = "c.toml") -> config.Settings:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return config.load(path)


def test_the_shipped_story_lives_in_its_file():
    story = config.load(CONFIG / "tracker.toml").story
    assert story.file == (CONFIG / "russia-taliban.story.toml").resolve()
    assert story.cutoff == date(2025, 7, 1) and story.language == "en"
    assert story.baseline == (CONFIG / "russia-taliban.baseline.toml").resolve()
    assert {a.id for a in story.actors} >= {"putin", "lavrov", "muttaqi", "zakharova"}
    assert all(a.side in {"Russia", "Afghanistan", None} for a in story.actors)
    assert sum(a.side is not None for a in story.actors) >= 15
    assert {p.id for p in story.places} >= {"bagram", "kazan"}
    assert {c.id for c in story.concepts} >= {"moscow_format"}


def test_an_inline_story(tmp_path: Path):
    story = load_text(tmp_path, INLINE).story
    assert (story.language, story.cutoff, story.file) == ("de", date(2024, 1, 31), None)
    assert story.actors[0].variants == ("smith", "Смит", "سمیت")
    assert story.concepts[0].weight == 2.0
    lexicon = story_lexicon(story)
    found = {c.id: c for c in lexicon.find("Смит signed the X accord in Portville")}
    assert set(found) >= {"smith", "accord_x", "port"}
    assert found["smith"].actor == "Jane Smith" and found["accord_x"].kind == "diplomacy"


def test_a_concept_names_the_general_category_it_is_one_of(tmp_path: Path):
    # The story's own meeting format is a conference: a report of it names both, so
    # the general rules about conferences (a meeting on the sidelines is another
    # occasion) hold for it without the format's name in the general vocabulary.
    text = INLINE.replace('terms = ["x accord"]', 'terms = ["x format"]\nis_a = "conference"')
    story = load_text(tmp_path, text).story
    assert story.concepts[0].is_a == "conference"
    found = read(reader_for(story), Article("Alpha and Beta open the X format talks", "",
                                            date(2026, 1, 5)))
    assert found.concepts["accord_x"] == found.concepts["conference"] == 2.0
    plain = read(reader_for(load_text(tmp_path, INLINE).story),
                 Article("Alpha and Beta sign the X accord", "", date(2026, 1, 5)))
    assert "accord_x" in plain.concepts and "conference" not in plain.concepts
    with pytest.raises(ConfigError) as error:
        story_lexicon(load_text(tmp_path, text.replace('"conference"', '"gossip"')).story)
    assert error.value.key == "story.concepts[0].is_a" and "\n" not in str(error.value)


def test_an_actor_is_an_institution_as_the_file_or_its_names_say():
    # The foreign ministry's names say "foreign ministry"; EMERCOM's are acronyms, and
    # the story file says what it is; a minister is a person.
    story = config.load(CONFIG / "tracker.toml").story
    assert {"russian_foreign_ministry", "emercom"} <= reader_for(story).institutions
    assert not {"lavrov", "muttaqi", "putin"} & reader_for(story).institutions


def _shipped_side(name: str) -> Matcher:
    """The shipped story's side ``name``, compiled."""
    shipped = CompiledStory.compile(config.load(CONFIG / "tracker.toml").story)
    return next(s for s in shipped.sides if s.name == name)


def test_an_actor_names_its_side_in_every_script(tmp_path: Path):
    compiled = CompiledStory.compile(load_text(tmp_path, INLINE).story)
    side_a = next(s for s in compiled.sides if s.name == "A")
    assert side_a.find("سمیت گفت")
    assert _shipped_side("Afghanistan").find("دیدار لاوروف و متقی")


def test_a_place_names_the_side_it_lies_in(tmp_path: Path):
    compiled = CompiledStory.compile(load_text(tmp_path, INLINE).story)
    side_b = next(s for s in compiled.sides if s.name == "B")
    assert side_b.find("The ship reached Portville")
    # A border port general data does not know: a report of a train arriving there
    # names Afghanistan.
    assert _shipped_side("Afghanistan").find("Российский гуманитарный поезд прибыл в Хайратан")
    shipped = CompiledStory.compile(config.load(CONFIG / "tracker.toml").story)
    verdict = judge(shipped, "قطار کمک‌های روسیه با ۵۰۰ تن آرد به حیرتان رسید",
                    "یک قطار حامل ۵۰۰ تن آرد از سوی روسیه به بندر حیرتان رسید.")
    assert verdict.relevant, verdict.reason


@pytest.mark.parametrize(("change", "key"), [
    (('language = "de"', 'language = "German!"'), "story.language"),
    (("cutoff = 2024-01-31", 'cutoff = "last year"'), "story.cutoff"),
    (('side = "A"', 'side = "C"'), "story.actors[0].side"),
    (('side = "B"', 'side = "D"'), "story.places[0].side"),
    (('kind = "diplomacy"', 'kind = "gossip"'), "story.concepts[0].kind"),
    (('id = "port"', 'id = "smith"'), "story.places"),
    (('id = "port"', 'id = "Port Ville"'), "story.places[0].id"),
    (('name = "Portville"', 'name = "Portville"\ncolour = "red"'), "story.places[0].colour"),
    (("weight = 2", "weight = 0"), "story.concepts[0].weight"),
    (('side = "A"', 'side = "A"\ninstitution = "yes"'), "story.actors[0].institution"),
    (('variants = ["portville"]', "variants = []"), "story.places[0].variants"),
    # A term of no letter would match every word: every item would name the side.
    (('terms = ["beta*"]', 'terms = ["beta*", "*"]'), "story.sides[1].terms"),
    (('variants = ["portville"]', 'variants = ["portville", "=*"]'), "story.places[0].variants"),
])
def test_a_bad_story_names_the_key(tmp_path: Path, change: tuple[str, str], key: str):
    with pytest.raises(ConfigError) as error:
        load_text(tmp_path, INLINE.replace(*change))
    assert error.value.key == key
    assert "\n" not in str(error.value)


def test_a_story_file_names_its_own_keys(tmp_path: Path):
    (tmp_path / "x.story.toml").write_text(
        'name = "X"\ncolour = 1\n[[sides]]\nname = "A"\nterms = ["a"]\n'
        '[[sides]]\nname = "B"\nterms = ["b"]\n', "utf-8")
    with pytest.raises(ConfigError, match=r"^x\.story\.toml\.colour: unknown key"):
        load_text(tmp_path, '[story]\nfile = "x.story.toml"\n')
    with pytest.raises(ConfigError, match=r"^story\.name: unknown key: with story\.file"):
        load_text(tmp_path, '[story]\nfile = "x.story.toml"\nname = "Y"\n')
    with pytest.raises(ConfigError, match=r"^story\.file: cannot read"):
        load_text(tmp_path, '[story]\nfile = "missing.story.toml"\n')


def test_the_baseline_names_an_unknown_key(tmp_path: Path):
    shipped = (CONFIG / "russia-taliban.baseline.toml").read_text("utf-8")
    bad = tmp_path / "b.toml"
    bad.write_text(shipped.replace('id = "B02"', 'id = "B02"\ncolour = "red"'), "utf-8")
    with pytest.raises(ConfigError, match=r"facts\[1\]\.colour: unknown key"):
        load_baseline(bad)
    bad.write_text('cutoff = "2025-07-01"\n' + shipped, "utf-8")
    with pytest.raises(ConfigError, match=r"cutoff: unknown key \(the cut-off is the story's"):
        load_baseline(bad)


def test_a_fact_that_happens_once_says_so_with_a_boolean(tmp_path: Path):
    shipped = (CONFIG / "russia-taliban.baseline.toml").read_text("utf-8")
    facts = {f.fact_id: f for f in load_baseline(CONFIG / "russia-taliban.baseline.toml").facts}
    assert facts["B01"].once and not facts["B22"].once  # a recognition; a meeting
    bad = tmp_path / "b.toml"
    bad.write_text(shipped.replace('id = "B22"', 'id = "B22"\nonce = "yes"'), "utf-8")
    with pytest.raises(ConfigError, match=r"fact B22: once must be true or false"):
        load_baseline(bad)


def test_the_baseline_reads_keywords_in_every_language(tmp_path: Path):
    shipped = (CONFIG / "russia-taliban.baseline.toml").read_text("utf-8")
    extended = tmp_path / "b.toml"
    extended.write_text(shipped.replace('id = "B02"', 'id = "B02"\nkeywords_fa = ["گل حسن"]'),
                        "utf-8")
    b02 = next(f for f in load_baseline(extended).facts if f.fact_id == "B02")
    assert "گل حسن" in b02.keywords and "rudenko" in b02.keywords and "руденко" in b02.keywords


@pytest.mark.parametrize(("change", "message"), [
    (('date = "2020-02"', 'date = "February 2020"'), r"fact G03: date must be a year, month"),
    (('date = "2020-02"', 'date = "2020-02-30"'), r"fact G03: date must be a year, month"),
    (('actors = ["Egypt", "Ethiopia", "United States", "World Bank"]', 'actors = "Egypt"'),
     r"fact G03: actors must be a list of strings"),
])
def test_a_facts_date_and_lists_are_checked_when_loaded(tmp_path: Path,
                                                         change: tuple[str, str], message: str):
    # Accepted, a date in words failed every article's analysis at the first poll, and a
    # string of actors was read a letter at a time.
    shipped = (CONFIG / "nile-dam.baseline.toml").read_text("utf-8")
    assert change[0] in shipped
    bad = tmp_path / "b.toml"
    bad.write_text(shipped.replace(*change), "utf-8")
    with pytest.raises(ConfigError, match=message):
        load_baseline(bad)


@pytest.mark.parametrize("place", ["Armenia", "city:Yerevan", "am"])
def test_a_side_place_that_names_no_known_place_names_the_key(place: str):
    # Accepted, the side would silently be named by none of its names in other languages.
    settings = config.load(CONFIG / "nile-dam.toml").story
    first, *rest = settings.sides
    with pytest.raises(ConfigError, match=r"names no known place") as error:
        CompiledStory.compile(replace(settings, sides=(replace(first, places=(place,)), *rest)))
    assert error.value.key == "story.sides[0].places"
    assert CompiledStory.compile(replace(settings, sides=(
        replace(first, places=("AM", "city:Asia/Yerevan")), *rest))).side_places[0] == {
        "AM", "city:Asia/Yerevan"}
