"""A newcomer's first ten minutes: the demo, OPML, the report, Datasette metadata."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, FeedServer, Response, rss, write_config

from tracker import config
from tracker.cli import cli
from tracker.eventlog.store import EventStore
from tracker.opml import OPMLError, read_opml
from tracker.poll.service import Tracker

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My reader</title></head><body>
<outline text="Asia">
  <outline type="rss" text="Asia desk" title="Asia desk" xmlUrl="https://asia.test/rss"/>
  <outline type="rss" text="Duplicate" xmlUrl="https://asia.test/rss"/>
</outline>
<outline type="rss" text="Gopher" xmlUrl="gopher://old.test/feed"/>
<outline type="rss" title="Kabul news" xmlUrl="https://kabul.test/feed.xml"/>
<outline text="a folder without a feed"/>
</body></opml>"""


def test_demo_runs_offline_and_leaves_a_store_to_query(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path), "no_proxy": "*"}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--config", str(ROOT / "config" / "tracker.toml"),
         "demo"], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Updates since the baseline: 5" in out
    assert "Background (dated before the baseline): 1" in out
    assert "The digest a subscriber would receive" in out
    assert "(copy)" in out, "the syndicated copy is recognised"
    store = next(tmp_path.glob("tracker-demo-*/demo.db"))
    assert str(store) in out
    query = subprocess.run([str(Path(sys.executable).parent / "sqlite-utils"), str(store),
                            "select count(*) as n from updates"], capture_output=True,
                           text=True, timeout=60)
    assert json.loads(query.stdout) == [{"n": 6}]


def test_opml_import_keeps_comments_and_skips_what_it_cannot_use(tmp_path):
    path = write_config(tmp_path, [{"url": "https://kabul.test/feed.xml", "name": "Kabul"}])
    path.write_text("# my precious comment\n" + path.read_text())
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(OPML)
    result = CliRunner().invoke(cli, ["--config", str(path), "feeds", "import", str(opml)])
    assert result.exit_code == 0, result.output
    assert "added 1" in result.output
    assert "gopher" in result.output and "already configured" in result.output
    text = path.read_text()
    assert text.startswith("# my precious comment")
    settings = config.load(path)
    assert [f.url for f in settings.feeds] == ["https://kabul.test/feed.xml",
                                               "https://asia.test/rss"]
    assert settings.feeds[1].name == "Asia desk"
    exported = CliRunner().invoke(cli, ["--config", str(path), "feeds", "export"])
    assert [f.url for f in read_opml(exported.output.encode())] == [
        "https://kabul.test/feed.xml", "https://asia.test/rss"]


def test_opml_with_a_doctype_is_refused():
    with pytest.raises(OPMLError, match="DOCTYPE"):
        read_opml(b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]>'
                  b"<opml><body/></opml>")
    with pytest.raises(OPMLError, match="not an OPML"):
        read_opml(b"<rss/>")


def test_feeds_list_shows_health(feed_server: FeedServer, tmp_path):
    good = feed_server.serve("/ok.xml", Response(200, rss([{"title": "t", "guid": "1"}])))
    bad = feed_server.serve("/bad.xml", Response(500, b""))
    path = write_config(tmp_path, [{"url": good, "name": "Good"}, {"url": bad, "name": "Bad"}])
    runner = CliRunner()
    runner.invoke(cli, ["--config", str(path), "poll"])
    result = runner.invoke(cli, ["--config", str(path), "feeds", "list"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert "ok" in lines and "failing" in lines
    assert "Good" in lines["ok"] and "Bad" in lines["failing"]


def test_datasette_metadata_describes_every_table_and_view(tmp_path):
    metadata = json.loads((ROOT / "storage" / "metadata.json").read_text())
    tables = metadata["databases"]["tracker"]["tables"]
    settings = config.load(write_config(tmp_path, []))
    with EventStore(settings.store_path) as store:
        names = set(store.db.table_names()) | set(store.db.view_names())
        for name in ("events", "articles", "feeds", "updates", "update_sources",
                     "baseline_facts", "fact_sources", "deliveries"):
            assert name in tables, name
            described = tables[name]["columns"]
            actual = {c.name for c in store.db[name].columns}
            assert set(described) <= actual, (name, set(described) - actual)
        assert set(tables) <= names


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_report_renders_in_headless_chromium(feed_server: FeedServer, tmp_path):
    items = [
        {"title": "Russia and Taliban sign rail transit agreement", "guid": "https://t/1",
         "link": "https://t/1", "description": "Moscow and Kabul signed a rail deal.",
         "pubDate": "Mon, 09 Mar 2026 10:00:00 GMT"},
        {"title": "Russian aid plane lands in Kabul after floods", "guid": "https://t/2",
         "link": "https://t/2", "description": "EMERCOM delivered 30 tonnes of aid to "
         "Afghanistan.", "pubDate": "Tue, 14 Apr 2026 09:00:00 GMT"},
        # Markup as text (escaped twice in the feed): the page must show it, not run it.
        {"title": "Moscow rejects &lt;claim&gt; on Taliban recognition", "guid": "https://t/3",
         "link": "https://t/3", "description": "Belarus became the first country to "
         "recognise the Taliban government, a paper claimed; Russian officials disagreed.",
         "pubDate": "Thu, 01 Oct 2026 10:00:00 GMT"},
    ]
    url = feed_server.serve("/f.xml", Response(200, rss(items)))
    path = write_config(tmp_path, [url])
    settings = config.load(path)
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["--config", str(path), "report", "--html", str(page)])
    assert result.exit_code == 0, result.output
    artifacts = Path(os.environ.get("TRACKER_ARTIFACTS", ROOT / "artifacts"))
    artifacts.mkdir(parents=True, exist_ok=True)
    shot = artifacts / "report.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tempfile.mkdtemp()}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-500:]
    rendered = dom.stdout
    # The script ran and drew one bar per week, and the statements are on the page.
    assert 'data-chart-bars="' in rendered and "<rect" in rendered
    weeks = int(rendered.split('data-chart-bars="', 1)[1].split('"', 1)[0])
    assert weeks >= 2 and rendered.count('class="bar"') == weeks
    assert "Russia and Taliban sign rail transit agreement" in rendered
    assert "Moscow rejects &lt;claim&gt; on Taliban recognition" in rendered
    assert 'class="contradiction"' in rendered
    subprocess.run([CHROMIUM, *flags, "--window-size=1200,1600", f"--screenshot={shot}",
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000, "the screenshot shows a rendered page"
