"""The story's memory, and one relevant article analysed against it into events.

Pure. :func:`remember` builds the :class:`~tracker.analysis.compare.Knowledge` from the
baseline's facts and the analyses already recorded (in the order they were recorded),
so a restarted daemon, ``tracker rejudge`` and a live poll all decide on the same
memory. :func:`analyse` reads one article, compares it, learns from the decision and
returns the events that record it: an ``UpdateRecorded`` for a new development, an
``UpdateRevised`` when a source changed how an update reads, and its
``ArticleAnalysed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tracker import events as ev
from tracker.analysis.baseline import ContradictionPattern
from tracker.analysis.compare import (
    METHOD,
    Decision,
    FactLink,
    Knowledge,
    KnownFact,
    UpdateRevision,
    compare,
    update_id_for,
)
from tracker.analysis.evidence import Article, Reader, read
from tracker.analysis.grouping import Evidence
from tracker.analysis.merging import merge
from tracker.analysis.novelty import BaselineEvidence, FactEvidence
from tracker.analysis.signals import from_signals, to_signals
from tracker.analysis.text import shingles


@dataclass(frozen=True)
class StoryFrame:
    """What frames every decision: the baseline's facts and dates, the story's language."""

    facts: Sequence[ev.BaselineFactRecorded]
    cutoff: date
    baseline_end: date
    language: str
    contradictions: tuple[ContradictionPattern, ...] = ()


@dataclass(frozen=True)
class RecordedAnalysis:
    """One article's newest recorded analysis, as the memory replays it."""

    article_id: str
    title: str
    lead: str
    outcome: str
    update_id: str | None
    fact_ids: tuple[str, ...]
    language: str | None
    signals: Mapping[str, Any]
    outlet: str
    opened: bool
    """Whether this analysis opened its update."""
    confidence: float = 0.0
    """The update's confidence when this analysis opened it."""
    background: bool = False


@dataclass(frozen=True)
class ArticleInput:
    """A relevant article to analyse."""

    article_id: str
    title: str
    body: str
    published: date | None
    seen: date | None
    outlet: str


def remember(reader: Reader, frame: StoryFrame, analyses: Iterable[RecordedAnalysis] = (),
             recorded: Iterable[str] = ()) -> Knowledge:
    """The knowledge of a story whose baseline is ``frame`` after ``analyses``;
    ``recorded``: the id of every update the store holds (see ``Knowledge.recorded``)."""
    facts, baseline = _baseline(reader, frame)
    knowledge = Knowledge(facts=facts, baseline=baseline, cutoff=frame.cutoff,
                          language=frame.language, contradictions=frame.contradictions,
                          recorded=set(recorded))
    for fact in baseline.facts:
        # The baseline's facts are the story's first documents: what they all speak of
        # says little about which development a report is.
        knowledge.rarity.add(_fact_features(fact))
    for analysis in analyses:
        _replay(knowledge, analysis)
    return knowledge


def analyse(reader: Reader, knowledge: Knowledge, article: ArticleInput,
            recorded: Set[str] = frozenset()) -> tuple[list[ev.Event], Decision]:
    """One relevant article against ``knowledge``, which learns from it, as events.

    An update whose id is known already (a revised article opening "its" update again,
    or ``recorded`` ones when a store is judged again) is not recorded twice: it is
    revised instead, so the store shows what the new decision says of it.
    """
    evidence = read(reader, Article(article.title, article.body, article.published,
                                    article.seen))
    lead = lead_shingles(article.title, article.body)
    dated = evidence.dated
    event_date = dated.isoformat() if dated is not None else None
    exists = update_id_for(article.article_id)
    exists_already = (exists in knowledge.updates or exists in knowledge.recorded
                      or exists in recorded)
    decision = compare(article.article_id, evidence, lead,
                       f"{article.title}\n{article.body}", knowledge, event_date=event_date)
    revision = knowledge.learn(article.article_id, lead, evidence, decision, article.outlet)
    out: list[ev.Event] = []
    new = decision.new_update
    if new is not None and not exists_already:
        knowledge.recorded.add(new.update_id)
        out.append(ev.UpdateRecorded(
            update_id=new.update_id, kind=new.kind, summary=new.summary,
            event_date=new.event_date, actors=list(new.actors), evidence=new.evidence,
            article_id=article.article_id, confidence=new.confidence,
            background=new.background, features=new.features, method=METHOD,
            summary_language=evidence.language))
    elif new is not None:
        out.append(ev.UpdateRevised(
            update_id=new.update_id, summary=new.summary, summary_language=evidence.language,
            summary_article=article.article_id, kind=new.kind, confidence=new.confidence,
            languages=[evidence.language] if evidence.language else []))
    elif revision is not None:
        out.append(_revised(revision))
    out.append(analysis_event(article.article_id, evidence, decision, event_date,
                              article.outlet))
    merged = merge(knowledge, decision.update_id)
    if merged is not None:
        out.append(ev.UpdateMerged(update_id=merged.absorbed, into=merged.into,
                                   score=merged.score, reason=merged.reason))
        if merged.revision is not None:
            out.append(_revised(merged.revision))
    return out, decision


