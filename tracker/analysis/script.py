"""Script-level normalisation: the one form every matcher compares text in.

``normalise(text)`` makes spellings that readers take for the same word compare equal,
whatever keyboard, font or country wrote them:

* Unicode compatibility forms (NFKC): presentation forms of Arabic letters, full-width
  Latin and digits, ligatures, non-breaking and other spaces.
* Case folding (``str.casefold``: ß → ss, final sigma, Turkish İ).
* Latin and Greek letters lose their accents and marks (é → e, ł → l, ş → s, ı → i);
  Cyrillic keeps its letters (й, ї are letters of their own) except ё → е, which Russian
  writes either way. Combining stress marks left after composition are removed.
* Arabic script: harakat, Quranic marks and tatweel are removed; letter variants that
  Arabic, Persian/Dari, Pashto and Urdu write differently for the same sound are unified:
  yeh (ي ى ی ې ۍ ے ۓ ئ → ي), kaf (ك ک ڪ → ک), gaf (ګ → گ), heh (ه ہ ھ ە ۀ ة ۃ → ه),
  alef (أ إ آ ٱ ٲ ٳ → ا), waw with hamza (ؤ → و), noon ghunna (ں → ن).
* Decimal digits of every script (Persian, Arabic-Indic, Devanagari, Bengali, ...) become
  ASCII digits, read from ``unicodedata`` rather than a typed table; the Arabic decimal and
  thousands separators become ``.`` and ``,``.
* Apostrophes and the modifier letters that stand for one (’ ‘ ʻ ʼ ʽ ` ´ ′ ‛) become the
  ASCII apostrophe, so Uzbek ``Afg‘oniston``, ``Afgʻoniston`` and ``Afg'oniston`` meet.
* Zero-width characters: the zero-width non-joiner and the zero-width space become a space,
  because Persian puts the non-joiner exactly where writers just as often type a space (the
  plural ``ها``, the verbal prefix ``می``, compounds): a space gives the stem as a token of its
  own, which the name and place matchers need. Joiners, the BOM/word joiner, soft hyphens and
  bidirectional controls are removed: they change rendering only.
* Runs of white space become one space; leading and trailing space is dropped.

The result is for matching only: it is never shown to a reader. Language identification
runs on the original text, since the letters unified here are what tells Persian from
Arabic from Urdu.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from tracker.analysis.chartable import CharTable
from tracker.analysis.textmemo import remembered

_APOSTROPHES = "\u2019\u2018\u02bb\u02bc\u02bd\u0060\u00b4\u2032\u201b\u02b9\uff07"

# Arabic-script letters written differently in Arabic, Persian/Dari, Pashto and Urdu for
# the same sound, mapped to one form. Pashto's own consonants (ټ ډ ړ ښ ږ ځ څ ڼ) are left
# alone: they are distinct sounds, and no other language spells a name with them.
_ARABIC_LETTERS = {
    "\u0649": "\u064a",  # alef maksura
    "\u06cc": "\u064a",  # Farsi yeh
    "\u06d0": "\u064a",  # Pashto e
    "\u06cd": "\u064a",  # yeh with tail (Pashto)
    "\u06d2": "\u064a",  # Urdu yeh barree
    "\u06d3": "\u064a",  # yeh barree with hamza
    "\u0626": "\u064a",  # yeh with hamza
    "\u0643": "\u06a9",  # Arabic kaf
    "\u06aa": "\u06a9",  # swash kaf
    "\u06ab": "\u06af",  # Pashto kaf with ring (g)
    "\u06c1": "\u0647",  # heh goal (Urdu)
    "\u06be": "\u0647",  # heh doachashmee (Urdu aspiration, Arabic initial heh)
    "\u06d5": "\u0647",  # ae
    "\u06c0": "\u0647",  # heh with yeh above (Persian ezafe)
    "\u0629": "\u0647",  # teh marbuta
    "\u06c3": "\u0647",  # teh marbuta goal
    "\u0623": "\u0627",  # alef with hamza above
    "\u0625": "\u0627",  # alef with hamza below
    "\u0622": "\u0627",  # alef with madda
    "\u0671": "\u0627",  # alef wasla
    "\u0672": "\u0627",  # alef with wavy hamza above
    "\u0673": "\u0627",  # alef with wavy hamza below
    "\u0624": "\u0648",  # waw with hamza
    "\u06ba": "\u0646",  # noon ghunna (Urdu)
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u066a": "%",  # Arabic percent sign
}

_UNIFIED = str.maketrans({**{k: v for k, v in _ARABIC_LETTERS.items() if "\u0600" <= k},
                          **{c: "'" for c in _APOSTROPHES}})
_VARIANT = re.compile(f"[\u0600-\u06ff{re.escape(_APOSTROPHES)}]")


def unified_letters(text: str) -> str:
    """``text`` with only the Arabic-script letter variants and the apostrophes unified
    (see above): what a case-sensitive matcher needs to meet روسیه as روسيه and Uzbek
    ``afg‘on`` as ``afg'on``, and cheap where no such letter is (a scan, no copy)."""
    if _VARIANT.search(text) is None:
        return text
    return text.translate(_UNIFIED)


