"""Poll every class of hostile feed in tests/hostile.py and say how the tracker fared;
then kill the daemon at random and break its storage, and say how it fared there.

    python benchmarks/reliability.py [--together] [--only NAME ...] [--kills N]
                                     [--log-level LEVEL]

Each class is served on 127.0.0.1 next to a healthy feed and polled through
Tracker.poll() into a fresh SQLite store, once or twice (see tests/hostile.py). One
line per class: survived or not, what the feed's state recorded, the slowest cycle, the
growth of peak resident memory, and the articles to record against those recorded.
The last line sums it up; "lost" counts articles that had to be recorded and were not,
"duplicated" articles recorded more than once. ``--together`` serves every class side
by side and polls them all in the same cycles.

Then two more kinds of class, in a second table. ``crash-sigkill`` runs the real daemon
against feeds that grow on every fetch and a webhook receiver, kills it with SIGKILL
``--kills`` times at random moments (default 20; 0 leaves it out), lets a last clean
run settle and audits the store and the receiver (see tests/crash.py). The storage
classes break the store for real, a full disk and a read-only store, and check for one
clear line, nothing half-written, and full recovery (see tests/faults.py); a class this
machine cannot produce (say, no permission to mount a tmpfs) is skipped and named.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import FeedServer  # noqa: E402
from crash import Run, crash_run  # noqa: E402
from faults import SCENARIOS, FaultReport  # noqa: E402
from hostile import CASES, MB, Kit, Report, run_case, run_cycles  # noqa: E402
from receivers import start_hooks, stop_hooks  # noqa: E402

CRASH = "crash-sigkill"
STORAGE = {scenario.__name__.replace("_", "-"): scenario for scenario in SCENARIOS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--together", action="store_true",
                        help="poll every class in the same cycles")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run these classes only")
    parser.add_argument("--kills", type=int, default=20, metavar="N",
                        help="SIGKILLs of the crash class (default 20; 0 leaves it out)")
    parser.add_argument("--log-level", default="CRITICAL",
                        help="the tracker's log level (default: CRITICAL, i.e. quiet)")
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(message)s")
    known = [c.name for c in CASES] + [CRASH, *STORAGE]
    if args.only and (unknown := [n for n in args.only if n not in known]):
        parser.error(f"no such class: {', '.join(unknown)}; known: {', '.join(known)}")
    cases = [c for c in CASES if not args.only or c.name in args.only]
    crash = args.kills > 0 and (not args.only or CRASH in args.only)
    storage = [n for n in STORAGE if not args.only or n in args.only]

    started = time.monotonic()
    reports = _hostile(cases, args.together) if cases else []
    survived = sum(r.survived for r in reports)
    lost = sum(r.lost for r in reports)
    duplicated = sum(r.duplicated for r in reports)
    tried = len(reports)
    if reports:
        _print_hostile(reports, cases)
        print(f"\n(total {time.monotonic() - started:.1f}s; cycle = slowest polling cycle, "
              f"memory = growth of peak RSS over one cycle, articles = recorded/to record)")

    others: list[tuple[str, bool, str, float, str, list[str]]] = []
    skipped: list[str] = []
    if crash or storage:
        run, faults = _crash_and_storage(args.kills if crash else 0, storage)
        if run is not None:
            others.append((CRASH, not run.problems and not run.lost and not run.duplicated,
                           f"{run.kills} SIGKILLs, {run.digests} digests, "
                           f"{run.repeats} repeats", run.seconds,
                           f"{run.items - run.lost}/{run.items}", run.problems))
            lost, duplicated = lost + run.lost, duplicated + run.duplicated
        for name, fault in faults:
            if fault.skipped:
                skipped.append(f"{name} ({fault.skipped})")
                continue
            others.append((name, fault.survived, fault.how, fault.seconds,
                           f"{fault.recorded}/{fault.served}", fault.problems))
            lost, duplicated = lost + fault.lost, duplicated + fault.duplicated
        width = max([len(CRASH), *(len(o[0]) for o in others)])
        print(f"\n{'class':<{width}}  survived  {'how':<62}  {'time':>6}  articles")
        for name, ok, how, seconds, articles, problems in others:
            print(f"{name:<{width}}  {'yes' if ok else 'NO':<8}  {how[:62]:<62}  "
                  f"{seconds:>5.1f}s  {articles}")
            for problem in problems:
                print(f"{'':<{width}}  ! {_brief(problem)}")
        if run is not None:
            print(f"\n{run.summary()}")
        for line in skipped:
            print(f"skipped: {line}")
    tried += len(others)
    survived += sum(o[1] for o in others)
    print(f"\n(total {time.monotonic() - started:.1f}s)")
    print(f"classes tried {tried}, survived {survived}, events lost {lost}, "
          f"events duplicated {duplicated}")
    return 0 if survived == tried and not lost and not duplicated else 1


def _hostile(cases: list[Any], together: bool) -> list[Report]:
    kit = Kit()
    try:
        with tempfile.TemporaryDirectory(prefix="tracker-reliability-") as scratch:
            if together:
                reports = run_cycles(cases, kit, Path(scratch))
            else:
                reports = []
                for case in cases:
                    directory = Path(scratch) / case.name
                    directory.mkdir()
                    reports.append(run_case(case, kit, directory))
    finally:
        kit.close()
    return reports


def _print_hostile(reports: list[Report], cases: list[Any]) -> None:
    width = max(len(c.name) for c in cases)
    print(f"{'class':<{width}}  survived  {'recorded':<30}  {'cycle':>6}  {'memory':>8}  "
          f"articles")
    for report in reports:
        print(_line(report, width))
        for problem in report.problems:
            print(f"{'':<{width}}  ! {problem.strip()[:500]}")


def _crash_and_storage(kills: int, storage: list[str]
                       ) -> tuple[Run | None, list[tuple[str, FaultReport]]]:
    """The crash class (when ``kills``) and the storage classes, each in a scratch
    directory of its own, with a feed server and a webhook receiver on 127.0.0.1."""
    server = FeedServer()
    server.thread.start()
    hooks, hooks_server = start_hooks()
    run = None
    faults: list[tuple[str, FaultReport]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="tracker-reliability-") as scratch:
            if kills:
                directory = Path(scratch) / CRASH
                directory.mkdir()
                try:
                    run = crash_run(server, hooks, directory, kills=kills)
                except AssertionError as exc:  # it never settled
                    run = Run(kills=kills, problems=[str(exc)[:2000]])
            for name in storage:
                directory = Path(scratch) / name
                directory.mkdir()
                try:
                    faults.append((name, STORAGE[name](server, hooks, directory)))
                except AssertionError as exc:  # a wait that timed out
                    faults.append((name, FaultReport(name, "-", problems=[str(exc)])))
    finally:
        stop_hooks(hooks_server)
        server.httpd.shutdown()
        server.httpd.server_close()
    return run, faults


def _brief(problem: str) -> str:
    """A problem on one line: a traceback's first and last lines."""
    lines = [line.strip() for line in problem.strip().splitlines() if line.strip()]
    text = lines[0] if len(lines) < 3 else f"{lines[0]} ... {lines[-1]}"
    return text[:500]


def _line(report: Report, width: int) -> str:
    shown = ", ".join(dict.fromkeys(report.outcomes)) or "-"
    recorded = f"{shown}: {report.reason or 'articles read'}"
    return (f"{report.case:<{width}}  {'yes' if report.survived else 'NO':<8}  "
            f"{recorded:<30}  {report.seconds:>5.2f}s  {report.memory / MB:>5.1f} MB  "
            f"{report.recorded}/{report.served}")


if __name__ == "__main__":
    sys.exit(main())
