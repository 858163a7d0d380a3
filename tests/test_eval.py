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
    spec = importlib.util.spec_from_file_location("eval_relevance",
                                                  ROOT / "benchmarks" / "eval_relevance.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.measure(ITEMS, SHIPPED_CONFIG)
    for name in ("en", "other"):
        g = result["groups"][name]
        assert g["tp"] / (g["tp"] + g["fp"]) >= 0.9, (name, result["misses"])
        assert g["tp"] / (g["tp"] + g["fn"]) >= 0.9, (name, result["misses"])
