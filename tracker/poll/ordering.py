"""In which order a poll, and a re-judging pass, analyse the relevant articles.

Pure. Feeds list their newest entry first; the first report of a development is the
one that should open its update. So the articles one poll recorded are analysed in
the order their events happened: the date their text gives, else their publication's,
then when they were published; those with neither come last, and the order of the
articles not analysed does not matter (they are not dated, which would cost time).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date

from tracker.analysis.evidence import Article, event_day
from tracker.analysis.provenance import publisher_of
from tracker.eventlog.types import RecordedArticle
from tracker.poll.types import ArticleDecision, ArticleText


def in_time(articles: Sequence[ArticleDecision], today: date) -> list[ArticleDecision]:
    """One poll's articles in the order their events happened; on one day and time, by
    their headlines, so that the order depends neither on which feed was fetched first
    nor on the feeds' ids."""
    def key(article: ArticleDecision) -> tuple[bool, date, str, str, str]:
        relevant = article.judgement is not None and article.judgement.relevant
        text = article.text if relevant else None
        return (*_when(text, today), text.title if text else "", article.article_id)

    return sorted(articles, key=key)


def rejudge_order(recorded: Sequence[RecordedArticle], today: date, paged: Set[str]
                  ) -> list[RecordedArticle]:
    """The recorded articles in about the order polls analysed them: by the day they
    were first seen, then in the order their events happened. (A cycle analyses its
    feeds' articles together, but records each feed's when it comes: the day, not the
    moment, keeps a cycle's articles together.)"""
    def key(a: RecordedArticle) -> tuple[str, bool, date, str, str, str]:
        text = text_of(a, from_page=a.article_id in paged) if a.relevant else None
        return (a.first_seen[:10], *_when(text, today), a.title, a.article_id)

    return sorted(recorded, key=key)


def text_of(article: RecordedArticle, *, from_page: bool) -> ArticleText:
    """A recorded article's text as a poll analyses it."""
    return ArticleText(article.article_id, article.title, article.summary, article.content,
                       article.published, publisher_of(article.url, None, article.feed),
                       from_page=from_page)


def published_day(value: str | None) -> date | None:
    """The day of an ISO publication date, None if there is none or it is no date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _when(text: ArticleText | None, today: date) -> tuple[bool, date, str]:
    """When its event happened (its text's date, else its publication's), then when it
    was published; undated last, and so is what is not analysed."""
    if text is None:
        return (True, date.min, "")
    day = event_day(Article(text.title, text.body, published_day(text.published), today))
    return (day is None, day or date.min, text.published or "")
