"""Measure relevance on the labelled sample, served as a real feed on 127.0.0.1.

    python benchmarks/eval_relevance.py [--items ../shared/eval/items.jsonl]

Prints precision and recall over all items, for English and for other languages, and
lists every disagreement with the labels and the judge's reason. Per language and per
language group, with the update figures, see ``eval_multilingual.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

# The feed and the store come from eval_feed, the one convention of every eval script;
# the names stay importable from here for the scripts and tests that use them.
from eval_feed import (  # noqa: E402, F401
    items_as_rss,
    load_items,
    printed_date,
    run_tracker,
    serve,
)


def measure(items_path: Path, config_path: Path) -> dict:
    items = load_items(items_path)
    judged = run_tracker(items, config_path, "SELECT key, relevant, score, reason FROM articles")
    groups: dict[str, dict[str, int]] = {}
    misses = []
    for item in items:
        row = judged[item["id"]]
        predicted, actual = bool(row["relevant"]), bool(item["relevant"])
        for group in ("all", "en" if item["language"] == "en" else "other"):
            g = groups.setdefault(group, {"n": 0, "tp": 0, "fp": 0, "fn": 0, "tn": 0})
            g["n"] += 1
            g["tp" if predicted and actual else "fp" if predicted else
              "fn" if actual else "tn"] += 1
        if predicted != actual:
            misses.append((item["id"], item["language"], actual, row["score"], row["reason"],
                           item["title"]))
    return {"groups": groups, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=Path, default=ROOT.parent / "shared/eval/items.jsonl")
    parser.add_argument("--config", type=Path, default=ROOT / "config/tracker.toml")
    args = parser.parse_args()
    result = measure(args.items, args.config)
    for name, g in result["groups"].items():
        precision = g["tp"] / (g["tp"] + g["fp"]) if g["tp"] + g["fp"] else float("nan")
        recall = g["tp"] / (g["tp"] + g["fn"]) if g["tp"] + g["fn"] else float("nan")
        print(f"{name:<6} items={g['n']:<4} relevant={g['tp'] + g['fn']:<4} "
              f"tp={g['tp']} fp={g['fp']} fn={g['fn']} precision={precision:.3f} "
              f"recall={recall:.3f}")
    for miss in result["misses"]:
        print("MISS", *miss, sep=" | ")


if __name__ == "__main__":
    main()
