"""Names across scripts: config variants, plus a transliteration key where variants run out.

A person or institution is listed in the story's config with the spellings its sources use
(``Кабулов``, ``Kabulov``, ``کابلوف``...). :class:`NameIndex` finds them in any text, after
:func:`script.normalise`, inflected (``Кабулова``, ``Лавровым``, ``ولافروف``, ``Putin'in``,
``Putinning``) or not. Where the config lacks a spelling, :func:`name_key` still lets
``كابولوف`` meet ``Kabulov``: the name is transliterated to Latin (anyascii) and reduced to a
consonant skeleton that writing systems agree on:

* vowels are dropped: Arabic script does not write short vowels, Latin and Cyrillic do;
* ``و`` (w) is a consonant (v) next to a vowel letter and a vowel (o, u) between two
  consonants, the way Persian and Arabic write Russian names (لاوروف, کابلوف);
* sounds that scripts render with different letters share one symbol: p/b (Arabic has no
  p: بوتين), v/f/w (لافروف), k/q (متقي), kh/x, sh/ş/s, ch/ç/c, zh/j/dzh, th/t, dh/d, gh/g;
  h alone is dropped (ه is often a vowel, Russian has none); doubled letters are one.

Keys are looser than spellings, so a key match is trusted only for keys of at least
:data:`MIN_KEY` symbols (Kabulov ``kblf``, Lavrov ``lfrf``); shorter names (Putin ``btn``,
Muttaqi ``mtk``) are found only by their config variants and those variants' inflected
forms. The consonant skeleton alone joins a word of the text written in Arabic script
(which writes no short vowels) or an Indic one (which writes no inherent vowel) to a name;
a word in a script that writes its vowels (Latin, Cyrillic, Greek) must also agree in where
its vowels fall (``kabalaf`` for Kabulov,
Кабулов, Kabulow), so that German ``Brüder`` (b-r-d-r) is not Baradar (``baradar``).

Han names do not transliterate to anything a Latin or Cyrillic spelling would give
(普京 → ``pujing``): Chinese spellings must come from the config's variants.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Container, Mapping, Sequence

from anyascii import anyascii

from tracker.analysis.matching import Keys, PhraseIndex, Span
from tracker.analysis.script import normalise

MIN_KEY = 4
MIN_PROPER_KEY = 6
_CONSONANTS = SKELETON_PREFIX = "c:"
"""Prefix of a consonant-skeleton key: what a word written without short vowels shows."""
_VOWELS_KEPT = "v:"
"""Prefix of a key that keeps where the vowels are (each run of them as one ``a``)."""
_SPELT = "s:"
"""Prefix of a word's spelling in Latin letters (``Московская`` is ``moskovskaya``)."""

_ALEF = "\u0627"
_BENGALI_BH = "\u09ad"
# English, then the Central European spellings of the same sounds: German tsch and sch,
# French tch, Polish cz and sz, Hungarian cs, sz and zs (Оверчук is Owertschuk,
# Overtchouk, Owerczuk, Overcsuk; Шойгу is Schoigu).
_DIGRAPHS = {"dzh": "j", "zh": "j", "dj": "j", "kh": "x", "sh": "s", "ch": "c", "ph": "f",
             "th": "t", "dh": "d", "gh": "g", "ck": "k", "q": "k", "p": "b", "v": "f", "h": "",
             "tsch": "c", "sch": "s", "tch": "c", "cz": "c", "cs": "c", "sz": "s", "zs": "j"}
_DIGRAPH = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)))
_CONSONANT_W = re.compile(r"(?<=[aeiou])w+|w+(?=[aeiou])|^w+")
_VOWELS = re.compile(r"[aeiouyw]+")
_NOT_LETTER = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
_ADJECTIVE = re.compile(r"(\w{3,}sk)(?:iy|iye|ii|ij|aya|aia|oye|oe|oy)")


