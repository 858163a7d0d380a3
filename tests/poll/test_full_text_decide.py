"""The pure full-text decisions (tracker.poll.decide.pages_wanted and with_pages) on
small hand-written values: which pages a poll asks for, and what their text changes."""

from __future__ import annotations

from dataclasses import replace

from tracker import events as ev
from tracker.analysis.judge import CompiledStory
from tracker.config import StorySettings, TermGroup
from tracker.ingest.types import Item, PageText
from tracker.poll.decide import decide_articles, pages_wanted, with_pages
from tracker.poll.types import KnownArticle

FEED_ID = "f1"
STORY = CompiledStory.compile(StorySettings(
    name="Two sides",
    sides=(TermGroup("north", ("Norland", "Nordstadt")),
           TermGroup("south", ("Sudland", "Sudport"))),
))
PAGE = ("Norland and Sudland signed a border treaty in Nordstadt on 3 March 2026, "
        "ending a dispute of forty years, both governments said.")


def item(n: int, title: str, summary: str, url: str | None = "") -> Item:
    link = f"http://news.test/{n}" if url == "" else url
    return Item(key=f"link:{link or n}", guid=None, url=link, title=title, summary=summary,
                content=None, published=None, author=None, language="en")


FAR = item(1, "Markets close higher", "Stocks rose.")                    # no side
ONE_SIDE = item(2, "Norland weather", "Rain in the north.")              # one side
NEAR = item(3, "Week in review", "Norland spoke. Sudland was calm.")     # both, unlinked
ABOUT = item(4, "Norland and Sudland sign a treaty", "Officials met.")   # relevant


def test_off_asks_for_no_page() -> None:
    assert pages_wanted(FEED_ID, [FAR, NEAR, ABOUT], {}, STORY, "off") == ()


def test_all_asks_for_every_new_http_page_once() -> None:
    twice = replace(ABOUT, key="guid:other")
    local = item(5, "x", "y", url="file:///etc/passwd")
    none = item(6, "x", "y", url=None)
    wanted = pages_wanted(FEED_ID, [FAR, ABOUT, twice, local, none], {}, STORY, "all")
    assert wanted == (FAR.url, ABOUT.url)


def test_relevant_asks_for_teasers_about_the_story_or_near_the_threshold() -> None:
    wanted = pages_wanted(FEED_ID, [FAR, ONE_SIDE, NEAR, ABOUT], {}, STORY, "relevant")
    assert wanted == (NEAR.url, ABOUT.url)


def test_an_unchanged_entry_is_not_asked_for_again_a_changed_one_is() -> None:
    def known(entry: Item) -> KnownArticle:
        return KnownArticle(entry.article_id(FEED_ID), entry.content_hash, False, 0.0,
                            frozenset({FEED_ID}))

    seen = {ABOUT.article_id(FEED_ID): known(ABOUT), NEAR.article_id(FEED_ID): known(FAR)}
    assert pages_wanted(FEED_ID, [ABOUT, NEAR], seen, STORY, "all") == (NEAR.url,)


def test_a_page_text_stands_in_for_content_but_not_for_the_entry_hash() -> None:
    pages = {NEAR.url or "": PageText(NEAR.url or "", PAGE, "2026-03-04"),
             FAR.url or "": PageText(FAR.url or "", reason="too-large", message="cap")}
    near, far = with_pages([NEAR, FAR], pages)
    assert (near.text, near.published, near.content_hash) == (PAGE, "2026-03-04",
                                                              NEAR.content_hash)
    assert far == FAR
    [near_decision, far_decision] = decide_articles(FEED_ID, [near, far], {}, STORY,
                                                    pages=pages)
    assert near_decision.judgement is not None and near_decision.judgement.relevant
    recorded, page, _judged = near_decision.events
    assert isinstance(recorded, ev.ArticleRecorded) and recorded.content == PAGE
    assert isinstance(page, ev.ArticlePageFetched)
    assert (page.ok, page.chars, page.reason) == (True, len(PAGE), None)
    failed = [e for e in far_decision.events if isinstance(e, ev.ArticlePageFetched)]
    assert [(e.ok, e.reason, e.message) for e in failed] == [(False, "too-large", "cap")]
