"""The people and organisations a report names that the story does not know, as keys.

Pure. A new ambassador, a governor or a company is in no config; two reports of one
development often name them all the same, in whatever script. Writers of scripts with
case capitalise names: a capitalised word that does not open a sentence (or a quote, or
a clause after a colon or a dash) and that no table of the tracker knows (the story's
actors, places in every locale, the concept vocabulary, month and weekday names) is
taken for a name, and given its vowel-kept transliteration key
(:func:`tracker.analysis.names.proper_key`), so that ``Belyanin`` and ``Белянин`` meet.

What is left out, and why:

* a headline in title case ("Envoy Meets Governor In Kabul"): its capitals say nothing;
* a word the same text also writes in lower case: a common word ("Said"/"said");
* words in all capitals (acronyms): their transliteration is no pronunciation;
* a run of capitalised words that names a known actor or place as a whole ("Zamir
  Kabulov": its given name alone is no new name);
* texts in languages that capitalise every noun (German, Luxembourgish): nothing there
  tells a name from a word, so their capitalised words give only skeletons, as the
  words of caseless scripts do (below).

Scripts without case (Arabic, the Indic scripts, katakana) show no name either, but they
spell its sounds: :func:`spelt_words` gives the consonant skeleton of every word of such
a text (``ورتنیکوف``, ``ویریتینیکوف`` and ``Veretennikov`` are all ``frtnkf``). Most are
words of the language, not names, so a skeleton counts only where it meets a name some
other report writes with a capital (:mod:`tracker.analysis.grouping`): two Dari reports
that share a word share no name. Han and Hangul are left out (a Han name's reading is
not its sound; Hangul writes l and r, p and b alike). Georgian glues its case endings to
a name (``ბურმისტროვმა``, ``ბურმისტროვთან``): its words also give their skeletons
without their last one or two consonants.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator

from tracker.analysis.chartable import char_class
from tracker.analysis.names import MIN_KEY, SKELETON_PREFIX, proper_key, spelt_key

NOUN_CAPITALISING = frozenset({"de", "lb"})
"""Languages whose writers capitalise every noun: a capital there is no name."""
TITLE_CASE_SHARE = 0.6
"""A headline with at least this share of its words capitalised is in title case."""
MIN_LETTERS = 4
"""Shorter words (titles, particles) make keys too short to tell names apart anyway."""
MAX_NAMES = 4
"""At most this many names from one report: a list of many is a list, not its subject."""

ELIDED = 2
"""Letters of an elided article or preposition before an apostrophe (d', l', dell')."""

_APOSTROPHE = re.compile("[’]")
_PARTS = re.compile(r"[^\W\d_][^\W\d_A-Z]*")
"""A compound's parts: split at hyphens and at a capital inside a Latin word."""
_LETTERS = r"[^\W\d_]*(?:[-'’][^\W\d_]+)*"
_MIDDLE = re.compile(r"[\w,]\s*$")
"""What stands before a word in the middle of a clause: a word or a comma."""
_SPACE = re.compile(r"\s+")
_LONG_WORD = re.compile(r"[^\W\d_]{%d,}" % MIN_LETTERS)

MAX_SPELT = 64
"""At most this many skeletons from one report's headline and lede (a long lede)."""
_SPELLING_SCRIPTS = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x10D0, 0x10FF), (0x30A1, 0x30FA),
                     (0x30FC, 0x30FC), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
"""Arabic (with its supplements and presentation forms), Georgian, the Indic scripts from
Devanagari to Sinhala, and katakana (without its middle dot, which parts names): scripts
without case whose letters spell a foreign name's sounds."""
_GLUED_ENDINGS = (0x10D0, 0x10FF)
"""Georgian (Mkhedruli): a name's case ending is part of its word."""
ENDING_CONSONANTS = 2
"""At most this many final consonants of a Georgian word may be its case ending."""


@functools.cache
def _capital_word() -> re.Pattern[str]:
    """A word that opens with a capital letter (of any script with case, in the Basic
    Multilingual Plane): found in C, where most words of a text are not."""
    upper = char_class(ch for ch in map(chr, range(0x10000)) if ch.isupper()).pattern
    return re.compile(rf"(?<![^\W\d_]){upper}{_LETTERS}")


def _bare(word: str) -> str:
    """A word without what an apostrophe glues to it: a case ending or a possessive
    after it ("Belyanin'in", "Belyanin's"), an elided article before it ("d'Orsay")."""
    before, apostrophe, after = _APOSTROPHE.sub("'", word).partition("'")
    if not apostrophe:
        return word
    return after if len(before) <= ELIDED and after[:1].isupper() else before


def _parts(word: str) -> list[str]:
    """The parts of a compound ("Trans-Afghan", "KazanForum"): a name made of a known
    one (a place's forum, a road through it) is no new name."""
    parts = _PARTS.findall(word)
    return [p for p in parts if len(p) >= MIN_LETTERS - 1] if len(parts) > 1 else []


