"""Uzbek in both its scripts: a term written in one is read in the other.

Pure. Uzbek is written in Latin (the official script since 1995, most Uzbek sites) and
in Cyrillic (much of the press, and Afghan and older readers' sites); a vocabulary
typed in one script misses half the reports. :func:`both_scripts` gives each Latin Uzbek
term its Cyrillic spelling by the standard letter correspondence. Not the other way: a
Cyrillic stem in Latin letters is a stem of English or Turkish words too (``импорт*`` is
``import*``, as in "important"), while the Cyrillic one is at most a Russian word of the
same meaning (``kompaniya``, ``компания``). Acronyms (in capitals: ``BMT``) and terms of
fewer than :data:`MIN_LETTERS` letters are left as they are: short ones in Cyrillic are
other Russian words (``sel``, a mudflow, is ``сел``, sat down). :func:`to_latin` serves
tests and data checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MIN_LETTERS = 4

_APOSTROPHE = "'\u2018\u2019\u02bb\u02bc`"
_LATIN_PAIRS = (
    *((f"yo{a}", "йў") for a in _APOSTROPHE), *((f"o{a}", "ў") for a in _APOSTROPHE),
    *((f"g{a}", "ғ") for a in _APOSTROPHE),
    ("sh", "ш"), ("ch", "ч"), ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"),
    ("ts", "ц"), *((a, "ъ") for a in _APOSTROPHE),
)
_LATIN_LETTERS = dict(zip("abdefghijklmnopqrstuvxyz", "абдефгҳижклмнопқрстувхйз", strict=True))
_CYRILLIC_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "g'", "д": "d", "е": "e", "ё": "yo",
    "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "o'",
    "ф": "f", "х": "x", "ҳ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "ъ": "'", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
_LATIN_PATTERN = re.compile("|".join(re.escape(a) for a, _ in _LATIN_PAIRS) + "|.", re.S)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-z]")


def both_scripts(terms: Iterable[str]) -> tuple[str, ...]:
    """``terms`` and, for each Uzbek term in one script, its spelling in the other, once."""
    found = dict.fromkeys(terms)
    typed = [t.rstrip("*") for t in found if _CYRILLIC.search(t)]
    for term in list(found):
        letters = sum(c.isalpha() for c in term)
        if term != term.lower() or letters < MIN_LETTERS or not _LATIN.search(term):
            continue
        cyrillic = to_cyrillic(term)
        # Cyrillic forms typed by hand win: "тўлов", "тўловга" rather than "тўлов*",
        # which folds to the stem of Russian "туловище".
        if not any(t.startswith(cyrillic.rstrip("*")) for t in typed):
            found.setdefault(cyrillic)
    return tuple(found)


def to_cyrillic(latin: str) -> str:
    """A lowercase Latin Uzbek term in Cyrillic ("tan olgan" -> "тан олган"); a word's
    first e is э ("eksport" -> "экспорт")."""
    out = []
    for match in _LATIN_PATTERN.finditer(latin):
        part = match.group()
        pair = next((c for a, c in _LATIN_PAIRS if a == part), None)
        first = match.start() == 0 or not latin[match.start() - 1].isalpha()
        if part == "e" and first:
            out.append("э")
        else:
            out.append(pair or _LATIN_LETTERS.get(part, part))
    return "".join(out)


def to_latin(cyrillic: str) -> str:
    """A lowercase Cyrillic Uzbek term in Latin ("ташриф" -> "tashrif"); a word's first е
    is ye ("ер" -> "yer")."""
    out = []
    for at, letter in enumerate(cyrillic):
        first = at == 0 or not cyrillic[at - 1].isalpha()
        out.append("ye" if letter == "е" and first else _CYRILLIC_LETTERS.get(letter, letter))
    return "".join(out)
