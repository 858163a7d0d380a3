"""An undated report that restates the baseline may yet be one more source of a new update.

Pure. A report that prints no date and names nothing the baseline lacks cannot be told
news on its own (:mod:`tracker.analysis.novelty`): "Kabulov met Baradar in Kabul" restates
a meeting the baseline holds, or reports this week's one. When an update opened by dated
reports of a later event is more like it than any of the baseline's facts, it is one
more report of that event: it counts as its source, and is not announced as news of its
own. When a fact is nearly as like it, the report stays a restatement: a restatement
announced as news is the louder mistake; unless a person or a figure the facts it
restates lack is one the update's sources carry too (:func:`_shares_news`). Facts of
the story's history, long before the baseline's period (a meeting the year before),
are not weighed against an open update: a feed's undated report of "Muttaqi met Lavrov
in Moscow" tells this week's meeting, not last year's, when this week's is open.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import timedelta

from tracker.analysis.grouping import (
    TYPE_WEIGHTS,
    Evidence,
    Rarity,
    UpdateProfile,
    Weights,
    best_update,
    similarity,
)
from tracker.analysis.novelty import BaselineEvidence, FactEvidence, matching_facts
from tracker.analysis.timing import UNDATED_FACTOR

CLEAR_MARGIN = 0.1
"""How much more like the update than like any baseline fact an undated restatement must
be to count as the update's source (similarities run from 0 to 1)."""
HISTORY = timedelta(days=183)
"""A fact that ended this long before the baseline's period is history the story recalls."""


def corroborated_update(evidence: Evidence, updates: Iterable[UpdateProfile],
                        baseline: BaselineEvidence, rarity: Rarity
                        ) -> tuple[UpdateProfile | None, float, float]:
    """The update an undated restatement is a source of, its similarity to it, and the
    best similarity to a baseline fact; no update unless it is clearly more like it than
    like any fact (:data:`CLEAR_MARGIN`)."""
    if evidence.dated is not None:
        return None, 0.0, 0.0
    update, score = best_update(evidence, (u for u in updates if not u.background), rarity)
    if update is None:
        return None, score, 0.0
    weights = Weights(rarity)
    features = evidence.features()
    recent = baseline.start - HISTORY
    nearest_fact = max((similarity(features, fact, weights) for fact in fact_profiles(baseline)
                        if fact.last is None or fact.last >= recent),
                       default=0.0) * UNDATED_FACTOR
    if _shares_news(evidence, update, baseline):
        return update, score, nearest_fact
    return (update if score >= nearest_fact + CLEAR_MARGIN else None), score, nearest_fact


def _shares_news(evidence: Evidence, update: UpdateProfile, baseline: BaselineEvidence
                 ) -> bool:
    """Whether the update's sources carry what the report names that the facts it
    restates lack, a person or a figure: "Putin received the Taliban's ambassador"
    restates the ambassador's credentials of July only in what it shares with them; the
    Kremlin ceremony an open update reports is where Putin comes from."""
    related = matching_facts(evidence.weighty, baseline)
    # Whom the headline quotes ("Лавров: ...") speaks of what happened, as novelty
    # weighs them: that they are in the news this week is no sign it is this week's news.
    actors = {f"a:{a}" for a in evidence.actors - evidence.speakers} - {
        f"a:{a}" for f in related for a in f.actors}
    figures = {f"q:{q}" for q in evidence.quantities} - {
        f"q:{q}" for f in related for q in f.quantities}
    return any(key in update.counts for key in actors | figures)


@functools.lru_cache(maxsize=4)
def fact_profiles(baseline: BaselineEvidence) -> tuple[UpdateProfile, ...]:
    """Each baseline fact as a one-source profile, compared as an update is."""
    return tuple(_profile(fact) for fact in baseline.facts)


def _profile(fact: FactEvidence) -> UpdateProfile:
    features = {*(f"c:{c}" for c in fact.concepts), *(f"a:{a}" for a in fact.actors),
                *(f"p:{p}" for p in fact.places), *(f"q:{q}" for q in fact.quantities),
                *(f"o:{n}" for n in fact.ordinals)}
    profile = UpdateProfile(fact.fact_id, fact.start, fact.end, background=True, sources=1)
    profile.counts.update(features)
    profile.weights.update({key: TYPE_WEIGHTS[key[0]] for key in features})
    return profile
