"""Against what is known: does an article restate the baseline, join an update, or bring news?

Pure. :func:`compare` takes one relevant article's evidence (see
:mod:`tracker.analysis.evidence`) and what is known (the baseline's facts, the updates so
far as profiles of their sources, recent articles for copy detection) and returns a
:class:`Decision`. In order:

1. **Copy.** A headline and lede that nearly equal a recent relevant article's (word
   trigram Jaccard at least 0.6) make a copy: it inherits that article's decision, so a
   wire story counts once while every outlet stays visible.
2. **Unreviewed.** An article in a language the tracker cannot read well enough is
   recorded as ``unreviewed``, shown as such, and never announced.
3. **Baseline.** Evidence the baseline already holds restates it, whatever the language
   (see :func:`tracker.analysis.novelty.novelty`). It corroborates the facts that share
   its concepts.
4. **Update.** Otherwise it reports a development: it joins the update its evidence
   matches within a few days (:func:`tracker.analysis.grouping.best_update`) or opens a
   new one. A development dated before the story's cut-off is background: recorded,
   never announced.

Contradictions of a fact (another country called "the first" to recognise) are flagged
from the baseline's patterns, unless a negation of the pattern's language denies the
match in its clause.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker.analysis.baseline import ContradictionPattern
from tracker.analysis.contradicting import Contradiction, contradictions_in
from tracker.analysis.corroboration import corroborated_update
from tracker.analysis.grouping import (
    JOIN_SCORE,
    SUMMARY_CANDIDATES,
    Evidence,
    Rarity,
    UpdateProfile,
    best_update,
)
from tracker.analysis.novelty import BaselineEvidence, novelty
from tracker.analysis.occasions import Occasion, occasion_of
from tracker.analysis.shingled import ShingleIndex
from tracker.analysis.summaries import summary_of
from tracker.analysis.windows import DayIndex

METHOD = "evidence-v1"

COPY_JACCARD = 0.6
RECENT_LIMIT = 2000
"""Relevant articles kept for copy detection: wire copies arrive within days."""
FIRST_SOURCE_CONFIDENCE = {"concept": 0.5, "date": 0.4, "later": 0.3}
"""Confidence of an update with one source, by what made it news (see :func:`confidence`)."""
OUTLET_DOUBT = 0.6
"""Each further outlet leaves this share of the remaining doubt."""
NEAR_DOUBT = 0.5
"""Share of the first source's confidence lost when its report came as close to joining
an update already open as :data:`~tracker.analysis.grouping.JOIN_SCORE` itself: an
update that nearly is another may be one development told twice."""


@dataclass(frozen=True)
class KnownFact:
    fact_id: str
    kind: str
    date: str | None
    statement: str
    concepts: frozenset[str]


@dataclass(frozen=True)
class PriorArticle:
    """A recent relevant article, for copy detection."""

    article_id: str
    shingles: frozenset[str]
    update_id: str | None
    fact_ids: tuple[str, ...]
    occasion: Occasion = Occasion()
    """Its numbers, amounts and day: a wire template's next use tells another event."""


@dataclass
class UpdateState:
    """An update as known now: its profile and what was last recorded of it."""

    profile: UpdateProfile
    start: float
    """Its confidence with one source, from what made it news (FIRST_SOURCE_CONFIDENCE)."""
    outlets: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    recorded: tuple[str, str, float] = ("", "", 0.0)
    """The summary, kind and confidence last recorded in an event."""
    summary: tuple[str, str | None, str | None] = ("", None, None)
    """The summary chosen last, its language and the article it comes from."""


