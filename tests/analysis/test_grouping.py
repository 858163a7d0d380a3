"""Unit tests of tracker.analysis.grouping: evidence in, decisions out, no language involved."""

from __future__ import annotations

from dataclasses import MISSING, fields, replace
from datetime import date, timedelta

import pytest

from tracker.analysis.date_tokens import DayHint
from tracker.analysis.grouping import (
    Evidence,
    Rarity,
    UpdateProfile,
    best_update,
)
from tracker.analysis.merging import best_merge
from tracker.analysis.novelty import BaselineEvidence, FactEvidence, novelty
from tracker.analysis.summaries import one_line, summary_of
from tracker.analysis.timing import UNDATED_FACTOR

BASELINE = BaselineEvidence(
    facts=(FactEvidence("B1", frozenset({"recognition", "ambassador", "credentials"}),
                        frozenset({"rudenko", "lavrov"}), frozenset(), frozenset(),
                        date(2025, 7, 3), date(2025, 7, 3)),
           FactEvidence("B2", frozenset({"embassy"}), frozenset(), frozenset(), frozenset(),
                        date(2021, 1, 1), date(2021, 12, 31))),
    start=date(2025, 7, 1), end=date(2025, 7, 11))


def evidence(headline: str = "", *, concepts: dict[str, float] | None = None,
             actors: set[str] | None = None, places: set[str] | None = None,
             quantities: set[str] | None = None, when: date | None = None,
             dated_by: str = "published", language: str | None = "en") -> Evidence:
    concepts = concepts or {}
    return Evidence(headline=headline, language=language, concepts=concepts,
                    kinds={"diplomacy": 1.0} if "talks" in concepts else {"humanitarian": 1.0},
                    actors=frozenset(actors or ()), places=frozenset(places or ()),
                    quantities=frozenset(quantities or ()), when=when,
                    dated_by=dated_by if when else "none")


def test_a_restatement_is_not_news_when_written_with_the_news() -> None:
    restated = evidence(concepts={"recognition": 1.5}, when=date(2025, 7, 20))
    assert not novelty(restated, BASELINE).is_new
    undated = evidence(concepts={"recognition": 1.5}, actors={"lavrov"})
    assert not novelty(undated, BASELINE).is_new


def test_a_new_concept_is_news() -> None:
    quake = evidence(concepts={"earthquake": 1.0, "aid": 1.0}, when=date(2025, 9, 5))
    result = novelty(quake, BASELINE)
    assert result.is_new and "earthquake" in result.reasons[0]


def test_a_report_on_the_baseline_topic_months_later_is_news() -> None:
    months_later = evidence(concepts={"recognition": 1.5}, when=date(2026, 1, 20))
    assert novelty(months_later, BASELINE).is_new


def test_a_new_actor_alone_is_not_news_but_a_new_actor_later_is() -> None:
    same_days = evidence(concepts={"credentials": 1.5}, actors={"putin"},
                         when=date(2025, 7, 4))
    assert not novelty(same_days, BASELINE).is_new
    months_later = evidence(concepts={"credentials": 1.5}, actors={"putin"},
                            when=date(2026, 1, 15))
    assert novelty(months_later, BASELINE).is_new
    figure_and_actor = evidence(concepts={"credentials": 1.5}, actors={"putin"},
                                quantities={"34 count"})
    assert novelty(figure_and_actor, BASELINE).is_new


def test_a_fact_that_happens_once_is_restated_however_late() -> None:
    once = replace(BASELINE, facts=(replace(BASELINE.facts[0], once=True),
                                    *BASELINE.facts[1:]))
    # "Russia remains the only country to have recognised the Taliban", a year on.
    a_year_on = evidence(concepts={"recognition": 1.5}, when=date(2026, 7, 3))
    assert novelty(a_year_on, BASELINE).is_new
    assert not novelty(a_year_on, once).is_new
    # A new actor, or a concept the fact lacks, is still news months later.
    putin = evidence(concepts={"credentials": 1.5}, actors={"putin"}, when=date(2026, 1, 15))
    assert novelty(putin, once).is_new
    another = evidence(concepts={"recognition": 1.5, "embassy": 1.0}, when=date(2026, 7, 3))
    assert novelty(another, once).is_new


def test_a_report_of_several_facts_that_each_happen_once_is_restated_however_late() -> None:
    """"From the Soviet withdrawal to the recognition": two events that each happened
    once, told together months on, are neither of them news again; one of them beside a
    known event that may recur is."""
    withdrawal = FactEvidence("B3", frozenset({"army"}), frozenset(), frozenset(),
                              frozenset(), date(1989, 1, 1), date(1989, 12, 31), once=True)
    once = replace(BASELINE, facts=(replace(BASELINE.facts[0], once=True),
                                    *BASELINE.facts[1:], withdrawal))
    history = evidence(concepts={"recognition": 1.5, "army": 1.0}, when=date(2026, 1, 5))
    assert not novelty(history, once).is_new
    recurring = replace(once, facts=(*once.facts[:2], replace(withdrawal, once=False)))
    assert novelty(history, recurring).is_new


