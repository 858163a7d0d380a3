"""Against what is known (tracker.analysis.compare): copy, unreviewed, baseline, joined, new.

Evidence is written by hand (concept, actor and place ids, as the reader would find them
in any language), so each case says exactly what the article states; only the public
:func:`compare`, :class:`Knowledge` and :func:`update_id_for` are used.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from tracker.analysis.baseline import ContradictionPattern
from tracker.analysis.compare import Knowledge, KnownFact, compare, update_id_for
from tracker.analysis.grouping import Evidence
from tracker.analysis.novelty import BaselineEvidence, FactEvidence

FIRST = FactEvidence("f-first", frozenset({"recognition"}), frozenset({"arlo"}),
                     frozenset({"NO"}), frozenset(), date(2025, 7, 3), date(2025, 7, 3))
TRADE = FactEvidence("f-trade", frozenset({"trade"}), frozenset(), frozenset({"NO", "SU"}),
                     frozenset(), date(2025, 7, 1), date(2025, 7, 11))
BASELINE = BaselineEvidence((FIRST, TRADE), date(2025, 7, 1), date(2025, 7, 11))
FACTS = (KnownFact("f-first", "diplomacy", "2025-07-03", "Norland was the first to recognise",
                   frozenset({"recognition"})),
         KnownFact("f-trade", "economy", None, "Trade grows", frozenset({"trade"})))
CUTOFF = date(2025, 7, 1)


def knowledge() -> Knowledge:
    return Knowledge(facts=FACTS, baseline=BASELINE, cutoff=CUTOFF, contradictions=(
        ContradictionPattern("f-first", re.compile(r"\bfirst to recognise\b"),
                             "another state called the first", re.compile(r"\bnorland\b")),))


def evidence(headline: str, concepts: dict[str, float], *, when: date | None = None,
             dated_by: str = "published", language: str | None = "en",
             readable: bool = True, actors: frozenset[str] = frozenset()) -> Evidence:
    return Evidence(headline=headline, language=language, concepts=concepts,
                    kinds={"economy": 1.0}, actors=actors, places=frozenset({"NO", "SU"}),
                    when=when, dated_by=dated_by if when else "none", readable=readable)


def shingles(text: str) -> frozenset[str]:
    words = text.lower().split()
    return frozenset(" ".join(words[i:i + 3]) for i in range(len(words) - 2))


WHEAT = "Norland ships wheat to Sudland after the floods"


def decide(known: Knowledge, article_id: str, item: Evidence, text: str = "") -> object:
    decision = compare(article_id, item, shingles(item.headline), text or item.headline, known)
    known.learn(article_id, shingles(item.headline), item, decision, outlet=article_id)
    return decision


def test_a_new_concept_opens_an_update_named_after_its_first_article() -> None:
    known = knowledge()
    decision = compare("a1", evidence(WHEAT, {"grain": 1.0, "flood": 1.0},
                                      when=date(2025, 9, 2)),
                       shingles(WHEAT), WHEAT, known)
    assert decision.outcome == "new"
    assert decision.update_id == update_id_for("a1")
    assert decision.new_update is not None and not decision.new_update.background


def test_a_development_dated_before_the_cutoff_is_background() -> None:
    decision = compare("a1", evidence(WHEAT, {"grain": 1.0}, when=date(2024, 5, 2),
                                      dated_by="text"), shingles(WHEAT), WHEAT, knowledge())
    assert decision.outcome == "new"
    assert decision.new_update is not None and decision.new_update.background


def test_another_report_of_the_same_event_joins_it_in_any_language() -> None:
    known = knowledge()
    decide(known, "a1", evidence(WHEAT, {"grain": 1.0, "flood": 1.0}, when=date(2025, 9, 2)))
    other = evidence("Норландия отправила зерно", {"grain": 1.0, "flood": 1.0},
                     when=date(2025, 9, 3), language="ru")
    decision = compare("a2", other, shingles(other.headline), other.headline, known)
    assert decision.outcome == "joined" and decision.update_id == update_id_for("a1")


def test_a_near_identical_lead_is_a_copy_of_it() -> None:
    known = knowledge()
    first = decide(known, "a1", evidence(WHEAT, {"grain": 1.0}, when=date(2025, 9, 2)))
    copy = compare("a2", evidence(WHEAT, {"grain": 1.0}, when=date(2025, 9, 2)),
                   shingles(WHEAT), WHEAT, known)
    assert copy.outcome == "copy" and copy.copy_of == "a1"
    assert copy.update_id == first.update_id


def test_a_wire_template_used_again_for_another_flight_is_no_copy() -> None:
    """The same words with another amount, or dated by their text a week later, tell
    the next flight: it opens its own update. The same amount within a day or two is a
    copy, and so is the same text published again a week later (a re-post)."""
    known = knowledge()
    text = "Norland flew {} tonnes of grain to Sudland for the flood victims, its ministry said"

    def item(amount: int, day: date) -> Evidence:
        return Evidence(headline=text.format(amount), language="en",
                        concepts={"grain": 1.0, "flood": 1.0}, kinds={"economy": 1.0},
                        places=frozenset({"NO", "SU"}), quantities=frozenset({f"{amount} tonne"}),
                        when=day, dated_by="text")

    first = decide(known, "a1", item(18, date(2025, 9, 2)))

    for amount, day, copy in ((18, date(2025, 9, 3), True), (26, date(2025, 9, 3), False),
                              (18, date(2025, 9, 10), False)):
        other = item(amount, day)
        decision = compare("a2", other, shingles(other.headline), other.headline, known)
        assert (decision.outcome == "copy") is copy, (amount, day, decision.reason)
        assert (decision.update_id == first.update_id) is copy, (amount, day)
    reposted = replace(item(18, date(2025, 9, 10)), dated_by="published")
    decision = compare("a3", reposted, shingles(reposted.headline), reposted.headline, known)
    assert decision.outcome == "copy", decision.reason


def test_a_restatement_corroborates_the_facts_it_shares_concepts_with() -> None:
    restated = evidence("Norland recognises Sudland", {"recognition": 1.5},
                        when=date(2025, 7, 4), actors=frozenset({"arlo"}))
    decision = compare("a1", restated, shingles(restated.headline), restated.headline,
                       knowledge())
    assert decision.outcome == "baseline"
    assert [f.fact_id for f in decision.facts] == ["f-first"]


def test_an_item_the_tracker_cannot_read_is_unreviewed_never_new() -> None:
    unread = evidence("Norland na Sudland", {"grain": 1.0}, language="sw", readable=False,
                      when=date(2025, 9, 2))
    decision = compare("a1", unread, shingles(unread.headline), unread.headline, knowledge())
    assert decision.outcome == "unreviewed" and decision.update_id is None
    assert "sw" in decision.reason


def test_a_contradiction_is_flagged_unless_its_clause_says_otherwise() -> None:
    text = "Ostland was the first to recognise Sudland, a paper claims"
    claim = evidence(text, {"recognition": 1.5}, when=date(2025, 9, 2))
    found = compare("a1", claim, shingles(text), text.lower(), knowledge()).contradictions
    assert [c.fact_id for c in found] == ["f-first"]
    agreeing = "Norland was the first to recognise Sudland"
    again = compare("a2", claim, shingles(agreeing), agreeing.lower(), knowledge())
    assert again.contradictions == ()


def test_sources_revise_an_update_summary_towards_the_story_language() -> None:
    known = knowledge()
    first = evidence("Норландия отправила зерно", {"grain": 1.0}, when=date(2025, 9, 2),
                     language="ru")
    decide(known, "a1", first)
    english = evidence(WHEAT, {"grain": 1.0}, when=date(2025, 9, 2))
    decision = compare("a2", english, shingles(WHEAT), WHEAT, known)
    revision = known.learn("a2", shingles(WHEAT), english, decision, outlet="b.example")
    assert revision is not None and revision.summary == WHEAT
    assert revision.summary_language == "en"
    # A second outlet makes the update more certain.
    assert revision.confidence > known.updates[update_id_for("a1")].start


def test_copies_are_found_among_recent_articles_and_forgotten_with_them() -> None:
    known = knowledge()
    decide(known, "a1", evidence(WHEAT, {"grain": 1.0}, when=date(2025, 9, 2)))
    assert known.original_of("a2", shingles(WHEAT)) is not None
    assert known.original_of("a1", shingles(WHEAT)) is None  # a revision is no copy
    other = "Ostland builds a railway to Sudland across the hills"
    assert known.original_of("a3", shingles(other)) is None
    known._forget_recent("a1")
    assert known.original_of("a2", shingles(WHEAT)) is None and not known.shingled


def test_a_copy_is_not_one_more_outlet() -> None:
    known = knowledge()
    decide(known, "a1", evidence(WHEAT, {"grain": 1.0}, when=date(2025, 9, 2)))
    before = known.updates[update_id_for("a1")]
    copy = decide(known, "a2", evidence(WHEAT, {"grain": 1.0}, when=date(2025, 9, 2)))
    assert copy.outcome == "copy"
    assert before.profile.sources == 1 and before.outlets == {"a1"}


def test_an_update_that_nearly_joined_another_is_less_certain() -> None:
    known = knowledge()
    decide(known, "a1", evidence(WHEAT, {"grain": 1.0, "flood": 1.0}, when=date(2025, 9, 2)))
    # Far from the wheat update: a railway in another month.
    apart = evidence("Ostland builds a railway to Sudland", {"railway": 1.0},
                     when=date(2025, 11, 20))
    distinct = decide(known, "a2", apart)
    # Shares the grain, little else, days later: new, but maybe one event told twice.
    near = evidence("Sudland buys grain, fuel and trucks with a bank loan",
                    {"grain": 1.0, "fuel": 1.0, "trucks": 1.0, "loan": 1.0},
                    when=date(2025, 9, 6))
    doubtful = compare("a3", near, shingles(near.headline), near.headline, known)
    assert distinct.new_update is not None and doubtful.new_update is not None
    assert 0 < doubtful.score < distinct.score
    assert doubtful.new_update.confidence < distinct.new_update.confidence
