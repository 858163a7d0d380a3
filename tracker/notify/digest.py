"""Digests: what changed in the story since the last one, for one channel.

Pure. A digest is composed once, from the updates, contradictions and merges (see
:mod:`tracker.notify.merge_notices`) a channel has not been sent yet, and frozen as a
versioned JSON document (schema ``tracker.digest/1``, documented in README.md). Webhooks
receive that document; mail and Apprise messages are rendered from it, so every retry
sends exactly what was composed.

It reads like a briefing: the most important development first (carried by the most
outlets, then the most confident, then the newest), named in the subject; outlets are
publishers, not feeds (see :mod:`tracker.analysis.provenance`); each update says which outlets
and languages carry it.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Any

from tracker.analysis.provenance import distinct, language_tag
from tracker.notify import merge_notices
from tracker.notify.wording import plural

SCHEMA = "tracker.digest/1"


SUBJECT_MAX = 180


@dataclass(frozen=True)
class SourceLine:
    outlet: str
    """The feed's name, as configured."""
    title: str
    url: str | None
    copy: bool = False
    publisher: str = ""
    """The publisher (see :mod:`tracker.analysis.provenance`); empty when not known."""
    language: str | None = None
    """The article's language as recorded (a BCP 47 tag such as ``en`` or ``ru-RU``), or
    None until language identification records one."""


@dataclass(frozen=True)
class PendingUpdate:
    id: str
    kind: str
    summary: str
    event_date: str | None
    first_seen: str
    confidence: float
    outlets: int
    sources: tuple[SourceLine, ...]
    gist: str = ""
    """What, who, where and how much, in the story's language (see
    :mod:`tracker.analysis.gist`): readable whatever language the summary is in."""


@dataclass(frozen=True)
class PendingContradiction:
    key: str
    """``article_id:fact_id``."""
    fact_id: str
    fact_statement: str
    claim: str
    description: str
    source: SourceLine


@dataclass(frozen=True)
class PendingMerge:
    """An update announced to the channel before, found since to be one development
    with another (see :mod:`tracker.notify.merge_notices`)."""

    key: str
    """``update_id:into`` as the merge was recorded."""
    update_id: str
    summary: str
    """As it was announced to the channel."""
    announced: str
    into: str
    """The update its sources belong to now (the one it went into, or where that went)."""
    into_summary: str
    into_announced: str | None
    """When ``into`` was announced to the channel; None if it was not."""
    outlets: int
    sources: tuple[SourceLine, ...]
    """The merged update's sources, for its outlets and languages."""
    merged_at: str


@dataclass(frozen=True)
class FailingFeed:
    name: str
    url: str
    failing_since: str
    last_error: str | None


def digest_id_for(channel: str, items: Sequence[str]) -> str:
    """Stable for the same channel and content, so composing twice cannot make two."""
    digest = hashlib.sha256("\n".join([channel, *sorted(items)]).encode()).hexdigest()
    return f"d-{digest[:16]}"


def compose(
    channel: str, story: str, updates: Sequence[PendingUpdate],
    contradictions: Sequence[PendingContradiction], failing: Sequence[FailingFeed],
    created: str, merges: Sequence[PendingMerge] = (),
) -> dict[str, Any] | None:
    """The digest document, or None when nothing new happened (failing feeds alone are
    not news)."""
    if not updates and not contradictions and not merges:
        return None
    items = ([f"update:{u.id}" for u in updates]
             + [f"contradiction:{c.key}" for c in contradictions]
             + [f"merge:{m.key}" for m in merges])
    ordered = by_importance([_update(u) for u in updates])
    payload: dict[str, Any] = {
        "schema": SCHEMA,
        "digest_id": digest_id_for(channel, items),
        "channel": channel,
        "story": story,
        "created": created,
        "subject": "",
        "lead": ordered[0]["id"] if ordered else None,
        "updates": ordered,
        "contradictions": [_contradiction(c) for c in contradictions],
        "merges": [_merge(m) for m in merges],
        "failing_feeds": [{"name": f.name, "url": f.url, "failing_since": f.failing_since,
                           "last_error": f.last_error} for f in failing],
    }
    payload["subject"] = subject(payload)
    return payload


def importance(update: dict[str, Any]) -> tuple[int, float, str]:
    """Bigger is more important: carried by more outlets, then more confident, then newer
    (by the development's date, else when it was first seen)."""
    return (update["outlets"], update["confidence"],
            update["event_date"] or update["first_seen"][:10])


