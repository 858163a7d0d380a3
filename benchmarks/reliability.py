"""Poll every class of hostile feed in tests/hostile.py and say how the tracker fared.

    python benchmarks/reliability.py [--together] [--only NAME ...] [--log-level LEVEL]

Each class is served on 127.0.0.1 next to a healthy feed and polled through
Tracker.poll() into a fresh SQLite store, once or twice (see tests/hostile.py). One
line per class: survived or not, what the feed's state recorded, the slowest cycle, the
growth of peak resident memory, and the articles to record against those recorded.
The last line sums it up; "lost" counts articles that had to be recorded and were not,
"duplicated" articles recorded more than once. ``--together`` serves every class side
by side and polls them all in the same cycles.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hostile import CASES, MB, Kit, Report, run_case, run_cycles  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--together", action="store_true",
                        help="poll every class in the same cycles")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run these classes only")
    parser.add_argument("--log-level", default="CRITICAL",
                        help="the tracker's log level (default: CRITICAL, i.e. quiet)")
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(message)s")
    cases = [c for c in CASES if not args.only or c.name in args.only]
    if not cases:
        parser.error(f"no such class; known: {', '.join(c.name for c in CASES)}")

    started = time.monotonic()
    kit = Kit()
    try:
        with tempfile.TemporaryDirectory(prefix="tracker-reliability-") as scratch:
            if args.together:
                reports = run_cycles(cases, kit, Path(scratch))
            else:
                reports = []
                for case in cases:
                    directory = Path(scratch) / case.name
                    directory.mkdir()
                    reports.append(run_case(case, kit, directory))
    finally:
        kit.close()

    width = max(len(c.name) for c in cases)
    print(f"{'class':<{width}}  survived  {'recorded':<30}  {'cycle':>6}  {'memory':>8}  "
          f"articles")
    for report in reports:
        print(_line(report, width))
        for problem in report.problems:
            print(f"{'':<{width}}  ! {problem.strip()[:500]}")
    survived = sum(r.survived for r in reports)
    lost = sum(r.lost for r in reports)
    duplicated = sum(r.duplicated for r in reports)
    print(f"\n(total {time.monotonic() - started:.1f}s; cycle = slowest polling cycle, memory ="
          f" growth of peak RSS over one cycle, articles = recorded/to record)")
    print(f"classes tried {len(reports)}, survived {survived}, events lost {lost}, "
          f"events duplicated {duplicated}")
    return 0 if survived == len(reports) and not lost and not duplicated else 1


def _line(report: Report, width: int) -> str:
    shown = ", ".join(dict.fromkeys(report.outcomes)) or "-"
    recorded = f"{shown}: {report.reason or 'articles read'}"
    return (f"{report.case:<{width}}  {'yes' if report.survived else 'NO':<8}  "
            f"{recorded:<30}  {report.seconds:>5.2f}s  {report.memory / MB:>5.1f} MB  "
            f"{report.recorded}/{report.served}")


if __name__ == "__main__":
    sys.exit(main())
