"""Is it news? An article's evidence against the baseline's, in any language.

Pure. An article that names only what the baseline holds restates it, whatever its
language: it corroborates the facts that share its concepts. A concept the baseline
lacks is news, unless it is only a stance (support, concern). A new actor or a new
figure alone is not, unless the article is also dated (by its text, or by its
publication) clearly after the baseline's period: the baseline's events happening
again, with other people, later. A commentary ("Expert: ...", "Политолог: ...") reads
known events: the reasons and forecasts it adds weigh as stances, and only a date its
text gives weighs as news. Which development a piece of news is, is
:mod:`tracker.analysis.grouping`'s question.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.analysis.grouping import Evidence

DATE_SLACK = timedelta(days=20)
"""A report dated this close to a fact's period may be about it: reports come late."""

LATER = timedelta(days=30)
"""Published this long after the matching facts, a report on their topic is about
something that happened since: restatements are written when the news is fresh. Closer
to them, a publication date weighs as a detail (it says when it was written, not always
when it happened); so it does when all the report says happened is a fact that happens
once (``once`` in the baseline: a recognition, a court's ruling), which no later
report can be news of. A commentary's publication weighs nothing: an analyst's view is
written whenever one is asked for."""

DETAIL_WEIGHT = 0.5
"""A new actor, figure or place: news only together with another sign."""
ORDINAL_WEIGHT = 1.0
"""An occurrence number the matching facts lack ("the 7th meeting"): a new occurrence."""
STANCE_WEIGHT = 0.5
"""A stance the baseline lacks (support, concern, control): news only with another sign."""


@dataclass(frozen=True)
class FactEvidence:
    """The evidence of one baseline fact and the period it happened in."""

    fact_id: str
    concepts: frozenset[str]
    actors: frozenset[str]
    places: frozenset[str]
    quantities: frozenset[str]
    start: date
    end: date
    ordinals: frozenset[int] = frozenset()
    once: bool = False
    """It cannot happen again (the baseline's ``once``)."""


@dataclass(frozen=True)
class BaselineEvidence:
    """The evidence of the baseline's facts."""

    facts: tuple[FactEvidence, ...]
    start: date
    end: date
    """The period the baseline covers: undated facts describe the situation then."""
    kindless: frozenset[str] = frozenset()
    """Concepts of no kind of event (a foreign ministry, an aircraft): who or what a
    report names, not what happened."""

    # Worked out once: every relevant article is compared with them.
    @functools.cached_property
    def concepts(self) -> frozenset[str]:
        return frozenset().union(*(f.concepts for f in self.facts))

    @functools.cached_property
    def places(self) -> frozenset[str]:
        return frozenset().union(*(f.places for f in self.facts))

@dataclass(frozen=True)
class Novelty:
    is_new: bool
    reasons: tuple[str, ...]
    related: tuple[str, ...] = ()
    """The baseline facts that share the article's concepts."""


