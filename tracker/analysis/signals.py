"""The evidence of an article as its analysis event records it (``signals``), and back.

Pure. The store keeps each article's language-independent evidence as a JSON document,
so that the story's memory is replayed from the log without reading the articles again
(see :mod:`tracker.analysis.memory`), and users can query it with SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from tracker.analysis.date_tokens import DayHint
from tracker.analysis.grouping import Evidence


def to_signals(evidence: Evidence) -> dict[str, object]:
    """The evidence as a JSON document for the article's analysis event."""
    return {
        "concepts": dict(sorted(evidence.concepts.items())),
        "kinds": dict(sorted(evidence.kinds.items())),
        "actors": sorted(evidence.actors), "places": sorted(evidence.places),
        "quantities": sorted(evidence.quantities), "names": sorted(evidence.names),
        "people": sorted(evidence.people),
        "when": evidence.when.isoformat() if evidence.when else None,
        "dated_by": evidence.dated_by, "readable": evidence.readable,
        "hint": _hint_signal(evidence.hint),
        "since": evidence.since.isoformat() if evidence.since else None,
        "recalled": sorted([d.isoformat(), month] for d, month in evidence.recalled),
        "stances": sorted(evidence.stances), "ordinals": sorted(evidence.ordinals),
        "speakers": sorted(evidence.speakers), "commentary": evidence.commentary,
        "filed": sorted(evidence.filed), "bodies": sorted(evidence.bodies),
    }


def from_signals(headline: str, language: str | None, signals: Mapping[str, object]
                 ) -> Evidence:
    """The evidence an analysis event recorded (see :func:`to_signals`)."""
    def strings(key: str) -> frozenset[str]:
        value = signals.get(key) or []
        return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()

    def weights(key: str) -> dict[str, float]:
        value = signals.get(key) or {}
        return {str(k): float(v) for k, v in value.items()} if isinstance(value, dict) else {}

    when, since = signals.get("when"), signals.get("since")
    return Evidence(
        headline=headline, language=language, concepts=weights("concepts"),
        kinds=weights("kinds"), actors=strings("actors"), places=strings("places"),
        quantities=strings("quantities"), names=strings("names"), people=strings("people"),
        when=date.fromisoformat(when) if isinstance(when, str) else None,
        dated_by=str(signals.get("dated_by", "none")), hint=_hint(signals.get("hint")),
        since=date.fromisoformat(since) if isinstance(since, str) else None,
        readable=bool(signals.get("readable", True)),
        recalled=_recalled(signals.get("recalled")), stances=strings("stances"),
        ordinals=frozenset(int(n) for n in strings("ordinals") if n.isdigit()),
        speakers=strings("speakers"), commentary=bool(signals.get("commentary", False)),
        filed=strings("filed"), bodies=strings("bodies"))


def _recalled(value: object) -> frozenset[tuple[date, bool]]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset((date.fromisoformat(str(d)), bool(month)) for d, month in value)


def _hint_signal(hint: DayHint | None) -> dict[str, int] | None:
    if hint is None:
        return None
    return {k: v for k, v in (("month", hint.month), ("day", hint.day),
                              ("weekday", hint.weekday)) if v is not None}


def _hint(value: object) -> DayHint | None:
    if not isinstance(value, dict) or not value:
        return None
    def part(name: str) -> int | None:
        got = value.get(name)
        return got if isinstance(got, int) else None
    return DayHint(part("month"), part("day"), part("weekday"))
