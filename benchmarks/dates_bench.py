"""Cost and hit rate of event_date and quantities over hand-written ledes.

    python benchmarks/dates_bench.py [--repeat 5]

The ledes are built from hand-written frames in sixteen languages, each filled with
that language's ways of giving a date (expected day known) and a quantity (expected
value and unit known): several hundred ledes. Prints the cost per call (best of
``--repeat`` passes, after the one-off table build, which is printed apart) and the
share of ledes where the expected date and quantity were found.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.analysis.dates import event_date  # noqa: E402
from tracker.analysis.quantities import Quantity, quantities  # noqa: E402

PUBLISHED = date(2025, 10, 10)  # a Friday
D7, D9, D8 = date(2025, 10, 7), date(2025, 10, 9), date(2025, 10, 8)
TONNES, USD, PERCENT = Quantity(5e4, "tonne"), Quantity(3e9, "usd"), Quantity(20.0, "percent")


@dataclass(frozen=True)
class Language:
    frames: tuple[str, ...]
    """Sentences with {when} and {much}."""
    dates: tuple[tuple[str, date], ...]
    amounts: tuple[tuple[str, Quantity], ...]


LANGUAGES = {
    "en": Language(
        ("Russia and the Taliban agreed {when} to ship {much} of wheat through Uzbekistan.",
         "{when}, Moscow said trade with Kabul reached {much}, officials told reporters.",
         "The Russian delegation arrived in Kabul {when}; talks covered {much} in trade."),
        (("on 7 October 2025", D7), ("on Thursday", D9), ("on October 7", D7),
         ("yesterday", D9)),
        (("50,000 tonnes", TONNES), ("$3 billion", USD), ("20%", PERCENT))),
    "ru": Language(
        ("Россия и талибы {when} договорились о поставке {much} пшеницы.",
         "{when} Москва сообщила, что товарооборот с Кабулом составил {much}.",
         "Российская делегация прибыла в Кабул {when}, обсуждались {much}."),
        (("7 октября", D7), ("в четверг", D9), ("вчера", D9), ("07.10.2025", D7)),
        (("50 тыс. тонн", TONNES), ("3 млрд долларов", USD), ("20 процентов", PERCENT))),
    "uk": Language(
        ("Росія і таліби {when} домовилися про постачання {much} пшениці.",
         "{when} Москва заявила, що товарообіг з Кабулом сягнув {much}."),
        (("7 жовтня 2025 р.", D7), ("у четвер", D9), ("учора", D9)),
        (("50 тисяч тонн", TONNES), ("3 млрд доларів", USD), ("20 відсотків", PERCENT))),
    "fa": Language(
        ("روسیه و طالبان {when} بر سر ارسال {much} گندم توافق کردند.",
         "مسکو {when} اعلام کرد که تجارت با کابل به {much} رسیده است.",
         "هیئت روسی {when} وارد کابل شد و درباره {much} تجارت گفتگو کرد."),
        (("۱۵ میزان ۱۴۰۴", D7), ("روز پنجشنبه", D9), ("دیروز", D9), ("۱۵ مهر", D7),
         ("۷ اکتوبر", D7)),
        (("۵۰ هزار تن", TONNES), ("۳ میلیارد دلار", USD), ("۲۰ درصد", PERCENT))),
    "ps": Language(
        ("روسیې او طالبانو {when} د {much} غنمو د لېږد هوکړه وکړه.",
         "مسکو {when} وویل چې له کابل سره سوداګري {much} ته رسېدلې ده."),
        (("د تلې ۱۵مه", D7), ("پرون", D9), ("۷ اکتوبر", D7)),
        (("۵۰ زره ټنه", TONNES), ("۲۰ سلنه", PERCENT))),
    "ar": Language(
        ("اتفقت روسيا وطالبان {when} على شحن {much} من القمح.",
         "أعلنت موسكو {when} أن التجارة مع كابول بلغت {much}.",
         "وصل الوفد الروسي إلى كابول {when} وبحث {much} من التبادل التجاري."),
        (("في ٧ أكتوبر/تشرين الأول ٢٠٢٥", D7), ("يوم الخميس", D9), ("أمس", D9),
         ("في ١٥ ربيع الآخر ١٤٤٧ هـ", date(2025, 10, 7))),
        (("٥٠ ألف طن", TONNES), ("٣ مليار دولار", USD), ("٢٠٪", PERCENT))),
    "ur": Language(
        ("روس اور طالبان نے {when} {much} گندم بھیجنے پر اتفاق کیا۔",
         "ماسکو نے {when} کہا کہ کابل کے ساتھ تجارت {much} تک پہنچ گئی۔"),
        (("7 اکتوبر", D7), ("جمعرات کو", D9)),
        (("50 ہزار ٹن", TONNES), ("3 ارب ڈالر", USD), ("20 فیصد", PERCENT))),
    "tr": Language(
        ("Rusya ve Taliban {when} {much} buğday sevkiyatında anlaştı.",
         "Moskova {when} Kabil ile ticaretin {much} seviyesine ulaştığını açıkladı."),
        (("7 Ekim 2025'te", D7), ("perşembe günü", D9), ("dün", D9)),
        (("50 bin ton", TONNES), ("3 milyar dolar", USD), ("%20", PERCENT))),
    "zh": Language(
        ("俄罗斯与塔利班{when}同意运送{much}小麦。",
         "莫斯科{when}表示，与喀布尔的贸易额达到{much}。"),
        (("于2025年10月7日", D7), ("周四", D9), ("昨天", D9), ("10月7日", D7)),
        (("5万吨", TONNES), ("30亿美元", USD), ("20%", PERCENT))),
    "hi": Language(
        ("रूस और तालिबान ने {when} {much} गेहूं भेजने पर सहमति जताई।",
         "मास्को ने {when} कहा कि काबुल के साथ व्यापार {much} तक पहुंचा।"),
        (("7 अक्टूबर को", D7), ("गुरुवार को", D9)),
        (("50 हज़ार टन", TONNES), ("20 प्रतिशत", PERCENT))),
    "de": Language(
        ("Russland und die Taliban einigten sich {when} auf die Lieferung von {much} Weizen.",
         "Moskau teilte {when} mit, der Handel mit Kabul habe {much} erreicht."),
        (("am 7. Oktober", D7), ("am Donnerstag", D9), ("gestern", D9)),
        (("50.000 Tonnen", TONNES), ("3 Milliarden US-Dollar", USD), ("20 Prozent", PERCENT))),
    "fr": Language(
        ("La Russie et les talibans ont convenu {when} d'expédier {much} de blé.",
         "Moscou a annoncé {when} que le commerce avec Kaboul atteignait {much}."),
        (("le 7 octobre", D7), ("jeudi", D9), ("mercredi", D8)),
        (("50 000 tonnes", TONNES), ("3 milliards de dollars", USD),
         ("20 pour cent", PERCENT))),
    "it": Language(
        ("Russia e talebani hanno concordato {when} la spedizione di {much} di grano.",),
        (("il 7 ottobre 2025", D7), ("giovedì", D9), ("ieri", D9)),
        (("50.000 tonnellate", TONNES), ("3 miliardi di dollari", USD))),
    "es": Language(
        ("Rusia y los talibanes acordaron {when} enviar {much} de trigo.",),
        (("el 7 de octubre de 2025", D7), ("el jueves", D9), ("ayer", D9)),
        (("50.000 toneladas", TONNES), ("3.000 millones de dólares", USD))),
    "pl": Language(
        ("Rosja i talibowie uzgodnili {when} dostawę {much} pszenicy.",),
        (("7 października", D7), ("w czwartek", D9), ("w środę", D8)),
        (("50 tys. ton", TONNES), ("20 procent", PERCENT))),
    "uz": Language(
        ("Rossiya va Tolibon {when} {much} bug'doy yetkazib berishga kelishdi.",),
        (("7-oktabr kuni", D7), ("payshanba kuni", D9), ("kecha", D9)),
        (("50 ming tonna", TONNES), ("3 milliard dollar", USD), ("20 foiz", PERCENT))),
    "kk": Language(
        ("Ресей мен Талибан {when} {much} бидай жеткізуге келісті.",),
        (("2025 жылғы 7 қазанда", D7), ("бейсенбі күні", D9), ("кеше", D9)),
        (("50 мың тонна", TONNES), ("20 пайыз", PERCENT))),
    "tg": Language(
        ("Русия ва Толибон {when} дар бораи интиқоли {much} гандум мувофиқа карданд.",),
        (("7 октябр", D7), ("дирӯз", D9)),
        (("50 ҳазор тонна", TONNES), ("20 фоиз", PERCENT))),
}


@dataclass(frozen=True)
class Lede:
    language: str
    text: str
    when: date
    much: Quantity


def ledes() -> list[Lede]:
    return [Lede(code, frame.format(when=when, much=much), day, amount)
            for code, lang in LANGUAGES.items()
            for frame, (when, day), (much, amount) in product(lang.frames, lang.dates,
                                                              lang.amounts)]


def cost(call: Callable[[Lede], object], items: list[Lede], repeat: int) -> float:
    """Best microseconds per call over ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            call(item)
        best = min(best, (time.perf_counter() - start) / len(items))
    return best * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    items = ledes()
    start = time.perf_counter()
    event_date(["7 October"], PUBLISHED)
    quantities("50 tonnes")
    build = time.perf_counter() - start
    per_date = cost(lambda lede: event_date([lede.text], PUBLISHED), items, args.repeat)
    per_quantity = cost(lambda lede: quantities(lede.text), items, args.repeat)
    dated = sum(1 for lede in items if _found_date(lede) == lede.when)
    measured = sum(1 for lede in items if lede.much in quantities(lede.text))
    print(f"ledes={len(items)} languages={len(LANGUAGES)} table_build_s={build:.2f}")
    print(f"event_date_us_per_call={per_date:.1f} quantities_us_per_call={per_quantity:.1f}")
    print(f"date_found={dated}/{len(items)} quantity_found={measured}/{len(items)}")
    for code in LANGUAGES:
        mine = [lede for lede in items if lede.language == code]
        misses = [lede.text for lede in mine if _found_date(lede) != lede.when
                  or lede.much not in quantities(lede.text)]
        print(f"  {code}: ledes={len(mine)} misses={len(misses)}"
              + (f" e.g. {misses[0]!r}" if misses else ""))


def _found_date(lede: Lede) -> date | None:
    found = event_date([lede.text], PUBLISHED)
    return found.value if found and found.source == "text" else None


if __name__ == "__main__":
    main()
