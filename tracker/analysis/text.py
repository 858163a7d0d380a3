"""Text helpers shared by the judging stages: folding, sentences, tokens, shingles, and
the story terms' syntax.

Folding lowercases, drops accents and, where asked, transliterates Cyrillic to Latin.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from tracker.analysis.chartable import beyond_bmp, char_class
from tracker.analysis.textmemo import remembered

# A run of white space after a stop, or after a stop and the quote or bracket it closes
# ("…است.» Then", 'said." Then'), or a run of line ends. Each alternative begins at a
# white space character (the stop is looked behind for from there), so that re skips
# ahead to white space instead of looking behind at every character: the same matches
# as "(?:(?<=[.!?;।؟。！？])|(?<=[.!?;।؟。！？][\"'»”’)]))\s+|\n+", three times faster.
_SPACED_END = r"\s(?:(?<=[.!?;।؟۔。！？]\s)\s*|(?<=[.!?;।؟۔。！？][\"'»”’)]\s)\s*|(?<=\n)\n*)"
SENTENCE_END = re.compile(_SPACED_END)
# Chinese and Japanese put no space after their stops: an end after a stop, looked for
# only in a text that has one (a look behind at every character costs twice the split).
_UNSPACED_STOPS = "。！？"
_UNSPACED_END = re.compile(_SPACED_END + r"|(?<=[。！？])(?=[^\s”’」』）])")


def sentence_end(text: str) -> re.Pattern[str]:
    """The expression that splits ``text`` into sentences."""
    return _UNSPACED_END if any(stop in text for stop in _UNSPACED_STOPS) else SENTENCE_END
# Word characters, and the vowel signs of Indic scripts, which \w leaves out.
WORD = r"[\w\u0900-\u0DFF]"
TOKEN = re.compile(WORD + "+")

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "yi", "ye", "g", "u"],
    strict=True,
))

_TRANSLITERATION = {ord(ch): latin for ch, latin in _CYRILLIC.items()}


class _MarkTable(dict[int, "str | int | None"]):
    """A ``str.translate`` table that leaves every character as it is but combining
    marks (dropped) and ``extra``'s (mapped), filled in as characters are met."""

    def __init__(self, extra: dict[int, str]) -> None:
        super().__init__(extra)

    def __missing__(self, code: int) -> str | int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


# Combining marks are never Cyrillic letters, so dropping them and transliterating in
# one pass is the same as one after the other.
_FOLD_TRANSLITERATE = _MarkTable(_TRANSLITERATION)
_CYRILLIC_LETTER = re.compile("[" + "".join(_CYRILLIC) + "]")
_SCANNED = "\U00020000"
"""Combining marks below this are listed once (every script with marks is there);
characters from here on are asked about one by one."""


@functools.cache
def _marks() -> frozenset[str]:
    return frozenset(ch for ch in map(chr, range(ord(_SCANNED))) if unicodedata.combining(ch))


@functools.cache
def _marks_in_bmp() -> re.Pattern[str]:
    return char_class(ch for ch in _marks() if ch < "\U00010000")


def _without_marks(text: str) -> str:
    """``text`` without its combining marks. A text holds few distinct marks: removing
    each with ``str.replace`` is several times faster than translating every
    character (``str.translate`` looks each up one by one). They are found by an
    expression of the Basic Multilingual Plane's marks (see chartable), and in a text
    with characters beyond it, character by character."""
    if not beyond_bmp(text):
        return _marks_in_bmp().sub("", text)
    present = set(text)
    marks = present & _marks()
    if max(present, default="") >= _SCANNED:
        marks |= {ch for ch in present if ch >= _SCANNED and unicodedata.combining(ch)}
    for mark in marks:
        text = text.replace(mark, "")
    return text


def fold(text: str, *, transliterate: bool = True) -> str:
    """Lowercase, compatibility-normalise, strip accents, transliterate Cyrillic.

    Matching words against a lexicon wants ``transliterate=False``: once transliterated,
    Russian words can collide with English ones (другие becomes "drugie", which an
    English "drug*" would match).
    """
    text = text.lower()
    if text.isascii():
        return text  # nothing to decompose, strip or transliterate: the common case
    return _folded(text) if transliterate else _folded_plain(text)


@remembered
def _folded(text: str) -> str:
    # One decomposition for both foldings: the plain one (remembered: the copy
    # detector's lead and the contradiction reader's text are one text when the body is
    # short), transliterated when it has Cyrillic letters. Dropping the marks first
    # changes neither: no Cyrillic letter is a mark, and the table drops every mark.
    plain = _folded_plain(text)
    if _CYRILLIC_LETTER.search(plain):
        return plain.translate(_FOLD_TRANSLITERATE)
    return plain


