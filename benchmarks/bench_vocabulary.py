"""Cost of the general vocabulary: categories, the story lexicon and negation-aware contradictions.

    python benchmarks/bench_vocabulary.py [--items PATH] [--config PATH] [--repeat N]

Each item's title and summary (default: ``../shared/eval/items-multilingual.jsonl``) is
read once per repeat, with the lexicon's memo cleared, so every text is matched afresh.
Prints microseconds per text for ``categories(text)``, the story lexicon's lookup, and
the story's contradiction patterns with their negation check; best of the repeats.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker import config  # noqa: E402
from tracker.analysis.baseline import load_baseline  # noqa: E402
from tracker.analysis.categories import categories, general_lexicon  # noqa: E402
from tracker.analysis.compare import KnownFact  # noqa: E402
from tracker.analysis.contradicting import contradictions_in  # noqa: E402
from tracker.analysis.lexicon import story_lexicon  # noqa: E402


def best_microseconds(texts: list[str], run: Callable[[str], object], before: Callable[[], None],
                      repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - started)
    return 1e6 * best / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=Path,
                        default=ROOT.parent / "shared/eval/items-multilingual.jsonl")
    parser.add_argument("--config", type=Path, default=ROOT / "config/tracker.toml")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with args.items.open(encoding="utf-8") as lines:
        texts = [f"{item['title']}\n{item['summary']}" for item in map(json.loads, lines)]
    story = config.load(args.config).story
    lexicon, general = story_lexicon(story), general_lexicon()
    assert story.baseline is not None
    baseline = load_baseline(story.baseline)
    facts = tuple(KnownFact(f.fact_id, f.kind, f.date, f.statement, frozenset())
                  for f in baseline.facts)
    print(f"{len(texts)} texts, {len(general.concepts)} general concepts, "
          f"{len(lexicon.concepts)} with the story's, "
          f"{len(baseline.contradictions)} contradiction patterns")
    figures = {
        "categories(text)": best_microseconds(texts, categories, general._memo.clear,
                                              args.repeat),
        "story lexicon find": best_microseconds(texts, lexicon.find, lexicon._memo.clear,
                                                args.repeat),
        "contradictions with negation": best_microseconds(
            texts, lambda text: contradictions_in(text, baseline.contradictions, facts),
            lambda: None, args.repeat),
    }
    for name, micros in figures.items():
        print(f"{name:32} {micros:8.1f} µs per text")


if __name__ == "__main__":
    main()
