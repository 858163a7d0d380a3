"""Run tracker commands as child processes that SIGKILL themselves at the Nth commit.

The hooks are in tests/childhooks/sitecustomize.py (test-only, put on the child's
PYTHONPATH; the library has no hook of its own). Used by tests/test_commit_kills.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

HOOKS = Path(__file__).resolve().parent / "childhooks"
SECRET_ENV = "KILLS_HOOK_SECRET"
KILLED = -signal.SIGKILL


@dataclass(frozen=True)
class Kill:
    """Where a child kills itself: the ``nth`` COMMIT (or config replace, ``kind``
    "replace") among those whose stack names ``where``, ``when`` it starts or returns."""

    nth: int
    when: str = "before"
    kind: str = "commit"
    where: str = ""

    def env(self) -> dict[str, str]:
        name = "TRACKER_TEST_KILL_AT_COMMIT" if self.kind == "commit" else \
            "TRACKER_TEST_KILL_AT_REPLACE"
        return {name: str(self.nth), "TRACKER_TEST_KILL_WHEN": self.when,
                "TRACKER_TEST_KILL_WHERE": self.where}

    def label(self) -> str:
        return f"{self.kind} {self.nth}{' of ' + self.where if self.where else ''} {self.when}"


def child_env(kill: Kill | None = None, commit_log: Path | None = None,
              clock_file: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_TEST_")
           and k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HOOKS), env.get("PYTHONPATH")]))
    env.update(PYTHONUNBUFFERED="1", **{SECRET_ENV: "kills-secret"})
    if kill is not None:
        env.update(kill.env())
    if commit_log is not None:
        env["TRACKER_TEST_COMMIT_LOG"] = str(commit_log)
    if clock_file is not None:
        env["TRACKER_TEST_CLOCK_FILE"] = str(clock_file)
    return env


def command(config_path: Path, args: list[str], env: dict[str, str]) -> int:
    """Run ``python -m tracker --config ... args``; its return code (negative: signal)."""
    done = subprocess.run([sys.executable, "-m", "tracker", "--config", str(config_path),
                           *args], env=env, capture_output=True, timeout=120)
    if done.returncode not in (0, KILLED):
        raise AssertionError(f"tracker {' '.join(args)} exited {done.returncode}:\n"
                             + done.stderr.decode(errors="replace")[-3000:])
    return done.returncode


def commits(log: Path, kind: str = "commit") -> list[str]:
    """The ``where`` of each commit a child logged, in order (one child per log)."""
    if not log.exists():
        return []
    found = []
    for line in log.read_text("utf-8").splitlines():
        _, logged, _, where = line.split(" ", 3)
        if logged == kind:
            found.append(where)
    return found


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.log", "commits*"))


def wait_for(predicate: Callable[[], bool], process: subprocess.Popen[bytes] | None,
             timeout: float, log: Path) -> bool:
    """Wait until ``predicate`` holds (True) or ``process`` has died (False)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if process is not None and process.poll() is not None:
            return False
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise AssertionError("timed out waiting for the daemon:\n" + tail)
        time.sleep(0.1)
    return True


def read_only(db: Path) -> sqlite3.Connection:
    return closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True))  # type: ignore[return-value]