def test_an_experts_view_months_later_is_no_news_by_its_publication() -> None:
    """"Expert: Moscow recognised the Taliban for security and lithium", published
    months on, weighs known facts; the same text without the expert is a report on
    their topic months later. An expert's figure alone is a forecast or a reading as
    often as a measure; a day the expert's text gives is news."""
    view = replace(evidence(concepts={"recognition": 1.5}, when=date(2026, 3, 1)),
                   commentary=True)
    assert not novelty(view, BASELINE).is_new
    assert novelty(evidence(concepts={"recognition": 1.5}, when=date(2026, 3, 1)),
                   BASELINE).is_new
    assert not novelty(replace(view, quantities=frozenset({"2.1e+09 usd"})), BASELINE).is_new
    assert novelty(replace(view, dated_by="text"), BASELINE).is_new


def test_whom_a_headline_quotes_is_no_new_actor_unless_they_say_something_new() -> None:
    once = replace(BASELINE, facts=(replace(BASELINE.facts[0], once=True),
                                    *BASELINE.facts[1:]))
    # "Zakharova: Russia will not withdraw its recognition", months on.
    quoted = replace(evidence(concepts={"recognition": 1.5}, actors={"zakharova"},
                              when=date(2026, 5, 3)), speakers=frozenset({"zakharova"}))
    assert not novelty(quoted, once).is_new
    assert novelty(replace(quoted, speakers=frozenset()), once).is_new
    # "Putin: the Taliban control Afghanistan": a new stance, and who takes it.
    stance = replace(evidence(concepts={"recognition": 1.5, "control": 1.0}, actors={"putin"}),
                     stances=frozenset({"control"}), speakers=frozenset({"putin"}))
    assert novelty(stance, BASELINE).is_new


def test_a_report_recalling_when_the_facts_happened_is_not_news_by_its_publication(
        ) -> None:
    once = replace(BASELINE, facts=(replace(BASELINE.facts[0], once=True),
                                    *BASELINE.facts[1:]))
    # "Zakharova recalled that Russia recognised the Taliban in July last year".
    recalled = frozenset({(date(2025, 7, 1), True)})
    reminder = replace(evidence(concepts={"recognition": 1.5}, actors={"zakharova"},
                                when=date(2026, 3, 19)), recalled=recalled)
    assert not novelty(reminder, once).is_new
    assert novelty(replace(reminder, recalled=frozenset()), once).is_new
    # Trade "since the recognition in July 2025" grown to a new amount is a measure
    # taken since.
    measured = replace(reminder, actors=frozenset(), quantities=frozenset({"1.5e+09 usd"}))
    assert novelty(measured, once).is_new


def test_who_a_report_names_does_not_keep_a_once_fact_from_being_restated() -> None:
    facts = (replace(BASELINE.facts[0], once=True),
             replace(BASELINE.facts[1], concepts=frozenset({"embassy", "foreign_ministry"})))
    once = replace(BASELINE, facts=facts, kindless=frozenset({"foreign_ministry"}))
    # "The head of the Taliban foreign ministry again thanked Moscow for the
    # recognition", a year on: a ministry is who, not what happened.
    thanks = evidence(concepts={"recognition": 1.5, "foreign_ministry": 1.0},
                      when=date(2026, 7, 4))
    assert not novelty(thanks, once).is_new
    assert novelty(thanks, replace(once, kindless=frozenset())).is_new


def test_a_stance_on_a_once_fact_does_not_keep_it_from_being_restated() -> None:
    # The baseline knows the stance (its facts voice concern elsewhere).
    stance = replace(BASELINE.facts[1], concepts=frozenset({"embassy", "concern"}))
    once = replace(BASELINE, facts=(replace(BASELINE.facts[0], once=True), stance))
    # "Kremlin: no regrets over the Taliban's recognition", eight months on: a stance
    # on the recognition, which does not happen again.
    no_regrets = replace(evidence(concepts={"recognition": 1.5, "concern": 1.0},
                                  when=date(2026, 3, 12)), stances=frozenset({"concern"}))
    assert not novelty(no_regrets, once).is_new
    # The same stance on a known event that may recur, months on, is news by its date.
    assert novelty(no_regrets, replace(BASELINE, facts=(BASELINE.facts[0], stance))).is_new
    # A concept that is no stance still makes it news.
    assert novelty(replace(no_regrets, concepts={"recognition": 1.5, "embassy": 1.0},
                           stances=frozenset()), once).is_new


def test_a_commentators_figure_and_new_reason_are_no_news() -> None:
    # "Analyst: the recognition could bring Moscow $10 billion in mining deals": a
    # forecast, and a reason the baseline lacks, weighed as a stance.
    forecast = replace(evidence(concepts={"recognition": 1.5, "agreement": 1.0},
                                quantities={"1e+10 usd"}, when=date(2026, 1, 15)),
                       commentary=True)
    assert not novelty(forecast, BASELINE).is_new
    # The same figure reported as a measure is a sign of news beside the reason.
    assert novelty(replace(forecast, commentary=False), BASELINE).is_new


