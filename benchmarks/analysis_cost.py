"""Cost of analysing relevant articles, and whether it stays flat as the story grows.

    .venv/bin/python benchmarks/analysis_cost.py [--articles 10000] [--developments 50]

Analyses ``--articles`` articles spread over ``--developments`` developments, one after
the other, against the shipped story's knowledge, exactly as a poll does
(:func:`tracker.analysis.memory.analyse`: read the evidence, compare, learn, make the
events), on one core. The articles are built from the hand-written headlines and ledes
of ``benchmarks/sentences.py`` in eighteen languages, each development with its own
figure and date. Prints articles per second overall, and the cost per article of the
first and the last thousand: as updates gather thousands of sources the cost of one
article must not grow.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta
from pathlib import Path

from sentences import SENTENCES

from tracker import config
from tracker.analysis.baseline import load_baseline
from tracker.analysis.memory import ArticleInput, StoryFrame, analyse, remember
from tracker.analysis.reading import reader_for

ROOT = Path(__file__).resolve().parent.parent
START = date(2025, 8, 1)


def articles(count: int, developments: int) -> list[ArticleInput]:
    languages = sorted(SENTENCES)
    made = []
    for index in range(count):
        development = index % developments
        language = languages[(index // developments) % len(languages)]
        pairs = SENTENCES[language]
        headline = pairs[(2 * development) % len(pairs)]
        lede = pairs[(2 * development + 1) % len(pairs)]
        day = START + timedelta(days=9 * development)
        # Each article its own wording (no two are copies), so every one joins its
        # update as a source of its own and the updates grow to hundreds of sources: the
        # words that make it unique are a sentence of their own after the lede, as the
        # rest of an article is (run into the lede, as they were, each article's lede
        # held thirty words no dictionary or cache knows).
        other = pairs[index % len(pairs)].rstrip(".")
        made.append(ArticleInput(
            article_id=f"a{index}", title=f"{headline} {10 * development + 5} t",
            body=f"{lede} {other}. " + " ".join(f"R{index}x{n}" for n in range(30)) + ".",
            published=day + timedelta(hours=index % 40 // 24), seen=day,
            outlet=f"outlet{index % 37}.example"))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--developments", type=int, default=50)
    options = parser.parse_args()
    settings = config.load(ROOT / "config" / "tracker.toml")
    reader = reader_for(settings.story)
    baseline = load_baseline(settings.story.baseline) if settings.story.baseline else None
    published = date.fromisoformat(baseline.published) if baseline else START
    frame = StoryFrame(baseline.facts if baseline else (), settings.story.cutoff or published,
                       published, settings.story.language,
                       baseline.contradictions if baseline else ())
    started = time.perf_counter()
    knowledge = remember(reader, frame)
    items = articles(options.articles, options.developments)
    # Load the language model, the CLDR place index and the vocabulary once, as a daemon
    # has them from its first article on, so the figures are those of a running tracker.
    analyse(reader, remember(reader, frame), items[0])
    warm = time.perf_counter() - started
    timings = []
    cpu = []
    for item in items:
        begun, begun_cpu = time.perf_counter(), time.process_time()
        analyse(reader, knowledge, item)
        timings.append(time.perf_counter() - begun)
        cpu.append(time.process_time() - begun_cpu)
    total = sum(timings)
    thousand = min(1000, len(timings))
    first = sum(timings[:thousand]) / thousand * 1000
    last = sum(timings[-thousand:]) / thousand * 1000
    sources = sorted((s.profile.sources for s in knowledge.updates.values()), reverse=True)
    print(f"articles={len(items)} developments={options.developments} "
          f"updates={len(knowledge.updates)} largest update={sources[0] if sources else 0} "
          f"sources")
    print(f"start (model, CLDR index, vocabulary): {warm:.2f} s")
    print(f"analysis: {len(items) / total:,.0f} articles/s on one core "
          f"({total / len(items) * 1000:.3f} ms an article)")
    print(f"first {thousand}: {first:.3f} ms an article; last {thousand}: {last:.3f} ms "
          f"an article ({last / first:.2f}x)")
    # On a machine shared with other work the wall time counts the waits for a core;
    # the process's CPU time does not.
    first_cpu = sum(cpu[:thousand]) / thousand * 1000
    last_cpu = sum(cpu[-thousand:]) / thousand * 1000
    print(f"CPU time: {len(items) / sum(cpu):,.0f} articles/s; first {thousand}: "
          f"{first_cpu:.3f} ms, last {thousand}: {last_cpu:.3f} ms an article "
          f"({last_cpu / first_cpu:.2f}x)")


if __name__ == "__main__":
    main()
