"""One self-contained HTML page: the relationship at a glance and every record behind it.

What the page holds, top to bottom: what it is (its filters, the data's version, the export
date, how to cite it); a visual timeline drawn as inline SVG (a year axis across the whole
period, one marker per dated record in lanes by field or by kind, a density strip of records
per year, a period chosen by dragging across it or by two date inputs; a marker opens that
record's details); the timeline by year; agreements; trade (an SVG chart and a table); sources.
One set of filters (field, search, period) applies to every section.

Markers: a filled circle is a day, a diamond a month or season, a hollow square a year, decade
or century; a bar spans an interval with both ends known, a tail points to an open or unknown
end; a ring marks a record whose sources disagree. A record sits in the lane of its first field
(or its kind); the commonest lanes are drawn and the rest share "other".

Search is the CLI's: each record carries the same folded text `azma timeline --text` looks in
(`Selection.search_text`, from the query layer), and the page gets `FOLD_TABLE` and the folded alias groups
of `azma.folding` at export time, so "Marrakech" finds what the CLI finds.

Self-contained means no request ever leaves the page: styles and script are inline, there are
no fonts or images, and a Content-Security-Policy (`default-src 'none'`, the inline style and
script allowed by their hashes) makes the browser refuse anything else. Links to sources are
plain links a reader may follow, and only http(s) addresses become links. Every value from the
data goes through `e()` (html.escape, control characters made visible).

Without JavaScript everything is shown and a marker is a link to its record; on a phone tables
become cards; on paper the controls are left out and link addresses printed.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from html import escape

from azma import __version__
from azma.dates import EDTFDate
from azma.folding import FOLD_TABLE, alias_groups, fold
from azma.formats import views as listing_builders
from azma.formats.citations import Citations, source_text
from azma.formats.listing import ExportOptions, Listing, cell_text, date_label, gloss_after, year_label
from azma.formats.serialize import agreement_row
from azma.model import Dispute
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry, TradeFigure
from azma.safe import dump_json, for_terminal, is_web_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_LANES = 7  # drawn lanes; the other fields or kinds share one more lane, "other"
MAX_ROWS = 6  # marker rows a lane stacks before markers overlap (each stays one element, on top)
ROW, LABEL, TOP = 12, 15, 46  # px: a marker row, a lane's label row, density strip and axis

STYLE = """
:root { --fg: #1a1a1a; --muted: #4a4a4a; --bg: #ffffff; --line: #d0d0d0; --accent: #0b57d0;
  --bar: #1f5f8b; --panel: #f3f5f8; --mark: #1f5f8b; --warn: #b3261e; --band: #f7f8fa; --sel: rgba(11,87,208,.14); }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececec; --muted: #c2c2c2; --bg: #121417; --line: #3a3f45; --accent: #8ab4f8;
    --bar: #6fa8dc; --panel: #1d2127; --mark: #8ab4f8; --warn: #f2b8b5; --band: #181b20; --sel: rgba(138,180,248,.2); }
}
[hidden] { display: none !important; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; color: var(--fg); background: var(--bg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; overflow-wrap: anywhere; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header { padding: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.about { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; font-size: .95rem; }
.about dt { font-weight: 600; }
.about dd { margin: 0; }
.overview { margin: .5rem 0; padding-left: 1.2rem; }
nav ul { list-style: none; margin: 0; padding: .75rem 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end; padding: .75rem 1rem;
  background: var(--panel); border-radius: .5rem; }
.filters label, .filters legend { display: block; font-weight: 600; font-size: .9rem; }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters fieldset label { display: inline; font-weight: 400; margin-right: .6rem; }
.filters select, .filters input[type=search], .filters input[type=date], .filters button { font: inherit;
  padding: .3rem .5rem; max-width: 100%; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: .25rem; }
.filters input[type=search] { min-width: 12rem; }
.filters [role="status"] { margin: 0; color: var(--muted); flex: 1 1 100%; font-size: .92rem; }
figure { margin: 1rem 0; }
figcaption, .legend { color: var(--muted); font-size: .9rem; }
svg.tl { display: block; width: 100%; touch-action: pan-y; user-select: none; -webkit-user-select: none; cursor: crosshair; }
svg.tl text { fill: var(--muted); font: 11px system-ui, sans-serif; }
svg.tl .lane-name { fill: var(--fg); font-weight: 600; }
svg.tl .band { fill: var(--band); }
svg.tl .tick { stroke: var(--line); stroke-width: 1; }
svg.tl .density rect { fill: var(--bar); opacity: .55; }
svg.tl .mark, .legend .mark { fill: var(--mark); stroke: var(--mark); stroke-width: 1.5; }
svg.tl .hollow, .legend .hollow { fill: var(--bg); }
svg.tl .span, .legend .span { fill: var(--mark); stroke: var(--mark); stroke-width: 3; opacity: .8; }
svg.tl .ring, .legend .ring { fill: none; stroke: var(--warn); stroke-width: 2; }
svg.tl .tail, .legend .tail { stroke: var(--mark); stroke-width: 1.5; fill: none; stroke-dasharray: 3 2; }
svg.tl a.marker { cursor: pointer; }
svg.tl a.marker.current .mark { stroke: var(--warn); stroke-width: 3; }
svg.tl a.marker:focus-visible { outline: none; }
svg.tl a.marker:focus-visible .mark { stroke: var(--accent); stroke-width: 4; }
svg.tl .sel { fill: var(--sel); stroke: var(--accent); stroke-width: 1; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.legend svg { width: 22px; height: 14px; vertical-align: middle; overflow: visible; }
#detail { border: 2px solid var(--accent); border-radius: .5rem; padding: .5rem 1rem; margin: .5rem 0; }
#detail .record { border: 0; list-style: none; }
#detail-close { float: right; font: inherit; }
.records { list-style: none; margin: 0; padding: 0; }
.record { padding: .6rem 0; border-bottom: 1px solid var(--line); }
.record p, .record ul { margin: .15rem 0; }
.when { color: var(--muted); font-size: .9rem; }
.title { font-weight: 600; }
.meta, .readings, .cited { color: var(--muted); font-size: .9rem; }
.readings, .cited { padding-left: 1.2rem; }
.disputed-flag { color: var(--warn); font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg.chart { width: 100%; height: auto; max-width: 44rem; display: block; }
svg.chart .bar { fill: var(--bar); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart text { fill: var(--fg); font: 15px system-ui, sans-serif; }
svg.chart .small { font-size: 12px; fill: var(--muted); }
.sources li { margin: .35rem 0; }
footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.45rem; }
  .about { grid-template-columns: 1fr; }
  .about dd { margin-bottom: .35rem; }
  .filters > div, .filters fieldset { flex: 1 1 100%; }
  .filters input[type=search], .filters select { width: 100%; min-width: 0; }
  svg.tl .minor { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead { display: none; }
  table.cards caption { display: block; }
  table.cards td:empty { display: none; }
  table.cards tr { border: 1px solid var(--line); border-radius: .5rem; padding: .35rem .6rem; margin: 0 0 .6rem; }
  table.cards td { border: 0; padding: .1rem 0; text-align: left; white-space: normal; }
  table.cards td::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --accent: #000; --bar: #555; --line: #999; --mark: #000; --band: #fff; }
  body { max-width: none; font-size: 10.5pt; }
  nav, .filters, .skip, #detail { display: none !important; }
  .record, tr, figure { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .sources a[href^="http"]::after, .cited a[href^="http"]::after { content: " (" attr(href) ")"; }
}
"""

SCRIPT = (
    """
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var form = $("filters"), svg = $("tl"), lookup = JSON.parse($("search-data").textContent);
  var fieldSel = $("field-filter"), text = $("text-filter"), from = $("from-filter"), to = $("to-filter");
  var records = all("li.record"), agreements = all("tr.agreement"), trade = all("[data-trade]");
  var markers = all("a.marker", svg), years = all("section.year"), bars = all(".density rect", svg);
  var byId = {};
  markers.forEach(function (m) { byId[m.getAttribute("data-id")] = m; });
  var foldRe = new RegExp("[" + Object.keys(lookup.fold).join("") + "]", "g");
  function fold(s) {
    s = s.toLowerCase();
    if (/^[\\x00-\\x7f]*$/.test(s)) { return s; }
    return s.replace(foldRe, function (c) { return lookup.fold[c]; }).normalize("NFKD").replace(/\\p{Mn}/gu, "");
  }
  function expand(needle) {
    var out = [needle];
    lookup.aliases.forEach(function (group) {
      if (group.indexOf(needle) >= 0) { group.forEach(function (n) { if (out.indexOf(n) < 0) { out.push(n); } }); }
    });
    return out;
  }
  function query(typed) {  // the CLI's TextQuery: the phrase, or else every word
    var phrase = fold(typed).split(/\\s+/).filter(Boolean).join(" ");
    if (!phrase) { return null; }
    var words = phrase.split(" ").filter(function (w, i, a) { return a.indexOf(w) === i; });
    return { phrase: expand(phrase), words: words.length > 1 ? words.map(expand) : [] };
  }
  function has(hay, needles) { return needles.some(function (n) { return hay.indexOf(n) >= 0; }); }
  function matches(q, hay) {
    return has(hay, q.phrase) || (q.words.length > 0 && q.words.every(function (w) { return has(hay, w); }));
  }
  function inWindow(el) {
    var since = from.value, until = to.value;
    if (!since && !until) { return true; }
    return (el.getAttribute("data-spans") || "").split(" ").some(function (span) {
      var p = span.split("/");
      return p.length === 2 && (!since || p[1] >= since) && (!until || p[0] <= until);
    });
  }
  function keep(el, q, field) {
    var fields = (el.getAttribute("data-fields") || "").split(" ");
    if (field && (el.hasAttribute("data-trade") || fields.indexOf(field) < 0)) { return false; }
    return inWindow(el) && (!q || matches(q, el.getAttribute("data-search") || ""));
  }
  var axis = JSON.parse(svg.getAttribute("data-axis"));
  function frac(iso) {  // an ISO day as a fraction of the axis
    var d = new Date(iso + "T00:00:00Z"), y = d.getUTCFullYear();
    var t = y + (d - Date.UTC(y, 0, 1)) / (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1));
    return Math.min(1, Math.max(0, (t - axis[0]) / (axis[1] - axis[0])));
  }
  function day(f) {
    var t = axis[0] + f * (axis[1] - axis[0]), y = Math.floor(t);
    var ms = Date.UTC(y, 0, 1) + (t - y) * (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1));
    return new Date(ms).toISOString().slice(0, 10);
  }
  var sel = $("tl-sel");
  function showSelection(a, b) {
    if (a === null) { sel.setAttribute("hidden", ""); return; }
    sel.removeAttribute("hidden");
    sel.setAttribute("x", (Math.min(a, b) * 100).toFixed(3) + "%");
    sel.setAttribute("width", (Math.abs(b - a) * 100).toFixed(3) + "%");
  }
  function apply() {
    var q = query(text.value), field = fieldSel.value, shown = 0, counts = {};
    records.forEach(function (r) {
      var ok = keep(r, q, field);
      r.hidden = !ok;
      if (ok) { shown += 1; }
      var m = byId[r.getAttribute("data-id")];
      if (m) {
        if (ok) { m.removeAttribute("display"); } else { m.setAttribute("display", "none"); }
        if (ok) { counts[m.getAttribute("data-year")] = (counts[m.getAttribute("data-year")] || 0) + 1; }
      }
    });
    var peak = Math.max.apply(null, [1].concat(Object.keys(counts).map(function (k) { return counts[k]; })));
    bars.forEach(function (b) {
      var n = counts[b.getAttribute("data-year")] || 0, h = n ? Math.max(2, 24 * n / peak) : 0;
      b.setAttribute("height", h.toFixed(1)); b.setAttribute("y", (26 - h).toFixed(1));
      b.firstChild.textContent = b.getAttribute("data-year") + ": " + n + " shown";
    });
    years.forEach(function (y) { y.hidden = !y.querySelector("li.record:not([hidden])"); });
    var nA = 0, nT = 0;
    agreements.forEach(function (a) { a.hidden = !keep(a, q, field); if (!a.hidden) { nA += 1; } });
    trade.forEach(function (t) { t.hidden = !keep(t, q, field); if (!t.hidden && t.tagName === "TR") { nT += 1; } });
    $("no-agreement").hidden = nA > 0 || !agreements.length;
    $("no-trade").hidden = nT > 0 || !trade.length;
    $("no-match").hidden = shown > 0;
    var period = from.value || to.value ? ", " + (from.value || "the start") + " to " + (to.value || "the end") : "";
    showSelection(from.value || to.value ? frac(from.value || day(0)) : null, frac(to.value || day(1)));
    $("filter-status").textContent = shown + " of " + records.length + " timeline records, " + nA + " of " +
      agreements.length + " agreements, " + nT + " of " + all("tr[data-trade]").length + " trade rows shown" +
      (field ? "; field " + field : "") + (text.value.trim() ? "; search \\u201c" + text.value.trim() + "\\u201d" : "") + period;
  }
  function layout() {  // stack markers in lanes without overlap at the drawn width
    var set = form.querySelector("input[name=lanes]:checked").value, names = JSON.parse(svg.getAttribute("data-lanes-" + set));
    var width = svg.getBoundingClientRect().width || 800, rows = names.map(function () { return []; }), place = [];
    markers.slice().sort(function (a, b) { return a.getAttribute("data-x0") - b.getAttribute("data-x0"); }).forEach(function (m) {
      var lane = +m.getAttribute("data-lane-" + set), tail = m.getAttribute("data-tail") || "";
      var left = m.getAttribute("data-x0") * width - 5 - (tail === "l" ? 14 : 0);
      var right = m.getAttribute("data-x1") * width + 5 + (tail === "r" ? 14 : 0);
      var r = 0, ends = rows[lane];
      while (r < ends.length && ends[r] > left) { r += 1; }
      if (r >= ${MAX_ROWS}) { r = ends.indexOf(Math.min.apply(null, ends)); }  // full: the row that ends first
      ends[r] = Math.max(ends[r] || 0, right);
      place.push([m, lane, r]);
    });
    var tops = [], y = ${TOP}, g = $("tl-lanes"), ns = "http://www.w3.org/2000/svg";
    while (g.firstChild) { g.removeChild(g.firstChild); }
    names.forEach(function (name, i) {
      var h = ${LABEL} + Math.max(1, rows[i].length) * ${ROW} + 6;
      tops.push(y);
      var band = document.createElementNS(ns, "rect"), label = document.createElementNS(ns, "text");
      band.setAttribute("class", "band"); band.setAttribute("x", "0"); band.setAttribute("width", "100%");
      band.setAttribute("y", y + 2); band.setAttribute("height", h - 4);
      label.setAttribute("class", "lane-name"); label.setAttribute("x", "4"); label.setAttribute("y", y + 13);
      label.textContent = name;
      g.appendChild(band); g.appendChild(label);
      y += h;
    });
    place.forEach(function (p) {
      p[0].setAttribute("transform", "translate(0 " + (tops[p[1]] + ${LABEL} + p[2] * ${ROW} + ${ROW} / 2) + ")");
    });
    svg.setAttribute("height", y + 4);
    all(".ticks line", svg).forEach(function (l) { l.setAttribute("y2", y); });
  }
  var detail = $("detail");
  function open(id) {
    var record = $("r-" + id);
    if (!record) { return; }
    var body = $("detail-body");
    body.textContent = "";
    var copy = record.cloneNode(true);
    copy.removeAttribute("id"); copy.hidden = false;
    body.appendChild(copy);
    var cited = document.createElement("ol");  // the sources in full, with their links
    cited.className = "cited";
    all("a[href^='#source-']", copy).forEach(function (a) {
      var source = $(a.getAttribute("href").slice(1)), item = document.createElement("li");
      if (!source) { return; }
      item.value = +a.getAttribute("href").slice(8);
      Array.prototype.forEach.call(source.childNodes, function (n) { item.appendChild(n.cloneNode(true)); });
      cited.appendChild(item);
    });
    if (cited.firstChild) { body.appendChild(cited); }
    detail.hidden = false;
    markers.forEach(function (m) { m.classList.toggle("current", m.getAttribute("data-id") === id); });
    detail.focus();
  }
  markers.forEach(function (m) {
    m.addEventListener("click", function (event) { event.preventDefault(); open(m.getAttribute("data-id")); });
  });
  $("detail-close").addEventListener("click", function () {
    detail.hidden = true;
    markers.forEach(function (m) { m.classList.remove("current"); });
  });
  var start = null;
  function at(event) {
    var box = svg.getBoundingClientRect();
    return Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
  }
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || event.target.closest("a.marker")) { return; }
    start = at(event); svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", function (event) { if (start !== null) { showSelection(start, at(event)); } });
  svg.addEventListener("pointerup", function (event) {
    if (start === null) { return; }
    var end = at(event), width = svg.getBoundingClientRect().width;
    if (Math.abs(end - start) * width >= 4) {
      from.value = day(Math.min(start, end)); to.value = day(Math.max(start, end));
    }
    start = null; apply();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(); layout(); }, 0); });
  [fieldSel, from, to].forEach(function (c) { c.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  all("input[name=lanes]", form).forEach(function (r) { r.addEventListener("change", layout); });
  var pending = 0;
  window.addEventListener("resize", function () { cancelAnimationFrame(pending); pending = requestAnimationFrame(layout); });
  form.hidden = false;
  layout();
  apply();
})();
""".replace("${TOP}", str(TOP))
    .replace("${LABEL}", str(LABEL))
    .replace("${ROW}", str(ROW))
    .replace("${MAX_ROWS}", str(MAX_ROWS))
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute; control characters shown visibly."""
    return escape(for_terminal(str(value), keep_newlines=True), quote=True)


def json_in_html(value: object) -> str:
    """JSON for a <script type="application/json"> block: no '<', '>' or '&' to end it early."""
    text = dump_json(value, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def export_html(selection: Selection, options: ExportOptions) -> str:
    citations = Citations(selection)
    title = e(selection.title)
    today = options.today or date.today()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
        '<meta name="generator" content="azma">',
        '<meta name="color-scheme" content="light dark">',
        '<link rel="icon" href="data:,">',
        f"<title>{title}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to the content</a>',
        "<header>",
        f"<h1>{title}</h1>",
        *_about(selection, citations, today),
        "</header>",
        '<nav aria-label="Sections"><ul>'
        '<li><a href="#glance">At a glance</a></li><li><a href="#timeline">Timeline</a></li>'
        '<li><a href="#agreements">Agreements</a></li><li><a href="#trade">Trade</a></li>'
        '<li><a href="#sources">Sources</a></li></ul></nav>',
        '<main id="main">',
        *_filters(selection),
        *_glance(selection),
        *_timeline(selection, citations),
        *_agreements(selection, citations),
        *_trade(selection, citations),
        *_sources(citations),
        "</main>",
        "<footer>",
        f"<p>Made with azma {e(__version__)} from data as of {e(selection.as_of.isoformat())}; exported on "
        f"{e(today.isoformat())}. Filters: {e(selection.filters_text())}.</p>",
        "</footer>",
        f'<script type="application/json" id="search-data">{json_in_html(_search_tables(selection))}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _search_tables(selection: Selection) -> dict[str, object]:
    """What the page's search needs to fold and expand like the CLI: azma.folding's own tables."""
    groups = [list(dict.fromkeys(fold(n) for n in group)) for group in alias_groups(selection.dataset)]
    return {"fold": FOLD_TABLE, "aliases": [g for g in groups if len(g) > 1]}


def cite_text(selection: Selection, today: date) -> str:
    """How to cite the page: what it is, the data's version, the export date and the filters."""
    return (
        f"{selection.title}: a sourced timeline. Made with azma {__version__} from data as of "
        f"{selection.as_of.isoformat()}, exported {today.isoformat()}; filters: {selection.filters_text()}. "
        "Cite the sources listed for each record for any fact taken from it."
    )


def _about(selection: Selection, citations: Citations, today: date) -> list[str]:
    span = selection.span()
    timeline = f"{_count(len(selection.entries), 'timeline record')} ({len(selection.dated)} dated"
    timeline += f", {date_label(span[0])} to {date_label(span[1])}" if span else ""
    timeline += f"; {len(selection.undated)} undated)"
    years = sorted({f.row.year for f in selection.trade})
    trade = _count(len(selection.trade), "trade row") + (f" ({years[0]} to {years[-1]})" if years else "")
    holds = f"{timeline}; {_count(len(selection.agreements), 'agreement')}; {trade}; "
    holds += f"{_count(len(citations.sources), 'source')} cited"
    rows = [
        ("Filters", f"{selection.filters_text()}; {selection.trade_note}"),
        ("Holds", holds),
        ("Data", f"azma {__version__}, data as of {selection.as_of.isoformat()} (the latest source date)"),
        ("Exported", today.isoformat()),
        ("How to cite", cite_text(selection, today)),
    ]
    return ['<dl class="about">', *(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows), "</dl>"]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _cite(numbers: Sequence[int]) -> str:
    return " ".join(f'<a href="#source-{n}" aria-label="source {n}">[{n}]</a>' for n in numbers)


def _time(when: EDTFDate) -> str:
    """A <time> element (machine-readable where HTML can say it) and the date with its gloss."""
    words = gloss_after(when.text)
    shown = e(when.text) + (f" ({e(words)})" if words else "")
    first = when.end if when.open_start else when.start
    year = when.end_year if when.open_start else when.start_year
    if year is None or not 1 <= year <= 9999:
        return f"<span>{shown}</span>"
    machine = {"day": first.isoformat(), "month": first.isoformat()[:7]}.get(when.precision, f"{year:04d}")
    return f'<time datetime="{machine}">{shown}</time>'


def _spans(dates: Sequence[EDTFDate]) -> str:
    """The days each date (and each disputed reading) may mean, for the page's period filter."""
    return " ".join(f"{d.start.isoformat()}/{d.end.isoformat()}" for d in dates)


# ----------------------------------------------------------------------------- filters


def _filters(selection: Selection) -> list[str]:
    fields = sorted(
        {f for entry in selection.entries for f in entry.fields}
        | {f for a in selection.agreements for f in a.fields}
    )
    counts = dict.fromkeys(fields, 0)
    for entry in selection.entries:
        for f in set(entry.fields):
            counts[f] += 1
    options = "".join(f'<option value="{e(f)}">{e(f)} ({counts[f]})</option>' for f in fields)
    axis = _axis(selection)
    bounds = ""
    if axis is not None and 1 <= axis[0] and axis[1] <= 9999:
        bounds = f' min="{axis[0]:04d}-01-01" max="{axis[1] - 1:04d}-12-31"'
    return [
        '<form id="filters" class="filters" role="search" aria-label="Filter every section" hidden>',
        f'<div><label for="field-filter">Field</label><select id="field-filter">'
        f'<option value="">All fields</option>{options}</select></div>',
        '<div><label for="text-filter">Search</label>'
        '<input id="text-filter" type="search" autocomplete="off" placeholder="e.g. Marrakech"></div>',
        f'<div><label for="from-filter">From</label><input id="from-filter" type="date"{bounds}></div>',
        f'<div><label for="to-filter">To</label><input id="to-filter" type="date"{bounds}></div>',
        "<fieldset><legend>Lanes</legend>"
        '<input type="radio" name="lanes" id="lanes-field" value="field" checked><label for="lanes-field">by field</label>'
        '<input type="radio" name="lanes" id="lanes-kind" value="kind"><label for="lanes-kind">by kind</label></fieldset>',
        '<div><button type="reset">Show everything</button></div>',
        f'<p id="filter-status" role="status" aria-live="polite">{len(selection.entries)} timeline records</p>',
        "</form>",
    ]


# ----------------------------------------------------------------------------- the visual timeline


def _position(year: int, day: date) -> float:
    """A day as a fractional year: 2019-07-02 -> about 2019.5 (exact years, any range)."""
    first = date(day.year, 1, 1)
    length = (date(day.year, 12, 31) - first).days + 1
    return year + (day - first).days / length


def _extent(d: EDTFDate) -> tuple[float, float, str]:
    """Where a date's marker starts and ends (fractional years) and which way a tail points."""
    if d.open_start:
        assert d.end_year is not None
        point = _position(d.end_year, d.end)
        return point, point, "l"
    assert d.start_year is not None
    start = _position(d.start_year, d.start)
    if d.open_end:
        return start, start, "r"
    if d.interval:
        end_day = d.end
        end = _position(d.end_year or end_day.year, end_day) + 1 / 365
        return start, end, ""
    return start, start, ""


def _axis(selection: Selection) -> tuple[int, int] | None:
    """The whole years the timeline spans: from the first year a dated record touches to the
    year after the last."""
    points = [p for entry in selection.dated if entry.date for p in _extent(entry.date)[:2]]
    if not points:
        return None
    return int(min(points) // 1), int(max(points) // 1) + 1


def _lanes(entries: Sequence[TimelineEntry], key: str) -> tuple[list[str], dict[str, int]]:
    """Lane names (with counts) and each record's lane: the commonest values, then 'other'."""
    values = [
        (entry.fields[0] if entry.fields else "none") if key == "field" else entry.kind for entry in entries
    ]
    counted: dict[str, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    ranked = sorted(counted, key=lambda v: (-counted[v], v))
    drawn = ranked if len(ranked) <= MAX_LANES + 1 else ranked[:MAX_LANES]
    names = [f"{v} ({counted[v]})" for v in drawn]
    lane = {v: i for i, v in enumerate(drawn)}
    if len(drawn) < len(ranked):
        rest = ranked[len(drawn) :]
        names.append(
            f"other: {len(rest)} {key == 'field' and 'fields' or 'kinds'} ({sum(counted[v] for v in rest)})"
        )
        lane.update({v: len(drawn) for v in rest})
    return names, {entry.id: lane[v] for entry, v in zip(entries, values, strict=True)}


def _glance(selection: Selection) -> list[str]:
    out = [
        '<section id="glance" aria-labelledby="glance-heading">',
        '<h2 id="glance-heading">At a glance</h2>',
    ]
    axis = _axis(selection)
    dated = [entry for entry in selection.dated if entry.date is not None]
    if axis is None:
        return [*out, "<p>No dated records to draw.</p>", "</section>"]
    low, high = axis
    length = high - low

    def pct(t: float) -> str:
        return f"{(t - low) / length * 100:.3f}%"

    field_names, field_lane = _lanes(dated, "field")
    kind_names, kind_lane = _lanes(dated, "kind")
    per_year: dict[int, int] = {}
    marks = []
    for entry in dated:
        assert entry.date is not None
        x0, x1, tail = _extent(entry.date)
        year = int(x0 // 1)
        per_year[year] = per_year.get(year, 0) + 1
        marks.append(_marker(entry, entry.date, (x0 - low) / length, (x1 - low) / length, tail, year,
                             field_lane[entry.id], kind_lane[entry.id]))  # fmt: skip
    peak = max(per_year.values())
    density = []
    for year in sorted(per_year):  # a bar for each year with records: the work is bounded by them
        n = per_year[year]
        h = max(2.0, 24 * n / peak)
        density.append(
            f'<rect data-year="{year}" x="{pct(year)}" width="{100 / length:.3f}%" y="{26 - h:.1f}" height="{h:.1f}">'
            f"<title>{year_label(year)}: {n} records</title></rect>"
        )
    step = 1 if length <= 12 else 5 if length <= 60 else 10 ** len(str(length // 6))
    ticks, labels = [], []
    minor = 1 if length <= 60 else step // 10  # at most about 70 lines, whatever the span
    for year in range(low + (-low) % minor, high + 1, minor):
        major = year % step == 0
        ticks.append(
            f'<line x1="{pct(year)}" x2="{pct(year)}" y1="28" y2="{TOP}"{"" if major else " class=minor"}/>'
        )
        if major and year < high:
            near_end = year + 0.5 > high - length * 0.04  # centred there, a label would run off the edge
            where = (
                f'x="{pct(high)}" text-anchor="end"'
                if near_end
                else f'x="{pct(year + 0.5)}" text-anchor="middle"'
            )
            labels.append(f'<text {where} y="{TOP - 6}">{e(year_label(year))}</text>')
    height = TOP + len(field_names) * (LABEL + ROW + 6)
    described = (
        f"{len(dated)} dated records from {year_label(low)} to {year_label(high - 1)}, one marker each, "
        "in lanes by field or kind; the strip at the top counts records per year."
    )
    out += [
        '<figure aria-labelledby="tl-caption">',
        f'<svg id="tl" class="tl" width="100%" height="{height}" role="group" aria-label="{e(described)}" '
        f"data-axis='[{low},{high}]' data-lanes-field=\"{e(dump_json(field_names, indent=None))}\" "
        f'data-lanes-kind="{e(dump_json(kind_names, indent=None))}">',
        f'<g class="density">{"".join(density)}</g>',
        f'<g class="ticks">{"".join(ticks)}</g>',
        f'<g class="labels">{"".join(labels)}</g>',
        '<g id="tl-lanes">' + _static_lanes(field_names) + "</g>",
        '<rect id="tl-sel" class="sel" x="0" width="0" y="0" height="100%" hidden/>',
        f'<g class="marks">{"".join(marks)}</g>',
        "</svg>",
        f'<figcaption id="tl-caption">{e(described)} Drag across it (or set From and To) to choose a period; '
        "choose a marker for the record.</figcaption>",
        '<ul class="legend" aria-label="Legend">',
        *(
            f'<li><svg aria-hidden="true" viewBox="-11 -7 22 14">{shape}</svg> {e(words)}</li>'
            for shape, words in _LEGEND
        ),
        "</ul>",
        "</figure>",
        '<section id="detail" tabindex="-1" aria-label="The chosen record" hidden>'
        '<button type="button" id="detail-close">Close</button><div id="detail-body"></div></section>',
        "</section>",
    ]
    return out


_SHAPES = {
    "day": '<circle class="mark" r="4"/>',
    "month": '<path class="mark" d="M0,-5L5,0L0,5L-5,0Z"/>',
    "year": '<rect class="mark hollow" x="-4" y="-4" width="8" height="8"/>',
    "ring": '<circle class="ring" r="6.5"/>',
    "tail-r": '<path class="tail" d="M5,0H17M14,-3L17,0L14,3"/>',
    "tail-l": '<path class="tail" d="M-5,0H-17M-14,-3L-17,0L-14,3"/>',
}
_LEGEND = (
    (_SHAPES["day"], "a day"),
    (_SHAPES["month"], "a month or season"),
    (_SHAPES["year"], "a year, decade or century"),
    ('<rect class="span" x="-10" y="-3" width="20" height="6"/>', "an interval"),
    (_SHAPES["day"] + _SHAPES["tail-r"].replace("17", "11").replace("14", "8"), "open or unknown end"),
    (_SHAPES["day"] + _SHAPES["ring"], "the sources disagree"),
)


def _shape(d: EDTFDate) -> str:
    if d.precision == "day":
        return "day"
    return "month" if d.precision in ("month", "season") else "year"


def _marker(
    entry: TimelineEntry,
    d: EDTFDate,
    x0: float,
    x1: float,
    tail: str,
    year: int,
    field_lane: int,
    kind_lane: int,
) -> str:
    """One dated record: a link to its details, drawn at its place on the axis (y set by layout)."""
    x = f"{x0 * 100:.3f}%"
    parts = []
    if x1 > x0:
        parts.append(f'<rect class="span" x="{x}" width="{(x1 - x0) * 100:.3f}%" y="-3" height="6"/>')
    shapes = (
        _SHAPES[_shape(d)]
        + (_SHAPES[f"tail-{tail}"] if tail else "")
        + (_SHAPES["ring"] if entry.disputed else "")
    )
    parts.append(f'<svg x="{x}" overflow="visible">{shapes}</svg>')  # a nested svg: x in %, shapes in px
    label = f"{date_label(d.text)}: {entry.title}" + (" (the sources disagree)" if entry.disputed else "")
    return (
        f'<a class="marker" href="#r-{e(entry.id)}" data-id="{e(entry.id)}" data-year="{year}" '
        f'data-x0="{x0:.5f}" data-x1="{x1:.5f}" data-tail="{tail}" data-lane-field="{field_lane}" '
        f'data-lane-kind="{kind_lane}" transform="translate(0 {TOP + LABEL + ROW // 2 + field_lane * (LABEL + ROW + 6)})" '
        f'aria-label="{e(label)}"><title>{e(label)}</title>{"".join(parts)}</a>'
    )


def _static_lanes(names: Sequence[str]) -> str:
    """The lanes as drawn before (or without) the script: one marker row each."""
    out = []
    for i, name in enumerate(names):
        y = TOP + i * (LABEL + ROW + 6)
        out.append(
            f'<rect class="band" x="0" width="100%" y="{y + 2}" height="{LABEL + ROW + 2}"/>'
            f'<text class="lane-name" x="4" y="{y + 13}">{e(name)}</text>'
        )
    return "".join(out)


# ----------------------------------------------------------------------------- the timeline


def _timeline(selection: Selection, citations: Citations) -> list[str]:
    out = [
        '<section id="timeline" aria-labelledby="timeline-heading">',
        '<h2 id="timeline-heading">Timeline</h2>',
    ]
    if not selection.entries:
        out.append("<p>No timeline records match these filters.</p>")
    for year, entries in selection.by_year():
        label = year_label(year)
        anchor = f"year-{label.lower().replace(' ', '-')}"
        out.append(f'<section class="year" id="{anchor}" aria-labelledby="{anchor}-h">')
        out.append(f'<h3 id="{anchor}-h">{e(label)}</h3>')
        out.append('<ol class="records">')
        out += [_record(selection, entry, citations) for entry in entries]
        out += ["</ol>", "</section>"]
    out += ['<p id="no-match" hidden>No timeline record matches these filters.</p>', "</section>"]
    return out


def _record(selection: Selection, entry: TimelineEntry, citations: Citations) -> str:
    places = [selection.place_name(p) for p in entry.places]
    actors = [selection.actor_name(a) for a in entry.actors]
    when = _time(entry.date) if entry.date else "date unknown"
    flag = ' · <span class="disputed-flag">the sources disagree</span>' if entry.disputed else ""
    lines = [
        f'<li class="record" id="r-{e(entry.id)}" data-id="{e(entry.id)}" '
        f'data-fields="{e(" ".join(entry.fields))}" data-spans="{_spans(entry.dates)}" '
        f'data-title="{e(entry.title)}" data-search="{e(selection.search_text(entry.id))}">',
        f'<p class="when">{when} · {e(entry.kind)}{flag}</p>',
        f'<p class="title">{e(entry.title)}</p>',
    ]
    if entry.summary:
        lines.append(f'<p class="summary">{e(entry.summary)}</p>')
    meta = [f"Fields: {e(', '.join(entry.fields))}"]
    if places:
        meta.append(f"Places: {e(', '.join(places))}")
    if actors:
        meta.append(f"Actors: {e(', '.join(actors))}")
    lines.append(f'<p class="meta">{" · ".join(meta)}</p>')
    linked = _linked_agreements(selection, entry)
    if linked:
        lines.append(f'<p class="meta">Agreements: {linked}</p>')
    if entry.note:
        lines.append(f'<p class="meta">Note: {e(entry.note)}</p>')
    lines += _disputes(selection, entry.disputes, citations)
    lines.append(f'<p class="meta">Sources: {_cite(citations.numbers(entry.sources))}</p>')
    lines.append("</li>")
    return "\n".join(lines)


def _linked_agreements(selection: Selection, entry: TimelineEntry) -> str:
    """The agreements a record belongs to, each a link to its row (the stage held here named)."""
    stages = dict(entry.milestones)
    out = []
    for agreement_id in entry.agreements:
        title = selection.agreement_title(agreement_id)
        stage = f" ({e(stages[agreement_id].replace('-', ' '))})" if agreement_id in stages else ""
        shown = selection.has_agreement(agreement_id)
        text = f'<a href="#a-{e(agreement_id)}">{e(title)}</a>' if shown else e(title)
        out.append(text + stage)
    return "; ".join(out)


def _disputes(selection: Selection, disputes: Sequence[Dispute], citations: Citations) -> list[str]:
    """Each disagreement: its question, every reading with its sources, why the record leads with one."""
    out = []
    for dispute in disputes:
        about = f"on the {dispute.about}" + (
            f" of the {dispute.milestone.replace('-', ' ')} milestone" if dispute.milestone else ""
        )
        question = f" {e(dispute.question)}" if dispute.question else ""
        out.append(
            f'<p class="meta"><span class="disputed-flag">The sources disagree {e(about)}.</span>{question}</p>'
        )
        out.append('<ul class="readings">')
        for reading in dispute.readings:
            value = date_label(reading.date.text) if reading.date else reading.value
            lead = " <strong>(the record follows this)</strong>" if reading.lead else ""
            note = f" — {e(reading.note)}" if reading.note else ""
            out.append(f"<li>{e(value)}{lead}{note} {_cite(citations.numbers(reading.sources))}</li>")
        out += ["</ul>", f'<p class="meta">Why: {e(dispute.reason)}</p>']
    return out


def _link(url: str | None) -> str:
    """A link for an http(s) address; any other address as text, never as a link."""
    if not url:
        return ""
    if is_web_url(url):
        return f' <a href="{e(url)}" rel="noreferrer">{e(url)}</a>'
    return f" (address: {e(url)})"


# ----------------------------------------------------------------------------- agreements and trade


def _agreements(selection: Selection, citations: Citations) -> list[str]:
    out = [
        '<section id="agreements" aria-labelledby="agreements-heading">',
        '<h2 id="agreements-heading">Agreements</h2>',
    ]
    if not selection.agreements:
        return [
            *out,
            "<p>No agreements match these filters.</p>",
            '<p id="no-agreement" hidden></p>',
            "</section>",
        ]
    heads = ("Date", "Agreement", "Kind", "Status", "Milestones", "Sources")
    out += [
        '<table class="cards"><caption>'
        f"{_count(len(selection.agreements), 'agreement')}, with their stages</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead>",
        "<tbody>",
    ]
    for agreement in selection.agreements:
        row = agreement_row(agreement)
        stages = "; ".join(
            f"{m['what']} {date_label(m['date']) if m['date'] else '(date unknown)'}"
            for m in row["milestones"]
        )
        flag = ' <span class="disputed-flag">(the sources disagree)</span>' if agreement.disputes else ""
        when = date_label(row["date"]) if row["date"] else "unknown"
        cells = (e(when), e(row["title"]) + flag, e(row["kind"]), e(row["status"]), e(stages),
                 _cite(citations.numbers(agreement.sources)))  # fmt: skip
        out.append(
            f'<tr class="agreement" id="a-{e(agreement.id)}" data-fields="{e(" ".join(agreement.fields))}" '
            f'data-spans="{_spans(selection.agreement_dates(agreement))}" '
            f'data-search="{e(selection.search_text(agreement.id))}">'
            + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(heads, cells, strict=True))
            + "</tr>"
        )
    return [
        *out,
        "</tbody></table>",
        '<p id="no-agreement" hidden>No agreement matches these filters.</p>',
        "</section>",
    ]


def _trade_attrs(selection: Selection, figure: TradeFigure) -> str:
    row = figure.row
    span = row.period.span if row.period else None
    first, last = (span.start, span.end) if span else (date(row.year, 1, 1), date(row.year, 12, 31))
    hay = selection.search_text(row.id)
    return (
        f'data-trade="{e(row.id)}" data-spans="{first.isoformat()}/{last.isoformat()}" data-search="{e(hay)}"'
    )


def _trade(selection: Selection, citations: Citations) -> list[str]:
    out = ['<section id="trade" aria-labelledby="trade-heading">', '<h2 id="trade-heading">Trade</h2>']
    if not selection.trade:
        return [
            *out,
            f"<p>No trade figures: {e(selection.trade_note)}.</p>",
            '<p id="no-trade" hidden></p>',
            "</section>",
        ]
    listing = listing_builders.trade(selection.trade, countries=selection.countries)
    if listing.title:
        out.append(f"<p>{e(listing.title)}</p>")
    units = list(dict.fromkeys(f.row.unit for f in selection.trade))
    for number, unit in enumerate(units, start=1):
        figures = [f for f in selection.trade if f.row.unit == unit]
        out += bar_chart(figures, unit, f"chart-{number}", [_trade_attrs(selection, f) for f in figures])
    out += _trade_table(selection, listing, citations)
    out.append('<p id="no-trade" hidden>No trade row matches these filters (trade rows have no fields).</p>')
    if listing.notes:
        out += ["<h3>Caveats</h3>", "<ul>", *(f"<li>{e(note)}</li>" for note in listing.notes), "</ul>"]
    return [*out, "</section>"]


def _trade_table(selection: Selection, listing: Listing, citations: Citations) -> list[str]:
    def cls(right: bool) -> str:
        return ' class="num"' if right else ""

    head = "".join(f'<th scope="col"{cls(c.justify == "right")}>{e(c.header)}</th>' for c in listing.columns)
    out = [
        f'<table class="cards"><caption>Trade figures ({e(listing.unit or "")})</caption>',
        f'<thead><tr>{head}<th scope="col">Sources</th></tr></thead>',
        "<tbody>",
    ]
    for figure, row in zip(selection.trade, listing.rows, strict=True):
        cells = "".join(
            f'<td{cls(c.justify == "right")} data-label="{e(c.header)}">{e(cell_text(row.get(c.key), ", ", c.number))}</td>'
            for c in listing.columns
        )
        sources = _cite(citations.numbers(figure.row.sources))
        out.append(
            f'<tr {_trade_attrs(selection, figure)}>{cells}<td data-label="Sources">{sources}</td></tr>'
        )
    return [*out, "</tbody></table>"]


def bar_chart(
    figures: Sequence[TradeFigure], unit: str, chart_id: str, attrs: Sequence[str] = ()
) -> list[str]:
    """Turnover by year as an inline SVG bar chart (one unit per chart), described for readers."""
    several = len({f.row.reporter for f in figures}) > 1
    slot_w = 84 if several else 60  # room for each label, so none runs into the next
    width, height, top, bottom, side = max(520, len(figures) * slot_w + 16), 250, 40, 44 if several else 30, 8
    plot_h = height - top - bottom
    slot = (width - 2 * side) / max(len(figures), 1)
    peak = max((f.row.turnover for f in figures), default=0.0) or 1.0
    bars = []
    for index, figure in enumerate(figures):
        row = figure.row
        label = str(row.year) + ("*" if row.period is not None else "")
        bar_h = max(row.turnover / peak * plot_h, 0.0)
        x = side + index * slot + slot * 0.15
        y = top + plot_h - bar_h
        middle = x + slot * 0.35
        exact = f"{row.turnover:,.2f} {unit}"
        extra = f" {attrs[index]}" if index < len(attrs) else ""
        second = f'<tspan x="{middle:.1f}" dy="16" class="small">{e(row.reporter)}</tspan>' if several else ""
        bars.append(
            f'<g{extra}><rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar_h:.1f}">'
            f"<title>{e(row.period.text if row.period else row.year)} {e(row.reporter)}: {e(exact)}</title></rect>"
            f'<text x="{middle:.1f}" y="{y - 6:.1f}" text-anchor="middle">{e(f"{row.turnover:,.0f}")}</text>'
            f'<text x="{middle:.1f}" y="{top + plot_h + 20}" text-anchor="middle">{e(label)}{second}</text></g>'
        )
    caption = f"Turnover by year, in {unit}"
    described = "; ".join(
        f"{f.row.year}{' ' + f.row.reporter if several else ''}: {f.row.turnover:,.2f}" for f in figures
    )
    return [
        "<figure>",
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{e(caption)}</title>',
        f'<desc id="{chart_id}-desc">{e(described)} ({e(unit)})</desc>',
        f'<text x="{side}" y="16">{e(unit)}</text>',
        *bars,
        f'<line class="axis" x1="{side}" y1="{top + plot_h}" x2="{width - side}" y2="{top + plot_h}"/>',
        "</svg>",
        f"<figcaption>{e(caption)} (labels rounded; exact figures in the table below"
        + ("; * part of the year only" if any(f.row.period is not None for f in figures) else "")
        + ").</figcaption>",
        "</figure>",
    ]


def _sources(citations: Citations) -> list[str]:
    out = [
        '<section id="sources" aria-labelledby="sources-heading">',
        '<h2 id="sources-heading">Sources</h2>',
    ]
    if not citations.sources:
        return [*out, "<p>No records, so no sources.</p>", "</section>"]
    out.append('<ol class="sources">')
    for number, source in citations.numbered():
        out.append(f'<li id="source-{number}">{e(source_text(source))}{_link(source.url)}</li>')
    return [*out, "</ol>", "</section>"]
