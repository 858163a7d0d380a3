"""Merge notices: a channel told of two updates that turn out to be one development is
told so, once, in its next digest (tracker.notify.merge_notices).

Real parts: a real feed server, a real SQLite store, the real analysis (the items of
tests/analysis/test_merging.py, in Russian, Arabic and English, whose first two open two
updates that later reports merge), a real webhook receiver, a real SMTP server and
Apprise's json:// service to the same receiver.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from conftest import FeedServer, Response, rss, write_config
from merge_items import QUAKE_AID, feed_items
from receivers import Hooks

from tracker import config
from tracker.config import Settings
from tracker.eventlog.projections import digests
from tracker.eventlog.store import EventStore
from tracker.events import DigestComposed, decode
from tracker.notify.digest import (
    PendingMerge,
    PendingUpdate,
    SourceLine,
    compose,
    render_html,
    render_text,
)
from tracker.notify.outbox import Outbox
from tracker.poll.service import Tracker

HOOKS = ("webhook:hook0", "webhook:hook1")


def notify(hook_urls: tuple[str, ...] = (), smtp_port: int | None = None,
           apprise_url: str | None = None) -> str:
    lines = ["[notify]", 'quiet_period = "0s"', 'min_interval = "0s"', 'retry_base = "1s"']
    for index, url in enumerate(hook_urls):
        lines += ["[[notify.webhooks]]", f'url = "{url}"', f'name = "hook{index}"',
                  f'secret_env = "HOOK{index}_SECRET"', 'timeout = "2s"']
    if smtp_port is not None:
        lines += ["[notify.email]", 'host = "127.0.0.1"', f"port = {smtp_port}",
                  'sender = "tracker@example.org"', 'recipients = ["desk@example.org"]',
                  'timeout = "5s"']
    if apprise_url is not None:
        lines += ["[[notify.apprise]]", 'name = "chat"', f'url = "{apprise_url}"']
    return "\n".join(lines) + "\n"


def setup(feed_server: FeedServer, tmp_path: Path, notify_toml: str) -> Settings:
    url = feed_server.serve("/aid.xml",
                            Response(200, rss(feed_items(QUAKE_AID[:2]), title="aid")))
    settings = config.load(write_config(tmp_path, [{"url": url, "name": "Aid <Wire>"}],
                                        extra=notify_toml))
    poll(settings)
    return settings


def poll(settings: Settings) -> None:
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())


def merge_later_reports(feed_server: FeedServer, settings: Settings) -> tuple[str, str]:
    """The later reports arrive and merge the two updates: (absorbed, kept)."""
    feed_server.serve("/aid.xml", Response(200, rss(feed_items(QUAKE_AID), title="aid")))
    poll(settings)
    with EventStore(settings.store_path) as store:
        rows = store.db.execute("SELECT update_id, into_update FROM update_merges").fetchall()
    assert len(rows) == 1, "the later reports make the two updates one"
    return rows[0][0], rows[0][1]


def run(settings: Settings, channels: tuple[str, ...] | None = None
        ) -> tuple[list[dict[str, Any]], list[Any]]:
    """One pass of the outbox in a fresh process's way (new connection, new outbox),
    through the real senders, only to ``channels`` when given."""
    with EventStore(settings.store_path) as store:
        outbox = Outbox(settings, store)
        if channels is not None:
            outbox.senders = {c: s for c, s in outbox.senders.items() if c in channels}
        return outbox.run(force=True)


def bodies(hooks: Hooks, channel: str) -> list[dict[str, Any]]:
    found = [json.loads(body) for _, body in hooks.accepted()]
    return [p for p in found if p["channel"] == channel]


def test_a_channel_told_of_both_updates_is_told_once_they_are_one(feed_server, hooks,
                                                                   tmp_path, monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "s")
    settings = setup(feed_server, tmp_path, notify((hooks.url,)))
    run(settings)
    [first] = bodies(hooks, HOOKS[0])
    assert len(first["updates"]) == 2 and first["merges"] == []
    told = {u["id"]: u["summary"] for u in first["updates"]}
    absorbed, kept = merge_later_reports(feed_server, settings)
    assert set(told) == {absorbed, kept}

    run(settings)
    [_, second] = bodies(hooks, HOOKS[0])
    assert second["updates"] == [], "the later reports joined an update told of already"
    [merge] = second["merges"]
    assert merge["key"] == f"{absorbed}:{kept}"
    assert (merge["update_id"], merge["into"]) == (absorbed, kept)
    assert merge["summary"] == told[absorbed], "said as it was announced"
    assert merge["announced"] and merge["into_announced"]
    assert merge["announced"][:10] == first["created"][:10]
    # The merged update is carried by the publishers of all four reports now.
    assert merge["outlets"] == len(merge["publishers"]) == 3
    assert sorted(merge["languages"]) == ["ar", "en", "ru"]
    # Merges alone: the subject counts them.
    assert second["subject"].startswith(f"{settings.story.name}: 1 earlier update merged: ")

    # Exactly once: another pass, a restart, a rebuild, a rejudge that finds the same
    # merge again send nothing more.
    assert run(settings) == ([], [])
    with EventStore(settings.store_path) as store:
        store.rebuild()
        assert digests.pending_merges(store.db.conn, HOOKS[0]) == []
        Tracker(settings, store).rejudge()
        assert store.db.execute("SELECT update_id, into_update FROM update_merges"
                                ).fetchall() == [(absorbed, kept)]
    assert run(settings) == ([], [])
    assert len(bodies(hooks, HOOKS[0])) == 2


def test_the_daemon_check_composes_a_notice_alone_once_it_is_due(feed_server, hooks,
                                                                  tmp_path, monkeypatch):
    """Not forced (the daemon's every-30-seconds check): a merge is a change that makes a
    digest due, like a new update."""
    monkeypatch.setenv("HOOK0_SECRET", "s")
    settings = setup(feed_server, tmp_path, notify((hooks.url,)))
    with EventStore(settings.store_path) as store:
        assert len(Outbox(settings, store).compose_due()) == 1
        assert Outbox(settings, store).compose_due() == []
        merge_later_reports(feed_server, settings)
        [payload] = Outbox(settings, store).compose_due()
        assert payload["updates"] == [] and len(payload["merges"]) == 1
        assert Outbox(settings, store).compose_due() == []


def test_a_failed_delivery_is_retried_and_the_notice_neither_lost_nor_doubled(
        feed_server, hooks, tmp_path, monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "s")
    settings = setup(feed_server, tmp_path, notify((hooks.url,)))
    run(settings)
    absorbed, _ = merge_later_reports(feed_server, settings)
    hooks.status = 503
    composed, outcomes = run(settings)
    assert len(composed) == 1 and [o.ok for o in outcomes] == [False]
    assert run(settings)[0] == [], "the notice is in the digest composed already"
    hooks.status = 200
    composed, outcomes = run(settings)  # a new outbox and connection: a restart
    assert composed == [] and [o.ok for o in outcomes] == [True]
    notices = [(h["idempotency-key"], m["update_id"]) for h, body in hooks.accepted()
               for m in json.loads(body)["merges"]]
    assert [u for _, u in notices] == [absorbed], "delivered once after the failure"
    failed = [json.loads(b) for h, b in hooks.received if h["x-answered"] == "503"]
    assert {p["digest_id"] for p in failed} == {notices[0][0]}, "the same digest retried"
    assert run(settings) == ([], [])


def test_no_notice_where_the_absorbed_update_was_never_announced(feed_server, hooks,
                                                                  tmp_path, monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "s")
    monkeypatch.setenv("HOOK1_SECRET", "t")
    settings = setup(feed_server, tmp_path, notify((hooks.url, hooks.url + "?two")))
    run(settings, channels=(HOOKS[0],))  # only the first channel hears of the two
    absorbed, kept = merge_later_reports(feed_server, settings)
    run(settings)
    [_, told] = bodies(hooks, HOOKS[0])
    assert [m["update_id"] for m in told["merges"]] == [absorbed]
    [fresh] = bodies(hooks, HOOKS[1])
    assert fresh["merges"] == [], "its sources simply belong to the other update"
    assert [u["id"] for u in fresh["updates"]] == [kept]
    assert len(fresh["updates"][0]["sources"]) == len(QUAKE_AID)


def test_mail_and_apprise_show_the_merged_section(feed_server, hooks, smtp, tmp_path):
    sink, controller = smtp
    port = int(hooks.url.rsplit(":", 1)[1].split("/")[0])
    settings = setup(feed_server, tmp_path, notify(
        smtp_port=controller.port, apprise_url=f"json://127.0.0.1:{port}/digest"))
    run(settings)
    absorbed, kept = merge_later_reports(feed_server, settings)
    run(settings)
    assert len(sink.messages) == 2
    message = sink.messages[1]
    assert message["Subject"].startswith(f"{settings.story.name}: 1 earlier update merged")
    text = message.get_body(("plain",)).get_content()
    html_part = message.get_body(("html",)).get_content()
    with EventStore(settings.store_path) as store:
        summaries = dict(store.db.execute("SELECT id, summary FROM update_state"))
    assert "MERGED" in text and "is now part of: " + summaries[kept] in text
    assert "now 3 outlets (" in text and "3 languages (" in text
    assert all(f"{lang}" in text.split("3 languages (")[1][:12] for lang in ("ar", "en", "ru"))
    assert "<h2>Merged</h2>" in html_part and 'class="merge"' in html_part
    chat = [json.loads(body) for _, body in hooks.accepted()]
    assert len(chat) == 2 and "MERGED" in chat[1]["message"]
    assert chat[1]["title"] == message["Subject"]


# The section itself, on documents composed here (pure code).

def pending_merge(into_announced: str | None, into: str = "u-kept") -> PendingMerge:
    sources = (SourceLine("TASS", "Ил-76 приземлился", "https://tass.ru/1", False, "tass.ru",
                          "ru"),
               SourceLine("Wire <x>", "Quake aid lands", "https://wire.test/2", False,
                          "wire.test", "en-GB"))
    return PendingMerge("u-gone:u-kept", "u-gone", "Aid <b>plane</b> lands in Kabul",
                        "2026-03-09T10:00:00+00:00", into, "Russia sends quake aid",
                        into_announced, 1, sources, "2026-03-10T08:00:00+00:00")


def new_update(update_id: str) -> PendingUpdate:
    return PendingUpdate(update_id, "aid", "Russia sends quake aid", "2026-03-09",
                         "2026-03-09T09:00:00+00:00", 0.8, 1, (
                             SourceLine("Wire", "Quake aid", "https://wire.test/3"),))


def test_the_section_in_text_and_html_and_the_subject_beside_other_news():
    payload = compose("email", "Story", [new_update("u-kept")], [], [],
                      "2026-03-10T12:00:00+00:00", [pending_merge(None)])
    assert payload is not None
    assert payload["subject"] == "Story: Russia sends quake aid (+1 merged update)"
    [merge] = payload["merges"]
    assert merge["outlets"] == 2 and merge["publishers"] == ["tass.ru", "wire.test"]
    assert merge["languages"] == ["ru", "en"]
    text = render_text(payload)
    assert "1 new update, 1 merged update." in text
    assert ("* Aid <b>plane</b> lands in Kabul (announced 2026-03-09 10:00)\n"
            "  is now part of: Russia sends quake aid (new in this digest)\n"
            "  one development, now 2 outlets (tass.ru, wire.test), 2 languages (ru, en)"
            ) in text
    page = render_html(payload)
    assert "Aid &lt;b&gt;plane&lt;/b&gt; lands in Kabul" in page and "<b>plane" not in page
    assert "(new in this digest)" in page
    again = compose("email", "Story", [new_update("u-kept")], [], [],
                    "2026-03-10T12:00:00+00:00", [])
    assert again is not None and again["digest_id"] != payload["digest_id"]


def test_where_the_update_went_into_was_announced_or_not():
    told = compose("email", "Story", [], [], [], "2026-03-10T12:00:00+00:00",
                   [pending_merge("2026-03-08T07:30:00+00:00")])
    assert told is not None and "(announced 2026-03-08 07:30)" in render_text(told)
    assert told["subject"] == "Story: 1 earlier update merged: Aid <b>plane</b> lands in Kabul"
    untold = compose("email", "Story", [], [], [], "2026-03-10T12:00:00+00:00",
                     [pending_merge(None)])
    assert untold is not None and "(not announced before)" in render_text(untold)


def test_a_digest_composed_before_merges_were_told_of_still_renders():
    payload = compose("email", "Story", [new_update("u-1")], [], [],
                      "2026-03-10T12:00:00+00:00")
    assert payload is not None
    del payload["merges"]  # as DigestComposed version 1 froze it
    assert "MERGED" not in render_text(payload) and "Merged" not in render_html(payload)
    assert DigestComposed.VERSION == 2
    old = decode("DigestComposed", 1, {"digest_id": "d-1", "channel": "email",
                                       "update_ids": ["u-1"], "contradictions": [],
                                       "payload": payload})
    assert isinstance(old, DigestComposed) and old.merges == []
