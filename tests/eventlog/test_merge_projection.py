"""``update_merges`` shows the merges the newest analysis stands by
(tracker.eventlog.projections.merges), and a rebuild from the log gives the same tables.

The log is written here event by event into a real SQLite store, as a poll and a
``tracker rejudge`` would append it: articles analysed into updates, a merge, then later
analyses of the same articles. Then the whole pipeline: a real poll that merges, a real
rejudge, a rebuild.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from conftest import FeedServer, Response, rss
from merge_items import QUAKE_AID, feed_items

from tracker import events as ev
from tracker.eventlog.projections import merges
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

TABLES = ("update_merges", "update_merge_sources", "update_links", "article_analysis",
          "update_state")


def article(article_id: str) -> ev.ArticleRecorded:
    return ev.ArticleRecorded(
        article_id=article_id, feed_id="f", key=article_id, url=f"https://x.test/{article_id}",
        title=f"Report {article_id}", published=None, summary="", content=None, author=None,
        language="en", content_hash=article_id)


def opened(update_id: str, article_id: str) -> ev.UpdateRecorded:
    return ev.UpdateRecorded(
        update_id=update_id, kind="aid", summary=f"Update {update_id}", event_date=None,
        actors=[], evidence="", article_id=article_id, confidence=0.5, background=False,
        features={}, method="test")


def analysed(article_id: str, update_id: str | None) -> ev.ArticleAnalysed:
    return ev.ArticleAnalysed(
        article_id=article_id, method="test", outcome="joined" if update_id else "none",
        update_id=update_id, copy_of=None, facts=[], contradictions=[], event_date=None,
        evidence="", score=0.5, reason="test", outlet=f"{article_id}.test")


def merged(absorbed: str, into: str) -> ev.UpdateMerged:
    return ev.UpdateMerged(update_id=absorbed, into=into, score=0.6, reason="test")


def start(store: EventStore) -> None:
    """Updates B (opened by b1) and A (opened by a1, joined by a2); A went into B."""
    store.append([ev.FeedRegistered(feed_id="f", url="https://x.test/feed", name="X")]
                 + [article(a) for a in ("b1", "a1", "a2", "c1", "z1")]
                 + [opened("B", "b1"), analysed("b1", "B"), opened("A", "a1"),
                    analysed("a1", "A"), analysed("a2", "A"), merged("A", "B")])


def shown(store: EventStore) -> dict[str, str]:
    return dict(store.db.execute("SELECT update_id, into_update FROM update_merges"))


def live(store: EventStore) -> set[str]:
    return {row[0] for row in store.db.execute("SELECT id FROM updates")}


def tables(store: EventStore) -> dict[str, list[Any]]:
    return {t: store.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in TABLES}


def rebuilt_alike(store: EventStore) -> bool:
    before = tables(store)
    store.rebuild()
    return tables(store) == before


def test_a_merge_stands_until_a_later_analysis_reopens_the_absorbed_update(tmp_path: Path):
    with EventStore(tmp_path / "s.db") as store:
        start(store)
        assert shown(store) == {"A": "B"} and live(store) == {"B"}
        sources = store.db.execute("SELECT article_id FROM update_merge_sources").fetchall()
        assert sorted(r[0] for r in sources) == ["a1", "a2"], "the articles it moved"
        store.append([analysed("a1", "A")])  # a rejudge: a1 opens A again
        assert shown(store) == {} and live(store) == {"A", "B"}
        assert rebuilt_alike(store)
        # The same merge found again by the rejudge is shown again.
        store.append([analysed("a2", "A"), merged("A", "B")])
        assert shown(store) == {"A": "B"} and live(store) == {"B"}
        assert rebuilt_alike(store)


def test_a_merge_goes_when_none_of_its_articles_is_in_the_update_it_went_into(
        tmp_path: Path):
    with EventStore(tmp_path / "s.db") as store:
        start(store)
        store.append([opened("C", "c1"), analysed("c1", "C"), analysed("a1", "C")])
        assert shown(store) == {"A": "B"}, "a2 is still in B"
        store.append([analysed("a2", None)])  # no longer about the story
        assert shown(store) == {}
        assert live(store) == {"B", "C"}, "A stays closed: nothing links to it"
        assert rebuilt_alike(store)


def test_a_merge_stands_when_its_articles_are_analysed_into_that_update_directly(
        tmp_path: Path):
    with EventStore(tmp_path / "s.db") as store:
        start(store)
        store.append([analysed("a1", "B"), analysed("a2", "B")])
        assert shown(store) == {"A": "B"}
        assert rebuilt_alike(store)


def test_merges_in_a_chain_stand_and_fall_together(tmp_path: Path):
    with EventStore(tmp_path / "s.db") as store:
        start(store)
        store.append([opened("Z", "z1"), analysed("z1", "Z"), merged("B", "Z")])
        assert shown(store) == {"A": "B", "B": "Z"} and live(store) == {"Z"}
        assert merges.merged_into(store.db.conn, "A") == "Z"
        store.append([analysed("a1", "Z")])
        assert shown(store) == {"A": "B", "B": "Z"}, "a1 is where B went"
        # B is reopened: B is not part of Z, and A's articles (in Z) are not in B.
        store.append([analysed("b1", "B")])
        assert shown(store) == {}
        assert merges.merged_into(store.db.conn, "A") == "A"
        assert rebuilt_alike(store)


def test_after_a_real_rejudge_the_merges_shown_are_those_the_new_analysis_made(
        feed_server: FeedServer, make_settings: Any):
    url = feed_server.serve("/aid.xml", Response(200, rss(feed_items(QUAKE_AID), title="a")))
    settings = make_settings([url])
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
        first = shown(store)
        assert len(first) == 1
        position = store.last_position()
        tracker.rejudge()
        found = [s.event for s in store.read(after=position)]
        made = {e.update_id: e.into for e in found if isinstance(e, ev.UpdateMerged)}
        reopened = {e.update_id for e in found if isinstance(e, ev.ArticleAnalysed)}
        assert set(first) <= reopened, "the rejudge analysed the absorbed update anew"
        assert shown(store) == made
        for absorbed, into in shown(store).items():
            assert absorbed not in live(store) and into in live(store)
        assert rebuilt_alike(store)


# The Arabic report of the aid, rewritten by its publisher into another development.
REWRITTEN = ("ar", "روسيا وأفغانستان توقعان عقدا لتصدير القمح إلى كابول",
             "وقعت روسيا وحكومة طالبان في أفغانستان عقدا لتوريد مليون طن من القمح.")


def test_a_revised_report_that_reopens_the_absorbed_update_ends_its_merge(
        feed_server: FeedServer, make_settings: Any):
    """The publisher rewrites the report that opened the absorbed update into another
    development: its new analysis opens that update again (revised, not recorded a second
    time), and the merge is shown no more. Each poll is a new tracker, as after a restart."""
    url = feed_server.serve("/aid.xml", Response(200, rss(feed_items(QUAKE_AID), title="a")))
    settings = make_settings([url])
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
        [(absorbed, into)] = shown(store).items()
    rewritten = [QUAKE_AID[0], REWRITTEN, *QUAKE_AID[2:]]
    feed_server.serve("/aid.xml", Response(200, rss(feed_items(rewritten), title="a")))
    with EventStore(settings.store_path) as store:
        position = store.last_position()
        outcomes = asyncio.run(Tracker(settings, store).poll())
        assert [(o.outcome, o.revised) for o in outcomes] == [("ok", 1)], outcomes
        found = [s.event for s in store.read(after=position)]
        assert not any(isinstance(e, ev.UpdateRecorded) for e in found)
        assert any(isinstance(e, ev.UpdateRevised) and e.update_id == absorbed for e in found)
        assert shown(store) == {} and live(store) == {absorbed, into}
        assert rebuilt_alike(store)
