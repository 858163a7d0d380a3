"""The values of one poll, stage by stage: what was fetched, what was known, what was
decided.

A poll is: fetch and parse (:class:`Fetched`), read what the store knew
(:class:`Known`), decide (:class:`PollResult`, from the pure
:func:`tracker.poll.decide.decide_poll`), append the result's events with its check row,
and log the result's line. Plain frozen dataclasses, no I/O: the pure decision imports
its types from here, never from the fetcher, the parser or the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tracker import events as ev
from tracker.analysis.compare import Knowledge
from tracker.analysis.concepts import Lexicon
from tracker.analysis.evidence import Reader
from tracker.analysis.judge import CompiledStory, Judgement
from tracker.analysis.text import shingles
from tracker.config import FeedConfig, ScheduleSettings
from tracker.eventlog.types import CheckRecord as CheckRecord
from tracker.eventlog.types import FeedCheck as FeedCheck
from tracker.eventlog.types import FeedState as FeedState
from tracker.eventlog.types import KnownArticle as KnownArticle
from tracker.eventlog.types import RecordedArticle as RecordedArticle
from tracker.ingest.types import FetchResult as FetchResult
from tracker.ingest.types import Item as Item
from tracker.ingest.types import PageText as PageText
from tracker.ingest.types import ParsedFeed as ParsedFeed


@dataclass(frozen=True)
class Failure:
    """A fetch or parse failure, in the shape the feed's events record it."""

    reason: str
    message: str
    http_status: int | None = None
    retry_after: float | None = None


@dataclass(frozen=True)
class Fetched:
    """What fetching and parsing one feed produced."""

    result: FetchResult
    parsed: ParsedFeed | None = None
    """The parsed body; None when there was none to parse, it was the body parsed last
    time (``unchanged``), or it failed to parse."""
    failure: Failure | None = None
    body_sha256: str | None = None
    unchanged: bool = False
    """The body is the one the last check parsed: nothing in it is news."""
    ttl: float | None = None
    """The feed's own polling hint: from this body, else remembered from the last one
    that parsed, so that 304 and unchanged answers keep honouring it."""
    pages: Mapping[str, PageText] = field(default_factory=dict)
    """Article pages fetched for their full text, by item URL (``fetch.full_text``;
    see :func:`tracker.poll.decide.pages_wanted`)."""

    @property
    def items(self) -> tuple[Item, ...]:
        return self.parsed.items if self.parsed is not None else ()

    @classmethod
    def crashed(cls, url: str, failure: Failure) -> Fetched:
        """A poll that failed on a bug of ours, recorded as the feed's failure."""
        return cls(FetchResult(url=url, outcome="error", final_url=url), failure=failure)


@dataclass(frozen=True)
class Known:
    """What the store knew when the poll was decided."""

    state: FeedState | None
    """The feed's state; None for a feed never polled."""
    articles: Mapping[str, KnownArticle] = field(default_factory=dict)
    """The recorded articles among the fetched items, by article id."""
    knowledge: Callable[[], Knowledge] | None = None
    """What the story knows, for the analysis of relevant articles, asked for only when
    one is new or changed (building it reads the store and loads the language model and
    the CLDR place index). The decision learns into it (see
    :func:`tracker.poll.decide.analyse_articles`)."""


@dataclass(frozen=True)
class Rules:
    """What a decision follows that does not change from poll to poll."""

    story: CompiledStory
    lexicon: Lexicon
    schedule: ScheduleSettings
    reader: Reader
    """What relevant articles are read with (names, places, vocabulary, general data)."""
    language: str = "en"
    """The story's reading language."""


@dataclass(frozen=True)
class ArticleText:
    """The text of an article as the judging stages read it."""

    article_id: str
    title: str
    summary: str
    content: str | None
    published: str | None
    outlet: str = ""
    """Who published it (see :mod:`tracker.analysis.provenance`)."""
    from_page: bool = False
    """``content`` is the main text of the article's own page (``fetch.full_text``)."""

    @property
    def body(self) -> str:
        # A page's text leads with the article's own lede, which the analysis reads for
        # the development and its date; a feed's teaser may be a line of anything.
        if self.from_page and self.content:
            return self.content
        return self.summary if not self.content else f"{self.summary}\n{self.content}"

    @property
    def lead(self) -> frozenset[str]:
        """Shingles of the headline and the start of the text, for copy detection."""
        return shingles(f"{self.title}\n{self.summary[:400]}")


@dataclass(frozen=True)
class ArticleDecision:
    """What one fetched item means against what was known of its article."""

    article_id: str
    events: tuple[ev.Event, ...]
    new: bool = False
    revised: bool = False
    text: ArticleText | None = None
    """The article's text as recorded now, when it is new or changed."""
    judgement: Judgement | None = None
    """The relevance decision on that text."""
    was_relevant: bool = False
    """The article was judged relevant before this poll."""


@dataclass(frozen=True)
class PollResult:
    """One poll of one feed, decided: the events to append, the check to record with
    them, and the figures of its log line."""

    feed: FeedConfig
    fetched: Fetched
    events: tuple[ev.Event, ...]
    check: CheckRecord
    new: int = 0
    """Articles recorded for the first time."""
    relevant: int = 0
    """Of those, the ones judged relevant."""
    revised: int = 0
    """Known articles whose text changed."""
    knowledge: Knowledge | None = None
    """The knowledge with this poll's analyses learnt, to keep once the events are
    stored; None when nothing was analysed."""
    pending: tuple[ArticleDecision, ...] = ()
    """The articles whose analysis waits for the end of the polling cycle (see
    :mod:`tracker.poll.backlog`): the relevant ones, new or changed, and those no
    longer relevant."""

    @property
    def outcome(self) -> str:
        return self.check.outcome

    @property
    def failure(self) -> Failure | None:
        return self.fetched.failure


@dataclass(frozen=True)
class Rejudged:
    """One recorded article judged again: the events, and what changed."""

    events: tuple[ev.Event, ...]
    relevance_changed: bool
    analysed: bool
