"""Words around numbers, from CLDR: scales, units, currencies and their symbols.

Everything here comes from babel's CLDR data for the languages the feeds use
(:data:`~tracker.analysis.calendars.FEED_LANGUAGES`), extracted by
:func:`cldr_tables`, stored and read back by :mod:`tracker.analysis.cldr_data`:

- scale words from the compact decimal formats ("0 thousand", "00 миллионов", "0 مليار",
  "0 لاکھ", "0万"), each with its power of ten;
- unit words from the unit patterns ("{0} tonnes", "{0} т", "{0} طنًا", "yüzde {0}",
  "%{0}"), with the side of the number they stand on;
- currency names, plural forms and symbols ("долларов США", "دلار آمریکا", "₽", "؋").

Two small documented tables complete them: the units and currencies worth reading
(the ones a news story about trade and aid between states quotes) and the press
abbreviations of scales CLDR does not list ("bn", "mln").
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from babel import Locale, localedata
from babel.numbers import get_territory_currencies

from tracker.analysis.calendars import FEED_LANGUAGES, UNSPACED_FROM
from tracker.analysis.cldr_data import QUANTITY_FILE, load
from tracker.analysis.lexkey import key, word_key
from tracker.analysis.word_forms import word_script

# CLDR unit -> (our unit, factor). US tons are read as tonnes: news about trade and aid
# says "tons" for metric tonnes, and Persian and Arabic CLDR give تن and طن to "ton".
UNITS = {
    "mass-tonne": ("tonne", 1.0), "mass-ton": ("tonne", 1.0),
    "mass-kilogram": ("tonne", 0.001), "length-kilometer": ("km", 1.0),
    "concentr-percent": ("percent", 1.0), "volume-cubic-meter": ("m3", 1.0),
    "area-hectare": ("ha", 1.0), "power-megawatt": ("mw", 1.0),
}
# Currencies read (ISO 4217): reserve currencies and those of the region the feeds
# cover. Besides its full names, a currency is read by the money word of its names
# ("долларов", "دلار", see _currency_nouns) when no other currency here shares it.
CURRENCIES = frozenset(
    "USD EUR RUB AFN CNY GBP JPY CHF TRY PKR INR IRR UZS KZT TJS KGS TMT SAR AED QAR".split())
# The feed languages, and Indonesian, left out of them for a day word of its
# (calendars.FEED_LANGUAGES) but not for its numbers: "310 juta dolar AS", "1,25 juta ton".
QUANTITY_LANGUAGES = FEED_LANGUAGES | {"id"}
# Press abbreviations of scale words that CLDR's compact formats do not have.
# The Romance languages put "of" between a scale word and the unit: "3 milliards de
# dollars", "3 mil millones de dólares", "3 miliardi di dollari".
PARTITIVES = frozenset({"de", "d", "di", "des"})
# Urdu news writes English million and billion (ملین, بلین) beside CLDR's لاکھ and ارب.
PRESS_SCALES = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "mld": 1e9, "mlrd": 1e9,
                "ملین": 1e6, "بلین": 1e9}
# Turkic languages name a currency as a compound with a possessive ending ("Türk
# lirası", "ABD doları"), which falls when the word stands after a number.
_TURKIC = frozenset({"tr", "az", "kk", "ky", "uz", "tk"})
_POSSESSIVE = ("sı", "si", "su", "sü", "ı", "i", "u", "ü", "сы", "сі", "ы", "і", "си", "и")
# Plural endings a noun takes after a number where CLDR lists only its singular: Pashto
# "-ه" (ټن, tonne: "۵۰۰ زره ټنه"; میلیارد: "۲ میلیارده"), Arabic "-ات" (مليار: "3
# مليارات"), and Pashto's oblique plural "-و" after "د" (ډالر: "د ۳۵ میلیونه ډالرو",
# ټن: "د ۵۰ ټنو"). Persian and Urdu keep the singular after a number, but make an
# adjective of the amount with "-ی": "قرارداد ۶۰ میلیون دالری" (a 60-million-dollar
# contract), "محموله ۵۰ تنی" (a 50-tonne shipment).
ARABIC_SCRIPT_PLURALS = ("ه", "ات", "و", "ی")
_MIN_STEM = 4
"""Least letters of a word's stem: shorter ones are other words' starts."""
ENDING = 3
"""Letters of a case ending a unit word may carry beyond its stem ("тонн|ами")."""
_ZEROS = re.compile(r"0+")
_CURRENT_AT = date(2025, 1, 1)
V = TypeVar("V")


@dataclass(frozen=True)
class Unit:
    name: str
    factor: float


@dataclass(frozen=True)
class QuantityWords:
    """Tables keyed by :func:`~tracker.analysis.lexkey.word_key`."""

    scales: Mapping[str, float]
    after: Mapping[str, Unit]
    """Unit and currency words that follow the number ("50 tonnes", "3 млрд долларов")."""
    before: Mapping[str, Unit]
    """Unit words that precede it ("yüzde 20", "USD 3 million")."""
    symbols: Mapping[str, Unit]
    """Currency and percent signs, either side of the number ("$3", "20%", "%20")."""
    symbol_after: re.Pattern[str]
    """A sign right after a number or its scale word, with an optional space."""
    symbol_before: re.Pattern[str]
    """A sign right before a number (search it with the number's start as endpos)."""
    longest: int
    prefixes: frozenset[str]
    """The first words of every key ("metric" of "metric tons"), and the keys."""
    stems: Mapping[str, str] = field(default_factory=dict)
    """One-word keys by their stems ("тонн" of "тонна"), for the case forms CLDR does not
    list ("тоннами", "долларами", "километрах"): see :meth:`inflected`."""

    plurals: Mapping[str, str] = field(default_factory=dict)
    """One-word keys in Arabic script by their plurals CLDR does not list (Pashto "ټنه"
    of "ټن", Arabic "مليارات" of "مليار"): see :data:`ARABIC_SCRIPT_PLURALS`."""

    def inflected(self, word: str) -> str | None:
        """The key ``word`` is a case form of: a key or a key's stem with an ending of at
        most :data:`ENDING` letters, or a key's plural."""
        for cut in range(1, ENDING + 1):
            key = self.stems.get(word[:-cut])
            if key is not None:
                return key
        return self.plurals.get(word)


def cldr_tables() -> dict[str, Any]:
    """The tables as stored by :mod:`tracker.analysis.cldr_data`: units as [name, factor]."""
    locales = [Locale.parse(code) for code in localedata.locale_identifiers()
               if code.split("_")[0] in QUANTITY_LANGUAGES]
    after, before = _unit_names(locales)
    currencies, symbols = _currency_names(locales)
    stored = {
        "after": _unambiguous(after) | _unambiguous(currencies),
        "before": _unambiguous(before),
        "symbols": _unambiguous(symbols),
    }
    tables: dict[str, Any] = {name: {word: [unit.name, unit.factor] for word, unit in table.items()}
                              for name, table in stored.items()}
    tables["scales"] = _majority(_scale_names(locales))
    places = frozenset().union(*map(_place_words, locales))
    tables["place_stems"] = sorted(
        # Each word its own meaning here: a stem two words share is no stem of either.
        stem for stem, word in _stems({w: w for w in [*tables["scales"], *PRESS_SCALES,
                                                     *tables["after"]]}).items()
        if stem != word and stem in places)
    return tables


@functools.cache
def quantity_words() -> QuantityWords:
    """The stored CLDR tables with the documented ones, read once at first use."""
    data = load(QUANTITY_FILE)
    scales: dict[str, float] = data["scales"] | PRESS_SCALES
    after, before, signs = ({word: Unit(name, factor) for word, (name, factor) in
                             data[table].items()} for table in ("after", "before", "symbols"))
    before |= {code.lower(): Unit(code.lower(), 1.0) for code in CURRENCIES}
    # "Afghans", "афганцев" are people: the stem "afghan" of "afghani" begins a country.
    place_stems = frozenset(data["place_stems"])
    keys = [*scales, *after, *before]
    alternation = "|".join(map(re.escape, sorted(signs, key=len, reverse=True)))
    return QuantityWords(
        stems={stem: word for stem, word in _stems({**scales, **after}).items()
               if stem not in place_stems},
        plurals=_plurals([*scales, *after]),
        scales=scales, after=after, before=before, symbols=signs,
        symbol_after=re.compile(rf"[ \u00a0]?({alternation})"),
        symbol_before=re.compile(rf"({alternation})[ \u00a0]?\Z"),
        longest=max(len(k.split()) for k in keys),
        prefixes=frozenset(" ".join(k.split()[:size]) for k in keys
                           for size in range(1, len(k.split()) + 1)))


def _stems(meanings: Mapping[str, object]) -> dict[str, str]:
    """Stems of the one-word keys written in a cased alphabet (Latin, Cyrillic, Greek:
    the languages that inflect a noun after a number by its ending), at least
    :data:`_MIN_STEM` letters long; a stem two keys share is left out unless they mean
    the same (Uzbek "dollar" and "dollari": "35 million dollarlik", worth 35 million)."""
    found: dict[str, set[str]] = {}
    for word in meanings:
        if " " in word or not word.isalpha() or word.lower() == word.upper():
            continue
        for cut in range(ENDING):
            stem = word[:len(word) - cut]
            if len(stem) >= _MIN_STEM:
                found.setdefault(stem, set()).add(word)
    return {stem: min(held) for stem, held in found.items()
            if len({meanings[word] for word in held}) == 1}


def _plurals(words: Iterable[str]) -> dict[str, str]:
    """The plurals (:data:`ARABIC_SCRIPT_PLURALS`) of the one-word keys in Arabic script
    that are no key themselves."""
    keys = set(words)
    return {word + ending: word for word in keys
            if " " not in word and word_script(word) == "arabic"
            for ending in ARABIC_SCRIPT_PLURALS if word + ending not in keys}


def _scale_names(locales: Iterable[Locale]) -> dict[str, Counter[float]]:
    found: dict[str, Counter[float]] = defaultdict(Counter)
    for loc in locales:
        for width, forms in loc._data["compact_decimal_formats"].items():
            for patterns in forms.values():
                for magnitude, pattern in patterns.items():
                    name, zeros = _literal(pattern.pattern)
                    readable = len(name) >= (2 if width == "long" else 3) or _is_unspaced(name)
                    if name and zeros and readable:
                        found[name][float(magnitude) / 10 ** (zeros - 1)] += 1
    return found


def _literal(pattern: str) -> tuple[str, int]:
    """The words of a compact pattern and how many digits it shows ("00 тысяч")."""
    zeros = _ZEROS.search(pattern)
    return word_key(_ZEROS.sub(" ", pattern.replace("'", ""))), len(zeros[0]) if zeros else 0


def _is_unspaced(name: str) -> bool:
    return bool(name) and min(name) >= UNSPACED_FROM


def _unit_names(locales: Iterable[Locale]
                ) -> tuple[dict[str, set[Unit]], dict[str, set[Unit]]]:
    after: dict[str, set[Unit]] = defaultdict(set)
    before: dict[str, set[Unit]] = defaultdict(set)
    for loc in locales:
        patterns = loc._data["unit_patterns"]
        for cldr_unit, (name, factor) in UNITS.items():
            for width in patterns.get(cldr_unit, {}).values():
                for form, pattern in width.items():
                    if form == "per" or "{0}" not in pattern:
                        continue
                    head, _, tail = pattern.partition("{0}")
                    side, words = (before, head) if head.strip() else (after, tail)
                    if word_key(words):
                        side[word_key(words)].add(Unit(name, factor))
    return after, before


def _currency_names(locales: Iterable[Locale]
                    ) -> tuple[dict[str, set[Unit]], dict[str, set[Unit]]]:
    names: dict[str, set[Unit]] = defaultdict(set)
    symbols: dict[str, set[Unit]] = defaultdict(set)
    current = _current_currencies()
    for loc in locales:
        spelled = {code: _spellings(loc, code) for code in current}
        nouns = _currency_nouns(spelled) - _place_words(loc)
        spaced = _spaced_nouns(spelled)
        turkic = loc.language in _TURKIC
        for code in CURRENCIES & current:
            unit = Unit(code.lower(), 1.0)
            names[code.lower()].add(unit)
            for name in spelled[code]:
                names[name].add(unit)
                for word in name.split():
                    if word in nouns and (len(word) >= 3 or _is_unspaced(word)):
                        names[word].add(unit)
                        if turkic:
                            names[_without_possessive(word)].add(unit)
                for noun in _glued_nouns(name, spaced):
                    names[noun].add(unit)
            symbol = loc.currency_symbols.get(code, "")
            if symbol and not symbol.isalpha():
                symbols[key(symbol).strip()].add(unit)
    for sign in ("%", "٪"):
        symbols[sign].add(Unit("percent", 1.0))
    return names, symbols


@functools.cache
def _current_currencies() -> frozenset[str]:
    """Currencies legal tender somewhere (at a fixed date, so the tables never move)."""
    return frozenset(code for territory in Locale.parse("en").territories
                     for code in get_territory_currencies(str(territory), _CURRENT_AT))


def _spellings(loc: Locale, code: str) -> set[str]:
    plural = loc._data["currency_names_plural"].get(code, {})
    return {word_key(name) for name in {loc.currencies.get(code, ""), *plural.values()}
            if name} - {""}


def _currency_nouns(spelled: Mapping[str, set[str]]) -> frozenset[str]:
    """The words that name a kind of money, not a country: "dollar", "доллар", "دلار"
    are in the names of several currencies of one language; "American", "российских"
    are each in one only. A currency called by one word ("евро", "افغانۍ") is one."""
    currencies_of: dict[str, set[str]] = defaultdict(set)
    for code, names in spelled.items():
        for name in names:
            for word in name.split():
                currencies_of[word].add(code)
    single = {name for names in spelled.values() for name in names if " " not in name}
    return frozenset(word for word, codes in currencies_of.items()
                     if len(codes) >= 2 or word in single)


def _glued_nouns(name: str, spaced: frozenset[str]) -> list[str]:
    """The money word a name written without spaces ends with, where other names of its
    language write it apart (``spaced``): Japanese 米ドル (USD) beside カナダ ドル and
    オーストラリア ドル, so that "250万ドル" is dollars."""
    if " " in name or not _is_unspaced(name[-1:]):
        return []
    return [noun for noun in spaced if noun != name and name.endswith(noun)]


def _spaced_nouns(spelled: Mapping[str, set[str]]) -> frozenset[str]:
    """The unspaced-script words that stand apart in the names of two currencies or more
    (ドル in カナダ ドル and オーストラリア ドル)."""
    currencies_of: dict[str, set[str]] = defaultdict(set)
    for code, names in spelled.items():
        for name in names:
            words = name.split()
            for word in words if len(words) > 1 else ():
                if _is_unspaced(word[-1:]):
                    currencies_of[word].add(code)
    return frozenset(word for word, codes in currencies_of.items() if len(codes) >= 2)


def _place_words(loc: Locale) -> frozenset[str]:
    """Words of the locale's territory names and their beginnings: "روسیه" in
    "روبل روسیه" is Russia, "Afghan" begins "Afghanistan"; neither is money."""
    words = {word for name in loc.territories.values() for word in word_key(name).split()}
    return frozenset(word[:cut] for word in words for cut in range(_MIN_STEM, len(word) + 1))


def _without_possessive(word: str) -> str:
    """A Turkic compound's head without its possessive ending: Turkish "ABD doları" is
    "50 dolar" after a number, Kazakh "АҚШ доллары" is "50 доллар"."""
    for ending in _POSSESSIVE:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _majority(names: Mapping[str, Counter[float]]) -> dict[str, float]:
    """A scale word's meaning in most locales that use it, when they agree enough:
    "billion" is 10^9 in the English locales, 10^12 in the fewer French ones."""
    table: dict[str, float] = {}
    for name, meanings in names.items():
        ranked = meanings.most_common(2)
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            table[name] = ranked[0][0]
    return table


def _unambiguous(names: Mapping[str, set[V]]) -> dict[str, V]:
    """Keys with one meaning; a key two units or scales share tells neither."""
    return {name: next(iter(meanings)) for name, meanings in names.items()
            if len(meanings) == 1}
