"""The evaluation's pure parts: B-cubed, the per-language figures, the feed's dates.

The figures themselves are printed by ``benchmarks/eval_multilingual.py``; these tests
check the arithmetic on small hand-made cases whose values are worked out by hand.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import eval_metrics as m  # noqa: E402
from eval_feed import items_as_rss, printed_date  # noqa: E402
from eval_multilingual import development_id  # noqa: E402


def test_bcubed_of_a_hand_made_clustering():
    # Gold {a, b, c} {d, e}; predicted {a, b} {c, d, e}.
    scores = m.bcubed_scores({"a": ("G1", "P1"), "b": ("G1", "P1"), "c": ("G1", "P2"),
                              "d": ("G2", "P2"), "e": ("G2", "P2")})
    assert scores["a"] == pytest.approx((1.0, 2 / 3))
    assert scores["c"] == pytest.approx((1 / 3, 1 / 3))
    assert scores["d"] == pytest.approx((2 / 3, 1.0))
    mean = m.bcubed_mean(scores, "abcde")
    assert (mean.precision, mean.recall, mean.items) == (
        pytest.approx(11 / 15), pytest.approx(11 / 15), 5)


def test_bcubed_extremes():
    gold = {"a": "G1", "b": "G1", "c": "G1", "d": "G2"}
    perfect = m.bcubed_scores({i: (g, g) for i, g in gold.items()})
    assert m.bcubed_mean(perfect, gold).precision == m.bcubed_mean(perfect, gold).recall == 1
    lumped = m.bcubed_mean(m.bcubed_scores({i: (g, "one") for i, g in gold.items()}), gold)
    # Each of a, b, c shares its cluster with 3 of 4; d with 1 of 4.
    assert (lumped.precision, lumped.recall) == (pytest.approx((3 * 3 / 4 + 1 / 4) / 4), 1)
    apart = m.bcubed_mean(m.bcubed_scores({i: (g, i) for i, g in gold.items()}), gold)
    assert (apart.precision, apart.recall) == (1, pytest.approx((3 * 1 / 3 + 1) / 4))
    assert m.bcubed_mean(perfect, ["nobody"]) == m.BCubed(None, None, 0)


def _item(item_id: str, language: str, *, relevant: bool = True, judged: bool = True,
          development: str | None = None, update: str | None = None,
          background: bool = False, baseline_only: bool = False,
          predates: bool = False) -> m.ItemResult:
    group = m.script_group(language, {"ru": "Москва", "fa": "مسکو"}.get(language, "Moscow"))
    return m.ItemResult(
        m.ItemLabel(item_id, language, group, relevant, baseline_only, development, predates),
        m.ItemOutcome(judged_relevant=judged, analysis="new" if update else None,
                      update_id=update, update_kind="diplomacy" if update else None,
                      background=background))


RESULTS = [
    # Development D1 in three languages, split: en and ru together, fa apart.
    _item("e1", "en", development="D1", update="u1"),
    _item("r1", "ru", development="D1", update="u1"),
    _item("f1", "fa", development="D1", update="u2"),
    # D2 in Russian only, one item missed (judged irrelevant).
    _item("r2", "ru", development="D2", update="u3"),
    _item("r3", "ru", development="D2", judged=False),
    # D3 in English, missed entirely.
    _item("e2", "en", development="D3", judged=False),
    # Baseline restatements: one announced (fa), one background (ru), one not placed (en).
    _item("f2", "fa", baseline_only=True, update="u4"),
    _item("r4", "ru", baseline_only=True, update="u5", background=True),
    _item("e3", "en", baseline_only=True),
    # Negatives: one wrongly judged relevant (en), one right (fa).
    _item("e4", "en", relevant=False),
    _item("f3", "fa", relevant=False, judged=False),
    # A pre-baseline development held back, and a later one wrongly held back.
    _item("f4", "fa", development="D4", update="u6", background=True, predates=True),
    _item("e5", "en", development="D5", update="u7", background=True),
]


def test_relevance_per_language():
    langs = m.by_language(RESULTS)
    assert list(langs) == ["en", "fa", "ru"]  # most items first
    assert langs["en"].relevance == m.Relevance(tp=3, fp=1, fn=1, tn=0)
    assert langs["fa"].relevance == m.Relevance(tp=3, fp=0, fn=0, tn=1)
    assert langs["ru"].relevance.recall == pytest.approx(3 / 4)


def test_developments_and_updates_per_language():
    langs, groups = m.by_language(RESULTS), m.by_group(RESULTS)
    # All: D1, D2, D5 found (D4 too, as background), D3 missed.
    assert groups["all"].developments_found == m.Ratio(4, 5)
    assert langs["en"].developments_found == m.Ratio(2, 3)  # D1, D5 of D1, D3, D5
    assert langs["ru"].developments_found == m.Ratio(2, 2)
    # Announced: D1 in two updates, D2 in one; D4, D5 are background.
    assert groups["all"].updates_per_development == m.Ratio(3, 2)
    assert langs["ru"].updates_per_development == m.Ratio(2, 2)
    assert groups["all"].baseline_announced == m.Ratio(1, 3)
    assert langs["fa"].baseline_announced == m.Ratio(1, 1)
    assert (groups["all"].background, groups["all"].wrongly_background) == (m.Ratio(1, 1), 1)


def test_bcubed_per_language_reads_the_whole_clustering():
    langs, groups = m.by_language(RESULTS), m.by_group(RESULTS)
    # The fa item of D1 is alone in u2: precision 1, recall 1/3 of D1. Its language
    # slice sees the split even though no other fa item is in D1.
    assert langs["fa"].bcubed_placed.recall == pytest.approx((1 / 3 + 1) / 2)
    assert langs["fa"].bcubed_placed.items == 2
    # With singletons, r3 (missed) is in D2's gold cluster: r2's recall drops to 1/2.
    assert langs["ru"].bcubed.items == 3
    assert langs["ru"].bcubed.recall == pytest.approx((2 / 3 + 1 / 2 + 1 / 2) / 3)
    assert langs["ru"].bcubed_placed.recall == pytest.approx((2 / 3 + 1) / 2)
    assert groups["all"].bcubed.precision == 1  # no update mixes developments
    assert set(groups) == {m.ENGLISH, m.CYRILLIC, m.ARABIC, "all"}


def test_language_groups_follow_the_script():
    assert m.script_group("en", "whatever") == m.ENGLISH
    assert m.script_group("uz", "Россия Афғонистонга ёрдам жўнатди") == m.CYRILLIC
    assert m.script_group("ur", "روس نے طالبان حکومت کو") == m.ARABIC
    assert m.script_group("hi", "रूसी विदेश मंत्री") == m.OTHER
    assert m.script_group("de", "Russland schickt Hilfe") == m.OTHER


@pytest.mark.parametrize(("published", "language", "expected"), [
    ("2025-09-04 (dateline MOSCOW, September 5)", "en", (2025, 9, 4)),
    ("10:48 27.02.2026", "ru", (2026, 2, 27)),
    ("02 Февраля 2026", "ru", (2026, 2, 2)),
    ("١٢ أكتوبر ٢٠٢٥", "ar", (2025, 10, 12)),
    ("4 जुलै 2025 रोजी प्रकाशित", "mr", (2025, 7, 4)),
    ("Sat, 06 Dec 2025 19:27:00 GMT", "en", (2025, 12, 6)),
    ("13 октября (13 Oct 2025)", "ru", None),  # the year is only in the labeller's note
    ("2025-07 (page date metadata)", "de", None),
    ("7/4/2025", "zh", None),
    ("not printed (July 2025 by content)", "en", None),
])
def test_printed_dates(published, language, expected):
    found = printed_date(published, language)
    assert found == (datetime(*expected, 12, tzinfo=UTC) if expected else None)


def test_feed_carries_the_printed_date_and_the_publisher():
    body = items_as_rss([{"id": "x-1", "title": "A & B", "url": "https://example.org/a/1",
                          "summary": "s", "published": "05.09.2025", "language": "ru",
                          "source": "Example News"}]).decode()
    assert "<pubDate>Fri, 05 Sep 2025 12:00:00 GMT</pubDate>" in body
    assert "<source url=\"https://example.org/\">Example News</source>" in body
    assert "A &amp; B" in body


def test_development_ids_from_strings():
    a = development_id({"development": "Aid flight lands, 5 Sep"})
    assert a == development_id({"development": "Aid flight lands, 5 Sep"})
    assert a != development_id({"development": "Aid flight lands, 8 Sep"})
    assert development_id({"development_id": "quake-1", "development": "x"}) == "quake-1"
    assert development_id({"development": None}) is None


def test_confidence_separation_calls_splits_and_restatements_wrong():
    items = [
        _item("a1", "en", development="quake", update="u1"),
        _item("a2", "ru", development="quake", update="u1"),
        _item("a3", "ar", development="quake", update="u2"),  # the same event again
        _item("a4", "fr", baseline_only=True, update="u3"),  # a restatement announced
        _item("a5", "de", development="rail", update="u4"),
    ]
    separation = m.confidence_separation(items, {"u1": 0.8, "u2": 0.5, "u3": 0.4, "u4": 0.8})
    assert (separation.right, separation.wrong) == (2, 2)
    assert separation.mean_right == 0.8 and separation.mean_wrong == 0.45
    assert separation.auc == 1.0
    reversed_ = m.confidence_separation(items, {"u1": 0.3, "u2": 0.9, "u3": 0.9, "u4": 0.3})
    assert reversed_.auc == 0.0