@functools.lru_cache(maxsize=1 << 16)
def _latin(word: str) -> str:
    """A normalised word in Latin letters, sound classes merged, vowels still in."""
    # anyascii drops alef; it is the vowel letter that tells a consonant w from a vowel w.
    # Bengali has no v and writes a foreign one as bh (ভ): Оверчук is ওভারচুক.
    latin = _NOT_LETTER.sub("", anyascii(word.replace(_ALEF, "a").replace(_BENGALI_BH, "v"))
                            .lower())
    latin = _DIGRAPH.sub(lambda m: _DIGRAPHS[m.group()], latin)
    return _CONSONANT_W.sub("f", latin)


def _consonant_key(word: str) -> str:
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", _latin(word)))


def _vowel_key(word: str) -> str:
    """The skeleton with each run of vowels as one ``a`` (a final one dropped)."""
    return _DOUBLED.sub(r"\1", _VOWELS.sub("a", _latin(word))).removesuffix("a")


def name_key(token: str) -> str:
    """The consonant skeleton of a name, equal across scripts for the same name."""
    return _consonant_key(normalise(token).replace(" ", ""))


def proper_key(word: str) -> str | None:
    """The key under which a name the story does not know, written in a script with
    capitals and vowels, meets its other spellings: the vowel-kept key (``Belyanin``,
    ``Белянин``); None when too short to tell names apart. Two names agree in more than a
    word of the text does with a name (:data:`MIN_KEY`): a vowel key of
    :data:`MIN_PROPER_KEY` symbols with three consonants is enough (``balanan``)."""
    word = normalise(word)
    consonants = _consonant_key(word)
    vowels = _vowel_key(word)
    if len(consonants) < MIN_KEY - 1 or len(vowels) < MIN_PROPER_KEY:
        return None
    return _VOWELS_KEPT + vowels


@functools.lru_cache(maxsize=1 << 16)
def spelt_key(word: str) -> str | None:
    """The consonant-skeleton key of a word of a caseless script (``c:frtnkf`` for
    ``ورتنیکوف``), None when shorter than :data:`MIN_KEY`: the key under which it may
    meet a capitalised name's :func:`skeleton`."""
    consonants = _consonant_key(normalise(word))
    return _CONSONANTS + consonants if len(consonants) >= MIN_KEY else None


def skeleton(key: str) -> str:
    """The consonant-skeleton key of a :func:`proper_key` (``v:faratanakaf`` is
    ``c:frtnkf``): its vowels dropped, as a script without short vowels writes it."""
    return _CONSONANTS + _DOUBLED.sub(r"\1", key.removeprefix(_VOWELS_KEPT).replace("a", ""))


def is_abjad(word: str) -> bool:
    """Written in a script that leaves vowels out: Arabic, Hebrew and Syriac write no
    short vowels, and the Indic scripts (Devanagari to Sinhala) no inherent one, so that
    ओवरचुक reads "ovrchuk" for Overchuk."""
    return 0x0590 <= ord(word[0]) < 0x0900 or 0x0900 <= ord(word[0]) < 0x0E00


@functools.lru_cache(maxsize=1 << 16)
def _name_keys(word: str) -> frozenset[str]:
    consonants = _consonant_key(word)
    if len(consonants) < MIN_KEY:
        return frozenset()
    if is_abjad(word):
        return frozenset({_CONSONANTS + consonants})
    return frozenset({_CONSONANTS + consonants, _VOWELS_KEPT + _vowel_key(word)})


_KATAKANA = re.compile("[\u30a1-\u30fa\u30fc]+")
_KATAKANA_ALIKE = {"r": "rl", "b": "bf"}
_KATAKANA_CHOICES = 5


