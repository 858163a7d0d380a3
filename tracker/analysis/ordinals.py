"""Ordinal numbers in a text: "7th", "седьмой", "السابعة", "ششمین", "第七", "7-й", "6.".

Pure. A recurring event is told apart by its number: the 6th and the 7th Moscow Format
meeting, the first and the second aid flight. :func:`ordinals_in` reads the ordinals a
text prints, spelled or in digits, in any of the feed languages, as numbers.

The words come from CLDR's rule-based number formats (the ``spellout-ordinal`` rule
sets of every feed language CLDR covers, in all their genders and cases) and the digit
suffixes from its ``digits-ordinal`` rules ("th", "-й", "-го", "e", "º", "-ші"),
extracted by :func:`cldr_tables` with the unicode-rbnf package and stored in
``tracker/data`` (see :mod:`tracker.analysis.cldr_data`). CLDR has no ordinal rules
for some feed languages; what their grammar says is added here, documented:

- Persian forms an ordinal from its cardinal (CLDR's ``spellout-numbering``) with ـم
  or ـمین ("شش" → "ششم", "ششمین"), "سه" becoming "سوم", and ـام after a final vowel
  ("سی" → "سی‌ام");
- Urdu writes ویں or واں after the digits ("7ویں");
- German, Turkish and other languages mark an ordinal with a period after the digits
  ("6. toplantı"); read only before a lower-case word, since a sentence may end with a
  number, and never before a month name ("7. Oktober" is a date).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.analysis.calendars import FEED_LANGUAGES, UNSPACED_FROM, calendar_words, is_unspaced
from tracker.analysis.cldr_data import ORDINAL_FILE, load
from tracker.analysis.lexkey import ascii_digits, key

LOWEST, HIGHEST = 2, 30
"""The ordinals read. "First" is left out: it more often ranks ("the first country to
recognise") than counts occurrences, and its words are common words elsewhere (Italian
"prime", English "prime minister"; Arabic "الأول" in month names). Beyond 30 no report
counts the occurrences of an event.

Spelled ordinals of four Latin letters or fewer are left out too: short words collide
across languages (Italian "none", ninth, is English "none")."""
SHORT = 4
SHORT_LINK = 3
"""The longest word that may stand between a day's ordinal and its month ("of", "من")."""
# Indic vowel signs are no word characters to ``re``: here they join the word, so
# "सातवीं" is one word and not fragments that other words share.
WORD = re.compile(r"\d+|(?:[^\W\d]|[\u0900-\u0DFF])+")
# Devanagari writes the nasal of "-वीं" with or without its mark (CLDR: "सातवी").
_NASALS = str.maketrans("", "", "\u0901\u0902")


def folded(text: str) -> str:
    """``text`` as the ordinal tables key it: :func:`~tracker.analysis.lexkey.key`,
    without Devanagari nasal marks."""
    keyed = key(text)
    if "\u0901" in keyed or "\u0902" in keyed:
        return keyed.translate(_NASALS)
    return keyed

PERSIAN_SUFFIXES = ("م", "مین")
URDU_SUFFIXES = ("ویں", "واں")


@dataclass(frozen=True)
class OrdinalWords:
    """The stored tables, keyed by :func:`folded`."""

    words: dict[str, int]
    longest: int
    starts: frozenset[str]
    """First words of the spelled ordinals of more than one word."""
    firsts: frozenset[str]
    """First words of every spelled ordinal."""
    digits: re.Pattern[str]
    """A number with an ordinal suffix or prefix, on keyed text."""
    unspaced: re.Pattern[str]
    """The spelled ordinals of scripts written without spaces ("第七")."""


