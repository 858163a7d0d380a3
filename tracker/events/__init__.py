"""Domain events: frozen dataclasses with a registered type name and schema version.

Events are the only source of truth. Each class declares ``TYPE`` (the name stored in
the ``events.type`` column, never changed once released) and ``VERSION`` (bumped when
its fields change). Reading an older version runs the class's ``upcast_vN_vN+1``
static methods in turn, so old rows never need rewriting.

The story's events are here; ``base`` holds what every event shares (the base class,
the registry, decoding) and ``outbox`` the digest outbox's events. Every event type is
importable from this package, whichever module defines it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

# The base and the outbox's events live in modules of their own; every name stays
# importable from here, as it always was.
from tracker.events.base import REGISTRY as REGISTRY
from tracker.events.base import Event as Event
from tracker.events.base import decode as decode
from tracker.events.base import register as register
from tracker.events.outbox import DeliveryFailed as DeliveryFailed
from tracker.events.outbox import DeliveryStarted as DeliveryStarted
from tracker.events.outbox import DeliverySucceeded as DeliverySucceeded
from tracker.events.outbox import DigestComposed as DigestComposed
from tracker.events.outbox import DigestEvent as DigestEvent
from tracker.events.outbox import digest_stream as digest_stream

# -- baseline -------------------------------------------------------------------------

BASELINE_STREAM = "baseline"


@register
@dataclass(frozen=True)
class BaselineArticleRecorded(Event):
    """One of the articles the story's baseline was written from."""

    TYPE = "BaselineArticleRecorded"
    article_id: str
    title: str
    published: str | None
    summary: str
    file: str
    sha256: str

    def stream(self) -> str:
        return BASELINE_STREAM


@register
@dataclass(frozen=True)
class BaselineFactRecorded(Event):
    """A fact the baseline establishes: the yardstick later articles are measured against."""

    TYPE = "BaselineFactRecorded"
    fact_id: str
    kind: str
    date: str | None
    statement: str
    actors: list[str]
    sources: list[str]
    keywords: list[str]
    once: bool = False
    """It happens once (a recognition, a court's ruling): a later report of it with
    nothing else new restates it, however long after it is written. False in version 1."""

    VERSION = 2

    def stream(self) -> str:
        return BASELINE_STREAM

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "once": False}


# -- feeds ----------------------------------------------------------------------------

def feed_stream(feed_id: str) -> str:
    return f"feed:{feed_id}"


@dataclass(frozen=True)
class FeedEvent(Event):
    feed_id: str

    def stream(self) -> str:
        return feed_stream(self.feed_id)


@register
@dataclass(frozen=True)
class FeedRegistered(FeedEvent):
    """A feed appeared in the configuration and was polled for the first time."""

    TYPE = "FeedRegistered"
    url: str
    name: str


@register
@dataclass(frozen=True)
class FeedValidatorsChanged(FeedEvent):
    """The server gave new cache validators; the next request is conditional on them."""

    TYPE = "FeedValidatorsChanged"
    etag: str | None
    last_modified: str | None


@register
@dataclass(frozen=True)
class FeedFetchFailed(FeedEvent):
    """A poll failed. ``failures`` counts consecutive failures, this one included."""

    TYPE = "FeedFetchFailed"
    url: str
    reason: str
    message: str
    http_status: int | None
    failures: int
    retry_after: float | None


@register
@dataclass(frozen=True)
class FeedRecovered(FeedEvent):
    """The first successful poll after one or more failures."""

    TYPE = "FeedRecovered"
    after_failures: int


@register
@dataclass(frozen=True)
class FeedMoved(FeedEvent):
    """A permanent redirect: later polls go to ``new_url``."""

    TYPE = "FeedMoved"
    old_url: str
    new_url: str
    http_status: int


@register
@dataclass(frozen=True)
class FeedRetired(FeedEvent):
    """The feed is gone for good (HTTP 410); it is not polled again."""

    TYPE = "FeedRetired"
    url: str
    http_status: int
    reason: str


# -- articles -------------------------------------------------------------------------

def article_stream(article_id: str) -> str:
    return f"article:{article_id}"


@dataclass(frozen=True)
class ArticleEvent(Event):
    article_id: str

    def stream(self) -> str:
        return article_stream(self.article_id)


@register
@dataclass(frozen=True)
class ArticleRecorded(ArticleEvent):
    """An article seen for the first time. ``content`` is kept for relevant articles only."""

    TYPE = "ArticleRecorded"
    feed_id: str
    key: str
    url: str | None
    title: str
    published: str | None
    summary: str
    content: str | None
    author: str | None
    language: str | None
    content_hash: str


