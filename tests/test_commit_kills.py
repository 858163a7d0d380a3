"""A tracker process SIGKILLed at its Nth commit loses nothing and doubles nothing (issue 14).

Each command runs as a real child process (``python -m tracker ...``) whose test-only
start-up hook (tests/childhooks) kills it with SIGKILL when its Nth COMMIT starts (the
transaction is lost) or once it has returned (committed, but the process's memory is
lost); ``feeds import`` is killed at its config file's replace, its commit. The command
is then run again, as an operator or systemd would, and the store must equal a clean
run's after the same step: the same articles, updates with the same sources, analyses,
digests, deliveries, and the receiver must have each digest (by Idempotency-Key). The
daemon's polls, digests and SIGHUP reload are killed in the same way, then the daemon is
restarted. Faulted runs start from a copy of the clean run's directory before the step.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from commitfaults import QUAKE, QUAKE_RU, WEATHER, WHEAT_DE
from conftest import SHIPPED_CONFIG, FeedServer, Response, rss, story_toml, write_config
from crash import launch, reap
from kills import (
    KILLED,
    SECRET_ENV,
    Kill,
    child_env,
    command,
    commits,
    copy_tree,
    read_only,
    wait_for,
)
from receivers import Hooks, start_hooks, stop_hooks
from test_commit_faults import fingerprint

from tracker.eventlog.store import EventStore

CHANNEL = "webhook:ops"


def notify_toml(url: str, every: str = "1s") -> str:
    return (f'[schedule]\nevery = "{every}"\njitter = 0\nbackoff_base = "1s"\n'
            '[notify]\nquiet_period = "0s"\nmin_interval = "0s"\nretry_base = "1s"\n'
            f'[[notify.webhooks]]\nurl = "{url}"\nname = "ops"\nsecret_env = "{SECRET_ENV}"\n'
            'timeout = "5s"\n')


def state_of(directory: Path) -> dict[str, Any]:
    """The fingerprint of the store (tests/test_commit_faults.py) and the config's feeds."""
    with EventStore(directory / "tracker.db") as store:
        found = fingerprint(store)
    document = tomllib.loads((directory / "tracker.toml").read_text("utf-8"))
    found["feeds"] = [(f["url"], f.get("name", "")) for f in document.get("feeds", [])]
    return found


def delivered_keys(hooks: Hooks, since: int) -> Counter[str]:
    """The digests the receiver accepted since ``since`` requests, by Idempotency-Key;
    a key seen twice must carry the same body both times."""
    bodies: dict[str, bytes] = {}
    keys: Counter[str] = Counter()
    for headers, body in hooks.received[since:]:
        if headers.get("x-answered") != "2xx":
            continue
        key = headers.get("idempotency-key", "")
        assert bodies.setdefault(key, body) == body, f"digest {key} sent with two bodies"
        keys[key] += 1
    return keys


# -- the one-shot commands ----------------------------------------------------------

@dataclass
class Step:
    name: str
    args: list[str]
    served: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """What the feed server serves during the step, by path."""
    kind: str = "commit"


def one_shot_steps(opml: Path) -> list[Step]:
    return [
        Step("import", ["feeds", "import", str(opml)], kind="replace"),
        # One development per cycle: which of two feeds polled at once is analysed first
        # is up to the network, and with it which article opens an update.
        Step("poll", ["poll"], {"/en.xml": [QUAKE], "/wx.xml": [WEATHER], "/ru.xml": []}),
        Step("poll again", ["poll"], {"/en.xml": [QUAKE, WHEAT_DE], "/ru.xml": [QUAKE_RU]}),
        Step("rejudge", ["rejudge"]),
        Step("digest", ["digest"]),
        Step("rebuild", ["rebuild"]),
    ]


def serve(feed_server: FeedServer, step: Step) -> None:
    for path, items in step.served.items():
        feed_server.serve(path, Response(200, rss(items)))


def opml_for(directory: Path, urls: list[str]) -> Path:
    outlines = "".join(f'<outline text="wire {n}" xmlUrl="{url}"/>'
                       for n, url in enumerate(urls))
    path = directory / "feeds.opml"
    path.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>', "utf-8")
    return path


EVERY = os.environ.get("TRACKER_TEST_EVERY_KILL") == "1"
"""Kill at every commit of every step, before and after (20 kills, about a minute);
by default the suite kills each step once, to keep within its time: before the last
commit of the 1st, 3rd, 5th step, after the first commit of the others."""