def test_a_text_date_after_the_baseline_makes_a_known_event_news() -> None:
    again = evidence(concepts={"credentials": 1.5}, when=date(2026, 1, 15), dated_by="text")
    assert novelty(again, BASELINE).is_new


def _profile(update_id: str, *items: Evidence) -> UpdateProfile:
    profile = UpdateProfile(update_id, None, None, background=False)
    for index, item in enumerate(items):
        profile.add(f"{update_id}-{index}", item)
    return profile


def _rarity(*items: Evidence) -> Rarity:
    rarity = Rarity()
    for item in items:
        rarity.add(item.features())
    return rarity


QUAKE = evidence("Russia flies aid to quake-hit Afghanistan",
                 concepts={"earthquake": 1.0, "aid": 1.0}, places={"AF", "RU"},
                 quantities={"20 tonne"}, when=date(2025, 9, 5))
TALKS = evidence("Moscow format talks held", concepts={"talks": 1.0}, actors={"lavrov"},
                 places={"AF", "RU"}, when=date(2025, 10, 7))


def test_reports_of_one_event_join_and_other_events_do_not() -> None:
    updates = [_profile("u-quake", QUAKE), _profile("u-talks", TALKS)]
    rarity = _rarity(QUAKE, TALKS)
    other_report = evidence("Спецборт МЧС доставил помощь", language="ru",
                            concepts={"aid": 1.0, "earthquake": 1.0}, places={"AF"},
                            when=date(2025, 9, 6))
    joined, score = best_update(other_report, updates, rarity)
    assert joined is not None and joined.update_id == "u-quake", score


def test_the_same_kind_of_event_a_month_later_is_another_development() -> None:
    updates = [_profile("u-quake", QUAKE)]
    later = evidence(concepts={"earthquake": 1.0, "aid": 1.0}, places={"AF", "RU"},
                     when=date(2025, 10, 20))
    assert best_update(later, updates, _rarity(QUAKE))[0] is None


def test_sharing_only_who_and_where_is_not_one_development() -> None:
    updates = [_profile("u-talks", TALKS)]
    days_later = evidence(concepts={}, actors={"lavrov"}, places={"AF", "RU"},
                          when=date(2025, 10, 11))
    assert best_update(days_later, updates, _rarity(TALKS))[0] is None
    # The same person on the same day is most often one occasion reported two ways.
    same_day = evidence(concepts={}, actors={"lavrov"}, places={"AF", "RU"},
                        when=date(2025, 10, 7))
    assert best_update(same_day, updates, _rarity(TALKS))[0] is not None


def test_the_summary_is_in_the_story_language_when_a_source_is() -> None:
    profile = _profile(
        "u", evidence("Россия отправила помощь", language="ru",
                      concepts={"aid": 1.0, "earthquake": 1.0}, when=date(2025, 9, 5)),
        evidence("Russia sends aid after the earthquake", language="en",
                 concepts={"aid": 1.0, "earthquake": 1.0}, when=date(2025, 9, 5)))
    assert summary_of(profile, "en")[0] == "Russia sends aid after the earthquake"
    text, language, _ = summary_of(profile, "fr")
    assert language == "ru" and text.startswith("[ru] Россия")


def test_one_line_never_cuts_a_word() -> None:
    text = "word " * 100
    line = one_line(text, 60)
    assert len(line) <= 60 and line.endswith("word…")


def test_evidence_survives_its_event_document() -> None:
    from tracker.analysis.signals import from_signals, to_signals

    again = from_signals(QUAKE.headline, QUAKE.language, to_signals(QUAKE))
    assert again == QUAKE
    # Every field, each unlike its default: the story's memory is replayed from these
    # documents, and a field they lose groups a rebuilt memory otherwise than the live one.
    full = replace(
        QUAKE, actors=frozenset({"lavrov"}), names=frozenset({"v:orlf"}),
        people=frozenset({"v:orlf"}), dated_by="text", hint=DayHint(9, 5),
        since=date(2025, 9, 1), readable=False, recalled=frozenset({(date(2025, 7, 3), False)}),
        stances=frozenset({"support"}), ordinals=frozenset({7}),
        speakers=frozenset({"lavrov"}), commentary=True, filed=frozenset({"RU"}),
        bodies=frozenset({"russian_foreign_ministry"}))
    unset = [f.name for f in fields(Evidence) if f.default is not MISSING
             and getattr(full, f.name) == f.default]
    assert unset == []
    assert from_signals(full.headline, full.language, to_signals(full)) == full


