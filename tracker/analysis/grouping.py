"""One development, one update: group articles on evidence that does not depend on language.

Pure. An article arrives as :class:`Evidence`: who acts (actor ids from the story's
config, recognised in any script), where (place ids), what happens (concept ids from
a multilingual vocabulary), how much (normalised quantities), when, and the names the
story does not know (``names``: a new ambassador or a company, as transliteration keys,
:mod:`tracker.analysis.proper_names`; they count only where both sides have one).
Words themselves never take part, so a report in Dari and one in Russian compare as well as
two in English.

Once :mod:`tracker.analysis.novelty` has found an article to be news, two questions
are asked of it:

1. **Which development?** (:func:`best_update`) The most similar update whose dates lie
   within a few days of the article's, scored by inverse-document-frequency weights so
   that what every article of the story mentions (its sides, its main places) counts
   for little and what singles one event out (an earthquake, apples, a railway, a
   named envoy) counts for much. An update is a profile of its sources' evidence
   (counts, not a union), so one odd source does not drag it, and its cost stays flat
   however many sources it gathers.
2. **How is it told?** (:mod:`tracker.analysis.summaries`) Its one-line summary is the
   most central of its sources' headlines in the story's language, else the most central
   headline with its language named. Its kind is the kind most of its sources point to; a kind is
   never a reason to keep two reports apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date

from tracker.analysis.date_tokens import DayHint
from tracker.analysis.occasions import (
    MODES,
    REMOTE,
    SIDELINES,
    elsewhere,
    numbered_once,
    numbers_and_amounts,
    others_people,
    sidelines_apart,
    told_apart,
    told_by_mode,
    without_its_people,
)
from tracker.analysis.timing import date_factor, may_be_on

JOIN_SCORE = 0.35
"""Least similarity for an article to join an update (a round value, not a fitted one)."""
PRIOR_DOCUMENTS = 5
"""Pseudo-articles in which no feature appears: rarity means little before much is seen.
The baseline's facts count as the story's first documents (see
:func:`tracker.analysis.memory.remember`), so what the whole story is about (its sides,
its dam, its recognition) weighs little from the first article on."""
DISTINCT_WHAT = 0.3
"""Least rarity weight of a shared concept for two reports to be of one development; the
concept must also be a weighty one (1 or more: not "said", "minister")."""
CORE_SHARE = 0.5
"""A feature that half an update's sources carry belongs to its core."""
SUMMARY_CANDIDATES = 24
"""Headlines an update keeps to choose its summary from: enough, and a flat cost."""

PLACE_CAP = 1.0
"""Where, however many places a report lists, weighs at most as one rare concept: the
eight countries at a regional meeting are one fact about it (who came), and a report
that lists them is not less like one that does not."""

TYPE_WEIGHTS = {"c": 1.0, "a": 1.0, "p": 0.6, "q": 1.0, "o": 1.0, "k": 1.0}
"""How much each kind of evidence says about which development it is."""
WEIGHTY = 1.0
"""Concepts weighing less ("statement", "minister") say that something was said, or by
whom, not what happened."""


