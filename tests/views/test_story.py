"""The story view's pure parts (tracker.views.story): its values and the text rendering.

Reading the story from a store, now and as of a past moment, is covered end to end in
analysis/test_updates.py; here the view is built by hand.
"""

from __future__ import annotations

import json

from tracker.views.story import (
    ContradictionView,
    FactView,
    Source,
    Story,
    UpdateView,
    render_text,
)

WIRE = Source("a-1", "Norland sends wheat", "https://wire.example/1", "Wire",
              "2026-03-02", None)
WIRE_AGAIN = Source("a-2", "Wheat convoy leaves", "https://wire.example/2", "Wire",
                    "2026-03-03", None)
COPY = Source("a-3", "Norland sends wheat", None, "Daily", "2026-03-02", copy_of="a-1")


def update_view(id: str, summary: str, *, event_date: str | None = "2026-03-02",
                background: bool = False, sources: list[Source] | None = None) -> UpdateView:
    return UpdateView(id=id, kind="economy", summary=summary, event_date=event_date,
                      first_seen="2026-03-04T09:00:00+00:00", background=background,
                      confidence=0.8, actors=["north", "south"],
                      sources=sources if sources is not None else [WIRE])


FACT = FactView("f-1", "diplomacy", "2025-07-03", "Norland recognised Sudland", 4)
UNDATED = FactView("f-2", "economy", None, "Trade continues", 0)


def test_outlets_counts_distinct_outlets_not_articles() -> None:
    assert update_view("u-1", "x", sources=[WIRE, WIRE_AGAIN, COPY]).outlets == 2
    assert update_view("u-1", "x", sources=[]).outlets == 0


def test_the_story_is_plain_json() -> None:
    view = Story("2026-03-05", [FACT], [update_view("u-1", "Wheat")], [])
    data = view.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["updates"][0]["sources"][0]["url"] == "https://wire.example/1"
    assert data["facts"][0] == {"id": "f-1", "kind": "diplomacy", "date": "2025-07-03",
                                "statement": "Norland recognised Sudland",
                                "corroborations": 4}


def test_news_and_background_are_told_apart_in_the_given_order() -> None:
    view = Story(None, [FACT, UNDATED], [
        update_view("u-new", "Convoy crosses", sources=[WIRE, COPY]),
        update_view("u-old", "Old treaty recalled", event_date="2024-05-01",
                    background=True),
        update_view("u-newer", "Undated news", event_date=None),
    ], [])
    text = render_text(view, "Norland and Sudland")
    lines = text.splitlines()
    assert lines[0] == "Norland and Sudland"
    assert "Updates since the baseline: 2, newest first" in text
    assert "Background (dated before the baseline): 1" in text
    assert (text.index("Convoy crosses") < text.index("Undated news")
            < text.index("Background") < text.index("Old treaty recalled"))
    # An undated update shows the day it was first seen.
    assert "  2026-03-04 economy       Undated news" in lines
    assert "Contradictions" not in text


def test_an_update_lists_its_sources_and_marks_copies() -> None:
    view = Story(None, [], [update_view("u-1", "Convoy", sources=[WIRE, COPY])], [])
    text = render_text(view, "Story")
    assert "    u-1; 1 source(s), 2 outlet(s); confidence 0.80" in text
    assert "    - Wire: Norland sends wheat <https://wire.example/1>" in text
    # Without a URL the article id stands in, so every line can be followed up.
    assert "    - Daily: Norland sends wheat (copy) <a-3>" in text


def test_contradictions_and_facts_with_their_corroborations() -> None:
    contradiction = ContradictionView("f-1", "Norland recognised Sudland",
                                      "Ostland was the first", "another first", WIRE)
    view = Story("2026-03-05", [FACT, UNDATED], [], [contradiction])
    text = render_text(view, "Story")
    assert text.splitlines()[0] == "Story (as of 2026-03-05)"
    assert "Updates since the baseline: 0, newest first" in text
    assert "Contradictions of the baseline: 1" in text
    assert "    claim: Ostland was the first  [Wire: https://wire.example/1]" in text
    assert "Baseline: 2 facts" in text
    assert ("  f-1 2025-07-03 diplomacy     Norland recognised Sudland  [corroborated by 4]"
            in text.splitlines())
    assert "  f-2            economy       Trade continues  [corroborated by 0]" in (
        text.splitlines())
