"""Relevance on the labelled sample, through the whole pipeline (a regression guard).

The sample is for measuring, not for tuning: the floor here is below the 0.95 aim so
that it flags a real regression, and the figures are reported by
``benchmarks/eval_relevance.py``.
"""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT, SHARED, SHIPPED_CONFIG

ITEMS = SHARED / "eval" / "items.jsonl"


@pytest.mark.skipif(not ITEMS.exists(), reason="the shared evaluation sample is not present")
def test_relevance_on_the_labelled_sample():
    result = _load("eval_relevance").measure(ITEMS, SHIPPED_CONFIG)
    for name in ("en", "other"):
        g = result["groups"][name]
        assert g["tp"] / (g["tp"] + g["fp"]) >= 0.9, (name, result["misses"])
        assert g["tp"] / (g["tp"] + g["fn"]) >= 0.9, (name, result["misses"])


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not ITEMS.exists(), reason="the shared evaluation sample is not present")
def test_updates_on_the_labelled_sample():
    module = _load("eval_updates")
    items = module.load_items(ITEMS)
    result = module.measure(items, SHIPPED_CONFIG)
    assert len(result["produced"]) / len(result["new"]) >= 0.85
    assert len(result["wrong"]) / len(result["baseline"]) <= 0.2
    developments = result["per_development"]
    assert sum(len(v) for v in developments.values()) / len(developments) <= 1.3


@pytest.mark.skipif(not ITEMS.exists(), reason="the shared evaluation sample is not present")
def test_per_language_figures_on_the_labelled_sample():
    module = _load("eval_multilingual")
    result = module.run(ITEMS, SHIPPED_CONFIG)
    groups = module.by_group(result.results)
    languages = module.by_language(result.results)
    assert len(result.results) == len(module.load_items(ITEMS))
    everything = groups.pop("all")
    # Slices partition the items: their relevance counts add up to the whole's.
    for slices in (groups, languages):
        assert sum(f.items for f in slices.values()) == everything.items
        assert sum(f.relevance.tp for f in slices.values()) == everything.relevance.tp
    assert everything.relevance.precision >= 0.9 and everything.relevance.recall >= 0.9
    assert everything.developments_found.value >= 0.85
    assert everything.baseline_announced.value <= 0.2
    assert everything.bcubed.precision >= 0.8
    assert result.rejudge["analysed"] == everything.relevance.tp + everything.relevance.fp