@dataclass(frozen=True)
class Evidence:
    """What one article says, in terms that do not depend on its language."""

    headline: str
    language: str | None
    concepts: Mapping[str, float]
    """Concept id to weight: what happens (aid, earthquake, credentials, talks...)."""
    kinds: Mapping[str, float]
    """Kind of update to weight, from the concepts found."""
    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    quantities: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    when: date | None = None
    dated_by: str = "none"
    """``text`` (the article says when), ``published``, ``seen`` or ``none``."""
    hint: DayHint | None = None
    """What an undated article's text says of the day without saying the year."""
    since: date | None = None
    """When the text names only the month of its event ("the protocol signed in
    February"), published in it or soon after: that month's first day. The event lies
    between it and :attr:`when`, the publication day."""
    readable: bool = True
    """False when the tracker cannot read the article's language well enough to judge it."""
    recalled: frozenset[tuple[date, bool]] = frozenset()
    """Every date the headline and lede print with a year, history included, and whether
    it names a whole month: the known events a report recalls."""
    stances: frozenset[str] = frozenset()
    """The concepts that are statements of position (kind ``position``: support,
    concern, control), not events."""
    ordinals: frozenset[int] = frozenset()
    """The occurrence numbers the headline and lede print ("the 7th meeting", "the
    second aid flight")."""
    speakers: frozenset[str] = frozenset()
    """The actors a headline quotes ("Захарова: ..."): they speak of what happened."""
    commentary: bool = False
    """The headline opens with a commentator or an opinion genre ("Expert: ...",
    "Политолог: ..."): a reading of events, not a report of one."""
    filed: frozenset[str] = frozenset()
    """The places only the lede's dateline names ("اسلام آباد (…)", "MOSCOW, 3 March
    (TASS) -"): where the report was filed, which says nothing of what is new."""
    bodies: frozenset[str] = frozenset()
    """The actors among :attr:`actors` that are institutions (a foreign ministry), not
    people: a report that names only the ministry announcing an occasion names none of
    the people who took part in it, nor others."""

    def features(self) -> dict[str, float]:
        """Every piece of evidence as one weighted bag, keys prefixed by their type.
        Made once (one article's evidence is weighed four or five times), and given as
        a copy, which a caller may keep or change."""
        made: dict[str, float] | None = self.__dict__.get("_features")
        if made is None:
            made = self._features()
            object.__setattr__(self, "_features", made)  # frozen, but not its memo
        return dict(made)

    def _features(self) -> dict[str, float]:
        found = {f"c:{c}": w * TYPE_WEIGHTS["c"] for c, w in self.concepts.items()}
        for prefix, values in (("a", self.actors), ("p", self.places),
                               ("q", self.quantities), ("k", self.names),
                               ("o", {str(n) for n in self.ordinals})):
            for value in values:
                found.setdefault(f"{prefix}:{value}", TYPE_WEIGHTS[prefix])
        return found

    @property
    def kind(self) -> str:
        return kind_of(self.kinds)

    @property
    def weighty(self) -> frozenset[str]:
        """The concepts that say what happened (weighing :data:`WEIGHTY` or more)."""
        return frozenset(c for c, w in self.concepts.items() if w >= WEIGHTY)

    @property
    def dated(self) -> date | None:
        """The date the article itself stands for: its text's or its publication's."""
        return self.when if self.dated_by in ("text", "published") else None


@dataclass(frozen=True)
class Headline:
    article_id: str
    text: str
    language: str | None
    features: tuple[tuple[str, float], ...]
    seen: int = 0
    """When its source was counted, among all the story's (the order of analysis)."""


