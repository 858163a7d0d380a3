"""Quantities normalised across languages, scripts and number formats (hand-written)."""

from __future__ import annotations

import pytest

from tracker.analysis.quantities import COUNT, Quantity, quantities
from tracker.analysis.quantity_words import quantity_words


@pytest.mark.parametrize("text", [
    "Russia shipped 50 tonnes of flour to Kabul",
    "Россия отправила в Кабул 50 т муки",
    "Россия отправила в Кабул 50 тонн муки",
    "روسیه ۵۰ تن آرد به کابل فرستاد",
    "أرسلت روسيا ٥٠ طنا من الدقيق إلى كابول",
    "Rusya Kabil'e 50 ton un gönderdi",
    "روس نے کابل کو 50 ٹن آٹا بھیجا",
    "Russland schickte 50 Tonnen Mehl nach Kabul",
    "50 000 kg flour",
    "俄罗斯向喀布尔运送了50吨面粉",
])
def test_tonnes_meet(text: str) -> None:
    assert Quantity(50.0, "tonne") in quantities(text)


@pytest.mark.parametrize("text", [
    "a deal worth $3 billion",
    "сделка на 3 млрд долларов",
    "صفقة بقيمة 3 مليار دولار",
    "قراردادی به ارزش ۳ میلیارد دلار",
    "anlaşma 3 milyar dolar değerinde",
    "un acuerdo de 3 mil millones de dólares",
    "un accordo da 3 miliardi di dollari",
    "ein Geschäft über 3 Milliarden US-Dollar",
    "un accord de 3 milliards de dollars",
    "US$3bn deal",
    "价值3亿美元的协议 and 30亿美元",
    "umowa o wartości 3 mld dolarów",
    # Indonesian: CLDR's scale words (juta, miliar) though Indonesian is no feed language
    # for day words.
    "kesepakatan senilai 3 miliar dolar AS",
    # Japanese writes USD 米ドル and the dollar alone ドル (as カナダ ドル names it apart).
    "30億ドル規模の契約",
])
def test_money_meets(text: str) -> None:
    assert Quantity(3e9, "usd") in quantities(text) or Quantity(3e8, "usd") in quantities(text)


@pytest.mark.parametrize(("text", "expected"), [
    # A mixed numeral with no space between its parts, as Chinese and Japanese write it.
    ("契約額は約3億1000万ドル", Quantity(3.1e8, "usd")),
    ("合同金额为3亿5000万美元", Quantity(3.5e8, "usd")),
    ("运送3万5000吨小麦", Quantity(35000.0, "tonne")),
])
def test_an_unspaced_mixed_numeral_is_one_amount(text: str, expected: Quantity) -> None:
    assert expected in quantities(text)


def test_indonesian_millions_with_a_decimal_comma() -> None:
    assert Quantity(1.25e6, "tonne") in quantities("pasokan 1,25 juta ton gandum")


def test_chinese_scale_is_ten_thousands() -> None:
    assert quantities("价值30亿美元") == frozenset({Quantity(3e9, "usd")})
    assert quantities("5万吨小麦") == frozenset({Quantity(50000.0, "tonne")})


@pytest.mark.parametrize("text", [
    "trade grew by 20% in a year", "ticaret bir yılda %20 arttı", "ticaret yüzde 20 arttı",
    "товарооборот вырос на 20 процентов", "товарооборот вырос на 20 %",
    "تجارت ۲۰ درصد افزایش یافت", "ارتفعت التجارة ٢٠٪", "व्यापार 20 प्रतिशत बढ़ा",
    "Handel stieg um 20 Prozent", "savdo 20 foiz oshdi",
])
def test_percent_meets(text: str) -> None:
    assert Quantity(20.0, "percent") in quantities(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("1,5 млн", Quantity(1.5e6, COUNT)),
    ("1.5 million", Quantity(1.5e6, COUNT)),
    ("1,500 tonnes", Quantity(1500.0, "tonne")),
    ("7 500 тонн", Quantity(7500.0, "tonne")),
    ("1.234,5 t", Quantity(1234.5, "tonne")),
    ("12,345,678 people", Quantity(12345678.0, COUNT)),
    ("۱٫۵ میلیون نفر", Quantity(1.5e6, COUNT)),
    ("50 тыс. тонн", Quantity(50000.0, "tonne")),
    ("3 тысячи тонн", Quantity(3000.0, "tonne")),
    ("۵۰ هزار تن", Quantity(50000.0, "tonne")),
    ("5 लाख", Quantity(5e5, COUNT)),
    ("۵۰ میلیون افغانی", Quantity(5e7, "afn")),
    ("€5 млн", Quantity(5e6, "eur")),
    ("100 млн рублей", Quantity(1e8, "rub")),
    ("2,000 km of railway", Quantity(2000.0, "km")),
    # The languages read later: their scale words and units, and Turkish "lira" kept.
    ("500 milyon lira", Quantity(5e8, "try")),
    ("30 хиљада тона", Quantity(30000.0, "tonne")),
    ("5 милиони долари", Quantity(5e6, "usd")),
    ("2 miliony dolarů", Quantity(2e6, "usd")),
    ("5 εκατομμύρια ευρώ", Quantity(5e6, "eur")),
])
def test_scales_separators_and_digits(text: str, expected: Quantity) -> None:
    assert quantities(text) == frozenset({expected})


