"""Names the story does not know, in scripts without capitals: where they meet a name
another report writes with one, and what two sets of names say of two developments.

Every name and text here is invented for these tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tracker.analysis.grouping import (
    Evidence,
    Rarity,
    UpdateProfile,
    Weights,
    best_update,
    similarity,
)
from tracker.analysis.merging import best_merge
from tracker.analysis.names import proper_key, skeleton
from tracker.analysis.proper_names import named_people, spelt_words

KRAVELIN = proper_key("Kravelin") or ""
DOBRYNETS = proper_key("Dobrynets") or ""


def _known(phrase: str) -> bool:
    return phrase in {"Kabul", "Moscow", "Russia"}


def test_a_caseless_script_spells_a_name_as_its_latin_spelling_skeleton() -> None:
    spellings = ["کراولین", "क्रावेलिन", "ক্রাভেলিন"]
    assert all(skeleton(KRAVELIN) in spelt_words([s]) for s in spellings)


def test_a_latin_or_cyrillic_text_gives_no_skeletons() -> None:
    assert spelt_words(["Envoy Teodor Kravelin arrived", "Посол Теодор Кравелин прибыл"]) == set()


def test_a_full_name_is_a_persons_and_a_lone_capitalised_word_is_not() -> None:
    names, people = named_people(
        ["Wheat deal signed", "The trader Gennady Dobrynets signed it, Reuters reported."],
        _known, "en")
    assert names == {DOBRYNETS, proper_key("Reuters")}
    assert people == {DOBRYNETS}


def _evidence(names: set[str], day: date | None, language: str = "en",
              people: set[str] | None = None) -> Evidence:
    return Evidence(headline="h", language=language,
                    concepts={"agriculture": 1.0, "agreement": 1.0}, kinds={"economy": 1.0},
                    places=frozenset({"city:Asia/Kabul"}), names=frozenset(names),
                    people=frozenset(names if people is None else people),
                    when=day, dated_by="published" if day else "none")


def _rarity() -> Rarity:
    rarity = Rarity()
    for _ in range(30):
        rarity.add(["p:city:Asia/Kabul", "c:talks"])
    return rarity


def _update(*sources: Evidence) -> UpdateProfile:
    update = UpdateProfile("u", None, None, background=False)
    for index, source in enumerate(sources):
        update.add(f"a{index}", source)
    return update


MONDAY, THURSDAY = date(2026, 3, 16), date(2026, 3, 19)


def _visit_and_contract() -> tuple[UpdateProfile, UpdateProfile]:
    """Monday's visit (Kravelin, in English and Dari) and Thursday's contract
    (Dobrynets, in English and Urdu): each update's person named in two scripts."""
    visit = _update(_evidence({KRAVELIN}, MONDAY),
                    _evidence({skeleton(KRAVELIN)}, MONDAY, "fa", set()))
    contract = _update(_evidence({DOBRYNETS}, THURSDAY),
                       _evidence({skeleton(DOBRYNETS)}, THURSDAY, "ur", set()))
    return visit, contract


def test_a_caseless_word_counts_as_the_name_an_update_writes_with_a_capital() -> None:
    source = _evidence({KRAVELIN}, MONDAY)
    update = _update(replace(source, concepts={**source.concepts, "visit": 1.0}))
    persian = _evidence({skeleton(KRAVELIN), "c:dsnb"}, MONDAY, "fa", set())
    plain = _evidence({"c:dsnb"}, MONDAY, "fa", set())
    weights = Weights(_rarity())
    assert similarity(persian.features(), update, weights, same_days=True) > similarity(
        plain.features(), update, weights, same_days=True)


def test_two_caseless_reports_sharing_a_word_share_no_name() -> None:
    update = _update(_evidence({"c:tfmnm"}, MONDAY, "fa", set()))
    weights = Weights(_rarity())
    shared = _evidence({"c:tfmnm"}, MONDAY, "fa", set())
    plain = _evidence(set(), MONDAY, "fa", set())
    assert similarity(shared.features(), update, weights, same_days=True) == similarity(
        plain.features(), update, weights, same_days=True)