def ordinals_in(text: str) -> frozenset[int]:
    """The ordinal numbers ``text`` prints, from :data:`LOWEST` to :data:`HIGHEST`."""
    tables = ordinal_words()
    keyed = folded(text)
    found: set[int] = set()
    if _AFFIXED.search(keyed) is not None:
        found |= _digit_ordinals(keyed, tables)
    if _DIGIT_STOP.search(keyed) is not None:
        found |= _dotted_ordinals(text)
    # Words as \w+ finds them, fast, unless Indic vowel signs would split them.
    tokens = (WORD if _INDIC.search(keyed) else _PLAIN_WORD).findall(keyed)
    # Most texts have no ordinal word: one set operation finds the few that do.
    for word in tables.firsts.intersection(tokens):
        index = tokens.index(word)
        number = _spelled_at(tokens, index, tables)
        if number is not None and not _in_month_name(tokens, index) and not _is_weekday(
                text, tokens, index) and not _day_of_month(tokens, index) and not (
                word in ACCORDING_TO and not _after_article(text, word)) and not (
                _ranks_a_state(tokens, index)):
            found.add(number)
    if _UNSPACED.search(keyed) is not None:
        found.update(tables.words[m] for m in tables.unspaced.findall(keyed))
    return frozenset(found)


def _spelled_at(tokens: list[str], index: int, tables: OrdinalWords) -> int | None:
    """The number of the longest spelled ordinal at ``index``."""
    if tokens[index] in tables.starts:
        for size in range(min(tables.longest, len(tokens) - index), 1, -1):
            number = tables.words.get(" ".join(tokens[index:index + size]))
            if number is not None:
                return number
    return tables.words.get(tokens[index])


def _ranks_a_state(tokens: list[str], index: int) -> bool:
    """Whether the ordinal word at ``index`` stands beside a word of :data:`STATES`."""
    return any(0 <= at < len(tokens) and tokens[at] in STATES for at in (index - 1, index + 1))


def _in_month_name(tokens: list[str], index: int) -> bool:
    """"تشرين الثاني", "ربيع الثاني": a month named with an ordinal."""
    return index > 0 and f"{tokens[index - 1]} {tokens[index]}" in calendar_words().months


def _day_of_month(tokens: list[str], index: int) -> bool:
    """A spelled ordinal before a month is its day: "третьего июля", "الثالث من يوليو",
    "the third of July" (a short word may stand between)."""
    starts = calendar_words().month_starts
    for at in range(index + 1, min(index + 3, len(tokens))):
        if tokens[at] in starts:
            return True
        if len(tokens[at]) > SHORT_LINK:
            return False
    return False


STATES = frozenset("""
country countries nation страна страной страны стран государство государством країна
країною کشور کشوری هیواد ملک دوله الدوله بلد البلد ulke кишвар кишвари кишваре mamlakat
мамлакат pays pais paese land
""".split())
"""Words for a country, keyed, beside which an ordinal ranks states and counts no
occurrence: "a second country has yet to follow", "کشور دوم", "ثاني دولة", "вторая
страна". Not "state" and its kin (davlat, دولت, Staat): "the second state visit"."""
ACCORDING_TO = frozenset({"secondo", "segundo"})
"""Italian and Portuguese "according to", which is also "second": "Secondo l'analista",
"segundo o ministro" cite a source, "il secondo incontro", "o segundo voo" count."""
_WORD_BEFORE = re.compile(r"(\w+)[ \t\u00a0]+\Z")
_ARTICLE_LETTERS = 5
"""The longest word taken for an article or a preposition with one ("il", "del",
"dello", "pelo")."""


def _after_article(text: str, word: str) -> bool:
    """Whether ``word`` (one of :data:`ACCORDING_TO`) follows, anywhere in ``text``, a
    short word (lower case, or opening a sentence) with nothing but space between: then
    it is the ordinal. At a
    sentence's or clause's start it is the preposition; after a longer word it may be
    either, and a citation taken for an occurrence would announce a restatement."""
    for match in re.finditer(rf"\b{word}\b", text, re.IGNORECASE):
        before = _WORD_BEFORE.search(text, 0, match.start())
        if before and len(before[1]) <= _ARTICLE_LETTERS and (
                before[1].islower() or _opens_sentence(text, before.start())):
            return True
    return False