@remembered
def _folded_plain(text: str) -> str:
    return _without_marks(unicodedata.normalize("NFKD", text))


def strip_marks(text: str) -> str:
    """Drop accents and other combining marks (й becomes и), keeping case: the folding
    :func:`fold` applies, for regular expressions matched against folded text."""
    return _without_marks(unicodedata.normalize("NFKD", text))


def sentences(text: str) -> list[str]:
    """The sentences of ``text``. A stop does not end one before a lower-case word
    ("U.S. officials") or after a day or ordinal number ("7. Oktober", "6. toplantı")."""
    return list(each_sentence(text))


def each_sentence(text: str) -> Iterator[str]:
    """:func:`sentences` one at a time: a reader that wants the first few does not
    split the rest of the text (each is given once the part after it is seen to
    start another)."""
    current = ""
    for part in _parts(text):
        part = part.strip()
        if not part:
            continue
        # Perf only: a day number's stop ends the text, four characters at most
        # (five before a final line end), and is looked for there, not at every one.
        if current and (part[0].islower()
                        or _NUMBER_STOP.search(current, max(0, len(current) - 5))):
            current = f"{current} {part}"
        else:
            if current:
                yield current
            current = part
    if current:
        yield current


def stops(text: str) -> list[str]:
    """The pieces of ``text`` between its stops (a semicolon's too, whatever follows):
    each a clause the judge weighs on its own. A day or ordinal number's stop ("am 9.
    Februar", "6. toplantı") ends none, nor does a full stop before a lower-case word,
    an abbreviation's ("50 тыс. тонн", "i.e. the"); unlike :func:`sentences`, any other
    stop before a lower-case word ends one ("…; responsibility was claimed by …")."""
    pieces: list[str] = []
    for part in _parts(text):
        part = part.strip()
        if not part:
            continue
        if pieces and (_NUMBER_STOP.search(pieces[-1], max(0, len(pieces[-1]) - 5))
                       or part[0].islower() and pieces[-1].endswith(".")):
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
    return pieces


def _parts(text: str) -> Iterator[str]:
    """``sentence_end(text).split(text)``, lazily."""
    start = 0
    for end in sentence_end(text).finditer(text):
        yield text[start:end.start()]
        start = end.end()
    yield text[start:]


_NUMBER_STOP = re.compile(r"(?:^|\s)\d{1,2}\.$")


def words(text: str) -> list[str]:
    """Folded words, punctuation dropped; hyphenated and apostrophe words split."""
    # Hyphens and apostrophes are not word characters: splitting the words they join
    # gives exactly the runs of word characters.
    return TOKEN.findall(fold(text))


def shingles(text: str, size: int = 3) -> frozenset[str]:
    """Word n-grams of the folded text, for near-duplicate detection."""
    tokens = words(text)
    if len(tokens) < size:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    # The n-grams are the tokens zipped with themselves shifted by 1 .. size - 1 places.
    shifted = [tokens[i:] for i in range(size)]
    return frozenset(map(" ".join, zip(*shifted, strict=False)))


# -- term syntax (see tracker.analysis.judge): whole words, "word*" prefixes, phrases ---------

