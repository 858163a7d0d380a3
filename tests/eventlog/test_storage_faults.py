"""Storage faults: a full disk and a read-only store, produced for real (see
tests/faults.py for how), give one clear line and no corruption, and the tracker
records everything once the fault is gone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import FeedServer
from faults import (
    FaultReport,
    full_disk_daemon,
    full_disk_poll,
    full_store_in_process,
    read_only_file,
    read_only_fs,
    read_only_in_process,
)

from tracker.errors import StoreError
from tracker.eventlog import storage


def check(report: FaultReport) -> None:
    if report.skipped:
        pytest.skip(report.skipped)
    print(f"{report.name}: said {report.said!r}; recorded {report.recorded}/{report.served}")
    assert not report.problems, "\n".join(report.problems)
    assert report.served > 3 and report.lost == 0 and report.duplicated == 0


@pytest.mark.slow
def test_full_disk_while_the_daemon_runs(feed_server: FeedServer, hooks, tmp_path: Path):
    check(full_disk_daemon(feed_server, hooks, tmp_path))


def test_tracker_poll_on_a_full_disk(feed_server: FeedServer, tmp_path: Path):
    check(full_disk_poll(feed_server, None, tmp_path))


def test_read_only_file_system(feed_server: FeedServer, tmp_path: Path):
    check(read_only_fs(feed_server, None, tmp_path))


def test_read_only_database_file_for_a_process_held_to_file_modes(
        feed_server: FeedServer, tmp_path: Path):
    check(read_only_file(feed_server, None, tmp_path))


def test_store_at_its_size_cap_in_process(feed_server: FeedServer, tmp_path: Path):
    check(full_store_in_process(feed_server, None, tmp_path))


def test_read_only_store_in_process(feed_server: FeedServer, tmp_path: Path):
    check(read_only_in_process(feed_server, None, tmp_path))


def test_only_the_environment_s_refusals_count_as_store_faults(tmp_path: Path):
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("PRAGMA query_only = ON")
    with pytest.raises(sqlite3.OperationalError) as refused:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(sqlite3.OperationalError) as bad:
        conn.execute("SELECT nope FROM sqlite_master")
    conn.close()
    assert storage.is_fault(refused.value)
    assert not storage.is_fault(StoreError("write failed"))
    try:
        raise StoreError("write failed") from refused.value
    except StoreError as wrapped:
        assert storage.is_fault(wrapped)
    assert not storage.is_fault(bad.value)  # a bad statement is a bug, not the disk
    assert storage.explain(tmp_path / "x.db", refused.value) == str(refused.value)


def test_explaining_a_fault_keeps_this_process_s_locks_on_the_store(tmp_path: Path):
    """Found by the soak's full disk: explain() opened and closed the store file to see
    whether it was writable, which drops every POSIX lock the process holds on it. The
    next process to close the store then took itself for the last user, checkpointed and
    deleted the WAL under the daemon, whose connection read "file is not a database"
    from then on."""
    import subprocess
    import sys

    from tracker import events as ev
    from tracker.eventlog.store import EventStore

    path = tmp_path / "store.db"
    wal = tmp_path / "store.db-wal"
    with EventStore(path) as store:
        store.append([ev.FeedRegistered(feed_id="f", url="https://x.test/feed", name="x")])
        assert wal.exists()
        storage.explain(path, sqlite3.OperationalError("disk I/O error"))
        subprocess.run([sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect("
                        "sys.argv[1]); c.execute('SELECT count(*) FROM events'); c.close()",
                        str(path)], check=True)
        assert wal.exists(), "another process reset the WAL under this one"
        store.append([ev.FeedRegistered(feed_id="g", url="https://y.test/feed", name="y")])
        assert store.count() == 2