@dataclass
class UpdateProfile:
    """An update as its sources describe it: counts of their evidence."""

    update_id: str
    first: date | None
    last: date | None
    background: bool
    sources: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    weights: dict[str, float] = field(default_factory=dict)
    """Each feature's greatest weight in a source ("statement" is weak in all)."""
    told: dict[str, set[str]] = field(default_factory=dict)
    """The occurrence numbers (``"o"``) and the amounts by unit (``"tonne"``...) its
    sources give, as feature keys: what sets another report apart."""
    kinds: Counter[str] = field(default_factory=Counter)
    weekdays: set[int] = field(default_factory=set)
    """The weekdays of its dated sources' days: an undated report that names another
    day of the week is of another occasion."""
    hints: set[DayHint] = field(default_factory=set)
    """What its undated sources say of their day without a year: it is one development
    only with an update whose days fit them all (see
    :func:`tracker.analysis.merging.best_merge`)."""
    headlines: list[Headline] = field(default_factory=list)
    bodies: set[str] = field(default_factory=set)
    """The actor features of its sources that are institutions, not people."""
    _core: tuple[int, tuple[str, ...]] = field(default=(-1, ()), repr=False, compare=False)

    def add(self, article_id: str, evidence: Evidence, seen: int = 0) -> None:
        """Count one more source (the caller makes sure each article counts once);
        ``seen`` orders it among the story's sources."""
        features = evidence.features()
        self.sources += 1
        self.counts.update(features.keys())
        weights = self.weights
        for key, weight in features.items():
            if weight > weights.get(key, 0.0):
                weights[key] = weight
        for kind, keys in numbers_and_amounts(features).items():
            self.told.setdefault(kind, set()).update(keys)
        self.bodies.update(f"a:{body}" for body in evidence.bodies)
        if evidence.kinds:
            self.kinds[evidence.kind] += 1
        day = evidence.dated
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
            self.weekdays.add(day.weekday())
        elif evidence.hint is not None:
            self.hints.add(evidence.hint)
        if evidence.headline and len(self.headlines) < SUMMARY_CANDIDATES:
            self.headlines.append(Headline(article_id, evidence.headline, evidence.language,
                                           tuple(sorted(features.items())), seen))

    def absorb(self, other: UpdateProfile) -> None:
        """Count ``other``'s sources as this update's (two updates found to be one).
        Headlines keep the order they were seen in, as if counted one by one."""
        self.sources += other.sources
        self.counts.update(other.counts)
        for key, weight in other.weights.items():
            self.weights[key] = max(weight, self.weights.get(key, 0.0))
        for kind, keys in other.told.items():
            self.told.setdefault(kind, set()).update(keys)
        self.kinds.update(other.kinds)
        self.weekdays |= other.weekdays
        self.hints |= other.hints
        self.bodies |= other.bodies
        for day in (other.first, other.last):
            if day is not None:
                self.first = day if self.first is None else min(self.first, day)
                self.last = day if self.last is None else max(self.last, day)
        merged = sorted([*self.headlines, *other.headlines], key=lambda h: h.seen)
        self.headlines = merged[:SUMMARY_CANDIDATES]
        self._core = (-1, ())

    def share(self, key: str) -> float:
        return self.counts.get(key, 0) / self.sources if self.sources else 0.0

    def core(self) -> tuple[str, ...]:
        """The features at least :data:`CORE_SHARE` of its sources carry."""
        if self._core[0] != self.sources:
            least = CORE_SHARE * self.sources
            self._core = (self.sources, tuple(k for k, n in self.counts.items() if n >= least))
        return self._core[1]

    @property
    def kind(self) -> str:
        if not self.kinds:
            return "position"
        return max(sorted(self.kinds), key=lambda k: self.kinds[k])


@dataclass
class Rarity:
    """How many analysed articles carry each feature: what is common says little."""

    documents: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, features: Iterable[str]) -> None:
        self.documents += 1
        self.counts.update(set(features))

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


def similarity(features: Mapping[str, float], update: UpdateProfile, rarity: Weights,
                *, same_days: bool = False, undated: bool = False,
                bodies: AbstractSet[str] = frozenset()) -> float:
    # Sums are exact (math.fsum): evidence comes from sets, whose order changes with the
    # hash seed, and a score on a threshold must not change with it.
    what = ("q:", "c:", "a:") if same_days else ("q:", "c:")
    if not update.sources or not any(
            k.startswith(what) and (w >= 1.0 or k[0] != "c") and k in update.counts
            and rarity[k] >= DISTINCT_WHAT for k, w in features.items()) and not (
            undated and _pair_of(features, update, bodies)):
        # Sharing only who and where, or only what the whole story is about, is not one
        # development: the same envoy does many things in a month. A shared amount
        # (50 tonnes, $3 billion) says what happened as well as a shared concept; so
        # does the same person within a day or two (one interview, one visit, one
        # article reported from different angles), and, for a report that says not when,
        # the same two people: "Muttaqi met Lavrov in Moscow" says no more than "talks".
        return 0.0
    # A name (``k``) counts only where both sides have it: a name one script writes with
    # a capital and another cannot be told from a word in is no sign of two developments.
    weights = _capped({k: w * rarity[k] for k, w in features.items()
                       if k[0] != "k" or k in update.counts})
    total = math.fsum(weights.values())
    if not total:
        return 0.0
    covered = math.fsum(w * min(1.0, 2 * update.share(k)) for k, w in weights.items())
    core_weights = _capped({k: TYPE_WEIGHTS[k[0]] * rarity[k] for k in update.core()
                            if k[0] != "k" or k in features})
    core_total = math.fsum(core_weights.values())
    core_covered = math.fsum(w for k, w in core_weights.items() if k in features)
    core_score = core_covered / core_total if core_total else 0.0
    return 0.5 * (covered / total + core_score)