def is_acronym(term: str) -> bool:
    letters = [ch for ch in term if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def alternation(terms: list[str], flags: int) -> re.Pattern[str]:
    # Longest first, so "islamic emirate" wins over a shorter overlapping term.
    parts = sorted({term_pattern(t) for t in terms}, key=len, reverse=True)
    # The word-start guard once in front of the group, not in front of every term: re
    # tries each alternative at each position, so a hundred guards cost ~9x the matching.
    # Equivalent: the terms that can match at one position all begin with the same
    # character, so they all fall in the same group and keep their order there.
    bounded = [p.removeprefix(WORD_START) for p in parts if p.startswith(WORD_START)]
    unbounded = [p for p in parts if not p.startswith(WORD_START)]
    groups = []
    if bounded:
        cores = [t.split()[0].rstrip("*") for t in terms
                 if term_pattern(t).startswith(WORD_START)]
        groups.append(f"{WORD_START}{_opening(cores)}(?:{'|'.join(bounded)})")
    return re.compile("|".join(groups + unbounded), flags)


WORD_START = r"(?<!\w)"


def _opening(cores: list[str]) -> str:
    """A lookahead for the characters the terms begin with: two character-set tests per
    word rule out most words before a hundred alternatives are tried one by one. It
    only restates what every alternative requires, so it changes no match."""
    look = "[" + "".join(re.escape(c) for c in sorted({c[0] for c in cores})) + "]"
    if all(len(c) >= 2 for c in cores):
        look += "[" + "".join(re.escape(c) for c in sorted({c[1] for c in cores})) + "]"
    return f"(?={look})"


def term_pattern(term: str) -> str:
    words = term.split()
    pieces = []
    for word in words:
        prefix = word.endswith("*")
        core = word.rstrip("*")
        pieces.append(re.escape(core) + (r"\w*" if prefix else ""))
    pattern = r"[\s\-]+".join(pieces)
    core_text = term.rstrip("*")
    # Word boundaries only where the term's edge is a word character: a term in a script
    # written without spaces (阿富汗) must match inside a run of text.
    if core_text[:1].isalnum() and not _is_unspaced(core_text[:1]):
        pattern = WORD_START + pattern
    if not term.endswith("*") and core_text[-1:].isalnum() and not _is_unspaced(core_text[-1:]):
        pattern += r"(?!\w)"
    return pattern


def _is_unspaced(ch: str) -> bool:
    """Characters of scripts written without spaces between words (CJK, kana, Thai)."""
    code = ord(ch)
    return (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x0E00 <= code <= 0x0E7F or 0xAC00 <= code <= 0xD7AF)


# -- caseless literals: what a case-insensitive expression can match, cheaply --------

# Letters that re.IGNORECASE takes as one but str.lower() keeps apart: the extra cases
# of CPython's re (re/_casefix.py). Left out: U+0345, a combining mark re equates with
# iota, which no name is spelt with.
_SAME_LETTERS = ("iı", "sſ", "µμ", "ιι", "ΐΐ", "ΰΰ", "βϐ", "εϵ", "θϑ", "κϰ", "πϖ", "ρϱ",
                 "σς", "φϕ", "вᲀ", "дᲁ", "оᲂ", "сᲃ", "тᲄᲅ", "ъᲆ", "ѣᲇ", "ᲈꙋ", "ṡẛ", "ﬅﬆ")
_ALIKE = {ch: letters for letters in _SAME_LETTERS for ch in letters}

OPENING = 4
"""Letters of a word that :func:`word_openings` keeps."""
_WORDS = re.compile(r"\w+")
# The first OPENING letters of each run of word characters (the rest of the run is
# consumed, not kept): what ``w[:OPENING]`` of each ``\w+`` gives, in one pass.
_OPENINGS = re.compile(rf"(\w{{1,{OPENING}}})\w*")


def lowered(text: str) -> str:
    """``text`` lowercased as re.IGNORECASE compares it: "İ" as plain "i"."""
    return (text.replace("\u0130", "I") if "\u0130" in text else text).lower()


def spellings(literal: str) -> frozenset[str]:
    """Every lowercase spelling re.IGNORECASE equates with ``literal``'s first
    OPENING letters (σ and ς, i and ı, ...)."""
    forms = [""]
    for ch in lowered(literal)[:OPENING]:
        forms = [form + alike for form in forms for alike in _ALIKE.get(ch, ch)]
    return frozenset(forms)


def opening(word: str, *, prefix: bool) -> str | None:
    """The word opening (see :func:`word_openings`) of a text word that ``word`` matches,
    or None when it has none: a ``prefix`` shorter than OPENING letters opens words of
    any length."""
    found = _WORDS.match(lowered(word))
    if found is None:
        return None
    run = found.group(0)
    # A word that stops inside the term's word ("u" of "u.s.") or with it is exactly
    # this run; a longer prefix opens every word with its first OPENING letters.
    return run[:OPENING] if len(run) >= OPENING or not prefix else None


@functools.lru_cache(maxsize=8)
def word_openings(text: str) -> tuple[str, frozenset[str]]:
    """``text`` lowered, and the first OPENING letters of each of its words.

    Kept for the last few texts: the judge asks about one text for each side in turn.
    """
    seen = lowered(text)
    return seen, frozenset(_OPENINGS.findall(seen))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` (as :func:`sentence_end` cuts it) that holds
    ``text[start:end]``."""
    begin, stop = 0, len(text)
    for found in sentence_end(text).finditer(text):
        if found.end() <= start:
            begin = found.end()
        elif found.start() >= end:
            stop = found.start()
            break
    return text[begin:stop]


def has_capitals(text: str) -> bool:
    """Whether ``text`` writes a capital letter: it has case to tell a name by."""
    return any(ch.isupper() for ch in text)