def by_importance(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(updates, key=lambda u: (importance(u), u["first_seen"], u["id"]),
                  reverse=True)


def subject(payload: dict[str, Any]) -> str:
    """The story and its most important development, then how much else is new:
    ``Story: Lead summary (+2 more updates, 1 contradiction of the baseline, 1 merged
    update)``; with merges alone, ``Story: 2 earlier updates merged: First summary``."""
    updates, contradictions = payload["updates"], payload["contradictions"]
    merges = merge_notices.merges_of(payload)
    rest = []
    if updates:
        lead = updates[0]["summary"]
        if len(updates) > 1:
            rest.append(plural(len(updates) - 1, "more update"))
        if contradictions:
            rest.append(plural(len(contradictions), "contradiction") + " of the baseline")
    elif contradictions:
        lead = f"contradicts the baseline: {contradictions[0]['description']}"
        if len(contradictions) > 1:
            rest.append(plural(len(contradictions) - 1, "more contradiction"))
    else:
        lead = f"{plural(len(merges), 'earlier update')} merged: {merges[0]['summary']}"
    if merges and (updates or contradictions):
        rest.append(plural(len(merges), "merged update"))
    prefix = f"{payload['story']}: "
    suffix = f" (+{', '.join(rest)})" if rest else ""
    room = SUBJECT_MAX - len(prefix) - len(suffix)
    return f"{prefix}{shorten(lead, room)}{suffix}"


def shorten(text: str, room: int) -> str:
    """``text`` in at most ``room`` characters, cut at a word when one ends in the second
    half (scripts without spaces are cut anywhere), with an ellipsis."""
    if len(text) <= room:
        return text
    cut = text[:max(room - 1, 10)]
    space = cut.rfind(" ")
    if space >= len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def facts_line(update: dict[str, Any]) -> str:
    """``economy · 2026-03-09 · 2 outlets: bbc.co.uk, tass.ru · languages: en, ru ·
    confidence 0.85``."""
    publishers = update.get("publishers") or []
    outlets = plural(update["outlets"], "outlet")
    if publishers:
        outlets += ": " + ", ".join(publishers)
    languages = update.get("languages") or []
    unknown = sum(1 for s in update["sources"] if not s.get("language"))
    spoken = (f"{'language' if len(languages) == 1 else 'languages'}: "
              f"{', '.join(languages)}" if languages else "language not recorded")
    if languages and unknown:
        spoken += f" (not recorded for {plural(unknown, 'source')})"
    return " · ".join([update["kind"], update["event_date"] or "date not given", outlets,
                       spoken, f"confidence {update['confidence']:.2f}"])


def source_label(source: dict[str, Any]) -> str:
    """``bbc.co.uk (BBC News – Asia, en)``: the publisher, and the feed when it says more."""
    publisher = source.get("publisher") or source["outlet"]
    extra = [x for x in (source["outlet"] if source["outlet"] != publisher else None,
                         source.get("language")) if x]
    return f"{publisher} ({', '.join(extra)})" if extra else publisher


def render_text(payload: dict[str, Any]) -> str:
    blocks = []
    for heading, updates in _sections(payload):
        blocks.append(heading.upper())
        for u in updates:
            blocks.append(f"* {u['summary']}")
            if u.get("gist"):
                blocks.append(f"  gist: {u['gist']}")
            blocks.append(f"  {facts_line(u)}")
            for s in u["sources"]:
                copy = " (copy)" if s["copy"] else ""
                blocks.append(f"  - {source_label(s)}: {s['title']}{copy}\n    {s['url'] or ''}")
        blocks.append("")
    blocks += merge_notices.render_text(payload)
    if payload["contradictions"]:
        blocks.append("CONTRADICTIONS OF THE BASELINE")
        for c in payload["contradictions"]:
            blocks.append(f"* {c['description']}")
            blocks.append(f"  known ({c['fact_id']}): {c['fact_statement']}")
            blocks.append(f"  claim: {c['claim']}")
            blocks.append(f"  - {source_label(c['source'])}: {c['source']['title']}\n"
                          f"    {c['source']['url'] or ''}")
        blocks.append("")
    if payload["failing_feeds"]:
        blocks.append("FEEDS FAILING")
        for f in payload["failing_feeds"]:
            blocks.append(f"* {f['name']} since {f['failing_since'][:16]}: {f['last_error']}")
        blocks.append("")
    return _template("digest.txt").substitute(
        subject=payload["subject"], story=payload["story"],
        created=payload["created"][:16].replace("T", " "), digest_id=payload["digest_id"],
        overview=overview(payload),
        body="\n".join(blocks).rstrip())


def overview(payload: dict[str, Any]) -> str:
    """One sentence: how much is new."""
    parts = [plural(len(payload["updates"]), "new update")] if payload["updates"] else []
    if payload["contradictions"]:
        parts.append(plural(len(payload["contradictions"]), "contradiction")
                     + " of the baseline")
    if merges := merge_notices.merges_of(payload):
        parts.append(plural(len(merges), "merged update"))
    if payload["failing_feeds"]:
        parts.append(plural(len(payload["failing_feeds"]), "feed") + " failing")
    return ", ".join(parts).capitalize() + "."


def _sections(payload: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The lead development on its own, then the others, newest development first."""
    updates = payload["updates"]
    if not updates:
        return []
    others = sorted(updates[1:], key=lambda u: (u["event_date"] or u["first_seen"][:10],
                                                u["first_seen"]), reverse=True)
    sections = [("Most important", updates[:1])]
    if others:
        sections.append(("Also new", others))
    return sections


def render_html(payload: dict[str, Any]) -> str:
    e = html.escape
    sections = []
    for heading, updates in _sections(payload):
        items = "".join(_update_html(u) for u in updates)
        lead = " lead" if heading == "Most important" else ""
        sections.append(f'<section class="group{lead}"><h2>{e(heading)}</h2>'
                        f'<ul class="updates">{items}</ul></section>')
    if merged := merge_notices.render_html(payload):
        sections.append(merged)
    if payload["contradictions"]:
        items = "".join(
            f'<li class="contradiction"><p><strong>{e(c["description"])}</strong></p>'
            f'<p>Known ({e(c["fact_id"])}): {e(c["fact_statement"])}</p>'
            f'<p>Claim: {e(c["claim"])}</p><p class="source">{e(source_label(c["source"]))}: '
            f'{_link(c["source"]["url"], c["source"]["title"])}</p></li>'
            for c in payload["contradictions"])
        sections.append(f'<section class="group"><h2>Contradictions of the baseline</h2>'
                        f'<ul class="updates">{items}</ul></section>')
    if payload["failing_feeds"]:
        items = "".join(f'<li>{e(f["name"])} since {e(f["failing_since"][:16])}: '
                        f'{e(f["last_error"] or "")}</li>' for f in payload["failing_feeds"])
        sections.append(f'<section class="group"><h2>Feeds failing</h2><ul>{items}</ul>'
                        f'</section>')
    return _template("digest.html").substitute(
        subject=e(payload["subject"]), story=e(payload["story"]),
        created=e(payload["created"][:16].replace("T", " ")), digest_id=e(payload["digest_id"]),
        overview=e(overview(payload)), body="\n".join(sections))


def _update_html(u: dict[str, Any]) -> str:
    e = html.escape
    sources = "".join(
        f'<li><span class="outlet">{e(source_label(s))}</span> '
        f'{_link(s["url"], s["title"])}{" <span class=copy>(copy)</span>" if s["copy"] else ""}'
        f'</li>' for s in u["sources"])
    meta = facts_line(u).split(" · ", 1)[1]
    gist = f'<p class="gist">{e(u["gist"])}</p>' if u.get("gist") else ""
    return (f'<li class="update"><p class="summary"><span class="tag">{e(u["kind"])}</span> '
            f'{e(u["summary"])}</p>{gist}<p class="meta">{e(meta)}</p>'
            f'<ul class="sources">{sources}</ul></li>')


def _link(url: str | None, text: str) -> str:
    e = html.escape
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{e(url)}">{e(text or url)}</a>'
    return e(text or url or "")


def _update(u: PendingUpdate) -> dict[str, Any]:
    publishers = distinct(s.publisher for s in u.sources)
    return {"id": u.id, "kind": u.kind, "summary": u.summary, "gist": u.gist,
            "event_date": u.event_date,
            "first_seen": u.first_seen, "confidence": u.confidence,
            "outlets": len(publishers) if publishers else u.outlets,
            "publishers": publishers,
            "languages": distinct(language_tag(s.language) for s in u.sources),
            "sources": [_source(s) for s in u.sources]}


def _merge(m: PendingMerge) -> dict[str, Any]:
    publishers = distinct(s.publisher for s in m.sources)
    return {"key": m.key, "update_id": m.update_id, "summary": m.summary,
            "announced": m.announced, "into": m.into, "into_summary": m.into_summary,
            "into_announced": m.into_announced,
            "outlets": len(publishers) if publishers else m.outlets,
            "publishers": publishers,
            "languages": distinct(language_tag(s.language) for s in m.sources),
            "merged_at": m.merged_at}


def _contradiction(c: PendingContradiction) -> dict[str, Any]:
    return {"key": c.key, "fact_id": c.fact_id, "fact_statement": c.fact_statement,
            "claim": c.claim, "description": c.description, "source": _source(c.source)}


def _source(s: SourceLine) -> dict[str, Any]:
    return {"outlet": s.outlet, "title": s.title, "url": s.url, "copy": s.copy,
            "publisher": s.publisher or None, "language": s.language}


def _template(name: str) -> Template:
    return Template(resources.files("tracker").joinpath(f"templates/{name}").read_text("utf-8"))
