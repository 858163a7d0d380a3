"""Digests: what changed in the story since the last one, for one channel.

Pure. A digest is composed once, from the updates and contradictions a channel has not
been sent yet, and frozen as a versioned JSON document (schema ``tracker.digest/1``,
documented in README.md). Webhooks receive that document; mail is rendered from it, so
every retry sends exactly what was composed.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Any

SCHEMA = "tracker.digest/1"
KIND_ORDER = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
              "position")


@dataclass(frozen=True)
class SourceLine:
    outlet: str
    title: str
    url: str | None
    copy: bool = False


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
    created: str,
) -> dict[str, Any] | None:
    """The digest document, or None when nothing new happened (failing feeds alone are
    not news)."""
    if not updates and not contradictions:
        return None
    items = [f"update:{u.id}" for u in updates] + [f"contradiction:{c.key}"
                                                   for c in contradictions]
    ordered = sorted(updates, key=lambda u: (_kind_rank(u.kind), u.event_date or "",
                                              u.first_seen))
    payload: dict[str, Any] = {
        "schema": SCHEMA,
        "digest_id": digest_id_for(channel, items),
        "channel": channel,
        "story": story,
        "created": created,
        "subject": "",
        "updates": [_update(u) for u in ordered],
        "contradictions": [_contradiction(c) for c in contradictions],
        "failing_feeds": [{"name": f.name, "url": f.url, "failing_since": f.failing_since,
                           "last_error": f.last_error} for f in failing],
    }
    payload["subject"] = subject(payload)
    return payload


def subject(payload: dict[str, Any]) -> str:
    updates = payload["updates"]
    kinds = [k for k in KIND_ORDER if any(u["kind"] == k for u in updates)]
    parts = []
    if updates:
        noun = "update" if len(updates) == 1 else "updates"
        parts.append(f"{len(updates)} new {noun} ({', '.join(kinds)})")
    if payload["contradictions"]:
        count = len(payload["contradictions"])
        parts.append(f"{count} contradiction{'s' if count > 1 else ''} of the baseline")
    text = f"{payload['story']}: {'; '.join(parts)}"
    if len(updates) == 1:
        text += f": {updates[0]['summary']}"
    return text[:180]


def render_text(payload: dict[str, Any]) -> str:
    blocks = []
    for kind, updates in _by_kind(payload):
        blocks.append(f"{kind.upper()}")
        for u in updates:
            blocks.append(f"* {u['summary']}")
            blocks.append(f"  {u['event_date'] or 'date not given'} - "
                          f"{u['outlets']} outlet(s) - confidence {u['confidence']:.2f}")
            for s in u["sources"]:
                copy = " (copy)" if s["copy"] else ""
                blocks.append(f"  - {s['outlet']}: {s['title']}{copy}\n    {s['url'] or ''}")
        blocks.append("")
    if payload["contradictions"]:
        blocks.append("CONTRADICTIONS OF THE BASELINE")
        for c in payload["contradictions"]:
            blocks.append(f"* {c['description']}")
            blocks.append(f"  known ({c['fact_id']}): {c['fact_statement']}")
            blocks.append(f"  claim: {c['claim']}")
            blocks.append(f"  - {c['source']['outlet']}: {c['source']['title']}\n"
                          f"    {c['source']['url'] or ''}")
        blocks.append("")
    if payload["failing_feeds"]:
        blocks.append("FEEDS FAILING")
        for f in payload["failing_feeds"]:
            blocks.append(f"* {f['name']} since {f['failing_since'][:16]}: {f['last_error']}")
        blocks.append("")
    return _template("digest.txt").substitute(
        subject=payload["subject"], story=payload["story"], created=payload["created"][:16],
        digest_id=payload["digest_id"], body="\n".join(blocks).rstrip())


def render_html(payload: dict[str, Any]) -> str:
    e = html.escape
    sections = []
    for kind, updates in _by_kind(payload):
        items = []
        for u in updates:
            sources = "".join(
                f'<li>{e(s["outlet"])}: <a href="{e(s["url"] or "")}">{e(s["title"])}</a>'
                f'{" (copy)" if s["copy"] else ""}</li>' for s in u["sources"])
            items.append(
                f'<li class="update"><p class="summary">{e(u["summary"])}</p>'
                f'<p class="meta">{e(u["event_date"] or "date not given")} &middot; '
                f'{u["outlets"]} outlet(s) &middot; confidence {u["confidence"]:.2f}</p>'
                f'<ul class="sources">{sources}</ul></li>')
        sections.append(f'<h2>{e(kind.capitalize())}</h2><ul>{"".join(items)}</ul>')
    if payload["contradictions"]:
        items = [
            f'<li class="contradiction"><p><strong>{e(c["description"])}</strong></p>'
            f'<p>Known ({e(c["fact_id"])}): {e(c["fact_statement"])}</p>'
            f'<p>Claim: {e(c["claim"])}</p><p>{e(c["source"]["outlet"])}: '
            f'<a href="{e(c["source"]["url"] or "")}">{e(c["source"]["title"])}</a></p></li>'
            for c in payload["contradictions"]]
        sections.append(f'<h2>Contradictions of the baseline</h2><ul>{"".join(items)}</ul>')
    if payload["failing_feeds"]:
        items = [f'<li>{e(f["name"])} since {e(f["failing_since"][:16])}: '
                 f'{e(f["last_error"] or "")}</li>' for f in payload["failing_feeds"]]
        sections.append(f'<h2>Feeds failing</h2><ul>{"".join(items)}</ul>')
    return _template("digest.html").substitute(
        subject=e(payload["subject"]), story=e(payload["story"]),
        created=e(payload["created"][:16]), digest_id=e(payload["digest_id"]),
        body="\n".join(sections))


def _update(u: PendingUpdate) -> dict[str, Any]:
    return {"id": u.id, "kind": u.kind, "summary": u.summary, "event_date": u.event_date,
            "first_seen": u.first_seen, "confidence": u.confidence, "outlets": u.outlets,
            "sources": [_source(s) for s in u.sources]}


def _contradiction(c: PendingContradiction) -> dict[str, Any]:
    return {"key": c.key, "fact_id": c.fact_id, "fact_statement": c.fact_statement,
            "claim": c.claim, "description": c.description, "source": _source(c.source)}


def _source(s: SourceLine) -> dict[str, Any]:
    return {"outlet": s.outlet, "title": s.title, "url": s.url, "copy": s.copy}


def _by_kind(payload: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for update in payload["updates"]:
        groups.setdefault(update["kind"], []).append(update)
    return sorted(groups.items(), key=lambda item: _kind_rank(item[0]))


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _template(name: str) -> Template:
    return Template(resources.files("tracker").joinpath(f"templates/{name}").read_text("utf-8"))