def test_a_new_stance_alone_is_no_development() -> None:
    """Support, concern, control: a stance the baseline lacks weighs as a detail, so
    "Moscow supports Kabul" restates; with a new event concept it is news."""
    base = BaselineEvidence((FactEvidence("f1", frozenset({"recognition"}), frozenset(),
                                          frozenset(), frozenset(), date(2025, 7, 3),
                                          date(2025, 7, 3)),), date(2025, 7, 1),
                            date(2025, 7, 11))
    stance = Evidence("Moscow backs the government", "en", {"support": 1.0}, {},
                      stances=frozenset({"support"}))
    assert not novelty(stance, base).is_new
    assert "new stances support" in novelty(stance, base).reasons
    event = Evidence("Moscow backs a railway", "en", {"support": 1.0, "railway": 1.0}, {},
                     stances=frozenset({"support"}))
    assert novelty(event, base).is_new
    # With another sign (a new actor) the stance counts: together they are news.
    voiced = Evidence("Envoy backs the government", "en", {"support": 1.0}, {},
                      actors=frozenset({"envoy"}), stances=frozenset({"support"}))
    assert novelty(voiced, base).is_new


def test_the_sixth_and_the_seventh_meeting_are_apart() -> None:
    seventh = evidence("7th Moscow Format meeting", concepts={"talks": 1.0},
                       places={"AF", "RU"}, when=date(2025, 10, 7))
    seventh = replace(seventh, ordinals=frozenset({7}))
    sixth = replace(seventh, headline="شروع ششمین نشست", ordinals=frozenset({6}),
                    when=None, dated_by="none")
    updates = [_profile("u-7", seventh)]
    rarity = _rarity(seventh, TALKS)
    assert best_update(sixth, updates, rarity)[0] is None
    # Without a number, or with the same one, a report may join.
    unnumbered = replace(sixth, ordinals=frozenset())
    assert best_update(unnumbered, updates, rarity)[0] is not None
    assert best_update(replace(sixth, ordinals=frozenset({7, 2})), updates, rarity)[0]


def test_a_new_occurrence_of_a_known_event_is_news() -> None:
    """The baseline holds talks; "the seventh round" of them is one it does not hold."""
    talks = evidence(concepts={"credentials": 1.5}, actors={"lavrov"})
    assert not novelty(talks, BASELINE).is_new
    seventh = replace(talks, ordinals=frozenset({7}))
    result = novelty(seventh, BASELINE)
    assert result.is_new and "occurrences the matching facts lack: 7" in result.reasons
    held = BaselineEvidence((replace(BASELINE.facts[0], ordinals=frozenset({7})),),
                            BASELINE.start, BASELINE.end)
    assert not novelty(seventh, held).is_new


def test_two_amounts_in_one_unit_are_two_shipments() -> None:
    """20 tonnes one week and 40 tonnes another: an amount the update's sources give in
    the same unit, but never this one, keeps a report out; another unit does not."""
    first = evidence("Russia flies 20 tonnes of aid", concepts={"aid": 1.0},
                     places={"AF", "RU"}, quantities={"20 tonne"}, when=date(2025, 9, 5))
    updates = [_profile("u-20", first)]
    rarity = _rarity(first, TALKS)
    other = replace(first, headline="Russia sends 40 tonnes", quantities=frozenset({"40 tonne"}))
    assert best_update(other, updates, rarity)[0] is None
    same = replace(first, headline="Самолёт доставил 20 тонн помощи", language="ru")
    assert best_update(same, updates, rarity)[0] is not None
    money = replace(first, quantities=frozenset({"20 tonne", "1000000 usd"}))
    assert best_update(money, updates, rarity)[0] is not None


def test_an_amount_told_rounded_is_the_same_shipment() -> None:
    """12,400 tonnes of sugar, told as "about 12,000 tonnes" the next day, is one
    shipment; 5,000 tonnes a week later is another."""
    first = evidence("Россия отправила 12,4 тыс. тонн сахара", concepts={"trade": 1.0},
                     places={"AF", "RU"}, quantities={"12400 tonne"}, when=date(2026, 1, 7))
    updates = [_profile("u-sugar", first)]
    rarity = _rarity(first, TALKS, QUAKE)
    rounded = replace(first, headline="حدود ۱۲ هزار تن شکر", language="fa",
                      quantities=frozenset({"12000 tonne"}), when=date(2026, 1, 8))
    assert best_update(rounded, updates, rarity)[0] is not None
    other = replace(rounded, quantities=frozenset({"5000 tonne"}))
    assert best_update(other, updates, rarity)[0] is None
    # An occurrence number is never rounded: the 6th meeting is not the 7th.
    seventh = _profile("u-7th", replace(TALKS, ordinals=frozenset({7})))
    sixth = replace(TALKS, ordinals=frozenset({6}))
    assert best_update(sixth, [seventh], _rarity(TALKS, QUAKE))[0] is None


def test_a_report_that_lists_every_participant_still_joins_its_meeting() -> None:
    meeting = evidence("Regional talks on Afghanistan open in Moscow",
                       concepts={"talks": 1.0, "regional_format": 1.0},
                       actors={"lavrov"}, places={"AF", "RU"}, when=date(2025, 10, 7))
    other = evidence("Aid convoy reaches Herat", concepts={"aid": 1.0},
                     places={"AF", "IR"}, when=date(2025, 10, 1))
    # Undated, in another language, naming the ten delegations rather than the host.
    listing = evidence("اجلاس میں چین، ایران، بھارت، قازقستان، کرغزستان، ازبکستان شریک",
                       language="ur", concepts={"talks": 1.0, "regional_format": 1.0},
                       places={"AF", "PK", "CN", "IR", "IN", "KZ", "KG", "UZ", "TJ", "TM"})
    rarity = _rarity(meeting, other, TALKS, QUAKE)
    joined, score = best_update(listing, [_profile("u-meeting", meeting)], rarity)
    assert joined is not None, score