@pytest.mark.parametrize("text", [
    "In 2025 and in 1404 the talks went on",
    "The delegation arrived on 7 October 2025",
    "هیئت روسی ۱۵ میزان ۱۴۰۴ وارد کابل شد",
    "وصل الوفد في ١٥ ربيع الأول ١٤٤٧ هـ",
    "Moscow, 2025-10-07 and 07.10.2025",
    "代表团10月7日抵达",
    "阿洪德20日接见代表团",
    "The 7th Moscow Format meeting began at 10:30",
    "Su-35 jets and an A320",
    "7-я встреча в московском формате, 3-го числа",
    "October 7, 2025",
])
def test_dates_years_times_ordinals_and_models_are_no_quantities(text: str) -> None:
    assert quantities(text) == frozenset()


def test_a_number_after_a_date_is_a_count_when_no_day() -> None:
    assert quantities("7-oktabr 50 ta yuk mashinasi") == frozenset({Quantity(50.0, COUNT)})


def test_bare_counts() -> None:
    assert quantities("12 ministers and 3 deputies met") == frozenset(
        {Quantity(12.0, COUNT), Quantity(3.0, COUNT)})
    assert quantities("no numbers here") == frozenset()


def test_words_come_from_cldr() -> None:
    words = quantity_words()
    assert words.scales["миллиардов"] == 1e9
    assert words.scales["billion"] == 1e9  # English locales outnumber the French 10^12
    assert words.scales["万"] == 1e4
    assert words.after["тонн"].name == "tonne"
    assert words.after["долларов"].name == "usd"
    assert words.after["dolar"].name == "usd"  # Turkish "ABD doları" without its ending
    assert "american" not in words.after  # in one currency's name only: no money word
    assert "روسیه" not in words.after  # a country's name, not money
    assert words.symbols["₽"].name == "rub"
    assert words.before["yuzde"].name == "percent"


@pytest.mark.parametrize(("text", "expected"), [
    # Case forms CLDR does not list: instrumental, locative, Polish and Ukrainian cases.
    ("самолёт с 50 тоннами муки", Quantity(50.0, "tonne")),
    ("о 50 тоннах муки", Quantity(50.0, "tonne")),
    ("літак із 50 тоннами борошна", Quantity(50.0, "tonne")),
    ("samolot z 50 tonami mąki", Quantity(50.0, "tonne")),
    ("оценили в 3 миллиардами долларов", Quantity(3e9, "usd")),
    ("в 40 километрах от границы", Quantity(40.0, "km")),
])
def test_case_forms_of_unit_words_meet(text: str, expected: Quantity) -> None:
    assert expected in quantities(text)


def test_a_word_that_only_begins_like_a_unit_is_none() -> None:
    assert quantities("5 тонкими листами") == {Quantity(5.0, COUNT)}
    assert quantities("12 ministers") == {Quantity(12.0, COUNT)}


@pytest.mark.parametrize("text", [
    "150 Afghans were flown home from Moscow",
    "Рейс доставил домой 150 афганцев",
    "Более 150 афганцами занимается посольство",
])
def test_a_people_named_like_its_currency_is_no_money(text: str) -> None:
    # The stem "afghan" of "afghani" begins the country's name: the words it starts are
    # its people (a count), not its money.
    assert quantities(text) == {Quantity(150.0, COUNT)}
    assert quantities("5 млн афгани") == {Quantity(5e6, "afn")}
    assert quantities("1000 afghani") == {Quantity(1000.0, "afn")}


@pytest.mark.parametrize(("text", "expected"), [
    # Pashto and Arabic put a noun in the plural after a number; CLDR lists the singular.
    ("روسیې افغانستان ته ۵۰۰ زره ټنه تېل ولېږل", Quantity(500000.0, "tonne")),
    ("۲ میلیارده ډالر پانګونه", Quantity(2e9, "usd")),
    ("استثمارات بقيمة 3 مليارات دولار", Quantity(3e9, "usd")),
])
def test_plurals_after_a_number_meet(text: str, expected: Quantity) -> None:
    assert expected in quantities(text)