def novelty(evidence: Evidence, baseline: BaselineEvidence) -> Novelty:
    """Whether ``evidence`` reports something the baseline does not hold, and why.

    Each sign of news weighs: a concept no baseline fact has weighs 1 (an earthquake,
    apples, a railway); a date that fits none of the matching facts' periods weighs 1
    when the text gives it or the publication lies :data:`LATER` away from them, else
    ``DETAIL_WEIGHT``; an actor or a figure the matching facts lack, or a place the
    baseline never names, weighs ``DETAIL_WEIGHT`` each; new concepts that are all
    stances (support, concern, control) weigh ``STANCE_WEIGHT``. News takes a weight of
    1: a new actor or a new figure alone is not a development, the same people doing the
    baseline's things months later is.
    """
    weighty = evidence.weighty
    related = matching_facts(weighty, baseline)
    known = baseline.concepts
    signs: list[tuple[float, str]] = []
    new_concepts = sorted(weighty - known)
    # A commentator's reasons and forecasts ("recognition will help fight drugs") are
    # readings of known events: they weigh as stances do.
    if not evidence.commentary and any(c not in evidence.stances for c in new_concepts):
        signs.append((1.0, f"new concepts {', '.join(new_concepts)}"))
    elif new_concepts:
        # Opinions are restated in new words more often than they change.
        signs.append((STANCE_WEIGHT, f"new stances {', '.join(new_concepts)}"
                                     + (" (commentary)" if evidence.commentary else "")))
    frame = related or [FactEvidence("", frozenset(), frozenset(), frozenset(), frozenset(),
                                     baseline.start, baseline.end)]
    day = evidence.dated
    if day is not None and not any(f.start - DATE_SLACK <= day <= f.end + DATE_SLACK
                                   for f in frame):
        # A report that recalls when the matching facts happened is about them, however
        # long after them it was written: its publication says only when it was written
        # ("Zakharova recalled that Russia recognised ... in July last year"), unless it
        # also gives a figure they lack (trade "since the recognition in July 2025" has
        # grown to a new amount: a measure taken since).
        recalls = _recalls(evidence.recalled, frame) or _month_recalls(evidence, frame)
        # A stance taken on such facts ("Kremlin: no regrets over the recognition") is
        # no more an event than the facts themselves: it does not make them happen again.
        told = weighty - baseline.kindless - evidence.stances
        later = not recalls and not _once(told, frame) and all(
            day > f.end + LATER or day < f.start - LATER for f in frame)
        measured = evidence.quantities - {q for f in frame for q in f.quantities}
        # An analyst's view is written whenever someone asks for it: its publication
        # long after the facts it weighs does not make them news again.
        # A month the text names ("in July"), dated by the publication in or just after
        # it, says the day no better than the facts it holds: it recalls them.
        dated = evidence.dated_by == "text" and not _month_recalls(evidence, frame)
        weight = (1.0 if dated or (later and not evidence.commentary)
                  else 0.0 if evidence.commentary or (recalls and not measured)
                  else DETAIL_WEIGHT)
        if weight:
            signs.append((weight, f"dated {day}, not when the matching facts happened"))
    elif day is None:
        signs += _printed_since(evidence, frame)
    for label, found, held in (
            # Whom a headline quotes only speaks of what happened, unless they say
            # something new (a stance): then who says it is news too.
            ("actors", evidence.actors - (frozenset() if new_concepts else evidence.speakers),
             {a for f in frame for a in f.actors}),
            # A commentator's figure is a forecast or a reading ("recognition could
            # bring $10 billion"), as their reasons are: no measure taken since.
            ("figures", frozenset() if evidence.commentary else evidence.quantities,
             {q for f in frame for q in f.quantities}),
            # The story's own places are in most reports: only a place the whole
            # baseline never names is a sign; where the report was filed is none.
            ("places", evidence.places - evidence.filed, baseline.places)):
        new = sorted(found - held)
        if new:
            signs.append((DETAIL_WEIGHT, f"{label} the matching facts lack: {', '.join(new)}"))
    numbers = sorted(evidence.ordinals - {n for f in frame for n in f.ordinals})
    if numbers:
        # "The 7th meeting": the event has recurred, and this occurrence is not one the
        # baseline holds.
        signs.append((ORDINAL_WEIGHT, f"occurrences the matching facts lack: "
                                      f"{', '.join(map(str, numbers))}"))
    weight = sum(w for w, _ in signs)
    return Novelty(weight >= 1.0,
                   tuple(reason for _, reason in signs), tuple(f.fact_id for f in related))


def matching_facts(weighty: AbstractSet[str], baseline: BaselineEvidence
                   ) -> list[FactEvidence]:
    """The baseline facts that share one of an article's ``weighty`` concepts: those it
    may restate."""
    return [f for f in baseline.facts if not f.concepts.isdisjoint(weighty)]


def _once(concepts: AbstractSet[str], facts: Iterable[FactEvidence]) -> bool:
    """Whether all the article says happened is what facts that happen once say:
    "Russia remains the only country to have recognised the Taliban", written a year
    on, is no recognition again; nor is "the head of the foreign ministry thanked Moscow
    for the recognition" (``concepts`` leaves out who is named), nor "from the Soviet
    withdrawal to the recognition", two such events told together."""
    return bool(concepts) and concepts <= frozenset().union(
        *(f.concepts for f in facts if f.once))


def _printed_since(evidence: Evidence, facts: Sequence[FactEvidence]
                   ) -> list[tuple[float, str]]:
    """An undated report's sign that it measures something since the matching facts: a
    figure they lack beside a date it prints with its year long after all of them
    ("January–June 2026": a trade figure's period). The date alone is no sign (an
    undated report may name a later month for a plan or an anniversary), nor the figure
    alone; together they are one measure taken since, as a dated report's are."""
    measured = evidence.quantities - {q for f in facts for q in f.quantities}
    if evidence.commentary or not measured:
        return []
    later = [day for day, _ in evidence.recalled
             if all(day > f.end + LATER for f in facts)]
    if not later:
        return []
    return [(DETAIL_WEIGHT, f"prints {max(later):%Y-%m}, after the matching facts")]


def _month_recalls(evidence: Evidence, facts: Iterable[FactEvidence]) -> bool:
    """Whether the only month the text names (:attr:`Evidence.since`) holds a fact."""
    if evidence.since is None:
        return False
    return _recalls({(evidence.since, True)}, facts)


def _recalls(recalled: Iterable[tuple[date, bool]], facts: Iterable[FactEvidence]) -> bool:
    for day, whole_month in recalled:
        end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) if whole_month else day
        if any(f.start - DATE_SLACK <= end and day <= f.end + DATE_SLACK for f in facts):
            return True
    return False
