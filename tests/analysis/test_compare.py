"""Against what is known (tracker.analysis.compare): copy, baseline, joined or new.

Claims are written by hand as feature bags (``c:`` concepts, ``a:`` actors, ``w:``
stems, ``n:`` amounts), so each case says exactly what the article states; only the
public :func:`compare`, :class:`Knowledge` and :func:`update_id_for` are used.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tracker.analysis.baseline import ContradictionPattern
from tracker.analysis.compare import (
    Decision,
    Knowledge,
    KnownFact,
    KnownUpdate,
    PriorArticle,
    compare,
    update_id_for,
)
from tracker.analysis.dates import EventDate
from tracker.analysis.extract import Analysis, Claim

GRAIN_TRADE = KnownFact("f-trade", "economy", "2026-01", "Norland sells wheat to Sudland",
                        {"c:grain": 1.0, "w:sells": 0.6, "n:100": 1.0})
TALKS = KnownFact("f-talks", "diplomacy", None, "Arlo leads the talks",
                  {"c:talks": 1.0, "a:arlo": 1.0})
FIRST = KnownFact("f-first", "diplomacy", "2025-07-03", "Norland was the first to recognise",
                  {"c:recognition": 1.5})
CUTOFF = date(2026, 2, 1)

LEAD = frozenset({"norland ships wheat", "ships wheat to", "wheat to sudland"})


def knowledge(**changes: object) -> Knowledge:
    known = Knowledge(facts=(GRAIN_TRADE, TALKS, FIRST), cutoff=CUTOFF,
                      baseline_end=date(2026, 2, 15))
    for name, value in changes.items():
        setattr(known, name, value)
    return known


def claim(features: dict[str, float], text: str = "Norland ships wheat to Sudland",
          kind: str = "economy", position: int = 0) -> Claim:
    return Claim(text=text, position=position, features=tuple(sorted(features.items())),
                 kind=kind, actors=("north", "south"))


def analysis(features: dict[str, float], when: date | None = date(2026, 3, 2), *,
             source: str = "text", text: str = "Norland ships wheat to Sudland",
             kind: str = "economy", secondary: tuple[Claim, ...] = ()) -> Analysis:
    main = claim(features, text, kind)
    dated = EventDate(when, "day", source) if when else None
    return Analysis(main=main, headline=main, secondary=secondary, event_date=dated)


def decide(found: Analysis, known: Knowledge | None = None, *, article_id: str = "a-1",
           lead: frozenset[str] = LEAD, text: str = "", relevance: float = 1.0
           ) -> Decision:
    return compare(article_id, found, lead, text or found.main.text,
                   known if known is not None else knowledge(), relevance=relevance)


# Baseline: nothing new


def test_restating_a_dated_fact_corroborates_it() -> None:
    found = decide(analysis({"c:grain": 1.0, "w:sells": 0.6}, date(2026, 1, 20)))
    assert found.outcome == "baseline"
    assert [(f.fact_id, f.score) for f in found.facts] == [("f-trade", 1.0)]
    assert found.update_id is None and found.new_update is None


def test_an_undated_fact_holds_for_the_baseline_period() -> None:
    restating = analysis({"c:talks": 1.0, "a:arlo": 1.0}, date(2026, 2, 10), kind="diplomacy")
    assert decide(restating).outcome == "baseline"
    months_later = analysis({"c:talks": 1.0, "a:arlo": 1.0}, date(2026, 6, 1),
                            kind="diplomacy")
    found = decide(months_later)
    assert found.outcome == "new"
    assert "dated 2026-06-01" in found.reason


@pytest.mark.parametrize(("features", "reason"), [
    ({"c:grain": 1.0, "c:attack": 1.5}, "new concepts attack"),
    ({"c:grain": 1.0, "n:450": 1.0}, "new figures 450"),
    ({"c:grain": 1.0, "a:arlo": 1.0}, "actors the matching facts lack: arlo"),
])
def test_anything_new_in_the_claim_makes_it_news(features: dict[str, float],
                                                  reason: str) -> None:
    found = decide(analysis(features))
    assert found.outcome == "new"
    assert reason in found.reason


def test_a_claim_no_fact_shares_concepts_with_is_news() -> None:
    found = decide(analysis({"w:flood": 0.6, "w:river": 0.6}))
    assert found.outcome == "new"
    assert "no baseline fact shares its concepts" in found.reason


# New updates


def test_a_new_update_carries_the_claim() -> None:
    found = decide(analysis({"c:grain": 1.0, "n:450": 1.0}), article_id="a-7")
    update = found.new_update
    assert update is not None
    assert found.update_id == update.update_id == update_id_for("a-7")
    assert (update.kind, update.event_date, update.evidence, update.actors) == (
        "economy", "2026-03-02", "Norland ships wheat to Sudland", ("north", "south"))
    assert dict(update.features) == {"c:grain": 1.0, "n:450": 1.0}
    assert update.background is False
    assert 0 < update.confidence <= 0.95


def test_update_ids_are_stable_per_article() -> None:
    assert update_id_for("a-7") == update_id_for("a-7") != update_id_for("a-8")
    assert re.fullmatch(r"u-[0-9a-f]{12}", update_id_for("a-7"))


def test_a_development_dated_before_the_cutoff_is_background() -> None:
    found = decide(analysis({"c:attack": 1.5}, date(2025, 12, 1), kind="security"))
    assert found.new_update is not None and found.new_update.background is True


def test_a_date_that_rests_on_when_the_item_was_seen_decides_nothing() -> None:
    found = decide(analysis({"c:attack": 1.5}, date(2025, 12, 1), source="seen",
                            kind="security"))
    assert found.new_update is not None
    assert (found.new_update.event_date, found.new_update.background) == (None, False)


def test_a_long_headline_is_cut_for_the_summary() -> None:
    found = decide(analysis({"c:attack": 1.5}, text="Sudland " * 60 + "\nthe lede"))
    assert found.new_update is not None
    summary = found.new_update.summary
    assert len(summary) == 200 and summary.endswith("...") and "lede" not in summary


def test_higher_relevance_never_lowers_confidence() -> None:
    claimed = analysis({"c:attack": 1.5})
    low, high = decide(claimed, relevance=0.5), decide(claimed, relevance=1.0)
    assert low.new_update is not None and high.new_update is not None
    assert low.new_update.confidence <= high.new_update.confidence


# Joining a known update

ATTACK = KnownUpdate("u-attack", "security", "2026-03-01", "Attack on the harbour",
                     {"c:attack": 1.5, "w:harbo": 0.6}, False)


def test_the_same_development_joins_its_update() -> None:
    found = decide(analysis({"c:attack": 1.5, "w:harbo": 0.6, "w:night": 0.6},
                            kind="security"), knowledge(updates=[ATTACK]))
    assert (found.outcome, found.update_id, found.new_update) == ("joined", "u-attack", None)
    assert "same development as u-attack" in found.reason


def test_far_apart_in_time_a_weak_match_opens_its_own_update() -> None:
    features = {"c:attack": 1.5, "w:one": 0.6, "w:two": 0.6, "w:three": 0.6}
    near = decide(analysis(features, date(2026, 3, 2), kind="security"),
                  knowledge(updates=[ATTACK]))
    far = decide(analysis(features, date(2026, 5, 1), kind="security"),
                 knowledge(updates=[ATTACK]))
    assert (near.outcome, far.outcome) == ("joined", "new")


def test_what_is_learnt_is_compared_with_next() -> None:
    known = knowledge()
    first = decide(analysis({"c:attack": 1.5, "w:harbo": 0.6}, kind="security"), known,
                   article_id="a-1")
    known.learn("a-1", LEAD, first)
    second = decide(analysis({"c:attack": 1.5, "w:harbo": 0.6, "w:night": 0.6},
                             kind="security"), known, article_id="a-2",
                    lead=frozenset({"something else entirely"}))
    assert first.outcome == "new"
    assert (second.outcome, second.update_id) == ("joined", first.update_id)


# Copies


def test_a_near_identical_lead_is_a_copy_and_inherits_the_decision() -> None:
    prior = PriorArticle("a-0", LEAD, "u-attack", ("f-trade",))
    found = decide(analysis({"c:attack": 1.5}), knowledge(recent=[prior]), article_id="a-1")
    assert (found.outcome, found.copy_of, found.update_id) == ("copy", "a-0", "u-attack")
    assert [f.fact_id for f in found.facts] == ["f-trade"]


def test_an_article_is_no_copy_of_itself_or_of_a_different_lead() -> None:
    prior = PriorArticle("a-0", LEAD, "u-attack", ())
    assert decide(analysis({"c:attack": 1.5}), knowledge(recent=[prior]),
                  article_id="a-0").outcome == "new"
    other = frozenset({"norland ships wheat", "ships wheat by", "wheat by rail",
                       "by rail today"})
    assert decide(analysis({"c:attack": 1.5}), knowledge(recent=[prior]),
                  lead=other).outcome == "new"


# Secondary claims and contradictions


def test_secondary_claims_corroborate_facts_but_open_nothing() -> None:
    side = claim({"c:talks": 1.0, "a:arlo": 1.0}, "Arlo led the talks.", "diplomacy", 2)
    found = decide(analysis({"c:attack": 1.5}, kind="security", secondary=(side,)))
    assert found.outcome == "new"
    assert [(f.fact_id, f.evidence) for f in found.facts] == [
        ("f-talks", "Arlo led the talks.")]


RIVAL_FIRST = ContradictionPattern(
    "f-first", re.compile(r"first (?:country|state) to recogni[sz]e"),
    "another country called the first to recognise", unless=re.compile(r"norland"))


def test_a_claim_against_a_fact_is_flagged_with_its_clause() -> None:
    text = "Talks went on. Ostland was the First country to recognise Sudland; more later."
    found = decide(analysis({"c:attack": 1.5}), knowledge(contradictions=(RIVAL_FIRST,)),
                   text=text)
    assert [(c.fact_id, c.claim, c.fact_statement) for c in found.contradictions] == [
        ("f-first", "Ostland was the First country to recognise Sudland",
         "Norland was the first to recognise")]


def test_a_clause_that_agrees_with_the_fact_is_no_contradiction() -> None:
    text = "Norland was the first country to recognise Sudland."
    found = decide(analysis({"c:attack": 1.5}), knowledge(contradictions=(RIVAL_FIRST,)),
                   text=text)
    assert found.contradictions == ()
