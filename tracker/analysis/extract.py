"""Claims: what a relevant article states about the story, as comparable features.

Pure. An article's *main claim* is its headline with its lede: in news writing that is
where the development is stated. Further sentences that name one of the story's sides
are *secondary claims*, which may corroborate known facts but never open an update on
their own. Each claim becomes a bag of weighted features: concepts from the lexicon
(language-independent), left-over content stems (names, places, rare words; Cyrillic
transliterated, so Баграм and Bagram meet), and significant numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.analysis.concepts import KINDS, Lexicon
from tracker.analysis.dates import EventDate, event_date
from tracker.analysis.judge import CompiledStory
from tracker.analysis.text import content_stems, sentences

Features = Mapping[str, float]

STEM_WEIGHT = 0.6
NUMBER_WEIGHT = 1.0
MAX_SECONDARY = 8

# Words that appear in almost every item of any story of this kind: they say nothing
# about which development an item reports.
GENERIC = frozenset(content_stems(
    "government officials official country countries state first year years week month "
    "today report reports reported according news agency press service told people "
    "president prime deputy head special representative national international "
    "правительств официальн страна страны стран государств первый первой года году "
    "сообщил сообщает агентство пресс-служба заявил президент глава представитель"
))

_NUMBER = re.compile(r"\b(\d+(?:[.,]\d+)?)(?:\s*(%|percent|per cent|bn|billion|million|mln|"
                     r"tonnes?|tons?|млрд|млн|тыс|тонн\w*|процент\w*|miliardi|milioni|"
                     r"milliard\w*|million\w*))?", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    text: str
    position: int
    """0 for the headline (with the lede: the main claim), then body sentence order."""
    features: tuple[tuple[str, float], ...]
    kind: str
    actors: tuple[str, ...]

    @property
    def weights(self) -> dict[str, float]:
        return dict(self.features)


@dataclass(frozen=True)
class Analysis:
    main: Claim
    """The headline with the lede."""
    headline: Claim
    """The headline alone: a lede in a language the lexicon knows little of blurs it."""
    secondary: tuple[Claim, ...]
    event_date: EventDate | None


def analyse(story: CompiledStory, lexicon: Lexicon, title: str, body: str,
            reference: date | None, *, seen: date | None = None) -> Analysis:
    """Claims and event date of one article.

    ``reference`` is its publication date when the feed gives one, ``seen`` the day the
    tracker first saw it.
    """
    body_sentences = sentences(body)[:40]
    lede = body_sentences[0] if body_sentences else ""
    headline = title.strip() or lede
    main_text = f"{headline}\n{lede}" if title.strip() else lede
    main = claim(story, lexicon, main_text, 0, headline=headline)
    headline_claim = claim(story, lexicon, headline, 0, headline=headline)
    secondary: list[Claim] = []
    for index, sentence in enumerate(body_sentences[1:], start=2):
        if len(secondary) >= MAX_SECONDARY:
            break
        if any(side.find(sentence) for side in story.sides):
            secondary.append(claim(story, lexicon, sentence, index))
    when = event_date([headline, lede], reference, seen=seen)
    return Analysis(main=main, headline=headline_claim, secondary=tuple(secondary),
                    event_date=when)


def claim(story: CompiledStory, lexicon: Lexicon, text: str, position: int, *,
          headline: str | None = None) -> Claim:
    return Claim(
        text=text.strip(), position=position,
        features=tuple(sorted(features(story, lexicon, text).items())),
        kind=kind_of(lexicon, text, headline),
        actors=actors_of(story, lexicon, text),
    )


def features(story: CompiledStory, lexicon: Lexicon, text: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for concept in lexicon.find(text):
        # People and bodies get their own prefix: who acted is weighed apart from what.
        key = f"a:{concept.id}" if concept.actor else f"c:{concept.id}"
        found[key] = max(found.get(key, 0.0), concept.weight)
    masked = set(_stems_of_matches(story, lexicon, text))
    for word_stem in content_stems(text):
        if word_stem in masked or word_stem in GENERIC or word_stem.isdigit():
            continue
        found.setdefault(f"w:{word_stem}", STEM_WEIGHT)
    for value, unit in _NUMBER.findall(text):
        value = value.replace(",", ".")
        # An amount with its unit ("$3 billion", "20 tonnes") identifies a development
        # however small the number; a bare small number is usually a day or a count.
        if unit or _significant(value):
            found.setdefault(f"n:{value}", NUMBER_WEIGHT)
    return found


def fact_features(story: CompiledStory, lexicon: Lexicon, statement: str,
                  keywords: Sequence[str]) -> dict[str, float]:
    """A baseline fact's features: its statement and the keywords that restate it."""
    return features(story, lexicon, "\n".join([statement, *keywords]))


def kind_of(lexicon: Lexicon, text: str, headline: str | None = None) -> str:
    """The kind whose concepts weigh most; the headline counts twice."""
    totals = dict.fromkeys(KINDS, 0.0)
    for source, factor in ((text, 1.0), (headline or "", 1.0)):
        for concept in lexicon.find(source):
            if concept.kind:
                totals[concept.kind] += concept.weight * factor
    best = max(KINDS, key=lambda k: (totals[k], -KINDS.index(k)))
    return best if totals[best] > 0 else "position"


def actors_of(story: CompiledStory, lexicon: Lexicon, text: str) -> tuple[str, ...]:
    named = [side.name for side in story.sides if side.find(text)]
    named += [c.actor for c in lexicon.find(text) if c.actor]
    return tuple(dict.fromkeys(named))


def similarity(a: Features, b: Features) -> float:
    """Weighted Dice overlap of two feature bags, 0 to 1."""
    if not a or not b:
        return 0.0
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    return 2 * shared / (sum(a.values()) + sum(b.values()))


def coverage(claim_features: Features, known: Features) -> float:
    """How much of a claim a known statement accounts for, 0 to 1."""
    total = sum(claim_features.values())
    if not total:
        return 0.0
    return sum(w for k, w in claim_features.items() if k in known) / total


def _stems_of_matches(story: CompiledStory, lexicon: Lexicon, text: str) -> list[str]:
    stems: list[str] = []
    for side in story.sides:
        for hit in side.find(text):
            stems += content_stems(hit)
    for matched in lexicon.matched_text(text):
        stems += content_stems(matched)
    return stems


def _significant(number: str) -> bool:
    """Amounts and counts identify a development; days, small counts and years do not."""
    try:
        value = float(number)
    except ValueError:
        return False
    if value.is_integer() and 1900 <= value <= 2100:
        return False
    return value > 31 or not value.is_integer()
