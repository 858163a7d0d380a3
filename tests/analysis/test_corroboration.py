"""Unit tests of tracker.analysis.corroboration: an undated restatement that is one more
report of a new update's event counts as its source; one nearer the baseline does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tracker.analysis.corroboration import corroborated_update
from tracker.analysis.grouping import Evidence, Rarity, UpdateProfile
from tracker.analysis.novelty import BaselineEvidence, FactEvidence, novelty

BASELINE = BaselineEvidence(
    facts=(FactEvidence("B1", frozenset({"recognition", "ambassador"}), frozenset({"lavrov"}),
                        frozenset({"RU", "AF"}), frozenset(), date(2025, 7, 3),
                        date(2025, 7, 3)),
           FactEvidence("B2", frozenset({"talks", "trade", "transit"}), frozenset({"envoy"}),
                        frozenset({"AF", "city:Kabul"}), frozenset(), date(2025, 7, 1),
                        date(2025, 7, 10))),
    start=date(2025, 7, 1), end=date(2025, 7, 11))


def report(concepts: set[str], actors: set[str], places: set[str],
           when: date | None = None) -> Evidence:
    return Evidence(headline="", language="ps", concepts=dict.fromkeys(concepts, 1.0),
                    kinds={"diplomacy": 1.0}, actors=frozenset(actors),
                    places=frozenset(places), when=when,
                    dated_by="published" if when else "seen")


# Dated reports of a later meeting of the same envoy, with a minister the baseline lacks.
LATER = [report({"talks", "trade", "transit"}, {"envoy", "deputy_pm"}, {"city:Kabul"},
                date(2026, 5, 14)) for _ in range(3)]


def setting() -> tuple[UpdateProfile, Rarity]:
    update = UpdateProfile("u-later", None, None, background=False)
    rarity = Rarity()
    for index, item in enumerate(LATER):
        update.add(f"a{index}", item)
        rarity.add(item.features())
    for other in ({"c:aid", "p:AF"}, {"c:recognition", "p:RU"}, {"c:embassy", "p:RU"}):
        rarity.add(other)
    return update, rarity


def test_an_undated_report_of_the_later_meeting_is_its_source() -> None:
    update, rarity = setting()
    undated = report({"talks", "trade", "transit"}, {"envoy", "deputy_pm"}, {"city:Kabul"})
    assert not novelty(undated, BASELINE).is_new  # alone, it cannot be told from B2
    joined, score, nearest = corroborated_update(undated, [update], BASELINE, rarity)
    assert joined is update, (score, nearest)


def test_a_restatement_nearer_a_baseline_fact_stays_a_restatement() -> None:
    update, rarity = setting()
    # The baseline's own meeting, told as the fact tells it: like the update too.
    restated = report({"talks", "trade", "transit"}, {"envoy"}, {"AF", "city:Kabul"})
    joined, score, nearest = corroborated_update(restated, [update], BASELINE, rarity)
    assert joined is None and score > 0 and nearest > score, (score, nearest)
    # Nor does a dated report join this way: its date decides whether it is news.
    dated = report({"talks", "trade", "transit"}, {"envoy", "deputy_pm"}, {"city:Kabul"},
                   date(2025, 7, 2))
    assert corroborated_update(dated, [update], BASELINE, rarity)[0] is None


def test_a_background_update_gathers_no_restatement() -> None:
    update, rarity = setting()
    update.background = True
    undated = report({"talks", "trade", "transit"}, {"envoy", "deputy_pm"}, {"city:Kabul"})
    assert corroborated_update(undated, [update], BASELINE, rarity)[0] is None


def test_a_fact_of_the_storys_history_does_not_keep_a_report_from_an_open_update() -> None:
    """The same meeting told as the baseline's history tells one (a year before its
    period) is this week's open meeting, not last year's; told as a fact of the
    baseline's own period tells it, it stays a restatement."""
    update, rarity = setting()
    restated = report({"talks", "trade", "transit"}, {"envoy"}, {"AF", "city:Kabul"})
    history = BaselineEvidence(
        facts=(BASELINE.facts[0],
               FactEvidence("B2", frozenset({"talks", "trade", "transit"}),
                            frozenset({"envoy"}), frozenset({"AF", "city:Kabul"}),
                            frozenset(), date(2024, 7, 1), date(2024, 7, 10))),
        start=BASELINE.start, end=BASELINE.end)
    joined, score, nearest = corroborated_update(restated, [update], history, rarity)
    assert joined is update and nearest < score, (score, nearest)
    assert corroborated_update(restated, [update], BASELINE, rarity)[0] is None


def _kremlin_ceremony() -> tuple[UpdateProfile, Rarity]:
    """An update of three reports of Putin accepting the credentials at the Kremlin,
    and the rarity of its evidence among a few other reports'."""
    ceremony = [report({"credentials", "ambassador", "recognition"}, {"putin"}, {"RU"},
                       date(2026, 1, 15)) for _ in range(3)]
    update = UpdateProfile("u-ceremony", None, None, background=False)
    rarity = Rarity()
    for index, item in enumerate(ceremony):
        update.add(f"a{index}", item)
        rarity.add(item.features())
    for other in ({"c:aid", "p:AF"}, {"c:recognition", "p:RU"}, {"c:embassy", "p:RU"}):
        rarity.add(other)
    return update, rarity


def test_a_person_the_facts_lack_and_the_update_has_makes_a_report_its_source() -> None:
    """"Putin and Lavrov received the ambassador": nearer the July recognition fact (the
    ambassador, Lavrov) than the Kremlin ceremony's update, but Putin, whom the fact
    lacks, is the update's. Without him it stays a restatement."""
    update, rarity = _kremlin_ceremony()
    both = report({"recognition", "ambassador"}, {"putin", "lavrov"}, {"RU"})
    joined, score, nearest = corroborated_update(both, [update], BASELINE, rarity)
    assert joined is update and nearest > score, (score, nearest)
    known = report({"recognition", "ambassador"}, {"lavrov"}, {"RU"})
    assert corroborated_update(known, [update], BASELINE, rarity)[0] is None


def test_whom_the_headline_quotes_makes_no_restatement_a_source() -> None:
    """"Putin: the recognition reflects reality", while an update of a Kremlin ceremony
    with Putin is open: he speaks of the recognition, whose fact lacks him; what he says
    is no report of the ceremony."""
    update, rarity = _kremlin_ceremony()
    quoted = replace(report({"recognition", "ambassador"}, {"putin", "lavrov"}, {"RU"}),
                     speakers=frozenset({"putin"}))
    assert corroborated_update(quoted, [update], BASELINE, rarity)[0] is None
