"""Relevance and updates per language, through the whole pipeline.

    python benchmarks/eval_multilingual.py [--items PATH ...] [--json FILE] [--explain]

Each items file (default: ``../shared/eval/items.jsonl`` and
``../shared/eval/items-multilingual.jsonl``) is served as one RSS feed on 127.0.0.1 (the
convention is in ``eval_feed.py``), polled once by the library into a fresh store, and
scored from the store's views (``articles``, ``article_analysis``, ``update_sources``,
``updates``) against the labels. For each file it prints a table per language (the
item's ``language`` label) and per language group (English; Cyrillic; Arabic script;
other; all), then one over all files together. What each figure means is in
``eval_metrics.py``. Development ids come from ``development_id``, else from the
``development`` string (items.jsonl has no ids).

The cost is the store's re-analysis (``tracker rejudge``: judge every article, analyse
every relevant one, append the events), best of three, in articles per second; and the
poll's, which adds fetching, parsing and storing.

``--explain`` lists, for each development split into several updates and each
baseline-only item announced, the items with their update ids and kinds; and the
new-development items in no update and the relevance errors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from eval_feed import PolledStore, load_items, polled_store  # noqa: E402
from eval_metrics import (  # noqa: E402
    Figures,
    ItemLabel,
    ItemOutcome,
    ItemResult,
    Ratio,
    announced_updates,
    by_group,
    by_language,
    confidence_separation,
    script_group,
)

DEFAULT_ITEMS = (ROOT.parent / "shared/eval/items.jsonl",
                 ROOT.parent / "shared/eval/items-multilingual.jsonl")

OUTCOMES_SQL = """
SELECT a.key, a.relevant, a.reason, x.outcome, x.reason AS analysis_reason,
       s.update_id, u.kind, u.background
FROM articles a
LEFT JOIN article_analysis x ON x.article_id = a.id
LEFT JOIN update_sources s ON s.article_id = a.id
LEFT JOIN updates u ON u.id = s.update_id
ORDER BY a.key, s.update_id
"""


def development_id(item: dict[str, Any]) -> str | None:
    """The item's development id, or one made from its ``development`` string: its
    first words and a hash of the whole, so that equal strings meet."""
    if item.get("development_id"):
        return str(item["development_id"])
    text = item.get("development")
    if not text:
        return None
    words = re.findall(r"[^\W_]+", text.casefold())[:4]
    return "-".join(words) + "-" + hashlib.sha1(text.encode()).hexdigest()[:6]


def label(item: dict[str, Any]) -> ItemLabel:
    return ItemLabel(
        item_id=item["id"], language=item["language"],
        group=script_group(item["language"], item.get("summary") or item["title"]),
        relevant=bool(item["relevant"]), baseline_only=item.get("baseline_only") is True,
        development_id=development_id(item),
        predates_baseline=item.get("event_predates_baseline") is True)


@dataclass(frozen=True)
class Run:
    """One items file polled and scored."""

    name: str
    items: dict[str, dict[str, Any]]
    results: list[ItemResult]
    reasons: dict[str, tuple[str | None, str | None]]  # relevance, analysis
    poll_seconds: float
    rejudge: dict[str, float]
    confidence: dict[str, float]
    """Each announced update's confidence, as the poll left it."""


def read_outcomes(polled: PolledStore) -> tuple[dict[str, ItemOutcome],
                                                dict[str, tuple[str | None, str | None]]]:
    outcomes: dict[str, ItemOutcome] = {}
    reasons: dict[str, tuple[str | None, str | None]] = {}
    for row in polled.store.db.query(OUTCOMES_SQL):
        item_id = row["key"].removeprefix("guid:")
        if item_id in outcomes:  # an article in two updates: keep the first by id
            continue
        outcomes[item_id] = ItemOutcome(
            judged_relevant=bool(row["relevant"]), analysis=row["outcome"],
            update_id=row["update_id"], update_kind=row["kind"],
            background=bool(row["background"]))
        reasons[item_id] = (row["reason"], row["analysis_reason"])
    return outcomes, reasons


def rejudge_cost(polled: PolledStore, repeat: int = 3) -> dict[str, float]:
    """Articles per second of ``tracker rejudge`` on the polled store, best of ``repeat``."""
    best = float("inf")
    counts: dict[str, int] = {}
    for _ in range(repeat):
        started = time.perf_counter()
        counts = polled.tracker.rejudge()
        best = min(best, time.perf_counter() - started)
    return {"seconds": best, "articles": counts["articles"], "analysed": counts["analysed"],
            "articles_per_s": counts["articles"] / best,
            "relevant_per_s": counts["analysed"] / best}


