"""TimelineJS3 JSON: the document https://timeline.knightlab.com reads (its 'JSON format').

    {"title": {"text": {"headline", "text"}},
     "events": [{"start_date": {"year", "month"?, "day"?}, "end_date"?: {…},
                 "text": {"headline", "text"}, "group", "unique_id", "display_date"?}]}

Every EDTF form is placed deliberately. Dates carry only the parts the data knows: a year-only
record (``2019``, ``2019-XX``) has just `year`, a month (``2019-03``, ``2019-03-XX``) `year` and
`month`, a day (also with a time) all three. What TimelineJS has no unit for becomes the span it
means: a season (``2019-21``) runs from its first to its last month, a decade (``201X``) or
century (``20XX``) from its first to its last year. Intervals get an `end_date` at their known
end's last part; an open (``..``) or unknown (empty) end is left out and the start of
``../2019`` is its known end. `display_date` says in words any date that is not a plain day,
month, year or interval (its gloss: "spring 2019", "from 2019, open end", "2019-03-05
(uncertain)"). Years before 1 and after 9999 are given as TimelineJS's plain (astronomical)
year numbers. Undated records are left out: TimelineJS cannot place them, and `coverage` says
how many.

Slide text is HTML (escaped data) ending with the sources; only http(s) addresses become links.
"""

from __future__ import annotations

from html import escape
from typing import Any

from azma.dates import EDTFDate, parse_edtf
from azma.formats.citations import source_text
from azma.formats.listing import Coverage, ExportOptions, gloss
from azma.query.selection import Selection
from azma.query.timeline import TimelineEntry
from azma.safe import dump_json, for_terminal, is_web_url

_SPANS = ("season", "decade", "century")  # no TimelineJS unit: given as first and last part


def date_parts(point: EDTFDate, last: bool = False) -> dict[str, int]:
    """One end of a date (not an interval) as TimelineJS date parts, only the known ones."""
    year = point.end_year if last else point.start_year
    day = point.end if last else point.start
    parts = {"year": day.year if year is None else year}
    if point.precision in ("season", "month", "day") and 1 <= parts["year"] <= 9999:
        parts["month"] = day.month
        if point.precision == "day":
            parts["day"] = day.day
    return parts


def slide_dates(d: EDTFDate) -> dict[str, Any]:
    """`start_date`, `end_date` (spans and intervals with a known end) and `display_date`."""
    out: dict[str, Any] = {}
    if d.one_of_set:  # one day (month, year) we do not know: placed at its first known candidate
        candidate = parse_edtf(d.text[1:-1].partition("..")[0 if d.start_kind == "known" else 2])
        out["start_date"] = date_parts(candidate)
    elif not d.interval:
        out["start_date"] = date_parts(d)
        if d.precision in _SPANS:
            out["end_date"] = date_parts(d, last=True)
    else:
        left, _, right = d.text.partition("/")
        first = parse_edtf(left) if d.start_kind == "known" else None
        last = parse_edtf(right) if d.end_kind == "known" else None
        known = first if first is not None else last
        assert known is not None  # an interval has at least one known end
        out["start_date"] = date_parts(known)
        if first is not None and last is not None:
            out["end_date"] = date_parts(last, last=True)
    words = gloss(d.text)  # in the run's language (azma.formats.listing.gloss)
    if words is not None:
        out["display_date"] = words
    return out


def coverage(selection: Selection, options: ExportOptions) -> Coverage:
    """Every dated record is a slide; undated ones are left out."""
    undated = len(selection.undated)
    return Coverage(
        len(selection.dated), ((undated, "undated (TimelineJS cannot place them)"),) if undated else ()
    )


def h(text: str) -> str:
    """Data as slide HTML: markup escaped, control characters (ESC, BEL…) written visibly."""
    return escape(for_terminal(text, keep_newlines=True))


def export_timelinejs(selection: Selection, options: ExportOptions) -> str:
    span = selection.span()
    intro = f"{len(selection.dated)} dated records"
    if span:
        intro += f" from {span[0]} to {span[1]}"
    document = {
        "title": {
            "text": {
                "headline": h(selection.title),
                "text": f"<p>{h(intro)}.</p><p>Filters: {h(selection.filters_text())}.</p>",
            }
        },
        "events": [
            _slide(selection, e, e.date, options.group) for e in selection.entries if e.date is not None
        ],
    }
    return dump_json(document) + "\n"


def _slide(selection: Selection, entry: TimelineEntry, when: EDTFDate, group: str) -> dict[str, Any]:
    paragraphs = []
    if entry.summary:
        paragraphs.append(f"<p>{h(entry.summary)}</p>")
    facts = [f"{entry.kind}", ", ".join(entry.fields)]
    if entry.places:
        facts.append(", ".join(selection.place_name(p) for p in entry.places))
    paragraphs.append(f"<p>{h(' · '.join(facts))}</p>")
    stages = selection.agreement_stages(entry)
    if stages:
        paragraphs.append(f"<p>Agreements: {h('; '.join(stages))}</p>")
    if entry.note:
        paragraphs.append(f"<p><em>Note:</em> {h(entry.note)}</p>")
    cited = []
    for source in selection.sources_of(entry.sources):
        text = h(source_text(source))
        if source.url and is_web_url(source.url):
            text += f' <a href="{h(source.url)}">{h(source.url)}</a>'
        elif source.url:
            text += f" (address given as text: {h(source.url)})"
        cited.append(f"<li>{text}</li>")
    paragraphs.append(f"<p>Sources:</p><ul>{''.join(cited)}</ul>")
    return {
        **slide_dates(when),
        "text": {"headline": h(entry.title), "text": "".join(paragraphs)},
        **_group(entry, group),
        "unique_id": entry.id,
    }


def _group(entry: TimelineEntry, group: str) -> dict[str, str]:
    """TimelineJS's `group`: the record's first field or its kind; none by default, since each
    group takes a row of its own and 19 fields left the markers a third of the strip."""
    if group == "field":
        return {"group": entry.fields[0] if entry.fields else entry.kind}
    if group == "kind":
        return {"group": entry.kind}
    return {}
