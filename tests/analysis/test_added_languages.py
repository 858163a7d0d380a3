"""Articles in the languages added to the general vocabulary are read, not set aside.

Every item is written for these tests (none comes from the evaluation data): one fresh
development, a Russian gas and wheat supply deal with Afghanistan, reported in Portuguese
and in Bulgarian. Served as feeds from 127.0.0.1 and polled into a real store.
"""

from __future__ import annotations

import json
from typing import Any

from conftest import FeedServer
from test_multilingual_updates import _poll, _rows

SUPPLY_DEAL = [
    ("pt", "Rússia assina acordo para fornecer gás e trigo ao Afeganistão",
     "A Rússia e o governo talibã assinaram em Cabul um acordo para a exportação de gás "
     "liquefeito e trigo russos para o Afeganistão, disse o ministro do Comércio afegão.",
     "Tue, 10 Nov 2026 09:00:00 GMT"),
    ("bg", "Русия подписа споразумение за доставки на газ и пшеница за Афганистан",
     "Русия и талибаните подписаха в Кабул споразумение за износ на руски втечнен газ и "
     "пшеница за Афганистан, заяви афганистанският министър на търговията.",
     "Tue, 10 Nov 2026 11:00:00 GMT"),
]


def test_a_fresh_development_in_portuguese_and_bulgarian_is_read(
        feed_server: FeedServer, make_settings: Any) -> None:
    settings = _poll(feed_server, make_settings, [SUPPLY_DEAL])
    rows = _rows(settings, "SELECT language, outcome, signals, update_id "
                           "FROM article_analysis ORDER BY language")
    assert [r["language"] for r in rows] == ["bg", "pt"], rows
    assert {r["outcome"] for r in rows} <= {"new", "joined"}, rows
    concepts = [set(json.loads(r["signals"])["concepts"]) for r in rows]
    for found in concepts:
        assert {"agreement", "energy", "agriculture", "trade"} <= found, concepts
    # One development in two languages is one update, of the economy.
    assert len({r["update_id"] for r in rows}) == 1, rows
    assert _rows(settings, "SELECT kind, sources FROM updates") == [
        {"kind": "economy", "sources": 2}]