@dataclass
class Knowledge:
    """What is known when an article is compared. Grows as articles are analysed.

    It learns in place: whoever keeps it (see :mod:`tracker.poll.knowledge`) drops it
    and rebuilds it from the store when the events of what it learnt are not stored.
    """

    facts: tuple[KnownFact, ...]
    baseline: BaselineEvidence
    cutoff: date
    """Developments dated before this are background."""
    language: str = "en"
    """The story's reading language: summaries are chosen in it."""
    updates: dict[str, UpdateState] = field(default_factory=dict)
    rarity: Rarity = field(default_factory=Rarity)
    recent: OrderedDict[str, PriorArticle] = field(default_factory=OrderedDict)
    """Recent relevant articles by id, oldest first, for copy detection."""
    contradictions: tuple[ContradictionPattern, ...] = ()
    shingled: ShingleIndex = field(default_factory=ShingleIndex, repr=False)
    """The recent articles by each of their shingles: copies are found by what they
    share, not by comparing every recent article."""
    counted: int = 0
    """Sources counted into updates so far: the order profiles keep their headlines in."""
    windows: DayIndex = field(default_factory=DayIndex)
    """The updates by the days a report may be dated to join them."""
    opened: dict[str, int] = field(default_factory=dict)
    """When each update was opened, among the story's: candidates are compared in that
    order, as when every update was compared."""
    recorded: set[str] = field(default_factory=set)
    """Every update recorded in the store, merged-away ones too: a revised report that
    opened an update since absorbed by another opens it again as a revision, never as a
    second record of the same id."""

    def learn(self, article_id: str, shingles: frozenset[str], evidence: Evidence,
              decision: Decision, outlet: str = "") -> UpdateRevision | None:
        """Remember a decision; returns the update's revision when it changed."""
        prior = self._forget_recent(article_id)
        if prior is None:
            # A revised article is counted once, when it was first analysed.
            self.rarity.add(evidence.features())
        self.recent[article_id] = PriorArticle(article_id, shingles, decision.update_id,
                                               tuple(f.fact_id for f in decision.facts),
                                               occasion_of(evidence))
        self.shingled.add(article_id, shingles)
        while len(self.recent) > RECENT_LIMIT:
            self._forget_recent(next(iter(self.recent)))
        if decision.update_id is None or (prior and prior.update_id == decision.update_id):
            return None
        if decision.outcome == "copy":
            # A copy of a wire story is one more place it appeared, not one more outlet
            # that reported the development: it changes neither the profile nor the
            # confidence.
            return None
        state = self.updates.get(decision.update_id)
        if state is None:
            new = decision.new_update
            if new is None:
                return None
            state = self.open(new.update_id, new.confidence, new.background)
            state.recorded = (new.summary, new.kind, new.confidence)
        return self._count(state, article_id, evidence, outlet)

    def open(self, update_id: str, start: float, background: bool) -> UpdateState:
        """Begin an update's profile (its sources are counted by :meth:`learn`)."""
        state = UpdateState(UpdateProfile(update_id, None, None, background), start)
        self.updates[update_id] = state
        self.opened.setdefault(update_id, len(self.opened))
        self.windows.place(state.profile)
        return state

    def _forget_recent(self, article_id: str) -> PriorArticle | None:
        prior = self.recent.pop(article_id, None)
        if prior is not None:
            self.shingled.remove(article_id, prior.shingles)
        return prior

    def original_of(self, article_id: str, shingles: frozenset[str]) -> PriorArticle | None:
        """The recent article whose lead ``shingles`` nearly equal (Jaccard at least
        :data:`COPY_JACCARD`), if any; never the article itself (a revision).

        A copy shares at least that share of the shingles, so it shares one of any
        ``(1 - COPY_JACCARD)`` of them and one more: only the articles holding one of
        the rarest that many are compared, however many recent articles share the
        common ones (a wire headline repeated by hundreds)."""
        ordered = list(shingles)
        holders = self.shingled.counts(ordered)
        wanted = int((1 - COPY_JACCARD) * len(ordered)) + 1
        # Perf only: the ``wanted`` shingles with the fewest holders, ties in order, as
        # sorted(shingles, key=their holders)[:wanted] gives them, with no Python call
        # per shingle and only the counts sorted.
        cut = sorted(holders)[min(wanted, len(holders)) - 1] if holders else 0
        probe = [s for s, n in zip(ordered, holders, strict=True) if n < cut]
        probe += [s for s, n in zip(ordered, holders, strict=True) if n == cut][
            : wanted - len(probe)]
        candidates = self.shingled.holders(probe)
        candidates.discard(article_id)
        best, best_score = None, 0.0
        for other_id in candidates:
            prior = self.recent[other_id]
            shared = len(shingles & prior.shingles)
            score = shared / (len(shingles) + len(prior.shingles) - shared)
            if score > best_score:
                best, best_score = prior, score
        return best if best_score >= COPY_JACCARD else None

    def _count(self, state: UpdateState, article_id: str, evidence: Evidence,
               outlet: str) -> UpdateRevision | None:
        self.counted += 1
        state.profile.add(article_id, evidence, self.counted)
        self.windows.place(state.profile)
        if outlet:
            state.outlets.add(outlet)
        if evidence.language:
            state.languages.add(evidence.language)
        return self.revised(state, reread=worth_another_look(state.profile))

    def revised(self, state: UpdateState, *, reread: bool = True) -> UpdateRevision | None:
        """The update's revision if what it reads like changed since last recorded."""
        if reread:
            state.summary = summary_of(state.profile, self.language)
        summary, language, source = state.summary
        now = (summary, state.profile.kind, confidence(state))
        if now == state.recorded:
            return None
        state.recorded = now
        return UpdateRevision(state.profile.update_id, summary, language, source,
                              now[1], now[2], tuple(sorted(state.languages)))

    def open_updates(self, day: date | None = None, since: date | None = None
                     ) -> Iterable[UpdateProfile]:
        """The updates a report dated ``day`` may join (every one for an undated one);
        ``since``, the first day of the month its text names (``Evidence.since``)."""
        if day is None:
            return (s.profile for s in self.updates.values())
        updates = self.updates
        near = self.windows.around(day) if since is None else self.windows.near(since, day)
        return (updates[i].profile for i in sorted(near, key=self.opened.__getitem__))

    def near(self, profile: UpdateProfile) -> Iterable[UpdateProfile]:
        """The updates ``profile`` may be one development with: those within the join
        window of its days and the undated ones (every one when it is undated)."""
        if profile.first is None or profile.last is None:
            return self.open_updates()
        # In the order of ``updates``, as when every update was compared (it breaks ties).
        return (self.updates[i].profile for i in self.windows.near(profile.first, profile.last))


