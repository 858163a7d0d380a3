"""`tracker demo` right after `pip install`: no config, no files, an empty folder."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

from conftest import ROOT

SHIPPED = ROOT / "config"


def test_demo_in_an_empty_directory_needs_nothing_of_the_user(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # A clean environment: no TRACKER_CONFIG, no HOME, no proxies; only a PATH.
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
           "TMPDIR": str(scratch)}
    result = subprocess.run([sys.executable, "-m", "tracker", "demo"], cwd=empty,
                            capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "sample story shipped with tracker" in out
    assert re.search(r"Updates since the baseline: [1-9]", out), out[-3000:]
    assert "The digest a subscriber would receive" in out
    assert "sqlite-utils tables" in out and "--counts" in out
    assert list(empty.iterdir()) == [], "the demo writes nothing into the working directory"
    store = next(scratch.glob("tracker-demo-*/demo.db"))
    assert str(store) in out
    # The commands it prints work on the store it left.
    query = subprocess.run([str(Path(sys.executable).parent / "sqlite-utils"), str(store),
                            "select count(*) as n from updates"], capture_output=True,
                           text=True, timeout=60, env=env)
    assert json.loads(query.stdout)[0]["n"] >= 1
    report = store.parent / "report.html"
    command = f"tracker --config {store.parent / 'tracker.toml'} report --html {report}"
    assert command in out
    made = subprocess.run([sys.executable, "-m", "tracker", "--config",
                           str(store.parent / "tracker.toml"), "report", "--html",
                           str(report)], capture_output=True, text=True, timeout=60, env=env)
    assert made.returncode == 0, made.stderr
    assert "Russia" in report.read_text("utf-8")


def test_the_packaged_story_is_the_shipped_one():
    """The demo's copy of the story and its baseline stay in step with config/."""
    packaged = resources.files("tracker").joinpath("data/demo")
    for name in ("russia-taliban.story.toml", "russia-taliban.baseline.toml"):
        assert packaged.joinpath(name).read_bytes() == (SHIPPED / name).read_bytes(), name
