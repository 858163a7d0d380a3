"""Finding phrases (names, places) in normalised text, inflected forms included.

Shared by :mod:`names` and :mod:`places`. Text is first put through
:func:`script.normalise`; it is then cut into tokens, and each token stands for a few
*forms*: itself, itself without the grammatical affixes a name takes in the languages the
tracker reads, and, for Turkish, the part before the apostrophe (``putin'in`` → ``putin``).
A phrase is indexed under its last word and that word without a final vowel, so a Russian
``Москва`` (stem ``москв``) is found in ``в Москве`` (stem ``москв``) and ``Кабул`` in
``из Кабула``.

Affixes are general grammar, one short list per script, never words of a story:

* Latin: Turkish/Uzbek/Polish/German case endings (``-ning``, ``-ga``, ``-dan``, ``-em``,
  ``-owi``, ``-s``...), and Hungarian ones from long words (``Németországba``,
  ``Oroszországból``).
* Cyrillic: Russian and Ukrainian case endings, Kazakh and Tajik postfixed cases.
* Arabic script: the Arabic proclitics و ف ب ل ک and the article ال before the word, and
  Persian/Dari suffixes (ی plural ها/های, ای, را) after it.

A stripped form of a text word keeps at least ``MIN_STEM - 1`` letters; an indexed name of
one word is stemmed only when :data:`MIN_STEM` letters remain, so short names never lose
their ending into another word (Мали, Mali, is not found in мала). Scripts written without
spaces (Han, kana, Thai) cannot be tokenised this way: phrases in them are found as
substrings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from tracker.analysis.script import normalise

MIN_STEM = 4
_K = TypeVar("_K")
_V = TypeVar("_V")
# Word characters, and the vowel signs of Indic scripts, which \w leaves out; an apostrophe
# inside a word (Uzbek o', Turkish suffixes) keeps it one token.
_WORD = r"[\w\u0900-\u0DFF]"
TOKEN = re.compile(rf"{_WORD}+(?:'{_WORD}+)*")
# Han, kana, Hangul syllables are matched as substrings (Hangul is spaced, but Korean
# attaches its particles to the name).
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")

_LATIN_SUFFIXES = frozenset("""
s a u e i y em om ie owi ym iem ning ni ga da dan de den ta te tan ten in un nin nun
la le ya ye yi yu ego iego
""".split())
# Hungarian case endings (into, from, to, with), stripped only from a long word: a short
# stem is another name's ("talibã" less "ba" is "tali", Italy in one locale). "-ban",
# "-ben" (in) are left out: "Taliban" less "ban" is that stem again.
_HUNGARIAN_SUFFIXES = frozenset("ba be bol rol tol hoz hez nak nek nal nel val vel".split())
_HUNGARIAN_STEM = 5
_CYRILLIC_SUFFIXES = frozenset("""
а у е ы и я ю ом ым им ем ой ей ою ею ах ях ам ям ами ями ого его ому ему ові еві
ых их ые ие ая яя ое ую юю ыми ими ый ий ов ев
тың дың ның тің дің нің ға ге қа ке да де та те нан нен дан ден тан тен ды ді ны ні ты ті
мен бен пен ро ҳо і ї
""".split())
_ARABIC_SUFFIXES = frozenset("ي ها هاي اي را".split())
# Proclitics after normalise (ك → ک), longest first so that وال is tried before و.
_ARABIC_PREFIXES = ("وال", "فال", "بال", "کال", "لل", "ال", "وب", "ول", "فب", "فل", "و", "ف", "ب",
                    "ل", "ک")
_LONGEST_SUFFIX = 4
# A name's own form loses only a final vowel, the part an inflection replaces (Москва →
# москв, matched by Москве, Москву); stripping more from the indexed side would let
# unrelated words meet on a shared stem.
# In Latin script only -a, the ending Polish, Czech and the Baltic languages replace
# (Moskwa → w Moskwie); other vowels would let "banque" meet "Banqui".
_FINAL_VOWELS = frozenset("aаеиоуыэюяіїєә")
# Russian and Ukrainian adjective endings, which the first words of a place inflect
# (Соединённые Штаты → в Соединённых Штатах).
_ADJECTIVE_ENDINGS = frozenset("ая ое ые ий ый ой ие ая ій ої".split())


def word_script(token: str) -> str:
    """The script of a word, by its first letter: ``latin``, ``cyrillic``, ``arabic``
    (Arabic, Persian, Pashto, Urdu) or ``other``; whose endings a word may drop."""
    first = ord(token[0])
    if 0x0400 <= first < 0x0530:
        return "cyrillic"
    if 0x0600 <= first < 0x0780 or 0x08A0 <= first < 0x0900:
        return "arabic"
    if first < 0x0250 or 0x1E00 <= first < 0x1F00:
        return "latin"
    return "other"


def _without_suffix(word: str, suffixes: frozenset[str],
                    min_stem: int = MIN_STEM - 1) -> list[str]:
    stems = []
    for length in range(1, _LONGEST_SUFFIX + 1):
        if len(word) - length < min_stem:
            break
        if word[-length:] in suffixes:
            stems.append(word[:-length])
    return stems


def _without_prefix(word: str) -> list[str]:
    return [word[len(p):] for p in _ARABIC_PREFIXES
            if word.startswith(p) and len(word) - len(p) >= MIN_STEM - 1]


@functools.lru_cache(maxsize=1 << 13)
def forms(token: str) -> tuple[str, ...]:
    """The forms a normalised token is looked up under: itself first, then its stems."""
    word = token.replace("'", "")
    found = [word]
    if "'" in token:
        head, _, tail = token.partition("'")
        if len(head) >= MIN_STEM - 1:
            found.append(head)  # Turkish: the name before its suffix
        tail = tail.replace("'", "")
        if len(tail) >= MIN_STEM:
            found.append(tail)  # French, Italian: the name after an elided article
    script = word_script(word)
    if script == "latin":
        found += _without_suffix(word, _LATIN_SUFFIXES)
        found += _without_suffix(word, _HUNGARIAN_SUFFIXES, _HUNGARIAN_STEM)
    elif script == "cyrillic":
        found += _without_suffix(word, _CYRILLIC_SUFFIXES)
    elif script == "arabic":
        bare = _without_prefix(word)
        found += bare
        for stem in [word, *bare]:
            # Arabic script writes no short vowels: a four-letter stem is a common word
            # as often as a name (Pashto پلاوی, delegation, would become Palau).
            found += _without_suffix(stem, _ARABIC_SUFFIXES, MIN_STEM + 1)
    return tuple(dict.fromkeys(found))


def name_forms(token: str, min_stem: int = MIN_STEM) -> frozenset[str]:
    """The forms a word of an indexed name stands for: itself, and its stems.

    In a name of several words the others vouch for it, so a shorter stem is allowed
    (Центральная Азия → Центральной Азии).
    """
    word = token.replace("'", "")
    found = {word}
    if len(word) > min_stem and word[-1] in _FINAL_VOWELS:
        found.add(word[:-1])
    if len(word) > min_stem + 1 and word[-2:] in _ADJECTIVE_ENDINGS:
        found.add(word[:-2])
    return frozenset(found)


def tokens(normalised: str) -> list[str]:
    """The word tokens of already normalised text."""
    return TOKEN.findall(normalised)


TOKEN_MEMO = 1 << 12
"""Text words whose lookups a :class:`PhraseIndex` remembers: common words come back
in every text."""


@dataclass(frozen=True, slots=True)
class _Phrase:
    ident: str
    words: tuple[tuple[str, ...], ...]
    """The forms each word stands for (:func:`name_forms`)."""
    keys: tuple[frozenset[str], ...] | None
    """The keys of each word, or None in an index without keys."""

    def matches_at(self, start: int, text: Sequence[_Token]) -> bool:
        """Whether every word of the phrase meets the text's word from ``start`` on."""
        if start + len(self.words) > len(text):
            return False
        for offset, word_forms in enumerate(self.words):
            token = text[start + offset]
            if any(form in token.forms for form in word_forms):
                continue
            if self.keys is not None and not self.keys[offset].isdisjoint(token.keys):
                continue
            return False
        return True


