"""How rare each piece of evidence is among the story's articles: what is common says
little. Pure; used by :mod:`tracker.analysis.grouping`."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.analysis.named import SPELT

PRIOR_DOCUMENTS = 5
"""Pseudo-articles in which no feature appears: rarity means little before much is seen.
The baseline's facts count as the story's first documents (see
:func:`tracker.analysis.memory.remember`), so what the whole story is about (its sides,
its dam, its recognition) weighs little from the first article on."""


@dataclass
class Rarity:
    """How many analysed articles carry each feature: what is common says little."""

    documents: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, features: Iterable[str]) -> None:
        self.documents += 1
        # A caseless script's words (tracker.analysis.named) weigh as the names they meet.
        self.counts.update({k for k in features if not k.startswith(SPELT)})

    def weight(self, key: str) -> float:
        total = self.documents + PRIOR_DOCUMENTS
        return math.log(total / (self.counts.get(key, 0) + 1)) / math.log(total)


class Weights(dict[str, float]):
    """Rarity weights looked up once per feature for one comparison round."""

    def __init__(self, rarity: Rarity) -> None:
        super().__init__()
        self.rarity = rarity

    def __missing__(self, key: str) -> float:
        value = self[key] = self.rarity.weight(key)
        return value
