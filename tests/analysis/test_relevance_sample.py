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
