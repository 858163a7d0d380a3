"""Commentary: a headline that opens with a commentator or an opinion genre reads known
events (tracker.analysis.evidence, tracker.analysis.novelty).

Every headline and lede is written for these tests, none from the evaluation data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import SHIPPED_CONFIG, FeedServer
from test_multilingual_updates import _poll, _rows

from tracker import config
from tracker.analysis.evidence import Article, read
from tracker.analysis.grouping import Evidence
from tracker.analysis.novelty import BaselineEvidence, FactEvidence, novelty
from tracker.analysis.reading import reader_for


@pytest.fixture(scope="module")
def reader() -> Any:
    return reader_for(config.load(SHIPPED_CONFIG).story)


@pytest.mark.parametrize(("headline", "commentary"), [
    ("Expert: Russia's recognition of the Taliban opens the door to trade", True),
    ("Политолог: признание талибов поможет бороться с наркотрафиком", True),
    ("محلل: اعتراف موسكو بطالبان يخدم مصالحها", True),
    ("专家：俄承认塔利班意在保障中亚安全", True),
    ("Uzman: Rusya Taliban'ı güvenlik kaygılarıyla tanıdı", True),
    ("تحلیل: چرا روسیه طالبان را به رسمیت شناخت", True),
    ("Analyse: Was Moskau von den Taliban will", True),
    # Who speaks is a state's official, or no one: a report.
    ("Лавров: Россия поставит пшеницу в Афганистан", False),
    ("Russian railway experts arrive in Kabul to survey the route", False),
    ("Russia and the Taliban sign a wheat deal", False),
])
def test_a_headline_opening_with_a_commentator_is_commentary(
        reader: Any, headline: str, commentary: bool) -> None:
    found = read(reader, Article(headline, "", date(2026, 3, 1)))
    assert found.commentary is commentary
    assert "commentary" not in found.concepts


RECOGNITION = FactEvidence("f-recognition", frozenset({"recognition"}), frozenset(),
                           frozenset({"RU", "AF"}), frozenset(), date(2025, 7, 3),
                           date(2025, 7, 3), once=True)
BASELINE = BaselineEvidence((RECOGNITION,), date(2025, 7, 1), date(2025, 7, 11))


def _evidence(*, commentary: bool, dated_by: str = "published") -> Evidence:
    # "Recognition will help fight drug trafficking", published eight months later.
    return Evidence(headline="h", language="en",
                    concepts={"recognition": 1.5, "drugs": 1.5}, kinds={"security": 1.5},
                    places=frozenset({"RU", "AF"}), when=date(2026, 3, 15),
                    dated_by=dated_by, commentary=commentary)


def test_a_commentators_reasons_and_forecasts_are_no_news() -> None:
    assert not novelty(_evidence(commentary=True), BASELINE).is_new
    # The same words reported as what happened are news.
    assert novelty(_evidence(commentary=False), BASELINE).is_new


def test_a_commentary_dated_by_its_text_is_news() -> None:
    # "Expert: Russia began wheat deliveries on 12 March": the text says when.
    assert novelty(_evidence(commentary=True, dated_by="text"), BASELINE).is_new


# Commentaries on the recognition, months after it, in five languages and four scripts:
# each names a reason or a forecast the baseline lacks (drugs, borders, a trade figure).
COMMENTARIES = [
    ("en", "Expert: Russia's recognition of the Taliban opens the door to $2 billion in trade",
     "Economist Laura Chen says the recognition Russia granted the Taliban last July could "
     "lift bilateral trade to $2 billion.", "Tue, 03 Feb 2026 09:00:00 GMT"),
    ("ru", "Политолог: признание талибов поможет бороться с наркотрафиком",
     "Признание Россией правительства талибов в 2025 году поможет в борьбе с терроризмом и "
     "наркотрафиком, считает эксперт Игорь Петров.", "Sun, 15 Mar 2026 09:00:00 GMT"),
    ("ar", "محلل: اعتراف موسكو بطالبان يخدم مصالحها في آسيا الوسطى",
     "يرى المحلل السياسي أحمد سعيد أن اعتراف روسيا بحكومة طالبان يهدف إلى حماية حدود آسيا "
     "الوسطى.", "Mon, 12 Jan 2026 09:00:00 GMT"),
    ("zh", "专家：俄承认塔利班意在保障中亚安全",
     "专家李明表示，俄罗斯承认塔利班政府，主要是为了应对恐怖主义和毒品走私威胁。",
     "Wed, 20 May 2026 09:00:00 GMT"),
    ("tr", "Uzman: Rusya, Taliban'ı sınır güvenliği için tanıdı",
     "Güvenlik uzmanı Mehmet Yılmaz, Rusya'nın Taliban yönetimini tanımasının ardında sınır "
     "güvenliği ve uyuşturucu kaçakçılığıyla mücadele olduğunu söyledi.", ""),
]


def test_commentaries_on_the_baseline_in_five_languages_open_no_update(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [COMMENTARIES])
    outcomes = _rows(settings, "SELECT language, outcome, reason FROM article_analysis")
    assert len(outcomes) == len(COMMENTARIES), outcomes
    assert {r["outcome"] for r in outcomes} == {"baseline"}, outcomes
    assert _rows(settings, "SELECT id FROM updates") == []
