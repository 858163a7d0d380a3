"""Hostile feeds through Tracker.poll() into a real SQLite store (see tests/hostile.py).

For each class of hostile feed: the cycle completes, a healthy feed polled with it is
recorded normally, the cycle ends well within a generous hang guard, peak resident
memory stays within a generous bound, and the feed's state records a clear reason, or
its articles are recorded, each once. Then every class at once, in one cycle.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from conftest import FeedServer
from hostile import CASES, HANG_GUARD, MEMORY_BOUND, Case, Kit, run_case, run_cycles

from tracker.errors import ParseError
from tracker.ingest.parse import parse_feed
from tracker.ingest.prescan import MAX_ATTRIBUTES, MAX_DEPTH


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_feed_is_survived(case: Case, feed_server: FeedServer, tmp_path: Path):
    kit = Kit(feed_server)
    try:
        report = run_case(case, kit, tmp_path)
    finally:
        kit.close()
    assert report.problems == []
    if case.reason is None:
        assert report.outcome in ("ok", "unchanged") and report.reason is None
    else:
        assert report.reason == case.reason
    assert report.seconds < HANG_GUARD
    assert report.memory < MEMORY_BOUND
    assert (report.lost, report.duplicated) == (0, 0)


def test_every_hostile_feed_in_one_cycle(feed_server: FeedServer, tmp_path: Path):
    # Side by side, the slow ones must not hold up the rest: the cycles end with the
    # fetch deadline (5 s), not with the sum of it over the cases.
    kit = Kit(feed_server)
    try:
        reports = run_cycles(CASES, kit, tmp_path)
    finally:
        kit.close()
    assert {r.case: r.problems for r in reports if r.problems} == {}
    assert {r.case: r.reason for r in reports} == {c.name: c.reason for c in CASES}
    assert max(r.seconds for r in reports) < HANG_GUARD


# -- the pre-scan on its own: disguises, and the limits themselves ----------------------


def _rss(inner: str, prolog: str = "") -> bytes:
    return (f"<?xml version='1.0' encoding='utf-8'?>\n{prolog}\n<rss version='2.0'><channel>"
            f"<title>t</title>{inner}</channel></rss>").encode()


def _attributes(count: int, value: str = "v") -> str:
    return " ".join(f"a{n}={quoteattr(value)}" for n in range(count))


DISGUISED = {
    # ">" is legal in an attribute value: a tag must not end there.
    "attributes-hiding-behind-gt": (
        _rss(f"<item {_attributes(200, '>')}><title>x</title></item>"), "too-many-attributes"),
    "attributes-in-utf-16": (
        _rss(f"<item {_attributes(200)}><title>x</title></item>").decode().replace(
            "utf-8", "utf-16").encode("utf-16"), "too-many-attributes"),
    "attributes-without-values": (
        _rss("<item " + " ".join(f"a{n}" for n in range(200)) + "><title>x</title></item>"),
        "too-many-attributes"),
    "nesting-never-closed": (_rss("<item><title>x</title>" + "<p>" * 2000 + "</item>"),
                             "too-deep"),
    "nesting-in-utf-7": (
        _rss("<item><title>x</title>" + "<d>" * 2000 + "</d>" * 2000 + "</item>").decode()
        .replace("utf-8", "utf-7").encode("utf-7"), "too-deep"),
    "entity-cycle": (_rss("<item><title>&a;</title></item>",
                          '<!DOCTYPE rss [\n<!ENTITY a "x&b;">\n<!ENTITY b "y&a;">\n]>'),
                     "entity-expansion"),
    "parameter-entities": (_rss("<item><title>x</title></item>", "<!DOCTYPE rss [\n"
                                + '<!ENTITY % p0 "xxxxxxxxxx">\n' + "".join(
                                    f'<!ENTITY % p{n} "{f"%p{n - 1};" * 10}">\n'
                                    for n in range(1, 8)) + "%p7;\n]>"), "entity-expansion"),
    "entity-declarations-by-the-thousand": (
        _rss("<item><title>x</title></item>", "<!DOCTYPE rss [\n" + "".join(
            f'<!ENTITY e{n} "v">\n' for n in range(1001)) + "]>"), "entity-expansion"),
    "escaped-html-flood": (_rss("<item><title>x</title><description>" + "&#60;b>" * 1_100_000
                                + "</description></item>"), "too-many-elements"),
}


@pytest.mark.parametrize("body, reason", DISGUISED.values(), ids=DISGUISED.keys())
def test_prescan_sees_through_disguises(body: bytes, reason: str):
    with pytest.raises(ParseError) as refused:
        parse_feed(body, {"content-type": "application/rss+xml"})
    assert refused.value.reason == reason


def test_prescan_lets_the_limits_themselves_through():
    at_limits = _rss(
        f"<item {_attributes(MAX_ATTRIBUTES)}><title>item</title><guid>g</guid>"
        + "<d>" * (MAX_DEPTH - 3) + "</d>" * (MAX_DEPTH - 3) + "</item>",  # rss/channel/item
        '<!DOCTYPE rss [\n<!ENTITY id "tag:example.com,">\n]>')
    assert [i.title for i in parse_feed(at_limits, {}).items] == ["item"]
    small_entity = _rss("<item><title>&id;2006</title><guid>g</guid></item>",
                        '<!DOCTYPE rss [\n<!ENTITY id "tag:example.com,">\n]>')
    assert [i.title for i in parse_feed(small_entity, {}).items] == ["tag:example.com,2006"]
    with pytest.raises(ParseError, match="attributes"):
        parse_feed(at_limits.replace(b"<item ", b"<item extra='1' "), {})
    with pytest.raises(ParseError, match="nested"):
        parse_feed(at_limits.replace(b"<d>", b"<d><d>", 1).replace(b"</d>", b"</d></d>", 1), {})