@dataclass(frozen=True, slots=True)
class _Token:
    """What one word of a text finds in a :class:`PhraseIndex`, worked out once."""

    forms: tuple[str, ...]
    keys: frozenset[str]
    ids: tuple[str, ...]
    """The one-word phrases it names."""
    firsts: tuple[str, ...]
    """Its forms that open a phrase of several words."""
    by_key: tuple[_Phrase, ...]
    """The phrases of several words whose first word shares a key with it."""


@dataclass(frozen=True, slots=True)
class Keys:
    """Looser keys than spellings, under which a name's word and a text's word also meet.

    ``of_name`` gives the keys a word of an indexed name is found under (given the name's
    id), ``of_text`` the keys a word of the text is looked up by (either may be empty: too
    short to trust). They differ so that a key can be trusted for some pairs of scripts,
    and some names, and not others.
    """

    of_name: Callable[[str, str], frozenset[str]]
    of_text: Callable[[str], frozenset[str]]


Span = tuple[int, int, str]
"""Where a phrase stands among a text's words (first, past the last) and its id."""


def _longest(spans: list[Span]) -> list[Span]:
    """The spans not strictly inside a longer matched span."""
    # Only a span of two words or more can hold another.
    longer = [(s, e) for s, e, _ in spans if e - s > 1]
    if not longer:
        return spans
    return [(start, end, ident) for start, end, ident in spans
            if not any(s <= start and end <= e and e - s > end - start for s, e in longer)]