def worth_another_look(profile: UpdateProfile) -> bool:
    """Whether to look at an update as a whole again (choose its summary, compare it with
    the others): while it gathers its first candidate headlines, then as its sources
    double (its core and its most central headline move only as the counts do), so the
    cost per source stays flat."""
    sources = profile.sources
    return sources <= SUMMARY_CANDIDATES or sources & (sources - 1) == 0


@dataclass(frozen=True)
class UpdateRevision:
    """What an update looks like after another source joined it."""

    update_id: str
    summary: str
    summary_language: str | None
    summary_article: str | None
    kind: str
    confidence: float
    languages: tuple[str, ...]


@dataclass(frozen=True)
class FactLink:
    fact_id: str
    score: float
    evidence: str


@dataclass(frozen=True)
class NewUpdate:
    update_id: str
    kind: str
    summary: str
    event_date: str | None
    actors: tuple[str, ...]
    evidence: str
    confidence: float
    background: bool
    features: dict[str, float]


@dataclass(frozen=True)
class Decision:
    outcome: str
    """``baseline``, ``joined``, ``new``, ``copy`` or ``unreviewed``."""
    facts: tuple[FactLink, ...] = ()
    update_id: str | None = None
    new_update: NewUpdate | None = None
    copy_of: str | None = None
    contradictions: tuple[Contradiction, ...] = ()
    score: float = 0.0
    reason: str = ""


