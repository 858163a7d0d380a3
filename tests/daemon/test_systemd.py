"""systemd integration: the notify protocol over real sockets, journald-friendly logs, and
the shipped unit checked by systemd's own tools."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import ROOT

from tracker import log
from tracker.daemon.systemd import Notifier

UNIT = ROOT / "systemd" / "tracker.service"
MAX_EXPOSURE = 2.0


@pytest.fixture
def listener(tmp_path: Path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify"
    sock.bind(str(path))
    sock.settimeout(2)
    yield str(path), sock
    sock.close()


def test_notify_messages_reach_a_socket_file(listener):
    path, sock = listener
    notifier = Notifier.from_environ({"NOTIFY_SOCKET": path})
    assert notifier.ready("feeds ok=2 failing=0;\nlast poll 12:03:04Z")
    assert sock.recv(4096) == b"READY=1\nSTATUS=feeds ok=2 failing=0; last poll 12:03:04Z"
    assert notifier.reloading()
    reloading = sock.recv(4096).decode()
    assert re.fullmatch(r"RELOADING=1\nMONOTONIC_USEC=\d+", reloading)
    assert notifier.stopping()
    assert sock.recv(4096) == b"STOPPING=1"
    notifier.close()


def test_notify_messages_reach_an_abstract_socket():
    name = f"tracker-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(2)
        notifier = Notifier.from_environ({"NOTIFY_SOCKET": "@" + name})
        assert notifier.watchdog()
        assert sock.recv(4096) == b"WATCHDOG=1"
        notifier.close()


def test_without_notify_socket_nothing_is_sent_and_nothing_fails():
    notifier = Notifier.from_environ({})
    assert not notifier.enabled
    assert notifier.ready("x") is False
    assert notifier.watchdog_interval() is None


def test_watchdog_interval_is_half_the_timeout_and_only_for_this_process():
    env = {"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000"}
    assert Notifier.from_environ(env).watchdog_interval() == 15.0
    mine = {**env, "WATCHDOG_PID": str(os.getpid())}
    assert Notifier.from_environ(mine).watchdog_interval() == 15.0
    # Inherited from a parent that systemd watches: not ours to ping.
    assert Notifier.from_environ({**env, "WATCHDOG_PID": "1"}).watchdog_interval() is None
    assert Notifier.from_environ({**env, "WATCHDOG_USEC": "soon"}).watchdog_interval() is None


def test_an_unreachable_socket_is_logged_once_and_never_raises(tmp_path: Path, caplog):
    notifier = Notifier.from_environ({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})
    with caplog.at_level(logging.WARNING, logger="tracker.daemon.systemd"):
        assert notifier.ready() is False
        assert notifier.status("still here") is False
    failures = [r for r in caplog.records if "notify status=failed" in r.getMessage()]
    assert len(failures) == 1
    assert not notifier.enabled
    unsupported = Notifier.from_environ({"NOTIFY_SOCKET": "vsock:2:1234"})
    assert not unsupported.enabled


# -- logs -----------------------------------------------------------------------------


def test_logs_to_the_journal_carry_their_priority_and_no_timestamp():
    read_end, write_end = os.pipe()
    info = os.fstat(write_end)
    code = ("import logging; from tracker import log; log.setup('INFO');"
            "l = logging.getLogger('tracker.x'); l.info('poll feed=a outcome=ok');"
            "l.warning('poll feed=b outcome=error');"
            "l.error('job status=error', exc_info=ValueError('v'))")
    env = {**os.environ, "JOURNAL_STREAM": f"{info.st_dev}:{info.st_ino}"}
    with os.fdopen(read_end, "rb") as reader:
        process = subprocess.Popen([sys.executable, "-c", code], stderr=write_end, env=env)
        os.close(write_end)
        output = reader.read().decode()
    assert process.wait(timeout=30) == 0
    lines = output.splitlines()
    assert lines[0] == "<6>INFO tracker.x poll feed=a outcome=ok"
    assert lines[1] == "<4>WARNING tracker.x poll feed=b outcome=error"
    assert lines[2] == "<3>ERROR tracker.x job status=error"
    assert all(line.startswith("<3>") for line in lines[3:])  # the traceback, same level


def test_logs_elsewhere_under_systemd_have_no_timestamp_nor_prefix(monkeypatch):
    monkeypatch.setenv("INVOCATION_ID", "0" * 32)
    monkeypatch.setenv("JOURNAL_STREAM", "1:1")  # not our stderr
    assert not log.to_journal(sys.stderr)
    record = logging.LogRecord("tracker.x", logging.INFO, __file__, 1, "a=b", None, None)
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    log.setup("INFO")
    try:
        assert root.handlers[0].format(record) == "INFO tracker.x a=b"
    finally:
        root.handlers[:] = saved
        root.setLevel(level)


# -- the unit -------------------------------------------------------------------------


def analysable_unit(tmp_path: Path) -> Path:
    """The shipped unit with its ExecStart pointed at this environment's tracker.

    ``systemd-analyze verify`` refuses a unit whose command does not exist, and the unit
    names /opt/tracker, where the README installs it; everything else is unchanged.
    """
    here = Path(sys.executable).parent / "tracker"
    if not here.exists():
        pytest.skip(f"no tracker console script at {here}: install the package first")
    text = UNIT.read_text()
    assert "ExecStart=/opt/tracker/bin/tracker " in text
    copy = tmp_path / "tracker.service"
    copy.write_text(text.replace("/opt/tracker/bin/tracker", str(here)))
    return copy


needs_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze not installed (apt-get install systemd; .ci/run does it as root)")


@needs_analyze
def test_unit_passes_systemd_analyze_verify(tmp_path: Path):
    unit = analysable_unit(tmp_path)
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    # Complaints about other units of this machine are not ours; about this one they are.
    assert "tracker.service" not in result.stderr, result.stderr


@needs_analyze
def test_unit_exposure_is_at_most_2(tmp_path: Path):
    unit = analysable_unit(tmp_path)
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", "--no-pager", str(unit)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    found = re.search(r"Overall exposure level for tracker\.service: (\d+\.\d+)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= MAX_EXPOSURE, result.stdout


def test_unit_asks_for_what_the_daemon_does():
    text = UNIT.read_text()
    settings = dict(line.split("=", 1) for line in text.splitlines()
                    if "=" in line and not line.startswith("#"))
    assert settings["Type"] == "notify" and settings["NotifyAccess"] == "main"
    assert settings["ExecReload"] == "/bin/kill -HUP $MAINPID"
    assert settings["Restart"] == "on-failure" and settings["DynamicUser"] == "yes"
    assert settings["WatchdogSec"] and settings["StateDirectory"] == "tracker"
    # The daemon exits within 10 s of SIGTERM; systemd must not kill it sooner.
    assert int(settings["TimeoutStopSec"].rstrip("s")) > 10