def _outside(spans: list[Span], held: Sequence[tuple[int, int]]) -> list[Span]:
    """The spans that do not lie within one of the ``held`` word spans."""
    return [span for span in spans
            if not any(s <= span[0] and span[1] <= e for s, e in held)]


@dataclass
class _Tables:
    """A :class:`PhraseIndex`'s lookup tables while it is being built.

    Tuples from the start, grown one entry at a time: sets that lived until the end of
    the build were garbage the size of the index, left scattered among what stays."""

    # One-word phrases (most of them) are only their ids, under each form and key.
    single: dict[str, tuple[str, ...]] = field(default_factory=dict)
    single_key: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Phrases of several words are looked up by their first two words: a first word
    # alone ("the", "république", "южная") would bring hundreds of candidates.
    by_pair: dict[tuple[str, str], tuple[_Phrase, ...]] = field(default_factory=dict)
    by_key: dict[str, tuple[_Phrase, ...]] = field(default_factory=dict)
    unspaced: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # One object for each equal string and tuple: tens of thousands of names share a
    # few hundred ids and many words.
    same: dict[object, object] = field(default_factory=dict)

    def one(self, value: _V) -> _V:
        return self.same.setdefault(value, value)  # type: ignore[return-value]

    def add(self, table: dict[_K, tuple[_V, ...]], key: _K, value: _V) -> None:
        known = table.get(key)
        if known is None:
            table[key] = self.one((value,))
        elif value not in known:
            table[key] = known + (value,)

    def sort_ids(self, table: dict[_K, tuple[str, ...]]) -> dict[_K, tuple[str, ...]]:
        """Ids in one order, so that equal sets of ids are one tuple."""
        for key, ids in table.items():
            if len(ids) > 1:
                table[key] = self.one(tuple(sorted(ids)))
        return table


@functools.lru_cache(maxsize=8)
def _prepared(text: str) -> tuple[str, tuple[str, ...]]:
    """A text normalised and cut into tokens; kept for the last few texts, as every
    index (names, CLDR places, a story's places) looks at the same ones in turn."""
    normalised = normalise(text)
    return normalised, tuple(tokens(normalised))