@functools.lru_cache(maxsize=1 << 16)
def _text_keys(word: str) -> frozenset[str]:
    if word.isascii() and len(_NOT_LETTER.sub("", word.lower())) < MIN_KEY:
        # Perf only: an ASCII word's skeleton keeps at most its letters (anyascii leaves
        # them as they are, and every later step drops or merges letters), so a number
        # or a code ("2025", "r12x4"), the new words of every text, has no key.
        return frozenset()
    consonants = _consonant_key(word)
    if len(consonants) < MIN_KEY:
        return frozenset()
    if is_abjad(word):
        return frozenset({_CONSONANTS + consonants})
    if _KATAKANA.fullmatch(word):
        return frozenset({_VOWELS_KEPT + k for k in _katakana_readings(_vowel_key(word))}
                         | {_SPELT + _spelling(word)})
    return frozenset({_VOWELS_KEPT + _vowel_key(word), _SPELT + _spelling(word)})


def _katakana_readings(key: str) -> set[str]:
    """A katakana word's vowel key as each foreign name it may spell: katakana has one
    letter for r and l (カブロフ is Kabulov, バラダル Baradar) and writes v with the b
    letters (ヴ aside). The first :data:`_KATAKANA_CHOICES` such letters are tried."""
    readings = {""}
    choices = 0
    for letter in key:
        options = _KATAKANA_ALIKE.get(letter, letter) if choices < _KATAKANA_CHOICES else letter
        choices += len(options) > 1
        readings = {r + o for r in readings for o in options}
    return readings


def _spelling(word: str) -> str:
    return _DOUBLED.sub(r"\1", _NOT_LETTER.sub("", anyascii(word).lower()))


@functools.lru_cache(maxsize=1 << 16)
def _spelled_keys(word: str) -> frozenset[str]:
    """The keys of a name's word that its spellings alone stand for: its consonants, for
    scripts without short vowels, and its spelling in Latin letters."""
    consonants = _consonant_key(word)
    if len(consonants) < MIN_KEY:
        return frozenset()
    if is_abjad(word):
        return frozenset({_CONSONANTS + consonants})
    spelling = _spelling(word)
    keys = {_CONSONANTS + consonants, _SPELT + spelling}
    # Russian regions are mostly adjectives ("Moskovskaya oblast'", "Primorskiy kray"),
    # which a text inflects: "в Московской области" is found by its stem "московск".
    adjective = _ADJECTIVE.fullmatch(spelling)
    if adjective:
        keys.add(_SPELT + adjective.group(1))
    return frozenset(keys)


def _keys(spelled: Container[str]) -> Keys:
    """Keys for an index whose ``spelled`` ids meet the words of alphabets with vowels by
    their spellings alone, in any of those alphabets (their names come from general data
    in many spellings, and a looser key of one is a common word: the vowel key of the
    Romanian "Primorie" is the Russian "премьер"'s); their consonant keys still find
    them in scripts that write no short vowels."""
    def of_name(ident: str, word: str) -> frozenset[str]:
        return _spelled_keys(word) if ident in spelled else _name_keys(word)

    return Keys(of_name=of_name, of_text=_text_keys)


class NameIndex:
    """The actors of a story, found in text by their variants and their keys."""

    def __init__(self, phrases: PhraseIndex) -> None:
        self._phrases = phrases

    @classmethod
    def build(cls, entities: Mapping[str, Sequence[str]], *, use_keys: bool = True,
              spelled: Container[str] = frozenset(),
              proper: Callable[[str], bool] | None = None) -> NameIndex:
        """An index of ``{id: [variant, ...]}`` (variants as the config writes them);
        ``spelled`` ids are found in alphabets with vowels by their spellings only;
        ``proper`` ids are not found written in lower case (see :class:`PhraseIndex`)."""
        return cls(PhraseIndex(entities, _keys(spelled) if use_keys else None,
                               proper=proper))

    def find(self, text: str, *, held: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
        """Ids of the entities named in ``text``, but within the ``held`` word spans (see
        :meth:`tracker.analysis.matching.PhraseIndex.find`)."""
        return self._phrases.find(text, held=held)

    def found(self, text: str) -> tuple[list[Span], frozenset[str]]:
        """See :meth:`tracker.analysis.matching.PhraseIndex.found`."""
        return self._phrases.found(text)
