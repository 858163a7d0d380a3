"""How much? The numbers of a text with their scale and unit, the same in every language.

"50 tonnes", "50 т", "50 тонн", "۵۰ تن", "٥٠ طنا" and "50 ton" are all
``Quantity(50.0, "tonne")``; "$3 billion", "3 млрд долларов", "3 مليار دولار" and
"۳ میلیارد دلار" are all ``Quantity(3e9, "usd")``; "%20", "20%" and "20 процентов" are
``Quantity(20.0, "percent")``. The words come from CLDR (see
:mod:`tracker.analysis.quantity_words`); digits of every script are read through
:func:`tracker.analysis.lexkey.key`.

Separators: a comma, period, apostrophe or space followed by exactly three digits
groups thousands ("1,500", "7 500", "1.234,5"); otherwise a comma or period is the
decimal separator ("1,5 млн", "1.5 million"), as in every feed language. A number
without a unit is a bare ``count``, except years (1404, 2025), the day and year of a
date ("7 October", "۱۵ میزان ۱۴۰۴", "07.10.2025"), times ("10:30"), ordinals ("7th")
and model numbers ("A320", "Су-35"), which are no quantities.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from tracker.analysis.calendars import UNSPACED_FROM, calendar_words
from tracker.analysis.lexkey import key
from tracker.analysis.numeric_dates import CJK_MARKS, DATE_PATTERNS
from tracker.analysis.quantity_words import (
    CURRENCIES,
    PARTITIVES,
    QuantityWords,
    Unit,
    quantity_words,
)

COUNT = "count"
"""The unit of a number that names none ("12 ministers")."""

# No look-behind here (it slows the scan by a quarter): _quantity checks the character
# before a match ("1.5.7", ",5" are no numbers of their own).
_NUMBER = re.compile(r"""
    (?: (?P<grouped>\d{1,3}(?P<sep>[,.'’٬\ \u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*)
        (?:(?!(?P=sep))[.,٫](?P<gfrac>\d+))?
      | (?P<whole>\d+)(?:[.,٫](?P<frac>\d+))? )
    (?![\d])
    """, re.X)
# The next word: a space or hyphen may come before it (after an abbreviation's period:
# "тыс. тонн"), and Indic vowel signs, which split a Hindi word into parts as they do
# table words.
_NEXT_WORD = re.compile(r"(?:\.?\s|-|(?=[\u0900-\u0DFF])\W){0,2}?([^\W\d_]+)")
_DIGIT = re.compile(r"\d")
_ENDING = re.compile(r"[^\W\d_]{1,3}\b")
_NUMBER_PARTS = frozenset(".,٫٬0123456789")
_DATE_SEPARATORS = frozenset("-/.").union(mark[0] for mark in CJK_MARKS)
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[\s\u00a0]?\Z")
_YEARS = (1300, 2100)
# Between the parts of a mixed numeral ("3 کروڑ 50 لاکھ", "2 млрд 300 млн", "۲ میلیارد و
# ۳۰۰ میلیون"): a space, and "and" in the languages that put one there; nothing after a
# Chinese or Japanese scale ("3億1000万ドル", "3亿5000万美元": no spaces in those scripts).
_MIXED_JOINER = re.compile(r"(?:[\s\u00a0]+(?:(?:و|and|и|і|va|ва|ve|und|et|e|y)[\s\u00a0]+)?"
                           r"|(?<=[\u4e00-\u9fff]))(?=\d)")
# The English-language press glues a scale letter to an amount of money: "$12m", "£3.5m",
# "€40k" (after a number that is not money, "12m" is twelve metres).
_GLUED_SCALE = re.compile(r"([mk])(?![^\W\d_])")
_GLUED_SCALES = {"m": 1e6, "k": 1e3}
_MONEY = frozenset(code.lower() for code in CURRENCIES)
V = TypeVar("V")  # solar hijri years to Gregorian ones: a bare 4-digit one is a year


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    """``tonne``, ``km``, ``percent``, ``m3``, ``ha``, ``mw``, a currency's ISO code in
    lower case (``usd``, ``rub``, ``afn``...), or ``count``."""


def _chinese_digits(text: str) -> str:
    """Chinese numerals as digits, by cn2an: "五万吨" is "50000吨", "两份" "2份"."""
    import cn2an  # only texts that write Chinese numerals need it

    try:
        with warnings.catch_warnings():  # it warns of each numeral it leaves as it is
            warnings.simplefilter("ignore")
            return str(cn2an.transform(text, "cn2an"))
    except (ValueError, KeyError, IndexError):  # a numeral it cannot read: keep the text
        return text


@dataclass(frozen=True)
class _Reading:
    scale: float
    unit: Unit | None
    end: int
    """Where the words read after the number end."""


# A Chinese numeral that states an amount: a digit before a scale (五万, 三千, 五十亿) or
# a scale before a unit (十吨). Most texts' 一 (一带一路, 进一步) is none.
_CHINESE_NUMERAL = re.compile(
    "[一二两三四五六七八九十百千万萬亿億][十百千万萬亿億]|[十百千万萬亿億][吨噸元]")


def quantities(text: str) -> frozenset[Quantity]:
    """Every quantity ``text`` states, normalised (see the module's description)."""
    if _CHINESE_NUMERAL.search(text) is not None:
        text = _chinese_digits(text)
    folded = key(text)
    if _DIGIT.search(folded) is None:
        return frozenset()
    words = quantity_words()
    in_dates: list[tuple[int, int]] | None = None
    found: set[Quantity] = set()
    read_to = 0
    for match in _numbers(folded):
        if match.start() < read_to:
            continue  # a smaller part of the mixed numeral just read
        if folded[match.end():match.end() + 1] in _DATE_SEPARATORS:
            # Only a number followed by "-", "/" or "." can start a numeric date.
            in_dates = _date_spans(folded) if in_dates is None else in_dates
        if in_dates and any(start <= match.start() < end for start, end in in_dates):
            continue
        quantity, read_to = _quantity(folded, match, words)
        if quantity is not None:
            found.add(quantity)
    return frozenset(found)


def _numbers(text: str) -> Iterator[re.Match[str]]:
    """``_NUMBER.finditer(text)``. Perf only: every number starts with a digit, but its
    alternatives give the expression no first character to look for, and it was tried
    whole at every character: here it is tried at the digits only."""
    position = 0
    while (digit := _DIGIT.search(text, position)) is not None:
        match = _NUMBER.match(text, digit.start())
        if match is None:
            position = digit.start() + 1
        else:
            yield match
            position = match.end()


def _quantity(text: str, match: re.Match[str], words: QuantityWords
              ) -> tuple[Quantity | None, int]:
    """The quantity the number ``match`` starts, and where its words end."""
    if match.start() and text[match.start() - 1] in _NUMBER_PARTS or _is_label(text, match):
        return None, match.end()
    after = _read_after(text, match.end(), words)
    amount = _value(match) * after.scale
    if after.scale != 1.0 and after.unit is None:
        amount, after = _mixed(text, amount, after, words)
    unit = after.unit or _unit_before(text, match.start(), words)
    if after.scale == 1.0 and after.unit is None and unit is not None and unit.name in _MONEY:
        glued = _GLUED_SCALE.match(text, match.end())
        if glued is not None:
            amount *= _GLUED_SCALES[glued[1]]
            after = _Reading(after.scale, None, glued.end())
    if after.scale == 1.0 and unit is None:
        if after.end == match.end() and _ordinal_ending(text, match.end()):
            return None, after.end  # "7th", "5G", "7-й", "7-го"
        if _is_date_part(text, match, words) or _is_year(match):
            return None, after.end
    value = amount * (unit.factor if unit else 1.0)
    # Twelve significant digits: 1.5 x 10^6 is 1500000.0 whatever the float error.
    return Quantity(float(f"{value:.12g}"), unit.name if unit else COUNT), after.end


def _mixed(text: str, amount: float, after: _Reading, words: QuantityWords
           ) -> tuple[float, _Reading]:
    """A mixed numeral's whole amount and last reading: after "3 crore", each number with
    a smaller scale adds to it ("3 کروڑ 50 لاکھ ڈالر" is 35 million dollars, not 3 crore
    and 5 million dollars), and the unit is the last part's."""
    while after.unit is None:
        joiner = _MIXED_JOINER.match(text, after.end)
        part = _NUMBER.match(text, joiner.end()) if joiner else None
        if joiner is None or part is None:
            break
        reading = _read_after(text, part.end(), words)
        if reading.scale == 1.0 and not joiner.group() and _value(part) < after.scale:
            # Chinese and Japanese end with the units: "3万5000吨" is 35,000 tonnes.
            return amount + _value(part), reading
        if not 1.0 < reading.scale < after.scale:
            break
        amount += _value(part) * reading.scale
        after = reading
    return amount, after


def _value(match: re.Match[str]) -> float:
    if match["grouped"]:
        whole = re.sub(r"\D", "", match["grouped"])
        fraction = match["gfrac"] or ""
    else:
        whole, fraction = match["whole"], match["frac"] or ""
    return float(f"{whole}.{fraction}" if fraction else whole)


def _read_after(text: str, end: int, words: QuantityWords) -> _Reading:
    """Scale words, then a unit word or sign, after the number ending at ``end``."""
    symbol = _symbol_at(text, end, words)
    if symbol is not None:
        return _Reading(1.0, symbol[0], symbol[1])
    scale, position = 1.0, end
    for _ in range(2):  # "هزار میلیارد": thousand billion
        found = _phrase_at(text, position, words.scales, words)
        if found is None:
            break
        scale, position = scale * found[0], found[1]
    if scale != 1.0:
        partitive = _NEXT_WORD.match(text, position)
        if partitive is not None and partitive[1] in PARTITIVES:
            position = partitive.end()  # "3 milliards de dollars"
    unit = _phrase_at(text, position, words.after, words)
    if unit is not None:
        return _Reading(scale, unit[0], unit[1])
    symbol = _symbol_at(text, position, words)
    return _Reading(scale, symbol[0] if symbol else None, symbol[1] if symbol else position)


def _phrase_at(text: str, position: int, table: Mapping[str, V], words: QuantityWords
               ) -> tuple[V, int] | None:
    """The entry of the longest phrase of ``table`` starting at ``position``, and its end.

    Words are read one at a time while they still begin some key. In Chinese, where
    no space ends a word, the key is a prefix of the run: "亿美元" begins with "亿".
    """
    best: tuple[V, int] | None = None
    phrase = ""
    for _ in range(words.longest):
        word = _NEXT_WORD.match(text, position)
        if word is None:
            break
        if word[1] >= UNSPACED_FROM:
            return best or _unspaced_prefix(word[1], word.start(1), table)
        if not phrase and word[1] not in words.prefixes:
            # One word CLDR does not list may be a case form of one it does.
            key = words.inflected(word[1])
            return (table[key], word.end()) if key is not None and key in table else best
        phrase = f"{phrase} {word[1]}" if phrase else word[1]
        if phrase not in words.prefixes:
            break
        position = word.end()
        if phrase in table:
            best = (table[phrase], position)
    return best


def _unspaced_prefix(run: str, start: int, table: Mapping[str, V]) -> tuple[V, int] | None:
    for size in range(min(len(run), 4), 0, -1):
        if run[:size] in table:
            return table[run[:size]], start + size
    return None


def _symbol_at(text: str, position: int, words: QuantityWords) -> tuple[Unit, int] | None:
    found = words.symbol_after.match(text, position)
    return (words.symbols[found[1]], found.end()) if found else None


def _unit_before(text: str, start: int, words: QuantityWords) -> Unit | None:
    """A sign or word before the number: "$3", "US$ 3", "%20", "yüzde 20", "USD 3"."""
    symbol = words.symbol_before.search(text, max(0, start - 6), start)
    if symbol is not None:
        return words.symbols[symbol[1]]
    word = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
    return words.before.get(word[1]) if word else None


def _is_label(text: str, match: re.Match[str]) -> bool:
    """Model numbers and times: "A320", "Су-35", "10:30"."""
    start, end = match.start(), match.end()
    before = text[start - 1] if start else ""
    if before == "-" and start >= 2:
        before = text[start - 2]
    if before.isalpha() and before < UNSPACED_FROM and not _proclitic(text, start):
        return True
    return before == ":" or text[end:end + 1] == ":" and text[end + 1:end + 2].isdigit()


_PROCLITIC = re.compile(r"(?:^|[^\w\u0640])[\u0621-\u064a]\u0640?\Z")


def _proclitic(text: str, start: int) -> bool:
    """Whether the letters glued before a number are one Arabic-script letter, with or
    without a tatweel: a preposition or conjunction written as part of the next word
    ("بـ200 مليون دولار", "و300 طن"), not a model's code."""
    return _PROCLITIC.search(text, max(0, start - 3), start) is not None


def _ordinal_ending(text: str, end: int) -> bool:
    """Letters glued to the number, or a short ending after a hyphen ("7-й")."""
    if end < len(text) and text[end] == "-":
        ending = _ENDING.match(text, end + 1)
        return ending is not None
    return end < len(text) and text[end].isalpha() and text[end] < UNSPACED_FROM


def _is_date_part(text: str, match: re.Match[str], words: QuantityWords) -> bool:
    """The day or year of a named month: "7 October", "October 7", "د تلې ۱۵مه"."""
    months = calendar_words().month_starts
    following = _NEXT_WORD.match(text, match.end())
    if following is not None and following[1] in months:
        return True
    digits = match["whole"] or ""
    if not (len(digits) <= 2 and 1 <= int(digits or 0) <= 31 or len(digits) == 4):
        return False  # "October 50" is no day
    previous = _PREVIOUS_WORD.search(text, max(0, match.start() - 24), match.start())
    return previous is not None and previous[1] in months


def _is_year(match: re.Match[str]) -> bool:
    whole = match["whole"]
    return bool(whole) and not match["frac"] and len(whole) == 4 and \
        _YEARS[0] <= int(whole) <= _YEARS[1]


def _date_spans(text: str) -> list[tuple[int, int]]:
    return [found.span() for pattern, marks in DATE_PATTERNS
            if any(mark in text for mark in marks) for found in pattern.finditer(text)]