class PhraseIndex:
    """Phrases (token sequences) of many ids, found in text by exact forms or by keys.

    With ``keys`` (optional), two words also match when they share a key. ``normalised``
    says the phrases are already in :func:`normalise` form. Where phrases overlap in the
    text, the longest wins (``Central Asia`` is not also ``Asia``).
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
                 keys: Keys | None = None, *,
                 normalised: bool = False) -> None:
        self._keys = keys
        tables = _Tables()
        for ident, variants in (phrases.items() if isinstance(phrases, Mapping) else phrases):
            ident = tables.one(ident)
            for variant in variants:
                self._add(tables, ident, variant if normalised else normalise(variant))
        self._ids_by_form = tables.sort_ids(tables.single)
        self._ids_by_key = tables.sort_ids(tables.single_key)
        self._phrases_by_pair = tables.by_pair
        self._phrases_by_key = tables.by_key
        self._firsts = frozenset(first for first, _ in tables.by_pair)
        self._unspaced = tables.sort_ids(tables.unspaced)
        lengths: dict[str, set[int]] = {}
        for variant in self._unspaced:
            lengths.setdefault(variant[0], set()).add(len(variant))
        self._unspaced_lengths = {c: sorted(n, reverse=True) for c, n in lengths.items()}
        # Where a phrase may start: most characters of a text start none.
        self._unspaced_starts = re.compile(
            "[" + "".join(sorted(re.escape(c) for c in lengths)) + "]") if lengths else None
        self._memo: dict[str, _Token] = {}

    def _add(self, tables: _Tables, ident: str, variant: str) -> None:
        if UNSPACED.search(variant):
            tables.add(tables.unspaced, variant, ident)
            return
        words = tokens(variant)
        if not words:
            return
        keys = self._keys_of(ident, words)
        if len(words) == 1:
            for form in name_forms(words[0]):
                tables.add(tables.single, form, ident)
            for key in keys[0] if keys else ():
                tables.add(tables.single_key, key, ident)
            return
        phrase = _Phrase(ident, tuple(
            tables.one(tuple(sorted(tables.one(f) for f in name_forms(w, MIN_STEM - 1))))
            for w in words), keys)
        for first in phrase.words[0]:
            for second in phrase.words[1]:
                tables.add(tables.by_pair, (first, second), phrase)
        for key in keys[0] if keys else ():
            tables.add(tables.by_key, key, phrase)

    def _keys_of(self, ident: str, words: Sequence[str]) -> tuple[frozenset[str], ...] | None:
        if self._keys is None:
            return None
        of_name = self._keys.of_name
        return tuple(of_name(ident, w.replace("'", "")) for w in words)

    def _text_keys(self, text_forms: tuple[str, ...]) -> frozenset[str]:
        if self._keys is None:
            return frozenset()
        of_text = self._keys.of_text
        return frozenset(k for form in text_forms for k in of_text(form))

    def find(self, text: str, *, held: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
        """Ids of the phrases found in ``text`` (raw text: it is normalised here), but
        those within the ``held`` word spans (see :meth:`found`): words another index
        found to be part of a longer name ("Khan" in "Amir Khan Muttaqi")."""
        spans, unspaced = self.found(text)
        if held:
            spans = _outside(spans, held)
        return unspaced.union(ident for _, _, ident in spans)

    def found(self, text: str) -> tuple[list[Span], frozenset[str]]:
        """The phrases of ``text``: where each stands among its words, and the ids of
        those found in scripts without spaces (which have no words to stand among)."""
        normalised, words = _prepared(text)
        spans = self._spans(words) if words else []
        if self._unspaced and UNSPACED.search(normalised):
            return spans, frozenset(self._find_unspaced(normalised))
        return spans, frozenset()

    def _find_unspaced(self, text: str) -> set[str]:
        """Phrases of scripts without spaces, as substrings, the longest at each place."""
        found: set[str] = set()
        starts = self._unspaced_starts
        if starts is None:
            return found
        position = 0
        while (start := starts.search(text, position)) is not None:
            position = start.start()
            for length in self._unspaced_lengths[text[position]]:
                ids = self._unspaced.get(text[position:position + length])
                if ids is not None:
                    found.update(ids)
                    position += length - 1
                    break
            position += 1
        return found

    def _token(self, word: str) -> _Token:
        token = self._memo.get(word)
        if token is None:
            if len(self._memo) >= TOKEN_MEMO:
                self._memo.clear()
            token = self._memo[word] = self._looked_up(word)
        return token

    def _looked_up(self, word: str) -> _Token:
        text_forms = forms(word)
        keys = self._text_keys(text_forms)
        ids = [i for form in text_forms for i in self._ids_by_form.get(form, ())]
        ids += [i for key in keys for i in self._ids_by_key.get(key, ())]
        return _Token(text_forms, keys, tuple(ids),
                      tuple(form for form in text_forms if form in self._firsts),
                      tuple(p for key in keys for p in self._phrases_by_key.get(key, ())))

    def _spans(self, words: Sequence[str]) -> list[Span]:
        # Perf only: the remembered lookups without a call per word; _token the rest.
        memo = self._memo
        text = [memo.get(w) or self._token(w) for w in words]
        spans: list[Span] = []
        last = len(text) - 1
        for start, token in enumerate(text):
            if token.ids:
                spans += [(start, start + 1, ident) for ident in token.ids]
            if token.firsts and start < last:
                following = text[start + 1].forms
                for first in token.firsts:
                    for second in following:
                        for phrase in self._phrases_by_pair.get((first, second), ()):
                            if phrase.matches_at(start, text):
                                spans.append((start, start + len(phrase.words), phrase.ident))
            for phrase in token.by_key:  # empty but for an index with keys
                if phrase.matches_at(start, text):
                    spans.append((start, start + len(phrase.words), phrase.ident))
        return _longest(spans) if len(spans) > 1 else spans