def analysis_event(article_id: str, evidence: Evidence, decision: Decision,
                   event_date: str | None, outlet: str | None = None) -> ev.ArticleAnalysed:
    return ev.ArticleAnalysed(
        article_id=article_id, method=METHOD, outcome=decision.outcome,
        update_id=decision.update_id, copy_of=decision.copy_of,
        facts=[{"fact_id": f.fact_id, "score": f.score, "evidence": f.evidence}
               for f in decision.facts],
        contradictions=[{"fact_id": c.fact_id, "claim": c.claim,
                         "fact_statement": c.fact_statement, "description": c.description}
                        for c in decision.contradictions],
        event_date=event_date, evidence=evidence.headline, score=decision.score,
        reason=decision.reason, language=evidence.language, signals=to_signals(evidence),
        outlet=outlet or None)


def withdrawn_analysis(article_id: str, reason: str) -> ev.ArticleAnalysed:
    """An analysis that unlinks an article no longer judged relevant."""
    return ev.ArticleAnalysed(
        article_id=article_id, method=METHOD, outcome="none", update_id=None,
        copy_of=None, facts=[], contradictions=[], event_date=None, evidence="", score=0.0,
        reason=reason)


def lead_shingles(title: str, body: str) -> frozenset[str]:
    """Shingles of the headline and the start of the text, for copy detection."""
    return shingles(f"{title}\n{body[:400]}")


def _revised(revision: UpdateRevision) -> ev.UpdateRevised:
    return ev.UpdateRevised(
        update_id=revision.update_id, summary=revision.summary,
        summary_language=revision.summary_language,
        summary_article=revision.summary_article, kind=revision.kind,
        confidence=revision.confidence, languages=list(revision.languages))


def _baseline(reader: Reader, frame: StoryFrame
              ) -> tuple[tuple[KnownFact, ...], BaselineEvidence]:
    facts = []
    evidence = []
    for fact in frame.facts:
        read_fact = read(reader, Article(fact.statement, "\n".join(fact.keywords), None))
        # A fact's concepts are what it is about; "statement" is what a text with none has.
        weighty = read_fact.weighty
        facts.append(KnownFact(fact.fact_id, fact.kind, fact.date, fact.statement, weighty))
        start, end = _period(fact.date) if fact.date else (frame.cutoff, frame.baseline_end)
        evidence.append(FactEvidence(fact.fact_id, weighty, read_fact.actors,
                                     read_fact.places, read_fact.quantities, start, end,
                                     read_fact.ordinals, once=fact.once))
    kindless = frozenset(c.id for c in reader.lexicon.concepts.values()
                         if c.kind is None and c.actor is None)
    return tuple(facts), BaselineEvidence(tuple(evidence), frame.cutoff, frame.baseline_end,
                                          kindless)


def _fact_features(fact: FactEvidence) -> list[str]:
    return [*(f"c:{c}" for c in fact.concepts), *(f"a:{a}" for a in fact.actors),
            *(f"p:{p}" for p in fact.places), *(f"q:{q}" for q in fact.quantities)]


def _period(value: str) -> tuple[date, date]:
    """The first and last day of an ISO date, month or year."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        start = date(parts[0], parts[1], 1)
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return start, end
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _replay(knowledge: Knowledge, recorded: RecordedAnalysis) -> None:
    evidence = from_signals(recorded.title, recorded.language, recorded.signals)
    decision = Decision(recorded.outcome, update_id=recorded.update_id,
                        facts=tuple(FactLink(f, 1.0, "") for f in recorded.fact_ids))
    if recorded.opened and recorded.update_id:
        knowledge.open(recorded.update_id, recorded.confidence, recorded.background)
    knowledge.learn(recorded.article_id, lead_shingles(recorded.title, recorded.lead),
                    evidence, decision, recorded.outlet)
