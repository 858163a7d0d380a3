"""Against what is known: does an article restate the baseline, join an update, or bring news?

Pure. :func:`compare` takes an article's claims and what is already known (the baseline
facts, the updates recorded so far, recent relevant articles) and returns a
:class:`Decision`. The rules, in order:

1. **Copy.** An article whose headline and lede nearly equal those of a recent relevant
   article (word-trigram Jaccard of at least 0.6) is a copy of it: it inherits the
   original's decision, so a wire story counts once while every outlet stays visible.
2. **Baseline.** The main claim restates the baseline when the facts that share its
   concepts account for a good part of it (coverage at least 0.3) *and* nothing in it is
   new: no concept the baseline never mentions (an earthquake, flights), no person the
   matching facts do not involve, no amount the baseline does not give, and an event
   date that fits the matching facts' dates. It then corroborates those facts.
3. **Update.** Otherwise the article reports a development. It joins the most similar
   recorded update (weighted feature overlap of at least 0.3; halved when the dates lie
   more than 10 days apart, less for a different kind, more when the same person acted
   within 3 days) or opens a new one. A development dated before the story's cut-off
   is background: recorded, never announced.

Secondary claims (later sentences) may corroborate facts, never open updates, so one
article yields at most one new update. Contradictions of a fact (for example another
country called "the first" to recognise) are flagged from the story's patterns, unless
a negation of the pattern's language denies the match in its clause.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.analysis.baseline import ContradictionPattern, scripts_of
from tracker.analysis.extract import Analysis, Claim, coverage, similarity
from tracker.analysis.negation import negated
from tracker.analysis.text import fold

METHOD = "claims-v1"

COPY_JACCARD = 0.6
RESTATE_COVERAGE = 0.3
SECONDARY_COVERAGE = 0.6
JOIN_SIMILARITY = 0.3
JOIN_DAYS = 10
SAME_ACTOR_DAYS = 3
SAME_ACTOR_BONUS = 0.15
FACT_DATE_SLACK = timedelta(days=20)
RECENT_LIMIT = 2000
"""Relevant articles kept for copy detection: wire copies arrive within days."""


@dataclass(frozen=True)
class KnownFact:
    fact_id: str
    kind: str
    date: str | None
    statement: str
    features: Mapping[str, float]


@dataclass(frozen=True)
class KnownUpdate:
    update_id: str
    kind: str
    event_date: str | None
    summary: str
    features: Mapping[str, float]
    background: bool


@dataclass(frozen=True)
class PriorArticle:
    """A recent relevant article, for copy detection."""

    article_id: str
    shingles: frozenset[str]
    update_id: str | None
    fact_ids: tuple[str, ...]


@dataclass
class Knowledge:
    """What is known when an article is compared. Grows as updates are recorded."""

    facts: tuple[KnownFact, ...]
    cutoff: date
    """Developments dated before this are background."""
    baseline_end: date
    """The newest baseline article's date: undated facts belong to the period up to it."""
    updates: list[KnownUpdate] = field(default_factory=list)
    recent: list[PriorArticle] = field(default_factory=list)
    contradictions: tuple[ContradictionPattern, ...] = ()

    def __post_init__(self) -> None:
        self._union = _union(f.features for f in self.facts)

    @property
    def baseline_features(self) -> Mapping[str, float]:
        return self._union

    def learn(self, article_id: str, shingles: frozenset[str], decision: Decision) -> None:
        """Remember a decision, so that the next article is compared with it too."""
        if decision.new_update is not None:
            n = decision.new_update
            self.updates.append(KnownUpdate(n.update_id, n.kind, n.event_date, n.summary,
                                            n.features, n.background))
        self.recent = [p for p in self.recent if p.article_id != article_id]
        self.recent.append(PriorArticle(article_id, shingles, decision.update_id,
                                        tuple(f.fact_id for f in decision.facts)))
        if len(self.recent) > RECENT_LIMIT:
            del self.recent[: len(self.recent) - RECENT_LIMIT]


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
    features: Mapping[str, float]


@dataclass(frozen=True)
class Contradiction:
    fact_id: str
    claim: str
    fact_statement: str
    description: str


@dataclass(frozen=True)
class Decision:
    outcome: str
    """``baseline``, ``joined``, ``new`` or ``copy``."""
    facts: tuple[FactLink, ...] = ()
    update_id: str | None = None
    new_update: NewUpdate | None = None
    copy_of: str | None = None
    contradictions: tuple[Contradiction, ...] = ()
    score: float = 0.0
    reason: str = ""


