"""One self-contained HTML page: the relationship as a picture first, every record behind it.

What the page holds, top to bottom: the title and one line on what it holds; the picture (a
timeline that zooms and pans: the mouse wheel, dragging, pinching on a touch screen, buttons,
the keyboard, and a brush on the overview strip below it; its axis gives each year room by how
many records it holds and folds a run of empty years into one break; one marker per dated
record in lanes by field or by kind; the important records named above the lanes, with labels
that never overlap); the filters (field, search, period) that apply to every section; the
records by year as a vertical timeline (the picture itself on a phone); agreements; trade (a
chart that draws part-year and approximate figures and bounds apart from totals, and a table);
sources; what the page is and how to cite it.

Named on the picture, most important first while there is room: agreements signed, visits at
the top level (heads of state or government, speakers of parliament, foreign ministers),
sessions of the joint commission, the establishment of relations and embassies; then whatever
the user filters to; then, zoomed in, every record that fits.

Markers: a filled circle is a day, a diamond a month or season, a hollow square a year, decade
or century; a dashed outline a date the sources give as uncertain or approximate; a bar spans
an interval with both ends known, a dotted line the days one of a set may be ("one day between
A and B"), a tail points to an open or unknown end; a ring marks a record whose sources
disagree; important records are drawn in the accent colour.

Search is the CLI's: each record carries the same folded text `azma timeline --text` looks in
(`Selection.search_text`, from the query layer), and the page gets `FOLD_TABLE` and the folded
alias groups of `azma.folding` at export time, so "Marrakech" finds what the CLI finds.

Self-contained means no request ever leaves the page: the style and script (the package files
page/page.css and page/page.js) are inlined, there are no fonts or images, and a
Content-Security-Policy (`default-src 'none'`, the inline style and script allowed by their
hashes) makes the browser refuse anything else. Every value from the data goes through `e()`
(html.escape, control characters made visible); the texts of the picture, its controls and
the trade chart are in `PAGE_TEXT` and `SCRIPT_TEXT`, in one place.

Without JavaScript everything is shown and a marker is a link to its record; on a phone tables
become cards; on paper the controls are left out and link addresses printed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from datetime import date
from html import escape

from azma._version import __version__
from azma.dates import EDTFDate
from azma.folding import FOLD_TABLE, alias_groups, fold
from azma.formats import views as listing_builders
from azma.formats.citations import Citations, source_text
from azma.formats.listing import (
    ExportOptions,
    Listing,
    cell_text,
    date_label,
    flagged,
    gloss_after,
    year_label,
)
from azma.formats.serialize import agreement_row
from azma.l10n import Words, current, n_, rtl, t, term_label, tp
from azma.model import Dispute
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry, TradeFigure
from azma.safe import dump_json, for_terminal, is_web_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_LANES = 7  # drawn lanes; the other fields or kinds share one more lane, "other"
ROW, LABEL, TOP = 12, 15, 98  # px: a marker row, a lane's label row, labels and axis above the lanes


def _asset(name: str) -> str:
    with open(os.path.join(os.path.dirname(__file__), "page", name), encoding="utf-8") as handle:
        return handle.read()


STYLE = _asset("page.css")
SCRIPT = _asset("page.js")

# The texts of the page's picture, its controls and its trade chart, in one place: the script's
# own (SCRIPT_TEXT, sent to it with the search tables) and those written into the page. A page in
# another language replaces these.
SCRIPT_TEXT = Words(
    {
        "status": "{shown} of {records} timeline records, {agreements_shown} of {agreements} agreements, "
        "{trade_shown} of {trade} trade rows shown",
        "status_field": "field {field}",
        "status_search": "search \u201c{text}\u201d",
        "status_period": "{from} to {to}",
        "the_start": "the start",
        "the_end": "the end",
        "range": "Showing {from} to {to}",
        "year_count": "{year}: {count} shown",
        "more": "Sources and notes",
        "less": "Fewer details",
    }
)
PAGE_TEXT = Words(
    {
        "skip": "Skip to the content",
        "nav": "Sections",
        "nav_picture": "Picture",
        "nav_timeline": "Timeline",
        "nav_agreements": "Agreements",
        "nav_trade": "Trade",
        "nav_sources": "Sources",
        "nav_about": "About this page",
        "about": "About this page",
        "picture": "The picture",
        "tools": "Zoom and pan the picture",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "earlier": "Earlier",
        "later": "Later",
        "whole": "Whole period",
        "use_period": "Filter to this period",
        "overview": "Records per year over the whole period; the highlighted window is the part drawn above",
        "described": "{count} dated records from {first} to {last}, one marker each, in lanes by field or kind; "
        "the most important are named above the lanes.",
        "how_to": "Zoom with the wheel, a pinch or the buttons (or + and −); drag to move, or drag across the "
        "strip below; Tab to a marker, then the arrow keys to step through the records in date order, Enter "
        "to read one. Years with more records get more room; ⋯ folds years with none.",
        "no_gap": "{first} to {last}: no records",
        "legend": "Legend",
        "day": "a day",
        "month": "a month or season",
        "year": "a year, decade or century",
        "unsure": "uncertain or approximate (? ~)",
        "period": "a period (from … to …)",
        "maybe": "one day somewhere in a range",
        "open": "open or unknown end",
        "disputed": "the sources disagree",
        "key": "named: agreement signed, top-level visit, commission session…",
        "detail": "The chosen record",
        "close": "Close",
        "filters": "Filter every section",
        "lanes": "Lanes of the picture",
        "chart_total": "a whole year's total",
        "chart_part": "part of the year only (the months under it)",
        "chart_approximate": "approximate (~: the source says about, or rounds it)",
        "chart_at-most": "a ceiling (≤): no more than this, the real figure unknown",
        "chart_at-least": "a floor (≥): no less than this, the real figure unknown",
        "chart_legend": "How the bars are drawn",
        "chart_caption": "Turnover by year, in {unit}",
        "chart_note": "(labels rounded; exact figures in the table below). The scale is set by the figures "
        "that are values; a bound is drawn as a bound.",
    }
)


_DIR_RTL = ' dir="rtl"'  # the page of a language written right to left (page.css has its [dir=rtl] rules)


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
        f'<html lang="{current()}"{_DIR_RTL if rtl() else ""}>',
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
        f'<a class="skip" href="#main">{e(PAGE_TEXT["skip"])}</a>',
        "<header>",
        f"<h1>{title}</h1>",
        f'<p class="lede">{e(_lede(selection, citations))}</p>',
        "</header>",
        f'<nav aria-label="{e(PAGE_TEXT["nav"])}"><ul>'
        + "".join(
            f'<li><a href="#{target}">{e(PAGE_TEXT["nav_" + key])}</a></li>'
            for target, key in (
                ("glance", "picture"),
                ("timeline", "timeline"),
                ("agreements", "agreements"),
                ("trade", "trade"),
                ("sources", "sources"),
                ("about", "about"),
            )
        )  # fmt: skip
        + "</ul></nav>",
        '<main id="main">',
        *_glance(selection),
        *_filters(selection),
        *_timeline(selection, citations),
        *_agreements(selection, citations),
        *_trade(selection, citations),
        *_sources(citations),
        '<section id="about" aria-labelledby="about-heading">',
        f'<h2 id="about-heading">{e(PAGE_TEXT["about"])}</h2>',
        *_about(selection, citations, today),
        "</section>",
        "</main>",
        "<footer>",
        "<p>"
        + e(
            t(
                "Made with azma {version} from data as of {as_of}; exported on {today}. Filters: {filters}.",
                version=__version__,
                as_of=selection.as_of.isoformat(),
                today=today.isoformat(),
                filters=selection.filters_text(),
            )
        )
        + "</p>",
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
    return {
        "fold": FOLD_TABLE,
        "aliases": [g for g in groups if len(g) > 1],
        "text": SCRIPT_TEXT.translated(),
    }


def cite_text(selection: Selection, today: date) -> str:
    """How to cite the page: what it is, the data's version, the export date and the filters."""
    return t(
        "{title}: a sourced timeline. Made with azma {version} from data as of {as_of}, exported {today}; "
        "filters: {filters}. Cite the sources listed for each record for any fact taken from it.",
        title=selection.title,
        version=__version__,
        as_of=selection.as_of.isoformat(),
        today=today.isoformat(),
        filters=selection.filters_text(),
    )


