"""Cost per call of the language-independent evidence: normalise, identify, names, places.

    .venv/bin/python benchmarks/evidence_bench.py

Texts: every headline of ``benchmarks/sentences.py`` joined with every lede of its own
language (648 headline + lede pairs in eighteen languages), a name put in front of one in
three of them. Prints, for each function, the cost of the first pass (cold caches) and the
best of three later passes, plus the one-off build time and memory of the indexes.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterable

from sentences import SENTENCES

from tracker.analysis.language import identify
from tracker.analysis.names import NameIndex
from tracker.analysis.places import PlaceIndex
from tracker.analysis.script import normalise

# A story config's actors, as the config would list them (hand-written for the benchmark).
ACTORS = {
    "putin": ["Putin", "Путин", "Путін", "پوتین", "بوتين", "普京", "पुतिन", "Poutine"],
    "lavrov": ["Sergey Lavrov", "Lavrov", "Лавров", "لافروف", "لاوروف", "拉夫罗夫", "Ławrow"],
    "kabulov": ["Zamir Kabulov", "Kabulov", "Кабулов", "کابلوف", "卡布洛夫"],
    "muttaqi": ["Amir Khan Muttaqi", "Muttaqi", "Муттаки", "متقی", "穆塔基"],
    "zakharova": ["Maria Zakharova", "Zakharova", "Захарова", "زاخاروا"],
    "taliban": ["Taliban", "Талибан", "طالبان", "塔利班", "तालिबान", "Taliban'ın", "Tolibon"],
    "un": ["United Nations", "ООН", "الأمم المتحدة", "سازمان ملل", "联合国", "BM", "ONU", "UNO"],
    "mfa_ru": ["Russian Foreign Ministry", "МИД России", "وزارة الخارجية الروسية"],
}
PLACES = {"AF": ["Afghan", "афганский", "افغان", "阿富汗的"], "panjshir": ["Panjshir", "Панджшер"]}
NAME_PREFIXES = ["Лавров:", "Putin'in", "متقی:", "كابولوف", "Kabulov:", "普京"]


def _texts() -> list[str]:
    texts = []
    for sentences in SENTENCES.values():
        for i, headline in enumerate(sentences):
            for lede in sentences:
                text = f"{headline}. {lede}"
                if (len(texts) + i) % 3 == 0:
                    text = f"{NAME_PREFIXES[len(texts) % len(NAME_PREFIXES)]} {text}"
                texts.append(text)
    return texts


def _per_call(function: Callable[[str], object], texts: list[str]) -> tuple[float, float]:
    """Milliseconds per call: the first pass, and the best of three later ones."""
    def one_pass() -> float:
        started = time.perf_counter()
        for text in texts:
            function(text)
        return (time.perf_counter() - started) / len(texts) * 1000

    first = one_pass()
    return first, min(one_pass() for _ in range(3))


def _timed_build(label: str, build: Callable[[], object]) -> object:
    tracemalloc.start()
    started = time.perf_counter()
    built = build()
    seconds = time.perf_counter() - started
    size = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    print(f"build {label:<28} {seconds:6.2f} s  {size:6.1f} MB (tracemalloc: slower than usual)")
    return built


def _report(rows: Iterable[tuple[str, Callable[[str], object]]], texts: list[str]) -> None:
    for label, function in rows:
        first, warm = _per_call(function, texts)
        print(f"{label:<18} first pass {first:7.4f} ms/call   warm {warm:7.4f} ms/call")


def main() -> None:
    texts = _texts()
    print(f"{len(texts)} texts, {sum(map(len, texts)) // len(texts)} characters on average")
    started = time.perf_counter()
    identify("warm up")
    print(f"load language model            {time.perf_counter() - started:6.2f} s")
    names = NameIndex.build(ACTORS)
    places = PlaceIndex.build(PLACES)
    started = time.perf_counter()
    places.find("warm up")
    print(f"build PlaceIndex (CLDR)        {time.perf_counter() - started:6.2f} s")
    _report([("normalise", normalise), ("identify", identify), ("NameIndex.find", names.find),
             ("PlaceIndex.find", places.find)], texts)
    found = sum(bool(names.find(t)) for t in texts), sum(bool(places.find(t)) for t in texts)
    print(f"texts with a name found: {found[0]}, with a place: {found[1]}")


if __name__ == "__main__":
    import sys

    if "--memory" in sys.argv:
        from tracker.analysis import places as places_module

        _timed_build("CLDR places (memory)", places_module.cldr_places)
        _timed_build("CLDR phrase index (memory)", places_module._cldr_index)
    else:
        main()