def _opens_sentence(text: str, at: int) -> bool:
    """Whether nothing but a sentence's end or opening punctuation comes before ``at``:
    "Il secondo incontro" opens with a capital."""
    earlier = text[:at].rstrip()
    return not earlier or not (earlier[-1].isalnum() or earlier[-1] == ",")


def _is_weekday(text: str, tokens: list[str], index: int) -> bool:
    """Weekdays named by number: Portuguese "quinta-feira" (Thursday, "fifth"), Greek
    "Πέμπτη", which a writer capitalises where "η πέμπτη συνάντηση" (the fifth meeting)
    is lower case."""
    weekdays = calendar_words().weekdays
    word = tokens[index]
    if index + 1 < len(tokens) and f"{word} {tokens[index + 1]}" in weekdays:
        return True
    return word in weekdays and any(
        written[0].isupper() and folded(written) == word for written in WORD.findall(text))


def _digit_ordinals(keyed: str, tables: OrdinalWords) -> set[int]:
    found: set[int] = set()
    for match in tables.digits.finditer(keyed):
        number = int(match["number"] or match["prefixed"])
        if LOWEST <= number <= HIGHEST and not _before_month(keyed[match.end():]):
            found.add(number)
    return found


def _dotted_ordinals(text: str) -> set[int]:
    """"6. toplantı": before a lower-case word that is no month."""
    return {int(m[1]) for m in _DOTTED.finditer(ascii_digits(text))
            if LOWEST <= int(m[1]) <= HIGHEST and m[2][0].islower()
            and not _before_month(m[2])}


def _before_month(rest: str) -> bool:
    """Whether the next word is a month: "7. Oktober", "7-го октября" are dates."""
    words = WORD.findall(key(rest[:40]))
    return bool(words) and words[0] in calendar_words().month_starts


_INDIC = re.compile(r"[\u0900-\u0DFF]")
_PLAIN_WORD = re.compile(r"\w+")
_AFFIXED = re.compile(r"\d[.\-]?[^\W\d_]|第")
_UNSPACED = re.compile(f"[{UNSPACED_FROM}-\U0010ffff]")
_DIGIT_STOP = re.compile(r"\d\.[ \t]")
_DOTTED = re.compile(r"(?<![\d.,])(\d{1,2})\.[ \t]+([^\W\d_]+)")


@functools.cache
def ordinal_words() -> OrdinalWords:
    data = load(ORDINAL_FILE)
    words: dict[str, int] = dict(data["words"])
    suffixes = sorted({*data["suffixes"], *URDU_SUFFIXES}, key=len, reverse=True)
    prefixes = sorted(data["prefixes"], key=len, reverse=True)
    pattern = (
        r"(?<![\d.,])(?:(?P<number>\d{1,2})[.\-]?(?:"
        + "|".join(map(re.escape, suffixes)) + r")(?![^\W\d_])"
        + r"|(?:" + "|".join(map(re.escape, prefixes)) + r")\s?(?P<prefixed>\d{1,2})(?!\d))")
    multi = [w for w in words if " " in w]
    unspaced = sorted((w for w in words if is_unspaced(w)), key=len, reverse=True)
    return OrdinalWords(words=words, longest=max((len(w.split()) for w in multi), default=1),
                        starts=frozenset(w.split()[0] for w in multi),
                        firsts=frozenset(w.split()[0] for w in words),
                        digits=re.compile(pattern),
                        unspaced=re.compile("|".join(map(re.escape, unspaced)) or "(?!)"))


# ---------------------------------------------------------------------------
# Extraction from CLDR (``python -m tracker.analysis.cldr_export``)
# ---------------------------------------------------------------------------