CALL = evidence("Moscow calls for restraint on the border", concepts={"escalation": 1.0,
                "border": 1.0}, actors={"zakharova"}, places={"PK", "AF"})


@pytest.mark.parametrize(("hint", "joins"), [
    (None, "u-march"),  # nothing says which: the closer evidence decides
    (DayHint(10, 11), "u-october"),  # "the clashes of 10 and 11 October"
    (DayHint(weekday=0), "u-october"),  # "said today, Monday": 13 October 2025
    (DayHint(weekday=3), "u-march"),  # Thursday 5 March 2026
    (DayHint(10), "u-october"),  # "in October"
    (DayHint(6, 1), None),  # neither
])
def test_an_undated_report_joins_only_an_update_on_a_day_its_text_allows(
        hint: DayHint | None, joins: str | None) -> None:
    # The same spokeswoman's two calls for restraint, months apart, worded alike; the
    # undated report is most like the March one, unless its text rules March out.
    def on(day: date, **changes: object) -> Evidence:
        return replace(CALL, when=day, dated_by="published", **changes)  # type: ignore[arg-type]

    october = _profile("u-october", on(date(2025, 10, 13), actors=frozenset()))
    march = _profile("u-march", on(date(2026, 3, 4)), on(date(2026, 3, 5)))
    undated = replace(CALL, when=date(2026, 12, 6), dated_by="seen", hint=hint)
    found, score = best_update(undated, [october, march], _rarity(CALL, CALL, CALL))
    assert (found.update_id if found else None) == joins, score


def test_a_report_naming_only_its_events_month_may_be_of_an_update_in_that_month() -> None:
    # "The protocol signed in February", published on 2 March: its event may be any day
    # from 1 February on, so it may report the update of 10 February, as an undated
    # report naming February would (:data:`UNDATED_FACTOR`); dated by its publication
    # alone, three weeks on, it may not, nor when the month it names is March.
    february = _profile("u-february", replace(QUAKE, when=date(2026, 2, 10)))
    rarity = _rarity(QUAKE, QUAKE)
    late = replace(QUAKE, when=date(2026, 3, 2), dated_by="text")
    assert best_update(late, [february], rarity)[0] is None
    found, score = best_update(replace(late, since=date(2026, 2, 1)), [february], rarity)
    undated = best_update(replace(QUAKE, when=None, dated_by="none"), [february], rarity)[1]
    assert found is not None and score == pytest.approx(undated), score
    assert best_update(replace(late, since=date(2026, 3, 1)), [february], rarity)[0] is None


def test_an_undated_report_naming_the_day_is_weighed_as_a_dated_one() -> None:
    # Only the year is unknown, and the update gives it: "the clashes of 12 October"
    # scores against an update of 13 October as a report dated the 12th would; a
    # weekday or a month says less, and weighs as an undated report.
    october = _profile("u-october", replace(CALL, when=date(2025, 10, 13),
                                            dated_by="published"))
    rarity = _rarity(CALL, CALL)
    dated = best_update(replace(CALL, when=date(2025, 10, 12), dated_by="text"),
                        [october], rarity)[1]
    scores = {hint: best_update(replace(CALL, when=date(2026, 12, 6), dated_by="seen",
                                        hint=hint), [october], rarity)[1]
              for hint in (DayHint(10, 12), DayHint(weekday=0), DayHint(10), None)}
    assert scores[DayHint(10, 12)] == pytest.approx(dated)
    for hint in (DayHint(weekday=0), DayHint(10), None):
        assert scores[hint] == pytest.approx(dated * UNDATED_FACTOR)


def test_an_undated_update_merges_only_with_an_update_on_a_day_its_sources_allow() -> None:
    # Two undated reports of "the clashes of 10 and 11 October" opened an update of
    # their own; the spokeswoman's call of early March reads the same, but its days are
    # not theirs. Without the hint, the two would be one development.
    def on(day: date) -> Evidence:
        return replace(CALL, when=day, dated_by="published")

    march = _profile("u-march", on(date(2026, 3, 4)), on(date(2026, 3, 5)))
    rarity = _rarity(CALL, CALL, CALL)
    for hint, merges in ((DayHint(10, 11), False), (DayHint(3), True), (None, True)):
        undated = replace(CALL, when=date(2026, 12, 6), dated_by="seen", hint=hint)
        opened = _profile("u-undated", undated, undated)
        assert opened.hints == ({hint} if hint else set())
        for one, other in ((opened, march), (march, opened)):
            found, score = best_merge(one, [other], rarity)
            assert (found is not None) == merges, (hint, score)