def _about(selection: Selection, citations: Citations, today: date) -> list[str]:
    span = selection.span()
    timeline = _count(len(selection.entries), n_("{n} timeline record"), n_("{n} timeline records"))
    timeline += " (" + t("{n} dated", n=len(selection.dated))
    timeline += t(", {start} to {end}", start=date_label(span[0]), end=date_label(span[1])) if span else ""
    timeline += "; " + t("{n} undated", n=len(selection.undated)) + ")"
    years = sorted({f.row.year for f in selection.trade})
    trade = _count(len(selection.trade), n_("{n} trade row"), n_("{n} trade rows"))
    trade += f" ({t('{start} to {end}', start=years[0], end=years[-1])})" if years else ""
    agreements = _count(len(selection.agreements), n_("{n} agreement"), n_("{n} agreements"))
    holds = f"{timeline}; {agreements}; {trade}; "
    holds += t("{sources} cited", sources=_count(len(citations.sources), n_("{n} source"), n_("{n} sources")))
    rows = [
        (t("Filters"), f"{selection.filters_text()}; {selection.trade_note}"),
        (t("Holds"), holds),
        (
            t("Data"),
            t(
                "azma {version}, data as of {as_of} (the latest source date)",
                version=__version__,
                as_of=selection.as_of.isoformat(),
            ),
        ),
        (t("Exported"), today.isoformat()),
        (t("How to cite"), cite_text(selection, today)),
    ]
    return ['<dl class="about">', *(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows), "</dl>"]


def _lede(selection: Selection, citations: Citations) -> str:
    """One line under the title: what the picture holds."""
    span = selection.span()
    when = t(" from {start} to {end}", start=date_label(span[0]), end=date_label(span[1])) if span else ""
    return t(
        "{records}{when}, each with its sources ({sources}); filters: {filters}.",
        records=_count(len(selection.entries), n_("{n} record"), n_("{n} records")),
        when=when,
        sources=_count(len(citations.sources), n_("{n} source"), n_("{n} sources")),
        filters=selection.filters_text(),
    )


