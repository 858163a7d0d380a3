"""``tracker demo``: the whole pipeline, offline, on sample feeds, in a few seconds.

The sample feeds ship in ``tracker/data/demo/``: items written for the project that
describe real developments of the story, plus unrelated news. They are served from a
loopback HTTP server, polled, judged, turned into updates and a digest, into a
temporary store that is left in place for the user to query.

With no config file at all (a fresh ``pip install`` in an empty folder) the demo follows
the sample story shipped beside the feeds (copies of ``config/russia-taliban.story.toml``
and its baseline),
and leaves a config next to the store so that the other commands can read it.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from tracker import config
from tracker.analysis.gist import gist_names
from tracker.config import FeedConfig, Settings
from tracker.config.notify import NotifySettings
from tracker.eventlog.store import EventStore
from tracker.notify.digest import render_text
from tracker.notify.outbox import Outbox
from tracker.poll.service import Tracker
from tracker.views.story import render_text as render_story
from tracker.views.story import story

FEEDS = (("wire.xml", "Demo Wire"), ("lenta.xml", "Демо-лента"), ("desk.xml", "Demo Afghan Desk"))
STORY_FILES = ("russia-taliban.story.toml", "russia-taliban.baseline.toml")
"""Copies of the shipped story file and its baseline (a test keeps them in step)."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _serve(directory: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _copy_packaged(names: Iterable[str], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        data = resources.files("tracker").joinpath(f"data/demo/{name}").read_bytes()
        (target / name).write_bytes(data)


def packaged_settings(workdir: Path) -> Settings:
    """The sample story shipped in the package, copied into ``workdir`` (so the user can
    read it and start their own config from it) and loaded from there; its store is
    ``workdir/demo.db``, and ``workdir/tracker.toml`` is a config that reads it."""
    _copy_packaged(STORY_FILES, workdir)
    (workdir / "tracker.toml").write_text(
        "# The demo's store and sample story: tracker --config THIS_FILE report ...\n"
        f'[store]\npath = "demo.db"\n\n[story]\nfile = "{STORY_FILES[0]}"\n', "utf-8")
    return config.load(workdir / "tracker.toml")


def run(settings: Settings | None, say: Callable[[str], None],
        directory: Path | None = None) -> Path:
    """Run the demo with ``settings``' story, or with the packaged sample story when
    there is no config (None); returns the demo store's path."""
    workdir = directory or Path(tempfile.mkdtemp(prefix="tracker-demo-"))
    demo_config = None
    if settings is None:
        settings = packaged_settings(workdir)
        demo_config = workdir / "tracker.toml"
        say(f"No config file found: following the sample story shipped with tracker "
            f"({workdir / STORY_FILES[0]}).")
    feeds_dir = workdir / "feeds"
    _copy_packaged((name for name, _ in FEEDS), feeds_dir)
    store_path = workdir / "demo.db"
    with _serve(feeds_dir) as base, EventStore(store_path) as store:
        demo = replace(settings, store_path=store_path, notify=NotifySettings(),
                       feeds=tuple(FeedConfig(url=f"{base}/{name}", name=title)
                                   for name, title in FEEDS))
        tracker = Tracker(demo, store)
        tracker.ensure_baseline()
        say(f"Polling {len(demo.feeds)} sample feeds served from {base} ...")
        for outcome in asyncio.run(tracker.poll()):
            say(f"  {outcome.name}: {outcome.items} items, {outcome.new} new, "
                f"{outcome.relevant} about the story")
        say("")
        say(render_story(story(store, names=gist_names(demo.story)), demo.story.name))
        preview = Outbox(demo, store, senders={"demo": lambda payload: "shown"}).preview()
        say("")
        for payload in preview:
            say("The digest a subscriber would receive:")
            say(render_text(payload))
    say("")
    say(f"The demo store is {store_path}. Try:")
    for command in (
        f"sqlite-utils tables {store_path} --counts",
        f"sqlite-utils {store_path} \"select kind, event_date, sources, summary from updates\""
        " --table",
        f"sqlite-utils {store_path} \"select title, relevant, score, reason from articles\""
        " --table",
        f"sqlite-utils search {store_path} articles Kabul -c title --table",
    ):
        say(f"  {command}")
    if demo_config is not None:
        say(f"  tracker --config {demo_config} report --html {workdir / 'report.html'}")
    return store_path
