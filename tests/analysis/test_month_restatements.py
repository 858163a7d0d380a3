"""A restatement that names only the month of the recognition ("in July, Russia became
the first country to recognise the Taliban"), published in the weeks after it, recalls
the baseline: the publication stands for the day of a month the text names, and a
month that holds the matching facts says when they happened (tracker.analysis.novelty).

Every headline and lede is written for these tests, none from the evaluation data.
They are served as feeds from 127.0.0.1 and polled into a real store.
"""

from __future__ import annotations

from typing import Any

from conftest import FeedServer
from test_multilingual_updates import _poll, _rows

RESTATEMENTS = [
    ("ru", "«Смелый шаг»: как Москва первой признала правительство талибов",
     "В июле Россия стала первой страной, официально признавшей правительство талибов; "
     "глава МИД Афганистана назвал решение смелым.", "Tue, 26 Aug 2025 09:00:00 GMT"),
    ("fr", "Pourquoi Moscou a reconnu les talibans",
     "En juillet, la Russie est devenue le premier pays à reconnaître officiellement "
     "l'Émirat islamique d'Afghanistan.", "Fri, 29 Aug 2025 09:00:00 GMT"),
    ("en", "How Russia became the first to recognise the Taliban",
     "In July, Russia became the first country to formally recognise the Taliban "
     "government in Afghanistan.", "Mon, 01 Sep 2025 09:00:00 GMT"),
    ("uk", "Чому Москва першою визнала талібів",
     "У липні Росія першою офіційно визнала уряд талібів в Афганістані.",
     "Wed, 20 Aug 2025 09:00:00 GMT"),
]


def test_restatements_naming_the_recognitions_month_open_no_update(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [RESTATEMENTS])
    outcomes = _rows(settings, "SELECT outcome, reason FROM article_analysis")
    assert len(outcomes) == len(RESTATEMENTS), outcomes
    assert {r["outcome"] for r in outcomes} == {"baseline"}, outcomes
    assert _rows(settings, "SELECT id FROM updates") == []


def test_a_new_event_in_a_later_month_is_still_news(feed_server: FeedServer,
                                                    make_settings: Any) -> None:
    # The same words a year on: July 2026 holds no baseline fact.
    settings = _poll(feed_server, make_settings, [[
        ("en", "Russia opens a trade house in Kabul",
         "In July, Russia opened a trade house in Kabul to help Afghan exporters.",
         "Wed, 05 Aug 2026 09:00:00 GMT")]])
    assert len(_rows(settings, "SELECT id FROM updates")) == 1
