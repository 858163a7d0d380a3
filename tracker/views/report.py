"""The story as one self-contained HTML page, read as a timeline.

Pure: :func:`render` turns a :class:`~tracker.views.story.Story` and the coverage counts into
a page that needs no network to view: inline styles, inline scripts (the kind filter,
and the coverage chart drawn as SVG from data embedded in the page), and every piece of
feed text escaped. The main view is a timeline by event date, oldest first, starting
with the baseline; each update carries its kind as a tag (filterable), its sources'
outlets (publishers) and languages. Contradictions, the coverage chart, background
developments (dated before the baseline) and the baseline's facts follow.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from tracker.notify.wording import plural
from tracker.views.story import CoveragePoint, Source, Story, UpdateView

KIND_ORDER = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
              "position")


def render(view: Story, name: str, coverage: Sequence[CoveragePoint], generated: str) -> str:
    e = html.escape
    news = sorted((u for u in view.updates if not u.background), key=_when)
    background = sorted((u for u in view.updates if u.background), key=_when)
    contradictions = "".join(
        f'<li class="contradiction"><strong>{e(c.description)}</strong>'
        f'<p>Known ({e(c.fact_id)}): {e(c.fact_statement)}</p><p>Claim: {e(c.claim)}</p>'
        f'<p class="source">{e(c.source.label)}: '
        f'{_link(c.source.url, c.source.title)}</p></li>' for c in view.contradictions)
    facts = "".join(
        f'<tr><td>{e(f.id)}</td><td class="date">{e(f.date or "")}</td><td>{_tag(f.kind)}</td>'
        f'<td>{e(f.statement)}</td><td class="num">{f.corroborations}</td></tr>'
        for f in view.facts)
    chart_data = json.dumps([{"week": p.week, "articles": p.articles, "updates": p.updates}
                             for p in coverage])
    summary = (f"{plural(len(news), 'update')} since the baseline, "
               f"{plural(len(background), 'background development')}, "
               f"{plural(len(view.contradictions), 'contradiction')}, "
               f"{plural(len(view.facts), 'baseline fact')}")
    return _PAGE.format(
        title=e(name), generated=e(generated),
        as_of=e(f" as of {view.as_of}" if view.as_of else ""),
        n_updates=len(news), summary=e(summary),
        filters=_filters(news),
        timeline=_baseline_entry(view) + "".join(_entry(u) for u in news),
        contradictions=(f'<section id="contradictions"><h2>Contradictions of the baseline'
                        f'</h2><ul>{contradictions}</ul></section>' if contradictions else ""),
        background="".join(_entry(u) for u in background) or "<li>None.</li>",
        facts=facts,
        chart_data=chart_data.replace("</", "<\\/"),
    )


def _when(u: UpdateView) -> tuple[str, str]:
    return (u.event_date or u.first_seen[:10], u.first_seen)


def _kinds(updates: Sequence[UpdateView]) -> list[str]:
    kinds = [k for k in KIND_ORDER if any(u.kind == k for u in updates)]
    return kinds + sorted({u.kind for u in updates} - set(kinds))


def _filters(updates: Sequence[UpdateView]) -> str:
    """One checkbox per kind; hidden until the script that makes them work has run."""
    e = html.escape
    boxes = "".join(
        f'<label class="filter"><input type="checkbox" value="{e(k)}" checked> {_tag(k)} '
        f'<span class="count">{sum(1 for u in updates if u.kind == k)}</span></label>'
        for k in _kinds(updates))
    return (f'<div id="filters" hidden><span class="label">Show:</span>{boxes}'
            f'<span id="shown" class="count"></span></div>' if boxes else "")


def _tag(kind: str) -> str:
    e = html.escape
    known = kind if kind in KIND_ORDER else "other"
    return f'<span class="tag kind-{e(known)}">{e(kind)}</span>'


def _baseline_entry(view: Story) -> str:
    e = html.escape
    return (f'<li class="entry baseline"><time>{e(view.baseline_date or "")}</time>'
            f'<div class="card"><p class="statement"><span class="tag kind-baseline">baseline'
            f'</span> What was already known: {plural(len(view.facts), "fact")}, '
            f'<a href="#baseline">listed below</a>.</p><p class="meta">Every update after '
            f'this point is a development the baseline did not cover.</p></div></li>')


def _entry(u: UpdateView) -> str:
    e = html.escape
    originals = [s for s in u.sources if s.copy_of is None]
    sources = "".join(
        f'<li><span class="outlet">{e(s.publisher_name)}</span>{_feed_and_language(s)} '
        f'{_link(s.url, s.title)}{" <span class=copy>(copy)</span>" if s.copy_of else ""}</li>'
        for s in u.sources)
    outlets = plural(u.outlets, "outlet") + ": " + ", ".join(u.publishers)
    languages = (f"{'language' if len(u.languages) == 1 else 'languages'}: "
                 f"{', '.join(u.languages)}" if u.languages else "language not recorded")
    when = (e(u.event_date) if u.event_date
            else f'{e(u.first_seen[:10])}<small>first seen</small>')
    return (f'<li class="entry update" data-kind="{e(u.kind)}"><time>{when}</time>'
            f'<div class="card"><p class="statement">{_tag(u.kind)} {e(u.summary)}</p>'
            + (f'<p class="gist">{e(u.gist)}</p>' if u.gist else "")
            + f'<p class="meta">{plural(len(originals), "source")} &middot; {e(outlets)} &middot; '
            f'{e(languages)} &middot; confidence {u.confidence:.2f}</p>'
            f'<ul class="sources">{sources}</ul></div></li>')


def _feed_and_language(s: Source) -> str:
    """`` (BBC News – Asia, en)``: the feed when it is not the publisher's name, and the
    language when recorded."""
    extra = [x for x in (s.outlet if s.outlet != s.publisher_name else None, s.language) if x]
    return f' <span class="feed">({html.escape(", ".join(extra))})</span>' if extra else ""


def _link(url: str | None, text: str) -> str:
    e = html.escape
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{e(url)}" rel="noreferrer">{e(text or url)}</a>'
    return e(text or url or "")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: story timeline</title>
<style>
  body {{ font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
         max-width: 62em; margin: 1.5em auto; padding: 0 1em; color: #1d1d1d;
         line-height: 1.4; }}
  h1 {{ margin-bottom: .2em; }} .sub {{ color: #666; margin-top: 0; }}
  h2 {{ border-bottom: 2px solid #ddd; padding-bottom: .2em; margin-top: 2em; }}
  a {{ color: #1f5fa8; }}
  .statement {{ font-weight: 600; margin: 0 0 .2em; }}
  .meta {{ color: #666; margin: 0; font-size: .88em; }}
  .gist {{ margin: 0 0 .15em; font-size: .92em; }}
  .sources {{ font-size: .88em; margin: .3em 0 0; padding-left: 1.1em; }}
  .outlet {{ font-weight: 600; color: #444; }} .feed, .copy {{ color: #888; }}
  .tag {{ display: inline-block; font-size: .72em; font-weight: 600; letter-spacing: .04em;
         text-transform: uppercase; border-radius: 3px; padding: .1em .45em;
         vertical-align: .12em; margin-right: .25em; color: #fff; background: #777; }}
  .kind-diplomacy {{ background: #2f6db5; }} .kind-security {{ background: #b53a2f; }}
  .kind-economy {{ background: #2f8a4f; }} .kind-humanitarian {{ background: #b5702f; }}
  .kind-legal {{ background: #6b4fb5; }} .kind-international {{ background: #2f8a8a; }}
  .kind-position {{ background: #7a7a2f; }} .kind-baseline {{ background: #333; }}
  #filters {{ position: sticky; top: 0; background: #fff; padding: .5em 0;
             border-bottom: 1px solid #eee; z-index: 1; font-size: .95em; }}
  #filters .label {{ color: #666; margin-right: .4em; }}
  .filter {{ margin-right: .8em; white-space: nowrap; cursor: pointer; }}
  .count {{ color: #888; font-size: .85em; }}
  /* The time column, the rail and the dots are in px so that they line up whatever
     the font size of each part. */
  ol.timeline {{ list-style: none; padding: 0; margin: 1em 0; position: relative; }}
  ol.timeline::before {{ content: ""; position: absolute; left: 113px; top: 6px;
                        bottom: 6px; width: 2px; background: #dde3ea; }}
  .entry {{ display: flex; gap: 28px; margin-bottom: 1.1em; position: relative; }}
  .entry[hidden] {{ display: none; }}
  .entry time {{ flex: 0 0 100px; text-align: right; color: #555; font-size: .9em;
                font-variant-numeric: tabular-nums; padding-top: .15em; }}
  .entry time small {{ display: block; color: #999; font-size: .8em; }}
  .entry::after {{ content: ""; position: absolute; left: 107px; top: 5px; width: 14px;
                  height: 14px; box-sizing: border-box; border-radius: 50%;
                  background: #fff; border: 3px solid #2f6db5; }}
  .entry.baseline::after {{ background: #333; border-color: #333; }}
  .card {{ flex: 1; min-width: 0; }}
  .baseline .card {{ background: #f4f4f4; padding: .4em .8em; border-radius: 4px; }}
  #contradictions ul {{ padding: 0; }} .contradiction p {{ margin: .3em 0; }}
  .contradiction {{ background: #fff1e0; border-left: 4px solid #e08000; padding: .5em 1em;
                   margin-bottom: .8em; list-style: none; }}
  #background {{ background: #f7f7f7; padding: .5em 1em; color: #444; }}
  #background ol.timeline::before {{ display: none; }}
  #background h2 {{ margin-top: .4em; }} #background .entry::after {{ border-color: #999; }}
  table {{ border-collapse: collapse; width: 100%; font-size: .9em; }}
  td, th {{ border-bottom: 1px solid #eee; padding: .3em; vertical-align: top;
           text-align: left; }} .num {{ text-align: right; }} .date {{ white-space: nowrap; }}
  #chart svg {{ width: 100%; height: 220px; }}
</style>
</head>
<body data-updates="{n_updates}">
<h1>{title}</h1>
<p class="sub">Story timeline{as_of}, generated {generated}: {summary}.</p>
<section id="timeline"><h2>Timeline</h2>
{filters}
<ol class="timeline">{timeline}</ol></section>
{contradictions}
<section id="coverage"><h2>Coverage over time</h2>
<p class="meta">Relevant articles first seen per week (bars) and updates opened (dots).</p>
<div id="chart" role="img" aria-label="Coverage over time"></div></section>
<section id="background"><h2>Background: developments dated before the baseline</h2>
<ol class="timeline">{background}</ol></section>
<section id="baseline"><h2>The baseline</h2>
<table><thead><tr><th>id</th><th>date</th><th>kind</th><th>fact</th>
<th class="num">corroborated by</th></tr></thead><tbody>{facts}</tbody></table></section>
<script>
(function () {{
  // The kind filter: unticking a kind hides its updates in the timeline.
  var box = document.getElementById("filters");
  if (!box) return;
  var entries = document.querySelectorAll("#timeline .entry.update");
  var shown = document.getElementById("shown");
  function apply() {{
    var on = {{}}, count = 0;
    box.querySelectorAll("input").forEach(function (i) {{ on[i.value] = i.checked; }});
    entries.forEach(function (li) {{
      li.hidden = !on[li.getAttribute("data-kind")];
      if (!li.hidden) count += 1;
    }});
    shown.textContent = "showing " + count + " of " + entries.length;
  }}
  // A link can carry a selection: report.html#only=diplomacy,economy
  var only = /^#only=(.+)$/.exec(location.hash);
  if (only) {{
    var wanted = decodeURIComponent(only[1]).split(",");
    box.querySelectorAll("input").forEach(function (i) {{
      i.checked = wanted.indexOf(i.value) >= 0; }});
  }}
  box.addEventListener("change", apply);
  box.hidden = false;
  apply();
}})();
</script>
<script id="coverage-data" type="application/json">{chart_data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("coverage-data").textContent);
  function count(n, noun) {{ return n + " " + noun + (n === 1 ? "" : "s"); }}
  var box = document.getElementById("chart");
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  var width = 800, height = 200, pad = 24;
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);
  var most = Math.max(1, Math.max.apply(null, data.map(function (d) {{
    return Math.max(d.articles, d.updates); }})));
  var step = (width - 2 * pad) / Math.max(1, data.length);
  data.forEach(function (d, i) {{
    var h = (height - 2 * pad) * d.articles / most;
    var bar = document.createElementNS(ns, "rect");
    bar.setAttribute("class", "bar");
    bar.setAttribute("x", pad + i * step + step * 0.1);
    bar.setAttribute("y", height - pad - h);
    bar.setAttribute("width", Math.max(1, step * 0.8));
    bar.setAttribute("height", h);
    bar.setAttribute("fill", "#4a78b5");
    var tip = document.createElementNS(ns, "title");
    tip.textContent = "week of " + d.week + ": " + count(d.articles, "article") + ", " +
      count(d.updates, "update");
    bar.appendChild(tip);
    svg.appendChild(bar);
    if (d.updates) {{
      var dot = document.createElementNS(ns, "circle");
      dot.setAttribute("class", "dot");
      dot.setAttribute("cx", pad + i * step + step / 2);
      dot.setAttribute("cy", height - pad - (height - 2 * pad) * d.updates / most);
      dot.setAttribute("r", 4);
      dot.setAttribute("fill", "#e08000");
      svg.appendChild(dot);
    }}
  }});
  [0, data.length - 1].forEach(function (i) {{
    if (!data[i]) return;
    var label = document.createElementNS(ns, "text");
    label.setAttribute("x", pad + i * step);
    label.setAttribute("y", height - 6);
    label.setAttribute("font-size", "11");
    label.textContent = data[i].week;
    svg.appendChild(label);
  }});
  box.appendChild(svg);
  document.body.setAttribute("data-chart-bars", String(data.length));
}})();
</script>
</body>
</html>
"""