def compare(article_id: str, evidence: Evidence, shingles: frozenset[str], text: str,
            knowledge: Knowledge, *, event_date: str | None = None) -> Decision:
    """Decide what one relevant article adds to what is known."""
    contradictions = contradictions_in(text, knowledge.contradictions, knowledge.facts)
    original = knowledge.original_of(article_id, shingles)
    if original is not None and original.occasion.apart(occasion_of(evidence)):
        original = None  # the same words, another flight or meeting: no copy
    claim = evidence.headline
    if original is not None:
        links = tuple(FactLink(f, 1.0, claim) for f in original.fact_ids)
        return Decision("copy", facts=links, update_id=original.update_id,
                        copy_of=original.article_id, contradictions=contradictions,
                        score=1.0, reason=f"near-identical to article {original.article_id}")
    if not evidence.readable:
        return Decision("unreviewed", contradictions=contradictions,
                        reason=f"cannot read language {evidence.language or 'unknown'}")
    found = novelty(evidence, knowledge.baseline)
    related = _related_facts(evidence, found.related, knowledge.facts)
    if not found.is_new:
        source_of, score, nearest_fact = corroborated_update(
            evidence, knowledge.open_updates(None), knowledge.baseline, knowledge.rarity)
        if source_of is not None:
            return Decision("joined", facts=related, update_id=source_of.update_id,
                            contradictions=contradictions, score=round(score, 3),
                            reason=f"same development as {source_of.update_id} (similarity "
                                   f"{score:.2f}, a baseline fact's {nearest_fact:.2f}); "
                                   f"undated, it restates the baseline on its own")
        # How near it came to counting as an open update's source, for `--explain`.
        near = [f"nearest update {score:.2f}, a baseline fact {nearest_fact:.2f}"] if score else []
        why = "; ".join([*found.reasons, *near])
        return Decision("baseline", facts=related, contradictions=contradictions,
                        score=1.0, reason="restates the baseline" + (f" ({why})" if why else ""))
    why = "; ".join(found.reasons)
    joined, score = best_update(evidence, knowledge.open_updates(evidence.dated, evidence.since),
                                knowledge.rarity)
    if joined is not None:
        return Decision("joined", facts=related, update_id=joined.update_id,
                        contradictions=contradictions, score=round(score, 3),
                        reason=f"same development as {joined.update_id} "
                               f"(similarity {score:.2f}); new because {why}")
    kind_of_news = ("concept" if found.reasons[0].startswith("new concepts")
                    else "date" if evidence.dated_by == "text" else "later")
    first = round(FIRST_SOURCE_CONFIDENCE[kind_of_news]
                  * (1 - NEAR_DOUBT * min(1.0, score / JOIN_SCORE)), 3)
    update = NewUpdate(
        update_id=update_id_for(article_id), kind=evidence.kind,
        summary=summary_of_one(evidence, knowledge.language), event_date=event_date,
        actors=tuple(sorted(evidence.actors)), evidence=claim, confidence=first,
        background=evidence.dated is not None and evidence.dated < knowledge.cutoff,
        features=evidence.features())
    return Decision("new", facts=related, update_id=update.update_id, new_update=update,
                    contradictions=contradictions, score=first,
                    reason=f"new development: {why}"
                           + (f"; nearest update {score:.2f}" if score else ""))


def confidence(state: UpdateState) -> float:
    """How sure the tracker is that an update is a development of its own, 0 to 1.

    It starts from what made the first report news (a concept the baseline lacks says
    more than a later date on known facts), less the doubt of how near that report came
    to joining an update already open (:data:`NEAR_DOUBT`), and each further independent
    outlet that reports the same development removes part of the remaining doubt. One
    aggregator repeating itself is one outlet.
    """
    start = state.start
    outlets = max(len(state.outlets), 1)
    return round(1 - (1 - start) * OUTLET_DOUBT ** (outlets - 1), 2)


def summary_of_one(evidence: Evidence, language: str) -> str:
    profile = UpdateProfile("", None, None, False)
    profile.add("", evidence)
    return summary_of(profile, language)[0]


def update_id_for(article_id: str) -> str:
    """Update ids derive from the article that first reported them: stable on replay."""
    return "u-" + hashlib.sha256(article_id.encode()).hexdigest()[:12]


def _related_facts(evidence: Evidence, related: Iterable[str], facts: Sequence[KnownFact]
                   ) -> tuple[FactLink, ...]:
    """Links to the baseline facts that share the article's weighty concepts, best first."""
    wanted = set(related)
    if not wanted:
        return ()
    weighty = evidence.weighty
    scored = sorted(((len(weighty & f.concepts) / len(f.concepts), f.fact_id)
                     for f in facts if f.fact_id in wanted and f.concepts), reverse=True)
    return tuple(FactLink(fact_id, round(score, 3), evidence.headline)
                 for score, fact_id in scored[:5])