def compare(
    article_id: str, analysis: Analysis, shingles: frozenset[str], text: str,
    knowledge: Knowledge, *, relevance: float = 1.0,
) -> Decision:
    """Decide what ``analysis`` (one relevant article) adds to what is known."""
    contradictions = contradictions_in(text, knowledge)
    original = _original(article_id, shingles, knowledge.recent)
    if original is not None:
        links = tuple(FactLink(f, 1.0, analysis.main.text) for f in original.fact_ids)
        return Decision("copy", facts=links, update_id=original.update_id,
                        copy_of=original.article_id, contradictions=contradictions,
                        score=1.0, reason=f"near-identical to article {original.article_id}")

    main = analysis.main
    weights = main.weights
    # A date that rests only on when the tracker saw the item is shown, but decides
    # nothing: the item may be an old story seen late.
    dated = analysis.event_date
    when = dated.value if dated and dated.source != "seen" else None
    related = _related_facts(main, knowledge.facts)
    secondary = _secondary_links(analysis.secondary, knowledge)
    novelty = _novelty(main, related, knowledge, when)
    known = _union(f.features for f in related)
    restated = max(coverage(weights, known), coverage(analysis.headline.weights, known)
                   ) if related else 0.0
    if related and restated >= RESTATE_COVERAGE and not novelty:
        scored = sorted(((coverage(weights, f.features), f.fact_id) for f in related),
                        reverse=True)
        # Every fact that accounts for a fair share of the claim, and at least the best.
        restating = [FactLink(fact_id, round(score, 3), main.text)
                     for index, (score, fact_id) in enumerate(scored)
                     if score >= 0.2 or index == 0]
        return Decision("baseline", facts=_merge(restating, secondary),
                        contradictions=contradictions,
                        score=round(restated, 3),
                        reason=f"restates the baseline (coverage {restated:.2f})")

    if novelty:
        why = "; ".join(novelty)
    elif related:
        why = f"baseline covers only {restated:.2f}"
    else:
        why = "no baseline fact shares its concepts"
    joined, similarity_score = _best_update(main, when, knowledge.updates)
    if joined is not None:
        return Decision("joined", facts=secondary, update_id=joined.update_id,
                        contradictions=contradictions, score=round(similarity_score, 3),
                        reason=f"same development as {joined.update_id} "
                               f"(similarity {similarity_score:.2f}); new because {why}")

    update = NewUpdate(
        update_id=update_id_for(article_id),
        kind=main.kind,
        summary=_one_line(analysis),
        event_date=dated.iso() if dated and dated.source != "seen" else None,
        actors=main.actors,
        evidence=main.text,
        confidence=_confidence(relevance, novelty, restated),
        background=when is not None and when < knowledge.cutoff,
        features=weights,
    )
    return Decision("new", facts=secondary, update_id=update.update_id, new_update=update,
                    contradictions=contradictions, score=update.confidence,
                    reason=f"new development: {why}")


def update_id_for(article_id: str) -> str:
    """Update ids derive from the article that first reported them: stable on replay."""
    return "u-" + hashlib.sha256(article_id.encode()).hexdigest()[:12]


def _original(article_id: str, shingles: frozenset[str], recent: Sequence[PriorArticle]
              ) -> PriorArticle | None:
    best, best_score = None, 0.0
    size = len(shingles)
    for prior in recent:
        # A revised article is compared with what was known before it, not with itself.
        if not prior.shingles or not shingles or prior.article_id == article_id:
            continue
        other = len(prior.shingles)
        # The score is at most the ratio of the sizes: skip what cannot be a copy.
        if min(size, other) < COPY_JACCARD * max(size, other):
            continue
        shared = len(shingles & prior.shingles)
        score = shared / (size + other - shared)
        if score > best_score:
            best, best_score = prior, score
    return best if best_score >= COPY_JACCARD else None


def _related_facts(main: Claim, facts: Sequence[KnownFact]) -> list[KnownFact]:
    """Facts that share at least one of the claim's weighty concepts."""
    concepts = {k for k, w in main.features if k.startswith("c:") and w >= 1.0}
    return [f for f in facts if concepts & f.features.keys()]


def _novelty(main: Claim, related: Sequence[KnownFact], knowledge: Knowledge,
             when: date | None) -> list[str]:
    """What in the main claim the baseline does not already hold, as reasons."""
    reasons = []
    weights = main.weights
    known = knowledge.baseline_features
    new_concepts = sorted(k[2:] for k, w in weights.items()
                          if k.startswith("c:") and w >= 1.0 and k not in known)
    if new_concepts:
        reasons.append(f"new concepts {', '.join(new_concepts)}")
    related_features = _union(f.features for f in related)
    actors = sorted(k[2:] for k in weights if k.startswith("a:") and k not in related_features)
    if actors and related:
        reasons.append(f"actors the matching facts lack: {', '.join(actors)}")
    numbers = sorted(k[2:] for k in weights if k.startswith("n:") and k not in known)
    if numbers:
        reasons.append(f"new figures {', '.join(numbers)}")
    if when is not None and related and not _date_fits(when, related, knowledge):
        reasons.append(f"dated {when.isoformat()}, not when the matching facts happened")
    return reasons