def test_another_persons_deal_days_later_is_another_development() -> None:
    """The deputy minister's memorandum on Monday, in English and Persian; a trader's
    contract on Thursday, of the same kind in the same city: two developments."""
    visit = _update(_evidence({KRAVELIN}, MONDAY),
                    _evidence({skeleton(KRAVELIN), "c:dsnb"}, MONDAY, "fa", set()))
    contract = _evidence({DOBRYNETS}, THURSDAY)
    same_visit = _evidence({KRAVELIN}, THURSDAY)
    assert best_update(same_visit, [visit], _rarity())[0] is visit
    assert best_update(contract, [visit], _rarity())[0] is None


def test_a_caseless_report_naming_another_updates_person_keeps_apart() -> None:
    """A Persian report names the trader of Thursday's update: not Monday's visit."""
    visit, contract = _visit_and_contract()
    persian = _evidence({skeleton(DOBRYNETS), "c:gndm"}, None, "fa", set())
    assert best_update(persian, [visit, contract], _rarity())[0] is contract


def test_a_name_one_language_capitalises_keeps_nothing_apart() -> None:
    """A word only English capitalises ("Format") is no person: reports days apart
    that do not name it may still be of its update."""
    update = _update(_evidence({"v:farmat"}, MONDAY), _evidence({"v:farmat"}, MONDAY))
    other = _evidence({DOBRYNETS}, date(2026, 3, 18))
    assert best_update(other, [update], _rarity())[0] is update


def test_two_updates_days_apart_naming_other_people_do_not_merge() -> None:
    visit, contract = _visit_and_contract()
    again = _update(_evidence({KRAVELIN}, date(2026, 3, 18)),
                    _evidence({skeleton(KRAVELIN)}, date(2026, 3, 18), "hi", set()))
    assert best_merge(visit, [contract], _rarity())[0] is None
    assert best_merge(visit, [again], _rarity())[0] is again


def test_a_shared_name_that_is_no_persons_does_not_join_another_persons_visit() -> None:
    """Both reports write the city as no table knows it ("Mazar-i-Sharif"): a name only
    English gives, not the visitor's, whom Persian names too."""
    city = "v:mazarasaraf"
    visit = _update(_evidence({KRAVELIN, city}, MONDAY, people={KRAVELIN}),
                    _evidence({skeleton(KRAVELIN)}, MONDAY, "fa", set()))
    other = _evidence({DOBRYNETS, city}, THURSDAY, people={DOBRYNETS})
    assert best_update(other, [visit], _rarity())[0] is None


def test_a_georgian_name_meets_its_latin_spelling_through_its_case_ending() -> None:
    """Georgian glues the ergative (-მა) or a postposition (-თან) to the name."""
    key = skeleton(proper_key("Burmistrov") or "")
    assert key in spelt_words(["სერგეი ბურმისტროვმა ხელი მოაწერა"])
    assert key in spelt_words(["ბურმისტროვთან შეხვედრა"])
    assert key not in spelt_words(["ბურმისტრ შეხვედრა"])


def test_the_storys_rarity_keeps_no_caseless_words() -> None:
    """A daemon reads Dari and Pashto for months: their words weigh as the names they
    meet, and the rarity table does not grow with every one of them."""
    rarity = Rarity()
    rarity.add(_evidence({KRAVELIN, "c:tfmnm", "c:dsnb"}, MONDAY, "fa").features())
    assert f"k:{KRAVELIN}" in rarity.counts
    assert not any(k.startswith("k:c:") for k in rarity.counts)


def test_names_and_full_names_survive_the_analysis_event() -> None:
    """The story's memory is replayed from recorded signals: the full names that tell
    another update's person must come back with them."""
    from tracker.analysis.signals import from_signals, to_signals

    evidence = _evidence({DOBRYNETS, "v:rajtars", "c:tfmnm"}, THURSDAY, people={DOBRYNETS})
    again = from_signals(evidence.headline, evidence.language, to_signals(evidence))
    assert again == evidence and again.people == {DOBRYNETS}


def test_a_place_no_table_knows_in_two_languages_is_no_person() -> None:
    """Macedonian and Serbian write "Мазар-и-Шариф", one capitalised word no index holds:
    a name in two languages, but no one's full name, so a report of the same talks that
    names its minister days later is not kept apart by it."""
    city = "v:mazarasaraf"
    talks = _update(_evidence({city}, MONDAY, "mk", set()),
                    _evidence({city}, MONDAY, "sr", set()))
    report = _evidence({DOBRYNETS}, THURSDAY, "hy", people={DOBRYNETS})
    assert talks.people() == frozenset()
    assert best_update(report, [talks], _rarity())[0] is talks