def test_a_day_hint_survives_its_event_document() -> None:
    from tracker.analysis.signals import from_signals, to_signals

    for hint in (DayHint(10, 11), DayHint(weekday=0), DayHint(10)):
        undated = replace(CALL, when=date(2026, 12, 6), dated_by="seen", hint=hint)
        assert from_signals(CALL.headline, "en", to_signals(undated)) == undated


def test_a_numbered_occurrence_joins_an_unnumbered_update_only_on_its_days() -> None:
    # "The second aid flight" three days after reports of a flight that give no number
    # is the second flight: the number says another came before.
    first = _profile("u-first", QUAKE)
    second = replace(QUAKE, headline="Второй самолёт МЧС с помощью вылетел в Афганистан",
                     ordinals=frozenset({2}), quantities=frozenset(),
                     when=date(2025, 9, 8))
    rarity = _rarity(QUAKE, second)
    assert best_update(second, [first], rarity)[0] is None
    # The same days: one flight, told by one report with a number and one without.
    assert best_update(replace(second, when=date(2025, 9, 6)), [first], rarity)[0] is not None
    # And the other way round: an unnumbered report days after a numbered update.
    numbered = _profile("u-second", second)
    later = replace(QUAKE, quantities=frozenset(), when=date(2025, 9, 11))
    assert best_update(later, [numbered], rarity)[0] is None
    assert best_update(replace(later, when=date(2025, 9, 9)), [numbered], rarity)[0]


def test_a_call_days_after_a_meeting_is_another_occasion() -> None:
    # Monday's meeting in Moscow, told by two outlets; Friday's call between the same
    # ministers names the meeting's people and place and the visit it followed.
    def meeting(day: date) -> Evidence:
        return evidence("Lavrov meets Muttaqi in Moscow", concepts={"talks": 1.0},
                        actors={"lavrov", "muttaqi"}, places={"RU", "city:Moscow"},
                        when=day)

    monday = _profile("u-meeting", meeting(date(2025, 11, 10)), meeting(date(2025, 11, 10)))
    call = evidence("Lavrov and Muttaqi discuss the visit by phone",
                    concepts={"talks": 1.0, "phone_call": 1.0, "visit": 1.0},
                    actors={"lavrov", "muttaqi"}, places={"RU", "city:Moscow"},
                    when=date(2025, 11, 13))
    rarity = _rarity(meeting(date(2025, 11, 10)), meeting(date(2025, 11, 10)), call, QUAKE)
    assert best_update(call, [monday], rarity)[0] is None
    # A day apart, the modes are one occasion told two ways.
    assert best_update(replace(call, when=date(2025, 11, 11)), [monday], rarity)[0]
    # Nor does an update of the call merge with the meeting's, nor a meeting report
    # days later join the call's update.
    friday = _profile("u-call", call, call)
    assert best_merge(friday, [monday], rarity)[0] is None
    assert best_update(meeting(date(2025, 11, 10)), [friday], rarity)[0] is None
    # A report of the call that says not when may be of any day: not of the meeting's,
    # but of the call's once it is open.
    undated = replace(call, when=None, dated_by="none")
    assert best_update(undated, [monday], rarity)[0] is None
    assert best_update(undated, [monday, friday], rarity)[0] is friday


def test_an_undated_report_of_the_same_two_people_joins_their_meeting() -> None:
    """Once talks are in every report of the story, "Muttaqi met Lavrov in Moscow",
    undated, shares nothing distinctive but its two people: enough without a date, as
    the same person is within a day or two; one person alone is not."""
    def meeting(day: date | None) -> Evidence:
        return evidence("Lavrov meets Muttaqi", concepts={"talks": 1.0},
                        actors={"lavrov", "muttaqi"}, places={"RU"}, when=day)

    update = _profile("u-meeting", meeting(date(2025, 10, 27)), meeting(date(2025, 10, 27)))
    rarity = _rarity(*(meeting(date(2025, 10, d)) for d in range(1, 20)))  # talks: common
    assert best_update(meeting(None), [update], rarity)[0] is update
    one = replace(meeting(None), actors=frozenset({"lavrov"}))
    assert best_update(one, [update], rarity)[0] is None
    # Dated days away, the same two people may meet again: nothing distinctive, no join.
    assert best_update(meeting(date(2025, 10, 31)), [update], rarity)[0] is None
    # A person and the institution she speaks for are one voice, not a pair: the
    # spokeswoman's undated restatement is not of her ministry's open update.
    def briefing(day: date | None, concept: str) -> Evidence:
        return replace(evidence("Zakharova: ...", concepts={concept: 1.0},
                                actors={"zakharova", "foreign_ministry"}, places={"RU"},
                                when=day), bodies=frozenset({"foreign_ministry"}))

    said = _profile("u-briefing", briefing(date(2025, 10, 27), "talks"))
    assert best_update(briefing(None, "recognition"), [said], rarity)[0] is None


