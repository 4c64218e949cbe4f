"""One self-contained HTML page: timeline by year with a field filter and search, agreements,
trade as an inline SVG bar chart, and sources.

Self-contained means no request ever leaves the page: styles and script are inline, there are
no fonts or images, and a Content-Security-Policy (`default-src 'none'`, the inline style and
script allowed by their hashes) makes the browser refuse anything else. Links to sources are
plain links a reader may follow. Every value from the data goes through html.escape.

The page works without JavaScript (everything is shown; the filter form stays hidden), on a
phone (viewport meta, one column, tables scroll sideways) and on paper (print styles).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from azma.dates import EDTFDate
from azma.folding import fold
from azma.formats import views as listing_builders
from azma.formats.citations import Citations, source_text
from azma.formats.listing import ExportOptions, Listing, cell_text, date_label
from azma.formats.serialize import agreement_row
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry, TradeFigure

STYLE = """
:root { --fg: #1a1a1a; --muted: #4a4a4a; --bg: #ffffff; --line: #d0d0d0; --accent: #0b57d0;
  --bar: #1f5f8b; --panel: #f3f5f8; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececec; --muted: #c2c2c2; --bg: #121417; --line: #3a3f45; --accent: #8ab4f8;
    --bar: #6fa8dc; --panel: #1d2127; }
}
[hidden] { display: none !important; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 52rem; padding: 0 1rem 2rem; color: var(--fg); background: var(--bg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header { padding: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.overview { margin: .5rem 0; padding-left: 1.2rem; }
nav ul { list-style: none; margin: 0; padding: .75rem 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: end; padding: .75rem 1rem;
  background: var(--panel); border-radius: .5rem; }
.filters label { display: block; font-weight: 600; font-size: .9rem; }
.filters select, .filters input { font: inherit; padding: .35rem .5rem; min-width: 12rem; max-width: 100%;
  color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: .25rem; }
.filters [role="status"] { margin: 0; color: var(--muted); }
.records { list-style: none; margin: 0; padding: 0; }
.record { padding: .6rem 0; border-bottom: 1px solid var(--line); }
.record p { margin: .15rem 0; }
.when { color: var(--muted); font-size: .9rem; }
.title { font-weight: 600; }
.meta { color: var(--muted); font-size: .9rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
svg.chart { width: 100%; height: auto; max-width: 44rem; display: block; }
svg.chart .bar { fill: var(--bar); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart text { fill: var(--fg); font: 15px system-ui, sans-serif; }
.sources li { margin: .35rem 0; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .9rem; }
@media (max-width: 36rem) {
  h1 { font-size: 1.45rem; }
  .filters select, .filters input { min-width: 0; width: 100%; }
  .filters > div { flex: 1 1 100%; }
}
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --accent: #000; --bar: #555; --line: #999; }
  body { max-width: none; font-size: 10.5pt; }
  nav, .filters, .skip { display: none !important; }
  .record, tr, figure { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .sources a[href^="http"]::after { content: " (" attr(href) ")"; }
  .table-wrap { overflow: visible; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var field = document.getElementById("field-filter");
  var text = document.getElementById("text-filter");
  var status = document.getElementById("filter-status");
  var none = document.getElementById("no-match");
  var records = Array.prototype.slice.call(document.querySelectorAll("li.record"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var special = { "\\u0259": "a", "\\u018f": "a", "\\u0131": "i", "\\u00df": "ss", "\\u00f8": "o",
    "\\u0111": "d", "\\u0142": "l", "\\u2019": "'", "\\u2018": "'" };
  function fold(s) {
    s = s.replace(/[\\u0259\\u018f\\u0131\\u00df\\u00f8\\u0111\\u0142\\u2019\\u2018]/g, function (c) {
      return special[c];
    });
    return s.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  function apply() {
    var wanted = field.value;
    var needle = fold(text.value.trim());
    var shown = 0;
    records.forEach(function (record) {
      var fields = record.getAttribute("data-fields").split(" ");
      var ok = (!wanted || fields.indexOf(wanted) >= 0) &&
        (!needle || record.getAttribute("data-search").indexOf(needle) >= 0);
      record.hidden = !ok;
      if (ok) { shown += 1; }
    });
    years.forEach(function (year) {
      year.hidden = !year.querySelector("li.record:not([hidden])");
    });
    status.textContent = shown + " of " + records.length + " records shown";
    none.hidden = shown > 0;
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  field.addEventListener("change", apply);
  text.addEventListener("input", apply);
  form.hidden = false;
  apply();
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape(str(value), quote=True)


def export_html(selection: Selection, options: ExportOptions) -> str:
    citations = Citations(selection)
    title = e(selection.title)
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
        *_overview(selection, citations),
        "</header>",
        '<nav aria-label="Sections"><ul>'
        '<li><a href="#timeline">Timeline</a></li><li><a href="#agreements">Agreements</a></li>'
        '<li><a href="#trade">Trade</a></li><li><a href="#sources">Sources</a></li></ul></nav>',
        '<main id="main">',
        *_timeline(selection, citations),
        *_agreements(selection, citations),
        *_trade(selection, citations),
        *_sources(citations),
        "</main>",
        "<footer>",
        f"<p>Made with azma from data as of {e(selection.as_of.isoformat())}. "
        f"Filters: {e(selection.filters_text())}.</p>",
        "</footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _overview(selection: Selection, citations: Citations) -> list[str]:
    span = selection.span()
    timeline = f"{_count(len(selection.entries), 'timeline record')} ({len(selection.dated)} dated"
    timeline += f", {span[0]} to {span[1]}" if span else ""
    timeline += f"; {len(selection.undated)} undated)"
    years = sorted({f.row.year for f in selection.trade})
    trade = _count(len(selection.trade), "trade row") + (f" ({years[0]} to {years[-1]})" if years else "")
    items = [
        timeline,
        _count(len(selection.agreements), "agreement"),
        f"{trade}; {selection.trade_note}",
        f"{_count(len(citations.sources), 'source')} cited",
        f"Filters: {selection.filters_text()}",
    ]
    return ['<ul class="overview">', *(f"<li>{e(item)}</li>" for item in items), "</ul>"]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _cite(numbers: Sequence[int]) -> str:
    return " ".join(f'<a href="#source-{n}" aria-label="source {n}">[{n}]</a>' for n in numbers)


def _time(when: EDTFDate) -> str:
    """A <time> element: machine-readable first known day-part, the date as people read it."""
    left, _, right = when.text.partition("/")
    known = (right if left == ".." else left).rstrip("?~%")
    return f'<time datetime="{e(known)}">{e(date_label(when.text))}</time>'


def _timeline(selection: Selection, citations: Citations) -> list[str]:
    fields = sorted({f for entry in selection.entries for f in entry.fields})
    counts = {f: sum(f in entry.fields for entry in selection.entries) for f in fields}
    options = "".join(f'<option value="{e(f)}">{e(f)} ({counts[f]})</option>' for f in fields)
    out = [
        '<section id="timeline" aria-labelledby="timeline-heading">',
        '<h2 id="timeline-heading">Timeline</h2>',
        '<form id="filters" class="filters" role="search" aria-label="Filter the timeline" hidden>',
        f'<div><label for="field-filter">Field</label><select id="field-filter">'
        f'<option value="">All fields</option>{options}</select></div>',
        '<div><label for="text-filter">Search</label>'
        '<input id="text-filter" type="search" autocomplete="off" placeholder="e.g. Rabat"></div>',
        f'<p id="filter-status" role="status" aria-live="polite">{len(selection.entries)} records</p>',
        "</form>",
    ]
    if not selection.entries:
        out.append("<p>No timeline records match these filters.</p>")
    for year, entries in selection.by_year():
        label = str(year) if year is not None else "Undated"
        anchor = f"year-{label.lower()}"
        out.append(f'<section class="year" id="{anchor}" aria-labelledby="{anchor}-h">')
        out.append(f'<h3 id="{anchor}-h">{e(label)}</h3>')
        out.append('<ol class="records">')
        out += [_record(selection, entry, citations) for entry in entries]
        out += ["</ol>", "</section>"]
    out += ['<p id="no-match" hidden>No records match this field and search.</p>', "</section>"]
    return out


def _record(selection: Selection, entry: TimelineEntry, citations: Citations) -> str:
    places = [selection.place_name(p) for p in entry.places]
    actors = [selection.actor_name(a) for a in entry.actors]
    search = fold(" ".join([entry.title, entry.summary or "", entry.kind, *entry.fields, *places, *actors]))
    when = _time(entry.date) if entry.date else "date unknown"
    meta = [f"Fields: {e(', '.join(entry.fields))}"]
    if places:
        meta.append(f"Places: {e(', '.join(places))}")
    if actors:
        meta.append(f"Actors: {e(', '.join(actors))}")
    meta.append(f"Sources: {_cite(citations.numbers(entry.sources))}")
    lines = [
        f'<li class="record" id="r-{e(entry.id)}" data-id="{e(entry.id)}" '
        f'data-fields="{e(" ".join(entry.fields))}" '
        f'data-title="{e(entry.title)}" data-search="{e(search)}">',
        f'<p class="when">{when} · {e(entry.kind)}</p>',
        f'<p class="title">{e(entry.title)}</p>',
    ]
    if entry.summary:
        lines.append(f'<p class="summary">{e(entry.summary)}</p>')
    stages = selection.agreement_stages(entry)
    if stages:
        lines.append(f'<p class="meta">Agreements: {e("; ".join(stages))}</p>')
    if entry.note:
        lines.append(f'<p class="meta">Note: {e(entry.note)}</p>')
    lines += [f'<p class="meta">{" · ".join(meta)}</p>', "</li>"]
    return "\n".join(lines)


def _agreements(selection: Selection, citations: Citations) -> list[str]:
    out = [
        '<section id="agreements" aria-labelledby="agreements-heading">',
        '<h2 id="agreements-heading">Agreements</h2>',
    ]
    if not selection.agreements:
        return [*out, "<p>No agreements match these filters.</p>", "</section>"]
    out += [
        '<div class="table-wrap" role="region" aria-labelledby="agreements-caption" tabindex="0">',
        '<table><caption id="agreements-caption">'
        f"{_count(len(selection.agreements), 'agreement')}, with their stages</caption>",
        '<thead><tr><th scope="col">Date</th><th scope="col">Agreement</th><th scope="col">Kind</th>'
        '<th scope="col">Status</th><th scope="col">Milestones</th><th scope="col">Sources</th></tr></thead>',
        "<tbody>",
    ]
    for agreement in selection.agreements:
        row = agreement_row(agreement)
        stages = "; ".join(f"{m['what']} {m['date'] or '(date unknown)'}" for m in row["milestones"])
        out.append(
            f'<tr id="a-{e(agreement.id)}"><td>{e(row["date"] or "unknown")}</td><td>{e(row["title"])}</td>'
            f"<td>{e(row['kind'])}</td><td>{e(row['status'])}</td><td>{e(stages)}</td>"
            f"<td>{_cite(citations.numbers(agreement.sources))}</td></tr>"
        )
    return [*out, "</tbody></table>", "</div>", "</section>"]


def _trade(selection: Selection, citations: Citations) -> list[str]:
    out = ['<section id="trade" aria-labelledby="trade-heading">', '<h2 id="trade-heading">Trade</h2>']
    if not selection.trade:
        return [*out, f"<p>No trade figures: {e(selection.trade_note)}.</p>", "</section>"]
    listing = listing_builders.trade(selection.trade, countries=selection.countries)
    if listing.title:
        out.append(f"<p>{e(listing.title)}</p>")
    units = list(dict.fromkeys(f.row.unit for f in selection.trade))
    for number, unit in enumerate(units, start=1):
        out += bar_chart([f for f in selection.trade if f.row.unit == unit], unit, f"chart-{number}")
    out += _trade_table(selection, listing, citations)
    if listing.notes:
        out += ["<h3>Caveats</h3>", "<ul>", *(f"<li>{e(note)}</li>" for note in listing.notes), "</ul>"]
    return [*out, "</section>"]


def _trade_table(selection: Selection, listing: Listing, citations: Citations) -> list[str]:
    def cls(right: bool) -> str:
        return ' class="num"' if right else ""

    head = "".join(f'<th scope="col"{cls(c.justify == "right")}>{e(c.header)}</th>' for c in listing.columns)
    out = [
        '<div class="table-wrap" role="region" aria-labelledby="trade-caption" tabindex="0">',
        f'<table><caption id="trade-caption">Trade figures ({e(listing.unit or "")})</caption>',
        f'<thead><tr>{head}<th scope="col">Sources</th></tr></thead>',
        "<tbody>",
    ]
    for figure, row in zip(selection.trade, listing.rows, strict=True):
        cells = "".join(
            f"<td{cls(c.justify == 'right')}>{e(cell_text(row.get(c.key), ', ', c.number))}</td>"
            for c in listing.columns
        )
        out.append(f"<tr>{cells}<td>{_cite(citations.numbers(figure.row.sources))}</td></tr>")
    return [*out, "</tbody></table>", "</div>"]


def bar_chart(figures: Sequence[TradeFigure], unit: str, chart_id: str) -> list[str]:
    """Turnover by year as an inline SVG bar chart (one unit per chart), described for readers."""
    width, height, top, bottom, side = 520, 240, 40, 30, 8
    plot_h = height - top - bottom
    slot = (width - 2 * side) / max(len(figures), 1)
    peak = max((f.row.turnover for f in figures), default=0.0) or 1.0
    several = len({f.row.reporter for f in figures}) > 1
    bars = []
    for index, figure in enumerate(figures):
        row = figure.row
        label = f"{row.year} {row.reporter}" if several else str(row.year)
        bar_h = max(row.turnover / peak * plot_h, 0.0)
        x = side + index * slot + slot * 0.15
        y = top + plot_h - bar_h
        middle = x + slot * 0.35
        exact = f"{row.turnover:,.2f} {unit}"
        bars.append(
            f'<g><rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar_h:.1f}">'
            f"<title>{e(label)}: {e(exact)}</title></rect>"
            f'<text x="{middle:.1f}" y="{y - 6:.1f}" text-anchor="middle">{e(f"{row.turnover:,.0f}")}</text>'
            f'<text x="{middle:.1f}" y="{height - bottom + 20}" text-anchor="middle">{e(label)}</text></g>'
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
        f"<figcaption>{e(caption)} (labels rounded; exact figures in the table below).</figcaption>",
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
        link = f' <a href="{e(source.url)}">{e(source.url)}</a>' if source.url else ""
        out.append(f'<li id="source-{number}">{e(source_text(source))}{link}</li>')
    return [*out, "</ol>", "</section>"]