@register
@dataclass(frozen=True)
class ArticleRevised(ArticleEvent):
    """The publisher changed an article's text after it was first recorded."""

    TYPE = "ArticleRevised"
    feed_id: str
    title: str
    published: str | None
    summary: str
    content: str | None
    content_hash: str


@register
@dataclass(frozen=True)
class ArticleListed(ArticleEvent):
    """An article already recorded turned up in another feed too."""

    TYPE = "ArticleListed"
    feed_id: str


@register
@dataclass(frozen=True)
class ArticlePageFetched(ArticleEvent):
    """The article's own page was fetched for its full text (``fetch.full_text``).

    Appended after the ArticleRecorded or ArticleRevised whose ``content`` holds the
    text when ``ok``; otherwise ``reason`` and ``message`` say why the feed's text
    was kept (``robots``, ``too-large``, ``timeout``, ``redirect-loop``, ...).
    """

    TYPE = "ArticlePageFetched"
    feed_id: str
    url: str
    ok: bool
    chars: int
    """Characters of main text extracted."""
    reason: str | None = None
    message: str | None = None


@register
@dataclass(frozen=True)
class RelevanceJudged(ArticleEvent):
    """Is the article about the story? Appended again whenever it is re-judged."""

    TYPE = "RelevanceJudged"
    relevant: bool
    score: float
    reason: str
    method: str


# -- the story: updates and what each article says ------------------------------------

def update_stream(update_id: str) -> str:
    return f"update:{update_id}"


@register
@dataclass(frozen=True)
class UpdateRecorded(Event):
    """A development not known before: the first article that reported it opened it."""

    TYPE = "UpdateRecorded"
    update_id: str
    kind: str
    summary: str
    event_date: str | None
    actors: list[str]
    evidence: str
    article_id: str
    confidence: float
    background: bool
    """Dated before the story's cut-off: recorded, never announced as a change."""
    features: dict[str, float]
    method: str
    summary_language: str | None = None
    """The language of the opening article (and so of the summary); None in version 1."""

    VERSION = 2

    def stream(self) -> str:
        return update_stream(self.update_id)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "summary_language": None}


@register
@dataclass(frozen=True)
class ArticleAnalysed(ArticleEvent):
    """What one relevant article says against what was known, as one decision.

    Appended again when an article is re-judged; the newest analysis of an article is
    the one the projections show, older ones stay in the log for audit.
    """

    TYPE = "ArticleAnalysed"
    VERSION = 2
    method: str
    outcome: str
    """``baseline``, ``joined``, ``new``, ``copy``, or ``none`` (no longer relevant)."""
    update_id: str | None
    copy_of: str | None
    facts: list[dict[str, Any]]
    """``{"fact_id", "score", "evidence"}`` for each baseline fact it corroborates."""
    contradictions: list[dict[str, Any]]
    """``{"fact_id", "claim", "fact_statement", "description"}`` for each fact it disputes."""
    event_date: str | None
    evidence: str
    """The headline and lede the decision rests on."""
    score: float
    reason: str
    language: str | None = None
    """The language identified in the headline and lede (ISO 639-1), None if unknown."""
    signals: dict[str, Any] = dataclasses.field(default_factory=dict)
    """The language-independent evidence the decision rests on (concepts, actors, places,
    quantities, date): what the story's memory is rebuilt from."""
    outlet: str | None = None
    """Who published the article (its registrable domain, else its feed's), so that an
    update counts outlets, not feeds."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> dict[str, Any]:
        return {**state, "language": None, "signals": {}, "outlet": None}


@register
@dataclass(frozen=True)
class UpdateRevised(Event):
    """An update as its sources now tell it: another source changed its summary (the
    most central headline in the story's language), its kind (the kind most of its
    sources point to) or its confidence (more independent outlets)."""

    TYPE = "UpdateRevised"
    update_id: str
    summary: str
    summary_language: str | None
    summary_article: str | None
    kind: str
    confidence: float
    languages: list[str]

    def stream(self) -> str:
        return update_stream(self.update_id)


@register
@dataclass(frozen=True)
class UpdateMerged(Event):
    """Two updates found to be one development: the younger (``update_id``) is absorbed
    into the one opened first (``into``), which keeps its sources from now on."""

    TYPE = "UpdateMerged"
    update_id: str
    into: str
    score: float
    reason: str

    def stream(self) -> str:
        return update_stream(self.update_id)
