"""Finding phrases (names, places) in normalised text, inflected forms included.

Shared by :mod:`names` and :mod:`places`. Text is first put through
:func:`script.normalise`; it is then cut into tokens, and each token stands for a few
*forms* (:mod:`tracker.analysis.word_forms`: itself and itself without the grammatical
affixes a name takes). Scripts written without spaces (Han, kana, Thai) cannot be
tokenised this way: phrases in them are found as substrings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from tracker.analysis.script import normalise, unfolded
from tracker.analysis.text import has_capitals, sentence_end
from tracker.analysis.word_forms import MIN_STEM, UNSPACED, forms, name_forms, tokens

_K = TypeVar("_K")
_V = TypeVar("_V")

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


class _Token(NamedTuple):
    """What one word of a text finds in a :class:`PhraseIndex`, worked out once (a named
    tuple: made for every word no memo knows, several per text, and a frozen dataclass
    costs a call per field to make)."""

    forms: tuple[str, ...]
    keys: frozenset[str]
    ids: tuple[str, ...]
    """The one-word phrases it names."""
    firsts: tuple[str, ...]
    """Its forms that open a phrase of several words."""
    by_key: tuple[_Phrase, ...]
    """The phrases of several words whose first word shares a key with it."""
    opens: bool
    """Whether a phrase may start at it (it names one, or begins one): most words do not."""


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


def without_common_words(text: str, spans: Sequence[Span],
                         proper: Callable[[str], bool]) -> list[Span]:
    """``spans`` but those of ``proper`` ids (places: names a writer capitalises) whose
    every word ``text`` writes in lower case, in a sentence that has capitals: Russian
    "поставки газа" is gas, not Gaza; "Orange" a city, "orange" a colour. A sentence
    with no capital (a headline rebuilt from a URL slug, a text in a script without
    case) says nothing either way, and keeps them."""
    # Perf only: a name the text never writes in lower case as it is normalised ("газа"
    # in "поставки газа", but not "россия" in "Россия") needs no look at its case.
    words = _prepared(text)[1]
    if not any(proper(ident) and words[start] in text for start, _, ident in spans):
        return list(spans)
    lower = _lower_words(text)
    if not lower:
        return list(spans)
    return [span for span in spans if not (proper(span[2]) and all(
        i in lower for i in range(span[0], span[1])))]


KATAKANA_RUN = re.compile("[\u30a1-\u30fa\u30fc]{3,}")
"""Katakana letters and the long-vowel mark; not the middle dot, which parts names."""

# Chinese and Japanese join the parts of a foreign person's name with a middle dot:
# 古尔·哈桑 (Gul Hassan) is no Ghor, 弗拉基米尔·普京 no Vladimir.
_NAME_DOTS = frozenset("\u00b7\u30fb\u2022\u2027")


def _in_foreign_name(text: str, position: int, length: int) -> bool:
    """Whether the run at ``position`` is a part of a name its middle dot joins."""
    return (position > 0 and text[position - 1] in _NAME_DOTS) or (
        text[position + length:position + length + 1] in _NAME_DOTS)


@functools.lru_cache(maxsize=8)
def _lower_words(text: str) -> frozenset[int]:
    """The positions, among :func:`_prepared`'s tokens, of the words written all in lower
    case in a sentence that has a capital; none when the text's words cannot be lined
    up with those tokens (folding changed how a word splits)."""
    found: set[int] = set()
    position = 0
    for sentence in sentence_end(text).split(text):
        words = tokens(unfolded(sentence))
        if has_capitals(sentence):
            found.update(position + i for i, word in enumerate(words) if word.islower())
        position += len(words)
    return frozenset(found) if position == len(_prepared(text)[1]) else frozenset()


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
    text, the longest wins (``Central Asia`` is not also ``Asia``). The ids ``proper``
    holds are names a writer capitalises, not found where the text writes them in lower
    case (:func:`without_common_words`).
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
                 keys: Keys | None = None, *,
                 normalised: bool = False, proper: Callable[[str], bool] | None = None
                 ) -> None:
        self._keys = keys
        self._proper = proper
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
        if self._proper is not None and spans:
            spans = without_common_words(text, spans, self._proper)
        if UNSPACED.search(normalised) and (self._unspaced or self._keys is not None):
            return spans, frozenset(self._find_unspaced(normalised)
                                    | self._katakana_names(normalised))
        return spans, frozenset()

    def _katakana_names(self, text: str) -> set[str]:
        """Names met by their keys in the katakana runs of a Japanese text: a run of
        katakana is one foreign word (バラダル is Baradar), though nothing spaces it."""
        if self._keys is None:
            return set()
        return {i for run in KATAKANA_RUN.findall(text) for i in self._token(run).ids}

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
                    if self._proper is not None and _in_foreign_name(text, position, length):
                        ids = tuple(i for i in ids if not self._proper(i))
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
        firsts = tuple(form for form in text_forms if form in self._firsts)
        by_key = tuple(p for key in keys for p in self._phrases_by_key.get(key, ()))
        return _Token(text_forms, keys, tuple(ids), firsts, by_key,
                      bool(ids or firsts or by_key))

    def _spans(self, words: Sequence[str]) -> list[Span]:
        # Perf only: the remembered lookups without a call per word; _token the rest.
        memo = self._memo
        text = [memo.get(w) or self._token(w) for w in words]
        spans: list[Span] = []
        last = len(text) - 1
        for start, token in enumerate(text):
            if not token.opens:
                continue
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
