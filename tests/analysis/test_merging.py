"""Two updates found to be one development become one (tracker.analysis.merging).

The items are written for these tests in Russian, Arabic, English and Persian. The first
two share no event (one names the aircraft, the other the earthquake and the aid), so
each opens an update; as both gather sources their cores meet, and the update opened
later is folded into the one opened first: in memory, in the store's tables, and in the
knowledge a restarted tracker replays from the store.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date
from typing import Any

from conftest import FeedServer, Response, rss
from merge_items import LATER, QUAKE_AID, feed_items

from tracker import events as ev
from tracker.analysis.grouping import Evidence, Rarity, UpdateProfile
from tracker.analysis.merging import best_merge
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker


def _poll(settings: Any) -> None:
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())


def _rows(settings: Any, sql: str) -> list[dict[str, Any]]:
    with EventStore(settings.store_path) as store:
        return [dict(r) for r in store.db.query(sql)]


def test_two_updates_of_one_development_become_one(feed_server: FeedServer,
                                                   make_settings: Any) -> None:
    url = feed_server.serve("/aid.xml", Response(200, rss(feed_items(QUAKE_AID), title="aid")))
    settings = make_settings([url])
    _poll(settings)
    opened = _rows(settings, "SELECT id, article_id FROM update_state ORDER BY first_seen")
    assert len(opened) == 2, "the first two reports share no event: two updates open"
    merges = _rows(settings, "SELECT update_id, into_update FROM update_merges")
    updates = _rows(settings, "SELECT id, sources FROM updates")
    assert len(merges) == 1 and len(updates) == 1
    kept = updates[0]["id"]
    assert merges[0]["into_update"] == kept and merges[0]["update_id"] != kept
    assert updates[0]["sources"] == len(QUAKE_AID)
    linked = _rows(settings, "SELECT DISTINCT update_id FROM update_sources")
    assert linked == [{"update_id": kept}]
    analysed = _rows(settings, "SELECT DISTINCT update_id FROM article_analysis")
    assert analysed == [{"update_id": kept}]

    # A rebuild from the log gives the same tables.
    tables = ["update_state", "update_links", "update_merges", "article_analysis"]
    with EventStore(settings.store_path) as store:
        before = {t: store.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                  for t in tables}
        store.rebuild()
        after = {t: store.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                 for t in tables}
    assert after == before

    # A tracker started afresh replays the merged update: a later report joins it.
    feed_server.serve("/aid.xml", Response(200, rss(
        feed_items(QUAKE_AID) + feed_items([LATER], first=len(QUAKE_AID)), title="aid")))
    _poll(settings)
    updates = _rows(settings, "SELECT id, sources FROM updates")
    assert updates == [{"id": kept, "sources": len(QUAKE_AID) + 1}]


def _profile(update_id: str, *items: Evidence, background: bool = False) -> UpdateProfile:
    profile = UpdateProfile(update_id, None, None, background)
    for index, item in enumerate(items):
        profile.add(f"{update_id}-{index}", item, index)
    return profile


DAY = date(2025, 9, 5)
AIRCRAFT = Evidence("МЧС направило самолёт", "ru", {"aircraft": 1.0, "aid": 1.0},
                    {"humanitarian": 1.0}, actors=frozenset({"emercom"}),
                    places=frozenset({"AF"}), when=DAY, dated_by="published")
QUAKE = Evidence("Aid for quake victims", "en", {"aid": 1.0, "disaster": 1.0,
                                                 "aircraft": 1.0},
                 {"humanitarian": 1.0}, places=frozenset({"AF"}), when=DAY,
                 dated_by="published")


def _rarity(*items: Evidence) -> Rarity:
    """What the story has seen: these items once, and twenty reports of other things."""
    rarity = Rarity()
    for item in items:
        rarity.add(item.features())
    for n in range(20):
        rarity.add({f"c:other{n}", "p:AF", "p:RU"})
    return rarity


def test_updates_that_tell_one_event_merge_within_the_window() -> None:
    one, two = _profile("u1", AIRCRAFT, AIRCRAFT), _profile("u2", QUAKE, QUAKE)
    rarity = _rarity(AIRCRAFT, QUAKE)
    assert best_merge(two, [one, two], rarity)[0] is one
    # A month apart they are two events; background and news never merge.
    later = _profile("u3", replace(QUAKE, when=date(2025, 10, 9)))
    assert best_merge(later, [one, later], rarity)[0] is None
    old = _profile("u4", QUAKE, QUAKE, background=True)
    assert best_merge(old, [one, old], rarity)[0] is None


def test_numbers_and_amounts_keep_merges_apart() -> None:
    first = _profile("u1", replace(AIRCRAFT, ordinals=frozenset({2})))
    second = _profile("u2", replace(QUAKE, ordinals=frozenset({3})))
    rarity = _rarity(AIRCRAFT, QUAKE)
    assert best_merge(second, [first, second], rarity)[0] is None
    tonnes = _profile("u3", replace(QUAKE, quantities=frozenset({"40 tonne"})))
    other = _profile("u4", replace(AIRCRAFT, quantities=frozenset({"20 tonne"})))
    assert best_merge(tonnes, [other, tonnes], rarity)[0] is None


def test_a_weak_concept_alone_merges_nothing() -> None:
    said = Evidence("Officials said", "en", {"statement": 0.5}, {"position": 0.5},
                    places=frozenset({"AF", "RU"}), when=DAY, dated_by="published")
    one, two = _profile("u1", said), _profile("u2", said)
    assert best_merge(two, [one, two], _rarity(said))[0] is None


def test_merge_events_are_documented_types() -> None:
    assert ev.UpdateMerged.TYPE == "UpdateMerged" and ev.UpdateMerged.VERSION == 1