def _pair_of(features: Mapping[str, float], update: UpdateProfile,
             bodies: AbstractSet[str] = frozenset()) -> bool:
    """Whether the report names two or more of the people the update's sources name; an
    institution in ``bodies`` is none (a spokeswoman and her ministry are one voice)."""
    return sum(1 for k in features
               if k[0] == "a" and k in update.counts and k not in bodies) >= 2


def _capped(weights: dict[str, float]) -> dict[str, float]:
    """The weights with places scaled down to :data:`PLACE_CAP` together."""
    places = math.fsum(w for k, w in weights.items() if k[0] == "p")
    if places <= PLACE_CAP:
        return weights
    scale = PLACE_CAP / places
    return {k: w * scale if k[0] == "p" else w for k, w in weights.items()}


def best_update(evidence: Evidence, updates: Iterable[UpdateProfile], rarity: Rarity
                ) -> tuple[UpdateProfile | None, float]:
    """The update this article reports on, if any scores at least :data:`JOIN_SCORE`."""
    best, best_score = None, 0.0
    day = evidence.dated
    features = evidence.features()
    weights = Weights(rarity)
    told = numbers_and_amounts(features)
    hint = evidence.hint if day is None else None
    hints = (hint,) if hint is not None else ()
    bodies = {f"a:{body}" for body in evidence.bodies}
    for update in updates:
        factor = date_factor(day, update, hints, since=evidence.since)
        same_days = factor == 1.0 and day is not None and update.first is not None
        if not factor or (told and told_apart(told, update.told)) or (
                hint is not None and not may_be_on(hint, update)) or _apart_on_days(
                features, told, update, dated=day is not None, same_days=same_days,
                bodies=bodies | update.bodies) or (
                elsewhere(features, update.core(), update.counts)):
            continue
        score = similarity(features, update, weights, same_days=same_days,
                           undated=day is None, bodies=bodies | update.bodies) * factor
        if score > best_score:
            best, best_score = update, score
    return (best, best_score) if best_score >= JOIN_SCORE else (None, best_score)


def _apart_on_days(features: Mapping[str, float], told: Mapping[str, set[str]],
                   update: UpdateProfile, *, dated: bool, same_days: bool,
                   bodies: AbstractSet[str] = frozenset()) -> bool:
    """Whether a report is of another occasion than the update's, though alike: days
    apart, a numbered occurrence and an unnumbered one, or a call and a meeting; and an
    undated report of a call, which may be of any day, is not of a meeting's update.
    Whatever its day, a meeting on a gathering's sidelines is not the gathering, nor
    another meeting on its sidelines (:func:`~tracker.analysis.occasions.sidelines_apart`).
    Who took part is told by people, not by the institutions in ``bodies`` (a foreign
    ministry announces many occasions; a report may name it and not its minister)."""
    modes = mode(update)
    core = [k for k in update.core() if k not in bodies]
    if sidelines_apart(features, core, modes[SIDELINES]):
        return True
    people = {k: w for k, w in features.items() if k not in bodies} if bodies else features
    if not dated:
        return (REMOTE in features and modes[REMOTE] is False) or others_people(
            people, core, update.counts)
    return not same_days and (numbered_once(told, update.told)
                              or told_by_mode(features, modes[REMOTE])
                              or without_its_people(people, core))


def mode(update: UpdateProfile) -> dict[str, bool | None]:
    """For each way of meeting (:data:`MODES`: a call, a meeting on a gathering's
    sidelines), whether all of an update's sources tell it (True), none does (False),
    or some (None)."""
    return {key: _all_or_none(update.counts.get(key, 0), update.sources) for key in MODES}


def _all_or_none(count: int, sources: int) -> bool | None:
    return True if count == sources else False if not count else None


def kind_of(kinds: Mapping[str, float]) -> str:
    """The kind that weighs most; ``position`` (a statement) when nothing points anywhere."""
    if not kinds:
        return "position"
    return max(sorted(kinds), key=lambda k: kinds[k])