def test_a_visit_days_later_without_the_first_visits_people_is_another() -> None:
    """A deputy foreign minister's talks in Kabul, every report of which names him and
    his host; four days later talks in Kabul of a visitor the story does not list (the
    report names neither of them): another visit, not a late report of the first. On
    its days, or naming its people, a report joins."""
    def first(day: date) -> Evidence:
        return evidence("Rudenko meets Muttaqi in Kabul",
                        concepts={"talks": 1.0, "minister": 0.5},
                        actors={"rudenko", "muttaqi"}, places={"RU", "city:Kabul"}, when=day)

    update = _profile("u-first", first(date(2025, 12, 10)), first(date(2025, 12, 11)))
    other = evidence("Deputy defence minister holds talks in Kabul",
                     concepts={"talks": 1.0, "minister": 0.5}, places={"RU", "city:Kabul"},
                     when=date(2025, 12, 15))
    rarity = _rarity(first(date(2025, 12, 10)), first(date(2025, 12, 11)), other, QUAKE)
    assert best_update(other, [update], rarity)[0] is None
    assert best_update(replace(other, when=date(2025, 12, 11)), [update], rarity)[0]
    named = replace(other, actors=frozenset({"rudenko"}))
    assert best_update(named, [update], rarity)[0] is update


def test_a_report_from_another_city_of_the_same_country_is_another_occasion() -> None:
    """Flights from Ufa to Kabul are not the week's flights from Yekaterinburg to Kabul,
    which every report of the update names; a report that names Yekaterinburg too, or
    a city of no country the update's core names, may join."""
    def route(*cities: str, when: date | None = date(2026, 10, 27)) -> Evidence:
        return evidence("Weekly flights to Kabul", concepts={"flights": 1.0},
                        places={"RU", "city:Asia/Kabul", *cities}, when=when)

    yekaterinburg = route("city:Asia/Yekaterinburg")
    update = _profile("u-route", yekaterinburg, yekaterinburg)
    ufa = route("city:RU/Ufa", when=None)
    rarity = _rarity(yekaterinburg, yekaterinburg, ufa, QUAKE)
    assert best_update(ufa, [update], rarity)[0] is None
    assert best_update(route("city:RU/Ufa", "city:Asia/Yekaterinburg", when=None), [update],
                       rarity)[0] is update
    assert best_update(route("city:AF/Herāt", when=None), [update], rarity)[0] is update


def test_a_call_and_a_visit_of_the_same_week_stay_two_updates() -> None:
    # A call between two deputy prime ministers, told by reports that say not when,
    # then their visit, dated: however alike, all of one update's sources tell a call
    # and none of the other's, whatever their days.
    def call(day: date | None) -> Evidence:
        return evidence("Overchuk and Baradar talk by phone",
                        concepts={"talks": 1.0, "phone_call": 1.0, "energy": 1.0,
                                  "agriculture": 1.0},
                        actors={"overchuk", "baradar"}, places={"RU", "AF"}, when=day)

    def visit(day: date | None) -> Evidence:
        return evidence("Overchuk in Kabul agrees barter with Baradar",
                        concepts={"talks": 1.0, "visit": 1.0, "energy": 1.0,
                                  "agriculture": 1.0},
                        actors={"overchuk", "baradar"}, places={"RU", "AF", "city:Kabul"},
                        when=day)

    calls = _profile("u-call", call(None), call(None))
    visits = _profile("u-visit", visit(date(2026, 3, 5)), visit(date(2026, 3, 5)))
    rarity = _rarity(call(None), visit(date(2026, 3, 5)), QUAKE, QUAKE)
    assert best_merge(calls, [visits], rarity)[0] is None
    assert best_merge(visits, [calls], rarity)[0] is None
    # Two updates of the visit, one of them undated, are one development.
    undated = _profile("u-undated", visit(None), visit(None))
    assert best_merge(undated, [visits], rarity)[0] is visits


def test_an_undated_report_of_other_people_does_not_join_an_update_of_named_people() -> None:
    # The envoy's talks with the foreign minister, undated, agree on trade in Kabul as
    # the deputy prime ministers' visit did; no person is shared.
    def visit(day: date) -> Evidence:
        return evidence("Overchuk in Kabul agrees barter with Baradar",
                        concepts={"talks": 1.0, "visit": 1.0, "agreement": 1.0, "trade": 1.0},
                        actors={"overchuk", "baradar"}, places={"AF", "city:Kabul"},
                        when=day)

    update = _profile("u-visit", visit(date(2026, 6, 9)), visit(date(2026, 6, 9)))
    envoy = evidence("Russian envoy and Muttaqi agree on trade",
                     concepts={"talks": 1.0, "agreement": 1.0, "trade": 1.0},
                     actors={"zhirnov", "muttaqi"}, places={"AF", "city:Kabul"})
    rarity = _rarity(visit(date(2026, 6, 9)), envoy, QUAKE, QUAKE, QUAKE)
    assert best_update(envoy, [update], rarity)[0] is None
    # Naming one of the update's people, or none at all ("the Russian envoy"), it may.
    with_one = replace(envoy, actors=frozenset({"zhirnov", "baradar"}))
    assert best_update(with_one, [update], rarity)[0] is update
    by_title = replace(envoy, actors=frozenset())
    assert best_update(by_title, [update], rarity)[0] is update


