"""The event store: append-only in fact, ordered, projected in the same transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from tracker import events as ev
from tracker.errors import ConcurrencyError
from tracker.eventlog.store import EventStore


@pytest.fixture(params=["memory", "file"])
def any_store(request, tmp_path: Path):
    path = ":memory:" if request.param == "memory" else tmp_path / "s.db"
    with EventStore(path) as opened:
        yield opened


def registered(feed_id: str = "f1") -> ev.FeedRegistered:
    return ev.FeedRegistered(feed_id=feed_id, url=f"https://{feed_id}.test/rss", name=feed_id)


def test_append_assigns_stream_versions_and_global_positions(any_store: EventStore):
    stored = any_store.append([
        registered("a"),
        ev.FeedValidatorsChanged(feed_id="a", etag='"1"', last_modified=None),
        registered("b"),
    ])
    assert [(s.stream, s.version) for s in stored] == [("feed:a", 1), ("feed:a", 2), ("feed:b", 1)]
    assert [s.position for s in stored] == sorted(s.position for s in stored)
    more = any_store.append([ev.FeedValidatorsChanged(feed_id="a", etag='"2"', last_modified=None)])
    assert (more[0].version, more[0].position) == (3, stored[-1].position + 1)
    read = list(any_store.read())
    assert [r.event for r in read] == [s.event for s in stored + more]


def test_update_and_delete_are_refused_by_the_database(any_store: EventStore):
    any_store.append([registered()])
    conn = any_store.db.conn
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE events SET type = 'Forged'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM events")
    assert any_store.count() == 1


def test_stream_version_is_unique(tmp_path: Path):
    with EventStore(tmp_path / "s.db") as first, EventStore(tmp_path / "s.db") as second:
        first.append([registered()])
        with pytest.raises(sqlite3.IntegrityError):
            second.db.conn.execute(
                "INSERT INTO events (stream, version, type, schema_version, data, recorded_at)"
                " VALUES ('feed:f1', 1, 'FeedRegistered', 1, '{}', 'now')")


def test_concurrency_error_when_a_version_is_taken(tmp_path: Path, monkeypatch):
    with EventStore(tmp_path / "s.db") as first, EventStore(tmp_path / "s.db") as second:
        first.append([registered()])
        # Simulate the race: the second writer computed its version before the first wrote.
        original = second.db.conn
        monkeypatch.setattr(second, "_insert", lambda events, at: _insert_at_version(
            original, events, at, version=1))
        with pytest.raises(ConcurrencyError):
            second.append([ev.FeedValidatorsChanged(feed_id="f1", etag="x", last_modified=None)])
        assert first.count() == 1


def _insert_at_version(conn, events, recorded_at, *, version):
    for event in events:
        conn.execute(
            "INSERT INTO events (stream, version, type, schema_version, data, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (event.stream(), version, event.TYPE, event.VERSION, event.to_json(), recorded_at))
    return []


def test_failed_append_writes_nothing(any_store: EventStore):
    any_store.append([registered()])

    def boom(conn):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        any_store.append([registered("other")], also=boom)
    assert any_store.count() == 1
    assert any_store.db.execute("SELECT count(*) FROM feed_state").fetchone()[0] == 1


def test_projection_position_tracks_the_log(any_store: EventStore):
    stored = any_store.append([registered("a"), registered("b")])
    position = any_store.db.execute(
        "SELECT position FROM projection_state WHERE name = 'main'").fetchone()[0]
    assert position == stored[-1].position == any_store.last_position()


def test_upcasting_old_schema_versions():
    @ev.register
    @dataclass(frozen=True)
    class Renamed(ev.Event):
        TYPE = "TestRenamed"
        VERSION = 3
        title: str
        lang: str

        def stream(self) -> str:
            return "test"

        @staticmethod
        def upcast_v1_v2(state):
            return {"title": state.pop("headline"), **state}

        @staticmethod
        def upcast_v2_v3(state):
            return {**state, "lang": state.get("lang") or "und"}

    try:
        assert ev.decode("TestRenamed", 1, '{"headline": "h"}') == Renamed(title="h", lang="und")
        assert ev.decode("TestRenamed", 3, {"title": "t", "lang": "ru"}) == Renamed("t", "ru")
    finally:
        del ev.REGISTRY["TestRenamed"]


def test_every_registered_event_round_trips():
    samples = {
        ev.ArticleRecorded: dict(article_id="x", feed_id="f", key="guid:1", url=None,
                                 title="Заголовок", published=None, summary="s", content=None,
                                 author=None, language="ru", content_hash="h"),
        ev.RelevanceJudged: dict(article_id="x", relevant=True, score=0.8, reason="r",
                                 method="m"),
    }
    for cls, fields in samples.items():
        event = cls(**fields)
        assert ev.decode(cls.TYPE, cls.VERSION, event.to_json()) == event


def test_an_update_recorded_before_its_summary_language_was_reads_without_one():
    stored = dict(update_id="u-1", kind="aid", summary="s", event_date=None, actors=[],
                  evidence="e", article_id="a", confidence=0.5, background=False,
                  features={}, method="m")
    assert ev.decode("UpdateRecorded", 1, stored) == ev.UpdateRecorded(**stored)
    assert ev.decode("UpdateRecorded", 1, stored).summary_language is None
    now = ev.UpdateRecorded(**stored, summary_language="fa")
    assert ev.decode("UpdateRecorded", 2, now.to_json()) == now


def test_reopening_a_store_keeps_its_schema(tmp_path: Path):
    path = tmp_path / "s.db"
    with EventStore(path) as first:
        first.append([registered()])
    with EventStore(path) as again:
        assert again.count() == 1
        assert again.db.execute("PRAGMA user_version").fetchone()[0] >= 1
        assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
