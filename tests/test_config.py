"""Config validation: every problem names its key; the CLI exits 2 and writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED_CONFIG, write_config

from tracker import config, validate
from tracker.errors import ConfigError


def test_shipped_config_is_valid():
    settings = config.load(SHIPPED_CONFIG)
    assert len(settings.feeds) >= 12
    assert settings.story.baseline is not None and settings.story.baseline.is_file()
    assert len({f.id for f in settings.feeds}) == len(settings.feeds)
    assert all(f.url.startswith("https://") for f in settings.feeds)


@pytest.mark.parametrize(
    ("extra", "feeds", "key"),
    [
        ("[fetch]\ntimeuot = 5", [], "fetch.timeuot"),
        ("[fetch]\nconcurrency = \"many\"", [], "fetch.concurrency"),
        ("[fetch]\nconcurrency = 0", [], "fetch.concurrency"),
        ("[schedule]\nevery = \"soon\"", [], "schedule.every"),
        ("[schedule]\nevery = \"-5m\"", [], "schedule.every"),
        ("[schedule]\nevery = 0", [], "schedule.every"),
        ("[schedule]\nevery = \"2d\"\nmax_interval = \"1d\"", [], "schedule.max_interval"),
        ("[log]\nlevel = \"LOUD\"", [], "log.level"),
        ("colour = true", [], "colour"),
        ("", [{"url": "ftp://example.org/feed"}], "feeds[0].url"),
        ("", [{"url": "http://"}], "feeds[0].url"),
        ("", [{"url": "https://example.org:99999/feed"}], "feeds[0].url"),
        ("", [{"url": "https://a.test/f", "every": "fortnightly"}], "feeds[0].every"),
        ("", [{"url": "https://a.test/f", "title": "x"}], "feeds[0].title"),
        ("", [{"name": "no url"}], "feeds[0].url"),
        ("", [{"url": "https://a.test/f"}, {"url": "https://a.test/f"}], "feeds[1].url"),
        ("", [{"url": "https://a.test/f", "every": True}], "feeds[0].every"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, extra: str, feeds: list, key: str):
    path = write_config(tmp_path, feeds, extra=extra)
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    assert caught.value.key == key
    assert str(caught.value).startswith(key + ":")
    assert "\n" not in str(caught.value)


def test_story_needs_two_sides(tmp_path: Path):
    path = tmp_path / "c.toml"
    path.write_text('[story]\nname = "s"\n[[story.sides]]\nname = "A"\nterms = ["a"]\n')
    with pytest.raises(ConfigError, match=r"^story\.sides:"):
        config.load(path)


def test_relative_store_path_is_relative_to_the_config_file(tmp_path: Path):
    sub = tmp_path / "etc"
    sub.mkdir()
    settings = config.load(write_config(sub, []))
    assert settings.store_path == (sub / "tracker.db").resolve()


def test_durations():
    assert validate.parse_duration("90s", "k") == 90
    assert validate.parse_duration("15m", "k") == 900
    assert validate.parse_duration("2h", "k") == 7200
    assert validate.parse_duration("1d", "k") == 86400
    assert validate.parse_duration(45, "k") == 45
    with pytest.raises(ConfigError, match="^k:"):
        validate.parse_duration("1 week", "k")


def test_cli_bad_config_exits_2_with_one_line_and_writes_nothing(tmp_path: Path):
    path = write_config(tmp_path, [{"url": "gopher://old.test/feed"}])
    before = sorted(p.name for p in tmp_path.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--config", str(path), "poll"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "feeds[0].url" in lines[0], result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_missing_config_file_is_a_clear_error(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--config", str(tmp_path / "nope.toml"), "status"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "cannot read config" in result.stderr
