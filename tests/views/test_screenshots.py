"""The report and the digest as a reader sees them: rendered by headless Chromium from the
demo's store, checked in the rendered DOM, and saved as PNG screenshots to
$TRACKER_ARTIFACTS (else a temporary directory) for a person to look at."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker import config, demo
from tracker.eventlog.store import EventStore
from tracker.notify.digest import render_html
from tracker.notify.outbox import Outbox
from tracker.views.report import render
from tracker.views.story import coverage, story

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="headless Chromium is not installed (apt-get install "
                                       "chromium)")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tempfile.mkdtemp()}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True,
                          timeout=120)


def artifacts() -> Path:
    directory = Path(os.environ.get("TRACKER_ARTIFACTS") or tempfile.mkdtemp(
        prefix="tracker-screens-"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> tuple[Path, Path]:
    """The demo's report and the digest its subscriber would get, as HTML files."""
    workdir = tmp_path_factory.mktemp("demo")
    demo.run(None, lambda line: None, workdir)
    settings = config.load(workdir / "tracker.toml")
    with EventStore(settings.store_path) as store:
        report = render(story(store), settings.story.name, coverage(store),
                        datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
        [payload] = Outbox(settings, store, senders={"email": lambda p: "shown"}).preview()
    (workdir / "report.html").write_text(report, "utf-8")
    (workdir / "digest.html").write_text(render_html(payload), "utf-8")
    return workdir / "report.html", workdir / "digest.html"


def shoot(page: Path, name: str, size: str) -> Path:
    return shoot_url(page.as_uri(), name, size)


def shoot_url(url: str, name: str, size: str) -> Path:
    shot = artifacts() / name
    result = chromium(f"--window-size={size}", f"--screenshot={shot}", url)
    assert result.returncode == 0, result.stderr[-500:]
    assert shot.stat().st_size > 20_000, "the screenshot shows a rendered page"
    return shot


def test_the_report_is_a_filterable_timeline_starting_at_the_baseline(pages):
    report, _ = pages
    dom = chromium("--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-500:]
    rendered = dom.stdout
    timeline = rendered.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    entries = re.findall(r'<li class="entry (\w+)"', timeline)
    assert entries[0] == "baseline" and entries.count("update") == 5
    dates = re.findall(r"<time>(\d{4}-\d{2}-\d{2})", timeline)
    assert dates == sorted(dates), "oldest first, from the baseline on"
    # The filter script ran: the filter is visible and counts what it shows.
    assert '<div id="filters">' in rendered and "showing 5 of 5" in rendered
    assert "outlet(s)" not in rendered and "source(s)" not in rendered
    # One update in two languages from two publishers (in the order they reported it).
    assert re.search(r"2 outlets: (lenta|wire)-demo\.invalid, (lenta|wire)-demo\.invalid "
                     r"· languages: (ru, en|en, ru)", rendered)
    # Every source the analysis read has its language identified (issue 13).
    assert "language not recorded" not in rendered
    shoot(report, "report-demo.png", "1200,1800")
    # Filtered to one kind (the selection a link can carry): the others are hidden.
    economy = chromium("--dump-dom", report.as_uri() + "#only=economy").stdout
    hidden = re.findall(r'<li class="entry update" data-kind="(\w+)" hidden', economy)
    assert "showing 1 of 5" in economy
    assert sorted(hidden) == ["diplomacy", "diplomacy", "humanitarian", "position"]
    shoot_url(report.as_uri() + "#only=economy", "report-demo-economy.png", "1200,900")


def test_the_digest_leads_with_the_most_important_development(pages):
    _, digest = pages
    dom = chromium("--dump-dom", digest.as_uri())
    assert dom.returncode == 0, dom.stderr[-500:]
    rendered = dom.stdout
    lead = rendered.split('class="group lead"', 1)[1].split("</section>", 1)[0]
    assert "2 outlets" in lead, "the lead is carried by the most outlets"
    assert "1 outlet:" in rendered and "outlet(s)" not in rendered
    shoot(digest, "digest-demo.png", "900,1400")
