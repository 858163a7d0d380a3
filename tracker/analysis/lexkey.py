"""Lookup keys for the word tables built from CLDR: one spelling for many.

The date and quantity readers look words up in tables built from CLDR (month names,
relative days, scale words, currency names). A word in a feed and the same word in the
table must meet whatever the writer's keyboard: case, Latin accents, Arabic-script
letter variants (Persian ی and Arabic ي, ک and ك, ة and ه, hamza seats), vowel marks,
tatweel, zero-width joiners, and digits of any script (Persian ۱۵, Arabic-Indic ١٥,
Devanagari १५). :func:`key` maps a text to that one spelling. It keeps the text's
words and their order, so spans found in the key still say which words were near.

The shared script normaliser (``script.normalise``) is another helper's; this module
does only what the date and quantity readers need and builds its table once.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from tracker.analysis.chartable import CharTable
from tracker.analysis.textmemo import remembered

# Words: runs of letters; digits are their own tokens, so "15th" and "۱۵مه" split into
# number and suffix. Indic vowel signs are no word characters to ``re``, so a Hindi
# word may split in parts: table words split the same way and are looked up as
# phrases. (Adding the signs to the class doubles the cost of splitting a text.)
TOKEN = re.compile(r"\d+|[^\W\d]+")

# Arabic-script letters written differently across Arabic, Persian, Urdu and Pashto.
_ARABIC_VARIANTS = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ے": "ی", "ۍ": "ی", "ې": "ی",
    "ك": "ک", "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه", "ھ": "ه",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
}
# Joiners: a zero-width non-joiner separates the parts of one Persian word
# (سه‌شنبه); it becomes a space so that it meets the spelling with a space.
_SPACES = {"\u200c": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
           # The modifier-letter apostrophe is a letter to Unicode (CLDR's "пʼятниця");
           # as punctuation it splits like the typed ' and ’ do ("Ekim’de": ekim + de).
           "\u02bc": "'"}
_DROPPED = "\u200b\u200d\u200e\u200f\u2060\ufeff\u0640"  # zero-widths, marks, tatweel


@functools.cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x10000):
        char = chr(code)
        digit = unicodedata.decimal(char, None)
        if digit is not None:
            table[code] = str(digit)
        elif unicodedata.combining(char) and not 0x0900 <= code <= 0x0DFF:
            # Accents and Arabic vowel marks go; Indic vowel signs carry the word.
            table[code] = None
    for source, target in (_ARABIC_VARIANTS | _SPACES).items():
        table[ord(source)] = target
    for char in _DROPPED:
        table[ord(char)] = None
    return table


@remembered
def key(text: str) -> str:
    """``text`` case-folded, decomposed, with one spelling per letter and ASCII digits."""
    if text.isascii():
        return text.lower()  # nothing to decompose or translate: the common case, fast
    if "\n" in text:
        # Perf only: each step is one character's (case folding has no context, and a
        # line end begins a new run for NFKD), so a text keys as its lines do; the date
        # reader keyed the headline and the lede just before the readers of both ask.
        return "\n".join(map(key, text.split("\n")))
    # Perf only: the table's changes replaced one by one (see chartable).
    return _replacements().apply(unicodedata.normalize("NFKD", text.casefold()))


@functools.cache
def _replacements() -> CharTable:
    return CharTable.of(_table())


def ascii_digits(text: str) -> str:
    """``text`` with the decimal digits of every script as ASCII, nothing else changed."""
    return text.translate(_digit_table())


@functools.cache
def _digit_table() -> dict[int, str]:
    return {code: str(digit) for code, digit in
            ((code, unicodedata.decimal(chr(code), None)) for code in range(0x10000))
            if digit is not None}


def word_key(word: str) -> str:
    """The key of a table word: its :func:`key` tokens joined by one space, the way a
    phrase of text tokens is joined to be looked up ("aujourd’hui" -> "aujourd hui")."""
    return " ".join(TOKEN.findall(key(word)))

