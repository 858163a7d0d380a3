"""The "Merged" section of a digest: updates announced to a channel before that turned
out to be one development with another.

Pure. A reader told of two developments must be told, once, that they are one: which
earlier update is now part of which, when each was announced, and how many outlets and
languages carry the merged update now. The section is rendered from the frozen digest
document (its ``merges``), like the rest of the digest, so a retry says the same;
documents composed before merges were told of have none.
"""

from __future__ import annotations

import html
from typing import Any

from tracker.notify.wording import plural

HEADING = "Merged"
INTRO = "Announced to you as separate developments, found since to be one:"


def merges_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The merges a digest tells of (none in documents composed before there were any)."""
    merges: list[dict[str, Any]] = payload.get("merges") or []
    return merges


def when(moment: str | None) -> str:
    """``2026-03-09 10:00`` from an ISO moment."""
    return (moment or "")[:16].replace("T", " ")


def into_status(merge: dict[str, Any], payload: dict[str, Any]) -> str:
    """When the update it went into was announced, or that it is new here, or neither."""
    if merge.get("into_announced"):
        return f"announced {when(merge['into_announced'])}"
    if any(u["id"] == merge["into"] for u in payload["updates"]):
        return "new in this digest"
    return "not announced before"


def carried_by(merge: dict[str, Any]) -> str:
    """``now 3 outlets (bbc.co.uk, tass.ru, …), 2 languages (en, ru)``."""
    publishers, languages = merge.get("publishers") or [], merge.get("languages") or []
    outlets = plural(merge["outlets"], "outlet")
    if publishers:
        outlets += f" ({', '.join(publishers)})"
    spoken = (plural(len(languages), "language") + f" ({', '.join(languages)})"
              if languages else "language not recorded")
    return f"one development, now {outlets}, {spoken}"


def render_text(payload: dict[str, Any]) -> list[str]:
    """The section's lines for the plain-text digest (none when there is no merge)."""
    merges = merges_of(payload)
    if not merges:
        return []
    lines = [HEADING.upper(), INTRO]
    for m in merges:
        lines.append(f"* {m['summary']} (announced {when(m['announced'])})")
        lines.append(f"  is now part of: {m['into_summary']} ({into_status(m, payload)})")
        lines.append(f"  {carried_by(m)}")
    lines.append("")
    return lines


def render_html(payload: dict[str, Any]) -> str:
    """The section for the HTML digest, every piece of feed text escaped."""
    merges = merges_of(payload)
    if not merges:
        return ""
    e = html.escape
    items = "".join(
        f'<li class="merge"><p><strong>{e(m["summary"])}</strong> '
        f'<span class="meta">(announced {e(when(m["announced"]))})</span></p>'
        f'<p>is now part of: <strong>{e(m["into_summary"])}</strong> '
        f'<span class="meta">({e(into_status(m, payload))})</span></p>'
        f'<p class="meta">{e(carried_by(m))}</p></li>' for m in merges)
    return (f'<section class="group"><h2>{HEADING}</h2><p class="meta">{e(INTRO)}</p>'
            f'<ul class="updates">{items}</ul></section>')