@pytest.mark.parametrize(("text", "expected"), [
    # Persian and Urdu make an adjective of an amount with "-ی": "a 60-million-dollar ..."
    ("قرارداد ۶۰ میلیون دالری بازسازی تونل امضا شد", Quantity(6e7, "usd")),
    ("یک محموله ۵۰ تنی گندم به کابل رسید", Quantity(50.0, "tonne")),
])
def test_an_amount_made_an_adjective_meets(text: str, expected: Quantity) -> None:
    assert quantities(text) == {expected}


def test_a_persian_word_that_only_ends_like_a_plural_is_none() -> None:
    # "تنها" (alone) is تن (tonne) and -ها, the Persian plural no number takes.
    assert quantities("۵ تنها") == {Quantity(5.0, COUNT)}


@pytest.mark.parametrize(("text", "amount"), [
    ("俄罗斯向阿富汗运送五万吨小麦", "50000 tonne"),  # Chinese numerals
    ("三千吨面粉运抵喀布尔", "3000 tonne"),
    ("双方签署五十亿美元的协议", "5e+09 usd"),
])
def test_chinese_numerals_are_read(text: str, amount: str) -> None:
    assert amount in {f"{q.value:g} {q.unit}" for q in quantities(text)}


def test_numbers_are_read_where_the_expression_finds_them_tried_at_every_character() -> None:
    # The reader tries the number expression at digits only (a shortcut): it must find
    # what finditer, trying every character, finds, in number formats of many kinds.
    import random

    from tracker.analysis.quantities import _NUMBER, _numbers

    rng = random.Random(7)
    alphabet = "0123456789.,'’ \u00a0\u202f٫٬-/ab٣۴"
    texts = ["1,234.5 and 12.345,6", "3 000 000 t", "1.2.2025", "٣٬٥٠٠ طن", "12345678",
             *("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
               for _ in range(5000))]
    for text in texts:
        assert ([(m.span(), m.groupdict()) for m in _numbers(text)]
                == [(m.span(), m.groupdict()) for m in _NUMBER.finditer(text)]), text


@pytest.mark.parametrize(("text", "expected"), [
    ("روسی کمپنی کابل میں 3 کروڑ 50 لاکھ ڈالر کی لاگت سے فیکٹری بنائے گی", 35e6),
    ("сделка на 2 млрд 300 млн долларов", 2.3e9),
    ("صفقة بقيمة 3 ملايين و 20 ألف دولار", 3.02e6),
])
def test_mixed_numeral_is_one_amount(text: str, expected: float) -> None:
    # The smaller part is no amount of its own: "50 لاکھ ڈالر" alone would be 5 million.
    assert quantities(text) == {Quantity(expected, "usd")}


@pytest.mark.parametrize("text", [
    "Rossiya kompaniyasi Kobulda 35 million dollarlik zavod quradi",  # Uzbek -lik, worth
    "روسي شرکت به د ۳۵ میلیونه ډالرو په لګښت فابریکه جوړه کړي",     # Pashto oblique plural
    "روسی کمپنی 35 ملین ڈالر کی لاگت سے فیکٹری بنائے گی",          # Urdu English "million"
])
def test_inflected_and_press_money_words_are_read(text: str) -> None:
    assert Quantity(35e6, "usd") in quantities(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Afghan traders sign $12m of deals", Quantity(12e6, "usd")),
    ("a US$3.5m grant for the clinic", Quantity(3.5e6, "usd")),
    ("£40k raised for the school", Quantity(40e3, "gbp")),
    ("€2m for seeds", Quantity(2e6, "eur")),
])
def test_a_scale_letter_glued_to_money_is_its_scale(text: str, expected: Quantity) -> None:
    assert quantities(text) == {expected}


def test_a_scale_letter_after_a_number_that_is_not_money_is_none() -> None:
    assert not any(q.value == 12e6 for q in quantities("a 12m wall and 5k runners"))


@pytest.mark.parametrize(("text", "expected"), [
    # A one-letter Arabic-script preposition or conjunction is written onto the number.
    ("وقعت عقود بـ200 مليون دولار في كابول", Quantity(200e6, "usd")),
    ("عقود ب200 مليون دولار", Quantity(200e6, "usd")),
    ("صدرت روسيا 50 ألف طن من القمح و300 ألف طن من الدقيق", Quantity(300e3, "tonne")),
    ("د کابل لپاره بـ۲۰۰ تنه غنم", Quantity(200.0, "tonne")),
])
def test_a_proclitic_letter_before_a_number_is_no_label(text: str,
                                                        expected: Quantity) -> None:
    assert expected in quantities(text)


@pytest.mark.parametrize("text", ["طائرات A320 جديدة", "مقاتلات Су-35", "صاروخ كh55"])
def test_a_models_code_is_still_no_quantity(text: str) -> None:
    assert not quantities(text)
