"""Two updates that turn out to be one development become one.

Pure. An article joins the update it resembles most, or opens one; early reports of
one event may share too little to join (one names the aircraft and the ministry, the
other the earthquake and the tonnage) and open two. Once each has gathered sources,
their cores show it: :func:`tracker.analysis.grouping.best_merge` compares them, and
:func:`merge` folds the update opened later into the one opened first, which keeps its
id (the one readers may have been told of already).

The knowledge changes in place as :meth:`~tracker.analysis.compare.Knowledge.learn`
does; the caller records the merge as an ``UpdateMerged`` event, after which the store
links the absorbed update's articles to the other, so that the knowledge replayed from
the store is the knowledge merged here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tracker.analysis.compare import Knowledge, UpdateRevision, worth_another_look
from tracker.analysis.grouping import best_merge


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