def unaccented(text: str) -> str:
    """``text`` with its accented Latin and Greek letters unaccented, one letter for one
    (ń is n, Ł is L, ά is α), case kept: offsets in it are offsets in ``text``, so a
    match found in it is cut from ``text`` as written."""
    if text.isascii():
        return text
    return text.translate(_unaccenting())


@functools.cache
def _unaccenting() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in _ACCENTED_RANGES:
        for code in range(start, end):
            char = chr(code)
            base = _latin_or_greek_base(char.lower())
            if base is not None and len(base) == 1:
                table[code] = base.upper() if char.isupper() else base
    return table


_TO_SPACE = "\u200c\u200b"
_REMOVED = (
    "\u200d\ufeff\u2060\u00ad\u200e\u200f\u061c\u0640"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Blocks whose accented letters lose their accents (Latin and Greek).
_ACCENTED_RANGES = ((0x00C0, 0x0250), (0x0370, 0x0400), (0x1E00, 0x2000), (0x2C60, 0x2C80),
                    (0xA720, 0xA800))
# The whole of the BMP and the first supplementary plane: every script with decimal
# digits or combining marks the tracker can meet lives there.
_SCAN_END = 0x20000


def _latin_or_greek_base(char: str) -> str | None:
    """The unaccented letter of an accented Latin or Greek letter, or None."""
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and not unicodedata.combining(decomposed[0]):
        return decomposed[0]
    name = unicodedata.name(char, "")
    if name == "LATIN SMALL LETTER DOTLESS I":
        return "i"
    # Letters with strokes, bars and hooks (ł, ø, đ, ħ) do not decompose; their names
    # say which letter carries the mark.
    if name.startswith("LATIN SMALL LETTER ") and " WITH " in name:
        try:
            return unicodedata.lookup(name.split(" WITH ")[0])
        except KeyError:
            return None
    return None


def _mark_is_dropped(code: int, char: str) -> bool:
    """Combining marks removed for matching: diacritics, Arabic and Hebrew points, nukta."""
    if unicodedata.category(char) != "Mn":
        return False
    if 0x0300 <= code < 0x0370:
        return True
    name = unicodedata.name(char, "")
    # Indic nukta: Hindi writers add or leave it out (ज़/ज) for the same word.
    return name.startswith(("ARABIC", "HEBREW")) or name.endswith("SIGN NUKTA")


@functools.cache
def _table() -> dict[int, str | None]:
    """The translation table applied after NFKC and case folding, built once."""
    table: dict[int, str | None] = {}
    for start, end in _ACCENTED_RANGES:
        for code in range(start, end):
            base = _latin_or_greek_base(chr(code))
            if base is not None:
                table[code] = base
    for code in range(_SCAN_END):
        char = chr(code)
        digit = unicodedata.decimal(char, None)
        if digit is not None:
            table[code] = str(digit)
        elif _mark_is_dropped(code, char):
            table[code] = None
    table.update({ord(k): v for k, v in _ARABIC_LETTERS.items()})
    table.update({ord(c): "'" for c in _APOSTROPHES})
    table.update({ord(c): " " for c in _TO_SPACE})
    table.update({ord(c): None for c in _REMOVED})
    table[ord("ё")] = "е"
    return table


@functools.cache
def _replacements() -> CharTable:
    """The table, applied by replacing the characters a text holds (see chartable)."""
    return CharTable.of(_table())


@remembered
def normalise(text: str) -> str:
    """The matching form of ``text`` (see the module docstring for every step)."""
    if text.isascii():
        return " ".join(text.lower().replace("`", "'").split())
    return " ".join(_replacements().apply(_hamza_seats(_composed(text)).casefold()).split())


def _hamza_seats(text: str) -> str:
    """A hamza on a yeh seat before a yeh is that yeh: Urdu writes a vowel run with it
    where Persian and Arabic write one yeh (شوئیگو and شویگو, Shoigu; سرگئی and سرگی,
    Sergei), and the yeh of each comes out the same once unified."""
    if "\u0626" not in text:
        return text
    return _HAMZA_SEAT.sub("", text)


def unfolded(text: str) -> str:
    """:func:`normalise` but for case: the same words, as the writer cased them."""
    if text.isascii():
        return " ".join(text.replace("`", "'").split())
    return " ".join(_replacements().apply(_hamza_seats(_composed(text))).split())


# The hamza seat (ئ) before any of the yeh letters the table unifies.
_HAMZA_SEAT = re.compile("\u0626(?=[\u064a\u06cc\u0649\u06d2\u06cd\u06d0\u06d3])")


def _composed(text: str) -> str:
    # NFKC turns the acute accent U+00B4 into a space and a combining mark: make it an
    # apostrophe first, as writers use it for one.
    return unicodedata.normalize("NFKC", text.replace("\u00b4", "'"))


@functools.lru_cache(maxsize=4096)
def letter_script(ch: str) -> str:
    """A letter's script, as the first word of its Unicode name (LATIN, BENGALI, CJK)."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def letter_scripts(texts: Iterable[str]) -> frozenset[str]:
    """The scripts the letters of ``texts`` are written in."""
    return frozenset(letter_script(ch) for text in texts for ch in text if ch.isalpha())
