"""A short soak of the real daemon: feeds that grow, reloads that add and remove feeds,
outages of a webhook receiver and an SMTP server, a full disk, the clock stepping back
and forward; nothing lost or repeated, and no descriptors or threads piling up.

The long version is ``benchmarks/soak.py``; the scenario is in ``tests/soak.py``.
"""

from __future__ import annotations

from pathlib import Path

from conftest import FeedServer
from soak import soak_run

# Descriptors and threads may differ by a few between two moments (a connection being
# opened, a worker thread started on demand); a leak grows with the work done.
SLACK = 6


def test_a_short_soak_loses_nothing_and_holds_its_resources(feed_server: FeedServer,
                                                           hooks, tmp_path: Path):
    soak = soak_run(feed_server, hooks, tmp_path, feeds=20, seconds=40, per_feed=8,
                    settle_timeout=180)
    print(soak.summary())
    run = soak.run
    assert run.problems == [], "\n".join(run.problems) + "\n" + soak.summary()
    assert run.items >= 20 * 4  # the feeds grew while polled
    assert (run.lost, run.duplicated, run.repeats) == (0, 0, 0)
    assert run.updates > 0 and run.digests > 0
    assert run.refused > 0  # the outage happened while digests were due
    mail = soak.mail
    assert mail.digests > 0 and mail.refused > 0 and mail.repeats == 0, soak.summary()
    assert mail.updates == run.updates
    # The full disk: status said a commit failed and the daemon had not caught up, then
    # that it had.
    full, after = soak.status_when_full, soak.status_after
    assert full["commit_failed_at"] and full["caught_up"] is False, soak.summary()
    assert after["caught_up"] is True and after["commit_failures"] >= 1, soak.summary()
    # Polling went on after each clock step: each live feed about once a second.
    assert min(soak.polls_after_step.values()) >= 20, soak.summary()
    assert soak.reloads == 2 and soak.feeds_added == 2 and soak.feeds_removed == 2
    middle, end = soak.samples["middle"], soak.samples["end"]
    assert end.fds <= middle.fds + SLACK, soak.summary()
    assert end.threads <= middle.threads + SLACK, soak.summary()
    assert soak.wal_bytes == 0, soak.summary()