def run(items_path: Path, config_path: Path, *, feed_per_item: bool = False) -> Run:
    items = load_items(items_path)
    with polled_store(items, config_path, feed_per_item=feed_per_item) as polled:
        outcomes, reasons = read_outcomes(polled)
        confidence = {row["id"]: row["confidence"] for row in polled.store.db.query(
            "SELECT id, confidence FROM updates WHERE background = 0")}
        cost = rejudge_cost(polled)
    missing = [i["id"] for i in items if i["id"] not in outcomes]
    if missing:
        raise SystemExit(f"{items_path}: items not in the store: {missing[:10]}")
    results = [ItemResult(label(i), outcomes[i["id"]]) for i in items]
    return Run(items_path.stem, {i["id"]: i for i in items}, results, reasons,
               polled.poll_seconds, cost, confidence)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ratio(r: Ratio) -> str:
    return "-" if not r.total else f"{r.hits}/{r.total}"


HEADER = (f"{'':<14}{'items':>6}{'rel P':>7}{'rel R':>7}{'found':>8}{'base ann':>9}"
          f"{'upd/dev':>12}{'B3 P':>6}{'B3 R':>6}{'n':>4}{'B3p P':>7}{'B3p R':>6}{'bg':>6}"
          f"{'bg!':>4}")


def row(name: str, f: Figures) -> str:
    upd = f.updates_per_development
    upd_text = "-" if not upd.total else f"{_num(upd.value)} {upd.hits}/{upd.total}"
    return (f"{name:<14}{f.items:>6}{_num(f.relevance.precision):>7}"
            f"{_num(f.relevance.recall):>7}{_ratio(f.developments_found):>8}"
            f"{_ratio(f.baseline_announced):>9}{upd_text:>12}{_num(f.bcubed.precision):>6}"
            f"{_num(f.bcubed.recall):>6}{f.bcubed.items:>4}"
            f"{_num(f.bcubed_placed.precision):>7}{_num(f.bcubed_placed.recall):>6}"
            f"{_ratio(f.background):>6}{f.wrongly_background:>4}")


def print_tables(title: str, tables: Sequence[dict[str, Figures]]) -> None:
    print(f"\n== {title}")
    print(HEADER)
    for number, table in enumerate(tables):
        if number:
            print("-" * len(HEADER))
        for name, f in table.items():
            print(row(name, f))


LEGEND = """
rel P/R: relevance precision/recall. found: developments with an item in an update.
base ann: baseline-only items in an announced (non-background) update. upd/dev: announced
updates per development that has one. B3 P/R: B-cubed against development ids over the
n new-development items, those in no update as singletons (as in issue 13); B3p P/R:
over only those in an update. bg: pre-baseline developments all of whose updates are
background; bg!: later developments with a background update."""


def figures_json(f: Figures) -> dict[str, Any]:
    out = asdict(f)
    out["relevance"].update(precision=f.relevance.precision, recall=f.relevance.recall)
    for name in ("developments_found", "baseline_announced", "updates_per_development",
                 "background"):
        out[name]["value"] = getattr(f, name).value
    return out


def _item_line(r: ItemResult, title: str) -> str:
    o = r.outcome
    where = (f"{o.update_id} {o.update_kind}{' background' if o.background else ''}"
             if o.update_id else f"no update ({o.analysis})")
    return f"    {r.label.item_id:<8} {r.label.language:<3} {where} | {title[:70]}"


