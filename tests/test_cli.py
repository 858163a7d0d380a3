"""The command line, through click's runner and as a real process."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import ROOT, FeedServer, Response, rss, write_config

from tracker.cli import cli

ITEM = {"title": "Russia and Taliban open talks on rail link", "guid": "r1",
        "description": "Moscow and Kabul officials met.", "link": "https://n.test/r1"}


def invoke(config_path, *args):
    result = CliRunner().invoke(cli, ["--config", str(config_path), *args],
                                catch_exceptions=False)
    return result


def test_init_poll_status_events_rebuild(feed_server: FeedServer, tmp_path):
    url = feed_server.serve("/f.xml", Response(200, rss([ITEM])))
    path = write_config(tmp_path, [{"url": url, "name": "Loopback"}])
    result = invoke(path, "init")
    assert result.exit_code == 0 and "baseline:" in result.output
    result = invoke(path, "poll")
    assert result.exit_code == 0
    assert "new_articles=1 relevant=1" in result.output
    result = invoke(path, "status", "--json")
    assert result.exit_code == 0
    status = json.loads(result.output)
    assert status["counts"]["relevant_articles"] == 1
    assert status["feeds"][0]["status"] == "ok" and status["feeds"][0]["name"] == "Loopback"
    result = invoke(path, "events", "--json", "--type", "ArticleRecorded")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [e["data"]["title"] for e in lines] == [ITEM["title"]]
    assert invoke(path, "events", "--limit", "2").output.count("\n") == 2
    result = invoke(path, "rebuild")
    assert result.exit_code == 0 and "rebuilt projections" in result.output


def test_status_exits_non_zero_when_a_feed_needs_attention(feed_server: FeedServer, tmp_path):
    url = feed_server.serve("/gone.xml", Response(410, b""))
    path = write_config(tmp_path, [url])
    assert invoke(path, "poll").exit_code == 0, "feed failures are recorded, not fatal"
    result = invoke(path, "status")
    assert result.exit_code == 1
    assert "retired" in result.output


def test_config_from_environment(feed_server: FeedServer, tmp_path, monkeypatch):
    path = write_config(tmp_path, [])
    monkeypatch.setenv("TRACKER_CONFIG", str(path))
    result = CliRunner().invoke(cli, ["init"], catch_exceptions=False)
    assert result.exit_code == 0
    assert str(tmp_path) in result.output


def test_every_command_has_help_and_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert re.search(rf"tracker (\[[^\]]*\] )?(--config \S+ )?{name}\b", readme), (
            f"README.md does not show `tracker {name}`")