def test_an_institution_is_no_person_that_sets_an_undated_report_apart() -> None:
    # The visa agreement was signed by the deputy minister and the ambassador; an
    # undated report names only the foreign ministry that announced it. A ministry
    # announces many occasions: it is no sign of other people's.
    def signed(day: date | None) -> Evidence:
        return evidence("Russia and Afghanistan scrap visas for diplomats",
                        concepts={"agreement": 1.0, "consular": 1.0},
                        actors={"rudenko", "gul_hassan"}, places={"AF", "RU"}, when=day)

    update = _profile("u-visas", signed(date(2025, 9, 25)), signed(date(2025, 9, 25)))
    announced = replace(evidence("Moscow and Kabul scrap visas for diplomats",
                                 concepts={"agreement": 1.0, "consular": 1.0},
                                 actors={"foreign_ministry"}, places={"AF", "RU"}),
                        bodies=frozenset({"foreign_ministry"}))
    rarity = _rarity(signed(date(2025, 9, 25)), announced, QUAKE, QUAKE, QUAKE)
    assert best_update(announced, [update], rarity)[0] is update
    # The same report naming another person instead stays apart.
    other = replace(announced, actors=frozenset({"lavrov"}), bodies=frozenset())
    assert best_update(other, [update], rarity)[0] is None


def test_meetings_on_a_conferences_sidelines_are_neither_the_conference_nor_each_other() -> None:
    # A two-day conference in Moscow; the same day, two ministers meet on its
    # sidelines, and the next day two others. Each is told by reports that name the
    # conference; the same city, the same days.
    def conference(day: date) -> Evidence:
        return evidence("Moscow conference on Afghanistan opens",
                        concepts={"conference": 1.0, "minister": 0.5, "talks": 1.0},
                        actors={"lavrov", "muttaqi"}, places={"AF", "city:Moscow"}, when=day)

    def side(day: date | None, people: set[str], topic: str) -> Evidence:
        return evidence("Ministers agree on the sidelines",
                        concepts={"conference": 1.0, "sidelines": 1.0, "talks": 1.0,
                                  topic: 1.0},
                        actors=people, places={"AF", "city:Moscow"}, when=day)

    day = date(2026, 10, 14)
    lavrov = side(day, {"lavrov", "muttaqi"}, "refugees")
    shoigu = side(day + timedelta(days=1), {"shoigu"}, "drugs")
    rarity = _rarity(conference(day), lavrov, shoigu, QUAKE, QUAKE, QUAKE)
    gathering = _profile("u-conference", conference(day), conference(day))
    assert best_update(lavrov, [gathering], rarity)[0] is None
    meeting = _profile("u-lavrov", lavrov, lavrov)
    assert best_update(conference(day), [meeting], rarity)[0] is None
    assert best_update(shoigu, [meeting], rarity)[0] is None
    assert best_update(replace(shoigu, when=None, dated_by="none"), [meeting], rarity)[0] is None
    assert best_merge(_profile("u-shoigu", shoigu, shoigu), [meeting], rarity)[0] is None
    assert best_merge(meeting, [gathering], rarity)[0] is None
    # A report of the meeting that names neither the conference nor its sidelines
    # still joins it; so does a second report of the sidelines.
    plain = replace(lavrov, concepts={"talks": 1.0, "refugees": 1.0})
    assert best_update(plain, [meeting, gathering], rarity)[0] is meeting
    assert best_update(lavrov, [meeting, gathering], rarity)[0] is meeting


def test_where_a_report_was_filed_is_no_sign_of_news() -> None:
    """An anniversary piece from an Islamabad desk names a place the baseline lacks only
    in its dateline; with a detail of its own (its date) it would count as news."""
    piece = evidence(concepts={"recognition": 1.5}, places={"city:PK/Islamabad"},
                     when=date(2025, 7, 28))
    assert novelty(piece, BASELINE).is_new
    filed = replace(piece, filed=frozenset({"city:PK/Islamabad"}))
    assert not novelty(filed, BASELINE).is_new


@pytest.mark.parametrize(("hint", "joins"), [
    (DayHint(12), "u-november"),  # "wheat to be shipped in December", said in November
    (DayHint(1), "u-november"),  # "in January": a plan a few weeks ahead
    (DayHint(8), None),  # "in August": neither the statement's month nor one ahead of it
    (DayHint(12, 20), None),  # a day is the occasion's own, not a month's plan
])
def test_an_undated_report_may_name_the_month_an_update_announces(
        hint: DayHint, joins: str | None) -> None:
    # A spokeswoman announces on 12 November what is to happen in a later month; an
    # undated report of the same statement names only that month.
    def on(day: date) -> Evidence:
        return replace(CALL, when=day, dated_by="published")

    november = _profile("u-november", on(date(2026, 11, 12)))
    undated = replace(CALL, when=date(2026, 12, 6), dated_by="seen", hint=hint)
    found, score = best_update(undated, [november], _rarity(CALL, CALL, CALL))
    assert (found.update_id if found else None) == joins, score