def _count(number: int, one: str, many: str) -> str:
    """`number` with its noun in the run's language: msgids '{n} source' and '{n} sources'."""
    return t(one if number == 1 else many, n=number)


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
    """The days each date (and each disputed reading) is known to reach, for the page's period
    filter: the window rule of the command line (an open or unknown side reaches nothing)."""
    return " ".join(f"{a.isoformat()}/{b.isoformat()}" for a, b in (d.known_span for d in dates))


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
    options = "".join(
        f'<option value="{e(f)}">{e(term_label(("field",), f))} ({counts[f]})</option>' for f in fields
    )
    axis = _years(selection)
    bounds = ""
    if axis is not None and 1 <= axis[0] and axis[1] <= 9999:
        bounds = f' min="{axis[0]:04d}-01-01" max="{axis[1] - 1:04d}-12-31"'
    return [
        f'<details class="filter-box" id="filter-box" open><summary>{e(PAGE_TEXT["filters"])}</summary>',
        f'<form id="filters" class="filters" role="search" aria-label="{e(PAGE_TEXT["filters"])}" hidden>',
        f'<div><label for="field-filter">{e(t("Field"))}</label><select id="field-filter">'
        f'<option value="">{e(t("All fields"))}</option>{options}</select></div>',
        f'<div><label for="text-filter">{e(t("Search"))}</label>'
        f'<input id="text-filter" type="search" autocomplete="off" placeholder="{e(t("e.g. Marrakech"))}"></div>',
        f'<div><label for="from-filter">{e(tp("date filter", "From"))}</label><input id="from-filter" type="date"{bounds}></div>',
        f'<div><label for="to-filter">{e(tp("date filter", "To"))}</label><input id="to-filter" type="date"{bounds}></div>',
        f'<fieldset class="lanes-choice"><legend>{e(PAGE_TEXT["lanes"])}</legend>'
        f'<input type="radio" name="lanes" id="lanes-field" value="field" checked><label for="lanes-field">{e(t("by field"))}</label>'
        f'<input type="radio" name="lanes" id="lanes-kind" value="kind"><label for="lanes-kind">{e(t("by kind"))}</label></fieldset>',
        f'<div><button type="reset">{e(t("Show everything"))}</button></div>',
        f'<p id="filter-status" role="status" aria-live="polite">{e(_count(len(selection.entries), n_("{n} timeline record"), n_("{n} timeline records")))}</p>',
        "</form>",
        "</details>",
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
    if d.interval or d.one_of_set:
        end = _position(d.end_year if d.end_year is not None else d.end.year, d.end) + 1 / 365
        return start, end, ""
    return start, start, ""


def _years(selection: Selection) -> tuple[int, int] | None:
    """The first year a dated record touches and the year after the last."""
    points = [p for entry in selection.dated if entry.date for p in _extent(entry.date)[:2]]
    if not points:
        return None
    return int(min(points) // 1), int(max(points) // 1) + 1


class _Scale:
    """The picture's axis, density-aware and broken: each year with records takes room by how
    many it holds (1 + their square root), a run of two or more empty years one narrow gap, so
    no width is spent on empty decades. Maps a fractional year to 0..1 on the whole axis; the
    work is bounded by the records, whatever years they span."""

    GAP = 0.7  # the room of a folded run of empty years, in units of an empty year's room

    def __init__(self, per_year: dict[int, int]) -> None:
        years = sorted(per_year)
        pieces: list[tuple[float, float, float, str]] = []  # (from t, to t, room, kind)
        for i, year in enumerate(years):
            if i:
                empty = year - years[i - 1] - 1
                if empty == 1:
                    pieces.append((year - 1, year, 0.6, "year"))
                elif empty > 1:
                    pieces.append((years[i - 1] + 1, year, self.GAP, "gap"))
            pieces.append((year, year + 1, 1 + per_year[year] ** 0.5, "year"))
        total = sum(p[2] for p in pieces) or 1.0
        self.points: list[tuple[float, float]] = []
        self.ticks: list[tuple[int, float, float, str]] = []
        self.gaps: list[tuple[float, float, str]] = []
        u = 0.0
        for first, last, room, kind in pieces:
            u0, u = u, u + room / total
            self.points += [(first, u0), (last, u)]
            if kind == "year":
                self.ticks.append((int(first), u0, u, year_label(int(first))))
            else:
                words = PAGE_TEXT["no_gap"].format(
                    first=year_label(int(first)), last=year_label(int(last) - 1)
                )
                self.gaps.append((u0, u, words))

    def __call__(self, t: float) -> float:
        points = self.points
        lo, hi = 0, len(points) - 1
        if t <= points[0][0]:
            return 0.0
        if t >= points[-1][0]:
            return 1.0
        while hi - lo > 1:  # a binary search: the work per record is logarithmic
            mid = (lo + hi) // 2
            if points[mid][0] <= t:
                lo = mid
            else:
                hi = mid
        (t0, u0), (t1, u1) = points[lo], points[hi]
        return u0 if t1 == t0 else u0 + (u1 - u0) * (t - t0) / (t1 - t0)


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
    vocabularies = ("field",) if key == "field" else ("event_kind", "milestone_kind")
    names = [f"{term_label(vocabularies, v)} ({counted[v]})" for v in drawn]
    lane = {v: i for i, v in enumerate(drawn)}
    if len(drawn) < len(ranked):
        rest = ranked[len(drawn) :]
        other = t("other: {n} fields" if key == "field" else "other: {n} kinds", n=len(rest))
        names.append(f"{other} ({sum(counted[v] for v in rest)})")
        lane.update({v: len(drawn) for v in rest})
    return names, {entry.id: lane[v] for entry, v in zip(entries, values, strict=True)}


# Who makes a visit one at the top level: a head of state or government, a speaker of
# parliament, a foreign minister (the roles as the data writes them).
_TOP_ROLES = re.compile(
    r"^(?:President of (?:Azerbaijan|the Republic)|King of|Prime Minister|Head of Government|First Vice-President"
    r"|Foreign Minister|Minister of Foreign Affairs|Speaker|President \(Speaker\)|Chairman \(Speaker\)"
    r"|Chair(?:man|woman|person)? of the Milli Majlis)"
)
_KEY_KINDS = {"commission-session": 2, "recognition": 2, "establishment": 2, "opening": 1, "consultations": 1}


def importance(selection: Selection, entry: TimelineEntry, top: frozenset[str]) -> int:
    """How much a record needs its name on the picture: 3 an agreement signed or a visit at the
    top level, 2 a commission session, recognition or establishment, 1 an opening or political
    consultations, 0 the rest."""
    if entry.kind == "signed" or any(what == "signed" for _, what in entry.milestones):
        return 3
    if entry.kind == "visit" and top.intersection(entry.actors):
        return 3
    return _KEY_KINDS.get(entry.kind, 0)


def _top_actors(selection: Selection) -> frozenset[str]:
    return frozenset(a.id for a in selection.dataset.actors if any(_TOP_ROLES.match(r) for r in a.roles))


def _short(title: str, limit: int = 48) -> str:
    """A label for the picture: the title, cut at a word with an ellipsis past `limit`."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


_SHAPES = {
    "day": '<circle class="mark" r="4"/>',
    "month": '<path class="mark" d="M0,-5L5,0L0,5L-5,0Z"/>',
    "year": '<rect class="mark hollow" x="-4" y="-4" width="8" height="8"/>',
    "ring": '<circle class="ring" r="6.5"/>',
    "tail-r": '<path class="tail" d="M5,0H17M14,-3L17,0L14,3"/>',
    "tail-l": '<path class="tail" d="M-5,0H-17M-14,-3L-17,0L-14,3"/>',
}
_LEGEND = (  # (shape, key of its words in PAGE_TEXT)
    (_SHAPES["day"], "day"),
    (_SHAPES["month"], "month"),
    (_SHAPES["year"], "year"),
    ('<circle class="mark unsure" r="4"/>', "unsure"),
    ('<rect class="span" x="-10" y="-3" width="20" height="6"/>', "period"),
    ('<line class="maybe" x1="-10" x2="10" y1="0" y2="0"/>' + _SHAPES["day"], "maybe"),
    (_SHAPES["day"] + _SHAPES["tail-r"].replace("17", "11").replace("14", "8"), "open"),
    (_SHAPES["day"] + _SHAPES["ring"], "disputed"),
    ('<circle class="mark key" r="4"/>', "key"),
)


def _shape(d: EDTFDate) -> str:
    if d.precision == "day":
        return "day"
    return "month" if d.precision in ("month", "season") else "year"


def _marker(entry: TimelineEntry, d: EDTFDate, u0: float, u1: float, tail: str, year: int,
            lanes: tuple[int, int], rank: int) -> str:  # fmt: skip
    """One dated record: a link to its details, drawn at its place on the whole axis (the
    script moves it as the view zooms and pans, and stacks it in its lane)."""
    x = f"{u0 * 100:.3f}%"
    parts = []
    if d.one_of_set and u1 > u0:
        parts.append(f'<line class="maybe" x1="{x}" x2="{u1 * 100:.3f}%" y1="0" y2="0"/>')
    elif u1 > u0:
        parts.append(f'<rect class="span" x="{x}" width="{(u1 - u0) * 100:.3f}%" y="-3" height="6"/>')
    shape = _SHAPES[_shape(d)]
    if d.uncertain or d.approximate:
        shape = shape.replace('class="mark', 'class="mark unsure')
    shapes = shape + (_SHAPES[f"tail-{tail}"] if tail else "") + (_SHAPES["ring"] if entry.disputed else "")
    if d.one_of_set and tail:
        shapes = shapes.replace('class="tail"', 'class="tail maybe"')
    parts.append(f'<svg x="{x}" overflow="visible">{shapes}</svg>')  # a nested svg: x in %, shapes in px
    label = f"{date_label(d.text)}: {entry.title}" + (t(" (the sources disagree)") if entry.disputed else "")
    y = TOP + LABEL + ROW // 2 + lanes[0] * (LABEL + ROW + 6)
    return (
        f'<a class="marker{" key" if rank >= 2 else ""}" href="#r-{e(entry.id)}" data-id="{e(entry.id)}" '
        f'data-year="{year}" data-u0="{u0:.6f}" data-u1="{u1:.6f}" data-tail="{tail}" '
        f'data-lane-field="{lanes[0]}" data-lane-kind="{lanes[1]}" data-rank="{rank}" data-y="{y}" '
        f'data-label="{e(_short(entry.title))}" transform="translate(0 {y})" '
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


def _glance(selection: Selection) -> list[str]:
    out = [
        '<section id="glance" aria-labelledby="glance-heading">',
        f'<h2 id="glance-heading" class="visually-hidden">{e(PAGE_TEXT["picture"])}</h2>',
    ]
    dated = [entry for entry in selection.dated if entry.date is not None]
    if not dated:
        return [*out, "<p>No dated records to draw.</p>", "</section>"]
    extents = {entry.id: _extent(entry.date) for entry in dated if entry.date is not None}
    per_year: dict[int, int] = {}
    for entry in dated:
        x0, x1, _ = extents[entry.id]
        for year in {int(x0 // 1), int(x1 // 1)}:  # both ends' years get room on the axis
            per_year.setdefault(year, 0)
        per_year[int(x0 // 1)] += 1
    scale = _Scale(per_year)
    field_names, field_lane = _lanes(dated, "field")
    kind_names, kind_lane = _lanes(dated, "kind")
    top = _top_actors(selection)
    marks = []
    for entry in dated:
        assert entry.date is not None
        x0, x1, tail = extents[entry.id]
        rank = importance(selection, entry, top)
        marks.append(_marker(entry, entry.date, scale(x0), scale(x1), tail, int(x0 // 1),
                             (field_lane[entry.id], kind_lane[entry.id]), rank))  # fmt: skip
    peak = max(per_year.values()) or 1
    density = []
    for year, u0, u1, words in scale.ticks:
        n = per_year.get(year, 0)
        h = max(2.0, 26 * n / peak) if n else 0.0
        density.append(
            f'<rect data-year="{year}" x="{u0 * 100:.3f}%" width="{(u1 - u0) * 100:.3f}%" y="{30 - h:.1f}" '
            f'height="{h:.1f}"><title>{e(t("{year}: {n} records", year=words, n=n))}</title></rect>'
        )
    marks_text = [
        f'<text x="{(u0 + u1) * 50:.3f}%" y="42" text-anchor="middle">{e(words)}</text>'
        for year, u0, u1, words in scale.ticks
        if year % 5 == 0 or (u0, u1) == scale.ticks[0][1:3] or (u0, u1) == scale.ticks[-1][1:3]
    ]
    breaks = [
        f'<text x="{(u0 + u1) * 50:.3f}%" y="26" text-anchor="middle">⋯<title>{e(words)}</title></text>'
        for u0, u1, words in scale.gaps
    ]
    height = TOP + len(field_names) * (LABEL + ROW + 6)
    first, last = scale.ticks[0][0], scale.ticks[-1][0]
    described = PAGE_TEXT["described"].format(
        count=len(dated), first=year_label(first), last=year_label(last)
    )
    static_ticks = "".join(
        f'<line class="tick" x1="{u0 * 100:.3f}%" x2="{u0 * 100:.3f}%" y1="{TOP - 24}" y2="{height}"/>'
        for _, u0, _, _ in scale.ticks
    )
    out += [
        f'<div class="tl-tools" id="tl-tools" role="toolbar" aria-label="{e(PAGE_TEXT["tools"])}" hidden>',
        *(
            f'<button type="button" id="{i}" aria-label="{e(PAGE_TEXT[k])}" title="{e(PAGE_TEXT[k])}">{sign}</button>'
            for i, k, sign in (
                ("zoom-in", "zoom_in", "+"),
                ("zoom-out", "zoom_out", "−"),
                ("pan-left", "earlier", "←"),
                ("pan-right", "later", "→"),
            )
        ),  # fmt: skip
        f'<button type="button" id="zoom-reset">{e(PAGE_TEXT["whole"])}</button>',
        f'<button type="button" id="use-period">{e(PAGE_TEXT["use_period"])}</button>',
        '<span class="range" id="tl-range" aria-live="polite"></span>',
        "</div>",
        '<figure class="tl-figure" aria-labelledby="tl-caption">',
        f'<svg id="tl" class="tl" width="100%" height="{height}" role="group" aria-label="{e(described)}" '
        f'data-scale="{e(json_in_html([[round(t, 6), round(u, 6)] for t, u in scale.points]))}" '
        f'data-ticks="{e(json_in_html([[y, round(a, 6), round(b, 6), w] for y, a, b, w in scale.ticks]))}" '
        f'data-gaps="{e(json_in_html([[round(a, 6), round(b, 6), w] for a, b, w in scale.gaps]))}" '
        f'data-lanes-field="{e(json_in_html(field_names))}" data-lanes-kind="{e(json_in_html(kind_names))}">',
        f'<g id="tl-axis">{static_ticks}</g>',
        '<g id="tl-labels"></g>',
        '<g id="tl-lanes">' + _static_lanes(field_names) + "</g>",
        f'<g class="marks">{"".join(marks)}</g>',
        "</svg>",
        f'<svg id="tl-overview" class="tl-overview" role="img" aria-label="{e(PAGE_TEXT["overview"])}">',
        '<line class="base" x1="0" x2="100%" y1="30.5" y2="30.5"/>',
        f'<g class="density">{"".join(density)}</g>',
        f"<g>{''.join(breaks)}{''.join(marks_text)}</g>",
        '<rect id="tl-sel" class="sel" x="0" width="0" y="0" height="32" hidden/>',
        '<rect id="tl-brush" class="brush" x="0" width="100%" y="1" height="30"/>',
        '<rect id="tl-h0" class="handle" x="0" width="6" y="8" height="16" rx="2"/>',
        '<rect id="tl-h1" class="handle" x="0" width="6" y="8" height="16" rx="2"/>',
        "</svg>",
        f'<figcaption id="tl-caption">{e(described)} {e(PAGE_TEXT["how_to"])}</figcaption>',
        f'<ul class="legend" aria-label="{e(PAGE_TEXT["legend"])}">',
        *(
            f'<li><svg aria-hidden="true" viewBox="-11 -7 22 14">{shape}</svg> {e(PAGE_TEXT[key])}</li>'
            for shape, key in _LEGEND
        ),
        "</ul>",
        "</figure>",
        f'<section id="detail" tabindex="-1" aria-label="{e(PAGE_TEXT["detail"])}" hidden>'
        f'<button type="button" id="detail-close">{e(PAGE_TEXT["close"])}</button><div id="detail-body"></div></section>',
        "</section>",
    ]
    return out


# ----------------------------------------------------------------------------- the timeline


def _timeline(selection: Selection, citations: Citations) -> list[str]:
    out = [
        '<section id="timeline" aria-labelledby="timeline-heading">',
        f'<h2 id="timeline-heading">{e(t("Timeline"))}</h2>',
    ]
    if not selection.entries:
        out.append(f"<p>{e(t('No timeline records match these filters.'))}</p>")
    top = _top_actors(selection)
    for year, entries in selection.by_year():
        label = year_label(year)
        anchor = f"year-{label.lower().replace(' ', '-')}"
        out.append(f'<section class="year" id="{anchor}" aria-labelledby="{anchor}-h">')
        out.append(f'<h3 id="{anchor}-h">{e(label)}</h3>')
        out.append('<ol class="records">')
        out += [_record(selection, entry, citations, importance(selection, entry, top)) for entry in entries]
        out += ["</ol>", "</section>"]
    out += [f'<p id="no-match" hidden>{e(t("No timeline record matches these filters."))}</p>', "</section>"]
    return out


def _record(selection: Selection, entry: TimelineEntry, citations: Citations, rank: int = 0) -> str:
    places = [selection.place_name(p) for p in entry.places]
    actors = [selection.actor_name(a) for a in entry.actors]
    when = _time(entry.date) if entry.date else e(t("date unknown"))
    flag = f' · <span class="disputed-flag">{e(t("the sources disagree"))}</span>' if entry.disputed else ""
    lines = [
        f'<li class="record{" key" if rank >= 2 else ""}{" unsure" if _unsure(entry.date) else ""}" '
        f'id="r-{e(entry.id)}" data-id="{e(entry.id)}" '
        f'data-fields="{e(" ".join(entry.fields))}" data-spans="{_spans(entry.dates)}" '
        f'data-title="{e(entry.title)}" data-search="{e(selection.search_text(entry.id))}">',
        f'<p class="when">{when} · {e(term_label(("event_kind", "milestone_kind"), entry.kind))}{flag}</p>',
        f'<p class="title">{e(entry.title)}</p>',
    ]
    if entry.summary:
        lines.append(f'<p class="summary">{e(entry.summary)}</p>')
    meta = [f"{e(t('Fields'))}: {e(', '.join(term_label(('field',), f) for f in entry.fields))}"]
    if places:
        meta.append(f"{e(t('Places'))}: {e(', '.join(places))}")
    if actors:
        meta.append(f"{e(t('Actors'))}: {e(', '.join(actors))}")
    lines.append(f'<p class="meta">{" · ".join(meta)}</p>')
    linked = _linked_agreements(selection, entry)
    if linked:
        lines.append(f'<p class="meta">{e(t("Agreements"))}: {linked}</p>')
    if entry.note:
        lines.append(f'<p class="meta">{e(t("Note"))}: {e(entry.note)}</p>')
    lines += _disputes(selection, entry.disputes, citations)
    lines.append(f'<p class="meta">{e(t("Sources"))}: {_cite(citations.numbers(entry.sources))}</p>')
    lines.append("</li>")
    return "\n".join(lines)


def _unsure(when: EDTFDate | None) -> bool:
    """A date the sources give as uncertain or approximate, or as one day of a range."""
    return when is not None and (when.uncertain or when.approximate or when.one_of_set)


def _linked_agreements(selection: Selection, entry: TimelineEntry) -> str:
    """The agreements a record belongs to, each a link to its row (the stage held here named)."""
    stages = dict(entry.milestones)
    out = []
    for agreement_id in entry.agreements:
        title = selection.agreement_title(agreement_id)
        what = stages.get(agreement_id, "")
        words = what.replace("-", " ") if current() == "en" else term_label(("milestone_kind",), what)
        stage = f" ({e(words)})" if agreement_id in stages else ""
        shown = selection.has_agreement(agreement_id)
        text = f'<a href="#a-{e(agreement_id)}">{e(title)}</a>' if shown else e(title)
        out.append(text + stage)
    return "; ".join(out)


def _disputes(selection: Selection, disputes: Sequence[Dispute], citations: Citations) -> list[str]:
    """Each disagreement: its question, every reading with its sources, why the record leads with one."""
    out = []
    for dispute in disputes:
        topic = term_label(("dispute_topic",), dispute.about)
        if dispute.milestone:
            step = (
                dispute.milestone.replace("-", " ")
                if current() == "en"
                else term_label(("milestone_kind",), dispute.milestone)
            )
            flagged = t(
                "The sources disagree on the {topic} of the {milestone} milestone.",
                topic=topic,
                milestone=step,
            )
        else:
            flagged = t("The sources disagree on the {topic}.", topic=topic)
        question = f" {e(dispute.question)}" if dispute.question else ""
        out.append(f'<p class="meta"><span class="disputed-flag">{e(flagged)}</span>{question}</p>')
        out.append('<ul class="readings">')
        for reading in dispute.readings:
            value = date_label(reading.date.text) if reading.date else reading.value
            lead = f" <strong>({e(t('the record follows this'))})</strong>" if reading.lead else ""
            note = f" — {e(reading.note)}" if reading.note else ""
            out.append(f"<li>{e(value)}{lead}{note} {_cite(citations.numbers(reading.sources))}</li>")
        out += ["</ul>", f'<p class="meta">{e(t("Why"))}: {e(dispute.reason)}</p>']
    return out


def _link(url: str | None) -> str:
    """A link for an http(s) address; any other address as text, never as a link."""
    if not url:
        return ""
    if is_web_url(url):
        return f' <a href="{e(url)}" rel="noreferrer">{e(url)}</a>'
    return f" ({e(t('address'))}: {e(url)})"


# ----------------------------------------------------------------------------- agreements and trade


def _agreements(selection: Selection, citations: Citations) -> list[str]:
    out = [
        '<section id="agreements" aria-labelledby="agreements-heading">',
        f'<h2 id="agreements-heading">{e(t("Agreements"))}</h2>',
    ]
    if not selection.agreements:
        return [
            *out,
            f"<p>{e(t('No agreements match these filters.'))}</p>",
            '<p id="no-agreement" hidden></p>',
            "</section>",
        ]
    heads = tuple(e(t(h)) for h in ("Date", "Agreement", "Kind", "Status", "Milestones", "Sources"))
    counted = _count(len(selection.agreements), n_("{n} agreement"), n_("{n} agreements"))
    out += [
        '<table class="cards"><caption>'
        + e(t("{agreements}, with their stages", agreements=counted))
        + "</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead>",
        "<tbody>",
    ]
    for agreement in selection.agreements:
        row = agreement_row(agreement)
        stages = "; ".join(
            f"{term_label(('milestone_kind',), m['what'])} {date_label(m['date']) if m['date'] else t('(date unknown)')}"
            for m in row["milestones"]
        )
        flag = (
            f' <span class="disputed-flag">({e(t("the sources disagree"))})</span>'
            if agreement.disputes
            else ""
        )
        when = date_label(row["date"]) if row["date"] else t("unknown")
        kind, status = term_label(("agreement_kind",), row["kind"]), term_label(("status",), row["status"])
        cells = (e(when), e(row["title"]) + flag, e(kind), e(status), e(stages),
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
        f'<p id="no-agreement" hidden>{e(t("No agreement matches these filters."))}</p>',
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
    out = [
        '<section id="trade" aria-labelledby="trade-heading">',
        f'<h2 id="trade-heading">{e(t("Trade"))}</h2>',
    ]
    if not selection.trade:
        return [
            *out,
            f"<p>{e(t('No trade figures: {note}.', note=selection.trade_note))}</p>",
            '<p id="no-trade" hidden></p>',
            "</section>",
        ]
    listing = listing_builders.trade(selection.trade, countries=selection.countries)
    if current() != "en":
        from azma.l10n.render import localize_listing

        listing = localize_listing(listing)
    if listing.title:
        out.append(f"<p>{e(listing.title)}</p>")
    units = list(dict.fromkeys(f.row.unit for f in selection.trade))
    for number, unit in enumerate(units, start=1):
        figures = [f for f in selection.trade if f.row.unit == unit]
        out += bar_chart(figures, unit, f"chart-{number}", [_trade_attrs(selection, f) for f in figures])
    out += _trade_table(selection, listing, citations)
    out.append(
        f'<p id="no-trade" hidden>{e(t("No trade row matches these filters (trade rows have no fields)."))}</p>'
    )
    if listing.notes:
        out += [
            f"<h3>{e(t('Caveats'))}</h3>",
            "<ul>",
            *(f"<li>{e(note)}</li>" for note in listing.notes),
            "</ul>",
        ]
    return [*out, "</section>"]


def _trade_table(selection: Selection, listing: Listing, citations: Citations) -> list[str]:
    def cls(right: bool) -> str:
        return ' class="num"' if right else ""

    head = "".join(f'<th scope="col"{cls(c.justify == "right")}>{e(c.header)}</th>' for c in listing.columns)
    out = [
        f'<table class="cards"><caption>{e(t("Trade figures"))} ({e(listing.unit or "")})</caption>',
        f'<thead><tr>{head}<th scope="col">{e(t("Sources"))}</th></tr></thead>',
        "<tbody>",
    ]
    for figure, row in zip(selection.trade, listing.rows, strict=True):
        cells = "".join(
            f'<td{cls(c.justify == "right")} data-label="{e(c.header)}">'
            f"{e(flagged(row, c, cell_text(row.get(c.key), ', ', c.number))[0])}</td>"
            for c in listing.columns  # a bound or approximate figure keeps its mark (≤ ≥ ≈)
        )
        sources = _cite(citations.numbers(figure.row.sources))
        out.append(
            f'<tr {_trade_attrs(selection, figure)}>{cells}<td data-label="{e(t("Sources"))}">{sources}</td></tr>'
        )
    return [*out, "</tbody></table>"]


def _figure_kind(figure: TradeFigure) -> str:
    """How a trade figure is drawn: a ceiling or a floor (a bound, not a value), an approximate
    figure, one for part of the year, or a whole-year total."""
    row = figure.row
    if row.qualifier in ("at-most", "at-least", "approximate"):
        return row.qualifier
    return "part" if row.period is not None else "total"


_CHART_KEY = {  # kind -> its legend's shape (its words are PAGE_TEXT["chart_" + kind])
    "total": '<rect class="bar" x="2" y="2" width="22" height="12"/>',
    "part": '<rect class="bar part" x="3" y="3" width="20" height="10"/>',
    "approximate": '<rect class="bar approx" x="3" y="3" width="20" height="10"/>',
    "at-most": '<rect class="bound" x="3" y="3" width="20" height="11"/><path class="cap" d="M3,3H23M13,6V12M10,9L13,12L16,9"/>',
    "at-least": '<rect class="bar" x="3" y="7" width="20" height="7"/><path class="cap" d="M3,7H23M13,6V1M10,4L13,1L16,4"/>',
}
_SIGN = {"approximate": "~", "at-most": "≤ ", "at-least": "≥ "}


def _months(figure: TradeFigure) -> str:
    period = figure.row.period
    if period is None:
        return ""
    first, last = period.start, period.end
    return f"{first:%b}–{last:%b}" if first.month != last.month else f"{first:%b}"


def bar_chart(
    figures: Sequence[TradeFigure], unit: str, chart_id: str, attrs: Sequence[str] = ()
) -> list[str]:
    """Turnover by year as an inline SVG bar chart (one unit per chart), described for readers.
    A whole-year total is a solid bar; a part-year figure an outlined bar with its months; an
    approximate one a pale dashed bar; a ceiling a dashed outline capped by an arrow down, a
    floor a bar with an arrow up. The scale is set by the values, never by a bound: a ceiling
    above them runs off the top, broken. A legend names each kind drawn."""
    several = len({f.row.reporter for f in figures}) > 1
    slot_w = 84 if several else 64  # room for each label, so none runs into the next
    width, height, top, side = max(520, len(figures) * slot_w + 16), 270, 40, 8
    bottom = 62 if several else 48
    plot_h = height - top - bottom
    slot = (width - 2 * side) / max(len(figures), 1)
    kinds = [_figure_kind(f) for f in figures]
    values = [f.row.turnover for f, k in zip(figures, kinds, strict=True) if k not in ("at-most", "at-least")]
    peak = max(values or [f.row.turnover for f in figures] or [0.0]) or 1.0
    bars = []
    for index, (figure, kind) in enumerate(zip(figures, kinds, strict=True)):
        row = figure.row
        x = side + index * slot + slot * 0.15
        w = slot * 0.7
        middle = x + w / 2
        over_top = row.turnover > peak * 1.08
        bar_h = plot_h if over_top else max(row.turnover / peak * plot_h, 0.0)
        y = top + plot_h - bar_h
        base = top + plot_h
        sign = _SIGN.get(kind, "")
        exact = f"{sign}{row.turnover:,.2f} {unit}"
        extra = f" {attrs[index]}" if index < len(attrs) else ""
        when = row.period.text if row.period else str(row.year)
        words = PAGE_TEXT[f"chart_{kind}"]
        shape = f"<title>{e(when)} {e(row.reporter)}: {e(exact)} ({e(words)})</title>"
        if kind == "at-most":
            body = (
                f'<rect class="bound" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h:.1f}">{shape}</rect>'
                f'<path class="cap" d="M{x:.1f},{y:.1f}H{x + w:.1f}M{middle:.1f},{y + 6:.1f}V{y + 22:.1f}'
                f'M{middle - 5:.1f},{y + 17:.1f}L{middle:.1f},{y + 22:.1f}L{middle + 5:.1f},{y + 17:.1f}"/>'
            )
        elif kind == "at-least":
            body = (
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h:.1f}">{shape}</rect>'
                f'<path class="cap" d="M{x:.1f},{y:.1f}H{x + w:.1f}M{middle:.1f},{y - 2:.1f}V{y - 16:.1f}'
                f'M{middle - 5:.1f},{y - 11:.1f}L{middle:.1f},{y - 16:.1f}L{middle + 5:.1f},{y - 11:.1f}"/>'
            )
        else:
            cls = {"total": "bar", "part": "bar part", "approximate": "bar approx"}[kind]
            body = f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h:.1f}">{shape}</rect>'
        if over_top:  # a break where the column leaves the drawing: its height is not to scale
            body += f'<path class="axis" d="M{x - 3:.1f},{y + 14:.1f}l{w + 6:.1f},-6M{x - 3:.1f},{y + 20:.1f}l{w + 6:.1f},-6"/>'
        label_y = y - 6 if kind != "at-least" else y - 20
        value = f'<text x="{middle:.1f}" y="{max(label_y, 14):.1f}" text-anchor="middle">{e(sign + f"{row.turnover:,.0f}")}</text>'
        months = _months(figure)
        lines = [e(str(row.year))]
        if months:
            lines.append(f'<tspan x="{middle:.1f}" dy="15" class="small">{e(months)}</tspan>')
        if several:
            lines.append(f'<tspan x="{middle:.1f}" dy="15" class="small">{e(row.reporter)}</tspan>')
        bars.append(
            f'<g data-kind="{kind}"{extra}>{body}{value}'
            f'<text x="{middle:.1f}" y="{base + 20}" text-anchor="middle">{"".join(lines)}</text></g>'
        )
    caption = PAGE_TEXT["chart_caption"].format(unit=unit)
    described = "; ".join(
        f"{f.row.period.text if f.row.period else f.row.year}{' ' + f.row.reporter if several else ''}: "
        f"{_SIGN.get(k, '')}{f.row.turnover:,.2f}" + ("" if k == "total" else f" ({PAGE_TEXT['chart_' + k]})")
        for f, k in zip(figures, kinds, strict=True)
    )
    drawn = [k for k in _CHART_KEY if k in kinds]
    legend = [
        f'<ul class="legend chart-legend" aria-label="{e(PAGE_TEXT["chart_legend"])}">',
        *(
            f'<li><svg class="chart" aria-hidden="true" viewBox="0 0 26 16">{_CHART_KEY[k]}</svg> '
            f"{e(PAGE_TEXT['chart_' + k])}</li>"
            for k in drawn
        ),
        "</ul>",
    ]
    return [
        "<figure>",
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{e(caption)}</title>',
        f'<desc id="{chart_id}-desc">{e(described)} ({e(unit)})</desc>',
        f'<text x="{side}" y="16" class="small">{e(unit)}</text>',
        *bars,
        f'<line class="axis" x1="{side}" y1="{top + plot_h}" x2="{width - side}" y2="{top + plot_h}"/>',
        "</svg>",
        *(legend if len(drawn) > 1 or drawn != ["total"] else []),
        f"<figcaption>{e(caption)} {e(PAGE_TEXT['chart_note'])}</figcaption>",
        "</figure>",
    ]


def _sources(citations: Citations) -> list[str]:
    out = [
        '<section id="sources" aria-labelledby="sources-heading">',
        f'<h2 id="sources-heading">{e(t("Sources"))}</h2>',
    ]
    if not citations.sources:
        return [*out, f"<p>{e(t('No records, so no sources.'))}</p>", "</section>"]
    out.append('<ol class="sources">')
    for number, source in citations.numbered():
        out.append(f'<li id="source-{number}">{e(source_text(source))}{_link(source.url)}</li>')
    return [*out, "</ol>", "</section>"]
