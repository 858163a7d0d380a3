"""Composing and rendering a digest (tracker.notify.digest), from hand-written updates.

Delivery (mail, webhooks, retries) is in test_delivery.py; here only the pure document
and its two renderings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

from tracker.notify.digest import (
    SCHEMA,
    FailingFeed,
    PendingContradiction,
    PendingUpdate,
    SourceLine,
    compose,
    digest_id_for,
    render_html,
    render_text,
)

STORY = "Norland and Sudland"
CREATED = "2026-03-09T08:00:00.123456+00:00"
WIRE = SourceLine("Wire", "Norland sends wheat", "https://wire.example/1")
COPY = SourceLine("Daily", "Norland sends wheat", None, copy=True)


def update(id: str, kind: str, event_date: str | None = "2026-03-02",
           first_seen: str = "2026-03-02T10:00:00+00:00", summary: str = "",
           sources: tuple[SourceLine, ...] = (WIRE,)) -> PendingUpdate:
    return PendingUpdate(id=id, kind=kind, summary=summary or f"{kind} news {id}",
                         event_date=event_date, first_seen=first_seen, confidence=0.8,
                         outlets=len({s.outlet for s in sources}), sources=sources)


CONTRADICTION = PendingContradiction(
    key="a-9:f-first", fact_id="f-first", fact_statement="Norland was the first",
    claim="Ostland was the first", description="another country called the first",
    source=SourceLine("Gazette", "Ostland first", "https://gazette.example/9"))
FAILING = FailingFeed("Broken feed", "https://broken.example/rss",
                      "2026-03-08T07:30:00+00:00", "HTTP 503")


def digest(updates: Sequence[PendingUpdate], contradictions: Sequence[PendingContradiction] = (),
           failing: Sequence[FailingFeed] = (), channel: str = "email") -> dict[str, Any]:
    payload = compose(channel, STORY, updates, contradictions, failing, CREATED)
    assert payload is not None
    return payload


def test_nothing_new_is_no_digest_even_with_failing_feeds() -> None:
    assert compose("email", STORY, [], [], [FAILING], CREATED) is None


def test_the_document_is_versioned_json_with_everything_in_it() -> None:
    payload = digest([update("u-1", "economy", sources=(WIRE, COPY))], [CONTRADICTION],
                     [FAILING])
    assert json.loads(json.dumps(payload)) == payload
    assert (payload["schema"], payload["channel"], payload["story"], payload["created"]) == (
        SCHEMA, "email", STORY, CREATED)
    [only] = payload["updates"]
    assert only["id"] == "u-1" and only["outlets"] == 2
    assert only["sources"][1] == {"outlet": "Daily", "title": "Norland sends wheat",
                                  "url": None, "copy": True}
    assert payload["contradictions"][0]["key"] == "a-9:f-first"
    assert payload["contradictions"][0]["source"]["outlet"] == "Gazette"
    assert payload["failing_feeds"] == [{"name": "Broken feed",
                                         "url": "https://broken.example/rss",
                                         "failing_since": "2026-03-08T07:30:00+00:00",
                                         "last_error": "HTTP 503"}]


def test_the_digest_id_depends_on_channel_and_content_not_order() -> None:
    a, b = update("u-1", "economy"), update("u-2", "security")
    assert digest([a, b])["digest_id"] == digest([b, a])["digest_id"]
    assert digest([a, b])["digest_id"] != digest([a])["digest_id"]
    assert digest([a])["digest_id"] != digest([a], channel="webhook")["digest_id"]
    assert digest([a])["digest_id"] == digest_id_for("email", ["update:u-1"])
    assert digest([a], [CONTRADICTION])["digest_id"] == digest_id_for(
        "email", ["contradiction:a-9:f-first", "update:u-1"])


def test_updates_are_ordered_by_kind_then_date_then_first_seen() -> None:
    payload = digest([
        update("late-economy", "economy", "2026-03-05"),
        update("unknown-kind", "gossip", "2026-01-01"),
        update("undated-economy", "economy", None),
        update("diplomacy", "diplomacy", "2026-03-07"),
        update("early-economy", "economy", "2026-03-01", first_seen="2026-03-03T00:00:00Z"),
        update("early-economy-seen-first", "economy", "2026-03-01",
               first_seen="2026-03-01T00:00:00Z"),
    ])
    assert [u["id"] for u in payload["updates"]] == [
        "diplomacy", "undated-economy", "early-economy-seen-first", "early-economy",
        "late-economy", "unknown-kind"]


def test_the_subject_counts_with_plurals_as_they_stand() -> None:
    one = digest([update("u-1", "economy", summary="Norland sends wheat")])
    assert one["subject"] == f"{STORY}: 1 new update (economy): Norland sends wheat"
    two = digest([update("u-1", "security"), update("u-2", "diplomacy")],
                 [CONTRADICTION, CONTRADICTION])
    assert two["subject"] == (f"{STORY}: 2 new updates (diplomacy, security); "
                              "2 contradictions of the baseline")
    only_contradiction = digest([], [CONTRADICTION])
    assert only_contradiction["subject"] == f"{STORY}: 1 contradiction of the baseline"


def test_the_subject_is_cut_to_180_characters() -> None:
    payload = digest([update("u-1", "economy", summary="wheat " * 60)])
    assert len(payload["subject"]) == 180
    assert payload["subject"].startswith(f"{STORY}: 1 new update (economy): wheat")


def test_the_text_rendering_groups_by_kind_and_shows_every_part() -> None:
    payload = digest([update("u-1", "security", None, sources=(WIRE, COPY)),
                      update("u-2", "diplomacy")], [CONTRADICTION], [FAILING])
    text = render_text(payload)
    assert text.startswith(payload["subject"] + "\n")
    assert text.index("DIPLOMACY") < text.index("SECURITY") < text.index(
        "CONTRADICTIONS OF THE BASELINE") < text.index("FEEDS FAILING")
    assert "date not given - 2 outlet(s) - confidence 0.80" in text
    assert "- Daily: Norland sends wheat (copy)" in text
    assert "- Wire: Norland sends wheat\n    https://wire.example/1" in text
    assert "known (f-first): Norland was the first" in text
    assert "* Broken feed since 2026-03-08T07:30: HTTP 503" in text
    assert "composed 2026-03-09T08:00 UTC" in text
    assert f"Digest {payload['digest_id']};" in text
    assert "$" not in text


def test_the_text_rendering_leaves_out_empty_sections() -> None:
    text = render_text(digest([update("u-1", "economy")]))
    assert "ECONOMY" in text
    assert "CONTRADICTIONS" not in text and "FEEDS FAILING" not in text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for name, value in attrs if name == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_rendering_escapes_what_the_feeds_wrote() -> None:
    hostile = SourceLine("A & B", "<script>alert(1)</script>",
                         'https://x.example/?a=1&b="2"')
    payload = digest([update("u-1", "economy", summary="Wheat <b>&</b> fuel",
                             sources=(hostile,))], [CONTRADICTION], [FAILING])
    page = render_html(payload)
    assert "<script>" not in page and "<b>&</b>" not in page
    parsed = _Collector()
    parsed.feed(page)
    text = "".join(parsed.text)
    # What the reader sees is what the feed wrote, as text.
    assert "Wheat <b>&</b> fuel" in text and "<script>alert(1)</script>" in text
    assert 'https://x.example/?a=1&b="2"' in parsed.links
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "Economy" in text and "Contradictions of the baseline" in text
    assert "Feeds failing" in text and "HTTP 503" in text