def _runs(text: str) -> Iterator[tuple[str, bool, bool]]:
    """The last word of each run of capitalised words of ``text`` (a family name after
    the given name, a name after a title), whether that run's word stands in the
    middle of a clause (not after a stop, a colon, a quote or a dash), and whether the
    run has more than one word ("Gennady Tolmachyov", not "Reuters")."""
    last: re.Match[str] | None = None
    middle = False
    many = False
    for found in _capital_word().finditer(text):
        start = found.start()
        joined = last is not None and _SPACE.fullmatch(text, last.end(), start) is not None
        if last is not None and not joined:
            yield last.group(), middle, many
        if not joined:
            middle = start > 0 and _MIDDLE.search(text, max(0, start - 3), start) is not None
            many = False
        else:
            many = True
            middle = True  # "Russian Ambassador Belyanin": past the run's first word
        last = found
    if last is not None:
        yield last.group(), middle, many


def _title_case(headline: str) -> bool:
    capitals = sum(1 for w in _capital_word().findall(headline) if len(w) >= MIN_LETTERS)
    return capitals >= TITLE_CASE_SHARE * max(1, len(_LONG_WORD.findall(headline)))


def proper_names(texts: list[str], known: Callable[[str], bool],
                 language: str | None) -> frozenset[str]:
    """The keys of the unknown names ``texts`` (a headline, a lede) write capitalised;
    ``known(phrase)`` tells whether a word or a run of words is known to the tracker."""
    return named_people(texts, known, language)[0]


def named_people(texts: list[str], known: Callable[[str], bool], language: str | None
                 ) -> tuple[frozenset[str], frozenset[str]]:
    """:func:`proper_names`, and those of them that end a run of capitalised words, as
    a person's family name ends their full name ("Gennady Tolmachyov", "Игорь
    Печерский"): a person's, not an agency's ("Reuters") or a capitalised noun's."""
    if language in NOUN_CAPITALISING:
        return _noun_capitalised(texts, known), frozenset()
    keys: list[str] = []
    people: set[str] = set()
    for word, many in _unknown_capitalised(texts, known, read_title_case=False):
        key = proper_key(word)
        if key and key not in keys:
            keys.append(key)
        if key and many:
            people.add(key)
    kept = frozenset(keys[:MAX_NAMES])
    return kept, frozenset(people & kept)


def _unknown_capitalised(texts: list[str], known: Callable[[str], bool], *,
                         read_title_case: bool) -> Iterator[tuple[str, bool]]:
    """The last word of each run of capitalised words in a clause's middle that no
    table knows and the texts never write in lower case, and whether its run has more
    than one word; a headline in title case gives none unless ``read_title_case``."""
    folded = ""
    for index, text in enumerate(texts):
        candidates = [(word, many) for word, middle, many in _runs(text) if middle]
        if not candidates or (not read_title_case and index == 0 and _title_case(text)):
            continue
        for word, many in candidates:
            word = _bare(word)
            if len(word) < MIN_LETTERS or known(word) or any(map(known, _parts(word))):
                continue
            folded = folded or " ".join(texts)
            if not _written_lower(word, folded):
                yield word, many


def _noun_capitalised(texts: list[str], known: Callable[[str], bool]) -> frozenset[str]:
    """In a language that capitalises every noun, a capital tells no name from a word:
    the last word of each capitalised run in a clause's middle that no table knows
    ("Pawel Merkulow", "mit dem Unternehmen Sewtopliwo", but also "Tonnen Flüssiggas")
    gives only its consonant skeleton, which, as a caseless script's word's, is a name
    only where it meets one another report writes with a capital. Every noun being
    capitalised, a headline's capitals say nothing of title case."""
    keys: set[str] = set()
    for word, _ in _unknown_capitalised(texts, known, read_title_case=True):
        key = spelt_key(word)
        if key is not None:
            keys.add(key)
            if len(keys) >= MAX_SPELT:
                break
    return frozenset(keys)


def _written_lower(word: str, text: str) -> bool:
    """Whether ``text`` also writes ``word`` in lower case: then it is a common word."""
    lower = word.lower()
    return re.search(rf"(?<![^\W\d_]){re.escape(lower)}(?![^\W\d_])", text) is not None


@functools.cache
def _spelling_word() -> re.Pattern[str]:
    """A run of letters and marks (Devanagari's vowel signs, Arabic's short vowels) of
    :data:`_SPELLING_SCRIPTS`: a word of a caseless script that spells sounds."""
    chars = (chr(c) for low, high in _SPELLING_SCRIPTS for c in range(low, high + 1)
             if unicodedata.category(chr(c))[0] in "LM")
    return re.compile(f"(?:{char_class(chars).pattern})+")


def spelt_words(texts: list[str]) -> frozenset[str]:
    """The consonant skeletons (:func:`tracker.analysis.names.spelt_key`) of the words of
    ``texts`` written in a caseless script that spells sounds: candidates for the names
    those scripts cannot mark, each a name only where it meets one written with a
    capital."""
    keys: set[str] = set()
    for text in texts:
        for word in _spelling_word().findall(text):
            key = spelt_key(word)
            if key is None:
                continue
            keys.add(key)
            if _GLUED_ENDINGS[0] <= ord(word[0]) <= _GLUED_ENDINGS[1]:
                keys.update(k for n in range(1, ENDING_CONSONANTS + 1)
                            if len(k := key[:-n]) - len(SKELETON_PREFIX) >= MIN_KEY)
            if len(keys) >= MAX_SPELT:
                return frozenset(keys)
    return frozenset(keys)
