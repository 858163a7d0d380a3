"""Two updates that turn out to be one development become one.

Pure. An article joins the update it resembles most, or opens one; early reports of
one event may share too little to join (one names the aircraft and the ministry, the
other the earthquake and the tonnage) and open two. Once each has gathered sources,
their cores show it: :func:`best_merge` compares them, and
:func:`merge` folds the update opened later into the one opened first, which keeps its
id (the one readers may have been told of already).

The knowledge changes in place as :meth:`~tracker.analysis.compare.Knowledge.learn`
does; the caller records the merge as an ``UpdateMerged`` event, after which the store
links the absorbed update's articles to the other, so that the knowledge replayed from
the store is the knowledge merged here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.analysis.compare import Knowledge, UpdateRevision, worth_another_look
from tracker.analysis.grouping import (
    TYPE_WEIGHTS,
    Rarity,
    UpdateProfile,
    Weights,
    mode,
    similarity,
)
from tracker.analysis.named import NAME, named_apart
from tracker.analysis.occasions import (
    REMOTE,
    SIDELINES,
    apart_by_mode,
    numbered_once,
    sideline_meetings_apart,
    told_apart,
)
from tracker.analysis.timing import days_fit, interval_factor

MERGE_SCORE = 0.45
"""Least similarity, each update's core against the other, for two updates to be one
development: reports that shared too little to join one may, once each has gathered
sources, turn out to tell one event. Above
:data:`~tracker.analysis.grouping.JOIN_SCORE`: two cores must agree
more than one report must agree with an update."""


@dataclass(frozen=True)
class Merge:
    """An update absorbed into another, and how the other reads now."""

    absorbed: str
    into: str
    score: float
    reason: str
    revision: UpdateRevision | None


def merge(knowledge: Knowledge, update_id: str | None) -> Merge | None:
    """Merge the update ``update_id`` (which just gained a source) with the update it
    is one development with, if any; looked for as its summary is chosen again (see
    :func:`~tracker.analysis.compare.worth_another_look`), so the cost stays flat."""
    state = knowledge.updates.get(update_id) if update_id else None
    if state is None or not worth_another_look(state.profile):
        return None
    other, score = best_merge(state.profile, knowledge.near(state.profile), knowledge.rarity)
    if other is None:
        return None
    first, later = sorted((state.profile.update_id, other.update_id),
                          key=knowledge.opened.__getitem__)
    kept, absorbed = knowledge.updates[first], knowledge.updates.pop(later)
    kept.profile.absorb(absorbed.profile)
    knowledge.windows.remove(later)
    knowledge.windows.place(kept.profile)
    kept.outlets |= absorbed.outlets
    kept.languages |= absorbed.languages
    for article_id, prior in knowledge.recent.items():
        if prior.update_id == later:
            knowledge.recent[article_id] = dataclasses.replace(prior, update_id=first)
    return Merge(later, first, round(score, 3),
                 f"one development with {first} (similarity {score:.2f})",
                 knowledge.revised(kept))


def best_merge(update: UpdateProfile, updates: Iterable[UpdateProfile], rarity: Rarity
               ) -> tuple[UpdateProfile | None, float]:
    """The other update ``update`` is one development with, if any scores at least
    :data:`MERGE_SCORE`: the mean of each one's core against the other, within the
    join window, with no number or amount setting them apart."""
    mine = _core_features(update)
    if not mine:
        return None, 0.0
    weights = Weights(rarity)
    told = update.told
    best, best_score = None, 0.0
    for other in updates:
        if other is update or other.background != update.background:
            continue
        factor = interval_factor(update, other)
        if not factor or (told and told_apart(told, other.told)) or not days_fit(update, other) or (
                factor < 1.0 and update.first is not None and other.first is not None
                and (numbered_once(told, other.told) or _named_apart(update, other))) or (
                _apart_by_how(update, other)):
            continue
        score = factor * 0.5 * (similarity(mine, other, weights)
                                + similarity(_core_features(other), update, weights))
        if score > best_score:
            best, best_score = other, score
    return (best, best_score) if best_score >= MERGE_SCORE else (None, best_score)


def _apart_by_how(update: UpdateProfile, other: UpdateProfile) -> bool:
    """Two updates of a call and of a visit; of the sidelines and of the gathering; or
    of two meetings on one gathering's sidelines."""
    mine, theirs = mode(update), mode(other)
    bodies = update.bodies | other.bodies
    return apart_by_mode(mine[REMOTE], theirs[REMOTE]) or sideline_meetings_apart(
        ([k for k in update.core() if k not in bodies], mine[SIDELINES]),
        ([k for k in other.core() if k not in bodies], theirs[SIDELINES]))


def _named_apart(update: UpdateProfile, other: UpdateProfile) -> bool:
    """Two updates days apart, one of whose cores names people in two languages or
    more, none of whom the other's core names, while the other's core names someone:
    another official's visit to the same city that week (see
    :func:`~tracker.analysis.named.named_apart`)."""
    for mine, theirs in ((update, other), (other, update)):
        core = dict.fromkeys(mine.core(), 1.0)
        if any(k.startswith(NAME) for k in core) and named_apart(core, theirs):
            return True
    return False


def _core_features(update: UpdateProfile) -> dict[str, float]:
    return {k: update.weights.get(k, TYPE_WEIGHTS[k[0]]) for k in update.core()}