def explain(result: Run) -> None:
    by_id = {r.label.item_id: r for r in result.results}
    per_update: dict[str, list[ItemResult]] = {}
    for r in result.results:
        if r.outcome.update_id:
            per_update.setdefault(r.outcome.update_id, []).append(r)
    print(f"\n== {result.name}: developments split into several announced updates")
    for development, updates in announced_updates(result.results).items():
        if len(updates) < 2:
            continue
        members = [r for r in result.results if r.label.development_id == development]
        print(f"  {development}: {len(updates)} updates, {len(members)} items | "
              f"{(result.items[members[0].label.item_id].get('development') or '')[:80]}")
        for r in members:
            print(_item_line(r, result.items[r.label.item_id]["title"])
                  + f" | {result.reasons[r.label.item_id][1]}")
    print(f"\n== {result.name}: updates holding items of several developments")
    for update_id, members in per_update.items():
        developments = {r.label.development_id for r in members}
        if len(developments) < 2:
            continue
        print(f"  {update_id}: {len(developments)} developments, {len(members)} items")
        for r in sorted(members, key=lambda m: str(m.label.development_id)):
            print(_item_line(r, result.items[r.label.item_id]["title"])
                  + f" | {r.label.development_id or 'baseline'}"
                  + f" | {result.reasons[r.label.item_id][1]}")
    print(f"\n== {result.name}: baseline-only items announced (with their update's items)")
    for r in result.results:
        if r.label.baseline_only and r.label.relevant and r.outcome.announced:
            early = " | event before the baseline" if r.label.predates_baseline else ""
            reason = result.reasons[r.label.item_id][1]
            print(_item_line(r, result.items[r.label.item_id]["title"]) + early
                  + f" | {reason}")
            for other in per_update[r.outcome.update_id or ""]:
                if other is not r:
                    print("      with " + _item_line(other, result.items[
                        other.label.item_id]["title"]).strip())
    print(f"\n== {result.name}: new-development items in no update")
    for r in result.results:
        if r.new_development and not r.outcome.update_id:
            reason = result.reasons[r.label.item_id][1 if r.outcome.judged_relevant else 0]
            print(_item_line(r, result.items[r.label.item_id]["title"]) + f" | {reason}")
    print(f"\n== {result.name}: relevance errors")
    for item_id, r in by_id.items():
        if r.outcome.judged_relevant != r.label.relevant:
            kind = "FP" if r.outcome.judged_relevant else "FN"
            print(f"    {kind} {item_id:<8} {r.label.language:<3} "
                  f"{result.items[item_id]['title'][:60]} | {result.reasons[item_id][0]}")


def pooled(runs: Sequence[Run]) -> list[ItemResult]:
    """Every file's results together, development ids kept apart per file."""
    out = []
    for result in runs:
        for r in result.results:
            lab = r.label
            development = f"{result.name}/{lab.development_id}" if lab.development_id else None
            out.append(ItemResult(ItemLabel(
                f"{result.name}/{lab.item_id}", lab.language, lab.group, lab.relevant,
                lab.baseline_only, development, lab.predates_baseline), r.outcome))
    return out


def print_cost(result: Run) -> None:
    c = result.rejudge
    print(f"cost: poll (fetch, parse, judge, analyse, store) {len(result.results)} items in "
          f"{result.poll_seconds:.2f} s = {len(result.results) / result.poll_seconds:.0f}"
          f" items/s; rejudge {c['articles']:.0f} articles ({c['analysed']:.0f} relevant)"
          f" in {c['seconds']:.3f} s = {c['articles_per_s']:.0f} articles/s,"
          f" {c['relevant_per_s']:.0f} relevant articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--items", type=Path, action="append",
                        help="a labelled items file (repeatable; default: both shared sets)")
    parser.add_argument("--config", type=Path, default=ROOT / "config/tracker.toml")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--explain", action="store_true",
                        help="list split developments, announced baseline-only items, misses")
    parser.add_argument("--feed-per-item", action="store_true",
                        help="serve each item in a feed of its own (fetched in no set order)")
    args = parser.parse_args()
    runs = [run(path, args.config, feed_per_item=args.feed_per_item)
            for path in args.items or DEFAULT_ITEMS]
    report: dict[str, Any] = {}
    for result in runs:
        languages, groups = by_language(result.results), by_group(result.results)
        print_tables(f"{result.name}: per language, then per group", [languages, groups])
        print_cost(result)
        separation = confidence_separation(result.results, result.confidence)
        auc = (f"AUC {separation.auc:.2f}" if separation.right and separation.wrong
               else "AUC n/a (needs right and wrong updates)")
        means = [f"{count} {name} (mean {mean:.2f})" if count else f"0 {name}"
                 for count, name, mean in ((separation.right, "right", separation.mean_right),
                                           (separation.wrong, "wrong", separation.mean_wrong))]
        print(f"confidence: {means[0]} updates, {means[1]}; {auc}")
        report[result.name] = {
            "languages": {k: figures_json(v) for k, v in languages.items()},
            "groups": {k: figures_json(v) for k, v in groups.items()},
            "cost": {"poll_seconds": result.poll_seconds, **result.rejudge}}
    if len(runs) > 1:
        together = by_group(pooled(runs))
        print_tables("all files together, per group", [together])
        report["together"] = {"groups": {k: figures_json(v) for k, v in together.items()}}
    print(LEGEND)
    if args.explain:
        for result in runs:
            explain(result)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
