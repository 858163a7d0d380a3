"""The story timeline as one self-contained HTML page.

Pure: :func:`render` turns a :class:`~tracker.views.story.Story` and the coverage counts into
a page that needs no network to view: inline styles, an inline script that draws the
coverage chart as SVG from data embedded in the page, and every piece of feed text
escaped. Sections: the baseline facts with their corroboration counts, the updates
over time grouped by kind with their sources, contradictions highlighted, and
background developments set apart.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from tracker.views.story import CoveragePoint, Story, UpdateView

KIND_ORDER = ("diplomacy", "security", "economy", "humanitarian", "legal", "international",
              "position")


def render(view: Story, name: str, coverage: Sequence[CoveragePoint], generated: str) -> str:
    e = html.escape
    news = [u for u in view.updates if not u.background]
    background = [u for u in view.updates if u.background]
    kinds = [k for k in KIND_ORDER if any(u.kind == k for u in news)]
    kinds += sorted({u.kind for u in news} - set(kinds))
    sections = []
    for kind in kinds:
        items = "".join(_update(u) for u in sorted(
            (u for u in news if u.kind == kind),
            key=lambda u: (u.event_date or u.first_seen[:10]), reverse=True))
        sections.append(f'<section class="kind" id="kind-{e(kind)}"><h3>{e(kind.capitalize())}'
                        f'</h3><ol class="updates">{items}</ol></section>')
    contradictions = "".join(
        f'<li class="contradiction"><strong>{e(c.description)}</strong>'
        f'<p>Known ({e(c.fact_id)}): {e(c.fact_statement)}</p><p>Claim: {e(c.claim)}</p>'
        f'<p class="source">{e(c.source.outlet or "")}: {_link(c.source.url, c.source.title)}'
        f'</p></li>' for c in view.contradictions)
    facts = "".join(
        f'<tr><td>{e(f.id)}</td><td>{e(f.date or "")}</td><td>{e(f.kind)}</td>'
        f'<td>{e(f.statement)}</td><td class="num">{f.corroborations}</td></tr>'
        for f in view.facts)
    chart_data = json.dumps([{"week": p.week, "articles": p.articles, "updates": p.updates}
                             for p in coverage])
    return _PAGE.format(
        title=e(name), generated=e(generated),
        as_of=e(f" as of {view.as_of}" if view.as_of else ""),
        n_updates=len(news), n_background=len(background), n_facts=len(view.facts),
        n_contradictions=len(view.contradictions),
        contradictions=(f'<section id="contradictions"><h2>Contradictions of the baseline'
                        f'</h2><ul>{contradictions}</ul></section>' if contradictions else ""),
        updates="".join(sections) or "<p>No developments since the baseline yet.</p>",
        background="".join(_update(u) for u in background) or "<li>None.</li>",
        facts=facts,
        chart_data=chart_data.replace("</", "<\\/"),
    )


def _update(u: UpdateView) -> str:
    e = html.escape
    originals = [s for s in u.sources if s.copy_of is None]
    sources = "".join(
        f'<li>{e(s.outlet or "")}: {_link(s.url, s.title)}'
        f'{" <span class=copy>(copy)</span>" if s.copy_of else ""}</li>' for s in u.sources)
    return (f'<li class="update"><p class="statement">{e(u.summary)}</p>'
            f'<p class="meta"><time>{e(u.event_date or "date not given")}</time> &middot; '
            f'{len(originals)} source(s), {u.outlets} outlet(s) &middot; '
            f'confidence {u.confidence:.2f}</p><ul class="sources">{sources}</ul></li>')


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
  body {{ font-family: -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 60em;
         margin: 1.5em auto; padding: 0 1em; color: #1d1d1d; line-height: 1.4; }}
  h1 {{ margin-bottom: .2em; }} .sub {{ color: #666; margin-top: 0; }}
  h2 {{ border-bottom: 2px solid #ddd; padding-bottom: .2em; margin-top: 2em; }}
  .statement {{ font-weight: 600; margin: .2em 0; }} .meta {{ color: #666; margin: 0;
  font-size: .9em; }} .sources {{ font-size: .9em; }} .update {{ margin-bottom: 1em; }}
  .contradiction {{ background: #fff1e0; border-left: 4px solid #e08000; padding: .5em 1em;
                   margin-bottom: .8em; list-style: none; }}
  #background {{ background: #f4f4f4; padding: .5em 1em; color: #444; }}
  table {{ border-collapse: collapse; width: 100%; font-size: .9em; }}
  td, th {{ border-bottom: 1px solid #eee; padding: .3em; vertical-align: top;
           text-align: left; }} .num {{ text-align: right; }}
  #chart svg {{ width: 100%; height: 220px; }} .copy {{ color: #888; }}
</style>
</head>
<body data-updates="{n_updates}">
<h1>{title}</h1>
<p class="sub">Story timeline{as_of}, generated {generated}: {n_updates} update(s) since the
baseline, {n_background} background development(s), {n_contradictions} contradiction(s),
{n_facts} baseline fact(s).</p>
<section id="coverage"><h2>Coverage over time</h2>
<p class="meta">Relevant articles first seen per week (bars) and updates opened (dots).</p>
<div id="chart" role="img" aria-label="Coverage over time"></div></section>
{contradictions}
<section id="timeline"><h2>Updates since the baseline</h2>{updates}</section>
<section id="background"><h2>Background: developments dated before the baseline</h2>
<ol class="updates">{background}</ol></section>
<section id="baseline"><h2>The baseline</h2>
<table><thead><tr><th>id</th><th>date</th><th>kind</th><th>fact</th>
<th class="num">corroborated by</th></tr></thead><tbody>{facts}</tbody></table></section>
<script id="coverage-data" type="application/json">{chart_data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("coverage-data").textContent);
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
    tip.textContent = "week of " + d.week + ": " + d.articles + " article(s), " +
      d.updates + " update(s)";
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
