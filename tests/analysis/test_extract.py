"""Claims and their features (tracker.analysis.extract), on a small hand-written lexicon.

The story here is between two invented countries, Norland and Sudland, and the lexicon
has five concepts, so every expected feature can be worked out by hand. Only the
module's public functions are used.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.analysis.concepts import Lexicon, load_lexicon
from tracker.analysis.extract import (
    MAX_SECONDARY,
    NUMBER_WEIGHT,
    STEM_WEIGHT,
    actors_of,
    analyse,
    claim,
    coverage,
    fact_features,
    features,
    kind_of,
    similarity,
)
from tracker.analysis.judge import CompiledStory
from tracker.config import StorySettings, TermGroup

LEXICON = """
[grain]
kind = "economy"
terms = ["wheat", "grain*", "пшениц*"]

[talks]
kind = "diplomacy"
terms = ["talks", "negotiat*", "переговор*"]

[attack]
kind = "security"
weight = 1.5
terms = ["attack*", "атак*"]

[arlo]
kind = "none"
actor = "Minister Arlo"
terms = ["Arlo", "Арло"]

[harbour]
kind = "none"
weight = 0.5
terms = ["harbour*"]
"""

STORY = CompiledStory.compile(StorySettings(
    name="Norland and Sudland",
    sides=(TermGroup("north", ("Norland", "Nordstadt", "Норланд*")),
           TermGroup("south", ("Sudland", "Sudport"))),
))


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    path: Path = tmp_path_factory.mktemp("lexicon") / "concepts.toml"
    path.write_text(LEXICON, "utf-8")
    return load_lexicon(path)


def test_concepts_actors_stems_and_amounts_become_features(lexicon: Lexicon) -> None:
    found = features(STORY, lexicon,
                     "Norland ships 20 tonnes of wheat to Sudland after talks with Arlo")
    assert {k: w for k, w in found.items() if not k.startswith("w:")} == {
        "c:grain": 1.0, "c:talks": 1.0, "a:arlo": 1.0, "n:20": NUMBER_WEIGHT}
    stems = {k for k in found if k.startswith("w:")}
    assert "w:ships" in stems and found["w:ships"] == STEM_WEIGHT
    # Words that matched a side or a concept are counted once, as that, not as stems too.
    assert not stems & {"w:norla", "w:sudla", "w:wheat", "w:talks", "w:arlo"}


def test_concept_weights_come_from_the_lexicon(lexicon: Lexicon) -> None:
    found = features(STORY, lexicon, "An attack near the harbour")
    assert (found["c:attack"], found["c:harbour"]) == (1.5, 0.5)


@pytest.mark.parametrize(("text", "numbers"), [
    ("A plan for 450 trucks", {"n:450"}),
    ("Trade grew 2.5 percent", {"n:2.5"}),
    ("A loan of $3 billion", {"n:3"}),
    ("Кредит на 3,5 млрд", {"n:3.5"}),
    # Days of the month, small counts and years say nothing about which development.
    ("On day 12, 7 envoys met", set()),
    ("The 2025 plan", set()),
])
def test_only_amounts_with_a_unit_or_large_figures_count(lexicon: Lexicon, text: str,
                                                         numbers: set[str]) -> None:
    found = features(STORY, lexicon, text)
    assert {k for k in found if k.startswith("n:")} == numbers


def test_cyrillic_names_meet_their_latin_spelling(lexicon: Lexicon) -> None:
    latin = features(STORY, lexicon, "Kabarovo airfield reopened")
    cyrillic = features(STORY, lexicon, "Аэродром Кабарово открыт")
    assert {k for k in latin if k.startswith("w:")} & {
        k for k in cyrillic if k.startswith("w:")}


def test_generic_news_words_are_no_features(lexicon: Lexicon) -> None:
    found = features(STORY, lexicon, "Officials told the news agency, according to reports")
    assert found == {}


def test_a_kind_is_where_the_concepts_weigh_most(lexicon: Lexicon) -> None:
    assert kind_of(lexicon, "Attack during talks") == "security"  # 1.5 against 1.0
    assert kind_of(lexicon, "Talks about wheat") == "diplomacy"  # a tie: the first kind
    assert kind_of(lexicon, "Wheat prices", headline="Talks about talks") == "diplomacy"
    assert kind_of(lexicon, "Nothing the lexicon knows") == "position"


def test_actors_are_the_sides_named_then_the_people(lexicon: Lexicon) -> None:
    assert actors_of(STORY, lexicon, "Arlo in Sudland; Sudport and Norland reply") == (
        "north", "south", "Minister Arlo")
    assert actors_of(STORY, lexicon, "Weather") == ()


def test_a_claim_keeps_its_text_position_and_sorted_features(lexicon: Lexicon) -> None:
    made = claim(STORY, lexicon, "  Norland and Sudland resume talks on wheat  ", 3)
    assert (made.text, made.position, made.kind) == (
        "Norland and Sudland resume talks on wheat", 3, "diplomacy")
    assert made.features == tuple(sorted(made.features))
    assert made.weights["c:grain"] == 1.0
    assert made.actors == ("north", "south")


def test_an_article_has_a_main_claim_a_headline_and_side_sentences(lexicon: Lexicon) -> None:
    body = ("The first shipment left on March 3. A second ship docks at Sudport. "
            "Rain is forecast. Nordstadt welcomed the talks.")
    found = analyse(STORY, lexicon, "Norland sends wheat to Sudland", body,
                    date(2026, 3, 9))
    assert found.main.text == "Norland sends wheat to Sudland\nThe first shipment left on March 3."
    assert found.main.position == 0 and found.main.kind == "economy"
    assert found.headline.text == "Norland sends wheat to Sudland"
    # Later sentences that name a side, with their place in the body; others are left.
    assert [(c.position, c.text) for c in found.secondary] == [
        (2, "A second ship docks at Sudport."), (4, "Nordstadt welcomed the talks.")]
    assert found.event_date is not None and found.event_date.value == date(2026, 3, 3)


def test_without_a_title_the_lede_is_the_main_claim(lexicon: Lexicon) -> None:
    found = analyse(STORY, lexicon, "  ", "Sudland attacks a Norland harbour. More later.",
                    None)
    assert found.main.text == found.headline.text == "Sudland attacks a Norland harbour."
    assert found.event_date is None


def test_secondary_claims_are_capped(lexicon: Lexicon) -> None:
    body = "Lede. " + " ".join(f"Sudland step number {n}." for n in range(MAX_SECONDARY + 5))
    found = analyse(STORY, lexicon, "Norland", body, None)
    assert len(found.secondary) == MAX_SECONDARY


def test_a_fact_is_featured_with_its_keywords(lexicon: Lexicon) -> None:
    found = fact_features(STORY, lexicon, "Norland and Sudland trade", ["wheat", "Arlo"])
    assert {"c:grain", "a:arlo"} <= found.keys()


def test_similarity_is_a_weighted_dice_overlap() -> None:
    assert similarity({"c:a": 1.0, "w:b": 0.6}, {"c:a": 1.0, "w:b": 0.6}) == 1.0
    assert similarity({"c:a": 1.0}, {"c:b": 1.0}) == 0.0
    assert similarity({}, {"c:a": 1.0}) == 0.0
    assert similarity({"c:a": 1.0, "c:b": 1.0}, {"c:a": 1.0, "c:c": 1.0}) == 0.5
    assert similarity({"c:a": 1.5}, {"c:a": 0.5}) == pytest.approx(2 * 0.5 / 2.0)


def test_coverage_is_the_share_of_a_claim_a_statement_accounts_for() -> None:
    claim_features = {"c:a": 1.0, "c:b": 1.0, "w:c": 0.5, "n:450": 1.0}
    assert coverage(claim_features, {"c:a": 9.0, "w:c": 0.1}) == pytest.approx(1.5 / 3.5)
    assert coverage(claim_features, {}) == 0.0
    assert coverage({}, {"c:a": 1.0}) == 0.0