def kill_points(index: int, count: int, step: Step) -> list[Kill]:
    kind = step.kind
    if EVERY:
        return [Kill(n, when, kind) for n in range(1, count + 1) for when in ("before", "after")]
    if index % 2:
        return [Kill(1, "after", kind)]
    if step.args == ["poll"]:
        # A poll groups its writes into commits by time (EventStore.grouped): on a busy
        # machine its records may take a commit of their own before the analysis's, so
        # the last commit is found by the code that makes it, not by its number.
        return [Kill(1, "before", kind, where="analyse_backlog")]
    return [Kill(count, "before", kind)]


def killed_then_rerun(directory: Path, step: Step, kill: Kill, hooks: Hooks) -> Counter[str]:
    """Kill the step, run it again; what the receiver accepted meanwhile (exact only when
    runs that deliver go one at a time)."""
    config_path = directory / "tracker.toml"
    since = len(hooks.received)
    assert command(config_path, step.args, child_env(kill)) == KILLED, \
        f"{step.name}: {kill.label()} did not kill"
    assert command(config_path, step.args, child_env()) == 0
    return delivered_keys(hooks, since)


def test_one_shot_commands_killed_at_their_nth_commit(feed_server: FeedServer, hooks: Hooks,
                                                      tmp_path: Path):
    # Served before the steps, so that the config and OPML can name them.
    urls = [feed_server.url(p) for p in ("/en.xml", "/wx.xml", "/ru.xml")]
    for path in ("/en.xml", "/wx.xml", "/ru.xml"):
        feed_server.serve(path, Response(200, rss([])))
    opml = opml_for(tmp_path, urls)
    steps = one_shot_steps(opml)
    clean = tmp_path / "clean"
    clean.mkdir()
    write_config(clean, urls[:1], extra=notify_toml(hooks.url))
    before = [tmp_path / "before-0"]
    copy_tree(clean, before[0])
    states, counts = [], []
    for index, step in enumerate(steps):
        serve(feed_server, step)
        log = tmp_path / f"commits-{index}"
        since = len(hooks.received)
        assert command(clean / "tracker.toml", step.args, child_env(commit_log=log)) == 0
        states.append((state_of(clean), delivered_keys(hooks, since)))
        counts.append(len(commits(log, step.kind)))
        before.append(tmp_path / f"before-{index + 1}")
        copy_tree(clean, before[-1])
    assert all(counts[1:]) and counts[0] == 1, counts
    assert states[4][1] and set(states[4][1].values()) == {1}, "the digest step sent nothing"

    checked = 0
    for index, step in enumerate(steps):
        serve(feed_server, step)
        runs = {}
        for kill in kill_points(index, counts[index], step):
            directory = tmp_path / f"kill-{index}-{kill.nth}-{kill.when}"
            copy_tree(before[index], directory)
            runs[directory] = kill
        state, keys = states[index]
        # Two at a time: each child is mostly start-up, and the kills are independent;
        # but one at a time when digests go out, to tell whose the receiver got.
        with ThreadPoolExecutor(max_workers=1 if keys else 2) as pool:
            delivered = list(pool.map(killed_then_rerun, runs, [step] * len(runs),
                                      runs.values(), [hooks] * len(runs)))
        for (directory, kill), got in zip(runs.items(), delivered, strict=True):
            label = f"{step.name}, killed at {kill.label()}"
            assert state_of(directory) == state, label
            # Each digest reached the receiver (again only if the kill came between its
            # sending and the record of it, with the same key and body).
            assert set(got) == set(keys), label
            checked += 1
    print(f"kill points checked: {checked} (commits per step {counts})")
    assert checked >= len(steps)


# -- the daemon ---------------------------------------------------------------------

DAEMON_KILLS = [Kill(1, "before", where="Daemon._apply"),
                Kill(1, "after", where="Daemon._apply"),
                Kill(2, "before", where="poll_feed"),
                Kill(1, "after", where="outbox")]
"""The reload's commit (its baseline), a poll's and a digest's; the daemon's commits come
in an order set by time, so they are found by the code on the stack."""


def settled(db: Path, urls: set[str], facts: int) -> bool:
    """Every URL recorded, ``facts`` baseline facts, every update in a delivered digest."""
    try:
        with read_only(db) as conn:
            recorded = {u for (u,) in conn.execute("SELECT url FROM articles")}
            waiting = conn.execute(
                "SELECT (SELECT count(*) FROM updates u WHERE background = 0 AND NOT EXISTS"
                " (SELECT 1 FROM digest_items d WHERE d.channel = ?"
                "  AND d.item = 'update:' || u.id))"
                " + (SELECT count(*) FROM digests WHERE status != 'delivered')",
                (CHANNEL,)).fetchone()[0]
            known = conn.execute("SELECT count(*) FROM baseline_facts").fetchone()[0]
    except sqlite3.Error:
        return False
    return urls <= recorded and not waiting and known == facts


