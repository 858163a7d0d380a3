"""An undated report of a figure for a period it prints ("January–June 2026") is news,
and of the update its release opened (tracker.analysis.novelty, tracker.analysis.timing).

Every headline and lede is written for these tests, none from the evaluation data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import SHIPPED_CONFIG

from tracker import config
from tracker.analysis.date_tokens import DayHint
from tracker.analysis.evidence import Article, read
from tracker.analysis.novelty import BaselineEvidence, FactEvidence, novelty
from tracker.analysis.reading import reader_for
from tracker.analysis.timing import may_be_on

SEEN = date(2026, 12, 7)
TRADE = FactEvidence("f-trade", frozenset({"trade"}), frozenset(), frozenset({"RU", "AF"}),
                     frozenset(), date(2025, 7, 1), date(2025, 7, 11))
BASELINE = BaselineEvidence((TRADE,), date(2025, 7, 1), date(2025, 7, 11))


@pytest.fixture(scope="module")
def reader() -> Any:
    return reader_for(config.load(SHIPPED_CONFIG).story)


@pytest.mark.parametrize(("headline", "lede"), [
    ("Handel Rosji z Afganistanem wzrósł do 2,1 mld USD",
     "Obroty w okresie styczeń–czerwiec 2027 wzrosły o 25 proc., podała służba celna."),
    ("Товарооборот России и Афганистана вырос до 2,1 млрд долларов",
     "Товарооборот в январе–июне 2027 года вырос на 25%, сообщила таможня."),
    ("Товарообіг Росії з Афганістаном сягнув 2,1 млрд доларів",
     "За січень–червень 2027 року товарообіг зріс на 25%, повідомила митниця."),
    ("Russia-Afghanistan trade reaches $2.1bn",
     "Trade rose 25% in January-June 2027, the customs service said."),
])
def test_an_undated_figure_for_a_later_period_is_news(
        reader: Any, headline: str, lede: str) -> None:
    found = read(reader, Article(headline, lede, None, seen=SEEN))
    assert found.dated is None  # dated only by when it was seen
    result = novelty(found, BASELINE)
    assert result.is_new, result.reasons
    assert any(reason.startswith("prints 2027-06") for reason in result.reasons)


@pytest.mark.parametrize(("headline", "lede"), [
    # A figure with no period: how big trade is, as the baseline says it.
    ("Handel Rosji z Afganistanem rośnie", "Obroty handlowe sięgają 2,1 mld USD rocznie."),
    # A later period without a figure: nothing measured that the baseline lacks.
    ("Torgovlya Rossii s Afganistanom rastyot", "Takovy dannye za yanvar–iyun 2027 goda."),
    ("Handel Russlands mit Afghanistan wächst",
     "Das zeigen die Zahlen für Januar bis Juni 2027."),
])
def test_an_undated_figure_or_later_month_alone_restates(
        reader: Any, headline: str, lede: str) -> None:
    found = read(reader, Article(headline, lede, None, seen=SEEN))
    assert not novelty(found, BASELINE).is_new


class _Update:
    def __init__(self, first: date, last: date) -> None:
        self.first, self.last, self.weekdays = first, last, frozenset({first.weekday()})


@pytest.mark.parametrize(("month", "first", "fits"), [
    (6, date(2027, 8, 11), True),  # half-year figures, out six weeks after June
    (9, date(2027, 11, 12), True),  # nine months, out six weeks after September
    (12, date(2028, 2, 10), True),  # the year, out in February
    (6, date(2027, 11, 12), False),  # June's period is no November release
    (3, date(2027, 8, 11), False),  # March is no half-year period
])
def test_a_month_named_alone_may_be_the_period_a_later_release_gives(
        month: int, first: date, fits: bool) -> None:
    update = _Update(first, first)
    assert may_be_on(DayHint(month), update) is fits  # type: ignore[arg-type]