def _date_fits(when: date, related: Sequence[KnownFact], knowledge: Knowledge) -> bool:
    for fact in related:
        if fact.date is None:
            # Undated facts describe the situation at the baseline: news of that period.
            start, end = knowledge.cutoff, knowledge.baseline_end
            if start - FACT_DATE_SLACK <= when <= end + FACT_DATE_SLACK:
                return True
            continue
        start, end = _period(fact.date)
        if start - FACT_DATE_SLACK <= when <= end + FACT_DATE_SLACK:
            return True
    return False


def _period(value: str) -> tuple[date, date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        start = date(parts[0], parts[1], 1)
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return start, end
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _secondary_links(claims: Iterable[Claim], knowledge: Knowledge) -> tuple[FactLink, ...]:
    links = []
    for claim in claims:
        weights = claim.weights
        best = max(knowledge.facts, key=lambda f: coverage(weights, f.features), default=None)
        if best is not None:
            score = coverage(weights, best.features)
            if score >= SECONDARY_COVERAGE:
                links.append(FactLink(best.fact_id, round(score, 3), claim.text))
    return tuple(links)


def _merge(first: Iterable[FactLink], second: Iterable[FactLink]) -> tuple[FactLink, ...]:
    merged: dict[str, FactLink] = {}
    for link in [*first, *second]:
        if link.fact_id not in merged or link.score > merged[link.fact_id].score:
            merged[link.fact_id] = link
    return tuple(merged.values())


def _best_update(main: Claim, when: date | None, updates: Sequence[KnownUpdate]
                 ) -> tuple[KnownUpdate | None, float]:
    weights = main.weights
    best, best_score = None, 0.0
    for update in updates:
        score = similarity(weights, update.features)
        if update.kind != main.kind:
            score *= 0.8
        if when is not None and update.event_date:
            start, end = _period(update.event_date)
            gap = max((start - when).days, (when - end).days, 0)
            if gap > JOIN_DAYS:
                score *= 0.5
            elif gap <= SAME_ACTOR_DAYS and _shared_actor(weights, update.features):
                # The same person speaking within days: most often one occasion (an
                # interview, a visit) reported from different angles.
                score += SAME_ACTOR_BONUS
        if score > best_score:
            best, best_score = update, score
    return (best, best_score) if best_score >= JOIN_SIMILARITY else (None, best_score)


def _shared_actor(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    return any(key.startswith("a:") and key in b for key in a)


def _confidence(relevance: float, novelty: list[str], restated: float) -> float:
    value = 0.45 + 0.25 * min(relevance, 1.0) + 0.1 * min(len(novelty), 2) + 0.1 * (
        1 - min(restated, 1.0))
    return round(min(value, 0.95), 2)


def _one_line(analysis: Analysis) -> str:
    text = analysis.main.text.split("\n", 1)[0].strip()
    return text if len(text) <= 200 else text[:197].rstrip() + "..."


def contradictions_in(text: str, knowledge: Knowledge) -> tuple[Contradiction, ...]:
    """The baseline facts ``text`` disputes, by the story's contradiction patterns."""
    folded = fold(text, transliterate=False)
    found = []
    statements = {f.fact_id: f.statement for f in knowledge.facts}
    # Folding keeps most text the same length; then the clause can be quoted as written.
    shown = text if len(text) == len(folded) else folded
    scripts = scripts_of(folded)
    for rule in knowledge.contradictions:
        if not rule.may_match(scripts):
            continue
        for match in rule.pattern.finditer(folded):
            clause = _clause_around(folded, match.start())
            if rule.unless is not None and rule.unless.search(clause):
                continue
            # "has no plans to revoke its recognition" names a revocation and denies it.
            if negated(folded, match.start(), match.end(), rule.language):
                continue
            start = folded.index(clause, max(0, match.start() - len(clause)))
            found.append(Contradiction(rule.fact_id, shown[start:start + len(clause)][:300],
                                       statements.get(rule.fact_id, ""), rule.description))
            break
    return tuple(found)


_CLAUSE_END = re.compile(r"[.;!?\n]")


def _clause_around(text: str, index: int) -> str:
    """The clause (between . ; ! ? or line ends) that holds position ``index``."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, index)), default=0)
    end_match = _CLAUSE_END.search(text, index)
    return text[start:end_match.start() if end_match else len(text)].strip()


def _union(feature_sets: Iterable[Mapping[str, float]]) -> dict[str, float]:
    union: dict[str, float] = {}
    for features in feature_sets:
        for key, weight in features.items():
            union[key] = max(union.get(key, 0.0), weight)
    return union
