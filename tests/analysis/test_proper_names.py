"""Names the story does not know, read from capitals and keyed across scripts.

Every name and text here is invented for these tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.evidence import Article, read
from tracker.analysis.grouping import Evidence, Rarity, UpdateProfile, Weights, similarity
from tracker.analysis.names import proper_key, skeleton
from tracker.analysis.proper_names import proper_names
from tracker.analysis.reading import reader_for

KNOWN = {"Kabul", "Кабул", "Καμπούλ", "Moscow", "Москва", "Taliban", "Kabul-Expo"}


def _known(phrase: str) -> bool:
    return phrase in KNOWN


def _names(headline: str, lede: str = "", language: str | None = None) -> frozenset[str]:
    return proper_names([headline, lede], _known, language)


def test_a_new_name_meets_its_spellings_in_latin_cyrillic_and_greek() -> None:
    latin = _names("Envoy arrives in Kabul",
                   "The new envoy Teodor Kravelin arrived in Kabul on Monday.")
    cyrillic = _names("Новый посол прибыл в Кабул",
                      "Новый посол Теодор Кравелин прибыл в Кабул в понедельник.")
    greek = _names("Νέος πρέσβης στην Καμπούλ",
                   "Ο νέος πρέσβης Θεόδωρος Κραβελίν έφτασε στην Καμπούλ τη Δευτέρα.")
    assert latin == cyrillic == greek == {proper_key("Kravelin")}


def test_an_inflected_or_suffixed_name_keeps_its_key() -> None:
    genitive = _names("Путин принял посла",
                      "Президент принял посла Теодора Кравелина в Кремле.")
    turkish = _names("Büyükelçi Kabil'de",
                     "Rusya'nın yeni büyükelçisi Teodor Kravelin'in ziyareti başladı.")
    english = _names("Envoy's first week",
                     "The first week of envoy Teodor Kravelin's mission ended.")
    assert genitive == turkish == english == {proper_key("Kravelin")}


def test_a_word_that_opens_a_sentence_or_a_quote_is_no_name() -> None:
    names = _names("Kravelin arrives in Kabul", "Talks begin. Delegates met: “Partners agree.”")
    assert names == frozenset()


def test_a_headline_in_title_case_says_nothing_but_its_lede_still_does() -> None:
    names = _names("Governor Visits Kabul For Railway Talks",
                   "The regional governor Amalia Strogova came to Kabul with her team.")
    assert names == {proper_key("Strogova")}


def test_known_names_and_words_also_written_in_lower_case_are_left_out() -> None:
    names = _names("Talks in Moscow",
                   "The delegates of the Taliban met in Moscow; Progress was the word: progress.")
    assert names == frozenset()


def test_a_compound_of_a_known_name_is_no_new_name() -> None:
    names = _names("Trade fair opens", "Afghan traders came to the Kabul-Expo and to KabulForum.")
    assert names == frozenset()


def test_languages_that_capitalise_nouns_and_scripts_without_case_give_no_names() -> None:
    german = _names("Neuer Botschafter in Kabul",
                    "Der neue Botschafter Teodor Kravelin traf am Montag die Regierung.", "de")
    persian = _names("سفیر جدید روسیه به کابل رسید",
                     "تئودور کراولین سفیر جدید روسیه روز دوشنبه به کابل رسید.")
    hindi = _names("नए राजदूत काबुल पहुंचे",
                   "नए राजदूत तेओदोर क्रावेलिन सोमवार को काबुल पहुंचे।")
    assert persian == hindi == frozenset()
    # German capitals give only skeletons, names only where they meet a capitalised one.
    assert german and all(k.startswith("c:") for k in german)


def test_a_german_capitalised_word_meets_a_name_other_languages_write() -> None:
    # The skeleton of the last word of a capitalised run, as a caseless script's word's.
    lede = ("Der Handelsminister, Nuruddin Asisi, und der Vizeminister Pawel Merkulow "
            "haben einen Vertrag über die Lieferung von Weizen unterzeichnet.")
    german = _names("Weizenvertrag unterzeichnet", lede, "de")
    merkulov = {skeleton(proper_key(name) or "") for name in
                ("Merkulov", "Меркулов", "Merkoulov", "Merkułow")}
    assert len(merkulov) == 1 and merkulov <= german
    # A noun the same text also writes in lower case, or one the tracker knows, is none.
    assert _names("Lieferung", "Die Lieferung kam; lieferung bestätigt.", "de") == frozenset()
    assert _names("Neu", "Der Botschafter traf Taliban in Kabul.", "de") == {
        skeleton(proper_key("Botschafter") or "")}


def test_the_reader_keys_a_new_name_and_leaves_the_storys_actors_out() -> None:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    english = read(reader, Article(
        "Russia names a new ambassador to Afghanistan",
        "President Vladimir Putin appointed Teodor Kravelin as ambassador in Kabul, "
        "Foreign Minister Sergei Lavrov said on Tuesday.", date(2026, 4, 7)))
    russian = read(reader, Article(
        "Путин назначил нового посла в Афганистане",
        "Президент России Владимир Путин назначил Теодора Кравелина послом в Кабуле, "
        "сообщил министр иностранных дел Сергей Лавров.", date(2026, 4, 7)))
    assert english.names == russian.names == {proper_key("Kravelin")}


def _evidence(names: frozenset[str], concept: str = "decree") -> Evidence:
    return Evidence(headline="h", language="en", concepts={"appointment": 1.0, concept: 1.0},
                    kinds={"diplomacy": 1.0}, actors=frozenset({"putin"}), names=names,
                    when=date(2026, 4, 7), dated_by="text")


def _score(article: Evidence, source: Evidence) -> float:
    rarity = Rarity()
    for _ in range(20):
        rarity.add(["c:visit", "a:putin"])
    update = UpdateProfile("u", date(2026, 4, 7), date(2026, 4, 7), background=False)
    update.add("a1", replace(source, concepts={"appointment": 1.0, "credentials": 1.0}))
    return similarity(article.features(), update, Weights(rarity), same_days=True)


def test_a_shared_new_name_brings_two_reports_closer() -> None:
    name = frozenset({"v:kraflan"})
    plain = _score(_evidence(frozenset()), _evidence(frozenset()))
    assert 0 < plain < _score(_evidence(name), _evidence(name)) < 1


def test_a_name_only_one_report_can_write_changes_nothing() -> None:
    """An Arabic-script report cannot tell the name a Latin one capitalises: the name
    neither lowers the score of a report without it nor that of one with another."""
    plain = _score(_evidence(frozenset()), _evidence(frozenset()))
    assert _score(_evidence(frozenset({"v:kraflan"})), _evidence(frozenset())) == plain
    assert _score(_evidence(frozenset()), _evidence(frozenset({"v:kraflan"}))) == plain


def test_a_german_report_meets_by_a_name_the_story_does_not_know() -> None:
    reader = reader_for(config.load(SHIPPED_CONFIG).story)
    german = read(reader, Article(
        "Russland ernennt neuen Botschafter für Afghanistan",
        "Präsident Wladimir Putin hat am Dienstag Teodor Krawelin zum Botschafter in Kabul "
        "ernannt.", date(2026, 4, 7)))
    spelt = skeleton(proper_key("Kravelin") or "")
    assert spelt in german.names and not german.people
    # Against an update an English source names him in, the skeleton is his name.
    plain = _score(_evidence(frozenset()), _evidence(frozenset({"v:kraflan"})))
    assert _score(_evidence(frozenset({spelt})), _evidence(frozenset({"v:kraflan"}))) > plain