EXTRA_FACT = """
[[facts]]
id = "B99"
kind = "economy"
date = "2025-07-08"
statement = "A fact added while the daemon runs, so that its reload has something to record."
actors = ["Russia", "Taliban"]
sources = ["seed-000"]
keywords = ["reload test fact"]
"""


def shipped_facts() -> int:
    shipped = tomllib.loads(SHIPPED_CONFIG.read_text("utf-8"))["story"]["file"]
    story = tomllib.loads((SHIPPED_CONFIG.parent / shipped).read_text("utf-8"))
    baseline = (SHIPPED_CONFIG.parent / story["baseline"]).read_text("utf-8")
    return len(tomllib.loads(baseline)["facts"])


def grown_story(directory: Path) -> str:
    """The shipped story, its baseline with one more fact: the [story] table to use."""
    shipped = tomllib.loads(SHIPPED_CONFIG.read_text("utf-8"))["story"]["file"]
    story = (SHIPPED_CONFIG.parent / shipped).read_text("utf-8")
    baseline_name = tomllib.loads(story)["baseline"]
    (directory / shipped).write_text(story, "utf-8")
    baseline = (SHIPPED_CONFIG.parent / baseline_name).read_text("utf-8")
    (directory / baseline_name).write_text(baseline + EXTRA_FACT, "utf-8")
    return f"[story]\nfile = {json.dumps(str(directory / shipped))}\n"


def reload_config(directory: Path, urls: list[str], hooks: Hooks) -> None:
    """The second config: one more feed, one more baseline fact (the reload's commit)."""
    path = write_config(directory, urls, extra=notify_toml(hooks.url))
    text = path.read_text("utf-8").replace(story_toml(), grown_story(directory))
    path.write_text(text, "utf-8")


def daemon_life(feed_server: FeedServer, hooks: Hooks, directory: Path,
                kill: Kill | None) -> tuple[dict[str, Any], Counter[str], bool]:
    """Two feeds, then a SIGHUP reload that adds a third; a daemon killed on the way is
    started again (without the kill). The store's state, the digests the receiver
    accepted, and whether the kill happened."""
    directory.mkdir()
    urls = [feed_server.url(p) for p in ("/d-en.xml", "/d-wx.xml", "/d-ru.xml")]
    config_path = write_config(directory, urls[:2], extra=notify_toml(hooks.url))
    db, log = directory / "tracker.db", directory / "daemon.log"
    since = len(hooks.received)
    process = launch(config_path, log, child_env(kill))
    killed = False
    try:
        for phase in (urls[:2], urls):
            if phase is urls:
                reload_config(directory, urls, hooks)
                process.send_signal(signal.SIGHUP)
            wanted = {"https://wire.test/quake", "https://wx.test/snow"} | (
                {"https://ru.test/quake"} if phase is urls else set())
            done = partial(settled, db, wanted, shipped_facts() + (phase is urls))
            if not wait_for(done, process, 60, log):
                assert process.wait() == KILLED, log.read_text(errors="replace")[-3000:]
                killed = True
                process = launch(config_path, log, child_env())
                wait_for(done, process, 60, log)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        reap(process)
    return state_of(directory), delivered_keys(hooks, since), killed


def test_the_daemon_killed_at_a_reload_a_poll_and_a_digest(feed_server: FeedServer,
                                                          hooks: Hooks, tmp_path: Path):
    # A killed daemon hangs up in the middle of answers: no traceback from the server.
    feed_server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    feed_server.serve("/d-en.xml", Response(200, rss([QUAKE])))
    feed_server.serve("/d-wx.xml", Response(200, rss([WEATHER])))
    feed_server.serve("/d-ru.xml", Response(200, rss([QUAKE_RU])))
    clean, keys, _ = daemon_life(feed_server, hooks, tmp_path / "clean", None)
    assert keys and clean["deliveries"], "the clean run delivered nothing"

    def life(kill: Kill) -> tuple[dict[str, Any], Counter[str], bool]:
        # A receiver of its own, to tell what this life delivered.
        own, server = start_hooks()
        try:
            return daemon_life(feed_server, own,
                               tmp_path / f"{kill.where}-{kill.nth}-{kill.when}", kill)
        finally:
            stop_hooks(server)

    # All at once: a daemon spends most of its life waiting for its next poll.
    with ThreadPoolExecutor(max_workers=len(DAEMON_KILLS)) as pool:
        lives = list(pool.map(life, DAEMON_KILLS))
    for kill, (state, got, killed) in zip(DAEMON_KILLS, lives, strict=True):
        assert killed, f"{kill.label()} did not kill"
        assert state == clean, kill.label()
        assert set(got) == set(keys), kill.label()
    print(f"daemon kill points checked: {len(DAEMON_KILLS)}")