def cldr_tables() -> dict[str, Any]:
    """Spelled ordinals :data:`LOWEST`..:data:`HIGHEST` and the digit affixes of the
    feed languages, keyed as :func:`ordinals_in` splits text."""
    import unicode_rbnf  # only to extract: the stored tables are what the reader uses

    words: dict[str, set[int]] = defaultdict(set)
    for language in sorted(FEED_LANGUAGES):
        for text, number in _spelled(language):
            for spelling in _spellings(text):
                words[" ".join(WORD.findall(folded(spelling)))].add(number)
    suffixes: set[str] = set()
    prefixes: set[str] = set()
    folder = Path(unicode_rbnf.__file__).parent / "rbnf"
    for language in sorted(FEED_LANGUAGES):
        path = folder / f"{language}.xml"
        if path.exists():
            found = _affixes(path.read_text(encoding="utf-8"))
            prefixes |= found[0]
            suffixes |= found[1]
    return {
        # A word two numbers share is no evidence of either.
        "words": {w: min(n) for w, n in sorted(words.items())
                  if len(n) == 1 and w and not (w.isascii() and len(w) <= SHORT)},
        "suffixes": sorted(s for s in suffixes if s),
        "prefixes": sorted(p for p in prefixes if p),
        "unicode_rbnf": _version(),
    }


def _version() -> str:
    from importlib.metadata import version

    return version("unicode-rbnf")


def _spelled(language: str) -> Iterable[tuple[str, int]]:
    from unicode_rbnf import RbnfEngine

    try:
        engine = RbnfEngine.for_language(language)
    except ValueError:
        return
    names = [n for n in engine.rulesets if n.startswith("spellout-ordinal")]
    for number in range(LOWEST, HIGHEST + 1):
        for name in names:
            text = _formatted(engine, number, name)
            if text:
                yield text, number
        if language == "fa":
            cardinal = _formatted(engine, number, "spellout-numbering")
            for ordinal in _persian_ordinals(cardinal or ""):
                yield ordinal, number


def _formatted(engine: Any, number: int, ruleset: str) -> str | None:
    try:
        text: str = engine.format_number(number, ruleset_names=[ruleset]).text
    except Exception:  # noqa: BLE001 - a rule set CLDR leaves partial for this number
        return None
    return text


def _persian_ordinals(cardinal: str) -> list[str]:
    """"شش" → "ششم", "ششمین"; "سه" → "سوم"; "سی" → "سی‌ام"."""
    if not cardinal:
        return []
    head, _, last = cardinal.rpartition(" ")
    stem = "سو" if last == "سه" else last + ("\u200cا" if last.endswith("ی") else "")
    prefix = f"{head} " if head else ""
    return [f"{prefix}{stem}{suffix}" for suffix in PERSIAN_SUFFIXES]


def _spellings(text: str) -> list[str]:
    """The word, and an Arabic word without its article ("السابعة" → "سابعة")."""
    forms = [text]
    if text.startswith("ال") and " " not in text:
        forms.append(text[2:])
    return forms


_RULE = re.compile(r"<rbnfrule[^>]*>([^<]*)</rbnfrule>")
_RULESET = re.compile(r'<ruleset type="([^"]+)"[^>]*>(.*?)</ruleset>', re.S)
_PLURAL = re.compile(r"\$\(ordinal,([^)]*)\)\$")
_NUMBER = re.compile(r"=(?:#,##0|0)=")


def _affixes(xml: str) -> tuple[set[str], set[str]]:
    """The literal prefixes and suffixes of the digit-ordinal rules in one CLDR file."""
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    for name, body in _RULESET.findall(xml):
        if "ord" not in name or "spellout" in name:
            continue
        for rule in _RULE.findall(body):
            rule = rule.strip().rstrip(";")
            parts = _NUMBER.split(rule)
            if len(parts) == 2:
                prefixes |= _literal(parts[0])
                suffixes |= _literal(parts[1])
            elif name.startswith(("%%", "dord")):
                suffixes |= _literal(rule)
    return prefixes, suffixes


def _literal(text: str) -> set[str]:
    """The texts an affix stands for: its plural alternatives, keyed; none when it
    refers to another rule."""
    choices = _PLURAL.findall(text)
    if choices:
        options = re.findall(r"\{([^}]*)\}", choices[0])
        base = _PLURAL.sub("{}", text)
        texts = [base.format(option) for option in options]
    else:
        texts = [text]
    if any(c in t for t in texts for c in "=%→←#$"):
        return set()
    return {folded(t).strip(".- ") for t in texts}
