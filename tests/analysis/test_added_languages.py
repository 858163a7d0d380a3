"""Articles in the languages added to the general vocabulary are read, not set aside.

Every item is written for these tests (none comes from the evaluation data): one fresh
development, a Russian gas and wheat supply deal with Afghanistan, reported in Portuguese
and in Bulgarian. Served as feeds from 127.0.0.1 and polled into a real store.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import FeedServer
from test_multilingual_updates import _poll, _rows

from tracker.analysis.categories import categories
from tracker.analysis.reading import READABLE, language_of

SUPPLY_DEAL = [
    ("pt", "Rússia assina acordo para fornecer gás e trigo ao Afeganistão",
     "A Rússia e o governo talibã assinaram em Cabul um acordo para a exportação de gás "
     "liquefeito e trigo russos para o Afeganistão, disse o ministro do Comércio afegão.",
     "Tue, 10 Nov 2026 09:00:00 GMT"),
    ("bg", "Русия подписа споразумение за доставки на газ и пшеница за Афганистан",
     "Русия и талибаните подписаха в Кабул споразумение за износ на руски втечнен газ и "
     "пшеница за Афганистан, заяви афганистанският министър на търговията.",
     "Tue, 10 Nov 2026 11:00:00 GMT"),
]


def test_a_fresh_development_in_portuguese_and_bulgarian_is_read(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [SUPPLY_DEAL])
    rows = _rows(settings, "SELECT language, outcome, signals, update_id "
                           "FROM article_analysis ORDER BY language")
    assert [r["language"] for r in rows] == ["bg", "pt"], rows
    assert {r["outcome"] for r in rows} <= {"new", "joined"}, rows
    concepts = [set(json.loads(r["signals"])["concepts"]) for r in rows]
    for found in concepts:
        assert {"agreement", "energy", "agriculture", "trade"} <= found, concepts
    # One development in two languages is one update, of the economy.
    assert len({r["update_id"] for r in rows}) == 1, rows
    assert _rows(settings, "SELECT kind, sources FROM updates") == [
        {"kind": "economy", "sources": 2}]


# One hand-written headline and lede per added language, all of one development: Russia
# sends aid to Afghanistan after an earthquake.
AID_AFTER_EARTHQUAKE = [
    ("pt", "Rússia envia ajuda humanitária ao Afeganistão após o terremoto. A carga, com "
           "farinha e medicamentos, chegou ao aeroporto de Cabul."),
    ("bg", "Русия изпрати хуманитарна помощ на Афганистан след земетресението. Товарът с "
           "брашно и лекарства пристигна на летището в Кабул."),
    ("nl", "Rusland stuurt humanitaire hulp naar Afghanistan na zware aardbeving. De "
           "lading met meel en medicijnen kwam aan op de luchthaven van Kabul."),
    ("cs", "Rusko poslalo do Afghánistánu humanitární pomoc po silném zemětřesení. "
           "Náklad s moukou a léky dorazil na letiště v Kábulu."),
    ("ro", "Rusia a trimis ajutor umanitar în Afganistan după un cutremur puternic. "
           "Încărcătura cu făină și medicamente a ajuns pe aeroportul din Kabul."),
    ("el", "Η Ρωσία έστειλε ανθρωπιστική βοήθεια στο Αφγανιστάν μετά τον ισχυρό σεισμό. "
           "Το φορτίο με αλεύρι και φάρμακα έφτασε στο αεροδρόμιο της Καμπούλ."),
    ("hu", "Oroszország humanitárius segélyt küldött Afganisztánba a súlyos földrengés "
           "után. A rakomány Kabul repülőterére érkezett."),
    ("sr", "Русија је послала хуманитарну помоћ Авганистану после снажног земљотреса, "
           "саопштило је министарство спољних послова."),
    ("sr", "Rusija je poslala humanitarnu pomoć Avganistanu posle snažnog zemljotresa, "
           "saopštilo je ministarstvo spoljnih poslova."),
    ("hr", "Rusija je poslala humanitarnu pomoć Afganistanu nakon snažnog potresa, "
           "priopćilo je ministarstvo vanjskih poslova."),
    ("az", "Rusiya Əfqanıstana güclü zəlzələdən sonra humanitar yardım göndərib, xarici "
           "işlər nazirliyi bildirib."),
    ("hy", "Ռուսաստանը մարդասիրական օգնություն է ուղարկել Աֆղանստան ուժեղ երկրաշարժից "
           "հետո, հայտարարել է արտաքին գործերի նախարարությունը։"),
    ("ka", "რუსეთმა ავღანეთს ძლიერი მიწისძვრის შემდეგ ჰუმანიტარული დახმარება "
           "გაუგზავნა, განაცხადა საგარეო საქმეთა სამინისტრომ."),
    ("bn", "রাশিয়া ভূমিকম্পের পর আফগানিস্তানে মানবিক সহায়তা পাঠিয়েছে, জানিয়েছে "
           "পররাষ্ট্র মন্ত্রণালয়।"),
    ("sw", "Urusi imetuma msaada wa kibinadamu nchini Afghanistan baada ya tetemeko "
           "kubwa la ardhi, wizara ya mambo ya nje ilisema."),
    ("id", "Rusia mengirim bantuan kemanusiaan ke Afganistan setelah gempa bumi yang "
           "kuat, kata kementerian luar negeri."),
    ("ja", "ロシアは大地震の後、アフガニスタンに人道支援物資を送ったと外務省が発表した。"),
    ("ko", "러시아는 강진 이후 아프가니스탄에 인도적 지원을 보냈다고 외교부가 밝혔다."),
    ("mk", "Русија испрати хуманитарна помош во Авганистан по силниот земјотрес, "
           "соопшти министерството за надворешни работи."),
]


@pytest.mark.parametrize(("language", "text"), AID_AFTER_EARTHQUAKE,
                         ids=[f"{x[0]}-{i}" for i, x in enumerate(AID_AFTER_EARTHQUAKE)])
def test_an_added_language_is_identified_and_its_concepts_found(language: str,
                                                                 text: str) -> None:
    # Serbian in Latin letters and Croatian are read through their variety group, and
    # Indonesian through Malay's (tracker.analysis.language.VARIETY_GROUPS).
    assert language_of(text) == language
    assert language in READABLE
    found = categories(text)
    assert max(found, key=lambda k: found[k]) == "humanitarian", dict(found)
