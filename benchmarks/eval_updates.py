"""Measure update extraction on the labelled sample, served as a real feed on 127.0.0.1.

    python benchmarks/eval_updates.py [--items ../shared/eval/items.jsonl] [--show]

Prints, over the items labelled relevant:
  * the share of items with a new development that produce or join an update (aim >= 0.9);
  * the share of baseline-only items that wrongly produce one (aim <= 0.1);
  * updates per distinct development (aim <= 1.2);
  * how many developments dated before the baseline were marked background;
and the cost of judging and analysing one relevant article.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from eval_relevance import load_items, printed_date, run_tracker  # noqa: E402

from tracker import config  # noqa: E402
from tracker.analysis.baseline import load_baseline  # noqa: E402
from tracker.analysis.compare import Knowledge, KnownFact  # noqa: E402
from tracker.analysis.extract import fact_features  # noqa: E402
from tracker.analysis.judge import CompiledStory, judge  # noqa: E402
from tracker.analysis.lexicon import story_lexicon  # noqa: E402
from tracker.poll.decide import ArticleText, analysis_events  # noqa: E402

SQL = """
SELECT a.key, a.relevant, x.outcome, x.update_id, x.reason, u.background, u.kind, u.summary
FROM articles a
LEFT JOIN article_analysis x ON x.article_id = a.id
LEFT JOIN update_state u ON u.id = x.update_id
"""


def measure(items: list[dict], config_path: Path) -> dict:
    rows = run_tracker(items, config_path, SQL)
    new_items = [i for i in items if i["relevant"] and i["baseline_only"] is False]
    baseline_items = [i for i in items if i["relevant"] and i["baseline_only"]]
    produced = [i for i in new_items if rows[i["id"]]["update_id"]]
    wrong = [i for i in baseline_items if rows[i["id"]]["update_id"]]
    per_development: dict[str, set[str]] = defaultdict(set)
    for item in produced:
        per_development[item["development"]].add(rows[item["id"]]["update_id"])
    early = [i for i in produced if i["event_predates_baseline"]]
    early_marked = [i for i in early if rows[i["id"]]["background"]]
    late_marked = [i for i in produced if not i["event_predates_baseline"]
                   and rows[i["id"]]["background"]]
    return {
        "rows": rows, "new": new_items, "produced": produced, "baseline": baseline_items,
        "wrong": wrong, "per_development": per_development, "early": early,
        "early_marked": early_marked, "late_marked": late_marked,
    }


def cost_per_article(items: list[dict], config_path: Path, repeat: int = 20) -> float:
    """Milliseconds to judge and analyse one relevant article on one core."""
    settings = config.load(config_path)
    story = CompiledStory.compile(settings.story)
    lexicon = story_lexicon(settings.story)
    assert settings.story.baseline is not None
    baseline = load_baseline(settings.story.baseline)
    published = date.fromisoformat(baseline.published)
    facts = tuple(KnownFact(f.fact_id, f.kind, f.date, f.statement,
                            fact_features(story, lexicon, f.statement, f.keywords))
                  for f in baseline.facts)
    relevant = [i for i in items if i["relevant"]]
    today = datetime.now(UTC).date()
    started = time.perf_counter()
    for _ in range(repeat):
        knowledge = Knowledge(facts=facts, cutoff=settings.story.cutoff or published,
                              baseline_end=published)
        for item in relevant:
            judgement = judge(story, item["title"], item["summary"])
            when = printed_date(item["published"])
            text = ArticleText(item["id"], item["title"], item["summary"], None,
                               when.isoformat() if when else None)
            _, decision = analysis_events(text, judgement.score, story, lexicon, knowledge,
                                          today)
            knowledge.learn(item["id"], text.lead, decision)
    elapsed = time.perf_counter() - started
    return 1000 * elapsed / (repeat * len(relevant))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=Path, default=ROOT.parent / "shared/eval/items.jsonl")
    parser.add_argument("--config", type=Path, default=ROOT / "config/tracker.toml")
    parser.add_argument("--show", action="store_true", help="print every relevant item")
    args = parser.parse_args()
    items = load_items(args.items)
    r = measure(items, args.config)
    n_dev = len(r["per_development"])
    n_upd = sum(len(v) for v in r["per_development"].values())
    print(f"new-development items that produce or join an update: "
          f"{len(r['produced'])}/{len(r['new'])} = {len(r['produced']) / len(r['new']):.3f}")
    print(f"baseline-only items that wrongly produce one: "
          f"{len(r['wrong'])}/{len(r['baseline'])} = {len(r['wrong']) / len(r['baseline']):.3f}")
    print(f"updates per distinct development: {n_upd}/{n_dev} = {n_upd / n_dev:.3f}")
    print(f"pre-baseline developments marked background: "
          f"{len(r['early_marked'])}/{len(r['early'])}; later ones wrongly marked: "
          f"{len(r['late_marked'])}")
    print(f"judge + analyse, one relevant article, one core: "
          f"{cost_per_article(items, args.config):.2f} ms")
    for development, updates in r["per_development"].items():
        if len(updates) > 1:
            print(f"SPLIT {len(updates)} updates: {development[:90]}")
    for item in r["wrong"]:
        print(f"WRONG baseline-only item produced an update: {item['id']} {item['title'][:70]}")
    for item in r["new"]:
        if item not in r["produced"]:
            row = r["rows"][item["id"]]
            print(f"MISS {item['id']} {item['title'][:60]} | {row['outcome']}: {row['reason']}")
    if args.show:
        for item in items:
            row = r["rows"][item["id"]]
            if item["relevant"]:
                print(item["id"], row["outcome"], row["update_id"], row["kind"],
                      row["background"], "|", item["title"][:60])


if __name__ == "__main__":
    main()
