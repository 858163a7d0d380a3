"""tracker.analysis.ordinals: occurrence numbers, spelled or in digits, in many scripts."""

from __future__ import annotations

import pytest

from tracker.analysis.ordinals import ordinals_in


@pytest.mark.parametrize(("text", "number"), [
    ("The seventh round of talks opens in Moscow", 7),
    ("Russia hosts the 7th meeting on Afghanistan", 7),
    ("Седьмое заседание открылось в Москве", 7),
    ("Самолёт вылетел со второй партией помощи", 2),
    ("участники 7-го заседания", 7),
    ("الجولة السابعة من المشاورات", 7),
    ("الدفعة الثانية من المساعدات", 2),
    ("شروع ششمین نشست در مسکو", 6),
    ("سومین محموله کمک", 3),
    ("بیست و یکمین نشست", 21),
    ("ماسکو میں 7ویں اجلاس", 7),
    ("Afganistan konulu 6. toplantı yapıldı", 6),
    ("yedinci toplantı Moskova'da", 7),
    ("la septième réunion à Moscou", 7),
    ("la 7e réunion", 7),
    ("la séptima reunión", 7),
    ("la 7.ª reunión", 7),
    ("la terza riunione", 3),
    ("das zweite Treffen", 2),
    ("第七次莫斯科会议", 7),
    ("第二批人道主义援助", 2),
    ("परामर्श प्रारूप की सातवीं बैठक", 7),
    ("दूसरी खेप भेजी गई", 2),
    ("7-ші кездесу", 7),
])
def test_an_ordinal_is_read_in_many_languages(text: str, number: int) -> None:
    assert number in ordinals_in(text)


@pytest.mark.parametrize("text", [
    "am 7. Oktober in Moskau",          # a date, not the 7th of something
    "7-го октября в Москве",
    "Kabul, 15 كانون الثاني 2025",       # January: a month named with "second"
    "The prime minister met none of them",  # "prime", "none": words of other languages
    "the first country to recognise the government",  # "first" ranks, it does not count
    "The death toll rose to 12. Rescuers dug on",      # a sentence ending with a number
    "Russia sent 20 tonnes in 2025. Then",
    "COVID-19 and G20 and Su-35",
])
def test_numbers_that_are_no_ordinals_are_not_read(text: str) -> None:
    assert ordinals_in(text) == frozenset()


def test_a_compound_ordinal_is_one_number() -> None:
    assert ordinals_in("the twenty-first session") == frozenset({21})


@pytest.mark.parametrize("text", [
    "O acordo foi assinado nesta quinta-feira em Cabul",  # Thursday, "fifth"
    "Na segunda-feira, a delegação chegou a Moscou",  # Monday, "second"
    "Η συμφωνία υπεγράφη την Πέμπτη στην Καμπούλ",  # Thursday, "fifth"
    "Η αντιπροσωπεία έφτασε την Τρίτη",  # Tuesday, "third"
])
def test_a_weekday_named_by_its_number_is_no_ordinal(text: str) -> None:
    assert ordinals_in(text) == frozenset()


@pytest.mark.parametrize(("text", "number"), [
    ("A quinta reunião do formato de Moscou", 5),
    ("Η πέμπτη συνάντηση του σχήματος της Μόσχας", 5),
    ("Na segunda-feira começou a sétima rodada", 7),
])
def test_an_ordinal_beside_or_spelled_like_a_weekday_still_counts(
        text: str, number: int) -> None:
    assert number in ordinals_in(text)


@pytest.mark.parametrize("text", [
    "قبلت موسكو في الثالث من يوليو 2025 أوراق اعتماد السفير",  # the third of July
    "Третьего июля Москва признала правительство талибов",
    "Russia accepted the credentials on the third of July",
])
def test_a_spelled_day_of_a_month_is_no_ordinal(text: str) -> None:
    assert ordinals_in(text) == frozenset()


@pytest.mark.parametrize("text", [
    "Secondo l'analista, il riconoscimento russo dei talebani risponde alla sicurezza",
    "Mosca e i talebani, secondo fonti diplomatiche, preparano un accordo",
    "Segundo o ministro, a Rússia enviou trigo ao Afeganistão",
])
def test_according_to_is_no_second_occurrence(text: str) -> None:
    # Italian "secondo" and Portuguese "segundo" cite a source as often as they count:
    # a citation read as "the second" would make a restatement news.
    assert 2 not in ordinals_in(text)


@pytest.mark.parametrize("text", [
    "Il secondo incontro tra Russia e talebani a Mosca",
    "Mosca ospita il secondo incontro sui talebani",
    "O segundo voo com ajuda russa chegou a Cabul",
    "Chegou a Cabul. Segundo fontes, o segundo voo trouxe trigo",
])
def test_the_second_after_an_article_still_counts(text: str) -> None:
    assert 2 in ordinals_in(text)


@pytest.mark.parametrize("text", [
    "A year on, Kabul still waits for a second country to follow Moscow",
    "کابل هنوز منتظر کشور دوم است",
    "هنوز دومین کشوری که امارت اسلامی را بشناسد پیدا نشده است",
    "لم تعترف أي دولة ثانية بحكومة طالبان",
    "Вторая страна, признавшая талибов, пока не появилась",
])
def test_an_ordinal_that_ranks_a_country_counts_no_occurrence(text: str) -> None:
    assert 2 not in ordinals_in(text)


@pytest.mark.parametrize("text", ["the second state visit to Kabul", "نشست دوم کمیسیون مشترک"])
def test_a_second_meeting_or_state_visit_is_still_counted(text: str) -> None:
    assert 2 in ordinals_in(text)
